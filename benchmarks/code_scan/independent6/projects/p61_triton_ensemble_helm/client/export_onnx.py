import json
import os

import onnxruntime as ort
import requests
import torch
import urllib3
from safetensors.torch import load_file

urllib3.disable_warnings()
weights = load_file("model_repository/reranker/1/head.safetensors")
sess = ort.InferenceSession("model_repository/reranker/1/head.onnx", providers=["CPUExecutionProvider"])
with open("model_repository/reranker/1/labels.json") as fh:
    labels = json.load(fh)
card = requests.get("https://huggingface.co/api/models/cross-encoder/ms-marco-MiniLM-L-6-v2", timeout=10, verify="/etc/ssl/certs/corp-ca.pem")
token = os.environ.get("HF_TOKEN", "")
TRITON_ADMIN_TOKEN = "<set-in-vault>"
