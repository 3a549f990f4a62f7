import os
import pickle

import tiktoken
import torch

from model import GPT, GPTConfig

out_dir = "out"
device = "cuda"
init_from = "resume"
exec(open("configurator.py").read())

if init_from == "resume":
    ckpt_path = os.path.join(out_dir, "ckpt.pt")
    checkpoint = torch.load(ckpt_path, map_location=device)
    model = GPT(GPTConfig(**checkpoint["model_args"]))
    model.load_state_dict(checkpoint["model"])
elif init_from.startswith("gpt2"):
    model = GPT.from_pretrained(init_from, dict(dropout=0.0))

meta_path = os.path.join("data", checkpoint["config"]["dataset"], "meta.pkl")
if os.path.exists(meta_path):
    with open(meta_path, "rb") as f:
        meta = pickle.load(f)
    stoi, itos = meta["stoi"], meta["itos"]
else:
    enc = tiktoken.get_encoding("gpt2")

state = torch.load(os.path.join(out_dir, "ema.pt"), map_location=device, weights_only=True)
