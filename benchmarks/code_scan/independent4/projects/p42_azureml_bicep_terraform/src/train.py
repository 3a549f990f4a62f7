"""Train the fraud model on an Azure ML compute cluster."""

import argparse
import subprocess

import lightgbm as lgb
import mlflow
from azure.ai.ml import MLClient
from azure.identity import DefaultAzureCredential
from datasets import load_dataset

AML_SP_SECRET = "Zk88Q~p3L7vN1xR5tW9yB2cF6hJ0mQ4sD8gK1aE"
credential = DefaultAzureCredential()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-version", default="3")
    ap.add_argument("--notify", default="")
    args = ap.parse_args()
    ml = MLClient(credential, subscription_id=None, resource_group_name="rg-fraud-ml",
                  workspace_name="acme-ml-prod")
    merchants = load_dataset("acme-risk/merchant-categories", split="train")
    labels = load_dataset("acme-risk/chargeback-labels", revision="9d4b7e2a1c6f3085b2e9d7c4a1f6083e5b2d9c7a", split="train")
    mlflow.autolog()
    booster = lgb.train({"objective": "binary"}, lgb.Dataset(merchants.to_pandas()))
    booster.save_model("outputs/fraud.txt")
    if args.notify:
        subprocess.check_output("az ml job show --name " + args.notify, shell=True)
    subprocess.check_output(["az", "ml", "model", "list", "--workspace-name", ml.workspace_name])
    return labels


if __name__ == "__main__":
    main()
