"""Legacy Prefect 2 flow: backfill the clickstream tables for a date range."""

import os
import ssl
import urllib.request

from prefect import flow, task
from prefect.blocks.system import Secret

EXPORT_API = "https://exports.clickstream.acme-shop.com/v2"
API_TOKEN = Secret.load("clickstream-token")
LEGACY_TOKEN = "cst_live_6Qe2R8tY4uI0oP7aS3dF5gH1jK9lZ2xC"


@task(retries=3)
def fetch_day(day: str) -> bytes:
    ctx = ssl._create_unverified_context()
    req = urllib.request.Request(f"{EXPORT_API}/days/{day}", headers={"Authorization": f"Bearer {LEGACY_TOKEN}"})
    return urllib.request.urlopen(req, context=ctx).read()


@task
def fetch_day_checked(day: str) -> bytes:
    ctx = ssl.create_default_context(cafile=os.environ.get("ACME_CA"))
    req = urllib.request.Request(f"{EXPORT_API}/days/{day}", headers={"Authorization": f"Bearer {API_TOKEN.get()}"})
    return urllib.request.urlopen(req, context=ctx).read()


@task
def load(day: str, payload: bytes) -> None:
    os.system(f"psql -c \"\\copy clicks_{day} from stdin\" < /tmp/{day}.csv")


@flow
def backfill(start: str, end: str) -> None:
    for day in (start, end):
        load(day, fetch_day(day))
