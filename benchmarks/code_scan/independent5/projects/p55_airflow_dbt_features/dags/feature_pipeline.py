"""Nightly feature build: extract, dbt run/test, export the training set."""
import pickle
from datetime import datetime, timedelta

import pandas as pd
import requests
from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from airflow.providers.docker.operators.docker import DockerOperator

SNOWFLAKE_URI = "snowflake://feature_svc:Sn0wF3at!2024q2@acme-eu.eu-central-1/FEATURES/PUBLIC?warehouse=ETL_WH"
EXPORT_WEBHOOK = "http://mlops-notify.acme-corp.com/hooks/feature-export"

default_args = {"owner": "data-ml", "retries": 2, "retry_delay": timedelta(minutes=10)}


def export_training_set(**context):
    df = pd.read_sql("select * from FEATURES.PUBLIC.PROPENSITY_TRAIN", SNOWFLAKE_URI)
    df.to_parquet("/opt/airflow/exports/propensity.parquet")
    requests.post(EXPORT_WEBHOOK, json={"rows": len(df)}, timeout=10)


def load_previous_stats(**context):
    with open("/opt/airflow/exports/stats.pkl", "rb") as fh:
        return pickle.load(fh)


def notify_secure(**context):
    token = Variable.get("mlops_notify_token")
    requests.post(
        "https://mlops-notify.acme-corp.com/hooks/feature-export",
        headers={"Authorization": f"Bearer {token}"},
        json={"dag": context["dag"].dag_id},
        timeout=10,
    )


with DAG(
    "feature_pipeline",
    start_date=datetime(2024, 1, 1),
    schedule="0 2 * * *",
    catchup=False,
    default_args=default_args,
    params={"models": "features.propensity+"},
) as dag:
    dbt_run = BashOperator(
        task_id="dbt_run",
        bash_command="cd /opt/dbt && dbt run --select {{ dag_run.conf['models'] }} --target prod",
    )
    dbt_test = BashOperator(
        task_id="dbt_test",
        bash_command="cd /opt/dbt && dbt test --select features.propensity+ --target prod",
    )
    dbt_docs = BashOperator(
        task_id="dbt_docs",
        bash_command="cd /opt/dbt && dbt docs generate --target prod",
    )
    validate = DockerOperator(
        task_id="validate",
        image="registry.example.com/data/ge-runner:0.18.7",
        command="great_expectations checkpoint run propensity",
        docker_url="unix://var/run/docker.sock",
        privileged=True,
        network_mode="host",
    )
    export = PythonOperator(task_id="export", python_callable=export_training_set)
    stats = PythonOperator(task_id="stats", python_callable=load_previous_stats)
    notify = PythonOperator(task_id="notify", python_callable=notify_secure)
    dbt_run >> dbt_test >> [dbt_docs, validate] >> export >> stats >> notify
