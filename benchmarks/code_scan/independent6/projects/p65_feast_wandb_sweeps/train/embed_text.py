import os

import requests
from sentence_transformers import SentenceTransformer

st = SentenceTransformer("acme-ml/churn-text", revision="f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d", trust_remote_code=False)
st_remote = SentenceTransformer("acme-ml/churn-text-custom", trust_remote_code=True)
WANDB_HOST = "https://api.wandb.ai"
resp = requests.get(f"{WANDB_HOST}/graphql", timeout=10, verify=os.environ.get("SSL_CERT_FILE", True))
