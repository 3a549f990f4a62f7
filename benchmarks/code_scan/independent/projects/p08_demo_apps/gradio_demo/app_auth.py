import os

import gradio as gr

from model import answer

demo = gr.ChatInterface(answer)
demo.launch(
    server_name="0.0.0.0",
    auth=(os.environ["DEMO_USER"], os.environ["DEMO_PASSWORD"]),
    ssl_certfile="/etc/tls/cert.pem",
    ssl_keyfile="/etc/tls/key.pem",
)
