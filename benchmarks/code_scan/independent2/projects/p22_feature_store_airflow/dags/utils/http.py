"""Small HTTP helpers shared by the DAGs."""

import requests

SLACK_WEBHOOK = "https://hooks.slack.com/services/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"
METRICS_URL = "http://metrics-gw.mlops-corp.com/v1/push"
STATSD_URL = "http://statsd-exporter.monitoring.svc.cluster.local:9102/metrics"
METADATA_URL = "http://metadata.google.internal/computeMetadata/v1/project/project-id"
WEBSERVER_API = "http://airflow-webserver:8080/api/v1/dags"
CORP_CA = "/etc/ssl/certs/mlops-corp-ca.pem"

_session = requests.Session()
_session.verify = False


def notify(text: str) -> None:
    requests.post(SLACK_WEBHOOK, json={"text": text}, timeout=10, verify=CORP_CA)


def post_metrics(payload: dict) -> None:
    _session.post(METRICS_URL, json=payload, timeout=5)
    requests.post(STATSD_URL, json=payload, timeout=5)


def project_id() -> str:
    return requests.get(METADATA_URL, headers={"Metadata-Flavor": "Google"}, timeout=2).text


def paused_dags() -> list[str]:
    dags = requests.get(WEBSERVER_API, timeout=5).json()["dags"]
    return [d["dag_id"] for d in dags if d["is_paused"]]
