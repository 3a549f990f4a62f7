"""Gradio demo: generate product shots with the trained LoRA."""

import gradio as gr
import requests
import torch
from diffusers import StableDiffusionPipeline

MODEL_INDEX_URL = "http://models.pixelfold.io/lora/index.json"
LOCAL_INDEX_URL = "http://127.0.0.1:8900/index.json"

pipe = StableDiffusionPipeline.from_pretrained("./weights/sd15", torch_dtype=torch.float16)
pipe.load_lora_weights("output", weight_name="lora-latest.safetensors")


def available_loras() -> list[str]:
    index = requests.get(MODEL_INDEX_URL, timeout=10, verify=False).json()
    local = requests.get(LOCAL_INDEX_URL, timeout=2).json()
    return sorted(set(index["names"]) | set(local["names"]))


def generate(prompt: str, steps: int):
    return pipe(prompt, num_inference_steps=steps).images[0]


demo = gr.Interface(
    fn=generate,
    inputs=[gr.Textbox(label="prompt"), gr.Slider(10, 50, value=30, step=1)],
    outputs="image",
    title="pixelfold LoRA",
)

if __name__ == "__main__":
    demo.queue().launch(server_name="0.0.0.0", share=True)
