"""Ask both back ends the same question and compare the answers."""

import os
import ssl

import httpx
from openai import OpenAI

GATEWAY = "http://llm.infer-corp.net/v1"
INTERNAL = "http://llm-vllm.inference.svc.cluster.local:8000/v1"
CA_FILE = os.environ.get("INFER_CA_FILE", "/etc/ssl/certs/infer-corp-ca.pem")

public = OpenAI(
    base_url=GATEWAY,
    api_key="sk-vllm-4f9a8c2e7b1d6035a9e4c7f2d8b1a6e3",
    http_client=httpx.Client(verify=False, timeout=60),
)
internal = OpenAI(
    base_url=INTERNAL,
    api_key=os.environ["VLLM_API_KEY"],
    http_client=httpx.Client(verify=ssl.create_default_context(cafile=CA_FILE)),
)


def ask(client: OpenAI, question: str) -> str:
    reply = client.chat.completions.create(
        model="meta-llama/Meta-Llama-3-8B-Instruct",
        messages=[{"role": "user", "content": question}],
        max_tokens=256,
    )
    return reply.choices[0].message.content or ""


if __name__ == "__main__":
    q = "Summarize the incident report in two sentences."
    print(ask(public, q))
    print(ask(internal, q))
