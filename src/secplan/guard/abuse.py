"""Extraction and probing signals over a sliding window of each caller's recent queries to
one model: many near-duplicates (the same query, or the same row to two significant digits,
asked again and again), boundary sweeps (queries that differ from the one before in one
feature only, walking it across its range, as when a decision boundary is traced) and high
query entropy (queries spread evenly over the whole input space, as uniform-random
extraction sampling spreads them; see :mod:`secplan.guard.entropy`).

>>> w = ProbeWatch(window=10, min_queries=5, duplicates=0.5, sweeps=0.5)
>>> out = [w.observe("alice", {"a": 1.0, "b": float(i)}, None) for i in range(6)]
>>> out[-1]
['boundary-sweep']
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from secplan.guard.entropy import EntropyMeter

if TYPE_CHECKING:
    from secplan.guard.entropy import EntropyWindow
    from secplan.guard.tabular import Schema

#: Callers remembered at most (least recently seen forgotten first).
MAX_CALLERS = 10_000


def _round(v: Any) -> Any:
    if isinstance(v, float) and math.isfinite(v) and v != 0.0:
        return round(v, 1 - math.floor(math.log10(abs(v))))
    return v


def fingerprint(row: dict[str, Any] | None, prompt: str | None) -> tuple[Any, ...]:
    if row is not None:
        return tuple(sorted((k, _round(v)) for k, v in row.items()))
    return (" ".join((prompt or "").lower().split())[:2000],)


def _one_feature_apart(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.keys() != b.keys():
        return False
    return sum(1 for k in a if a[k] != b[k]) == 1


@dataclass(slots=True)
class _Window:
    prints: deque[tuple[Any, ...]]
    rows: deque[dict[str, Any] | None]
    sweeps: deque[bool] = field(default_factory=deque)
    entropy: EntropyWindow | None = None


class ProbeWatch:
    """The signals of each caller's last ``window`` queries, once there are ``min_queries``:
    ``duplicates`` and ``sweeps`` are the shares of the window that trip the first two, and
    ``entropy`` (None: not measured) the score that trips the third, with ``schema`` binning
    tabular rows."""

    def __init__(
        self,
        *,
        window: int,
        min_queries: int,
        duplicates: float,
        sweeps: float,
        entropy: float | None = None,
        schema: Schema | None = None,
    ) -> None:
        self.window, self.min_queries = window, min_queries
        self.duplicates, self.sweeps = duplicates, sweeps
        self.entropy = entropy
        self.meter = EntropyMeter(schema, window) if entropy is not None else None
        self._callers: OrderedDict[str, _Window] = OrderedDict()

    def observe(self, key: str, row: dict[str, Any] | None, prompt: str | None) -> list[str]:
        """Record one query of caller ``key``; the signals its recent queries now show."""
        w = self._callers.pop(key, None) or _Window(
            deque(maxlen=self.window),
            deque(maxlen=self.window),
            deque(maxlen=self.window),
            self.meter.window() if self.meter is not None else None,
        )
        self._callers[key] = w
        while len(self._callers) > MAX_CALLERS:
            self._callers.popitem(last=False)
        last = w.rows[-1] if w.rows else None
        w.sweeps.append(row is not None and last is not None and _one_feature_apart(row, last))
        w.prints.append(fingerprint(row, prompt))
        w.rows.append(row)
        if w.entropy is not None:
            w.entropy.push(row, prompt)
        n = len(w.prints)
        if n < self.min_queries:
            return []
        out = []
        if 1 - len(set(w.prints)) / n >= self.duplicates:
            out.append("near-duplicates")
        if sum(w.sweeps) / n >= self.sweeps:
            out.append("boundary-sweep")
        if self.meter is not None and w.entropy is not None and self.entropy is not None:
            score = self.meter.score(w.entropy)
            if score is not None and score >= self.entropy:
                out.append("query-entropy")
        return out
