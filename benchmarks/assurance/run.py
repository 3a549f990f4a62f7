"""Model-assurance benchmark: ``secplan model test`` against a hand-written fairlearn + ART
baseline (``baseline.py``), as whole commands on the same model and data.

    python benchmarks/assurance/run.py --rows 20000 --features 30 --runs 3 \\
        --output docs/benchmarks/assurance.md

1. Timing: a HistGradientBoosting model on ``--rows`` test rows and as many training rows
   (for membership inference), ``--features`` features; both commands alternate
   (``benchmarks/paired.py``); secplan's JSON output says where its CPU time goes.
2. Detection: small models with a planted issue each (a biased label, a leaked target, a
   proxy of the sensitive column, a fragile model, a slice where the model fails); which
   issues each tool flags, Giskard's tabular scan (v2) included with ``--giskard-python``
   (a separate environment: ``pip install giskard scikit-learn``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.paired import Command, compare, machine, table

HERE = Path(__file__).resolve().parent


def make(root: Path, kind: str, rows: int, features: int) -> Path:
    import joblib
    import numpy as np
    import pandas as pd
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.tree import DecisionTreeClassifier

    rng = np.random.default_rng(3)
    n = 2 * rows
    x = rng.normal(size=(n, features - 2))
    cols = {f"f{i:02d}": x[:, i] for i in range(features - 2)}
    cols["age"] = rng.integers(18, 80, size=n)
    sex = rng.integers(0, 2, size=n)
    cols["sex"] = sex
    score = x[:, 0] + 0.6 * x[:, 1] - 0.4 * x[:, 2] + rng.normal(scale=0.5, size=n)
    if kind == "biased":
        score = score + 2.0 * sex - 1.0
    region = rng.integers(0, 5, size=n)
    if kind == "slice":  # one region follows another rule, which a linear model misses
        score = np.where(region == 4, -x[:, 1] + rng.normal(scale=0.5, size=n), score)
    if kind in ("slice", "overconfident", "underconfident"):
        cols["region"] = region
    y = (score > 0).astype(int)
    df = pd.DataFrame(cols)
    if kind == "leak":
        df["status_code"] = y
    if kind == "proxy":  # the sensitive column is left out, but a feature encodes it
        df = df.drop(columns="sex")
        df["shoe_size"] = 38 + 6 * sex + rng.normal(scale=0.5, size=n)
        y = ((score + 2.0 * sex - 1.0) > 0).astype(int)
    train, test = df[:rows], df[rows:]
    if kind == "fragile":
        flipped = np.where(rng.random(rows) < 0.2, 1 - y[:rows], y[:rows])
        model = DecisionTreeClassifier(random_state=0).fit(train, flipped)
    elif kind in ("overconfident", "underconfident"):
        # trained on labels that differ from the test rows' in region 4: another rule there
        # (sure and wrong half the time), or 40% of them flipped (right but unsure)
        here = region[:rows] == 4
        if kind == "overconfident":
            trained = np.where(here, (x[:rows, 1] < 0).astype(int), y[:rows])
        else:
            trained = np.where(here & (rng.random(rows) < 0.4), 1 - y[:rows], y[:rows])
        forest = RandomForestClassifier(n_estimators=50, min_samples_leaf=10, random_state=0)
        model = forest.fit(train, trained)
    elif kind == "timing":
        model = HistGradientBoostingClassifier(random_state=0).fit(train, y[:rows])
    else:
        model = LogisticRegression(max_iter=500).fit(train, y[:rows])
    root.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, root / "model.joblib")
    sens = sex[:rows], sex[rows:]
    train.assign(y=y[:rows], sex=sens[0]).to_csv(root / "train.csv", index=False)
    test.assign(y=y[rows:], sex=sens[1]).to_csv(root / "test.csv", index=False)
    (root / ".git").mkdir(exist_ok=True)
    # the loss object a HistGradientBoosting model pickles is not on the packaged allowlist
    (root / "secplan.toml").write_text(
        '[models]\nallow = ["sklearn._loss._loss.*"]\n', encoding="utf-8"
    )
    return root


def secplan_cmd(root: Path, train: bool = True) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "secplan",
        "model",
        "test",
        str(root / "model.joblib"),
        "--data",
        str(root / "test.csv"),
        "-t",
        "y",
        "-s",
        "sex",
        "--no-record",
        "-f",
        "json",
    ]
    return argv + (["--train", str(root / "train.csv")] if train else [])


def baseline_cmd(root: Path, train: bool = True) -> list[str]:
    argv = [
        sys.executable,
        str(HERE / "baseline.py"),
        str(root / "model.joblib"),
        str(root / "test.csv"),
        "y",
        "sex",
    ]
    return argv + (["--train", str(root / "train.csv")] if train else [])


#: Giskard's issue groups, as the secplan checks that answer for the same problem.
GISKARD = {
    "Performance": "slices (fairness where the slice is a sensitive column)",
    "Robustness": "robustness",
    "Overconfidence": "confidence (per slice), calibration (overall)",
    "Underconfidence": "confidence (per slice), calibration (overall)",
    "Spurious Correlation": "target-leakage, sensitive-drivers",
    "Data Leakage": "(preprocessing that depends on the batch: not a planted issue here)",
    "Stochasticity": "(non-deterministic predictions: not a planted issue here)",
}


def giskard(python: str, root: Path) -> list[dict[str, object]]:
    """Giskard's tabular scan on the model: its issues."""
    out = subprocess.run(
        [python, str(HERE / "giskard_scan.py"), str(root / "model.joblib"),
         str(root / "test.csv"), "y", "--cat", "sex", "--cat", "region"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    issues: list[dict[str, object]] = json.loads(out)["issues"]
    return issues


KINDS = ("biased", "leak", "proxy", "fragile", "slice", "overconfident", "underconfident")

#: What shows that a tool found the planted issue: secplan's failed checks, the baseline's
#: issues, and Giskard's (group, feature) pairs (None: any group, or any feature).
PLANTED: dict[str, tuple[set[str], set[str], set[tuple[str | None, str | None]]]] = {
    "biased": (
        {"fairness", "sensitive-drivers"},
        {"fairness", "sensitive-driver"},
        {(None, "sex")},
    ),
    "leak": ({"target-leakage"}, {"leakage"}, {(None, "status_code")}),
    "proxy": (
        {"fairness", "sensitive-drivers"},
        {"fairness", "sensitive-driver"},
        {(None, "shoe_size"), (None, "sex")},
    ),
    "fragile": ({"robustness"}, {"robustness"}, {("Robustness", None)}),
    "slice": ({"slices"}, set(), {("Performance", "region")}),
    "overconfident": ({"confidence"}, set(), {("Overconfidence", "region")}),
    "underconfident": ({"confidence"}, set(), {("Underconfidence", "region")}),
}


def _gisk_hit(issue: dict[str, object], want: set[tuple[str | None, str | None]]) -> bool:
    features = issue["features"]
    assert isinstance(features, list)
    return any((g is None or issue["group"] == g) and (f is None or f in features) for g, f in want)


def detection(tmp: Path, giskard_python: str | None = None) -> list[str]:
    """Which tool finds each planted issue (and with what), and what else each flags."""
    head = "| planted issue | secplan | fairlearn + ART baseline |"
    lines = [head, "|---|---|---|"]
    if giskard_python:
        lines = [head + " Giskard scan |", "|---|---|---|---|"]
    others: list[str] = []
    found = {"secplan": 0, "baseline": 0, "Giskard": 0}
    for kind in KINDS:
        root = make(tmp / kind, kind, 2000, 8)
        s = json.loads(
            subprocess.run(
                secplan_cmd(root, False), capture_output=True, text=True, check=False
            ).stdout
        )
        b = json.loads(
            subprocess.run(
                baseline_cmd(root, False), capture_output=True, text=True, check=True
            ).stdout
        )
        mine = sorted({c["name"].split(":")[0] for c in s["checks"] if c["passed"] is False})
        want_s, want_b, want_g = PLANTED[kind]
        hit_s, hit_b = sorted(set(mine) & want_s), sorted(set(b["issues"]) & want_b)
        found["secplan"] += bool(hit_s)
        found["baseline"] += bool(hit_b)
        row = f"| {kind} | {_mark(hit_s)} | {_mark(hit_b)} |"
        extra = [f"secplan {m}" for m in mine if m not in want_s]
        extra += [f"baseline {m}" for m in b["issues"] if m not in want_b]
        if giskard_python:
            issues = giskard(giskard_python, root)
            hits = [i for i in issues if _gisk_hit(i, want_g)]
            found["Giskard"] += bool(hits)
            row += f" {_mark(sorted({_gname(i) for i in hits}))} |"
            extra += [f"Giskard {_gname(i)}" for i in issues if i not in hits]
        lines.append(row)
        if extra:
            others.append(f"- {kind}: " + "; ".join(sorted(set(extra))))
    tools = ["secplan", "baseline"] + (["Giskard"] if giskard_python else [])
    lines += [
        "",
        "Planted issues found: "
        + ", ".join(f"{t} {found[t]} of {len(KINDS)}" for t in tools)
        + ".",
        "",
        "Other flags (not the planted issue):",
        "",
        *(others or ["- none"]),
    ]
    return lines


def _mark(hits: list[str]) -> str:
    return f"found ({', '.join(hits)})" if hits else "missed"


def _gname(issue: dict[str, object]) -> str:
    features = issue["features"]
    assert isinstance(features, list)
    return f"{issue['group']} ({', '.join(map(str, features))})"


def _giskard_version(a: argparse.Namespace) -> str:
    out = subprocess.run(
        [a.giskard_python, "-c", "import giskard; print(giskard.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return f"giskard {out.strip().splitlines()[-1]}"


def _giskard_note() -> str:
    return (
        "Giskard's groups answer to secplan's checks as follows: "
        + "; ".join(f"{g}: {c}" for g, c in GISKARD.items())
        + ". Giskard runs on the feature columns the model was fitted with, so in the proxy case "
        "it does not see the sensitive column."
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--features", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--output", type=Path)
    ap.add_argument("--detection-only", action="store_true", help="skip the timing part")
    ap.add_argument(
        "--giskard-python",
        help="interpreter of a separate environment with giskard (v2) and scikit-learn: adds "
        "Giskard's tabular scan to the detection table",
    )
    a = ap.parse_args()
    if a.detection_only:
        with tempfile.TemporaryDirectory() as t:
            found = detection(Path(t), a.giskard_python)
        text = "\n".join(
            [
                "## Model assurance: detection",
                "",
                "Small models (2,000 test rows, 8 features) with one planted issue each; secplan's "
                "failed checks against the issues the hand-written fairlearn + ART baseline flags "
                "(`benchmarks/assurance/baseline.py`)"
                + (
                    f" and those Giskard's tabular scan reports ({_giskard_version(a)}). "
                    + _giskard_note()
                    if a.giskard_python
                    else ". Giskard's tabular scan was not run."
                ),
                "",
                *found,
                "",
                "Command: `python benchmarks/assurance/run.py --detection-only"
                + (" --giskard-python GISKARD_PY" if a.giskard_python else "")
                + (f" --output {a.output}`" if a.output else "`"),
                "",
            ]
        )
        if a.output:
            a.output.write_text(text, encoding="utf-8")
        print(text)
        return
    where_run = machine()  # the load average before anything runs
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        root = make(tmp / "timing", "timing", a.rows, a.features)
        probe = json.loads(
            subprocess.run(secplan_cmd(root), capture_output=True, text=True, check=False).stdout
        )
        c = compare(
            {
                "secplan model test": Command(secplan_cmd(root)),
                "fairlearn + ART baseline": Command(baseline_cmd(root)),
            },
            reference="fairlearn + ART baseline",
            runs=a.runs,
            warmup=0,
        )
        end_load = os.getloadavg()[0]
        found = detection(tmp, a.giskard_python)
    where = probe["cpu_seconds"]
    text = "\n".join(
        [
            "## Model assurance",
            "",
            f"{a.rows:,} test rows and {a.rows:,} training rows, {a.features} features, a "
            "HistGradientBoosting classifier; the full suite (robustness: HopSkipJump on 100 rows, "
            "10 iterations; membership inference; permutation importance; SHAP on 100 rows "
            "against 50 background rows; fairness; calibration; over- and under-confidence by "
            "slice; slices; leakage; extraction). Whole commands, alternating, "
            f"{a.runs} run(s) each, no warm-up round. {where_run}.",
            "",
            table(c),
            "",
            f"Load average at the end of the timed runs: {end_load:.2f} (the machine is shared: "
            "secplan's attack runs in a second process beside its other tests, so on two free "
            "cores its wall time is below its CPU time; wall time above that is time spent "
            "waiting for a core).",
            "",
            "CPU seconds inside secplan's test processes, by test (from one untimed run just "
            "before the timed ones; robustness in the second process, the others in the first): "
            + ", ".join(f"{k} {v:.2f}" for k, v in sorted(where.items(), key=lambda kv: -kv[1]))
            + f" (sum {sum(where.values()):.2f}); the rest of the command's CPU time is start-up, "
            "the model-file scan, reading the data and importing scikit-learn, ART and fairlearn.",
            "",
            "Detection on small models (2,000 rows, 8 features) with one planted issue each; "
            "secplan's failed checks against the issues the baseline flags:",
            "",
            *found,
            "",
            (
                f"Giskard's tabular scan: {_giskard_version(a)}. " + _giskard_note()
                if a.giskard_python
                else "Giskard's tabular scan was not run in this measurement."
            ),
            "",
            "Command: `python benchmarks/assurance/run.py "
            f"--rows {a.rows} --features {a.features} --runs {a.runs}"
            + (" --giskard-python GISKARD_PY" if a.giskard_python else "")
            + (f" --output {a.output}`" if a.output else "`"),
            "",
        ]
    )
    if a.output:
        a.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
