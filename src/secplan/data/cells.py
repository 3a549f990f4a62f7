"""Personal data per cell of a batch of records, in a worker process: what anonymization
replaces, and what the check of its output looks for again.

>>> from secplan.data.readers import Batch
>>> from secplan.data.scan import DetectorSpec
>>> b = Batch(0, [("Ana", "mail ana@mail.pt")], [2])
>>> detect_rows(b, ("name", "note"), (True, False), DetectorSpec())
[[[], [(5, 16, 'EMAIL_ADDRESS', 0.9)]]]
"""

from __future__ import annotations

from secplan.data.readers import Batch
from secplan.data.scan import DetectorSpec, detector_for
from secplan.data.spans import Span

#: A cell's spans as plain tuples (start, end, label, score), cheap to send between processes.
Spans = list[tuple[int, int, str, float]]
MEMO_CELLS = 8192


def to_tuples(spans: list[Span]) -> Spans:
    return [(s.start, s.end, s.label, s.score) for s in spans]


def to_spans(t: Spans) -> list[Span]:
    return [Span(a, b, c, d) for a, b, c, d in t]


def detect_rows(
    batch: Batch, fields: tuple[str, ...], skip: tuple[bool, ...], spec: DetectorSpec
) -> list[list[Spans]]:
    """Spans per cell (empty for skipped columns), with the column name as context."""
    det = detector_for(spec)
    memo: dict[tuple[int, str], Spans] = {}
    out: list[list[Spans]] = []
    for row in batch.rows:
        cells: list[Spans] = []
        for i, value in enumerate(row):
            if i >= len(skip) or skip[i] or not value.strip():
                cells.append([])
                continue
            key = (i, value)
            if key not in memo:
                found = to_tuples(det.analyze(value, hint=fields[i] if i < len(fields) else ""))
                if len(memo) < MEMO_CELLS:
                    memo[key] = found
                cells.append(found)
            else:
                cells.append(memo[key])
        out.append(cells)
    return out
