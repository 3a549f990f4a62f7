"""The check of an anonymized output before it is published: the output is read again and
scanned with the same detectors, and what they find is residual personal data.

Residual data in a column the policy keeps (``action = "keep"``) is allowed and reported apart;
anywhere else, column and key names included, it stops the output from being published.
Person names that the run itself handed out as pseudonyms are realistic by design: they are
counted apart, never as residual.

>>> names = PseudonymNames()
>>> names.add("Robert Van Dyke")
>>> names.holds("Van Dyke"), names.holds("Robert"), names.holds("Dyke Robert")
(True, True, False)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from secplan.data.cells import detect_rows
from secplan.data.readers import Batch, Limits, open_reader
from secplan.data.scan import DetectorSpec, detector_for, ordered

#: Word sequences of pseudonyms remembered; past this, further names count as residual
#: (a refusal to publish, never a silent pass).
MAX_PSEUDONYM_PARTS = 2_000_000
#: Where personal data found in column or key names is counted.
FIELD_NAMES = "(field names)"
MAX_FIELD_NAMES = 4096


class PseudonymNames:
    """The pseudonyms a run inserted, by every run of consecutive words, so that a name the
    detector splits ("Van Dyke" out of "Robert Van Dyke") is still recognised."""

    def __init__(self) -> None:
        self._parts: set[tuple[str, ...]] = set()

    def add(self, name: str) -> None:
        words = tuple(name.split())
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                if len(self._parts) >= MAX_PSEUDONYM_PARTS:
                    return
                self._parts.add(words[i:j])

    def update(self, names: Iterable[str]) -> None:
        for n in names:
            self.add(n)

    def holds(self, text: str) -> bool:
        return tuple(text.split()) in self._parts


@dataclass(slots=True)
class Residual:
    """Personal data found in an output, per column and type."""

    found: dict[str, Counter[str]] = field(default_factory=dict)  # outside allowed columns
    allowed: dict[str, Counter[str]] = field(default_factory=dict)  # in allowed columns
    pseudonym_names: int = 0
    unchecked: str = ""  # why part of the output could not be read back, if so

    def totals(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for counts in self.found.values():
            out.update(counts)
        return dict(sorted(out.items()))

    def summary(self, limit: int = 3) -> str:
        """``EMAIL_ADDRESS 3 in column email, US_SSN 1 in column notes``."""
        parts = [
            (n, f"{label} {n} in column {column}")
            for column, counts in self.found.items()
            for label, n in counts.items()
        ]
        parts.sort(key=lambda p: (-p[0], p[1]))
        more = len(parts) - limit
        return ", ".join(p for _, p in parts[:limit]) + (f" and {more} more" if more > 0 else "")


def residual_batch(
    batch: Batch, fields: tuple[str, ...], spec: DetectorSpec
) -> list[tuple[int, str, str]]:
    """(column index, type, text of PERSON spans) of what a re-scan finds; runs in a worker."""
    found = detect_rows(batch, fields, (False,) * len(fields), spec)
    out: list[tuple[int, str, str]] = []
    for row, cells in zip(batch.rows, found, strict=True):
        for i, (value, spans) in enumerate(zip(row, cells, strict=False)):
            out.extend(
                (i, label, value[a:b] if label == "PERSON" else "") for a, b, label, _ in spans
            )
    return out


def check_output(
    path: Path,
    fmt: str,
    *,
    spec: DetectorSpec,
    allowed: Callable[[str], bool],
    pseudonyms: PseudonymNames,
    pool: Executor | None = None,
    limits: Limits | None = None,
    inflight: int = 3,
) -> Residual:
    """Scan the file at ``path`` (in format ``fmt``) for personal data; ``allowed`` says which
    columns may hold it."""
    reader = open_reader(path, fmt, limits)
    names: list[tuple[str, ...]] = []

    def work() -> Iterator[tuple[object, ...]]:
        for b in reader.batches():
            names.append(tuple(reader.fields))  # JSON Lines fields grow as keys appear
            yield (b, names[-1], spec)

    res = Residual()
    for k, found in enumerate(ordered(pool, residual_batch, work(), inflight)):
        fields = names[k]
        for i, label, text in found:
            column = fields[i] if i < len(fields) else f"column_{i + 1}"
            if allowed(column):
                res.allowed.setdefault(column, Counter())[label] += 1
            elif label == "PERSON" and pseudonyms.holds(text):
                res.pseudonym_names += 1
            else:
                res.found.setdefault(column, Counter())[label] += 1
    names_found = _field_names(reader.fields, spec)
    if names_found:
        res.found[FIELD_NAMES] = names_found
    res.unchecked = reader.truncated or (reader.errors[0] if reader.errors else "")
    return res


def _field_names(fields: Iterable[str], spec: DetectorSpec) -> Counter[str]:
    """Personal data in the names of columns or keys (a table pivoted by person, a JSON
    object keyed by e-mail address), which no column rule reaches."""
    det = detector_for(spec)
    found: Counter[str] = Counter()
    for name in list(dict.fromkeys(fields))[:MAX_FIELD_NAMES]:
        found.update(s.label for s in det.analyze(name))
    return found
