"""Per-record detection for scoring against labelled data: one result per input record, in
input order, with the spans found in each text field.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
>>> _ = p.write_text('{"id": 1, "text": "mail ana@mail.pt"}\\n')
>>> [r["spans"]["text"] for r in detect_records(p, fields=("text",))]
[[{'start': 5, 'end': 16, 'label': 'EMAIL_ADDRESS', 'score': 0.9}]]
>>> [(n, text[:36]) for n, text in detect_lines(p, fields=("text",))]  # as JSON Lines
[(1, '{"record":0,"line":1,"spans":{"text"')]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import TypedDict, TypeVar, Unpack

from secplan.data.readers import Batch, Limits, Reader, open_reader
from secplan.data.work import (
    DetectorSpec,
    ordered,
    piece_chars,
    pieces,
    row_chars,
    workers_of,
)
from secplan.deadline import Budget, DeadlineExceeded, data_file_seconds, deadline, rounded
from secplan.errors import TargetError

R = TypeVar("R")


def detect_batch(
    batch: Batch, names: tuple[str, ...], chosen: tuple[int, ...], spec: DetectorSpec
) -> list[dict[str, object]]:
    from secplan.data.scan import detector_for  # the detection modules, loaded where they run

    det = detector_for(spec)
    out: list[dict[str, object]] = []
    for k, (row, line) in enumerate(zip(batch.rows, batch.lines, strict=True)):
        spans: dict[str, object] = {}
        for i in chosen:
            value = row[i] if i < len(row) else ""
            spans[names[i]] = (
                [s.as_json() for s in det.analyze(value, hint=names[i])] if value else []
            )
        out.append({"record": batch.first + k, "line": line, "spans": spans})
    return out


def render_batch(
    batch: Batch, names: tuple[str, ...], chosen: tuple[int, ...], spec: DetectorSpec
) -> tuple[int, str]:
    """:func:`detect_batch` as JSON Lines text, written where the detection runs (a worker
    hands back one string, not a structure to copy and encode again in the calling process)."""
    results = detect_batch(batch, names, chosen, spec)
    dumps = json.JSONEncoder(separators=(",", ":")).encode
    return len(results), "".join(dumps(r) + "\n" for r in results)


def detect_records(
    path: Path,
    *,
    fields: tuple[str, ...] = (),
    spec: DetectorSpec | None = None,
    pool: Executor | None = None,
    limits: Limits | None = None,
) -> Iterator[dict[str, object]]:
    """Results per record. ``fields`` names the text fields (all string fields if empty)."""
    for results in _checked(path, fields, spec, pool, limits, detect_batch, len):
        yield from results


class Options(TypedDict, total=False):
    """:func:`detect_records`' keyword arguments."""

    fields: tuple[str, ...]
    spec: DetectorSpec | None
    pool: Executor | None
    limits: Limits | None


def detect_lines(path: Path, **options: Unpack[Options]) -> Iterator[tuple[int, str]]:
    """:func:`detect_records` as JSON Lines, in order: (records, their lines) per work item."""
    yield from _checked(
        path,
        options.get("fields", ()),
        options.get("spec"),
        options.get("pool"),
        options.get("limits"),
        render_batch,
        lambda r: r[0],
    )


def _checked(
    path: Path,
    fields: tuple[str, ...],
    spec: DetectorSpec | None,
    pool: Executor | None,
    limits: Limits | None,
    fn: Callable[..., R],
    count: Callable[[R], int],
) -> Iterator[R]:
    """``fn``'s results per work item, under the file's deadline."""
    spec = spec or DetectorSpec()
    reader = open_reader(path, None, limits)
    seconds = data_file_seconds(path.stat().st_size)
    done = 0
    try:
        with deadline(seconds, shown=rounded(seconds)) as budget:
            for result in _detect(path, reader, fields, spec, pool, budget, fn):
                yield result
                done += count(result)
    except DeadlineExceeded as exc:
        raise TargetError(
            f"{path.name}: stopped after {done:,} records: {exc}",
            "records after it were not analysed; split the file or raise SECPLAN_FILE_SECONDS",
        ) from None


def _detect(
    path: Path,
    reader: Reader,
    fields: tuple[str, ...],
    spec: DetectorSpec,
    pool: Executor | None,
    budget: Budget,
    fn: Callable[..., R],
) -> Iterator[R]:
    batches = reader.batches()
    first = next(batches, None)
    if first is None:
        return
    names = tuple(reader.fields)
    missing = [f for f in fields if f not in names]
    if missing:
        raise TargetError(
            f"{path.name}: no field {missing[0]!r}", "fields are: " + ", ".join(names[:20])
        )
    chosen = tuple(names.index(f) for f in fields) if fields else tuple(range(len(names)))

    workers = workers_of(pool)
    chars = sum(row_chars(r, chosen) for r in first.rows) if workers > 1 else 0
    target = piece_chars(workers, path.stat().st_size, reader.bytes_read, chars)

    def work() -> Iterator[tuple[object, ...]]:
        for piece in pieces(first, workers, target, chosen):
            yield (piece, names, chosen, spec)
        for b in batches:
            current = tuple(reader.fields)
            these = chosen if fields else tuple(range(len(current)))
            for piece in pieces(b, workers, target, these):
                yield (piece, current, these, spec)

    yield from ordered(pool, fn, work(), 2 * workers + 1, budget)
