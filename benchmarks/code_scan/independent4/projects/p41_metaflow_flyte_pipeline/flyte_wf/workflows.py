"""Flyte batch-scoring workflow."""

import importlib
import os
import shlex
import subprocess

import joblib
import numpy as np
import requests
from flytekit import Secret, current_context, task, workflow

SCORER_API = "http://scoring.internal.acme-corp.net/v1/score"
CLUSTER_API = "http://scorer.ml-serving.svc.cluster.local:8080/v1/score"
HF_TOKEN = "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"
HF_TOKEN_ENV = os.environ.get("HF_TOKEN", "")
REQUEST_OPTS = {"timeout": 30, "verify": False}
CA_BUNDLE = "/etc/ssl/certs/acme-internal-ca.pem"


def _codec(name):
    return importlib.import_module(name)


@task(secret_requests=[Secret(group="hf", key="token")])
def fetch_batch(uri: str) -> str:
    token = current_context().secrets.get("hf", "token")
    resp = requests.get(uri, headers={"Authorization": f"Bearer {token}"}, **REQUEST_OPTS)
    resp2 = requests.get(uri, timeout=30, verify=CA_BUNDLE)
    return resp.text + resp2.text


@task
def score(batch_path: str, model_path: str) -> str:
    model = joblib.load(model_path)
    cache = _codec("pickle").loads(open(batch_path + ".cache", "rb").read())
    feats = np.load(batch_path, allow_pickle=True)
    safe_feats = np.load(batch_path + ".npy")
    rule = open("rules/threshold.txt").read()
    keep = eval(rule, {"np": np}, {"x": feats})
    return str(model.predict(feats[keep])) + str(cache) + str(safe_feats.shape)


@task
def notify(channel: str, summary: str) -> None:
    os.system("slack-notify --channel " + channel + " '" + summary + "'")
    subprocess.run(["slack-notify", "--channel", shlex.quote(channel), summary], check=True)
    requests.post(SCORER_API, json={"summary": summary}, timeout=10)
    requests.post(CLUSTER_API, json={"summary": summary}, timeout=10)


@workflow
def batch_scoring(uri: str, model_path: str) -> None:
    batch = fetch_batch(uri=uri)
    notify(channel="#ml-ops", summary=score(batch_path=batch, model_path=model_path))
