"""SHAP explanations, in the test process, where the ``shap`` library is installed: global
importance (mean absolute SHAP value per feature) and per-prediction explanations.

The explainer is SHAP's model-agnostic permutation explainer over the score of the favourable
class (its probability, or 1/0 for a model without probabilities), with a seeded sample of the
data as background, so it works on any model and two runs with the same seed agree.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from secplan.assurance._load import Array, Model, Table
from secplan.assurance.checks import Metrics, _r, _sample

#: Background rows, and rows explained for the global importance.
BACKGROUND = 50
GLOBAL_ROWS = 100
#: Contributions shown per explained row.
TOP = 8


def available() -> bool:
    from importlib.util import find_spec

    return find_spec("shap") is not None


def _shap() -> Any:
    """The shap library, its numba helpers left as plain Python: compiling them took several
    CPU seconds on every run, longer than they then spend on the rows explained here (the
    values are the same)."""
    import sys
    from importlib.util import find_spec

    if "shap" in sys.modules:
        return sys.modules["shap"]
    config: Any = None
    if find_spec("numba") is not None:  # shap without numba compiles nothing anyway
        from numba import config
    was = getattr(config, "DISABLE_JIT", False)
    if config is not None:
        config.DISABLE_JIT = True
    try:
        import shap  # its helpers are decorated (compiled or not) as it is imported
    finally:
        if config is not None:
            config.DISABLE_JIT = was
    return shap


def _score(model: Model, classes: list[str], positive: str) -> Any:
    index = classes.index(positive) if positive in classes else -1

    def score(x: Array) -> Array:
        proba = model.proba(x)
        if proba is not None and index >= 0 and proba.ndim == 2 and proba.shape[1] > index:
            return np.asarray(proba[:, index], dtype=float)
        return np.asarray(model.predict(x) == positive, dtype=float)

    return score


def _explain(
    model: Model, t: Table, classes: list[str], positive: str, rows: Array, seed: int
) -> Any:
    shap = _shap()
    background = t.x[_sample(len(t.y), BACKGROUND, seed)]
    explainer = shap.PermutationExplainer(
        _score(model, classes, positive),
        shap.maskers.Independent(background, max_samples=BACKGROUND),
        seed=seed,
    )
    return explainer(t.x[rows], max_evals=2 * t.x.shape[1] + 1, silent=True)


def global_importance(
    model: Model, t: Table, classes: list[str], positive: str, seed: int
) -> list[list[Any]]:
    """Mean absolute SHAP value of each feature over a seeded sample of rows, largest first."""
    exp = _explain(model, t, classes, positive, _sample(len(t.y), GLOBAL_ROWS, seed), seed)
    mean = np.abs(np.asarray(exp.values, dtype=float)).mean(axis=0)
    out = [[f, _r(v)] for f, v in zip(t.features, mean, strict=True)]
    return sorted(out, key=lambda e: (-(e[1] or 0), e[0]))


def _value(t: Table, row: int, j: int) -> Any:
    text = t.codes.get(t.features[j])
    return text[int(t.x[row, j])] if text is not None else _r(t.x[row, j])


def explanations(
    model: Model, t: Table, classes: list[str], positive: str, rows: list[int], seed: int
) -> list[Metrics]:
    """For each row asked for (0-based, in the order of the data file): the prediction, the
    favourable class's score, the base value (the mean score over the background rows), and
    the features that moved the score most from it, with their values."""
    exp = _explain(model, t, classes, positive, np.asarray(rows), seed)
    pred = model.predict(t.x[rows])
    score = _score(model, classes, positive)(t.x[rows])
    out = []
    for k, row in enumerate(rows):
        values = np.asarray(exp.values[k], dtype=float)
        order = np.argsort(-np.abs(values), kind="stable")[:TOP]
        out.append(
            {
                "row": row,
                "label": str(t.y[row]),
                "prediction": str(pred[k]),
                "score": _r(score[k]),
                "base": _r(float(np.asarray(exp.base_values).ravel()[k])),
                "contributions": [[t.features[j], _r(t.x[row, j]), _r(values[j])] for j in order],
            }
        )
    return out
