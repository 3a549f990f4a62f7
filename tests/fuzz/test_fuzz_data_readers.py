"""Fuzzing the "data" group: CSV, JSON Lines, JSON, text, Parquet and Excel readers with
personal-data detection, and the data scanners (see ``_text_harness`` for modes and what fails
a run)."""

from __future__ import annotations

import pytest

from tests.fuzz import _text_harness as h
from tests.fuzz.targets import TARGETS, parquet_seed, xlsx_seed

SEEDS = {
    "csv": h.seeds("data", ".csv"),
    "csv-scan": h.seeds("data", ".csv"),
    "csv-scanners": h.seeds("data", ".csv"),
    "jsonl": h.seeds("data", ".jsonl"),
    "json": h.seeds("data", ".json"),
    "text": h.seeds("data", ".txt"),
    "parquet": [parquet_seed()],
    "xlsx": [xlsx_seed()],
}


@pytest.mark.parametrize("target", sorted(TARGETS["data"]))
def test_fuzz_data(target: str) -> None:
    if target == "parquet":
        pytest.importorskip("pyarrow")
    if target == "xlsx":
        pytest.importorskip("openpyxl")
    n = h.fuzz("data", target, TARGETS["data"][target], h.inputs(SEEDS[target]))
    assert n > 0
