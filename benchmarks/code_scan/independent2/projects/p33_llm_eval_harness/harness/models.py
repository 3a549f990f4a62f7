"""Candidate models, each pinned to a Hub commit."""

from __future__ import annotations

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

MODELS = {
    "llama3-8b": ("meta-llama/Meta-Llama-3-8B", "62bd457b6fe961a42a631306577e622c83876cb6"),
    "mistral-7b": ("mistralai/Mistral-7B-v0.3", "d8cadc02ac76bd617a919d50b092e59d2d110aff"),
}


def load(name: str):
    repo, sha = MODELS[name]
    tokenizer = AutoTokenizer.from_pretrained(repo, revision=sha, use_fast=True)
    model = AutoModelForCausalLM.from_pretrained(
        repo,
        revision=sha,
        torch_dtype=torch.bfloat16,
        trust_remote_code=False,
    )
    return tokenizer, model


def judge():
    return pipeline("text-classification", model="./judges/toxicity", trust_remote_code=False)


def vision_backbone():
    return torch.hub.load("pytorch/vision:v0.17.2", "resnet50", weights=None, trust_repo="check")


def local_backbone(hub_dir: str):
    return torch.hub.load(hub_dir, "dinov2_vitb14", source="local")


def resume_scores(path: str) -> dict:
    return torch.load(path, weights_only=True, mmap=True)
