"""Whole-command scaling of ``secplan data detect``: the same records with one worker and
with every core, as a user runs it (a fresh process each time, start-up included).

    python -m benchmarks.pii.scaling CORPUS.jsonl [--runs 5] [--jobs 2] [--doc PAGE]

Runs alternate between the commands (``benchmarks/paired.py``); reported are the median wall
time, the median CPU time (user + system of the command and its workers) and the median of
the pair-by-pair ratios. A machine busy with other work stretches the wall times of the
parallel run most (its workers wait for cores), so the CPU times are given beside them and
the figure is best rerun on a quiet machine: ``--doc`` then replaces only this section of
the PII page.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from benchmarks.paired import Command, compare, machine, table

HEADING = "## Scaling: the whole command on one core and on all cores"
TARGET = 1.7


def measure(corpus: Path, runs: int, jobs: int, secplan: str | None = None) -> dict[str, Any]:
    """Paired runs of ``secplan data detect CORPUS --field text`` with ``-j 1`` and ``-j JOBS``."""
    exe = secplan or str(Path(sys.executable).with_name("secplan"))
    home = corpus.parent / "scaling-home"

    def cmd(j: int) -> Command:
        argv = [exe, "data", "detect", str(corpus), "--field", "text", "--jobs", str(j)]
        return Command(argv, env={"SECPLAN_HOME": str(home)})

    one, many = "secplan data detect -j 1", f"secplan data detect -j {jobs}"
    comp = compare({one: cmd(1), many: cmd(jobs)}, reference=one, runs=runs)
    records = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    t1, tn = comp.tools[one], comp.tools[many]
    return {
        "records": records,
        "bytes": corpus.stat().st_size,
        "jobs": jobs,
        "runs": runs,
        "machine": machine(),
        "table": table(comp),
        "speedup": t1.wall_median / tn.wall_median,
        "speedup_pairs": 1 / tn.ratio_median,
        "cpu_one": t1.cpu_median,
        "cpu_many": tn.cpu_median,
        "wall_one": t1.wall_median,
        "wall_many": tn.wall_median,
    }


def section(s: dict[str, Any], command: str) -> list[str]:
    return [
        HEADING,
        "",
        f"The same {s['records']:,} records ({s['bytes'] / 1e6:.2f} MB of JSON Lines, the "
        "free-text corpus above) through `secplan data detect --field text`, with `-j 1` and with "
        f"`-j {s['jobs']}`: fresh processes, alternating, {s['runs']} paired rounds after one "
        "warm-up round. Wall time includes interpreter start-up, the access check, the audit "
        "record and writing every result; CPU is user + system time of the command and its "
        "workers.",
        "",
        f"Machine: {s['machine']}.",
        "",
        s["table"],
        "",
        f"Speed-up with {s['jobs']} workers: **{s['speedup']:.2f}×** (median walls; "
        f"{s['speedup_pairs']:.2f}× as the median of the pair-by-pair ratios; target "
        f"{TARGET}×). CPU: {s['cpu_one']:.2f} s with one worker, {s['cpu_many']:.2f} s with "
        f"{s['jobs']} (the command loads the detector once, while a process of its own checks "
        "access, and the workers it then starts share it).",
        "",
        "When other work keeps the cores busy, the workers wait for them and the wall-time "
        "speed-up says little; rerun this section alone on a quiet machine with:",
        "",
        f"    {command}",
        "",
    ]


def replace_section(doc: Path, lines: list[str]) -> None:
    """Put ``lines`` in place of the page's scaling section (or before its notes)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    new = "\n".join(lines)
    if HEADING in text:
        head, rest = text.split(HEADING, 1)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
        text = head + new + ("\n" + tail if tail else "")
    elif "\n## Notes" in text:
        head, tail = text.split("\n## Notes", 1)
        text = head + "\n" + new + "\n## Notes" + tail
    else:
        text = text + ("\n" if text else "") + new
    doc.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="JSON Lines records with a text field")
    ap.add_argument("--runs", type=int, default=5, help="paired rounds (default 5)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="workers (all cores)")
    ap.add_argument("--secplan", help="secplan executable (default: beside this Python)")
    ap.add_argument("--doc", type=Path, help="replace the scaling section of this page")
    ap.add_argument("--json", type=Path, help="write the figures here")
    a = ap.parse_args()
    s = measure(a.corpus.resolve(), a.runs, a.jobs, a.secplan)
    command = f"python -m benchmarks.pii.scaling CORPUS.jsonl --runs {a.runs} --doc PAGE"
    lines = section(s, command)
    if a.json:
        a.json.write_text(json.dumps(s, indent=1) + "\n", encoding="utf-8")
    if a.doc:
        replace_section(a.doc, lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
