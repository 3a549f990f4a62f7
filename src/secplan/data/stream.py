"""Per-record detection for scoring against labelled data: one result per input record, in
input order, with the spans found in each text field.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
>>> _ = p.write_text('{"id": 1, "text": "mail ana@mail.pt"}\\n')
>>> [r["spans"]["text"] for r in detect_records(p, fields=("text",))]
[[{'start': 5, 'end': 16, 'label': 'EMAIL_ADDRESS', 'score': 0.9}]]
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from pathlib import Path

from secplan.data.readers import Batch, Limits, Reader, open_reader
from secplan.data.scan import (
    DetectorSpec,
    detector_for,
    ordered,
    piece_chars,
    pieces,
    row_chars,
    workers_of,
)
from secplan.deadline import Budget, DeadlineExceeded, data_file_seconds, deadline, rounded
from secplan.errors import TargetError


def detect_batch(
    batch: Batch, names: tuple[str, ...], chosen: tuple[int, ...], spec: DetectorSpec
) -> list[dict[str, object]]:
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


def detect_records(
    path: Path,
    *,
    fields: tuple[str, ...] = (),
    spec: DetectorSpec | None = None,
    pool: Executor | None = None,
    limits: Limits | None = None,
) -> Iterator[dict[str, object]]:
    """Results per record. ``fields`` names the text fields (all string fields if empty)."""
    spec = spec or DetectorSpec()
    reader = open_reader(path, None, limits)
    seconds = data_file_seconds(path.stat().st_size)
    done = 0
    try:
        with deadline(seconds, shown=rounded(seconds)) as budget:
            for result in _detect(path, reader, fields, spec, pool, budget):
                yield result
                done += 1
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
) -> Iterator[dict[str, object]]:
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
    if pool is not None:
        detector_for(spec)  # built once here: worker processes forked from now on inherit it
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

    for results in ordered(pool, detect_batch, work(), 2 * workers + 1, budget):
        yield from results
