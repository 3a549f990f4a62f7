"""Per-core speed of the personal-data scan on a generated Parquet table, in-process (one
process, no pool: what one Ray task does with one file), for the projection in docs/scale.md.

    python benchmarks/scale/data_rate.py --rows 50000 --repeat 3

Prints MB/s of Parquet read and rows/s, best of ``repeat``, with the CPU time of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path


def table(path: Path, rows: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = {
        "id": list(range(rows)),
        "email": [f"user{i}@example.com" for i in range(rows)],
        "phone": [f"+1 202 555 {i % 10000:04d}" for i in range(rows)],
        "age": [i % 90 + 10 for i in range(rows)],
        "city": [("Paris", "Lagos", "Osaka", "Lima")[i % 4] for i in range(rows)],
        "amount": [round(i * 1.37 % 1000, 2) for i in range(rows)],
        "note": [
            f"order {i} shipped" if i % 3 else f"call back on {i % 28 + 1} May" for i in range(rows)
        ],
    }
    pq.write_table(pa.table(cols), path, row_group_size=10_000)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from secplan.data.scan import DetectorSpec, scan_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.parquet"
        table(path, args.rows)
        size = path.stat().st_size
        best_wall, best_cpu, hits = float("inf"), float("inf"), 0
        for _ in range(args.repeat):
            r0 = resource.getrusage(resource.RUSAGE_SELF)
            t0 = time.perf_counter()
            res = scan_file(path, spec=DetectorSpec())
            wall = time.perf_counter() - t0
            r1 = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
            best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
            hits = len(res.hits)
    print(
        f"rows={args.rows} parquet_bytes={size} best_wall_s={best_wall:.3f} "
        f"best_cpu_s={best_cpu:.3f} "
        f"MB_per_cpu_s={size / 1e6 / best_cpu:.3f} rows_per_cpu_s={args.rows / best_cpu:.0f} "
        f"hit_types={hits} complete={res.complete} load1={os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
