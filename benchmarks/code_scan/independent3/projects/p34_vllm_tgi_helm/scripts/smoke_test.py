import os

import httpx

BASE = os.environ.get("LLM_BASE", "https://llm.acme-labs.io")
INTERNAL = "http://llm-tgi.llm.svc.cluster.local:8080"
LAB_BOX = "http://gpu-box-07.lab.acme-labs.io:8001/v1"


def main() -> None:
    with httpx.Client(verify=os.environ.get("LLM_CA_BUNDLE", True), timeout=30) as c:
        print(c.get(f"{BASE}/v1/models").json())
    with httpx.Client(verify=False, timeout=30) as lab:
        print(lab.post(f"{LAB_BOX}/completions", json={"prompt": "ping", "max_tokens": 1}).json())
    print(httpx.get(f"{INTERNAL}/health").status_code)


if __name__ == "__main__":
    main()
