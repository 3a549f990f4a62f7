"""Tabular and tensor checks against a schema derived from a ``secplan data profile``
manifest: names, types, ranges, categories and missing values, and an out-of-distribution
score of each row against the profiled distribution.

>>> s = Schema((Feature("age", "number", 18.0, 90.0, mean=40.0, std=10.0),))
>>> [p.code for p in s.check_row({"age": 200})]
['out-of-range']
>>> round(s.ood({"age": 40.0}), 2), round(s.ood({"age": 80.0}), 2)
(0.0, 1.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.guard.policy import InputIn

#: A feature this many standard deviations from its profiled mean scores 1 (fully OOD).
Z_LIMIT = 4.0
_FULL = Z_LIMIT**2


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # unknown-feature, missing-feature, missing-value, wrong-type, out-of-range, ...
    message: str


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    kind: str  # number, integer, category, text, empty
    low: float | None = None
    high: float | None = None
    categories: frozenset[str] | None = None
    missing: bool = False
    mean: float | None = None
    std: float | None = None
    #: The profile's decile edges and the share of the training data between each pair.
    deciles: tuple[float, ...] = ()
    shares: tuple[float, ...] = ()

    def plain(self, x: float) -> bool:
        """True when the float ``x`` raises no problem: a number feature whose declared range
        holds it (NaN and infinities are never inside a range), or an integer feature's
        whole value within it."""
        if self.kind == "number":
            pass
        elif self.kind != "integer" or not x.is_integer():
            return False
        return self.low is not None and self.high is not None and self.low <= x <= self.high


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


@dataclass(frozen=True, slots=True)
class Schema:
    features: tuple[Feature, ...]
    ignore: frozenset[str] = frozenset()
    #: Derived once: the feature names in order, and the features by name.
    names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, Feature] = field(init=False, repr=False, compare=False)
    _terms: tuple[tuple[str, frozenset[str] | None, float | None, float | None], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(f.name for f in self.features))
        object.__setattr__(self, "_by_name", {f.name: f for f in self.features})
        terms = tuple((f.name, f.categories, f.mean, f.std) for f in self.features)
        object.__setattr__(self, "_terms", terms)

    def check_row(self, row: dict[str, Any]) -> list[Problem]:
        out: list[Problem] = []
        by_name = self._by_name
        if not row.keys() <= by_name.keys():
            for name in row:
                if name not in by_name and name not in self.ignore:
                    out.append(Problem("unknown-feature", f"unknown feature {str(name)[:40]}"))
        for f in self.features:
            if f.name not in row:
                if not f.missing:
                    out.append(Problem("missing-feature", f"feature {f.name} is missing"))
                continue
            v = row[f.name]
            if type(v) is float and f.plain(v):  # the common case, decided without a list
                continue
            out.extend(_check_value(f, v))
        return out

    def ood(self, row: dict[str, Any]) -> float:
        """0 (typical of the training data) to 1 (far outside it): the root mean square of
        each numeric feature's distance from its mean in standard deviations, over
        :data:`Z_LIMIT`; a category never profiled counts as fully outside."""
        total, n = 0.0, 0
        for name, cats, mean, std in self._terms:
            v = row.get(name)
            if cats is not None and isinstance(v, str):
                total += 0.0 if v in cats else _FULL
                n += 1
            elif mean is not None and std is not None and isinstance(v, (int, float)):
                x = float(v)
                n += 1
                if not math.isfinite(x):
                    total += _FULL
                    continue
                z = abs(x - mean) / std if std > 0 else (0.0 if x == mean else Z_LIMIT)
                total += z * z if z < Z_LIMIT else _FULL
        return min(1.0, math.sqrt(total / n) / Z_LIMIT) if n else 0.0


def _check_value(f: Feature, v: object) -> list[Problem]:
    if v is None or (isinstance(v, str) and not v.strip()):
        return [] if f.missing else [Problem("missing-value", f"feature {f.name} has no value")]
    if f.kind in ("number", "integer"):
        if isinstance(v, float) and math.isnan(v):
            return [] if f.missing else [Problem("missing-value", f"feature {f.name} is NaN")]
        if not _is_number(v):
            return [Problem("wrong-type", f"feature {f.name} must be a number")]
        x = float(v)  # type: ignore[arg-type]
        if f.kind == "integer" and not x.is_integer():
            return [Problem("wrong-type", f"feature {f.name} must be a whole number")]
        if (
            not math.isfinite(x)
            or (f.low is not None and x < f.low)
            or (f.high is not None and x > f.high)
        ):
            return [
                Problem(
                    "out-of-range",
                    f"feature {f.name} = {x:.6g} is outside [{f.low:.6g}, {f.high:.6g}]"
                    if f.low is not None and f.high is not None
                    else f"feature {f.name} = {x:.6g} is out of range",
                )
            ]
        return []
    if f.kind == "category":
        if not isinstance(v, str | int) or isinstance(v, bool):
            return [Problem("wrong-type", f"feature {f.name} must be a category")]
        if f.categories is not None and str(v) not in f.categories:
            return [Problem("unknown-category", f"feature {f.name} has an unknown category")]
        return []
    if f.kind == "text" and not isinstance(v, str):
        return [Problem("wrong-type", f"feature {f.name} must be text")]
    return []


def schema_from_profile(profile: dict[str, Any], inp: InputIn) -> Schema:
    """The schema of a profile manifest (``columns`` as ``secplan data profile`` writes them),
    with the policy's per-feature overrides; ranges widened by ``range_margin`` of the span."""
    feats: dict[str, Feature] = {}
    for c in profile.get("columns", []):
        name = str(c["name"])
        if name in inp.ignore:
            continue
        kind = str(c["type"])
        low, high = c.get("min"), c.get("max")
        if low is not None and high is not None:
            span = (float(high) - float(low)) or abs(float(high)) or 1.0
            low, high = float(low) - inp.range_margin * span, float(high) + inp.range_margin * span
        cats = c.get("categories")
        feats[name] = Feature(
            name,
            kind,
            low,
            high,
            frozenset(str(x) for x in cats) if isinstance(cats, list) else None,
            missing=bool(c.get("missing", 0)),
            mean=float(c["mean"]) if "mean" in c else None,
            std=float(c["std"]) if "std" in c else None,
            deciles=tuple(float(x) for x in c.get("deciles", ())),
            shares=tuple(float(x) for x in c.get("decile_shares", ())),
        )
    for name, o in inp.feature.items():
        f = feats.get(name, Feature(name, o.type or "number"))
        feats[name] = Feature(
            name,
            o.type or f.kind,
            o.min if o.min is not None else f.low,
            o.max if o.max is not None else f.high,
            frozenset(o.categories) if o.categories is not None else f.categories,
            o.missing if o.missing is not None else f.missing,
            f.mean,
            f.std,
            f.deciles,
            f.shares,
        )
    order = [n for n in inp.features if n in feats] + [n for n in feats if n not in inp.features]
    return Schema(tuple(feats[n] for n in order), frozenset(inp.ignore))
