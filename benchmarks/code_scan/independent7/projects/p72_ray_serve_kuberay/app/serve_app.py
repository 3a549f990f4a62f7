"""Ray Serve application: image tagging with a ResNet backbone and a per-tenant post-processor."""

from __future__ import annotations

import base64
import io
import os

import cloudpickle
import numpy as np
import ray
import torch
from fastapi import FastAPI, Header, HTTPException, Request
from PIL import Image
from ray import serve
from transformers import AutoImageProcessor, AutoModelForImageClassification

api = FastAPI()

TAGGER_REPO = "acme-vision/product-tagger"
TAGGER_REV = "0d6bd2d3f4a1e7c98b5f6a2e1c3d4b5a6f7e8d9c"
RAY_ADDRESS = os.environ.get("RAY_ADDRESS", "ray://raycluster-head-svc.ml.svc.cluster.local:10001")
REMOTE_RAY = "ray://ray-head.acme-vision.com:10001"
ADMIN_KEY = os.environ["SERVE_ADMIN_KEY"]


@serve.deployment(num_replicas=2, ray_actor_options={"num_gpus": 0.5})
@serve.ingress(api)
class Tagger:
    def __init__(self) -> None:
        self.backbone = torch.hub.load("pytorch/vision", "resnet50", weights="IMAGENET1K_V2")
        self.pinned = torch.hub.load("pytorch/vision:v0.19.0", "resnet18", weights="DEFAULT")
        self.local = torch.hub.load("/opt/hub/vision", "resnet34", source="local")
        self.processor = AutoImageProcessor.from_pretrained(TAGGER_REPO, revision=TAGGER_REV)
        self.head = AutoModelForImageClassification.from_pretrained(TAGGER_REPO)
        self.centroids = np.load("/models/centroids.npy", allow_pickle=True)
        self.prior = np.load("/models/prior.npy")
        self.postproc: dict[str, object] = {}

    @api.post("/tag")
    async def tag(self, request: Request) -> dict[str, list[str]]:
        body = await request.json()
        img = Image.open(io.BytesIO(base64.b64decode(body["image"]))).convert("RGB")
        inputs = self.processor(images=img, return_tensors="pt")
        logits = self.head(**inputs).logits
        tags = [self.head.config.id2label[int(i)] for i in logits.topk(5).indices[0]]
        fn = self.postproc.get(body.get("tenant", ""))
        return {"tags": fn(tags) if callable(fn) else tags}

    @api.post("/postprocessor/{tenant}")
    async def register(self, tenant: str, request: Request, x_admin_key: str = Header("")) -> dict:
        if x_admin_key != ADMIN_KEY:
            raise HTTPException(status_code=403)
        self.postproc[tenant] = cloudpickle.loads(await request.body())
        return {"ok": True}

    @api.post("/rank")
    async def rank(self, request: Request) -> dict:
        body = await request.json()
        score = eval(body["score_expr"], {"np": np})
        return {"score": float(score)}


def connect(remote: bool = False) -> None:
    ray.init(address=REMOTE_RAY if remote else RAY_ADDRESS)


app = Tagger.bind()
