"""Model-assurance benchmark: ``secplan model test`` against a hand-written fairlearn + ART
baseline (``baseline.py``), as whole commands on the same model and data.

    python benchmarks/assurance/run.py --rows 20000 --features 30 --runs 3 \\
        --output docs/benchmarks/assurance.md

1. Timing: a HistGradientBoosting model on ``--rows`` test rows and as many training rows
   (for membership inference), ``--features`` features; both commands alternate
   (``benchmarks/paired.py``); secplan's JSON output says where its CPU time goes.
2. Detection: small models with a planted issue each (a biased label, a leaked target, a
   proxy of the sensitive column, a fragile model); which issues each tool flags.
"""

from __future__ import annotations

import argparse
import json
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
    from sklearn.ensemble import HistGradientBoostingClassifier
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


def detection(tmp: Path) -> list[str]:
    lines = ["| planted issue | secplan flags | baseline flags |", "|---|---|---|"]
    for kind in ("biased", "leak", "proxy", "fragile"):
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
        lines.append(f"| {kind} | {', '.join(mine) or '—'} | {', '.join(b['issues']) or '—'} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--features", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--output", type=Path)
    ap.add_argument("--detection-only", action="store_true", help="skip the timing part")
    a = ap.parse_args()
    if a.detection_only:
        with tempfile.TemporaryDirectory() as t:
            found = detection(Path(t))
        text = "\n".join(
            [
                "## Model assurance: detection",
                "",
                "Small models (2,000 test rows, 8 features) with one planted issue each; secplan's "
                "failed checks against the issues the hand-written fairlearn + ART baseline flags "
                "(`benchmarks/assurance/baseline.py`). Giskard's tabular scan was not run.",
                "",
                *found,
                "",
                "Command: `python benchmarks/assurance/run.py --detection-only"
                + (f" --output {a.output}`" if a.output else "`"),
                "",
            ]
        )
        if a.output:
            a.output.write_text(text, encoding="utf-8")
        print(text)
        return
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
        found = detection(tmp)
    where = probe["cpu_seconds"]
    text = "\n".join(
        [
            "## Model assurance",
            "",
            f"{a.rows:,} test rows and {a.rows:,} training rows, {a.features} features, a "
            "HistGradientBoosting classifier; the full suite (robustness: HopSkipJump on 100 rows, "
            "10 iterations; membership inference; permutation importance; fairness; calibration; "
            "leakage; extraction). Whole commands, alternating, "
            f"{a.runs} run(s) each, no warm-up round. {machine()}.",
            "",
            table(c),
            "",
            "CPU seconds inside secplan's test process, by test (from one untimed run just "
            "before the timed ones): "
            + ", ".join(f"{k} {v:.2f}" for k, v in sorted(where.items(), key=lambda kv: -kv[1]))
            + f" (sum {sum(where.values()):.2f}); the rest of the command's CPU time is start-up, "
            "the model-file scan, reading the data and importing scikit-learn, ART and fairlearn.",
            "",
            "Detection on small models (2,000 rows, 8 features) with one planted issue each; "
            "secplan's failed checks against the issues the baseline flags:",
            "",
            *found,
            "",
            "Giskard's tabular scan was not run in this measurement.",
            "",
            "Command: `python benchmarks/assurance/run.py "
            f"--rows {a.rows} --features {a.features} --runs {a.runs}"
            + (f" --output {a.output}`" if a.output else "`"),
            "",
        ]
    )
    if a.output:
        a.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
