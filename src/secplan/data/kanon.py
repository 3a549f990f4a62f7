"""k-anonymity and l-diversity of declared quasi-identifiers, and the least generalization
that reaches a target k.

Counts are kept per distinct combination of quasi-identifier values (not per row), so the
measure streams over any number of rows; generalizations are tried on those combinations.

>>> m = KAnonMeter(["zip", "age"], ["diagnosis"])
>>> for z, a, d in [("10115", "34", "flu"), ("10117", "36", "cold"), ("10119", "38", "flu")]:
...     m.add((z, a), (d,))
>>> m.measure().k, m.measure().l
(1, 1)
>>> best = m.search(k=3, l=2)
>>> best.k >= 3, best.levels
(True, {'zip': 'keep 4', 'age': 'band 10'})
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field

from secplan.data.transforms import generalize_date, generalize_number, truncate

#: Distinct combinations kept; beyond this the measure reports itself as incomplete.
MAX_COMBINATIONS = 2_000_000
_BANDS = (0, 5, 10, 20, 50, 100, 1000)
_DATES = ("", "month", "year", "decade")


@dataclass(frozen=True, slots=True)
class Measure:
    k: int  # size of the smallest group of rows sharing their quasi-identifiers
    l: int  # noqa: E741 (distinct sensitive values in the least diverse group; 0: none declared)
    groups: int
    rows: int
    small_groups: int  # groups below the target k (when measured against one)
    levels: dict[str, str] = field(default_factory=dict)  # generalization applied, per column

    def as_json(self) -> dict[str, object]:
        return {
            "k": self.k,
            "l": self.l,
            "groups": self.groups,
            "rows": self.rows,
            "small_groups": self.small_groups,
            "levels": self.levels,
        }


def _kind(values: list[str]) -> str:
    sample = [v for v in values[:500] if v]
    codes = all(v.isdigit() for v in sample) and len({len(v) for v in sample}) == 1
    if codes and sample and len(sample[0]) >= 4:
        return "text"  # same-width digit strings are codes (postcodes), generalized by prefix
    if sample and all(generalize_number(v, 1) is not None for v in sample):
        return "number"
    if sample and all(
        generalize_date(v, "year") is not None and any(c in v for c in "-/.") for v in sample
    ):
        return "date"
    return "text"


def _level_names(kind: str, width: int) -> list[str]:
    if kind == "number":
        return ["none"] + [f"band {b}" for b in _BANDS[1:]]
    if kind == "date":
        return ["none", "month", "year", "decade"]
    return ["none"] + [f"keep {n}" for n in range(width - 1, -1, -1)]


def _generalize(value: str, kind: str, level: int, width: int) -> str:
    if level == 0 or not value:
        return value
    if kind == "number":
        return generalize_number(value, _BANDS[level]) or value
    if kind == "date":
        return generalize_date(value, _DATES[level]) or value
    return truncate(value, max(0, width - level))


class KAnonMeter:
    def __init__(self, quasi: list[str], sensitive: list[str]) -> None:
        self.quasi = quasi
        self.sensitive = sensitive
        self.combos: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
        self.rows = 0
        self.incomplete = False

    def add(self, qi: tuple[str, ...], sens: tuple[str, ...] = ()) -> None:
        self.rows += 1
        key = (qi, sens)
        if key in self.combos or len(self.combos) < MAX_COMBINATIONS:
            self.combos[key] += 1
        else:
            self.incomplete = True

    def _measure(
        self, levels: tuple[int, ...], kinds: list[str], widths: list[int], target: int
    ) -> Measure:
        groups: Counter[tuple[str, ...]] = Counter()
        diverse: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for (qi, sens), n in self.combos.items():
            g = tuple(_generalize(v, kinds[i], levels[i], widths[i]) for i, v in enumerate(qi))
            groups[g] += n
            diverse.setdefault(g, set()).add(sens)
        if not groups:
            return Measure(0, 0, 0, 0, 0)
        k = min(groups.values())
        ell = min(len(s) for s in diverse.values()) if self.sensitive else 0
        small = sum(1 for n in groups.values() if n < target)
        names = {q: _level_names(kinds[i], widths[i])[levels[i]] for i, q in enumerate(self.quasi)}
        return Measure(
            k, ell, len(groups), self.rows, small, {q: v for q, v in names.items() if v != "none"}
        )

    def _shape(self) -> tuple[list[str], list[int]]:
        columns = list(zip(*(qi for qi, _ in self.combos), strict=False)) or [
            () for _ in self.quasi
        ]
        kinds = [_kind(list(c)) for c in columns]
        widths = [max((len(v) for v in c), default=0) for c in columns]
        return kinds, widths

    def measure(self, target: int = 0) -> Measure:
        kinds, widths = self._shape()
        return self._measure(tuple(0 for _ in self.quasi), kinds, widths, target)

    def search(self, k: int, l: int = 1) -> Measure:  # noqa: E741
        """The generalization with the fewest steps (then the most groups) reaching ``k`` and
        ``l``; the most general one tried when none does."""
        kinds, widths = self._shape()
        ranges = [range(len(_level_names(kinds[i], widths[i]))) for i in range(len(self.quasi))]
        nodes = sorted(itertools.product(*ranges), key=sum)
        if len(nodes) > 20_000:
            nodes = nodes[:20_000]
        best: Measure | None = None
        best_steps = math.inf
        for levels in nodes:
            if sum(levels) > best_steps:
                break
            m = self._measure(levels, kinds, widths, k)
            if (
                m.k >= k
                and (m.l >= l or not self.sensitive)
                and (best is None or m.groups > best.groups)
            ):
                best, best_steps = m, sum(levels)
        return best or self._measure(nodes[-1], kinds, widths, k)
