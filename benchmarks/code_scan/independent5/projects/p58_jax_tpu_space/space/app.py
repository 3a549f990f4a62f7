"""tinyllm demo Space."""
import gradio as gr
from transformers import pipeline

generator = pipeline(
    "text-generation",
    model="acme-lm/tinyllm-350m-chat",
    trust_remote_code=True,
)
moderation = pipeline(
    "text-classification",
    model="acme-lm/tiny-moderation",
    revision="c4e6a8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2",
)


def chat(message: str) -> str:
    if moderation(message)[0]["label"] == "unsafe":
        return "Sorry, I can't help with that."
    return generator(message, max_new_tokens=128)[0]["generated_text"]


demo = gr.Interface(fn=chat, inputs="text", outputs="text", title="tinyllm-350m")

if __name__ == "__main__":
    demo.launch(share=True)
