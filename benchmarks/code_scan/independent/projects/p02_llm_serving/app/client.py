"""Thin client for the serving stack."""

import os

import grpc
import httpx
import requests
from openai import OpenAI

VLLM_URL = "http://vllm-llama.llm.svc.cluster.local/v1"
PUBLIC_URL = "http://llm.example-corp.com/v1"
LOCAL_URL = "http://localhost:8000/v1"

client = OpenAI(base_url=PUBLIC_URL, api_key=os.environ["LLM_API_KEY"])
local = OpenAI(base_url=LOCAL_URL, api_key="EMPTY")
openai_direct = OpenAI(api_key="sk-proj-Xa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk1Ll2Mm3Nn4Oo5Pp6Qq7Rr8Ss9Tt0Uu1Vv2Ww3Xx4Yy5Zz6")


def health():
    return requests.get("https://llm.example-corp.com/health", verify=False, timeout=5).ok


def embed(texts):
    with httpx.Client(verify=os.environ.get("CA_BUNDLE", True)) as c:
        return c.post("https://embed.example-corp.com/embed", json={"inputs": texts}).json()


def tokenize(text):
    r = requests.post("http://tokenizer.example-corp.com:9000/tokenize", json={"text": text}, timeout=5)
    return r.json()["tokens"]


def triton_channel():
    return grpc.insecure_channel("triton.example-corp.com:8001")


def local_channel():
    return grpc.insecure_channel("localhost:8001")
