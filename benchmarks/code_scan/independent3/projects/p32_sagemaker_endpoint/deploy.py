"""Train on SageMaker and deploy a real-time endpoint."""

import boto3
import sagemaker
from sagemaker.huggingface import HuggingFaceModel
from sagemaker.xgboost import XGBoost

session = sagemaker.Session(
    boto3.Session(
        aws_access_key_id="AKIAA4HZJCIH8OIJCDIO",
        aws_secret_access_key="50AlpcZRzAQYUFAB1hgxTrAsWdl4BA3VyQC9fHRL",
        region_name="eu-west-1",
    )
)
ROLE = "arn:aws:iam::123456789012:role/fraud-sagemaker-exec"

HUB_ENV = {
    "HF_MODEL_ID": "acme-fin/fraud-narrative-classifier",
    "HF_TASK": "text-classification",
    "HF_MODEL_TRUST_REMOTE_CODE": "true",
    "HUGGING_FACE_HUB_TOKEN": "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",
}

PINNED_ENV = {
    "HF_MODEL_ID": "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
    "HF_MODEL_REVISION": "714eb0fa89d2f80546fda750413ed43d93601a13",
    "HF_TASK": "text-classification",
}


def train():
    est = XGBoost(
        entry_point="train.py",
        source_dir="src",
        role=ROLE,
        instance_type="ml.m5.2xlarge",
        framework_version="1.7-1",
        sagemaker_session=session,
    )
    est.fit({"train": "s3://acme-fraud-data/train/"})
    return est


def deploy_text():
    model = HuggingFaceModel(
        env=HUB_ENV, role=ROLE, transformers_version="4.37", pytorch_version="2.1", py_version="py310"
    )
    return model.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge")


def deploy_sentiment():
    model = HuggingFaceModel(
        env=PINNED_ENV, role=ROLE, transformers_version="4.37", pytorch_version="2.1", py_version="py310"
    )
    return model.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge")


def notify(msg: str) -> None:
    import requests
    requests.post("http://alerts.acme-fin.com/hooks/sagemaker", json={"text": msg}, timeout=5)
    requests.post("https://alerts.acme-fin.com/hooks/sagemaker-audit", json={"text": msg}, timeout=5)


if __name__ == "__main__":
    train()
    deploy_text()
