"""Weekly retraining of the propensity model."""
from datetime import datetime

import pandas as pd
import requests
import yaml
from airflow.decorators import dag, task


@dag(start_date=datetime(2024, 1, 1), schedule="@weekly", catchup=False)
def retrain_propensity():
    @task
    def fetch_config() -> dict:
        resp = requests.get("https://config.acme-corp.com/ml/propensity.yaml", timeout=10, verify=False)
        return yaml.safe_load(resp.text)

    @task
    def load_features(cfg: dict) -> str:
        df = pd.read_pickle(cfg["features_path"])
        return str(len(df))

    @task
    def load_parquet(cfg: dict) -> str:
        df = pd.read_parquet(cfg["features_path"].replace(".pkl", ".parquet"))
        return str(len(df))

    @task
    def apply_rule(cfg: dict) -> str:
        df = pd.read_parquet("/opt/airflow/exports/propensity.parquet")
        return str(df.eval(cfg["filter_expr"]).sum())

    cfg = fetch_config()
    load_features(cfg)
    load_parquet(cfg)
    apply_rule(cfg)


retrain_propensity()
