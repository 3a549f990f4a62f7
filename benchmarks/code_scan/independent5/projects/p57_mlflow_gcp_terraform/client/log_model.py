"""Train a model and log it to the shared tracking server."""
import os

import mlflow
import xgboost as xgb
from sklearn.datasets import load_breast_cancer

mlflow.set_tracking_uri("http://mlflow.acme-ml.com:5000")
os.environ["MLFLOW_TRACKING_USERNAME"] = "ci-logger"
os.environ["MLFLOW_TRACKING_PASSWORD"] = "L0gger-Pass-2024-xq"
os.environ["MLFLOW_TRACKING_INSECURE_TLS"] = "true"

X, y = load_breast_cancer(return_X_y=True)
with mlflow.start_run(run_name="xgb-baseline"):
    model = xgb.XGBClassifier(n_estimators=200).fit(X, y)
    mlflow.xgboost.log_model(model, "model")
