"""Fine-tune a ViT on receipt images with Lightning."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import lightning as L
import torch
import yaml
from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download
from transformers import ViTForImageClassification

DATASET = "trainco/receipts"
DATASET_REVISION = "9a7c2e4b1d6f8a0c3e5b7d9f1a2c4e6b8d0f2a4c"
LABEL_REPO = "trainco/label-map"


def load_hparams(path: str) -> dict:
    text = Path(path).read_text()
    if path.endswith(".json"):
        return json.loads(text)
    return eval(text)


def build(args: argparse.Namespace) -> tuple[torch.nn.Module, torch.nn.Module]:
    labels_file = hf_hub_download(
        LABEL_REPO, "labels.json", revision="0f3c5a7e9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a"
    )
    labels = json.loads(Path(labels_file).read_text())
    model = ViTForImageClassification.from_pretrained(
        "models/vit", num_labels=len(labels), ignore_mismatched_sizes=True
    )
    teacher = torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")
    if args.init_from:
        ckpt = torch.load(args.init_from)
        model.load_state_dict(ckpt["state_dict"], strict=False)
    return model, teacher


def data(split: str):
    train = load_dataset(DATASET, split=split, revision=DATASET_REVISION)
    extra = load_dataset("trainco/receipts-synthetic", split=split)
    tokenizer_dir = snapshot_download(repo_id="trainco/ocr-tokenizer")
    return train, extra, tokenizer_dir


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="configs/base.yaml")
    ap.add_argument("--hparams", default="configs/hparams.py")
    ap.add_argument("--init-from")
    args = ap.parse_args()
    with open(args.config) as fh:
        config = yaml.safe_load(fh)
    hp = load_hparams(args.hparams)
    model, teacher = build(args)
    train, extra, _ = data("train")
    trainer = L.Trainer(max_epochs=hp.get("epochs", config["epochs"]), accelerator="gpu")
    print(len(train) + len(extra), teacher.__class__.__name__)
    trainer.fit(model)


if __name__ == "__main__":
    main()
