"""Query entropy over a caller's recent queries: how evenly they spread over the space a model
accepts. Uniform-random sampling, the cheapest way to extract a model, spreads its queries over
every feature's whole range; real traffic clusters where the data is and repeats itself.

Tabular rows are binned feature by feature: by the training profile's deciles when a profile
is loaded, else in ten equal bins over the policy's declared range, else over the range the
window's own values take; categories are their own bins. Each feature scores the entropy of
its binned values relative to a uniform spread over its range, ``1 - KL(p || u) / ln B``,
where ``u`` is each bin's share of the range (with equal bins this is the plain normalised
Shannon entropy ``H / ln B``); the row score is the mean over features. Prompts score the
normalised entropy of their word tokens and of their characters, whichever is higher.

Counts are kept up to date as queries enter and leave the window, so a query costs the work
of its own values, not of the whole window.

>>> from secplan.guard.tabular import Feature, Schema
>>> m = EntropyMeter(Schema((Feature("x", "number", 0.0, 100.0),)))
>>> flat, peaked = m.window(), m.window()
>>> for i in range(50):
...     flat.push({"x": float(2 * i)}, None)
...     peaked.push({"x": 50.0 + i % 3}, None)
>>> round(m.score(flat), 2), round(m.score(peaked), 2)
(1.0, 0.0)
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.guard.tabular import Feature, Schema

#: Equal-width bins of a feature without profiled deciles.
BINS = 10
#: Printable ASCII after case folding: character entropy is a share of the most these allow,
#: or of the distinct characters seen when there are more (other scripts).
ALPHABET = 69
#: Characters of one prompt that count (the fingerprint's limit too).
PROMPT_CHARS = 2000
#: Features without a known range are binned again over the window every window/RESPREAD
#: queries (so a long window costs a bounded share of its length per query).
RESPREAD = 50
#: Numeric fields of rows without a declared schema that are scored at most.
MAX_FREE = 100
#: A word, or one character of a script written without spaces (CJK, kana).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def _number(v: object) -> float | None:
    if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
        return float(v)
    return None


@dataclass(slots=True)
class Tally:
    """Counts of keys with ``sum(c ln c)`` kept as they change, so the entropy of the counts
    is O(1) to read; ``weight`` keeps ``sum(c * w[key])`` for a per-key log share."""

    counts: dict[Any, int] = field(default_factory=dict)
    total: int = 0
    clogc: float = 0.0
    weight: float = 0.0

    def add(self, key: Any, w: float = 0.0, step: int = 1) -> None:
        c = self.counts.get(key, 0)
        n = c + step
        self.clogc += (n * math.log(n) if n > 0 else 0.0) - (c * math.log(c) if c > 0 else 0.0)
        self.total += step
        self.weight += step * w
        if n > 0:
            self.counts[key] = n
        else:
            del self.counts[key]

    def entropy(self) -> float:
        """The plug-in Shannon entropy of the counts, in nats."""
        t = self.total
        return math.log(t) - self.clogc / t if t > 0 else 0.0


@dataclass(frozen=True, slots=True)
class _Binning:
    name: str
    #: Interior edges (``bisect`` gives the bin) and each bin's log share of the range;
    #: empty for categories (each its own bin) and for ranges taken from the window.
    inner: tuple[float, ...] = ()
    logu: tuple[float, ...] = ()
    categories: int = 0
    numeric: bool = True

    def key(self, v: object) -> tuple[Any, float] | None:
        """The bin of ``v`` and its log share, or None when ``v`` is missing."""
        if not self.numeric:
            return (str(v), 0.0) if isinstance(v, str | int) and not isinstance(v, bool) else None
        x = _number(v)
        if x is None:
            return None
        if not self.inner and not self.logu:
            return (x, 0.0)  # binned later, over the window's range
        b = bisect.bisect_right(self.inner, x)
        return (b, self.logu[b])


def _binning(f: Feature) -> _Binning | None:
    if f.kind == "category":
        return _Binning(f.name, categories=len(f.categories or ()), numeric=False)
    if f.kind not in ("number", "integer"):
        return None
    lo, hi = f.low, f.high
    if lo is None or hi is None or not hi > lo or not math.isfinite(hi - lo):
        return _Binning(f.name)
    if f.deciles:
        edges = sorted({lo, hi, *(d for d in f.deciles if lo < d < hi)})
    else:
        edges = [lo + (hi - lo) * i / BINS for i in range(BINS + 1)]
    span = hi - lo
    logu = tuple(math.log((b - a) / span) for a, b in itertools.pairwise(edges))
    return _Binning(f.name, tuple(edges[1:-1]), logu)


class EntropyMeter:
    """Bins and scores the queries of one route's callers against ``schema`` (None: no
    profile or declared features, so the features are those the rows carry)."""

    def __init__(self, schema: Schema | None, window: int = 100) -> None:
        self.size = window
        self.bins: tuple[_Binning, ...] = (
            tuple(b for f in schema.features if (b := _binning(f)) is not None)
            if schema is not None
            else ()
        )
        self.declared = schema is not None

    def window(self) -> EntropyWindow:
        return EntropyWindow(self, [Tally() for _ in self.bins])

    @staticmethod
    def _feature_score(b: _Binning, t: Tally) -> float | None:
        n = t.total
        if n < 2:
            return None
        h = t.entropy() + (len(t.counts) - 1) / (2 * n)  # Miller-Madow: bins are few
        if not b.numeric:
            k = max(b.categories, len(t.counts))
            return min(1.0, h / math.log(k)) if k > 1 else None
        if len(b.logu) < 2:
            return None
        kl = -h - t.weight / n
        return min(1.0, max(0.0, 1.0 - kl / math.log(len(b.logu))))

    def score(self, w: EntropyWindow) -> float | None:
        """0 (every query alike) to 1 (spread evenly over the whole space); None while the
        window holds nothing to score."""
        parts = [
            s
            for i, b in enumerate(self.bins)
            if (b.logu or not b.numeric)
            and (s := self._feature_score(b, w.features[i])) is not None
        ]
        if w.stale > 0:  # features without a range: binned again over the window, not each time
            w.stale -= 1
        else:
            w.spreads = [
                s
                for i, b in enumerate(self.bins)
                if b.numeric and not b.logu
                if (s := _spread([k[0] for row in w.keys if (k := row[i]) is not None])) is not None
            ] + [
                s
                for name in sorted(w.free)
                if (
                    s := _spread(
                        [x for r in w.rows if r and (x := _number(r.get(name))) is not None]
                    )
                )
                is not None
            ]
            w.stale = len(w.keys) // RESPREAD
        parts += w.spreads
        if parts:
            return sum(parts) / len(parts)
        return _text_score(w.tokens, w.chars)


def _spread(values: list[float]) -> float | None:
    """The normalised entropy of ``values`` in equal bins over the range they take."""
    if len(values) < 2:
        return None
    lo, hi = min(values) / 2, max(values) / 2  # halved: the span of any two floats is finite
    if not hi > lo:
        return 0.0
    width = (hi - lo) / BINS
    counts = Counter(min(BINS - 1, int((x / 2 - lo) / width)) for x in values)
    n = len(values)
    h = -sum(c / n * math.log(c / n) for c in counts.values()) + (len(counts) - 1) / (2 * n)
    return min(1.0, h / math.log(BINS))


def _text_score(tokens: Tally, chars: Tally) -> float | None:
    out = None
    if tokens.total > 1:
        out = tokens.entropy() / math.log(tokens.total)
    if len(chars.counts) > 1:
        c = chars.entropy() / math.log(max(ALPHABET, len(chars.counts)))
        out = c if out is None else max(out, c)
    return out


@dataclass(slots=True)
class EntropyWindow:
    meter: EntropyMeter
    features: list[Tally]
    keys: deque[tuple[tuple[Any, float] | None, ...]] = field(default_factory=deque)
    rows: deque[dict[str, Any] | None] = field(default_factory=deque)
    free: set[str] = field(default_factory=set)
    tokens: Tally = field(default_factory=Tally)
    chars: Tally = field(default_factory=Tally)
    texts: deque[tuple[Counter[str], Counter[str]]] = field(default_factory=deque)
    #: The last scores of features binned over the window's own range, and how many more
    #: queries reuse them.
    spreads: list[float] = field(default_factory=list)
    stale: int = 0

    def push(self, row: dict[str, Any] | None, prompt: str | None) -> None:
        """Count one query, forgetting the oldest once the window is full."""
        m = self.meter
        if len(self.keys) >= m.size:
            self._drop()
        keys = tuple(b.key(row.get(b.name)) if row else None for b in m.bins)
        for t, k in zip(self.features, keys, strict=True):
            if k is not None:
                t.add(k[0], k[1])
        self.keys.append(keys)
        self.rows.append(None if m.declared else row)
        if row is not None and not m.declared and len(self.free) < MAX_FREE:
            self.free.update(k for k, v in row.items() if _number(v) is not None)
        text = " ".join((prompt or "").lower().split())[:PROMPT_CHARS]
        words, chars = Counter(_TOKEN.findall(text)), Counter(text)
        for tok, c in words.items():
            self.tokens.add(tok, step=c)
        for ch, c in chars.items():
            self.chars.add(ch, step=c)
        self.texts.append((words, chars))

    def _drop(self) -> None:
        keys = self.keys.popleft()
        self.rows.popleft()
        for t, k in zip(self.features, keys, strict=True):
            if k is not None:
                t.add(k[0], k[1], -1)
        words, chars = self.texts.popleft()
        for tok, c in words.items():
            self.tokens.add(tok, step=-c)
        for ch, c in chars.items():
            self.chars.add(ch, step=-c)
