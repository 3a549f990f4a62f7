"""Pipeline definition and submission."""
import os

import kfp
from kfp import compiler, dsl
from kfp import kubernetes

from components import evaluate, export_report, preprocess

KFP_HOST = "http://kubeflow.corp.acme-analytics.com/pipeline"
KFP_LOCAL = "http://localhost:8080"
KFP_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjNhZjE4In0.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50Omt1YmVmbG93OnBpcGVsaW5lLXJ1bm5lciJ9.Q2hhbmdlTWVGYWtlU2lnbmF0dXJlRm9yVGVzdGluZ09ubHkxMjM0NTY3ODkw"


@dsl.pipeline(name="churn-train")
def churn_pipeline(raw_uri: str, params_yaml: str, bucket: str = "acme-ml-artifacts"):
    prep = preprocess(raw_uri=raw_uri, params_yaml=params_yaml)
    kubernetes.use_secret_as_env(
        prep,
        secret_name="minio-creds",
        secret_key_to_env={"accesskey": "AWS_ACCESS_KEY_ID", "secretkey": "AWS_SECRET_ACCESS_KEY"},
    )
    ev = evaluate(model=prep.outputs["out_data"], threshold_expr="0.8")
    export_report(run_name=dsl.PIPELINE_JOB_NAME_PLACEHOLDER, bucket=bucket).after(ev)


def submit(local: bool = False) -> None:
    compiler.Compiler().compile(churn_pipeline, "pipeline.yaml")
    if local:
        client = kfp.Client(host=KFP_LOCAL)
    else:
        client = kfp.Client(host=KFP_HOST, existing_token=KFP_TOKEN)
    client.create_run_from_pipeline_package(
        "pipeline.yaml",
        arguments={"raw_uri": "gs://acme-ml-raw/churn/2024-05.parquet", "params_yaml": "{}"},
    )


def submit_from_env() -> None:
    client = kfp.Client(
        host=os.environ["KFP_HOST"], existing_token=os.environ["KFP_TOKEN"]
    )
    client.list_experiments()


if __name__ == "__main__":
    submit(local=os.environ.get("KFP_LOCAL") == "1")
