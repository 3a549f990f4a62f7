"""Ingest uploaded PDFs into Qdrant."""
import os
import shlex
import subprocess

import yaml
from llama_index import SimpleDirectoryReader


def pdf_to_text(upload_path: str) -> str:
    out = upload_path + ".txt"
    os.system(f"pdftotext -layout '{upload_path}' '{out}'")
    with open(out) as fh:
        return fh.read()


def ocr(upload_path: str) -> str:
    cmd = f"tesseract {shlex.quote(upload_path)} stdout"
    return subprocess.run(cmd, shell=True, capture_output=True, text=True, check=True).stdout


def load_sources(path: str = "sources.yaml") -> list:
    with open(path) as fh:
        cfg = yaml.safe_load(fh)
    return SimpleDirectoryReader(input_dir=cfg["input_dir"]).load_data()
