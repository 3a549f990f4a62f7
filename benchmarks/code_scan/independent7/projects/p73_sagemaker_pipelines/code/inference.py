"""Custom inference handler for the scikit-learn fallback model."""

import io
import json
import os
import pickle

import joblib
import numpy as np
import skops.io as sio


def model_fn(model_dir: str):
    legacy = joblib.load(os.path.join(model_dir, "model.joblib"))
    trusted = sio.get_untrusted_types(file=os.path.join(model_dir, "model.skops"))
    model = sio.load(os.path.join(model_dir, "model.skops"), trusted=["numpy.dtype"])
    return model or legacy


def input_fn(body: bytes, content_type: str):
    if content_type == "application/json":
        return np.asarray(json.loads(body)["instances"])
    if content_type == "application/x-npy":
        return np.load(io.BytesIO(body), allow_pickle=True)
    if content_type == "application/x-npz":
        return np.load(io.BytesIO(body))["instances"]
    if content_type == "application/python-pickle":
        return pickle.loads(body)
    raise ValueError(f"unsupported content type {content_type}")


def predict_fn(data, model):
    return model.predict_proba(data)
