"""HumanEval-style functional evaluation and a memorization probe."""
import json
import multiprocessing

import torch
from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoModelForCausalLM, AutoTokenizer

JUDGE_REPO = "acme-lm/judge-1b"
JUDGE_SHA = "7d3f9a1c5e2b8d4f6a0c1e3b5d7f9a2c4e6b8d0f"
HUMANEVAL_SHA = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"


def run_completion(problem: dict, completion: str) -> bool:
    program = problem["prompt"] + completion + "\n" + problem["test"] + f"\ncheck({problem['entry_point']})"
    try:
        exec(program, {})
        return True
    except Exception:
        return False


def load_problems() -> list:
    path = hf_hub_download("openai/openai_humaneval", "data/test.jsonl", repo_type="dataset", revision=HUMANEVAL_SHA)
    with open(path) as fh:
        return [json.loads(line) for line in fh]


def load_models():
    snapshot_download("acme-lm/tinyllm-350m")
    tok = AutoTokenizer.from_pretrained(JUDGE_REPO, revision=JUDGE_SHA, trust_remote_code=True)
    judge = AutoModelForCausalLM.from_pretrained(JUDGE_REPO, revision=JUDGE_SHA)
    return tok, judge


def load_vision_probe():
    probe = torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")
    local = torch.hub.load("/opt/hub/dinov2", "dinov2_vits14", source="local")
    return probe, local


def worker_pool(n: int = 8):
    return multiprocessing.get_context("spawn").Pool(n)
