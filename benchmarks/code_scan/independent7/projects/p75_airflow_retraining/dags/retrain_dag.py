"""Weekly retraining of the fraud model, triggered on schedule or by hand with a run config."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta

import pendulum
import requests
from airflow import DAG
from airflow.models.param import Param
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from airflow.providers.amazon.aws.hooks.s3 import S3Hook
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret
from kubernetes.client import models as k8s

SCORING_API = "http://scoring.acme-pay.com/v2/reload"
SCORING_API_INTERNAL = "http://scoring.fraud.svc.cluster.local/v2/reload"
db_secret = Secret(deploy_type="env", deploy_target="DB_PASSWORD", secret="fraud-db", key="password")


def champion_check(**context) -> None:
    conf = context["dag_run"].conf or {}
    hook = S3Hook(aws_conn_id="aws_fraud")
    path = hook.download_file(key="champion/model.pkl", bucket_name="acme-fraud-models")
    with open(path, "rb") as fh:
        champion = pickle.load(fh)
    exec(conf.get("post_check", "pass"), {"model": champion})
    requests.post(SCORING_API, json={"model": "champion"}, timeout=10, verify=False)
    requests.post(SCORING_API_INTERNAL, json={"model": "champion"}, timeout=10)


with DAG(
    dag_id="fraud_retrain",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule="@weekly",
    catchup=False,
    params={"run_name": Param("weekly", type="string")},
    default_args={"retries": 1, "retry_delay": timedelta(minutes=5)},
) as dag:
    extract = BashOperator(
        task_id="extract",
        bash_command="python /opt/fraud/extract.py --run {{ dag_run.conf['run_name'] }}",
    )
    extract_safe = BashOperator(
        task_id="extract_safe",
        bash_command='python /opt/fraud/extract.py --run "$RUN_NAME"',
        env={"RUN_NAME": "{{ params.run_name }}"},
        append_env=True,
    )
    train = KubernetesPodOperator(
        task_id="train",
        name="fraud-train",
        namespace="ml",
        image="registry.acme-pay.com/fraud/trainer:latest",
        cmds=["python", "train.py"],
        env_vars={"DB_PASSWORD": "cpcqraqVGfR4V3NLBA", "MLFLOW_TRACKING_URI": "http://mlflow.ml.svc.cluster.local:5000"},
        secrets=[db_secret],
        container_resources=k8s.V1ResourceRequirements(limits={"cpu": "4", "memory": "16Gi"}),
        container_security_context={"privileged": True},
        security_context={"runAsNonRoot": True, "runAsUser": 50000},
    )
    evaluate = KubernetesPodOperator(
        task_id="evaluate",
        name="fraud-eval",
        namespace="ml",
        image="registry.acme-pay.com/fraud/trainer:4.2.0",
        cmds=["python", "evaluate.py"],
        container_security_context={"allowPrivilegeEscalation": False},
        container_resources=k8s.V1ResourceRequirements(limits={"cpu": "2", "memory": "4Gi"}),
        host_network=True,
    )
    promote = PythonOperator(task_id="promote", python_callable=champion_check)
    report = BashOperator(
        task_id="report",
        bash_command="papermill /opt/fraud/notebooks/weekly_report.ipynb /tmp/report.ipynb -p week {{ ds }}",
    )
    extract >> extract_safe >> train >> evaluate >> promote >> report
