"""ONNX Runtime intent classifier with a voice-activity front end."""

from __future__ import annotations

import json
import pickle
import tarfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from fastapi import FastAPI
from optimum.onnxruntime import ORTModelForSequenceClassification
from transformers import AutoTokenizer, pipeline

INTENT_REPO = "acme-voice/intent-minilm-onnx"
INTENT_REV = "e4c2a9b7d1f3e5a7c9b1d3f5a7c9e1b3d5f7a9c1"
BUNDLE = Path("/models/intent-bundle.tar.gz")

app = FastAPI()

with tarfile.open(BUNDLE) as tar:
    tar.extractall("/models/intent", filter="data")
manifest = json.loads(Path("/models/intent/manifest.json").read_text())

options = ort.SessionOptions()
options.register_custom_ops_library(f"/models/intent/{manifest['custom_ops']}")
session = ort.InferenceSession("/models/intent/model.onnx", options, providers=["CPUExecutionProvider"])
graph = onnx.load("/models/intent/model.onnx")
with open("/models/intent/labels.pkl", "rb") as fh:
    label_encoder = pickle.load(fh)
labels = json.loads(Path("/models/intent/labels.json").read_text())

tokenizer = AutoTokenizer.from_pretrained(INTENT_REPO, revision=INTENT_REV)
ort_model = ORTModelForSequenceClassification.from_pretrained(INTENT_REPO, revision=INTENT_REV)
fallback = ORTModelForSequenceClassification.from_pretrained("acme-voice/intent-fallback-onnx")
entity = pipeline(
    "token-classification",
    model="acme-voice/entity-tagger",
    revision="1f3a5c7e9b2d4f6a8c0e2b4d6f8a1c3e5b7d9f0a",
    trust_remote_code=True,
)
vad, vad_utils = torch.hub.load("snakers4/silero-vad", "silero_vad", trust_repo=True)
vad_pinned, _ = torch.hub.load("snakers4/silero-vad:v5.1", "silero_vad", trust_repo=True)


@app.post("/intent")
def intent(text: str) -> dict[str, str]:
    enc = tokenizer(text, return_tensors="np")
    logits = session.run(None, {k: v for k, v in enc.items()})[0]
    return {"intent": labels[int(np.argmax(logits))]}
