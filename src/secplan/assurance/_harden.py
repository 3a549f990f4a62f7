"""Adversarial training inside the test process: ``secplan model harden``'s measurements.

The team's estimator is cloned and refitted on its training rows plus adversarial rows that
ART's attacks find against the original model, each kept with its true label:

* projected gradient descent (PGD, L-infinity, ``epsilon`` standard deviations of each
  feature) where ART can take the model's loss gradient (logistic regression, linear SVMs,
  ...), the adversarial training of Madry et al.;
* otherwise HopSkipJump (decision-based, black-box), whose rows lie just across the model's
  decision boundary: training on them with the true label moves the boundary away from the
  data (adversarial data augmentation).

Every adversarial row is made realistic first (integer columns rounded, values clipped to the
ranges seen in the data, categorical columns unchanged). The original and the hardened model
are measured the same way, on the same held-out rows, as ``secplan model test`` does, beside
the same estimator refitted on the same training rows without adversarial ones (the
trade-off that the adversarial rows alone make).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from secplan.assurance import _load
from secplan.assurance._load import Array, Table
from secplan.assurance.checks import Metrics, Space, _r, _sample, boundary, robustness
from secplan.errors import TargetError

#: What a hardened scikit-learn-compatible estimator is saved as (joblib reads pickles too).
SAVED = (".joblib", ".pkl", ".pickle")


def _refittable(obj: Any, shown: str) -> None:
    from sklearn.base import clone

    if not callable(getattr(obj, "fit", None)):
        raise TargetError(
            f"{shown}: the model ({type(obj).__name__}) has no fit method, so it cannot be "
            "retrained",
            "harden a scikit-learn-compatible estimator or pipeline (XGBoost and LightGBM "
            "through their scikit-learn API)",
        )
    try:
        clone(obj)
    except Exception as exc:
        raise TargetError(
            f"{shown}: the model cannot be cloned for retraining ({type(exc).__name__})",
            "harden a scikit-learn-compatible estimator (one with get_params)",
        ) from None


def _gradient_estimator(obj: Any, space: Space) -> Any:
    """ART's wrapper of ``obj`` when it gives loss gradients, else None."""
    from art.estimators.classification.scikitlearn import SklearnClassifier
    from art.estimators.estimator import LossGradientsMixin

    lo, hi = space.realistic(space.lo[None, :])[0], space.realistic(space.hi[None, :])[0]
    try:
        est = SklearnClassifier(model=obj, clip_values=(lo, hi))
    except Exception:  # a pipeline or an estimator ART does not know
        return None
    return est if isinstance(est, LossGradientsMixin) else None


def _pgd(est: Any, x: Array, onehot: Array, space: Space, eps: float, seed: int) -> Array:
    from art.attacks.evasion import ProjectedGradientDescent

    np.random.seed(seed)
    attack = ProjectedGradientDescent(
        est,
        norm=np.inf,
        eps=eps * space.std,
        eps_step=eps * space.std / 4,
        max_iter=10,
        targeted=False,
        num_random_init=0,
        verbose=False,
    )
    adv = attack.generate(x, y=onehot, mask=(~space.fixed).astype(np.float32))
    return space.realistic(space.scaled(np.asarray(adv, dtype=float)))


def adversarial_rows(
    obj: Any, model: _load.Model, t: Table, p: Metrics, h: Metrics, classes: list[str]
) -> tuple[Array, Array, str]:
    """Adversarial rows (data units) for a seeded sample of ``t``'s rows, their true labels,
    and the attack that found them."""
    space = Space.of(t, p["categorical"])
    rows = _sample(len(t.y), h["samples"], p["seed"])
    est = _gradient_estimator(obj, space) if h["attack"] in ("auto", "pgd") else None
    if h["attack"] == "pgd" and est is None:
        raise TargetError(
            f"{h['model_shown']}: projected gradient descent needs a model whose loss "
            f"gradient ART can compute; {type(obj).__name__} has none",
            "use --attack hopskipjump (black-box) or --attack auto",
        )
    if est is not None:
        index = {c: i for i, c in enumerate(classes)}
        onehot = np.zeros((len(rows), len(classes)), dtype=np.float32)
        onehot[np.arange(len(rows)), [index[c] for c in t.y[rows]]] = 1.0
        adv = _pgd(est, t.x[rows], onehot, space, h["epsilon"], p["seed"])
        return adv, t.y[rows], "PGD (ART, L-inf)"
    found, clean, distance = boundary(model, t, p, classes, rows, space)
    keep = clean & np.isfinite(distance)
    return found[keep], t.y[rows][keep], "HopSkipJump (ART, decision-based, L-inf)"


def _decoded(m: _load.Model, like: _load.Model) -> _load.Model:
    m.codes = like.codes
    return m


def _measure(model: _load.Model, t: Table, p: Metrics, classes: list[str]) -> Metrics:
    r = robustness(model, t, p, classes)
    return {
        "accuracy": _r(np.mean(model.predict(t.x) == t.y)),
        "robust_accuracy": {str(e): a for e, a in r["curve"]},
        "median_distance": r["median_distance"],
    }


def _tables(req: dict[str, Any], features: list[str]) -> tuple[Table, Table, Metrics]:
    """The training and held-out rows, with one code book for their text columns, and the
    policy with those columns held as categorical."""
    p = req["policy"]

    def load(path: str, name: str) -> Table:
        return _load.load_table(
            Path(path), name, p["target"], p["sensitive"], features, p["max_rows"]
        )

    train = load(req["train"], req["train_shown"])
    evaluation = load(req["data"], req["data_shown"])
    _load.align(train, evaluation)
    return train, evaluation, p | {"categorical": sorted({*p["categorical"], *train.codes})}


def run(req: dict[str, Any]) -> dict[str, Any]:
    """Harden the model of ``req``; the hardened estimator is saved to ``req["out"]``."""
    import joblib
    from sklearn.base import clone

    shown = req["model_shown"]
    obj, kind, loader_classes = _load.load_object(Path(req["model"]), shown)
    if kind == "torch":
        from secplan.assurance import _harden_torch

        train, evaluation, p = _tables(req, list(req["policy"]["features"]))
        return _harden_torch.run(
            obj, loader_classes, train, evaluation, req | {"policy": p}, _measure
        )
    if req.get("saved_as", ".joblib") not in SAVED:
        raise TargetError(
            f"{shown}: a hardened {type(obj).__name__} is saved with joblib",
            "name the output file.joblib",
        )
    _refittable(obj, shown)
    model = _load.from_object(obj, kind, shown)
    h = req["harden"] | {"model_shown": shown}
    train, evaluation, p = _tables(req, list(req["policy"]["features"]) or model.names)
    model.decode(train)
    raw = {_load.label(c): c for c in getattr(obj, "classes_", [])}
    missing = sorted(set(train.y.tolist()) - set(raw))
    if not raw or missing:
        raise TargetError(
            f"{req['data_shown']}: the model does not know the class(es) "
            f"{', '.join(missing) or '(no classes_)'} of the target {p['target']!r}",
            "harden with the training rows of this model and its label column",
        )
    classes = list(raw)
    frame = model.frame
    xs, ys, current, hardened, attack = [train.x], [train.y], (obj, model), obj, ""
    for n in range(h["rounds"]):  # each round attacks the model the last round made
        adv, adv_y, attack = adversarial_rows(
            current[0], current[1], train, p | {"seed": p["seed"] + n}, h, classes
        )
        xs.append(adv)
        ys.append(adv_y)
        labels = np.asarray([raw[v] for v in np.concatenate(ys)])
        hardened = clone(obj).fit(frame(np.vstack(xs)), labels)
        current = (hardened, _decoded(_load.from_object(hardened, kind, shown), model))
    target = np.asarray([raw[v] for v in train.y])
    # the same estimator refitted on the same rows without adversarial ones: what the
    # adversarial rows alone change (the original may have been trained on other rows)
    retrained = clone(obj).fit(frame(train.x), target)
    after = current[1]
    joblib.dump(hardened, req["out"])
    return {
        "attack": attack,
        "epsilon": h["epsilon"],
        "training_rows": len(train.y),
        "rounds": h["rounds"],
        "adversarial_rows": sum(len(a) for a in xs[1:]),
        "evaluation_rows": len(evaluation.y),
        "original": _measure(model, evaluation, p, classes),
        "retrained": _measure(
            _decoded(_load.from_object(retrained, kind, shown), model), evaluation, p, classes
        ),
        "hardened": _measure(after, evaluation, p, classes),
    }
