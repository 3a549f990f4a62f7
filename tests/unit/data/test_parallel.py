"""Personal-data detection on several cores: the work is cut by size, small inputs stay in
the calling process, and the results are those of one process, in the same order."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.data.readers import Batch
from secplan.data.scan import (
    MAX_PIECE_CHARS,
    MIN_PIECE_CHARS,
    PIECES_PER_WORKER,
    WORKER_MIN_BYTES,
    DetectorSpec,
    piece_chars,
    pieces,
    pool_for,
    workers_of,
)
from secplan.data.stream import detect_lines, detect_records

GIVEN = ["Maria", "John", "Aiko", "Lars", "Fatima", "Pedro", "Grace", "Tomasz"]
SURNAMES = ["Gonzalez", "Smith", "Tanaka", "Nilsson", "Haddad", "Silva", "Okafor", "Nowak"]
TEMPLATES = [
    "Please call {name} back on +44 20 7946 {n4} about the refund.",
    "Ticket {n6}: {name} <{user}@example.com> asked to update the billing address.",
    "Card on file 4111 1111 1111 1111 for {name}; SSN 536-22-{n4} was verified.",
    "Build 4.12.{d} deployed to 10.0.{d}.{d} by the pipeline, request {hex} took {n4} ms.",
    "Nothing personal in this line, only an order ORD-{n6} and a parcel TRK{n6}{n4}.",
    "Meeting notes. " + "The team reviewed the quarterly roadmap and the open issues. " * 12,
    "{name} wrote from {user}@example.org: my number is (555) 01{d}-{n4}, born 1984-03-0{d}.",
]


def corpus(path: Path, records: int, seed: int = 7) -> Path:
    """Generated JSON Lines records of very different lengths, with and without personal
    data (example domains, test card numbers, reserved phone ranges)."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(records):
            name = f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)}"
            text = rnd.choice(TEMPLATES).format(
                name=name,
                user=name.lower().replace(" ", "."),
                n4=f"{rnd.randrange(10_000):04d}",
                n6=f"{rnd.randrange(1_000_000):06d}",
                d=rnd.randrange(1, 9),
                hex=f"{rnd.getrandbits(64):016x}",
            )
            fh.write(json.dumps({"id": i, "text": text}) + "\n")
    return path


def sized(rows: int, seed: int = 3) -> Batch:
    rnd = random.Random(seed)
    return Batch(
        100,
        [(f"{i}", "x" * rnd.choice([5, 40, 300, 3000])) for i in range(rows)],
        list(range(1, rows + 1)),
    )


@pytest.mark.parametrize(("rows", "workers"), [(4000, 2), (2000, 1), (3, 4), (2000, 16)])
def test_pieces_cover_a_batch_in_order_and_share_its_text(rows: int, workers: int) -> None:
    batch = sized(rows)
    got = list(pieces(batch, workers))
    assert [r for p in got for r in p.rows] == batch.rows
    assert [line for p in got for line in p.lines] == batch.lines
    assert all(p.first == 100 + int(p.rows[0][0]) for p in got)
    if workers == 1:
        assert got == [batch]
        return
    chars = [sum(len(v) for r in p.rows for v in r) for p in got]
    total = sum(chars)
    target = min(MAX_PIECE_CHARS, max(MIN_PIECE_CHARS, total // (workers * PIECES_PER_WORKER)))
    assert all(c >= target for c in chars[:-1])  # every piece but the last is full
    # no piece is much more than its share: at most one record over the target
    assert all(c < target + 3002 for c in chars)
    if total >= 2 * workers * PIECES_PER_WORKER * MIN_PIECE_CHARS:
        assert len(got) >= 2 * workers  # every worker gets work, with room to balance


def test_pieces_of_only_the_fields_read() -> None:
    batch = Batch(0, [("x" * 5000, "short") for _ in range(100)], list(range(1, 101)))
    assert len(list(pieces(batch, 2, 10_000, chosen=(1,)))) == 1  # 500 characters read
    assert len(list(pieces(batch, 2, 10_000, chosen=(0,)))) == 50


def test_piece_size_follows_the_whole_input() -> None:
    # 1,000 characters read in the first 2,000 bytes of a 2,000,000-byte file
    assert piece_chars(2, 2_000_000, 2_000, 1_000) == 1_000_000 // (2 * PIECES_PER_WORKER)
    assert piece_chars(2, 5_000, 5_000, 4_000) == MIN_PIECE_CHARS  # never under the floor
    # a large input is cut into many bounded pieces, whatever the number of workers
    assert piece_chars(2, 10**10, 10**6, 10**6) == MAX_PIECE_CHARS


def test_a_large_batch_becomes_many_bounded_pieces() -> None:
    batch = Batch(0, [("y" * 1000,) for _ in range(2000)], list(range(1, 2001)))
    got = list(pieces(batch, 2, MAX_PIECE_CHARS // 8))
    assert len(got) >= 60  # 2,000,000 characters in pieces of about 33,000
    assert all(sum(len(r[0]) for r in p.rows) <= MAX_PIECE_CHARS // 8 + 1000 for p in got)


def test_small_inputs_stay_in_process_and_large_ones_get_workers() -> None:
    spec = DetectorSpec()
    assert pool_for(2, WORKER_MIN_BYTES, spec) is None
    assert pool_for(1, 100 * WORKER_MIN_BYTES, spec) is None
    pool = pool_for(8, 3 * WORKER_MIN_BYTES, spec)
    assert pool is not None
    try:
        assert workers_of(pool) == 3  # no more workers than the input is worth
    finally:
        pool.shutdown()


def test_all_cores_of_two_are_two_workers_and_a_small_input_keeps_to_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from secplan.data import work

    monkeypatch.setattr(work, "default_jobs", lambda: 2)
    assert work.workers_for(0, 620_000) == 2  # 4,000 records of free text
    assert work.workers_for(0, 2 * WORKER_MIN_BYTES - 1) == 1
    assert work.workers_for(1, 10**9) == 1
    assert work.workers_for(8, 10**9) == 8


def test_parallel_detection_matches_one_process_record_for_record(tmp_path: Path) -> None:
    path = corpus(tmp_path / "c.jsonl", 1500)
    assert path.stat().st_size >= 2 * WORKER_MIN_BYTES
    serial = list(detect_records(path, fields=("text",)))
    pool = pool_for(2, path.stat().st_size, DetectorSpec())
    assert workers_of(pool) == 2
    try:
        parallel = list(detect_records(path, fields=("text",), pool=pool))
    finally:
        assert pool is not None
        pool.shutdown()
    assert parallel == serial
    assert [r["record"] for r in parallel] == list(range(1500))
    assert sum(1 for r in serial if r["spans"]["text"]) > 500  # type: ignore[index]


def test_json_lines_written_by_the_workers_are_the_records_in_order(tmp_path: Path) -> None:
    path = corpus(tmp_path / "c.jsonl", 1500, seed=5)
    serial = list(detect_records(path, fields=("text",)))
    pool = pool_for(2, path.stat().st_size, DetectorSpec())
    assert pool is not None
    try:
        chunks = list(detect_lines(path, fields=("text",), pool=pool))
    finally:
        pool.shutdown()
    assert len(chunks) >= PIECES_PER_WORKER  # many pieces, not one per batch of rows
    assert sum(n for n, _ in chunks) == 1500
    lines = "".join(text for _, text in chunks).splitlines()
    assert [json.loads(line) for line in lines] == serial


def test_cli_output_is_the_same_with_one_job_and_with_all(tmp_path: Path) -> None:
    path = corpus(tmp_path / "c.jsonl", 1500, seed=11)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_")}
    env["SECPLAN_HOME"] = str(tmp_path / "home")
    outs = []
    argv = [sys.executable, "-m", "secplan", "data", "detect", str(path), "--field", "text"]
    for jobs in ("1", "2", "0"):
        done = subprocess.run(
            [*argv, "--jobs", jobs],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
    assert outs[0].count("\n") == 1500
    assert outs[1] == outs[0] and outs[2] == outs[0]


@pytest.mark.parametrize("busy", [True, False])
def test_workers_give_the_same_results_whether_the_caller_preloads_or_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, busy: bool
) -> None:
    # the machine's load decides who loads the detectors; it cannot be set here
    from secplan.data import work

    monkeypatch.setattr(work, "_cores_busy", lambda: busy)
    path = corpus(tmp_path / "c.jsonl", 600, seed=13)
    serial = list(detect_records(path, fields=("text",)))
    pool = work.make_pool(2, DetectorSpec())
    assert pool is not None
    try:
        assert list(detect_records(path, fields=("text",), pool=pool)) == serial
    finally:
        pool.shutdown()
