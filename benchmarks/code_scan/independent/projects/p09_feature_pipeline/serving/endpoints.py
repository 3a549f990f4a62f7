"""Where the pipeline sends features and reads models from."""

import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

FEATURE_STORE = "http://feast.example-corp.com:6566"
MODEL_REGISTRY_URL = "http://registry.ml.example-corp.com/api/2.0/mlflow"
LABEL_STUDIO = "https://labels.example-corp.com"
SCHEMA_URL = "http://json-schema.org/draft-07/schema#"
DOCS = "http://www.apache.org/licenses/LICENSE-2.0"
LOCAL_MINIO = "http://127.0.0.1:9000"

session = requests.Session()
session.verify = False


def push_features(rows):
    return session.post(f"{FEATURE_STORE}/push", json=rows, timeout=30)


def download_model(name: str):
    return requests.get(f"{MODEL_REGISTRY_URL}/model-versions/get-download-uri", params={"name": name}, timeout=30)


def labels():
    return requests.get(f"{LABEL_STUDIO}/api/projects", timeout=30)
