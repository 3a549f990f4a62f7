"""The measurements of ``secplan model test``, run in the test process on the loaded model.

Each function returns plain numbers (JSON-ready); judging them against policy is
:mod:`secplan.assurance.verdict`'s job. Every random choice is seeded, so two runs with the
same seed give the same numbers.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from secplan.assurance._load import Array, Model, Table, labels

Metrics = dict[str, Any]


def _r(v: float) -> float | None:
    f = float(v)
    return round(f, 6) if np.isfinite(f) else None


@contextmanager
def _timed(out: dict[str, float], name: str) -> Iterator[None]:
    start = time.process_time()
    yield
    out[name] = round(time.process_time() - start, 3)


def _sample(n: int, k: int, seed: int) -> Array:
    if n <= k:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))


def positive_class(classes: list[str], y: Array, wanted: str | None) -> str:
    if wanted is not None:
        return wanted
    found = sorted(set(classes) | set(y.tolist()))
    return "1" if "1" in found else found[-1]


@dataclass(frozen=True, slots=True)
class Space:
    """The attack's view of a table: features in standard deviations (L-infinity), and the
    constraints that keep a perturbed row realistic (integer columns rounded, values clipped
    to the ranges seen in the data, categorical columns left as they are)."""

    mean: Array
    std: Array
    lo: Array
    hi: Array
    ints: Array
    fixed: Array

    @classmethod
    def of(cls, t: Table, categorical: Any) -> Space:
        mean, std = t.x.mean(axis=0), t.x.std(axis=0)
        std[std == 0] = 1.0
        lo, hi = (t.x.min(axis=0) - mean) / std, (t.x.max(axis=0) - mean) / std
        ints = np.all(t.x == np.round(t.x), axis=0)
        fixed = np.array([f in categorical for f in t.features])
        return cls(mean, std, lo, hi, ints, fixed)

    def realistic(self, z: Array) -> Array:
        """Rows in data units, from rows in standard deviations."""
        x: Array = np.clip(z, self.lo, self.hi) * self.std + self.mean
        x[:, self.ints] = np.round(x[:, self.ints])
        return x

    def scaled(self, x: Array) -> Array:
        out: Array = (x - self.mean) / self.std
        return out


def boundary(
    model: Model, t: Table, p: Metrics, classes: list[str], rows: Array, space: Space
) -> tuple[Array, Array, Array]:
    """ART's HopSkipJump (decision-based, black-box, L-infinity) on ``rows`` of ``t``: for each
    row, the realistic adversarial row found (data units), whether the model labels it
    correctly unattacked, and the distance (in standard deviations) at which its label
    flips (``inf`` where no flip was found, 0 where the row was already misclassified)."""
    from art.attacks.evasion import HopSkipJump
    from art.estimators.classification import BlackBoxClassifier

    index = {c: i for i, c in enumerate(classes)}

    def onehot(z: Array) -> Array:
        pred = model.predict(space.realistic(np.asarray(z, dtype=float)))
        out = np.zeros((len(pred), len(classes)))
        out[np.arange(len(pred)), [index.get(c, 0) for c in pred]] = 1.0
        return out

    z = space.scaled(t.x[rows])
    y = t.y[rows]
    clean = model.predict(space.realistic(z)) == y
    start = _starts(model, t, p, (space.mean, space.std), space.realistic, z, y, space.fixed)
    distance = np.zeros(len(rows))
    distance[clean] = np.inf
    found = space.realistic(z)
    attacked = np.flatnonzero(clean & (start >= 0))
    if attacked.size:
        np.random.seed(p["seed"])
        clf = BlackBoxClassifier(
            onehot, (z.shape[1],), len(classes), clip_values=(space.lo, space.hi)
        )
        attack = HopSkipJump(
            clf,
            targeted=False,
            norm=np.inf,
            max_iter=p["attack_iterations"],
            max_eval=p["attack_evaluations"],
            init_eval=20,
            init_size=20,
            verbose=False,
        )
        pool = space.scaled(t.x[_sample(len(t.y), POOL, p["seed"])])
        adv = attack.generate(
            z[attacked], mask=(~space.fixed).astype(float), x_adv_init=pool[start[attacked]].copy()
        )
        fooled = model.predict(space.realistic(adv)) != y[attacked]
        real = (space.realistic(adv) - space.realistic(z[attacked])) / space.std
        d = np.abs(real).max(axis=1)
        distance[attacked] = np.where(fooled, d, np.inf)
        found[attacked] = space.realistic(adv)
    return found, clean, distance


def robustness(model: Model, t: Table, p: Metrics, classes: list[str]) -> Metrics:
    """Accuracy under ART's HopSkipJump (decision-based, black-box) against attack strength.

    Perturbations are measured in standard deviations of each feature (L-infinity). The model
    only ever sees realistic rows: integer columns rounded, values clipped to the ranges seen
    in the data, and categorical columns left as they are."""
    space = Space.of(t, p["categorical"])
    rows = _sample(len(t.y), p["attack_samples"], p["seed"])
    _, clean, distance = boundary(model, t, p, classes, rows, space)
    curve = [
        [_r(eps), _r(np.mean(distance > eps))]
        for eps in sorted({*p["epsilons"], p["robust_epsilon"]})
    ]
    return {
        "attack": "HopSkipJump (ART, decision-based, L-inf)",
        "samples": len(rows),
        "clean_accuracy": _r(float(np.mean(clean))),
        "curve": curve,
        "median_distance": _r(np.median(np.minimum(distance, 1e6))),
        "constraints": {
            "integer": [f for f, i in zip(t.features, space.ints, strict=True) if i],
            "categorical": [f for f in t.features if f in p["categorical"]],
            "ranges": "clipped to the minimum and maximum seen in the data",
        },
    }


#: Rows an attack may start from: the nearest one the model labels differently.
POOL = 2000


def _starts(
    model: Model,
    t: Table,
    p: Metrics,
    scale: tuple[Array, Array],
    realistic: Callable[[Array], Array],
    z: Array,
    y: Array,
    fixed: Array,
) -> Array:
    """For each row to attack, the index (in the seeded pool of data rows) of the nearest row
    with another label and the same categorical values; -1 where there is none. A given start
    keeps the attack deterministic (ART would draw one from an unseeded generator)."""
    mean, std = scale
    pool = (t.x[_sample(len(t.y), POOL, p["seed"])] - mean) / std
    found = model.predict(realistic(pool))
    out = np.full(len(z), -1)
    for i in range(len(z)):
        ok = (found != y[i]) & np.all(pool[:, fixed] == z[i, fixed], axis=1)
        if ok.any():
            d = np.abs(pool - z[i]).max(axis=1)
            d[~ok] = np.inf
            out[i] = int(np.argmin(d))
    return out


def importance(model: Model, t: Table, p: Metrics) -> list[list[Any]]:
    """Permutation importance (scikit-learn): the accuracy lost when a feature is shuffled."""
    from sklearn.inspection import permutation_importance

    rows = _sample(len(t.y), p["importance_samples"], p["seed"])

    class _Scored:
        def fit(self, *_: object) -> _Scored:
            return self

    def score(_: object, x: Array, y: Array) -> float:
        return float(np.mean(model.predict(x) == y))

    r = permutation_importance(
        _Scored(), t.x[rows], t.y[rows], scoring=score, n_repeats=5, random_state=p["seed"]
    )
    out = [
        [f, _r(m), _r(s)]
        for f, m, s in zip(t.features, r.importances_mean, r.importances_std, strict=True)
    ]
    return sorted(out, key=lambda e: (-e[1], e[0]))


def proxies(t: Table, threshold: float) -> dict[str, list[list[Any]]]:
    """For each sensitive column, the features correlated with one of its groups at
    ``threshold`` or more (absolute Pearson correlation): its strong proxies."""
    out: dict[str, list[list[Any]]] = {}
    for col, values in t.sensitive.items():
        found: dict[str, float] = {}
        for group in sorted(set(values.tolist()))[:50]:
            ind = (values == group).astype(float)
            if ind.std() == 0:
                continue
            for j, f in enumerate(t.features):
                xs = t.x[:, j]
                if xs.std() == 0:
                    continue
                r = abs(float(np.corrcoef(xs, ind)[0, 1]))
                if r >= threshold:
                    found[f] = max(found.get(f, 0.0), r)
        out[col] = [[f, _r(r)] for f, r in sorted(found.items())]
    return out


def fairness(pred: Array, t: Table, positive: str) -> dict[str, Metrics]:
    """fairlearn ``MetricFrame`` per sensitive column: selection rate, error rates, accuracy,
    and the demographic-parity and equalized-odds differences between groups."""
    from fairlearn.metrics import (
        MetricFrame,
        count,
        demographic_parity_difference,
        equalized_odds_difference,
        false_negative_rate,
        false_positive_rate,
        selection_rate,
    )
    from sklearn.metrics import accuracy_score

    yt, yp = (t.y == positive).astype(int), (pred == positive).astype(int)
    out: dict[str, Metrics] = {}
    for col, values in t.sensitive.items():
        groups = values.astype(str)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = MetricFrame(
                metrics={
                    "selection_rate": selection_rate,
                    "false_positive_rate": false_positive_rate,
                    "false_negative_rate": false_negative_rate,
                    "accuracy": accuracy_score,
                    "count": count,
                },
                y_true=yt,
                y_pred=yp,
                sensitive_features=groups,
            )
            dp = demographic_parity_difference(yt, yp, sensitive_features=groups)
            eo = equalized_odds_difference(yt, yp, sensitive_features=groups)
        by = frame.by_group
        out[col] = {
            "groups": {str(g): {k: _r(by.loc[g, k]) for k in by.columns} for g in sorted(by.index)},
            "demographic_parity_difference": _r(dp),
            "equalized_odds_difference": _r(eo),
        }
    return out


def calibration(proba: Array | None, classes: list[str], t: Table, bins: int = 10) -> Metrics:
    """Expected calibration error of the top-class confidence, split into over- and
    under-confidence."""
    if proba is None or proba.ndim != 2 or proba.shape[1] != len(classes):
        return {"ece": None, "note": "the model gives no class probabilities"}
    conf = proba.max(axis=1)
    right = np.asarray(classes, dtype=object)[proba.argmax(axis=1)] == t.y
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1]), 0, bins - 1)
    ece = over = under = 0.0
    for b in range(bins):
        sel = which == b
        if not sel.any():
            continue
        gap = float(conf[sel].mean() - right[sel].mean())
        w = sel.mean()
        ece += w * abs(gap)
        over += w * max(gap, 0.0)
        under += w * max(-gap, 0.0)
    return {"ece": _r(ece), "overconfidence": _r(over), "underconfidence": _r(under)}


#: A feature with at most this many values is sliced by value, else by quartile.
GROUPED = 10


def _groups(values: Array, name: str, text: list[str] | None) -> list[tuple[str, Array]]:
    """The slices of one feature: each value of a feature with at most ten values (or of a
    text column), else its quartiles."""
    distinct = np.unique(values)
    if text is not None:
        return [(f"{name} == {text[int(v)]!r}", values == v) for v in distinct]
    if len(distinct) <= GROUPED:
        return [(f"{name} == {_shown(v)}", values == v) for v in distinct]
    cuts = np.unique(np.quantile(values, [0.25, 0.5, 0.75]))
    out, low = [], -np.inf
    for high in [*cuts, np.inf]:
        sel = (values > low) & (values <= high)
        if np.isinf(low):
            label = f"{name} <= {_shown(high)}"
        elif np.isinf(high):
            label = f"{name} > {_shown(low)}"
        else:
            label = f"{_shown(low)} < {name} <= {_shown(high)}"
        out.append((label, sel))
        low = high
    return out


def _shown(v: Any) -> str:
    f = float(v)
    return str(int(f)) if f == int(f) else f"{f:.4g}"


def slices(pred: Array, t: Table, positive: str, min_rows: int) -> list[dict[str, Any]]:
    """Accuracy and recall of the favourable class on each slice of each feature (every value
    of a feature with at most ten values, else its quartiles), against the rest of the rows;
    the slices where either falls, worst first. ``z`` is the one-sided two-proportion z-score
    of the fall (how unlikely chance makes it). A quartile of a continuous driver is always
    weaker where it holds the decision boundary, so only value slices are judged."""
    right = pred == t.y
    pos = t.y == positive
    out: list[dict[str, Any]] = []
    for j, name in enumerate(t.features):
        text = t.codes.get(name)
        grouped = text is not None or len(np.unique(t.x[:, j])) <= GROUPED
        kind = "value" if grouped else "quartile"
        for label, sel in _groups(t.x[:, j], name, text):
            n = int(sel.sum())
            if n < min_rows or n > len(sel) - min_rows:
                continue
            for metric, ok, among in (("accuracy", right, None), ("recall", right, pos)):
                inside = sel if among is None else sel & among
                rest = ~sel if among is None else ~sel & among
                if inside.sum() < min_rows or rest.sum() < min_rows:
                    continue
                a, b = float(ok[inside].mean()), float(ok[rest].mean())
                pooled = float(ok[inside | rest].mean())
                se = np.sqrt(pooled * (1 - pooled) * (1 / inside.sum() + 1 / rest.sum()))
                z = float((b - a) / se) if se > 0 else 0.0
                if a < b:
                    out.append(
                        {
                            "slice": label,
                            "kind": kind,
                            "metric": metric,
                            "rows": int(inside.sum()),
                            "value": _r(a),
                            "rest": _r(b),
                            "drop": _r((b - a) / b if b else 0.0),
                            "z": _r(z),
                        }
                    )
    out.sort(key=lambda e: (-(e["drop"] or 0), e["slice"], e["metric"]))
    return out[:20]


def leakage(t: Table, p: Metrics) -> list[list[Any]]:
    """How well each feature alone predicts the target (a depth-4 tree, trained on one half
    and scored on the other): a feature that alone predicts it is a sign of target leakage."""
    from sklearn.tree import DecisionTreeClassifier

    rows = _sample(len(t.y), p["leakage_samples"], p["seed"])
    half = len(rows) // 2
    fit, test = rows[:half], rows[half:]
    out = []
    for j, f in enumerate(t.features):
        tree = DecisionTreeClassifier(max_depth=4, random_state=p["seed"])
        tree.fit(t.x[fit, j : j + 1], t.y[fit])
        out.append([f, _r(np.mean(tree.predict(t.x[test, j : j + 1]) == t.y[test]))])
    return sorted(out, key=lambda e: (-e[1], e[0]))


def extraction(model: Model, t: Table, p: Metrics) -> Metrics:
    """How far a thief gets: the agreement with the model that a surrogate (a decision tree)
    reaches after ``extraction_queries`` queries, measured on rows it never queried."""
    from sklearn.tree import DecisionTreeClassifier

    n = len(t.y)
    order = np.random.default_rng(p["seed"]).permutation(n)
    queries = order[: min(p["extraction_queries"], n // 2)]
    held = order[n // 2 :]
    surrogate = DecisionTreeClassifier(max_depth=10, random_state=p["seed"])
    surrogate.fit(t.x[queries], model.predict(t.x[queries]))
    agree = np.mean(labels(surrogate.predict(t.x[held])) == model.predict(t.x[held]))
    return {"queries": len(queries), "surrogate": "decision tree", "agreement": _r(agree)}


def membership(model: Model, t: Table, members: Table, classes: list[str], seed: int) -> Metrics:
    """Membership-inference advantage (true-positive minus false-positive rate) of ART's
    black-box attack, trained on half the training rows (members) and half the test rows."""
    from art.attacks.inference.membership_inference import MembershipInferenceBlackBox
    from art.estimators.classification import BlackBoxClassifier

    index = {c: i for i, c in enumerate(classes)}

    def scores(x: Array) -> Array:
        p = model.proba(x)
        if p is not None and p.shape[1] == len(classes):
            return p
        pred = model.predict(x)
        out = np.zeros((len(pred), len(classes)))
        out[np.arange(len(pred)), [index.get(c, 0) for c in pred]] = 1.0
        return out

    def ids(y: Array) -> Array:
        return np.asarray([index.get(c, 0) for c in y])

    k = min(len(members.y), len(t.y)) // 2
    m, o = _sample(len(members.y), 2 * k, seed), _sample(len(t.y), 2 * k, seed + 1)
    m_fit, m_eval, o_fit, o_eval = m[:k], m[k:], o[:k], o[k:]
    np.random.seed(seed)
    clf = BlackBoxClassifier(scores, (t.x.shape[1],), len(classes))
    attack = MembershipInferenceBlackBox(clf, input_type="prediction", attack_model_type="rf")
    attack.fit(members.x[m_fit], ids(members.y[m_fit]), t.x[o_fit], ids(t.y[o_fit]))
    tpr = float(np.mean(attack.infer(members.x[m_eval], ids(members.y[m_eval]))))
    fpr = float(np.mean(attack.infer(t.x[o_eval], ids(t.y[o_eval]))))
    return {"rows": int(2 * k), "advantage": _r(tpr - fpr), "tpr": _r(tpr), "fpr": _r(fpr)}


def _confidence(proba: Array | None, classes: list[str], t: Table, min_rows: int) -> Metrics:
    from secplan.assurance.confidence import confidence

    return confidence(proba, classes, t, min_rows)


def run_all(model: Model, t: Table, p: Metrics, members: Table | None) -> Metrics:
    """Every measurement, with the CPU seconds each took."""
    took: dict[str, float] = {}
    pred = model.predict(t.x)
    proba = model.proba(t.x)
    classes = model.classes or sorted(set(t.y.tolist()) | set(pred.tolist()))
    positive = positive_class(classes, t.y, p.get("positive"))
    out: Metrics = {
        "rows": len(t.y),
        "features": t.features,
        "classes": classes,
        "positive": positive,
        "accuracy": _r(np.mean(pred == t.y)),
    }
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("robustness", lambda: robustness(model, t, p, classes)),
        ("importance", lambda: importance(model, t, p)),
        ("proxies", lambda: proxies(t, p["proxy_correlation"])),
        ("fairness", lambda: fairness(pred, t, positive)),
        ("calibration", lambda: calibration(proba, classes, t)),
        ("slices", lambda: slices(pred, t, positive, p["min_slice_rows"])),
        ("confidence", lambda: _confidence(proba, classes, t, p["min_slice_rows"])),
        ("leakage", lambda: leakage(t, p)),
        ("extraction", lambda: extraction(model, t, p)),
    ]
    if members is not None:
        steps.append(("membership", lambda: membership(model, t, members, classes, p["seed"])))
    from secplan.assurance import explain

    if explain.available():
        steps.append(
            ("shap", lambda: explain.global_importance(model, t, classes, positive, p["seed"]))
        )
        if p.get("explain"):
            steps.append(
                (
                    "explanations",
                    lambda: explain.explanations(
                        model, t, classes, positive, list(p["explain"]), p["seed"]
                    ),
                )
            )
    from secplan.assurance._parallel import Beside

    # the attack, the longest step, runs in a second process beside the others
    beside = {name: step for name, step in steps if name in BESIDE}
    started = {name: Beside(step) for name, step in beside.items()}
    try:
        for name, step in steps:
            if name not in beside:
                with _timed(took, name):
                    out[name] = step()
        for name, run in started.items():
            out[name], cpu = run.result()
            took[name] = round(cpu, 3)
    finally:
        for run in started.values():
            run.cancel()
    out["cpu_seconds"] = {name: took[name] for name, _ in steps}
    return out


#: The steps that run in a second process (:mod:`secplan.assurance._parallel`).
BESIDE = frozenset({"robustness"})
