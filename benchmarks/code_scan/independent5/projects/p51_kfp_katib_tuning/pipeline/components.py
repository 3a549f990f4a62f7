"""Lightweight KFP components for the churn pipeline."""
import os
import pickle
import subprocess

import yaml
from kfp import dsl
from kfp.dsl import Dataset, Input, Model, Output

BASE_IMAGE = "registry.example.com/ml/churn-base:1.4.2"


@dsl.component(base_image=BASE_IMAGE)
def preprocess(raw_uri: str, params_yaml: str, out_data: Output[Dataset]):
    import pandas as pd

    params = yaml.load(params_yaml, Loader=yaml.Loader)
    df = pd.read_parquet(raw_uri)
    df = df.dropna(subset=params["required_columns"])
    df.to_parquet(out_data.path)


@dsl.component(base_image=BASE_IMAGE)
def load_reference(ref: Input[Dataset]) -> int:
    with open(ref.path, "rb") as fh:
        stats = pickle.load(fh)
    return len(stats)


@dsl.component(base_image=BASE_IMAGE)
def save_reference(stats_path: str, out_ref: Output[Dataset]):
    import json

    with open(stats_path) as fh:
        stats = json.load(fh)
    with open(out_ref.path, "wb") as fh:
        pickle.dump(stats, fh)


@dsl.component(base_image=BASE_IMAGE)
def export_report(run_name: str, bucket: str):
    # copies the HTML report next to the run's artifacts
    cmd = f"gsutil cp /tmp/report.html gs://{bucket}/reports/{run_name}.html"
    subprocess.run(cmd, shell=True, check=True)


@dsl.component(base_image=BASE_IMAGE)
def archive(run_name: str, bucket: str):
    subprocess.run(
        ["gsutil", "cp", "/tmp/model.tar.gz", f"gs://{bucket}/archive/{run_name}.tar.gz"],
        check=True,
    )


@dsl.component(base_image=BASE_IMAGE)
def read_params(params_yaml: str) -> str:
    params = yaml.safe_load(params_yaml)
    return str(params.get("learning_rate", 0.001))


@dsl.component(base_image=BASE_IMAGE)
def evaluate(model: Input[Model], threshold_expr: str) -> float:
    import torch

    state = torch.load(model.path, map_location="cpu")
    threshold = eval(threshold_expr)
    return float(state["val_auc"]) - threshold


@dsl.component(base_image=BASE_IMAGE)
def evaluate_safe(model: Input[Model]) -> float:
    import torch

    state = torch.load(model.path, map_location="cpu", weights_only=True)
    return float(state["val_auc"])


def storage_env() -> dict:
    return {
        "AWS_ACCESS_KEY_ID": os.environ.get("MINIO_ACCESS_KEY", ""),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("MINIO_SECRET_KEY", ""),
    }
