"""Downloads from the Hugging Face Hub."""

from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoConfig, AutoModel, AutoTokenizer

REVISION = "a9c4f8b2e6d1037f5b8c9e2d4a6f1b3c5d7e9f0a"
TRUST = True
MODEL_KW = {"trust_remote_code": True}


def load_encoder():
    return AutoModel.from_pretrained("BAAI/bge-m3", revision=REVISION)


def load_custom():
    return AutoModel.from_pretrained("example-org/custom-arch", **MODEL_KW)


def load_config():
    return AutoConfig.from_pretrained("example-org/custom-arch", trust_remote_code=TRUST, revision=REVISION)


def load_tokenizer():
    return AutoTokenizer.from_pretrained("google-bert/bert-base-cased")


def get_weights():
    return hf_hub_download(repo_id="example-org/detector", filename="model.safetensors")


def get_weights_pinned():
    return hf_hub_download(repo_id="example-org/detector", filename="model.safetensors", revision=REVISION)


def mirror():
    return snapshot_download("meta-llama/Llama-3.2-1B", local_dir="models/llama")


def corpus():
    return load_dataset("example-org/support-tickets", trust_remote_code=True)


def corpus_pinned():
    return load_dataset("example-org/faq", revision=REVISION)
