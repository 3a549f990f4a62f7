"""Push transcripts to Label Studio as pre-annotations; export corrections."""
import json
import os
import sys

import requests
from label_studio_sdk import Client

LS_URL = "http://label-studio.acme-callcenter.com"
LS_URL_INTERNAL = "http://label-studio.asr-data.svc.cluster.local:8080"
LS_API_KEY = "c7f3e9a1b5d2486f0e9c3a7b1d5f8e2a4c6b9d0e"


def client() -> Client:
    return Client(url=LS_URL, api_key=LS_API_KEY)


def client_in_cluster() -> Client:
    return Client(url=LS_URL_INTERNAL, api_key=os.environ["LABEL_STUDIO_API_KEY"])


def push() -> None:
    project = client().get_project(12)
    tasks = [json.load(open(os.path.join("data/transcripts", f))) for f in os.listdir("data/transcripts")]
    project.import_tasks(tasks)


def export(out: str) -> None:
    resp = requests.get(
        f"{LS_URL.replace('http://', 'https://')}/api/projects/12/export?exportType=JSON",
        headers={"Authorization": f"Token {LS_API_KEY}"},
        verify=False,
        timeout=120,
    )
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "export.json"), "w") as fh:
        fh.write(resp.text)


if __name__ == "__main__":
    if sys.argv[1] == "push":
        push()
    else:
        export(sys.argv[sys.argv.index("--out") + 1])
