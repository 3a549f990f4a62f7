import os

import aiohttp
import httpx
import requests

VECTOR_DB = "http://qdrant.search.example-corp.com:6333"
OBJECT_STORE = os.getenv("OBJECT_STORE_URL", "https://minio.example-corp.com")
METADATA_SERVICE = "http://169.254.169.254/latest/meta-data/"


async def upsert(points):
    async with aiohttp.ClientSession() as s:
        async with s.put(f"{VECTOR_DB}/collections/images/points", json=points, ssl=False) as r:
            return await r.json()


def get_asset(key: str):
    return httpx.get(f"{OBJECT_STORE}/assets/{key}", verify="/etc/ssl/certs/corp-ca.pem")


def thumbnail_service(img: bytes):
    return requests.post("http://thumbs.example-corp.com/resize", data=img, timeout=10)


def instance_region():
    return requests.get(METADATA_SERVICE + "placement/region", timeout=2).text


def internal_ping():
    return requests.get("https://status.example-corp.com/ping", timeout=2, verify=os.environ.get("REQUESTS_CA_BUNDLE", True))
