import os
import subprocess

import httpx
import yaml
from prefect import flow, task
from prefect.blocks.system import Secret


@task(retries=3)
def download(url: str) -> bytes:
    r = httpx.get(url, verify=False, timeout=60)
    return r.content


@task
def parse_manifest(raw: bytes) -> dict:
    return yaml.load(raw, Loader=yaml.FullLoader)


@task
def parse_schema(raw: bytes) -> dict:
    return yaml.load(raw, Loader=yaml.SafeLoader)


@task
def sync(bucket: str, prefix: str) -> None:
    subprocess.run(f"gsutil -m rsync -r gs://{bucket}/{prefix} /data/raw", shell=True, check=True)


@flow(log_prints=True)
def ingest(manifest_url: str = "http://manifests.acme-ml.example.com/churn.yaml", bucket: str = "acme-raw", prefix: str = "churn"):
    token = Secret.load("warehouse-token").get()
    manifest = parse_manifest(download(manifest_url))
    schema = parse_schema(download("https://manifests.acme-ml.example.com/churn.schema.yaml"))
    sync(bucket, prefix)
    print(len(manifest), len(schema), bool(token))


if __name__ == "__main__":
    ingest.serve(name="ingest-churn")
