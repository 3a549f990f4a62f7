from __future__ import annotations

import gzip
import io
import json
import lzma
import pickle
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.model import ArtifactKind as K
from secplan.sniff import HEAD_BYTES, classify


def _classify(tmp_path: Path, name: str, data: bytes) -> tuple[K, str, bool]:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return classify(p, data[:HEAD_BYTES], len(data))


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _safetensors() -> bytes:
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    return struct.pack("<Q", len(header)) + header + b"\x00" * 8


@pytest.mark.parametrize(
    "name, data, kind, fmt",
    [
        ("labels.csv", pickle.dumps({"a": 1}, protocol=4), K.MODEL, "pickle"),  # content wins
        ("weights", pickle.dumps([1, 2], protocol=2), K.MODEL, "pickle"),
        ("m.pkl", pickle.dumps({"a": 1}, protocol=0), K.MODEL, "pickle"),
        ("model.joblib", pickle.dumps({"a": 1}, protocol=4), K.MODEL, "joblib"),
        (
            "shard_0001",
            _zip({"archive/data.pkl": b"\x80\x02.", "archive/data/0": b""}),
            K.MODEL,
            "pytorch-zip",
        ),
        (
            "m.pt",
            _zip({"m/data.pkl": b"\x80\x02.", "m/constants.pkl": b"\x80\x02."}),
            K.MODEL,
            "torchscript",
        ),
        ("m.keras", _zip({"config.json": b"{}", "model.weights.h5": b""}), K.MODEL, "keras-v3"),
        ("a.npz", _zip({"x.npy": b"\x93NUMPY"}), K.DATASET, "npz"),
        ("bundle.zip", _zip({"readme.txt": b"hi"}), K.ARCHIVE, "zip"),
        ("t.xlsx", _zip({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), K.DATASET, "xlsx"),
        ("x.bin", _safetensors(), K.MODEL, "safetensors"),
        ("a.npy", b"\x93NUMPY\x01\x00v\x00{'descr': '<f8'}", K.DATASET, "npy"),
        ("m.h5", b"\x89HDF\r\n\x1a\n" + b"\x00" * 16, K.MODEL, "hdf5"),
        ("model", b"GGUF\x03\x00\x00\x00" + b"\x00" * 16, K.MODEL, "gguf"),
        ("t.dat", b"PAR1" + b"\x00" * 16, K.DATASET, "parquet"),
        ("a.7z", b"7z\xbc\xaf\x27\x1c\x00\x04", K.ARCHIVE, "7z"),
        ("data.csv.age", b"age-encryption.org/v1\n-> X25519 abc\n", K.DATASET, "encrypted-age"),
        ("id_rsa", b"-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n", K.CONFIG, "private-key"),
        ("Dockerfile", b"FROM python:3.11\n", K.CONTAINER, "dockerfile"),
        ("build/Containerfile.gpu", b"FROM nvidia/cuda\n", K.CONTAINER, "dockerfile"),
        (
            "serve_image",
            b"# image\nARG V=1\nFROM python:3.11\nUSER 1000\n",
            K.CONTAINER,
            "dockerfile",
        ),
        ("requirements-dev.txt", b"pytest\n", K.DEPENDENCIES, "requirements-dev.txt"),
        ("pyproject.toml", b"[project]\n", K.DEPENDENCIES, "pyproject.toml"),
        ("k8s/deploy.yaml", b"apiVersion: apps/v1\nkind: Deployment\n", K.DEPLOYMENT, "kubernetes"),
        ("docker-compose.yml", b"services:\n  app:\n    image: x\n", K.DEPLOYMENT, "compose"),
        ("stack.yml", b"services:\n  app:\n    build: .\n", K.DEPLOYMENT, "compose"),
        ("config.yaml", b"lr: 0.1\n", K.CONFIG, "yaml"),
        ("nb.ipynb", b'{"cells": [], "nbformat": 4}', K.NOTEBOOK, "ipynb"),
        ("train.py", b"import torch\n", K.CODE, "python"),
        ("run", b"#!/usr/bin/env python3\nprint(1)\n", K.CODE, "python"),
        ("records", b"a,b,c\n1,2,3\n4,5,6\n7,8,9\n", K.DATASET, "csv"),
        ("train.json", b'[{"text": "hi", "label": 1}]', K.DATASET, "json-records"),
        ("README.md", b"# hi\n", K.DOCUMENT, "markdown"),
        ("saved_model.pb", b"\x08\x01\x12\x00", K.MODEL, "tf-savedmodel"),
        ("blob", b"\x01\x02\x03\xff\xfe", K.UNKNOWN, "binary"),
        (
            "weights.pt",
            b"\x01\x02\x03\xff\xfe",
            K.MODEL,
            "pytorch",
        ),  # unknown content, named as a model
    ],
)
def test_classification(tmp_path: Path, name: str, data: bytes, kind: K, fmt: str) -> None:
    got_kind, got_fmt, _ = _classify(tmp_path, name, data)
    assert (got_kind, got_fmt) == (kind, fmt)


@pytest.mark.parametrize(
    "name, data, fmt",
    [
        ("model.bin", gzip.compress(pickle.dumps({"a": 1}, protocol=4)), "joblib-gzip"),
        ("weights", zlib.compress(pickle.dumps([1], protocol=4), 3), "joblib-zlib"),
        ("m.z", zlib.compress(pickle.dumps([1], protocol=4), 9), "joblib-zlib"),
        ("m.dat", lzma.compress(pickle.dumps([1], protocol=4)), "joblib-xz"),
        ("notes.txt", b"(S'x'\nios\nsystem\n.", "pickle"),  # protocol 0 starting with MARK
        ("cfg.yaml", pickle.dumps({"a": [1, 2, 3]}, protocol=0), "pickle"),
    ],
)
def test_pickles_by_content(tmp_path: Path, name: str, data: bytes, fmt: str) -> None:
    assert _classify(tmp_path, name, data)[:2] == (K.MODEL, fmt)


def test_compressed_archives_stay_archives(tmp_path: Path) -> None:
    assert _classify(tmp_path, "a.gz", gzip.compress(b"plain text"))[:2] == (K.ARCHIVE, "gzip")


def test_torch_zip_with_upper_case_record(tmp_path: Path) -> None:
    data = _zip({"archive/DATA.PKL": b"\x80\x02.", "archive/version": b"3"})
    assert _classify(tmp_path, "ckpt", data)[:2] == (K.MODEL, "pytorch-zip")


def test_text_is_not_taken_for_a_pickle(tmp_path: Path) -> None:
    for text in (b"(a, b)\n", b"lr: 0.1\nbatch: 32\n", b"N.B. see notes\n", b"]]\n"):
        assert _classify(tmp_path, "notes.txt", text)[0] is not K.MODEL


def test_binary_signature_is_marked_as_sniffed(tmp_path: Path) -> None:
    assert _classify(tmp_path, "labels.csv", pickle.dumps(1, protocol=4))[2] is True
    assert _classify(tmp_path, "weights.pt", b"\x01\x02\xff")[2] is False


def test_truncated_zip_is_still_classified(tmp_path: Path) -> None:
    data = _zip({"archive/data.pkl": b"\x80\x02." * 100})
    kind, fmt, _ = _classify(tmp_path, "m.pt", data[: len(data) // 2])
    assert (kind, fmt) == (K.MODEL, "zip")


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=2048),
    name=st.sampled_from(["a", "a.pkl", "a.zip", "Dockerfile", "a.csv", "a.yaml", "a.age"]),
)
def test_classify_never_raises(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    d = tmp_path_factory.mktemp("fuzz")
    kind, fmt, _ = _classify(d, name, data)
    assert isinstance(kind, K) and fmt


STYLESHEET = b"""\
.App { display: flex; }
.toolbar { margin: 0, 0; }
.button { padding: 1px, 2px; }
.canvas { inset: 0, 0; }
.footer { gap: 4px, 4px; }
"""


@pytest.mark.parametrize("name", ["App.scss", "site.css", "Widget.tsx"])
def test_stylesheets_and_web_sources_are_never_sniffed_as_csv(tmp_path: Path, name: str) -> None:
    assert _classify(tmp_path, name, STYLESHEET)[0] is not K.DATASET
    # the same lines in a file without a suffix are still taken as delimited data
    assert _classify(tmp_path, "table", STYLESHEET)[:2] == (K.DATASET, "csv")


@pytest.mark.parametrize("name", ["tokenizer.model", "tokenizer.bin", "spiece.model"])
def test_tokenizer_vocabularies_are_not_models(tmp_path: Path, name: str) -> None:
    protobuf = b"\x0a\x0e\x0a\x05<unk>\x15\x00\x00\x00\x00\x18\x02" * 8
    assert _classify(tmp_path, name, protobuf)[:2] == (K.UNKNOWN, "tokenizer")
    # content still wins: a pickle under a tokenizer's name is a model file
    assert _classify(tmp_path, name, pickle.dumps({"a": 1}, protocol=4))[0] is K.MODEL
    assert _classify(tmp_path, "weights.bin", protobuf)[0] is K.MODEL


def test_test_snapshots_of_json_records_are_not_datasets(tmp_path: Path) -> None:
    records = b'[{"generated_text": "Hello", "tokens": 3}, {"generated_text": "Hi"}]'
    snap = "integration-tests/__snapshots__/test_load/test_load.json"
    assert _classify(tmp_path, snap, records)[:2] == (K.CONFIG, "json")
    assert _classify(tmp_path, "data/records.json", records)[:2] == (K.DATASET, "json-records")
