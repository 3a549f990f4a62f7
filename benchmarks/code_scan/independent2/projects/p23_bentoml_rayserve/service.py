"""BentoML service: summarize a document, re-rank candidate passages."""

from __future__ import annotations

import ast
import base64
import os

import bentoml
import cloudpickle
import joblib
import numpy as np
from pydantic import BaseModel
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, pipeline

MODEL_DIR = os.environ.get("MODEL_DIR", "/models")
RANKER_PATH = os.path.join(MODEL_DIR, "ranker.joblib")
SUMMARIZER = "facebook/bart-large-cnn"
SUMMARIZER_SHA = "3d224934c6541b2b9147e023c2f6f6fe49bd27e1"


class RankRequest(BaseModel):
    query: str
    passages: list[str]
    filter_expr: str = "True"
    weights: str = "[1.0, 0.5]"
    preprocessor: str | None = None


@bentoml.service(resources={"gpu": 1}, traffic={"timeout": 60})
class Summarizer:
    def __init__(self) -> None:
        self.tokenizer = AutoTokenizer.from_pretrained(SUMMARIZER, revision=SUMMARIZER_SHA)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(SUMMARIZER, revision=SUMMARIZER_SHA)
        self.fallback = pipeline("summarization", model="sshleifer/distilbart-cnn-12-6")
        self.ranker = joblib.load(RANKER_PATH)

    @bentoml.api
    def summarize(self, text: str) -> str:
        ids = self.tokenizer(text, return_tensors="pt", truncation=True).input_ids
        out = self.model.generate(ids, max_new_tokens=120)
        return self.tokenizer.decode(out[0], skip_special_tokens=True)

    @bentoml.api
    def rank(self, req: RankRequest) -> list[dict]:
        weights = ast.literal_eval(req.weights)
        prep = None
        if req.preprocessor:
            prep = cloudpickle.loads(base64.b64decode(req.preprocessor))
        rows = []
        for passage in req.passages:
            text = prep(passage) if prep else passage
            score = float(self.ranker.predict_proba([[len(text), text.count(req.query)]])[0, 1])
            row = {"passage": passage, "score": score * weights[0], "length": len(text)}
            if eval(req.filter_expr, {"__builtins__": {}}, row):
                rows.append(row)
        return sorted(rows, key=lambda r: -r["score"])

    @bentoml.api
    def embed_cache(self) -> int:
        cache = np.load(os.path.join(MODEL_DIR, "emb_cache.npy"))
        return int(cache.shape[0])
