"""Compare the candidate with production and promote it."""
import os

import mlflow
import mlflow.pyfunc
import mlflow.sklearn

mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "https://mlflow.acme-ml.com"))


def candidate(run_id: str):
    return mlflow.pyfunc.load_model(f"runs:/{run_id}/model")


def production():
    return mlflow.sklearn.load_model("models:/churn/Production")


def production_onnx():
    return mlflow.onnx.load_model("models:/churn-onnx/Production")


def local_ui() -> str:
    return "http://127.0.0.1:5001"
