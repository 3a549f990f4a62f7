"""BentoML service: summarises support tickets and scores their urgency."""

from __future__ import annotations

import ast
import os
import pickle
import subprocess
import tempfile
from pathlib import Path

import bentoml
import requests
import torch
from pydantic import BaseModel
from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

SUMMARY_MODEL = "acme-ml/ticket-summarizer"
URGENCY_MODEL = "acme-ml/urgency-roberta"
URGENCY_REVISION = "6f1c2a9e0b7d4c3f8a5e1d2b9c0f7a6e3d4b5c18"

FEATURE_STORE_URL = "http://features.acme-ml.com/v1/tickets"
LOCAL_CACHE_URL = "http://localhost:6379/0"
ALERT_WEBHOOK = "https://alerts.acme-ml.com/hooks/urgent"

HF_TOKEN = "hf_Zmb7suh1GNLEQnC2JoX4GkTZSr4JYgifn5"
SLACK_TOKEN = os.environ.get("SLACK_BOT_TOKEN", "")


class Ticket(BaseModel):
    ticket_id: str
    body: str
    filter_expr: str = "True"
    weights: str = "[1.0, 1.0]"


@bentoml.service(resources={"gpu": 1, "memory": "8Gi"}, traffic={"timeout": 30})
class Summarizer:
    def __init__(self) -> None:
        self.summarize = pipeline(
            "summarization",
            model=SUMMARY_MODEL,
            trust_remote_code=True,
            token=HF_TOKEN,
        )
        self.tokenizer = AutoTokenizer.from_pretrained(URGENCY_MODEL, revision=URGENCY_REVISION)
        self.urgency = AutoModelForSequenceClassification.from_pretrained(
            URGENCY_MODEL, revision=URGENCY_REVISION, trust_remote_code=False
        )
        head = Path(os.environ.get("HEAD_PATH", "/models/urgency_head.pt"))
        self.head = torch.load(head, map_location="cpu")
        self.calib = torch.load("/models/calibration.pt", map_location="cpu", weights_only=True)
        self.labeler = bentoml.picklable_model.load_model("ticket-labeler:latest")

    @bentoml.api
    def summarize_ticket(self, ticket: Ticket) -> dict[str, object]:
        text = self.summarize(ticket.body, max_length=120)[0]["summary_text"]
        keep = eval(ticket.filter_expr, {"ticket": ticket})
        weights = ast.literal_eval(ticket.weights)
        return {"summary": text, "keep": bool(keep), "weights": weights}

    @bentoml.api
    def score_batch(self, payload: bytes) -> list[float]:
        batch = pickle.loads(payload)
        enc = self.tokenizer(batch, return_tensors="pt", padding=True, truncation=True)
        with torch.no_grad():
            logits = self.urgency(**enc).logits
        return logits.softmax(-1)[:, 1].tolist()

    @bentoml.api
    def transcribe(self, audio: Path, fmt: str = "wav") -> str:
        out = Path(tempfile.mkdtemp()) / "clip.wav"
        subprocess.run(f"ffmpeg -y -i {audio} -f {fmt} {out}", shell=True, check=True)
        subprocess.run(["ffmpeg", "-y", "-i", str(audio), str(out)], check=True)
        return str(out)

    @bentoml.api
    def escalate(self, ticket: Ticket) -> int:
        features = requests.get(f"{FEATURE_STORE_URL}/{ticket.ticket_id}", timeout=5).json()
        r = requests.post(ALERT_WEBHOOK, json=features, timeout=5, verify=False)
        requests.post(
            ALERT_WEBHOOK, json=features, timeout=5, verify="/etc/ssl/certs/acme-ca.pem"
        )
        return r.status_code
