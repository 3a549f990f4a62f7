"""Fuzzing the "config" group: Dockerfiles, compose and Kubernetes manifests, dependency
manifests, Jupyter and TorchServe configuration, Markdown headings, secplan's own settings and
records, and SARIF import (see ``_text_harness`` for modes and what fails a run)."""

from __future__ import annotations

import pytest

from tests.fuzz import _text_harness as h
from tests.fuzz.targets import TARGETS

_SEED_FILES = {
    "dockerfile": "Dockerfile",
    "compose": "docker-compose.yml",
    "kubernetes": "deploy.yaml",
    "pyproject": "pyproject.toml",
    "requirements": "requirements.txt",
    "conda": "environment.yml",
    "jupyter-json": "jupyter_server_config.json",
    "properties": "app.properties",
    "markdown": "Dockerfile",
    "settings": "secplan.toml",
    "evidence": "evidence.toml",
    "waiver": "waiver.toml",
    "waiver-approval": "waiver-approval.sig",
    "sarif": "report.sarif",
}


@pytest.mark.parametrize("target", sorted(TARGETS["config"]))
def test_fuzz_config(target: str) -> None:
    corpus = h.seeds("config", _SEED_FILES[target])
    if target == "markdown":
        corpus = [b"# Incident response ##\n\nContacts\n========\n", b"   ### a # b ###  \n"]
    n = h.fuzz("config", target, TARGETS["config"][target], h.inputs(corpus))
    assert n > 0
