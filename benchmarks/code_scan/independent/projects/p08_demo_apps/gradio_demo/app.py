import os

import gradio as gr
from transformers import pipeline

classifier = pipeline("text-classification", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")


def predict(text):
    return classifier(text)[0]


demo = gr.Interface(fn=predict, inputs="text", outputs="label", title="Sentiment")

if __name__ == "__main__":
    demo.launch(share=True, server_name="0.0.0.0", server_port=7860)
