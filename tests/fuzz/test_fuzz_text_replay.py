"""Replays the inputs that once broke a text, configuration or data target: the ones the
fuzzing harnesses saved under ``tests/fuzz/regressions/<group>/``, and the reported ones,
generated here. Each must now finish within the per-input deadline, within the memory limit,
and without raising (see ``_text_harness.check``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fuzz import _text_harness as h
from tests.fuzz.targets import TARGETS

SPACES = " " * 60_000
#: One 32 KB cell packed with e-mail addresses, phone and card numbers, IPs and IBANs.
DENSE = b" ".join(
    b"ana.silva%d@mail.pt +44 20 7946 %04d 4111 1111 1111 1111 10.0.%d.%d DE89370400440532013000"
    % (i, i, i % 256, i % 7)
    for i in range(320)
)

#: Reported inputs, generated: (group, target, input).
KNOWN: dict[str, tuple[str, str, bytes]] = {
    "properties-of-newlines": ("config", "properties", b"a=b" + b"\n" * 200_000 + b"x"),
    "jupyter-config-of-30000-keys": (
        "config",
        "jupyter-json",
        json.dumps({"ServerApp": {f"k{i}": i for i in range(30_000)}}).encode(),
    ),
    "notebook-of-spaces": (
        "code",
        "notebook",
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "metadata": {},
                        "outputs": [],
                        "source": ["x" + SPACES + "= !ls\n", SPACES + "y\n"],
                    }
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        ).encode(),
    ),
    "markdown-heading-of-spaces": ("config", "markdown", b"# a" + SPACES.encode() + b"x\n"),
    "dotenv-value-of-spaces": ("code", "dotenv", b"A=" + SPACES.encode() + b"x\n"),
    "dockerfile-env-of-one-long-word": (
        "config",
        "dockerfile",
        b"FROM x\nENV a=b " + b"x" * 60_000 + b"\n",
    ),
    "dockerfile-run-of-spaces": (
        "config",
        "dockerfile",
        b"FROM x\nRUN pip install"
        + SPACES.encode()
        + b"torch && curl -k"
        + SPACES.encode()
        + b"x\n",
    ),
    "dockerfile-env-of-spaces": (
        "config",
        "dockerfile",
        b"FROM x\nENV a" + SPACES.encode() + b"=b\n",
    ),
    "poetry-constraint-of-spaces": (
        "config",
        "pyproject",
        b'[tool.poetry.dependencies]\ntorch = "' + SPACES.encode() + b'x"\n'
        b'b = {version = "' + SPACES.encode() + b'", extras = []}\n',
    ),
    "data-line-of-minus-nine": ("data", "text", b"-9" * 100_000 + b"\n"),
    "data-cell-of-dense-personal-data": ("data", "csv-scan", b"id,notes\n1," + DENSE + b"\n"),
}


def _saved() -> list[Path]:
    # only the text groups: the model-file groups keep theirs in the same folder
    return sorted(p for group in TARGETS for p in (h.REGRESSIONS / group).glob("*.bin"))


def _run(group: str, target: str, data: bytes) -> None:
    run: Callable[[bytes], object] = TARGETS[group][target]
    h.check(group, target, run, data)


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_a_reported_input_now_ends_in_a_report(name: str) -> None:
    group, target, data = KNOWN[name]
    _run(group, target, data)


@pytest.mark.parametrize("path", _saved(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_saved_fuzzing_input_now_ends_in_a_report(path: Path) -> None:
    group = path.parent.name
    target = path.name.rsplit("-", 1)[0]
    assert target in TARGETS.get(group, {}), f"no target {group}/{target} for {path.name}"
    _run(group, target, path.read_bytes())
