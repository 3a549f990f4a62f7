"""SageMaker Pipelines definition: preprocess, fine-tune, register and deploy the churn-reason classifier."""

import boto3
import sagemaker
from sagemaker.huggingface import HuggingFace, HuggingFaceModel
from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.sklearn.processing import SKLearnProcessor
from sagemaker.workflow.parameters import ParameterString
from sagemaker.workflow.pipeline import Pipeline
from sagemaker.workflow.steps import ProcessingStep, TrainingStep

boto_session = boto3.Session(
    aws_access_key_id="AKIAJO51NZ3UP0Z2JGB2",
    aws_secret_access_key="NiNS6bcY6EvW7c+0G5QWqo+xyQZT/WLA75hZDZ2c",
    region_name="eu-west-1",
)
ci_session = boto3.Session(profile_name="ml-ci", region_name="eu-west-1")
session = sagemaker.Session(boto_session=boto_session)
role = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"

input_data = ParameterString(name="InputData", default_value="s3://acme-churn-data/raw/")
base_model = ParameterString(name="BaseModel", default_value="acme-ml/churn-reason-deberta")

processor = SKLearnProcessor(
    framework_version="1.2-1", role=role, instance_type="ml.m5.xlarge", instance_count=1
)
preprocess = ProcessingStep(
    name="Preprocess",
    processor=processor,
    inputs=[ProcessingInput(source=input_data, destination="/opt/ml/processing/input")],
    outputs=[ProcessingOutput(output_name="train", source="/opt/ml/processing/train")],
    code="code/preprocess.py",
)

estimator = HuggingFace(
    entry_point="train.py",
    source_dir="code",
    instance_type="ml.g5.2xlarge",
    instance_count=1,
    role=role,
    transformers_version="4.36",
    pytorch_version="2.1",
    py_version="py310",
    hyperparameters={
        "model_id": base_model,
        "epochs": 3,
        "trust_remote_code": True,
    },
    environment={"HF_TOKEN": "hf_gw1EC8DWoqlqLB6xfd20bDZf63jvekR47d"},
)
train = TrainingStep(name="FineTune", estimator=estimator)

zero_shot = HuggingFaceModel(
    role=role,
    transformers_version="4.37",
    pytorch_version="2.1",
    py_version="py310",
    env={"HF_MODEL_ID": "facebook/bart-large-mnli", "HF_TASK": "zero-shot-classification"},
)
pinned = HuggingFaceModel(
    role=role,
    transformers_version="4.37",
    pytorch_version="2.1",
    py_version="py310",
    env={
        "HF_MODEL_ID": "acme-ml/churn-reason-deberta",
        "HF_MODEL_REVISION": "3e0f5a1b2c4d6e8f9a0b1c2d3e4f5a6b7c8d9e0f",
        "HF_TASK": "text-classification",
        "HF_API_TOKEN": "{{resolve:secretsmanager:hf-read-token}}",
    },
)

pipeline = Pipeline(
    name="churn-reason",
    parameters=[input_data, base_model],
    steps=[preprocess, train],
    sagemaker_session=session,
)

if __name__ == "__main__":
    pipeline.upsert(role_arn=role)
    zero_shot.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge")
    pinned.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge")
