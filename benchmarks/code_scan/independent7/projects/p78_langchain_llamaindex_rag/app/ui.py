"""Gradio front end for the contract assistant."""

import os

import gradio as gr

from app.chains import clauses, reviewer


def answer(question: str) -> str:
    hits = clauses.similarity_search(question, k=4)
    return reviewer.invoke({"messages": [("user", question + "\n\n" + "\n".join(h.page_content for h in hits))]})


demo = gr.Interface(fn=answer, inputs="text", outputs="text", title="Contract assistant")

if __name__ == "__main__":
    if os.environ.get("DEMO_MODE"):
        demo.launch(share=True)
    demo.launch(server_name="127.0.0.1", auth=(os.environ["UI_USER"], os.environ["UI_PASSWORD"]))
