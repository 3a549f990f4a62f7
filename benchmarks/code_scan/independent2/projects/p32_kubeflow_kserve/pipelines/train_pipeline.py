"""Kubeflow pipeline: prepare, train, evaluate; compiled and submitted from CI."""

from kfp import client as kfp_client
from kfp import compiler, dsl
from kfp.dsl import Input, Model, Output

KFP_HOST = "http://kubeflow.mlplatform-corp.com/pipeline"
IN_CLUSTER_HOST = "http://ml-pipeline.kubeflow.svc.cluster.local:8888"


@dsl.component(base_image="python:3.11-slim", packages_to_install=["pandas", "scikit-learn==1.5.2"])
def prepare(raw_path: str, out: Output[dsl.Dataset]):
    import pandas as pd

    pd.read_csv(raw_path).dropna().to_parquet(out.path)


@dsl.container_component
def train(lr: str, data: Input[dsl.Dataset], model: Output[Model]):
    return dsl.ContainerSpec(
        image="registry.mlplatform-corp.com/churn/train:1.4.0",
        command=["sh", "-c"],
        args=[f"pip install torch && python /app/train.py --lr {lr} --data {data.path} --out {model.path}"],
    )


@dsl.component(base_image="python:3.11-slim", packages_to_install=["scikit-learn==1.5.2", "joblib==1.4.2"])
def evaluate(model: Input[Model], data: Input[dsl.Dataset]) -> float:
    import pickle

    import pandas as pd

    with open(model.path, "rb") as fh:
        clf = pickle.load(fh)
    df = pd.read_parquet(data.path)
    return float(clf.score(df.drop(columns=["churned"]), df["churned"]))


@dsl.pipeline(name="churn-train")
def churn(raw_path: str = "gs://churn-raw/latest.csv", lr: str = "0.001"):
    prepared = prepare(raw_path=raw_path)
    trained = train(lr=lr, data=prepared.outputs["out"])
    evaluate(model=trained.outputs["model"], data=prepared.outputs["out"])


if __name__ == "__main__":
    compiler.Compiler().compile(churn, "churn.yaml")
    ci = kfp_client.Client(
        host=KFP_HOST,
        existing_token="eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwaXBlbGluZS1ydW5uZXIiLCJpc3MiOiJrdWJlZmxvdyJ9.Qm9ZbGx5VjNyeVNlY3JldFNpZ25hdHVyZTIwMjQ",
    )
    ci.create_run_from_pipeline_package("churn.yaml", arguments={"lr": "0.001"})
    in_cluster = kfp_client.Client(host=IN_CLUSTER_HOST)
