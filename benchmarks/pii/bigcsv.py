"""A large CSV of synthetic customer records for the constant-memory run.

    python -m benchmarks.pii.bigcsv OUT.csv --mb 1024

Names, e-mail addresses, street addresses, card numbers and IP addresses are nearly all
distinct (so no cache makes the scan look faster than it is); phone numbers come from a pool
of 20,000 valid numbers.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from benchmarks.pii.synth import Synth

POOL = 20_000
IP_PARTS = ((11, 223), (0, 255), (0, 255), (1, 254))


def _card(r: random.Random) -> str:
    body = "4" + "".join(str(r.randint(0, 9)) for _ in range(14))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--mb", type=int, default=1024)
    a = ap.parse_args()
    s = Synth(11)
    en = s.faker("en_US")
    given = [s.faker().first_name() for _ in range(POOL)]
    family = [s.faker().last_name() for _ in range(POOL)]
    streets = [en.street_name() for _ in range(POOL)]
    towns = [f"{en.city()}, {en.state_abbr()}" for _ in range(2000)]
    domains = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "web.de", "orange.fr"]
    phones = [s.phone() for _ in range(POOL)]
    r = random.Random(3)
    target = a.mb << 20
    with a.out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["id", "name", "email", "phone", "address", "card", "ip", "amount", "status", "created"]
        )
        i = 0
        while fh.tell() < target:
            for _ in range(10_000):
                i += 1
                g, f = r.choice(given), r.choice(family)
                local = "".join(
                    c for c in f"{g}.{f}{i}".lower() if c.isascii() and (c.isalnum() or c == ".")
                )
                w.writerow(
                    [
                        i,
                        f"{g} {f}",
                        f"{local}@{r.choice(domains)}",
                        r.choice(phones),
                        f"{r.randint(1, 9999)} {r.choice(streets)}, {r.choice(towns)} "
                        f"{r.randint(10000, 99999)}",
                        _card(r),
                        ".".join(str(r.randint(lo, hi)) for lo, hi in IP_PARTS),
                        f"{r.uniform(1, 900):.2f}",
                        r.choice(("paid", "open", "refunded")),
                        f"2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
                        f"T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z",
                    ]
                )


if __name__ == "__main__":
    main()
