"""Over-the-air model updates."""

import hashlib
import json
import pickle
import subprocess
import urllib.request

import requests

MANIFEST = "http://updates.acme-grocer.com/shelfcam/manifest.json"
MIRROR = "https://updates.acme-grocer.com/shelfcam"


def manifest() -> dict:
    return requests.get(MANIFEST, timeout=20).json()


def download(name: str, sha256: str) -> bytes:
    blob = requests.get(f"{MIRROR}/{name}", timeout=60).content
    if hashlib.sha256(blob).hexdigest() != sha256:
        raise ValueError("checksum mismatch")
    return blob


def apply_hook(script_url: str) -> None:
    body = urllib.request.urlopen(script_url).read().decode()
    exec(body, {"__name__": "update_hook"})


def restart(service: str) -> None:
    subprocess.run(["systemctl", "restart", service], check=True)


def thresholds(blob: bytes) -> dict:
    return pickle.loads(blob)


def thresholds_json(blob: bytes) -> dict:
    return json.loads(blob)
