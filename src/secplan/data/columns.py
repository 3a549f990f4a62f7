"""Column-level judgement for tables: what a column holds, from its name, a sample of its
values and, at the end of a scan, from the counts over all its cells.

A column whose sampled values are mostly one entity type is *typed*: its cells are checked for
that type first (fast), and only cells that fail get the full detector, so a mixed column still
has its odd cells found. A column of plain numbers is *numeric*: its numbers are skipped unless
they are long enough to be a card number. Everything else is *text*: every cell gets the full
detector, with the column name as context.

>>> name_hint("customer_email"), name_hint("billingAddress"), name_hint("order_id")
('EMAIL_ADDRESS', 'STREET_ADDRESS', '')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from secplan.data.lists import word_lists
from secplan.data.spans import Span

_SPLIT = re.compile(r"[\s_.\-/\[\]!]+")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*|\d*\.\d+)(?:[eE][+-]?\d+)?$")
#: Share of sampled values of one type that makes a column typed.
TYPED_SHARE = 0.6
#: Share of cells with some personal data that makes an untyped column "mixed".
MIXED_SHARE = 0.05


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return [w for w in _SPLIT.split(spaced.lower()) if w]


def name_hint(name: str) -> str:
    """The entity type a column's name suggests, or ``""``."""
    words = _words(name.rsplit("!", 1)[-1])
    if not words:
        return ""
    joined = " ".join(words)
    padded = f" {joined} "
    for phrase, entity in word_lists().column_hints:
        if f" {phrase} " in padded or joined.replace(" ", "") == phrase.replace(" ", ""):
            return entity
    return ""


_SHAPE_DIGITS = re.compile(r"\d+")
_SHAPE_LETTERS = re.compile(r"[^\W\d_]+")


def shape(value: str) -> str:
    """The value's shape: runs of digits become 9, runs of letters a (``2026-01-02T03:04Z``
    -> ``9-9-9a9:9a``)."""
    return _SHAPE_LETTERS.sub("a", _SHAPE_DIGITS.sub("9", value.strip()))


def is_number(value: str) -> bool:
    return bool(_NUMBER.match(value.strip()))


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """How to check a column's cells: ``mode`` is typed, numeric or text."""

    name: str
    mode: str
    entity: str = ""  # for typed columns
    hint: str = ""  # the entity type the name suggests
    shapes: frozenset[str] = frozenset()  # for shaped columns: shapes known to hold nothing


def covers(span: Span, value: str) -> bool:
    """The span is (nearly) the whole cell."""
    n = len(value.strip())
    return n > 0 and (span.end - span.start) >= 0.7 * n


def plan_column(name: str, sample: list[str], found: list[list[Span]]) -> ColumnPlan:
    """A plan from the sampled non-empty values and the spans found in each."""
    hint = name_hint(name)
    if not sample:
        return ColumnPlan(name, "text", hint=hint)
    whole: Counter[str] = Counter()
    for value, spans in zip(sample, found, strict=True):
        for label in {s.label for s in spans if covers(s, value)}:
            whole[label] += 1
    if whole:
        entity, n = whole.most_common(1)[0]
        if n >= TYPED_SHARE * len(sample):
            return ColumnPlan(name, "typed", entity, hint)
    numeric = sum(1 for v in sample if is_number(v))
    if numeric >= 0.95 * len(sample) and not any(found):
        return ColumnPlan(name, "numeric", hint=hint)
    if not any(found):
        shapes = Counter(shape(v) for v in sample)
        common = [s for s, _ in shapes.most_common(3) if any(c.isdigit() for c in s)]
        if len(sample) >= 20 and sum(shapes[s] for s in common) >= 0.95 * len(sample):
            # machine-made values (timestamps, ids, hashes): cells of these shapes held no
            # personal data in the sample; cells of any other shape get the full detector
            return ColumnPlan(name, "shaped", hint=hint, shapes=frozenset(common))
    return ColumnPlan(name, "text", hint=hint)


@dataclass(frozen=True, slots=True)
class ColumnVerdict:
    """What a column holds after the whole scan."""

    name: str
    entity: str  # the dominant entity type, "MIXED", or "" for none
    share: float  # share of non-empty cells holding the dominant type
    cells: int  # non-empty cells checked
    confidence: str  # high, medium or low
    mode: str
    hint: str


def verdict(plan: ColumnPlan, cells: int, counts: dict[str, int]) -> ColumnVerdict:
    """The column's verdict from the number of cells holding each entity type."""
    if not cells or not counts:
        return ColumnVerdict(
            plan.name, "", 0.0, cells, "high" if cells else "low", plan.mode, plan.hint
        )
    entity, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    share = n / cells
    if share >= 0.5 and plan.mode == "typed":
        agrees = plan.hint in ("", entity)
        conf = "high" if share >= 0.9 and agrees else "medium" if share >= 0.7 else "low"
        if plan.hint and plan.hint != entity and share < 0.9:
            conf = "low"
        return ColumnVerdict(plan.name, entity, round(share, 4), cells, conf, plan.mode, plan.hint)
    total = sum(counts.values())
    if total / cells >= MIXED_SHARE:
        return ColumnVerdict(
            plan.name, "MIXED", round(share, 4), cells, "medium", plan.mode, plan.hint
        )
    return ColumnVerdict(plan.name, "", round(share, 4), cells, "medium", plan.mode, plan.hint)
