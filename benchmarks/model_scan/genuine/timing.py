"""Whole commands, timed as a user runs them: one fresh process per run, the tools taking
turns (the order reversed every other round), the median of the runs and the ratio of
secplan to each anchor taken pair by pair (run i of secplan against run i of the anchor).
CPU time (user + system of the child) is recorded beside wall-clock time, since the machine
may be shared with other work.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from pathlib import Path

from tools import env


def _timed(cmd: list[str], timeout: int) -> tuple[int, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            env=env(),
            cwd=Path(cmd[0]).anchor,
            check=False,
        )
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        rc = 124
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return rc, wall, cpu


def paired(
    commands: dict[str, list[str]], shown: dict[str, str], runs: int, timeout: int
) -> dict[str, object]:
    """Time every command `runs` times, alternating; secplan must be the first key.
    `shown` is each command as the page prints it (without this machine's paths)."""
    names = list(commands)
    wall: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    rcs: dict[str, list[int]] = {n: [] for n in names}
    for i in range(runs):
        for name in names if i % 2 == 0 else reversed(names):
            rc, w, c = _timed(commands[name], timeout)
            wall[name].append(round(w, 3))
            cpu[name].append(round(c, 3))
            rcs[name].append(rc)
        print(f"  round {i + 1}: " + ", ".join(f"{n} {wall[n][-1]:.2f}s" for n in names))
    base = names[0]
    result: dict[str, object] = {
        "commands": shown,
        "runs": runs,
    }
    for n in names:
        entry: dict[str, object] = {
            "wall": wall[n],
            "cpu": cpu[n],
            "exit": rcs[n],
            "median_wall": statistics.median(wall[n]),
            "median_cpu": statistics.median(cpu[n]),
        }
        if n != base:
            ratios = [a / b for a, b in zip(wall[base], wall[n], strict=True) if b > 0]
            cpu_ratios = [a / b for a, b in zip(cpu[base], cpu[n], strict=True) if b > 0]
            entry["ratio"] = [round(r, 3) for r in ratios]
            entry["median_ratio"] = statistics.median(ratios) if ratios else None
            entry["median_cpu_ratio"] = statistics.median(cpu_ratios) if cpu_ratios else None
        result[n] = entry
    return result


def per_folder(command: list[str], root: Path, timeout: int) -> dict[str, dict[str, float]]:
    """CPU and wall seconds of one command per package folder of the set (one run each):
    where the time goes, not a comparison."""
    out = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        rc, wall, cpu = _timed([*command, str(folder)], timeout)
        out[folder.name] = {"wall": round(wall, 3), "cpu": round(cpu, 3), "mb": size / 1e6}
        print(f"  {folder.name}: {cpu:.2f}s CPU (exit {rc})", flush=True)
    return out
