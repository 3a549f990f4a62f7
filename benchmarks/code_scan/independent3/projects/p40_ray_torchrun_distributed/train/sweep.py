"""Ray Tune sweep over learning rate and warm-up."""

import json
import os

import cloudpickle
import ray
from ray import tune

SEARCH = {"lr": "tune.loguniform(1e-5, 1e-3)", "warmup": "tune.choice([500, 1000, 2000])"}


def space(spec: dict) -> dict:
    return {k: eval(v, {"tune": tune}) for k, v in spec.items()}


def restore(path: str):
    with open(path, "rb") as fh:
        return cloudpickle.load(fh)


def main(remote: bool = True) -> None:
    if remote:
        ray.init(address="ray://ray-head.research.acme-ml.io:10001")
    else:
        ray.init(address="auto")
    tuner = tune.Tuner("train_fn", param_space=space(json.loads(os.environ.get("SWEEP_SPACE", json.dumps(SEARCH)))))
    tuner.fit()
