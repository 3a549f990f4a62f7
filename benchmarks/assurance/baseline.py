"""The hand-written baseline a team would write with fairlearn and ART directly: the same
model and data, HopSkipJump on the same number of rows, fairlearn's MetricFrame and
differences, permutation importance, ART membership inference and a calibration error.

    python benchmarks/assurance/baseline.py MODEL DATA TARGET SENSITIVE [--train TRAIN]

Prints one JSON object: the metrics and the issues it flags (fairness over 0.1, accuracy
under attack below 0.7 at 0.1 standard deviations, a sensitive column among the top three
drivers, calibration error over 0.15).
"""

from __future__ import annotations

import argparse
import json
import warnings

import joblib
import numpy as np
import pandas as pd
from art.attacks.evasion import HopSkipJump
from art.attacks.inference.membership_inference import MembershipInferenceBlackBox
from art.estimators.classification import SklearnClassifier
from fairlearn.metrics import (
    MetricFrame,
    demographic_parity_difference,
    equalized_odds_difference,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
)
from sklearn.inspection import permutation_importance


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("data")
    ap.add_argument("target")
    ap.add_argument("sensitive")
    ap.add_argument("--train")
    ap.add_argument("--samples", type=int, default=100)
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    model = joblib.load(a.model)
    df = pd.read_csv(a.data)
    cols = list(getattr(model, "feature_names_in_", [c for c in df.columns if c != a.target]))
    x, y = df[cols].to_numpy(float), df[a.target].to_numpy()
    pred = model.predict(df[cols])
    issues = []
    # fairness
    frame = MetricFrame(
        metrics={
            "selection_rate": selection_rate,
            "fpr": false_positive_rate,
            "fnr": false_negative_rate,
        },
        y_true=y,
        y_pred=pred,
        sensitive_features=df[a.sensitive],
    )
    dp = demographic_parity_difference(y, pred, sensitive_features=df[a.sensitive])
    eo = equalized_odds_difference(y, pred, sensitive_features=df[a.sensitive])
    if dp > 0.1 or eo > 0.1:
        issues.append("fairness")
    # robustness: HopSkipJump on standardised features, like-for-like with secplan
    rng = np.random.default_rng(0)
    rows = rng.choice(len(y), size=min(a.samples, len(y)), replace=False)
    mean, std = x.mean(0), x.std(0)
    std[std == 0] = 1

    class Scaled:
        def predict(self, z: np.ndarray) -> np.ndarray:
            return model.predict(pd.DataFrame(z * std + mean, columns=cols))

        def predict_proba(self, z: np.ndarray) -> np.ndarray:
            return model.predict_proba(pd.DataFrame(z * std + mean, columns=cols))

    from art.estimators.classification import BlackBoxClassifier

    classes = list(model.classes_)

    def onehot(z: np.ndarray) -> np.ndarray:
        p = Scaled().predict(z)
        out = np.zeros((len(p), len(classes)))
        out[np.arange(len(p)), [classes.index(c) for c in p]] = 1
        return out

    z = (x[rows] - mean) / std
    clf = BlackBoxClassifier(
        onehot, (x.shape[1],), len(classes), clip_values=(z.min() - 1, z.max() + 1)
    )
    adv = HopSkipJump(
        clf, norm=np.inf, max_iter=10, max_eval=200, init_eval=20, init_size=20, verbose=False
    ).generate(z)
    d = np.abs(adv - z).max(1)
    right = Scaled().predict(z) == y[rows]
    fooled = Scaled().predict(adv) != y[rows]
    robust = float(np.mean(right & (~fooled | (d > 0.1))))
    if robust < 0.7:
        issues.append("robustness")
    # importance
    sub = rng.choice(len(y), size=min(2000, len(y)), replace=False)
    imp = permutation_importance(model, df[cols].iloc[sub], y[sub], n_repeats=5, random_state=0)
    top = [cols[i] for i in np.argsort(-imp.importances_mean)[:3]]
    if a.sensitive in top:
        issues.append("sensitive-driver")
    # calibration
    proba = model.predict_proba(df[cols])
    conf, hit = proba.max(1), np.asarray(classes)[proba.argmax(1)] == y
    bins = np.clip((conf * 10).astype(int), 0, 9)
    ece = sum(
        abs(conf[bins == b].mean() - hit[bins == b].mean()) * np.mean(bins == b)
        for b in range(10)
        if np.any(bins == b)
    )
    if ece > 0.15:
        issues.append("calibration")
    out = {
        "by_group": {str(k): v for k, v in frame.by_group.to_dict().items()},
        "dp": dp,
        "eo": eo,
        "robust_accuracy": robust,
        "top": top,
        "ece": ece,
        "issues": issues,
    }
    if a.train:
        tr = pd.read_csv(a.train)
        k = min(len(tr), len(df)) // 2
        est = SklearnClassifier(model=model)
        mi = MembershipInferenceBlackBox(est, attack_model_type="rf")
        xt, yt = tr[cols].to_numpy(float), tr[a.target].to_numpy()
        mi.fit(xt[:k], yt[:k], x[:k], y[:k])
        adv_ = (
            mi.infer(xt[k : 2 * k], yt[k : 2 * k]).mean()
            - mi.infer(x[k : 2 * k], y[k : 2 * k]).mean()
        )
        out["membership_advantage"] = float(adv_)
    print(json.dumps(out, default=float))


if __name__ == "__main__":
    main()
