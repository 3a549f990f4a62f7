"""Anonymization checks for the benchmark: anonymize two overlapping slices of the customers
table under one key, re-scan the outputs, and compare the pseudonyms of the shared rows.

    python -m benchmarks.pii.anon_check WORKDIR

Prints one JSON line.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from secplan.data.anonymize import ResidualPersonalData, anonymize_file
from secplan.data.keys import StaticKeySource
from secplan.data.policy import KAnon, Policy, Rule
from secplan.data.scan import make_pool
from secplan.data.transforms import Transformer
from secplan.data.vault import TokenVault

POLICY = Policy(
    entities={
        "PERSON": Rule(action="pseudonym"),
        "EMAIL_ADDRESS": Rule(action="pseudonym"),
        "PHONE_NUMBER": Rule(action="mask", keep=2),
        "STREET_ADDRESS": Rule(action="tag"),
        "DATE_OF_BIRTH": Rule(action="generalize", to="year"),
        "CREDIT_CARD": Rule(action="tokenize"),
        "default": Rule(action="tag"),
    },
    columns={
        "birth_date": Rule(action="generalize", to="year"),
        "signup": Rule(action="keep"),
        "customer_id": Rule(action="hash"),
    },
    kanon=KAnon(quasi_identifiers=["birth_date", "plan"], k=5),
)


def _slice(src: Path, dst: Path, lo: int, hi: int) -> None:
    with src.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    with dst.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([rows[0], *rows[1 + lo : 1 + hi]])


def main() -> None:
    work = Path(sys.argv[1])
    src = work / "corpus" / "tables" / "customers.csv"
    a, b = work / "anon_a.csv", work / "anon_b.csv"
    _slice(src, a, 0, 1200)
    _slice(src, b, 800, 2000)
    keys = StaticKeySource(b"benchmark-key-not-a-secret".ljust(32, b"."))
    pool = make_pool(2)
    results = {}
    outs = {}
    for name, path in (("a", a), ("b", b)):
        out = work / f"anon_{name}.out.csv"
        out.unlink(missing_ok=True)
        vault = TokenVault(work / "bench-vault.sqlite", keys)
        try:
            r = anonymize_file(path, out, POLICY, Transformer(POLICY, keys, vault), pool=pool)
        except ResidualPersonalData as exc:  # personal data left: nothing was published
            r = exc.result
        finally:
            vault.close()
        results[name] = r.as_json()
        outs[name] = []
        if r.published:
            with out.open(newline="", encoding="utf-8") as fh:
                outs[name] = list(csv.reader(fh))[1:]
    if pool is not None:
        pool.shutdown()
    shared_a, shared_b = outs["a"][800:1200], outs["b"][:400]
    same = sum(1 for x, y in zip(shared_a, shared_b, strict=False) if x[1] == y[1] and x[2] == y[2])
    print(
        json.dumps(
            {
                "rows": [results["a"]["rows"], results["b"]["rows"]],
                "changed": results["a"]["changed"],
                "residual": [results["a"]["residual"], results["b"]["residual"]],
                "published": [results["a"]["published"], results["b"]["published"]],
                "pseudonym_names": [
                    results["a"]["pseudonym_names"],
                    results["b"]["pseudonym_names"],
                ],
                "shared_rows": len(shared_a),
                "shared_rows_same_pseudonyms": same,
                "kanon": results["a"]["kanon"],
                "untouched": list(results["a"]["untouched_columns"]),
            }
        )
    )


if __name__ == "__main__":
    main()
