"""Endpoint handlers (SageMaker scikit-learn serving container)."""
import io
import json
import os
import pickle

import joblib
import numpy as np


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def input_fn(request_body, content_type):
    if content_type == "application/json":
        return np.array(json.loads(request_body)["instances"])
    if content_type == "application/x-npy":
        return np.load(io.BytesIO(request_body), allow_pickle=False)
    if content_type == "application/python-pickle":
        return pickle.loads(request_body)
    raise ValueError(f"unsupported content type {content_type}")


def predict_fn(data, model):
    return model.predict_proba(data)[:, 1]


def output_fn(prediction, accept):
    return json.dumps({"scores": prediction.tolist()}), "application/json"
