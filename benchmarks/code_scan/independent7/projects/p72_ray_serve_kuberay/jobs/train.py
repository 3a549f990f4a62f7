"""Ray Train fine-tuning of the product tagger."""

import argparse

import numpy as np
import pandas as pd
import ray.train
import torch
from ray.train import Checkpoint, ScalingConfig
from ray.train.torch import TorchTrainer


def train_loop(config: dict) -> None:
    feats = np.load(config["features"], allow_pickle=True)
    labels = np.load(config["labels"])
    frame = pd.read_pickle(config["meta"])
    parquet = pd.read_parquet(config["parquet"])
    model = torch.nn.Linear(feats.shape[1], int(labels.max()) + 1)
    state = torch.load(config["init"], weights_only=True)
    model.load_state_dict(state)
    resume = torch.load(config["resume"])
    model.load_state_dict(resume["model"])
    torch.save(model.state_dict(), "/tmp/ckpt/model.pt")
    ray.train.report({"rows": len(frame) + len(parquet)}, checkpoint=Checkpoint.from_directory("/tmp/ckpt"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    args = ap.parse_args()
    cfg = {
        "features": f"{args.data}/features.npy",
        "labels": f"{args.data}/labels.npy",
        "meta": f"{args.data}/meta.pkl",
        "parquet": f"{args.data}/meta.parquet",
        "init": f"{args.data}/init.pt",
        "resume": f"{args.data}/resume.pt",
    }
    TorchTrainer(train_loop, train_loop_config=cfg, scaling_config=ScalingConfig(num_workers=4, use_gpu=True)).fit()
