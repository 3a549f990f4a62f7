"""Match findings to labels and count precision and recall per class.

A finding matches a label when it is in the same file, its rule maps to the label's class
(and, for container and pod settings, to the label's topic), and its line is within
``TOLERANCE`` lines of the label's line (a finding with a line range, as checkov reports
resources, matches a line inside the range). Whole-file labels (an absence, such as no
``USER``) are matched only by findings of their topic, anywhere in the file.

Each problem counts once: it is found when at least one finding matches it (one finding
claims at most one problem; further findings on a found problem are duplicates and neutral).
A finding whose nearest label is a hard negative is a false positive on that label; a finding
near no label at all is an unlabelled false positive at its (file, line, class). Findings of
rules that map to no class are counted apart.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from anchors import Finding
from labels import Label
from mapping import Mapped

TOLERANCE = 2
Mapper = Callable[[Finding], Mapped | None]


@dataclass
class Result:
    found: set[int] = field(default_factory=set)  # indices of positive labels matched
    false_labels: dict[int, set[str]] = field(default_factory=dict)  # negative label -> rules
    unlabelled: dict[tuple[str, int | None, str], set[str]] = field(default_factory=dict)
    outside: Counter[str] = field(default_factory=Counter)  # rules mapping to no class
    duplicates: int = 0

    def counts(self, labels: list[Label], cls: str) -> tuple[int, int, int]:
        """(true positives, false positives, false negatives) for one class, or all (``*``)."""
        hit = lambda i: cls in ("*", labels[i].cls)  # noqa: E731
        tp = sum(1 for i in self.found if hit(i))
        fp = sum(1 for i in self.false_labels if hit(i))
        fp += sum(1 for key in self.unlabelled if cls in ("*", key[2]))
        fn = sum(1 for i, lb in enumerate(labels) if lb.positive and hit(i) and i not in self.found)
        return tp, fp, fn


def _distance(f: Finding, lb: Label, topic: str, tolerance: float) -> float | None:
    if lb.line is None:  # whole-file label: only a finding of its topic, anywhere
        return TOLERANCE + 0.5 if topic and topic == lb.topic else None
    if f.line is None:
        return None if tolerance < float("inf") else TOLERANCE + 1
    end = f.end_line if f.end_line is not None and f.end_line > f.line else f.line
    d = min(0 if f.line <= ln <= end else min(abs(f.line - ln), abs(end - ln)) for ln in lb.lines)
    return d if d <= tolerance else None


def score(
    labels: list[Label], findings: Iterable[Finding], mapper: Mapper, tolerance: float = TOLERANCE
) -> Result:
    """Match findings to labels; ``tolerance=inf`` ignores lines (same file is enough)."""
    by_file: dict[str, list[int]] = defaultdict(list)
    for i, lb in enumerate(labels):
        by_file[lb.file].append(i)
    res = Result()
    pairs: list[tuple[float, int, int]] = []
    claimed_any: set[int] = set()
    findings = list(findings)
    for fi, f in enumerate(findings):
        mapped = mapper(f)
        if mapped is None:
            res.outside[f"{f.tool}:{f.rule}"] += 1
            continue
        classes, topic = mapped
        cands = []
        for li in by_file.get(f.file, []):
            lb = labels[li]
            if lb.cls not in classes or (topic and lb.topic != topic):
                continue
            d = _distance(f, lb, topic, tolerance)
            if d is not None:
                cands.append((d, not lb.positive, li))
        if not cands:
            key = (f.file, f.line, classes[0])
            res.unlabelled.setdefault(key, set()).add(f.rule)
            continue
        cands.sort()
        if not labels[cands[0][2]].positive:
            res.false_labels.setdefault(cands[0][2], set()).add(f.rule)
            continue
        claimed_any.add(fi)
        pairs += [(d, fi, li) for d, neg, li in cands if not neg]
    used: set[int] = set()
    for _, fi, li in sorted(pairs):
        if fi not in used and li not in res.found:
            used.add(fi)
            res.found.add(li)
    res.duplicates = len(claimed_any - used)
    return res


def fmt(tp: int, fp: int, fn: int, mapped: bool = True) -> str:
    if not mapped:
        return "—"
    p = f"{tp / (tp + fp):.2f}" if tp + fp else "—"
    r = f"{tp / (tp + fn):.2f}" if tp + fn else "—"
    return f"{p} / {r}"


def notebook_cells(path: Path) -> dict[int, tuple[int, int, int]]:
    """Cell number (1-based) -> (first line, line of ``"source": [``, last line) in the file.

    Works on notebooks stored as Jupyter stores them (one-space indent, one key a line).
    """
    cells: dict[int, tuple[int, int, int]] = {}
    n, start, source = 0, 0, 0
    in_cells = False
    for no, line in enumerate(path.read_text().splitlines(), 1):
        if line.startswith(' "cells": ['):
            in_cells = True
        elif in_cells and line == "  {":
            n, start, source = n + 1, no, 0
        elif in_cells and line.startswith('   "source": ['):
            source = no
        elif in_cells and line.startswith("  }"):
            cells[n] = (start, source, no)
        elif in_cells and line.startswith(" ]"):
            in_cells = False
    return cells


def cell_aware(findings: Iterable[Finding], corpus: Path) -> list[Finding]:
    """Findings with notebook (cell, line) turned into lines of the file as stored.

    Used only to show how much of the notebook score is lost to cell-relative lines.
    """
    out = []
    cache: dict[str, dict[int, tuple[int, int, int]]] = {}
    for f in findings:
        if f.cell is None or not f.file.endswith(".ipynb"):
            out.append(f)
            continue
        cells = cache.setdefault(f.file, notebook_cells(corpus / f.file))
        start, source, end = cells.get(f.cell, (0, 0, 0))
        if f.line is not None and source:
            out.append(Finding(f.tool, f.file, source + f.line, f.rule))
        else:
            out.append(Finding(f.tool, f.file, start, f.rule, end_line=end))
    return out


def details(labels: list[Label], res: Result) -> dict[str, object]:
    """Misses and false positives, for the report and for the engineers."""
    misses = [
        {"label": lb.key, "match": lb.match, "note": lb.note}
        for i, lb in enumerate(labels)
        if lb.positive and i not in res.found
    ]
    false = [
        {
            "label": labels[i].key,
            "match": labels[i].match,
            "rules": sorted(r),
            "note": labels[i].note,
        }
        for i, r in sorted(res.false_labels.items())
    ]
    unl = [
        {"at": f"{k[0]}:{k[1]}", "class": k[2], "rules": sorted(r)}
        for k, r in sorted(res.unlabelled.items(), key=str)
    ]
    return {
        "misses": misses,
        "false_positives": false,
        "unlabelled": unl,
        "outside": dict(res.outside),
    }


def dump(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
