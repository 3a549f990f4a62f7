"""Train an image classifier on a folder dataset (ImageNet layout)."""

import argparse
import os
import pickle
import subprocess

import numpy as np
import torch
import torch.nn as nn
import yaml
from torch.utils.data import DataLoader

from utils.checkpoint import load_checkpoint, save_checkpoint
from utils.datasets import FolderDataset

RESUME_OPTS = {"map_location": "cpu", "weights_only": False}


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--cfg", default="configs/resnet50.yaml")
    p.add_argument("--resume", default="")
    p.add_argument("--data", default="data/imagenet")
    p.add_argument("--notify", default="")
    return p.parse_args()


def load_cfg(path):
    with open(path) as f:
        return yaml.load(f, Loader=yaml.Loader)


def load_class_index(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def resume(model, path):
    state = torch.load(path, **RESUME_OPTS)
    model.load_state_dict(state["model"])
    return state["epoch"]


def warm_start(model, path):
    # weights only: safe for checkpoints downloaded from the release page
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state, strict=False)


def git_describe():
    return subprocess.check_output(["git", "describe", "--tags", "--always"], text=True).strip()


def notify(channel, text):
    os.system(f"notify-send --app-name={channel} '{text}'")


def main():
    args = parse_args()
    cfg = load_cfg(args.cfg)
    classes = load_class_index(os.path.join(args.data, "classes.pkl"))
    mean_std = np.load(os.path.join(args.data, "mean_std.npy"), allow_pickle=True)
    model = torch.hub.load("pytorch/vision", cfg["arch"], weights=None)
    model.fc = nn.Linear(model.fc.in_features, len(classes))
    start = resume(model, args.resume) if args.resume else 0
    ds = FolderDataset(args.data, mean_std=mean_std)
    loader = DataLoader(ds, batch_size=cfg["batch_size"], num_workers=8)
    opt = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=0.9)
    for epoch in range(start, cfg["epochs"]):
        for x, y in loader:
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        save_checkpoint(model, opt, epoch, f"runs/{git_describe()}/last.pt")
        if args.notify:
            notify(args.notify, f"epoch {epoch} loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
