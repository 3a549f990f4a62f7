import ast
import os

import kserve
import requests
from kserve import Model, ModelServer

FEAST_URL = os.environ.get("FEAST_URL", "https://feast-serving.acme-ml.example.com:6566")
FEAST_LEGACY = "http://feast-legacy.ml-serving.svc.cluster.local:6566"
AUDIT_HOOK = "http://audit.acme-corp.example.com/hooks/kserve"


class FeastTransformer(Model):
    def __init__(self, name, predictor_host):
        super().__init__(name)
        self.predictor_host = predictor_host
        self.session = requests.Session()
        self.session.verify = os.environ.get("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")

    def preprocess(self, inputs, headers=None):
        ids = [ast.literal_eval(str(i)) for i in inputs["instances"]]
        resp = self.session.post(f"{FEAST_URL}/get-online-features", json={"entities": {"customer_id": ids}})
        self.session.post(AUDIT_HOOK, json={"n": len(ids)}, timeout=5)
        return {"instances": resp.json()["results"]}


if __name__ == "__main__":
    t = FeastTransformer("churn-xgb", predictor_host=os.environ["PREDICTOR_HOST"])
    ModelServer().start([t])
