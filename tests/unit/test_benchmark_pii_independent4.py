"""The fourth independent PII corpus: committed file, checks and runner."""

from __future__ import annotations

import json
import random

import pytest
from benchmarks.pii_independent4 import generate as gen
from benchmarks.pii_independent4 import run as runner
from benchmarks.pii_independent4 import values as V


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return gen.build()


def test_committed_corpus_is_what_the_generator_writes(records: list[dict]) -> None:
    committed = [json.loads(line) for line in gen.OUT.read_text(encoding="utf-8").splitlines()]
    assert committed == records


def test_shape_languages_and_negatives(records: list[dict]) -> None:
    assert 2800 <= len(records) <= 3400
    negative = sum(r["negative"] for r in records) / len(records)
    assert 0.35 <= negative <= 0.45
    langs = {r["language"] for r in records}
    assert len(langs) >= 12
    assert {"ja", "zh", "ko", "ar", "ru"} <= langs
    types = {t for r in records for _, _, t in r["spans"]}
    assert types == set(runner.first.TYPES)


def test_negative_records_hold_no_spans_and_decoys_do_not_overlap_spans(
    records: list[dict],
) -> None:
    for r in records:
        assert r["negative"] == (not r["spans"])
        for ds, de, _ in r["decoys"]:
            assert not any(ds < e and s < de for s, e, _ in r["spans"]), r["id"]


def test_verify_rejects_a_broken_value() -> None:
    rec = {
        "text": "card 4111 1111 1111 1112",
        "spans": [[5, 24, "CREDIT_CARD"]],
        "span_notes": [""],
        "source": "t",
    }
    with pytest.raises(AssertionError):
        gen.verify(rec)
    rec = {
        "text": "call +49 30 1",
        "spans": [[5, 13, "PHONE"]],
        "span_notes": ["DE"],
        "source": "t",
    }
    with pytest.raises(AssertionError):
        gen.verify(rec)


def test_identifier_generators_pass_their_checks() -> None:
    rng = random.Random(1)
    for kind, (_, mod) in V.NATIONAL.items():
        for _ in range(20):
            v = V.national_id(rng, kind, rng.random() < 0.5)
            assert V.nino_ok(v) if mod is None else mod.is_valid(v), (kind, v)
    for _ in range(20):
        assert V.wallet_ok(V.wallet(rng))
        assert V.mac_ok(V.mac(rng))
        assert V.ip_ok(V.ipv4(rng))
    assert not V.ip_ok("192.0.2.10")
    assert not V.nino_ok("QQ 12 34 56 A")


def test_runner_points_at_this_corpus() -> None:
    assert runner.CORPUS == gen.OUT
    assert "fourth" in runner.TITLE
