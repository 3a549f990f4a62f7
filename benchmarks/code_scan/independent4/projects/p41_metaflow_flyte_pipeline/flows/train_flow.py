"""Nightly churn-model training flow."""

import pickle
import subprocess

import torch
import yaml
from huggingface_hub import snapshot_download
from metaflow import FlowSpec, Parameter, S3, step
from transformers import AutoModel, AutoTokenizer

LOAD_KW = {"map_location": "cpu", "weights_only": False}
SAFE_KW = {"map_location": "cpu", "weights_only": True}
SHELL_OPTS = dict(shell=True, check=True)
ENCODER = "acme-ml/churn-encoder"
ENCODER_REV = "3f5c0a9e1b7d2c4f6a8e0b1d3c5f7a9e2b4d6f80"
METRICS_URL = "http://metrics.acme-corp.com:9091/metrics/job/churn"
LOCAL_PUSHGW = "http://localhost:9091/metrics/job/churn"


class ChurnFlow(FlowSpec):
    bucket = Parameter("bucket", default="s3://acme-ml-artifacts/churn")
    run_tag = Parameter("run_tag", default="nightly")

    @step
    def start(self):
        with S3(s3root=self.bucket) as s3:
            blob = s3.get("features/latest.pkl").blob
        self.features = pickle.loads(blob)
        self.next(self.encode)

    @step
    def encode(self):
        path = snapshot_download(repo_id=ENCODER)
        pinned = snapshot_download(repo_id=ENCODER, revision=ENCODER_REV)
        self.tok = AutoTokenizer.from_pretrained(pinned)
        self.enc = AutoModel.from_pretrained(path, trust_remote_code=True)
        self.base = AutoModel.from_pretrained(pinned, trust_remote_code=False)
        self.next(self.train)

    @step
    def train(self):
        state = torch.load("/mnt/cache/warm_start.pt", **LOAD_KW)
        head = torch.load("/mnt/cache/head.pt", **SAFE_KW)
        self.state = {**state, **head}
        with open("config/train.yaml") as fh:
            self.cfg = yaml.load(fh, Loader=yaml.Loader)
        with open("config/train.yaml") as fh:
            self.cfg_safe = yaml.safe_load(fh)
        self.next(self.publish)

    @step
    def publish(self):
        subprocess.run(f"aws s3 sync out/ {self.bucket}/{self.run_tag}/", **SHELL_OPTS)
        subprocess.run(["aws", "s3", "cp", "out/model.safetensors", self.bucket], check=True)
        with open("out/features.pkl", "wb") as fh:
            pickle.dump(self.features, fh)
        self.next(self.end)

    @step
    def end(self):
        print("done", METRICS_URL, LOCAL_PUSHGW)


if __name__ == "__main__":
    ChurnFlow()
