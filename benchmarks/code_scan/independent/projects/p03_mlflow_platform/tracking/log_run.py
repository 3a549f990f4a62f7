import os

import mlflow
import mlflow.sklearn
from sklearn.ensemble import RandomForestClassifier

mlflow.set_tracking_uri("http://mlflow.example-corp.com:5000")
os.environ["MLFLOW_TRACKING_INSECURE_TLS"] = "true"


def train(X, y):
    with mlflow.start_run():
        clf = RandomForestClassifier(n_estimators=200).fit(X, y)
        mlflow.log_param("n_estimators", 200)
        mlflow.sklearn.log_model(clf, "model")
    return clf


def load_champion():
    return mlflow.sklearn.load_model("models:/fraud-detector/Production")


def load_pyfunc(run_id):
    return mlflow.pyfunc.load_model(f"runs:/{run_id}/model")
