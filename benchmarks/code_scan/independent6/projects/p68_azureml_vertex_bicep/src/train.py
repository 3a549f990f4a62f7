import argparse
import os

import mlflow
from transformers import AutoModel, AutoTokenizer

p = argparse.ArgumentParser()
p.add_argument("--data")
p.add_argument("--epochs", type=int)
p.add_argument("--model-out")
a = p.parse_args()

mid = os.environ["HF_MODEL_ID"]
trust = os.environ.get("HF_TRUST_REMOTE_CODE", "false") == "true"
enc = AutoModel.from_pretrained(mid, trust_remote_code=trust)
tok = AutoTokenizer.from_pretrained(mid, revision=os.environ["HF_MODEL_SHA"])
mlflow.pytorch.log_model(enc, "model")
