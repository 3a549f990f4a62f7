"""Scoring predicted spans against the labelled corpus: per-entity precision, recall and F1,
exact (same start, end and label) and overlap (same label, overlapping; one-to-one)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path


def _load(path: Path) -> list[list[tuple[int, int, str]]]:
    out = []
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        out.append([(s["start"], s["end"], s["label"]) for s in rec["spans"]])
    return out


def score(
    gold_path: Path, pred_path: Path, labels: set[str] | None = None
) -> dict[str, dict[str, float]]:
    gold, pred = _load(gold_path), _load(pred_path)
    tp = {"exact": Counter(), "overlap": Counter()}
    g_n: Counter[str] = Counter()
    p_n: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if labels is not None:
            g = [s for s in g if s[2] in labels]
            p = [s for s in p if s[2] in labels]
        g_n.update(s[2] for s in g)
        p_n.update(s[2] for s in p)
        gs = set(g)
        for s in p:
            if s in gs:
                tp["exact"][s[2]] += 1
        used: set[int] = set()
        for s in p:
            for j, t in enumerate(g):
                if j not in used and t[2] == s[2] and s[0] < t[1] and t[0] < s[1]:
                    used.add(j)
                    tp["overlap"][s[2]] += 1
                    break
    out: dict[str, dict[str, float]] = {}
    for label in sorted(set(g_n) | set(p_n)):
        out[label] = _prf(tp, label, g_n[label], p_n[label])
    total_g, total_p = sum(g_n.values()), sum(p_n.values())
    micro: dict[str, float] = {"support": total_g, "predicted": total_p}
    for kind in ("exact", "overlap"):
        t = sum(tp[kind].values())
        p = t / total_p if total_p else 0.0
        r = t / total_g if total_g else 0.0
        micro |= {
            f"{kind}_p": p,
            f"{kind}_r": r,
            f"{kind}_f1": 2 * p * r / (p + r) if p + r else 0.0,
        }
    out["micro"] = micro
    return out


def _prf(tp: dict[str, Counter[str]], label: str, g: int, p: int) -> dict[str, float]:
    row: dict[str, float] = {"support": g, "predicted": p}
    for kind in ("exact", "overlap"):
        t = tp[kind][label]
        prec = t / p if p else 0.0
        rec = t / g if g else 0.0
        row |= {
            f"{kind}_p": prec,
            f"{kind}_r": rec,
            f"{kind}_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        }
    return row


def columns(gold: Path, pred: Path) -> dict[str, object]:
    g = json.loads(gold.read_text(encoding="utf-8"))
    p = json.loads(pred.read_text(encoding="utf-8"))
    total = right = 0
    wrong: list[str] = []
    for f, cols in g.items():
        for c, label in cols.items():
            total += 1
            got = p.get(f, {}).get(c, "NONE")
            if got == label:
                right += 1
            else:
                wrong.append(f"{f}:{c} {label}->{got}")
    return {"accuracy": right / total if total else 0.0, "columns": total, "wrong": wrong}
