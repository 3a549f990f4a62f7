"""Over- and under-confidence by slice, in the test process: the quality flags that
Giskard's scan raises, measured on the slices that :func:`secplan.assurance.checks.slices`
cuts. Judging them is :mod:`secplan.assurance.verdict`'s job."""

from __future__ import annotations

from typing import Any

import numpy as np

from secplan.assurance._load import Array, Table
from secplan.assurance.checks import GROUPED, Metrics, _groups, _r

#: Wrong (or right) predictions a slice needs before its confidence is compared.
CONFIDENCE_ROWS = 10


def confidence(proba: Array | None, classes: list[str], t: Table, min_rows: int) -> Metrics:
    """Over- and under-confidence by slice (Giskard's quality flags): on each slice of each
    feature (as :func:`~secplan.assurance.checks.slices` cuts them), the mean confidence
    (top-class probability) of its wrong predictions against that of the other rows' wrong
    predictions (overconfidence: higher), and of its right ones against the other rows' right
    ones (underconfidence: lower). ``z`` is the two-sample z-score of the gap (Welch); the
    slices with a gap, largest first. The other rows, not the whole set, are the reference, so
    that a slice holding most of the errors is still compared with something else."""
    if proba is None or proba.ndim != 2 or proba.shape[1] != len(classes):
        return {"wrong": None, "right": None, "slices": [], "note": "no class probabilities"}
    conf = proba.max(axis=1)
    right = np.asarray(classes, dtype=object)[proba.argmax(axis=1)] == t.y
    out: list[dict[str, Any]] = []
    for flag, among, sign in (("overconfidence", ~right, 1.0), ("underconfidence", right, -1.0)):
        for j, name in enumerate(t.features):
            text = t.codes.get(name)
            grouped = text is not None or len(np.unique(t.x[:, j])) <= GROUPED
            kind = "value" if grouped else "quartile"
            for label, sel in _groups(t.x[:, j], name, text):
                if sel.sum() < min_rows:
                    continue
                entry = _compare(conf[sel & among], conf[~sel & among], sign)
                if entry is not None:
                    out.append({"slice": label, "kind": kind, "flag": flag} | entry)
    out.sort(key=lambda e: (-(e["gap"] or 0), e["slice"], e["flag"]))
    wrong, good = conf[~right], conf[right]
    return {
        "wrong": _r(wrong.mean()) if wrong.size else None,
        "right": _r(good.mean()) if good.size else None,
        "slices": out[:20],
    }


def _compare(inside: Array, rest: Array, sign: float) -> dict[str, Any] | None:
    """The gap between the mean confidences (``sign`` 1: inside above the rest, -1: below),
    when both sides have at least ``CONFIDENCE_ROWS`` predictions and the gap is positive."""
    if inside.size < CONFIDENCE_ROWS or rest.size < CONFIDENCE_ROWS:
        return None
    gap = sign * (float(inside.mean()) - float(rest.mean()))
    if gap <= 0:
        return None
    se = float(np.sqrt(inside.var() / inside.size + rest.var() / rest.size))
    return {
        "rows": int(inside.size),
        "value": _r(inside.mean()),
        "rest": _r(rest.mean()),
        "gap": _r(gap),
        "z": _r(gap / se) if se > 0 else None,
    }
