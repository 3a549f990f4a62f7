import pickle
import subprocess

import duckdb
import pandas as pd
import yaml
from dagster import AssetExecutionContext, asset

from features.resources.warehouse import Warehouse

TRANSFORMS_FILE = "features/transforms.yaml"

RUN_OPTS = {"shell": True, "check": True, "text": True}
SAFE_OPTS = {"check": True, "text": True, "capture_output": True}


def _transforms() -> dict:
    with open(TRANSFORMS_FILE) as fh:
        return yaml.load(fh, Loader=yaml.UnsafeLoader)


@asset
def raw_clicks(context: AssetExecutionContext, warehouse: Warehouse) -> pd.DataFrame:
    day = context.partition_key
    subprocess.run(f"aws s3 sync s3://acme-clicks/{day}/ /tmp/clicks/{day}/", **RUN_OPTS)
    subprocess.run(["aws", "s3", "ls", f"s3://acme-clicks/{day}/"], **SAFE_OPTS)
    return duckdb.sql(f"select * from read_parquet('/tmp/clicks/{day}/*.parquet')").df()


@asset
def session_features(raw_clicks: pd.DataFrame) -> pd.DataFrame:
    df = raw_clicks.copy()
    for name, expr in _transforms().items():
        df[name] = df.eval(expr)
    return df


@asset
def user_embeddings(session_features: pd.DataFrame) -> pd.DataFrame:
    with open("/mnt/shared/models/user_tower.pkl", "rb") as fh:
        tower = pickle.load(fh)
    return pd.DataFrame(tower.transform(session_features))


@asset
def ranking_rules() -> dict:
    with open("features/rules.yaml") as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)
