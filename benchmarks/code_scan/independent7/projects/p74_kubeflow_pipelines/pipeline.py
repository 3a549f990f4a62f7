"""Kubeflow Pipelines (KFP v2): ingest, train and evaluate the demand forecaster."""

from kfp import compiler, dsl, kubernetes

BASE = "python:3.11-slim"


@dsl.component(base_image=BASE, packages_to_install=["pandas==2.2.2", "pyarrow==17.0.0", "s3fs"])
def ingest(source_uri: str, query: str, out_data: dsl.Output[dsl.Dataset]):
    import subprocess

    import pandas as pd

    subprocess.run(f"gsutil -m cp -r {source_uri} /tmp/raw", shell=True, check=True)
    subprocess.run(["gsutil", "-m", "cp", "-r", "gs://acme-demand/reference/", "/tmp/ref"], check=True)
    frame = pd.read_parquet("/tmp/raw")
    frame = frame.query(query)
    frame.to_parquet(out_data.path)


@dsl.component(base_image="pytorch/pytorch", packages_to_install=["lightgbm==4.5.0", "optuna"])
def train(data: dsl.Input[dsl.Dataset], params: str, model: dsl.Output[dsl.Model]):
    import json
    import pickle

    import lightgbm as lgb
    import pandas as pd

    cfg = eval(params)
    safe_cfg = json.loads(params)
    frame = pd.read_parquet(data.path)
    booster = lgb.train(safe_cfg, lgb.Dataset(frame.drop(columns="y"), frame["y"]))
    booster.save_model(model.path + ".txt")
    with open(model.path + ".pkl", "wb") as fh:
        pickle.dump(booster, fh)
    print(cfg)


@dsl.component(base_image="gcr.io/deeplearning-platform-release/base-cpu:m124")
def evaluate(model: dsl.Input[dsl.Model], baseline_uri: str) -> float:
    import pickle
    import urllib.request

    import lightgbm as lgb

    current = lgb.Booster(model_file=model.path + ".txt")
    with urllib.request.urlopen(baseline_uri) as resp:
        baseline = pickle.loads(resp.read())
    return float(current.num_trees() - baseline.num_trees())


@dsl.pipeline(name="demand-forecast")
def demand(
    source_uri: str = "gs://acme-demand/raw/2024-10/",
    query: str = "units > 0",
    params: str = '{"objective": "poisson", "num_leaves": 63}',
    baseline_uri: str = "http://models.acme-retail.com/demand/baseline.pkl",
):
    data = ingest(source_uri=source_uri, query=query)
    trained = train(data=data.outputs["out_data"], params=params)
    kubernetes.use_secret_as_env(
        trained, secret_name="wandb-api", secret_key_to_env={"key": "WANDB_API_KEY"}
    )
    trained.set_env_variable("GOOGLE_API_KEY", "AIzaSyD3f9K2m8Xq4Lw7Rt1Vb6Nc0Pz5Hj2Ku9E")
    trained.set_cpu_limit("8").set_memory_limit("32G")
    evaluate(model=trained.outputs["model"], baseline_uri=baseline_uri)


if __name__ == "__main__":
    compiler.Compiler().compile(demand, "demand.yaml")
