"""Runs secplan's detectors over the corpus (in secplan's own environment).

    python -m benchmarks.pii.secplan_runner text CORPUS/text.jsonl OUT.jsonl [--jobs N]
    python -m benchmarks.pii.secplan_runner tables CORPUS/tables OUT.json [--jobs N]

Prints one JSON line of timings to stdout.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from secplan.data.scan import DetectorSpec, make_pool, scan_file
from secplan.data.stream import detect_records


def text(src: Path, out: Path, jobs: int, ner: str) -> dict[str, object]:
    spec = DetectorSpec(ner=ner)
    t0 = time.perf_counter()
    pool = make_pool(jobs)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        t1 = time.perf_counter()
        for r in detect_records(src, fields=("text",), spec=spec, pool=pool):
            fh.write(json.dumps({"record": r["record"], "spans": r["spans"]["text"]}) + "\n")  # type: ignore[index]
            n += 1
        t2 = time.perf_counter()
    if pool is not None:
        pool.shutdown()
    return {"records": n, "bytes": src.stat().st_size, "setup_s": t1 - t0, "detect_s": t2 - t1}


def tables(src: Path, out: Path, jobs: int) -> dict[str, object]:
    pool = make_pool(jobs)
    result: dict[str, dict[str, str]] = {}
    t0 = time.perf_counter()
    for f in sorted(src.glob("*.csv")):
        scan = scan_file(f, pool=pool)
        result[f.name] = {c.name: c.entity or "NONE" for c in scan.columns}
    t1 = time.perf_counter()
    if pool is not None:
        pool.shutdown()
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return {"detect_s": t1 - t0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["text", "tables"])
    ap.add_argument("src", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--ner", default="")
    a = ap.parse_args()
    stats = text(a.src, a.out, a.jobs, a.ner) if a.mode == "text" else tables(a.src, a.out, a.jobs)
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
