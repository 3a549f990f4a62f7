"""Dataset profiles (DS5): schema, types, statistics and checksums of a dataset, kept as a
manifest under ``.secplan/profiles/``, and validation of the data against it.

Validation reports what poisoning and corruption look like: files that changed or vanished,
columns that appeared, vanished or changed type, more missing values, values outside the
profiled range, a shifted distribution (population stability index over the profiled
deciles), more duplicate rows, and a shifted label distribution.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from secplan._io import sha256_file
from secplan.data.columns import is_number, name_hint
from secplan.data.readers import Limits, open_reader

VERSION = 1
RESERVOIR = 10_000
MAX_DUP_HASHES = 1_000_000
MAX_CATEGORIES = 1_000
_EDGES = 10


def _h(value: str) -> bytes:
    return hashlib.blake2b(value.encode("utf-8", "surrogateescape"), digest_size=8).digest()


@dataclass(slots=True)
class _Col:
    name: str
    count: int = 0
    missing: int = 0
    numbers: int = 0
    mean: float = 0.0
    m2: float = 0.0
    low: float = math.inf
    high: float = -math.inf
    sample: list[float] = field(default_factory=list)
    seen: int = 0
    distinct: set[bytes] = field(default_factory=set)
    categories: Counter[str] = field(default_factory=Counter)
    edges: list[float] | None = None  # baseline deciles, when validating
    bins: list[int] = field(default_factory=list)

    def add(self, value: str, rng: random.Random) -> None:
        self.count += 1
        v = value.strip()
        if not v:
            self.missing += 1
            return
        if len(self.distinct) < 100_000:
            self.distinct.add(_h(v))
        if len(self.categories) < MAX_CATEGORIES or v in self.categories:
            self.categories[v[:200]] += 1
        if not is_number(v):
            return
        try:
            x = float(v.replace(",", ""))
        except ValueError:
            return
        if not math.isfinite(x):
            return
        self.numbers += 1
        d = x - self.mean
        self.mean += d / self.numbers
        self.m2 += d * (x - self.mean)
        self.low, self.high = min(self.low, x), max(self.high, x)
        self.seen += 1
        if len(self.sample) < RESERVOIR:
            self.sample.append(x)
        elif (j := rng.randrange(self.seen)) < RESERVOIR:
            self.sample[j] = x
        if self.edges is not None:
            self.bins[_bin(self.edges, x)] += 1

    def kind(self) -> str:
        filled = self.count - self.missing
        if not filled:
            return "empty"
        if self.numbers == filled:
            return "number"
        return (
            "category"
            if len(self.categories) < MAX_CATEGORIES
            and len(self.categories) <= max(20, filled // 20)
            else "text"
        )

    def summary(self) -> dict[str, Any]:
        kind = self.kind()
        out: dict[str, Any] = {
            "name": self.name,
            "type": kind,
            "count": self.count,
            "missing": self.missing,
            "distinct": len(self.distinct),
        }
        if kind == "category" and not name_hint(self.name):
            # the values a model's inputs may take (the inference guard); never written for a
            # column whose name says it holds personal data (names, e-mail addresses...)
            out["categories"] = sorted(self.categories)
        if self.numbers:
            qs = sorted(self.sample)
            deciles = [qs[min(len(qs) - 1, int(len(qs) * i / _EDGES))] for i in range(1, _EDGES)]
            shares = [0] * _EDGES
            for x in qs:
                shares[_bin(deciles, x)] += 1
            out |= {
                "min": self.low,
                "max": self.high,
                "mean": self.mean,
                "std": math.sqrt(self.m2 / self.numbers) if self.numbers else 0.0,
                "deciles": deciles,
                "decile_shares": [round(s / len(qs), 6) for s in shares],
            }
        return out


def _bin(edges: list[float], x: float) -> int:
    for i, e in enumerate(edges):
        if x < e:
            return i
    return len(edges)


@dataclass(slots=True)
class _Pass:
    cols: list[_Col]
    rows: int = 0
    duplicates: int = 0
    hashes: set[bytes] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def _profile_pass(files: list[Path], limits: Limits, baseline: dict[str, Any] | None) -> _Pass:
    rng = random.Random(0)  # noqa: S311 (sampling, not security)
    p = _Pass([])
    index: dict[str, _Col] = {}
    edges = {c["name"]: c.get("deciles") for c in (baseline or {}).get("columns", [])}
    for path in files:
        reader = open_reader(path, None, limits)
        for batch in reader.batches():
            cols = []
            for name in reader.fields:
                if name not in index:
                    col = _Col(name)
                    if edges.get(name):
                        col.edges = list(edges[name])
                        col.bins = [0] * (len(col.edges) + 1)
                    index[name] = col
                    p.cols.append(col)
                cols.append(index[name])
            for row in batch.rows:
                p.rows += 1
                for col, value in zip(cols, row, strict=False):
                    col.add(value, rng)
                key = _h("\x1f".join(row))
                if key in p.hashes:
                    p.duplicates += 1
                elif len(p.hashes) < MAX_DUP_HASHES:
                    p.hashes.add(key)
        p.errors.extend(f"{path.name}: {e}" for e in reader.errors)
    return p


def build_profile(
    root: Path, files: list[Path], *, label: str | None = None, limits: Limits | None = None
) -> dict[str, Any]:
    """The profile manifest (a JSON-ready dict) of the dataset made of ``files``."""
    p = _profile_pass(files, limits or Limits(), None)
    doc: dict[str, Any] = {
        "version": VERSION,
        "files": [
            {
                "path": f.relative_to(root).as_posix() if f.is_relative_to(root) else f.name,
                "size": f.stat().st_size,
                "sha256": sha256_file(f),
            }
            for f in files
        ],
        "rows": p.rows,
        "duplicates": p.duplicates,
        "columns": [c.summary() for c in p.cols],
        "errors": p.errors[:20],
    }
    if label:
        col = next((c for c in p.cols if c.name == label), None)
        if col is not None:
            doc["label"] = {
                "column": label,
                "distribution": dict(col.categories.most_common(MAX_CATEGORIES)),
            }
    return doc


@dataclass(frozen=True, slots=True)
class Drift:
    rule: str  # DT308 schema and files, DT309 statistics
    message: str
    evidence: str = ""
    path: str = ""


def _psi(expected: list[float], bins: list[int], total: int) -> float:
    """Population stability index of ``bins`` against the baseline's shares of the same bins."""
    if not total or len(expected) != len(bins):
        return 0.0
    psi = 0.0
    for n, share in zip(bins, expected, strict=True):
        a, e = max(n / total, 1e-4), max(share, 1e-4)
        psi += (a - e) * math.log(a / e)
    return psi


def _tvd(a: dict[str, int], b: dict[str, int]) -> float:
    ta, tb = sum(a.values()) or 1, sum(b.values()) or 1
    return 0.5 * sum(abs(a.get(k, 0) / ta - b.get(k, 0) / tb) for k in set(a) | set(b))


def _files_drift(root: Path, base: dict[str, Any]) -> tuple[list[Path], list[Drift]]:
    files, out = [], []
    for f in base["files"]:
        path = root / f["path"]
        if not path.is_file():
            out.append(Drift("DT308", "a profiled file is missing", f"{f['path']}", f["path"]))
            continue
        files.append(path)
        if path.stat().st_size != f["size"] or sha256_file(path) != f["sha256"]:
            out.append(
                Drift(
                    "DT308",
                    "file content changed since it was profiled",
                    f"sha256 was {f['sha256'][:16]}…",
                    f["path"],
                )
            )
    return files, out


def _column_drift(b: dict[str, Any], c: _Col, rows: int, where: str) -> list[Drift]:
    out: list[Drift] = []
    name = b["name"]
    if c.kind() != b["type"] and b["type"] != "empty" and c.kind() != "empty":
        out.append(
            Drift("DT308", f"column {name} changed type from {b['type']} to {c.kind()}", "", where)
        )
    if b["count"] and c.count:
        was, now = b["missing"] / b["count"], c.missing / c.count
        if now - was > 0.05:
            out.append(
                Drift(
                    "DT309",
                    f"column {name}: missing values rose from {was:.1%} to {now:.1%}",
                    "",
                    where,
                )
            )
    if "min" in b and c.numbers:
        span = (b["max"] - b["min"]) or abs(b["max"]) or 1.0
        if c.low < b["min"] - 0.1 * span or c.high > b["max"] + 0.1 * span:
            out.append(
                Drift(
                    "DT309",
                    f"column {name}: values outside the profiled range "
                    f"[{b['min']:.6g}, {b['max']:.6g}]",
                    f"now [{c.low:.6g}, {c.high:.6g}]",
                    where,
                )
            )
        if c.edges is not None and c.numbers >= 50:
            psi = _psi(b.get("decile_shares", []), c.bins, c.numbers)
            if psi > 0.2:
                out.append(
                    Drift(
                        "DT309",
                        f"column {name}: distribution shifted "
                        f"(PSI {psi:.2f} over the profiled deciles)",
                        "PSI above 0.2 is a significant shift",
                        where,
                    )
                )
    return out


def validate_profile(
    root: Path, base: dict[str, Any], *, limits: Limits | None = None, where: str = ""
) -> list[Drift]:
    """Compare the dataset with its profile ``base``; every difference that matters."""
    files, out = _files_drift(root, base)
    p = _profile_pass(files, limits or Limits(), base)
    cols = {c.name: c for c in p.cols}
    for b in base["columns"]:
        c = cols.get(b["name"])
        if c is None:
            out.append(Drift("DT308", f"column {b['name']} disappeared", "", where))
            continue
        out.extend(_column_drift(b, c, p.rows, where))
    known = {b["name"] for b in base["columns"]}
    for name in cols:
        if name not in known:
            out.append(Drift("DT308", f"new column {name}", "", where))
    if base["rows"] and p.rows:
        was, now = base["duplicates"] / base["rows"], p.duplicates / p.rows
        if now - was > 0.01:
            out.append(
                Drift(
                    "DT309",
                    f"duplicate rows rose from {was:.1%} to {now:.1%}",
                    "duplicated records are a cheap way to weight poisoned examples",
                    where,
                )
            )
    lab = base.get("label")
    if lab and lab["column"] in cols:
        now_dist = dict(cols[lab["column"]].categories)
        tvd = _tvd(lab["distribution"], now_dist)
        new = sorted(set(now_dist) - set(lab["distribution"]))
        if tvd > 0.1 or new:
            extra = f"; new labels: {', '.join(new[:5])}" if new else ""
            out.append(
                Drift(
                    "DT309",
                    f"label distribution of {lab['column']} shifted "
                    f"(total variation {tvd:.2f}){extra}",
                    "a label shift can be label-flipping poisoning",
                    where,
                )
            )
    return out


def write_profile(path: Path, doc: dict[str, Any]) -> None:
    from secplan._io import atomic_write

    atomic_write(path, json.dumps(doc, indent=1, sort_keys=True) + "\n")
