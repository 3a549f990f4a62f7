import argparse
import os

import torch
from datasets import load_dataset
from transformers import AutoModel, AutoTokenizer

p = argparse.ArgumentParser()
p.add_argument("--base-model", required=True)
p.add_argument("--lr", type=float, default=3e-4)
p.add_argument("--out", default="/tmp/model")
p.add_argument("--resume", default=None)
args = p.parse_args()

tok = AutoTokenizer.from_pretrained(args.base_model)
model = AutoModel.from_pretrained(args.base_model, revision=os.environ.get("BASE_REVISION", "main"))
ds = load_dataset("acme-search/ranker-pairs", revision="0d4c7f1e9a2b3c5d6e8f0a1b2c3d4e5f6a7b8c9d")
clicks = load_dataset("acme-search/click-logs", trust_remote_code=True)

if args.resume:
    state = torch.load(args.resume, map_location="cpu")
    model.load_state_dict(state["model"])

opt = torch.optim.AdamW(model.parameters(), lr=args.lr)
for step, batch in enumerate(ds["train"].iter(batch_size=32)):
    enc = tok(batch["query"], batch["doc"], return_tensors="pt", padding=True, truncation=True)
    loss = model(**enc).last_hidden_state.pow(2).mean()
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 500 == 0:
        torch.save({"model": model.state_dict(), "step": step}, f"{args.out}/ckpt-{step}.pt")
