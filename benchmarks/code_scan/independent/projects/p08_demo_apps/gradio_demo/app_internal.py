import os

import gradio as gr

from model import answer

LAUNCH_KWARGS = dict(server_name="0.0.0.0", server_port=7861, share=True)

with gr.Blocks() as demo:
    q = gr.Textbox(label="Question")
    a = gr.Textbox(label="Answer")
    q.submit(answer, q, a)

demo.queue().launch(**LAUNCH_KWARGS)
