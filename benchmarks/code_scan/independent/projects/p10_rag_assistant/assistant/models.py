"""Model loading for the assistant: embeddings, reranker, generator."""

import os

import torch
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

GEN_ID = os.environ.get("GEN_MODEL", "Qwen/Qwen2.5-7B-Instruct")
GEN_REV = os.environ.get("GEN_REVISION")


def embedder():
    return SentenceTransformer("nomic-ai/nomic-embed-text-v1.5", trust_remote_code=True)


def embedder_builtin():
    return SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2", revision="c9745ed1d9f207416be6d2e6f8de32d1f16199bf")


def generator():
    tok = AutoTokenizer.from_pretrained(GEN_ID, revision=GEN_REV)
    model = AutoModelForCausalLM.from_pretrained(GEN_ID, revision=GEN_REV, trust_remote_code=False, torch_dtype=torch.bfloat16)
    return tok, model


def reranker():
    return pipeline(
        "text-classification",
        model="jinaai/jina-reranker-v2-base-multilingual",
        trust_remote_code=True,
        revision="2f894e63642a95228da19cdd583cd2309983c867",
    )


def hub_detector():
    return torch.hub.load("ultralytics/yolov5:v7.0", "yolov5s", trust_repo=True)


def hub_midas():
    return torch.hub.load("intel-isl/MiDaS", "MiDaS_small", trust_repo=True)


def hub_local(repo_dir: str):
    return torch.hub.load(repo_dir, "custom", source="local")


def load_adapter(path: str, use_remote: bool = False):
    from peft import PeftModel

    base = AutoModelForCausalLM.from_pretrained(GEN_ID, trust_remote_code=use_remote)
    return PeftModel.from_pretrained(base, path)
