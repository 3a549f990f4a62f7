"""Churn model pipeline: ingest -> preprocess -> train -> evaluate -> deploy."""

import argparse

import kfp
from kfp import compiler, dsl
from kfp import kubernetes

KFP_HOST = "http://kubeflow.analytics.acme-retail.com/pipeline"
LOCAL_KFP_HOST = "http://ml-pipeline.kubeflow.svc.cluster.local:8888"

BASE_IMAGE = "python:3.11-slim"


@dsl.component(base_image=BASE_IMAGE, packages_to_install=["pandas", "google-cloud-storage==2.18.2"])
def ingest(bucket: str, out: dsl.Output[dsl.Dataset]):
    import pandas as pd
    df = pd.read_parquet(f"gs://{bucket}/churn/latest.parquet")
    df.to_csv(out.path, index=False)


@dsl.component(base_image=BASE_IMAGE, packages_to_install=["pandas==2.2.3", "scikit-learn"])
def train(data: dsl.Input[dsl.Dataset], model: dsl.Output[dsl.Model]):
    import pickle
    import pandas as pd
    from sklearn.ensemble import GradientBoostingClassifier
    df = pd.read_csv(data.path)
    clf = GradientBoostingClassifier().fit(df.drop(columns=["churn"]), df["churn"])
    with open(model.path, "wb") as fh:
        pickle.dump(clf, fh)


@dsl.component(base_image=BASE_IMAGE, packages_to_install=["pandas==2.2.3", "scikit-learn==1.5.0"])
def evaluate(data: dsl.Input[dsl.Dataset], model: dsl.Input[dsl.Model]) -> float:
    import pickle
    import pandas as pd
    with open(model.path, "rb") as fh:
        clf = pickle.load(fh)
    df = pd.read_csv(data.path)
    return float(clf.score(df.drop(columns=["churn"]), df["churn"]))


@dsl.pipeline(name="churn")
def churn_pipeline(bucket: str = "acme-churn-data"):
    raw = ingest(bucket=bucket)
    kubernetes.use_secret_as_env(
        raw, secret_name="gcs-reader", secret_key_to_env={"key.json": "GOOGLE_APPLICATION_CREDENTIALS_JSON"}
    )
    fitted = train(data=raw.outputs["out"])
    fitted.set_env_variable("WANDB_API_KEY", "7c1f4e2a9b3d5e6f8a0b1c2d3e4f5a6b7c8d9e0f")
    evaluate(data=raw.outputs["out"], model=fitted.outputs["model"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--compile")
    ap.add_argument("--local", action="store_true")
    args = ap.parse_args()
    if args.compile:
        compiler.Compiler().compile(churn_pipeline, args.compile)
        return
    client = kfp.Client(host=LOCAL_KFP_HOST if args.local else KFP_HOST)
    client.create_run_from_pipeline_func(churn_pipeline, arguments={})


if __name__ == "__main__":
    main()
