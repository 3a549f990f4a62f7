import io
import json
import os

import joblib
import numpy as np
import pandas as pd
import xgboost as xgb


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def input_fn(body, content_type):
    if content_type == "application/json":
        return pd.DataFrame(json.loads(body))
    if content_type == "application/x-npy":
        return np.load(io.BytesIO(body), allow_pickle=True)
    if content_type == "application/x-npz":
        return np.load(io.BytesIO(body), allow_pickle=False)
    raise ValueError(content_type)


def predict_fn(data, model):
    return model.predict(xgb.DMatrix(data))


def output_fn(pred, accept):
    return json.dumps(pred.tolist())


def load_native(model_dir):
    booster = xgb.Booster()
    booster.load_model(os.path.join(model_dir, "model.json"))
    return booster
