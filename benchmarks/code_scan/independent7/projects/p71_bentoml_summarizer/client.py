"""Batch client that replays a day of tickets through the summarizer."""

import json
import pickle
import ssl
import urllib.request

import bentoml
import yaml

REMOTE = "http://summarizer.acme-ml.com:3000"
LOCAL = "http://127.0.0.1:3000"


def load_settings(path: str) -> dict:
    with open(path) as fh:
        unsafe = yaml.load(fh, Loader=yaml.Loader)
    with open(path) as fh:
        safe = yaml.safe_load(fh)
    return {**safe, **unsafe}


def replay(day_file: str, remote: bool = True) -> None:
    url = REMOTE if remote else LOCAL
    with bentoml.SyncHTTPClient(url) as client:
        for line in open(day_file):
            client.summarize_ticket(ticket=json.loads(line))
    with open("replay.pkl", "wb") as fh:
        pickle.dump({"day": day_file}, fh)


def fetch_report(url: str) -> bytes:
    ctx = ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=ctx) as resp:
        return resp.read()


def fetch_report_checked(url: str) -> bytes:
    ctx = ssl.create_default_context(cafile="/etc/ssl/certs/acme-ca.pem")
    with urllib.request.urlopen(url, context=ctx) as resp:
        return resp.read()
