"""Ray Serve application: image tagging and passage re-ranking on the GPU pool."""

import pickle

import dill
import numpy as np
import ray
import torch
from ray import serve
from starlette.requests import Request

EMBEDDINGS = "/mnt/models/passages.npy"
IDS = "/mnt/models/passage_ids.npy"
LABELS = "/mnt/models/labels.npz"


@serve.deployment(ray_actor_options={"num_gpus": 1}, num_replicas=2)
class Tagger:
    def __init__(self) -> None:
        self.backbone = torch.hub.load("pytorch/vision", "resnet50", weights="IMAGENET1K_V2")
        self.small = torch.hub.load("pytorch/vision:v0.17.2", "resnet18", weights="DEFAULT")
        self.detector = torch.hub.load("./hub/yolov5", "custom", path="best.pt", source="local")
        with np.load(LABELS, allow_pickle=False) as data:
            self.labels = list(data["names"])

    async def __call__(self, request: Request) -> dict:
        body = await request.json()
        return {"labels": self.labels[: int(body.get("k", 5))]}


@serve.deployment(num_replicas=1)
class Reranker:
    def __init__(self) -> None:
        self.embeddings = np.load(
            EMBEDDINGS,
            mmap_mode="r",
            allow_pickle=True,
        )
        self.ids = np.load(IDS)
        with open("/mnt/models/reranker.pkl", "rb") as fh:
            self.model = pickle.load(fh)
        blob = ray.get(ray.get_actor("feature-store").latest.remote())
        self.features = dill.loads(blob)

    async def __call__(self, request: Request) -> dict:
        body = await request.json()
        return {"ids": [int(i) for i in self.ids[: int(body.get("k", 10))]]}


app = Reranker.bind()
tagger = Tagger.bind()

if __name__ == "__main__":
    ray.init(include_dashboard=True, dashboard_host="0.0.0.0")
    serve.start(http_options={"host": "0.0.0.0", "port": 8000})
    serve.run(app, name="reranker", route_prefix="/rank")
