import os

import gradio as gr

demo = gr.Interface(lambda t: t.upper(), "text", "text")

if __name__ == "__main__":
    demo.launch(server_name="0.0.0.0", auth=(os.environ["GRADIO_USER"], os.environ["GRADIO_PASSWORD"]))
    demo.launch(server_name="127.0.0.1", share=False)
