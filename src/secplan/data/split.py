"""One large Parquet table spread over a cluster: each row group is a work unit.

The driver reads the first batch to plan the columns (as a local scan does), then every row
group becomes a unit that a worker reads and counts with those plans. The tallies come back in
row-group order and merge as a local scan merges its batches, so the result is the one a local
scan of the file gives. A row group that fails on every retry leaves the file incomplete, with
the reason, never silently clean.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from secplan.data.columns import ColumnPlan
from secplan.data.readers import Batch, Limits, Reader, open_reader
from secplan.data.scan import (
    Counts,
    DetectorSpec,
    FileScan,
    Tally,
    _result,
    count_batch,
    plan_columns,
)

#: Files with fewer row groups are scanned whole by one worker.
MIN_GROUPS = 2


@dataclass(frozen=True, slots=True)
class Part:
    """One row group of a Parquet file, with what the driver decided for the whole file."""

    path: Path
    shown: str
    group: int
    first: int  # rows before this group
    fields: tuple[str, ...]
    plans: tuple[ColumnPlan, ...]


@dataclass(slots=True)
class PartCounts:
    counts: Counts = field(default_factory=dict)
    cells: dict[str, int] = field(default_factory=dict)
    records: int = 0
    bytes_read: int = 0


def parts(path: Path, shown: str, spec: DetectorSpec, limits: Limits) -> list[Part] | None:
    """The row groups of ``path`` as units, or ``None`` when the file is not worth splitting
    (not Parquet, too few row groups, limits that stop early, or unreadable: a worker then
    scans it whole and reports what is wrong)."""
    if limits.max_bytes is not None or limits.max_records is not None:
        return None
    reader = open_reader(path, None, limits)
    if reader.format != "parquet":
        return None
    try:
        pq = importlib.import_module("pyarrow.parquet")
        meta = pq.ParquetFile(path).metadata
        sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        first = next(reader.batches(), None)
    except Exception:  # the whole-file unit gives the one-line error
        return None
    if len(sizes) < MIN_GROUPS or first is None:
        return None
    plans = plan_columns(reader, first, spec)
    out, before = [], 0
    for i, n in enumerate(sizes):
        out.append(Part(path, shown, i, before, tuple(reader.fields), plans))
        before += n
    return out


def scan_part(spec: DetectorSpec, part: Part) -> PartCounts:
    """One work unit: the tallies of one row group (runs in a worker)."""
    pq = importlib.import_module("pyarrow.parquet")
    limits = Limits()
    out = PartCounts()
    pf = pq.ParquetFile(part.path)
    line = part.first
    for batch in pf.iter_batches(
        batch_size=limits.batch_rows, row_groups=[part.group], columns=list(part.fields)
    ):
        out.bytes_read += batch.nbytes
        cols = [c.to_pylist() for c in batch.columns]
        rows = [
            tuple("" if c[i] is None else str(c[i])[: limits.max_field_chars] for c in cols)
            for i in range(batch.num_rows)
        ]
        lines = list(range(line + 1, line + 1 + len(rows)))
        counts, nonempty = count_batch(Batch(line, rows, lines), part.plans, spec)
        for key, tally in counts.items():
            out.counts.setdefault(key, Tally()).merge(tally)
        for plan, n in zip(part.plans, nonempty, strict=False):
            out.cells[plan.name] = out.cells.get(plan.name, 0) + n
        line += len(rows)
        out.records += len(rows)
    return out


def join(parts_: list[Part], results: list[PartCounts | str], size: int) -> FileScan:
    """The file's result from its row groups' tallies (in row-group order); a string is the
    reason a row group was not counted."""
    first = parts_[0]
    reader = Reader(path=first.path, format="parquet", limits=Limits(), fields=list(first.fields))
    totals: Counts = {}
    cells: dict[str, int] = {}
    for part, r in zip(parts_, results, strict=True):
        if isinstance(r, str):
            reader.error(f"row group {part.group} not verified: {r}")
            continue
        reader.records += r.records
        reader.bytes_read += r.bytes_read
        for key, tally in r.counts.items():
            totals.setdefault(key, Tally()).merge(tally)
        for name, n in r.cells.items():
            cells[name] = cells.get(name, 0) + n
    return _result(first.shown, reader, size, first.plans, totals, cells)
