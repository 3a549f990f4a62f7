"""Over- and under-confidence by slice, in the test process: the quality flags that
Giskard's scan raises, measured on the slices that :func:`secplan.assurance.checks.slices`
cuts. Judging them is :mod:`secplan.assurance.verdict`'s job."""

from __future__ import annotations

from typing import Any

import numpy as np

from secplan.assurance._load import Array, Table
from secplan.assurance.checks import GROUPED, Metrics, _groups, _r

#: Right predictions a slice (and the other rows) need before their confidence is compared.
CONFIDENCE_ROWS = 10
#: Standard errors of a slice's accuracy that its mean confidence must clear (the upper end
#: of the Wilson score interval), so that a small slice's bad luck is not called overconfidence.
BOUND_Z = 3.0


def confidence(proba: Array | None, classes: list[str], t: Table, min_rows: int) -> Metrics:
    """Over- and under-confidence by slice, on each slice of each feature (as
    :func:`~secplan.assurance.checks.slices` cuts them).

    Overconfidence: the slice's mean confidence (top-class probability) minus its accuracy,
    less the other rows' own excess of confidence over accuracy where they have one (a model
    that is overconfident everywhere is the calibration check's finding, not a slice's).
    ``gap`` takes the accuracy at the upper end of its Wilson score interval (``BOUND_Z``
    standard errors), so it is what the rows leave certain; ``z`` is the excess in standard
    errors of the slice's accuracy.

    Underconfidence (Giskard's flag): the mean confidence of the slice's right predictions
    against that of the other rows' right ones (lower); ``z`` is Welch's two-sample z-score.
    The other rows, not the whole set, are the reference, so that a slice holding most of the
    rows is still compared with something else. The slices with a gap, largest first."""
    if proba is None or proba.ndim != 2 or proba.shape[1] != len(classes):
        return {"wrong": None, "right": None, "slices": [], "note": "no class probabilities"}
    conf = proba.max(axis=1)
    right = np.asarray(classes, dtype=object)[proba.argmax(axis=1)] == t.y
    out: list[dict[str, Any]] = []
    for j, name in enumerate(t.features):
        text = t.codes.get(name)
        grouped = text is not None or len(np.unique(t.x[:, j])) <= GROUPED
        kind = "value" if grouped else "quartile"
        for label, sel in _groups(t.x[:, j], name, text):
            if sel.sum() < min_rows or (~sel).sum() < min_rows:
                continue
            found = [
                ("overconfidence", _overconfident(conf, right, sel)),
                ("underconfidence", _less_sure(conf[sel & right], conf[~sel & right])),
            ]
            out += [{"slice": label, "kind": kind, "flag": f} | e for f, e in found if e]
    out.sort(key=lambda e: (-(e["gap"] or 0), e["slice"], e["flag"]))
    wrong, good = conf[~right], conf[right]
    return {
        "wrong": _r(wrong.mean()) if wrong.size else None,
        "right": _r(good.mean()) if good.size else None,
        "slices": out[:20],
    }


def wilson_upper(hits: int, n: int, z: float = BOUND_Z) -> float:
    """The upper end of the Wilson score interval of a proportion ``hits / n``."""
    p, z2 = hits / n, z * z
    centre = p + z2 / (2 * n)
    half = z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return float(min(1.0, (centre + half) / (1 + z2 / n)))


def _overconfident(conf: Array, right: Array, sel: Array) -> dict[str, Any] | None:
    """The slice's confidence above its accuracy, beyond the other rows' (when positive)."""
    n, hits = int(sel.sum()), int(right[sel].sum())
    mean, acc = float(conf[sel].mean()), hits / n
    rest = max(0.0, float(conf[~sel].mean()) - float(right[~sel].mean()))
    excess = mean - acc - rest
    if excess <= 0:
        return None
    smooth = (hits + 2) / (n + 4)  # Agresti-Coull: never zero at an accuracy of 0 or 1
    se = float(np.sqrt(smooth * (1 - smooth) / n))
    return {
        "rows": n,
        "value": _r(mean),
        "accuracy": _r(acc),
        "bound": _r(wilson_upper(hits, n)),
        "rest": _r(rest),
        "gap": _r(mean - wilson_upper(hits, n) - rest),
        "z": _r(excess / se),
    }


def _less_sure(inside: Array, rest: Array) -> dict[str, Any] | None:
    """How far the mean confidence of ``inside`` falls below that of ``rest``, when both have
    at least ``CONFIDENCE_ROWS`` predictions and it does fall."""
    if inside.size < CONFIDENCE_ROWS or rest.size < CONFIDENCE_ROWS:
        return None
    gap = float(rest.mean()) - float(inside.mean())
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
