"""Scanning files for personal data: per column (tables) or per line (text and logs), on all
cores, in constant memory.

A file is read in batches; the first batch decides each column's plan (see
:mod:`secplan.data.columns`), and worker processes count what they find in every batch. Reports
carry counts, scores, row numbers and *masked* examples, never the values themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from secplan.data import work
from secplan.data.columns import (
    ColumnPlan,
    ColumnVerdict,
    is_number,
    plan_column,
    shape,
    verdict,
)
from secplan.data.detect import Detector
from secplan.data.mask import mask
from secplan.data.ner import load_ner
from secplan.data.readers import Batch, Limits, Reader, open_reader
from secplan.data.spans import Span
from secplan.data.typed import typed_span
from secplan.deadline import (
    DeadlineExceeded,
    current,
    data_file_seconds,
    deadline,
    rounded,
)

# the pool, the pieces and the detector settings live in secplan.data.work, which loads no
# detector; these names stay here for the modules that import them from this one
MAX_PIECE_CHARS = work.MAX_PIECE_CHARS
MIN_PIECE_CHARS = work.MIN_PIECE_CHARS
PIECES_PER_WORKER = work.PIECES_PER_WORKER
WARM_TEXT = work.WARM_TEXT
WORKER_MIN_BYTES = work.WORKER_MIN_BYTES
DetectorSpec = work.DetectorSpec
default_jobs = work.default_jobs
make_pool = work.make_pool
ordered = work.ordered
piece_chars = work.piece_chars
pieces = work.pieces
pool_for = work.pool_for
row_chars = work.row_chars
warm = work.warm
workers_of = work.workers_of

T = TypeVar("T")
R = TypeVar("R")
SAMPLE_ROWS = 200
MAX_EXAMPLES = 3
MAX_ROWS_KEPT = 5
#: Progress callback: (bytes done in this file, file size, path shown).
Progress = Callable[[int, int, str], None]


@lru_cache(maxsize=4)
def detector_for(spec: DetectorSpec) -> Detector:
    return Detector(
        threshold=spec.threshold,
        entities=spec.entities,
        ner=load_ner(spec.ner),
        document=spec.document,
    )


@dataclass(slots=True)
class Tally:
    """Counts for one (field, entity type): mergeable across batches and processes."""

    count: int = 0  # spans
    cells: int = 0  # cells (records) holding at least one
    score_sum: float = 0.0
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def add(self, line: int, spans: list[tuple[str, float]], entity: str) -> None:
        self.count += len(spans)
        self.cells += 1
        self.score_sum += sum(s for _, s in spans)
        if len(self.rows) < MAX_ROWS_KEPT:
            self.rows.append(line)
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(mask(spans[0][0], entity))

    def merge(self, other: Tally) -> None:
        self.count += other.count
        self.cells += other.cells
        self.score_sum += other.score_sum
        self.rows = sorted(self.rows + other.rows)[:MAX_ROWS_KEPT]
        self.examples = (self.examples + other.examples)[:MAX_EXAMPLES]


Counts = dict[tuple[str, str], Tally]


@dataclass(frozen=True, slots=True)
class Hit:
    """One entity type found in one column (or in the lines of a text file)."""

    field: str
    entity: str
    count: int
    cells: int
    score: float  # mean score
    rows: tuple[int, ...]  # first lines/rows where it occurs
    examples: tuple[str, ...]  # masked

    def as_json(self) -> dict[str, object]:
        return {
            "field": self.field,
            "entity": self.entity,
            "count": self.count,
            "cells": self.cells,
            "score": round(self.score, 2),
            "rows": list(self.rows),
            "examples": list(self.examples),
        }


@dataclass(frozen=True, slots=True)
class FileScan:
    path: str
    format: str
    records: int
    bytes_read: int
    size: int
    complete: bool
    truncated: str
    errors: tuple[str, ...]
    columns: tuple[ColumnVerdict, ...]
    hits: tuple[Hit, ...]

    @property
    def entities(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for h in self.hits:
            out[h.entity] = out.get(h.entity, 0) + h.count
        return out


#: Cells already judged in this process, across batches and files, per (detector settings,
#: column plan): a value's verdict depends on both, so neither may be shared between them.
_MEMO: dict[tuple[DetectorSpec, ColumnPlan], dict[str, list[Span]]] = {}
MEMO_SIZE = 200_000
_memo_cells = 0


def _memo_for(spec: DetectorSpec, plan: ColumnPlan) -> dict[str, list[Span]]:
    global _memo_cells
    if _memo_cells >= MEMO_SIZE:
        _MEMO.clear()
        _memo_cells = 0
    return _MEMO.setdefault((spec, plan), {})


def _judge(det: Detector, plan: ColumnPlan, value: str) -> list[Span]:
    if plan.mode == "numeric" and is_number(value) and not 13 <= len(value.strip()) <= 19:
        return []
    if plan.mode == "shaped" and shape(value) in plan.shapes:
        return []
    if plan.mode == "typed":
        span = typed_span(value, plan.entity, plan.name)
        if span is not None:
            return [span]
    return det.analyze(value, hint=plan.name)


def _cell_spans(
    det: Detector, plan: ColumnPlan, memo: dict[str, list[Span]], value: str
) -> list[Span]:
    global _memo_cells
    found = memo.get(value)
    if found is None:
        found = memo[value] = _judge(det, plan, value)
        _memo_cells += 1
    return found


def count_batch(
    batch: Batch, plans: tuple[ColumnPlan, ...], spec: DetectorSpec
) -> tuple[Counts, list[int]]:
    """Tallies for one batch, and the number of non-empty cells per column."""
    det = detector_for(spec)
    memos = [_memo_for(spec, plan) for plan in plans]
    counts: Counts = {}
    nonempty = [0] * len(plans)
    for row, line in zip(batch.rows, batch.lines, strict=True):
        for i, value in enumerate(row[: len(plans)]):
            if not value or value.isspace():
                continue
            nonempty[i] += 1
            spans = _cell_spans(det, plans[i], memos[i], value)
            by_type: dict[str, list[tuple[str, float]]] = {}
            for s in spans:
                by_type.setdefault(s.label, []).append((value[s.start : s.end], s.score))
            for entity, found in by_type.items():
                counts.setdefault((plans[i].name, entity), Tally()).add(line, found, entity)
    return counts, nonempty


def plan_columns(reader: Reader, batch: Batch, spec: DetectorSpec) -> tuple[ColumnPlan, ...]:
    det = detector_for(spec)
    plans = []
    for i, name in enumerate(reader.fields):
        values = [r[i] for r in batch.rows[:SAMPLE_ROWS] if i < len(r) and r[i].strip()]
        found = [det.analyze(v, hint=name) for v in values]
        plans.append(plan_column(name, values, found))
    return tuple(plans)


def _extend_plans(plans: tuple[ColumnPlan, ...], reader: Reader) -> tuple[ColumnPlan, ...]:
    """Fields that appeared after the first batch (JSON keys) are checked as text."""
    if len(plans) >= len(reader.fields):
        return plans
    extra = tuple(ColumnPlan(n, "text") for n in reader.fields[len(plans) :])
    return plans + extra


def scan_file(
    path: Path,
    *,
    shown: str | None = None,
    fmt: str | None = None,
    spec: DetectorSpec | None = None,
    limits: Limits | None = None,
    pool: Executor | None = None,
    progress: Progress | None = None,
) -> FileScan:
    """Scan one file; batches go to ``pool`` when given (the file is read here)."""
    spec = spec or DetectorSpec()
    reader = open_reader(path, fmt, limits)
    size = path.stat().st_size
    name = shown or path.name
    totals: Counts = {}
    cells: dict[str, int] = {}
    plans: tuple[ColumnPlan, ...] = ()
    own = current() is None  # under `secplan scan`, the engine's deadline reports the file
    seconds = data_file_seconds(size)
    with deadline(seconds, shown=rounded(seconds)) as budget:
        try:
            batches = reader.batches()
            first = next(batches, None)
            if first is not None:
                plans = plan_columns(reader, first, spec)
                workers = workers_of(pool)
                chars = sum(row_chars(r) for r in first.rows) if workers > 1 else 0
                target = piece_chars(workers, size, reader.bytes_read, chars)

                def work() -> Iterator[tuple[object, ...]]:
                    nonlocal plans
                    for piece in pieces(first, workers, target):
                        yield (piece, plans, spec)
                    for b in batches:
                        plans = _extend_plans(plans, reader)
                        for piece in pieces(b, workers, target):
                            yield (piece, plans, spec)

                for counts, nonempty in ordered(
                    pool, count_batch, work(), inflight=2 * workers + 1, budget=budget
                ):
                    for key, tally in counts.items():
                        totals.setdefault(key, Tally()).merge(tally)
                    for plan, n in zip(plans, nonempty, strict=False):
                        cells[plan.name] = cells.get(plan.name, 0) + n
                    if progress is not None:
                        progress(reader.bytes_read, size, name)
        except DeadlineExceeded as exc:
            if not own:
                raise
            reader.error(f"stopped in the first {reader.records:,} records: {exc}")
    return _result(name, reader, size, plans, totals, cells)


def _result(
    name: str,
    reader: Reader,
    size: int,
    plans: tuple[ColumnPlan, ...],
    totals: Counts,
    cells: dict[str, int],
) -> FileScan:
    verdicts = []
    for plan in _extend_plans(plans, reader):
        per_type = {e: t.cells for (f, e), t in totals.items() if f == plan.name}
        verdicts.append(verdict(plan, cells.get(plan.name, 0), per_type))
    hits = tuple(
        # rounded: the sum's last bits depend on how the file was split among workers
        Hit(
            f,
            e,
            t.count,
            t.cells,
            round(t.score_sum / max(t.count, 1), 6),
            tuple(t.rows),
            tuple(t.examples),
        )
        for (f, e), t in sorted(totals.items())
    )
    # records the reader had to drop (unparseable lines, broken JSON) went unchecked too
    complete = (
        not reader.truncated
        and not reader.errors
        and (
            reader.limits.max_bytes is None
            or reader.bytes_read < reader.limits.max_bytes
            or reader.bytes_read >= size
        )
    )
    return FileScan(
        path=name,
        format=reader.format,
        records=reader.records,
        bytes_read=reader.bytes_read,
        size=size,
        complete=complete,
        truncated=reader.truncated,
        errors=tuple(reader.errors),
        columns=tuple(verdicts),
        hits=hits,
    )
