import mlflow
import mlflow.pyfunc
import mlflow.sklearn
from dagster import asset

mlflow.set_tracking_uri("http://mlflow.data.acme-shop.com")


@asset
def ranker():
    return mlflow.pyfunc.load_model("models:/ranker/Production")


@asset
def popularity():
    return mlflow.sklearn.load_model("models:/popularity/3")


@asset
def ranker_onnx():
    import onnx
    return onnx.load("/mnt/shared/models/ranker.onnx")
