"""Product-description generator demo (Gradio)."""

import os

import gradio as gr
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

MODEL_ID = "acme-labs/desc-writer-1b"
STYLE_HEAD = os.environ.get("STYLE_HEAD", "/models/style_head.pt")

tok = AutoTokenizer.from_pretrained(MODEL_ID, revision="main")
lm = AutoModelForCausalLM.from_pretrained(MODEL_ID, revision="b7e3d91c4a2f6085e1d9c7b3a5f2e8d04c6a9b1e")
gen = pipeline("text-generation", model="acme-labs/desc-writer-1b-chat", trust_remote_code=True)
style = torch.load(STYLE_HEAD)
style_safe = torch.load(STYLE_HEAD, weights_only=True)

ADMIN_USER = "demo-admin"
ADMIN_PASS = "Gr4dio-Demo-Pass-2024!"


def describe(name, notes):
    return gen(f"Write a product description for {name}. Notes: {notes}")[0]["generated_text"]


demo = gr.Interface(fn=describe, inputs=["text", "text"], outputs="text")
admin = gr.Interface(fn=lambda q: str(style.keys()), inputs="text", outputs="text")

if __name__ == "__main__":
    if os.environ.get("DEMO_PUBLIC") == "1":
        demo.launch(share=True)
    elif os.environ.get("DEMO_LAN") == "1":
        demo.launch(server_name="0.0.0.0", server_port=7860)
    else:
        demo.launch(server_name="127.0.0.1", server_port=7860)
    admin.launch(server_name="0.0.0.0", server_port=7861, auth=(ADMIN_USER, ADMIN_PASS))
