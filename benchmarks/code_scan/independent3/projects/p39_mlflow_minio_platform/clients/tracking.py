"""Snippets the teams copy: log, register and load models on the platform."""

import os

import mlflow
import torch
from transformers import pipeline

mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "https://mlflow.platform.visionlab.ai"))
os.environ["MLFLOW_TRACKING_INSECURE_TLS"] = "true"
os.environ.setdefault("MLFLOW_TRACKING_USERNAME", "vision-bot")
os.environ["MLFLOW_TRACKING_PASSWORD"] = "vB0t-7fH2kL9pQ4"


def load_detector(version: int):
    return mlflow.pytorch.load_model(f"models:/detector/{version}")


def load_detector_weights(run_id: str):
    path = mlflow.artifacts.download_artifacts(f"runs:/{run_id}/weights.safetensors")
    from safetensors.torch import load_file
    return load_file(path)


def load_summariser():
    return mlflow.transformers.load_model("models:/summariser/2")


def zero_shot():
    return pipeline("zero-shot-classification", model="visionlab/nli-tiny", trust_remote_code=True)


def zero_shot_pinned():
    return pipeline(
        "zero-shot-classification",
        model="facebook/bart-large-mnli",
        revision="d7645e127eaf1aefc7862fd59a17a5aa8558b8ce",
        trust_remote_code=False,
    )


def backbone():
    return torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")


def backbone_pinned():
    return torch.hub.load("pytorch/vision:v0.19.1", "resnet50", weights="IMAGENET1K_V2")


def backbone_local():
    return torch.hub.load("/opt/hub/dinov2", "dinov2_vits14", source="local")


def depth():
    return torch.hub.load("isl-org/MiDaS", "DPT_Large", trust_repo=True)
