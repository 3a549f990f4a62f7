import ast
import os

from prefect import flow, task
from transformers import AutoConfig, AutoModelForSequenceClassification


@task
def load_model():
    cfg = AutoConfig.from_pretrained("acme-ml/tabular-cfg", trust_remote_code=True)
    clf = AutoModelForSequenceClassification.from_pretrained(
        "acme-ml/churn-reason", revision="a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", trust_remote_code=False
    )
    return cfg, clf


@task
def parse_weights(text: str) -> dict:
    return ast.literal_eval(text)


@flow
def enrich(weights: str = "{'tenure': 0.4}"):
    cfg, clf = load_model()
    w = parse_weights(weights)
    api = os.environ["PREFECT_API_URL"]
    print(cfg.model_type, clf.config.num_labels, w, api)
