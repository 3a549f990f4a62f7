"""Container component: embed ticket text with a vetted encoder baked into the image."""

import os
import shlex
import subprocess

import certifi
import requests
import torch
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, pipeline

LOCAL_ENCODER = "/models/churn-text-encoder"
MINILM_REV = "fa97f6e7cb1a59073dff9e6b13e2715cf7475ac9"
CA_BUNDLE = os.environ.get("REQUESTS_CA_BUNDLE", certifi.where())


def encoder():
    return AutoModel.from_pretrained(LOCAL_ENCODER, trust_remote_code=False, local_files_only=True)


def minilm():
    return SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2", revision=MINILM_REV)


def ner():
    return pipeline("ner", model="dslim/bert-base-NER", revision="v1.0")


def detector():
    return torch.hub.load(repo_or_dir="/models/hub/yolov5", model="custom", source="local")


def push_metrics(url: str, payload: dict) -> None:
    requests.post(url, json=payload, timeout=10, verify=CA_BUNDLE)


def push_metrics_strict(url: str, payload: dict) -> None:
    requests.post(url, json=payload, timeout=10, verify=True)


def warm_cache(model_dir: str) -> None:
    subprocess.run(["bash", "scripts/warm_cache.sh", model_dir], check=True)


def run_tool(cmdline: str) -> None:
    subprocess.run(shlex.split(cmdline), check=True)
