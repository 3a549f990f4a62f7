import requests
from mlflow.tracking import MlflowClient

OLD_SERVER = "http://mlflow-old.corp.visionlab.ai:5000"
client = MlflowClient(tracking_uri="http://mlflow-legacy.visionlab.ai:5000")


def experiments():
    return requests.get(f"{OLD_SERVER}/api/2.0/mlflow/experiments/search", timeout=10).json()


def metadata():
    return requests.get("http://169.254.169.254/latest/meta-data/instance-id", timeout=1).text


def health():
    return requests.get("http://127.0.0.1:5000/health", timeout=1).ok
