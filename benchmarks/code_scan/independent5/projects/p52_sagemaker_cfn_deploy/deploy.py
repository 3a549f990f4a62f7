"""Start a training job and deploy the explainer model from a workstation."""
import os

import boto3
import sagemaker
from sagemaker.huggingface import HuggingFaceModel
from sagemaker.sklearn import SKLearn

ROLE = "arn:aws:iam::123456789012:role/fraud-ml-sagemaker"

legacy = boto3.client(
    "s3",
    aws_access_key_id="AKIAR4NW7TQ2JX5ZLM3D",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)
session = sagemaker.Session(boto_session=boto3.Session(profile_name="fraud-ml"))


def train() -> None:
    est = SKLearn(
        entry_point="train.py",
        source_dir="src",
        role=ROLE,
        instance_type="ml.m5.2xlarge",
        framework_version="1.2-1",
        sagemaker_session=session,
    )
    est.fit({"train": "s3://acme-fraud-ml/train/2024-06/"})


def deploy_explainer() -> None:
    model = HuggingFaceModel(
        role=ROLE,
        image_uri=sagemaker.image_uris.retrieve("huggingface-llm", session.boto_region_name),
        env={
            "HF_MODEL_ID": "acme-labs/fraud-explainer-7b",
            "HF_MODEL_TRUST_REMOTE_CODE": "true",
            "SM_NUM_GPUS": "1",
            "HF_TOKEN": os.environ["HF_TOKEN"],
        },
        sagemaker_session=session,
    )
    model.deploy(initial_instance_count=1, instance_type="ml.g5.2xlarge")


def deploy_pinned() -> None:
    model = HuggingFaceModel(
        role=ROLE,
        image_uri=sagemaker.image_uris.retrieve("huggingface-llm", session.boto_region_name),
        env={
            "HF_MODEL_ID": "mistralai/Mistral-7B-Instruct-v0.2",
            "HF_MODEL_REVISION": "41b61a33a2483885c981aa79e0df6b32407ed873",
            "HF_MODEL_TRUST_REMOTE_CODE": "false",
            "SM_NUM_GPUS": "1",
        },
        sagemaker_session=session,
    )
    model.deploy(initial_instance_count=1, instance_type="ml.g5.2xlarge")


if __name__ == "__main__":
    train()
