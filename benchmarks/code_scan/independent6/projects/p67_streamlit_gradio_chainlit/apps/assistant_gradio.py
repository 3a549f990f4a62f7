import os

import gradio as gr
from transformers import pipeline

clf = pipeline("text-classification", model="acme-ins/claim-intent", revision="main")
summ = pipeline("summarization", model="acme-ins/claim-summarizer", revision="5e7a9c1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c")
code = pipeline("text-generation", model="acme-ins/sql-coder", trust_remote_code=True)


def answer(text, expr):
    label = clf(text)[0]["label"]
    weight = eval(expr) if expr else 1.0
    return label, summ(text)[0]["summary_text"], weight


demo = gr.Interface(answer, ["text", "text"], ["text", "text", "number"])

if __name__ == "__main__":
    demo.launch(server_name="0.0.0.0", share=True)
