"""Readers for cached artefacts produced by the nightly jobs."""

from __future__ import annotations

import importlib
import marshal
import ssl
import urllib.request
from pathlib import Path

import cloudpickle
import dill
import numpy
import torch
from keras.models import load_model
from safetensors.torch import load_file

LOAD_KW = {"weights_only": False, "map_location": "cpu"}
SAFE_KW = {"weights_only": True, "map_location": "cpu"}
NUMPY_KW = dict(allow_pickle=True)


def read_torch(path: Path):
    return torch.load(path, **LOAD_KW)


def read_torch_safe(path: Path):
    return torch.load(path, **SAFE_KW)


def read_array(path: Path):
    return numpy.load(path, **NUMPY_KW)


def read_object(path: Path):
    return dill.load(open(path, "rb"))


def read_udf(blob: bytes):
    return cloudpickle.loads(blob)


def read_code(path: Path):
    return marshal.loads(Path(path).read_bytes())


def read_plugin_state(blob: bytes):
    serializer = importlib.import_module("pickle")
    return serializer.loads(blob)


def read_keras(path: str):
    return load_model(path, safe_mode=False)


def read_keras_safe(path: str):
    return load_model(path)


def read_safetensors(path: str):
    return load_file(path)


def fetch(url: str) -> bytes:
    ctx = ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=ctx) as r:
        return r.read()


def fetch_verified(url: str) -> bytes:
    ctx = ssl.create_default_context()
    with urllib.request.urlopen(url, context=ctx) as r:
        return r.read()


def make_insecure_ctx():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
