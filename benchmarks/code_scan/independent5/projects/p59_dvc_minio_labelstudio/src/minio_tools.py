"""Small MinIO helpers for the audio bucket."""
import os

import urllib3
from minio import Minio

urllib3.disable_warnings()

plain = Minio(
    "minio.data.acme-callcenter.com:9000",
    access_key=os.environ["MINIO_ACCESS_KEY"],
    secret_key=os.environ["MINIO_SECRET_KEY"],
    secure=False,
)

insecure_tls = Minio(
    "storage.acme-callcenter.com",
    access_key=os.environ["MINIO_ACCESS_KEY"],
    secret_key=os.environ["MINIO_SECRET_KEY"],
    secure=True,
    cert_check=False,
)

checked = Minio(
    "storage.acme-callcenter.com",
    access_key=os.environ["MINIO_ACCESS_KEY"],
    secret_key=os.environ["MINIO_SECRET_KEY"],
    secure=True,
)

local = Minio("localhost:9000", access_key="minioadmin", secret_key="minioadmin", secure=False)
