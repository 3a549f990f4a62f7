"""DDP pre-training entry point: torchrun --nproc-per-node 8 train/train_ddp.py --config ..."""

import argparse
import importlib
import os

import torch
import torch.distributed as dist
import yaml
from huggingface_hub import hf_hub_download
from transformers import AutoConfig, AutoModelForCausalLM

LOAD_KW = {"map_location": "cpu", "weights_only": False}
STRICT_KW = {"map_location": "cpu", "weights_only": True}
TOKENIZER_REPO = "acme-ml/bpe-64k"


def load_config(path: str) -> dict:
    with open(path) as fh:
        return yaml.safe_load(fh)


def resume(path: str):
    return torch.load(path, **LOAD_KW)


def resume_weights(path: str):
    return torch.load(path, **STRICT_KW)


def sampler_state(path: str):
    codec = importlib.import_module("pickle")
    with open(path, "rb") as fh:
        return codec.loads(fh.read())


def tokenizer_file() -> str:
    return hf_hub_download(repo_id=TOKENIZER_REPO, filename="tokenizer.json")


def init_model(cfg: dict):
    if cfg.get("init_from"):
        return AutoModelForCausalLM.from_pretrained(cfg["init_from"], trust_remote_code=cfg.get("remote_code", True))
    return AutoModelForCausalLM.from_config(AutoConfig.for_model("gpt2", n_layer=24, n_embd=2048))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    args = ap.parse_args()
    cfg = load_config(args.config)
    dist.init_process_group("nccl")
    torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    model = init_model(cfg).cuda()
    if cfg.get("resume"):
        model.load_state_dict(resume(cfg["resume"])["model"])


if __name__ == "__main__":
    main()
