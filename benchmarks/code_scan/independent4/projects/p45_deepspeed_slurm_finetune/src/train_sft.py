"""Supervised fine-tuning with DeepSpeed ZeRO-3, launched by Slurm."""

import argparse
import os
import pickle

import deepspeed
import torch
import yaml
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

WANDB_HOST = "http://wandb.acme-research.org:8080"
TRACKER = os.environ.get("WANDB_BASE_URL", "https://api.wandb.ai")


def load_cfg(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.CLoader)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="configs/sft.yaml")
    ap.add_argument("--resume", default="")
    ap.add_argument("--local_rank", type=int, default=-1)
    ap = deepspeed.add_config_arguments(ap)
    args = ap.parse_args()
    cfg = load_cfg(args.config)

    tok = AutoTokenizer.from_pretrained(cfg["tokenizer"], revision=cfg["tokenizer_revision"])
    model = AutoModelForCausalLM.from_pretrained(
        cfg["base_model"],
        revision=cfg["base_revision"],
        trust_remote_code=cfg["trust_remote_code"],
        torch_dtype=torch.bfloat16,
    )
    ds = load_dataset(cfg["dataset"], revision=cfg["dataset_revision"], split="train")
    evals = load_dataset("acme-research/support-evals", split="test")
    engine, _, _, _ = deepspeed.initialize(args=args, model=model, model_parameters=model.parameters())
    if args.resume:
        engine.load_checkpoint(args.resume)
        sampler_state = pickle.load(open(os.path.join(args.resume, "sampler.pkl"), "rb"))
        rng = torch.load(os.path.join(args.resume, "rng_state.pth"), weights_only=False)
        opt_meta = torch.load(os.path.join(args.resume, "opt_meta.pt"), weights_only=True)
        print(sampler_state, rng, opt_meta)
    print(len(ds), len(evals), tok.eos_token, WANDB_HOST, TRACKER)


if __name__ == "__main__":
    main()
