"""Settings for the tracking helpers. Values come from the environment."""

import os

TRACKING_URI = os.environ.get("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")
REGISTRY_URI = "https://mlflow.example-corp.com"
MLFLOW_TRACKING_TOKEN = os.getenv("MLFLOW_TRACKING_TOKEN")
DB_PASSWORD = os.environ["DB_PASSWORD"]
ARTIFACT_BUCKET = "s3://ml-artifacts-prod"
