"""Train a logistic-regression churn model on data/customers.csv and save it with pickle.

Standard library only, so the demo runs anywhere: python3 train.py
"""

from __future__ import annotations

import csv
import math
import pickle
from pathlib import Path

HERE = Path(__file__).parent
FEATURES = ("tenure_months", "monthly_spend", "support_tickets")


def load(path: Path) -> tuple[list[list[float]], list[int]]:
    rows, labels = [], []
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows.append([float(row[f]) for f in FEATURES])
            labels.append(int(row["churned"]))
    return rows, labels


def standardise(rows: list[list[float]]) -> tuple[list[float], list[float]]:
    cols = list(zip(*rows, strict=True))
    means = [sum(c) / len(c) for c in cols]
    stds = [
        math.sqrt(sum((x - m) ** 2 for x in c) / len(c)) or 1.0
        for c, m in zip(cols, means, strict=True)
    ]
    return means, stds


def train(
    rows: list[list[float]], labels: list[int], epochs: int = 300, lr: float = 0.1
) -> dict[str, object]:
    means, stds = standardise(rows)
    xs = [[(x - m) / s for x, m, s in zip(r, means, stds, strict=True)] for r in rows]
    w, b = [0.0] * len(FEATURES), 0.0
    for _ in range(epochs):
        gw, gb = [0.0] * len(w), 0.0
        for x, y in zip(xs, labels, strict=True):
            p = 1 / (1 + math.exp(-(sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b)))
            for i, xi in enumerate(x):
                gw[i] += (p - y) * xi
            gb += p - y
        w = [wi - lr * g / len(xs) for wi, g in zip(w, gw, strict=True)]
        b -= lr * gb / len(xs)
    return {
        "features": FEATURES,
        "means": means,
        "stds": stds,
        "weights": w,
        "bias": b,
        "version": "2026.11.1",
    }


def write_downloaded_model(path: Path) -> None:
    """Stand-in for a "pre-trained" model fetched from a public hub: a pickle whose loading
    would call os.system. The command only prints a line; nothing here ever loads the file."""
    command = b"echo this model would have run a command on your machine"
    payload = (
        b"\x80\x02"  # protocol 2
        + b"cposix\nsystem\n"  # GLOBAL os.system (as pickled on Linux)
        + b"X"
        + len(command).to_bytes(4, "little")
        + command  # its argument
        + b"\x85R."  # TUPLE1, REDUCE, STOP
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)


def main() -> None:
    rows, labels = load(HERE / "data" / "customers.csv")
    model = train(rows, labels)
    out = HERE / "models" / "churn.pkl"
    out.parent.mkdir(exist_ok=True)
    with out.open("wb") as fh:
        pickle.dump(model, fh, protocol=4)
    print(f"saved {out.relative_to(HERE)} ({out.stat().st_size} bytes)")
    hub = HERE / "models" / "downloaded" / "sentiment-encoder.bin"
    write_downloaded_model(hub)
    print(f"saved {hub.relative_to(HERE)} (stand-in for a downloaded model)")


if __name__ == "__main__":
    main()
