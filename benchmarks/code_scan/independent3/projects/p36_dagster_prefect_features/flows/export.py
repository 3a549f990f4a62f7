"""Prefect flow: push the daily feature snapshot to the partner's SFTP drop and API."""

import ssl
import subprocess

import httpx
from prefect import flow, task
from prefect.blocks.system import Secret

PARTNER_API = "https://api.partner-analytics.example.net/v1/snapshots"


@task
def upload(path: str) -> None:
    ctx = ssl.create_default_context()
    ctx.load_verify_locations("/etc/ssl/partner-ca.pem")
    with httpx.Client(verify=ctx, timeout=60) as c:
        c.post(PARTNER_API, files={"file": open(path, "rb")},
               headers={"Authorization": f"Bearer {Secret.load('partner-token').get()}"})


@task
def sftp(path: str) -> None:
    subprocess.run(["sftp", "-b", "-", "drop@sftp.partner-analytics.example.net"], input=f"put {path}\n", text=True, check=True)


@task
def compress(path: str) -> str:
    subprocess.run(["zstd", "-q", "-19", path], check=True)
    return path + ".zst"


@flow
def export(path: str) -> None:
    upload(compress(path))
