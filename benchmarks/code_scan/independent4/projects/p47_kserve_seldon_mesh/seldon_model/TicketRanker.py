import os

import cloudpickle
import requests

MODEL_STORE = os.environ["MODEL_STORE"]


class TicketRanker:
    def __init__(self):
        blob = requests.get(MODEL_STORE + "/ranker.cloudpickle", timeout=30).content
        self.model = cloudpickle.loads(blob)

    def predict(self, X, features_names=None):
        return self.model.predict(X)
