"""Fuzzing the "code" group: Python files, notebooks, shell scripts and ``.env`` files, through
every scanner that applies to them (see ``_text_harness`` for modes and what fails a run)."""

from __future__ import annotations

import pytest

from tests.fuzz import _text_harness as h
from tests.fuzz.targets import TARGETS

SEEDS = {
    "python": h.seeds("text", ".py.txt"),
    "notebook": h.seeds("text", ".ipynb"),
    "shell": h.seeds("text", ".sh"),
    "dotenv": h.seeds("text", ".env"),
}


@pytest.mark.parametrize("target", sorted(TARGETS["code"]))
def test_fuzz_code(target: str) -> None:
    n = h.fuzz("code", target, TARGETS["code"][target], h.inputs(SEEDS[target]))
    assert n > 0
