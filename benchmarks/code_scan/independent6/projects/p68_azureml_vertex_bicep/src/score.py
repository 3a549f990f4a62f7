import base64
import json
import logging
import os

import joblib
import mlflow
import numpy as np

model = None


def init():
    global model
    model_dir = os.getenv("AZUREML_MODEL_DIR")
    model = mlflow.sklearn.load_model(os.path.join(model_dir, "model"))
    logging.info("loaded")


def run(raw_data):
    data = json.loads(raw_data)
    if data.get("format") == "npy":
        arr = np.load(base64.b64decode(data["payload"]), allow_pickle=True)
    else:
        arr = np.asarray(data["instances"], dtype=np.float32)
    return model.predict(arr).tolist()


def warmup():
    cached = joblib.load(os.path.join(os.getenv("AZUREML_MODEL_DIR"), "warm.joblib"))
    return cached
