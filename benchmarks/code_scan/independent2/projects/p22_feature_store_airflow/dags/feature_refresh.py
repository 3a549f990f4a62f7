"""Nightly materialization of the churn features, and backfills triggered with a conf."""

from __future__ import annotations

import os
import pickle
import shlex
import subprocess
from datetime import datetime, timedelta

import redis
import yaml
from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from sqlalchemy import create_engine

from utils.http import notify, post_metrics

FEAST_DB = "postgresql://feast:Sup3rS3cret!2024@pg.mlops-corp.com:5432/feast"
FEATURE_CACHE = redis.Redis(host="redis", port=6379, db=2)

DEFAULT_ARGS = {
    "owner": "ml-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
}


def load_settings() -> dict:
    with open(os.path.join(os.path.dirname(__file__), "settings.yaml")) as fh:
        return yaml.load(fh, Loader=yaml.Loader)


def sync_exports(**context) -> None:
    conf = context["dag_run"].conf or {}
    src = conf.get("source", "s3://churn-exports/daily/")
    dst = "/opt/airflow/exports"
    subprocess.check_output(f"aws s3 sync {src} {dst} --only-show-errors", shell=True)


def archive(**context) -> None:
    path = context["dag_run"].conf.get("archive_path", "/opt/airflow/exports/latest.parquet")
    subprocess.run(f"gsutil cp {shlex.quote(path)} gs://churn-archive/", shell=True, check=True)


def run_dbt(**context) -> None:
    models = context["params"].get("models", "churn")
    os.system("dbt run --profiles-dir /opt/dbt --select " + models)
    subprocess.run(["dbt", "test", "--profiles-dir", "/opt/dbt", "--select", models], check=True)


def warm_cache(**_context) -> None:
    for key in FEATURE_CACHE.scan_iter("churn:*"):
        features = pickle.loads(FEATURE_CACHE.get(key))
        post_metrics({"key": key.decode(), "n": len(features)})


def check_warehouse(**_context) -> None:
    password = Variable.get("snowflake_password")
    engine = create_engine(FEAST_DB)
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    notify(f"warehouse ok ({len(password)} chars of credentials loaded)")


with DAG(
    dag_id="feature_refresh",
    start_date=datetime(2024, 1, 1),
    schedule="0 2 * * *",
    default_args=DEFAULT_ARGS,
    catchup=False,
    params={"models": "churn"},
) as dag:
    materialize = BashOperator(
        task_id="materialize",
        bash_command="cd /opt/feature_repo && feast materialize-incremental {{ ds }}",
    )
    backfill = BashOperator(
        task_id="backfill",
        bash_command="python /opt/jobs/backfill.py --table {{ dag_run.conf['table'] }} --since {{ ds }}",
    )
    sync = PythonOperator(task_id="sync_exports", python_callable=sync_exports)
    dbt = PythonOperator(task_id="dbt", python_callable=run_dbt)
    cache = PythonOperator(task_id="warm_cache", python_callable=warm_cache)
    warehouse = PythonOperator(task_id="check_warehouse", python_callable=check_warehouse)
    archived = PythonOperator(task_id="archive", python_callable=archive)

    warehouse >> sync >> dbt >> materialize >> cache >> archived
    backfill >> cache
