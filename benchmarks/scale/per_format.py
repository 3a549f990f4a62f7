"""CPU time of the model analyzer per file, by format and by the file's size on a hub: the
per-file costs the size-weighted projection in docs/scale.md multiplies out.

    python benchmarks/scale/per_format.py --out docs/benchmarks/scale_per_format.json

In process (``analyze_file``, the work one Ray task does per file; no driver, no engine),
CPU time of this process, best of ``--repeat`` after one warm-up. Files are written as
``hub_mix.py`` writes them: a file standing for one of S bytes on the hub has that size's
tensor count and 1/8,192 of its bytes; one more file per format has the same tensor count
and 64 MiB of tensor bytes, to show that the bytes do not change the cost.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import hub_mix

from secplan.modelfile import analyze_file

HUB_SIZES = {"100 MB": 100 * 10**6, "1 GB": 10**9, "10 GB": 10**10}
WRITERS = {
    "pytorch": (hub_mix.write_torch, ".bin"),
    "safetensors": (hub_mix.write_safetensors, ".safetensors"),
}


def tensors(hub_size: int) -> int:
    return max(20, min(600, int(25 * math.log2(hub_size / (1 << 20)))))


def cost(path: Path, repeat: int) -> float:
    analyze_file(path, path.name)
    best = math.inf
    for _ in range(repeat):
        t = time.process_time()
        found = analyze_file(path, path.name)
        best = min(best, time.process_time() - t)
    if found:
        sys.exit(f"{path.name}: unexpected findings: {[f.rule_id for f in found]}")
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("docs/benchmarks/scale_per_format.json"))
    args = ap.parse_args()
    rng = random.Random(8)
    rows = []
    with tempfile.TemporaryDirectory(prefix="perfmt") as tmp:
        for fmt, (write, suffix) in WRITERS.items():
            for label, size in HUB_SIZES.items():
                n = tensors(size)
                small = Path(tmp) / f"{fmt}-{n}{suffix}"
                write(small, size // 8192, n, rng)
                row = {"format": fmt, "hub_size": label, "tensors": n}
                row["ms"] = round(cost(small, args.repeat) * 1000, 3)
                if label == "1 GB":
                    big = Path(tmp) / f"{fmt}-{n}-64m{suffix}"
                    write(big, 64 << 20, n, rng)
                    row["ms_64mib"] = round(cost(big, args.repeat) * 1000, 3)
                rows.append(row)
                print(row)
    load = os.getloadavg()
    args.out.write_text(json.dumps({"load": load, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
