"""Library form of the embed component, used by the notebook servers."""

from huggingface_hub import snapshot_download
from sentence_transformers import SentenceTransformer

PINNED = "9b2e4c1a7d3f5e6b8c0a1d2e3f4a5b6c7d8e9f01"


def load(name: str = "acme-retail/product-minilm") -> SentenceTransformer:
    return SentenceTransformer(name, revision=PINNED, trust_remote_code=False)


def load_latest(name: str = "acme-retail/product-minilm") -> SentenceTransformer:
    return SentenceTransformer(name)


def mirror(name: str) -> str:
    return snapshot_download(name, revision="refs/pr/7", token="hf_oI16kVFzyYBX8UrBX5XFo4XU9RlHfuRacA")
