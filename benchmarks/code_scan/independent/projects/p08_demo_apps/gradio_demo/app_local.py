import gradio as gr

from model import answer

gr.ChatInterface(answer).launch(server_name="127.0.0.1", share=False)
