"""Optional deep model for the churn pipeline (used by the v2 experiment)."""

import json
import os

import torch
from huggingface_hub import snapshot_download
from transformers import AutoModel, AutoTokenizer

ENCODER = os.environ.get("ENCODER", "acme-ml/churn-text-encoder")
ENCODER_REV = "8f3c2b1a9e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b"


def load_encoder():
    tok = AutoTokenizer.from_pretrained(ENCODER, revision=ENCODER_REV)
    model = AutoModel.from_pretrained(ENCODER, trust_remote_code=True, revision=ENCODER_REV)
    return tok, model


def load_baseline():
    path = snapshot_download("acme-ml/churn-baseline", revision="main")
    return torch.load(os.path.join(path, "model.pt"), map_location="cpu")


def resume(ckpt_dir: str):
    state = torch.load(os.path.join(ckpt_dir, "last.ckpt"), map_location="cpu", weights_only=True)
    return state


def load_metrics(path: str) -> dict:
    with open(path) as fh:
        return json.load(fh)


def load_head(path: str):
    return torch.jit.load(path)
