"""Whole-command timing, side by side: the one way speed is compared in these benchmarks.

Each tool is run as a user runs it: a fresh process from the command line, with its
interpreter start-up, imports, key store and fsync. Runs alternate between the tools (the
order rotates every round, so neither always goes first into a warm cache), and each round
gives one pair-by-pair ratio per tool against the reference. Reported: the median wall time,
the median CPU time (user + system of the child), and the median of the per-round ratios,
with the spread (min–max) so a noisy machine shows.

    >>> r = compare({"a": Command(["true"]), "b": Command(["true"])}, reference="a", runs=3)
    >>> sorted(r.tools)
    ['a', 'b']
    >>> len(r.tools["a"].wall)
    3

In-process timings may be shown beside these, labelled as such, never in their place.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Command:
    """A command line, with what must happen before each run (remove the last output, say)."""

    argv: Sequence[str]
    setup: Callable[[], None] | None = None
    env: Mapping[str, str] | None = None
    stdin: Path | None = None
    cwd: Path | None = None


@dataclass(slots=True)
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)  # wall / reference's wall, per round

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def ratio_median(self) -> float:
        return statistics.median(self.ratios) if self.ratios else 1.0

    def spread(self) -> str:
        return f"{min(self.wall):.3f}–{max(self.wall):.3f} s"


@dataclass(slots=True)
class Comparison:
    reference: str
    runs: int
    tools: dict[str, Timings]


class CommandFailed(RuntimeError):
    pass


def run_once(cmd: Command) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd`` (CPU: user + system of the child)."""
    if cmd.setup is not None:
        cmd.setup()
    env = {**os.environ, **(cmd.env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    stdin = cmd.stdin.open("rb") if cmd.stdin else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        proc = subprocess.run(
            list(cmd.argv),
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cmd.cwd,
            check=False,
        )
        wall = time.perf_counter() - t0
    finally:
        if cmd.stdin:
            stdin.close()  # type: ignore[union-attr]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1: "findings" for scanners
        tail = proc.stderr.decode(errors="replace")[-400:]
        raise CommandFailed(f"{' '.join(map(str, cmd.argv))} exited {proc.returncode}: {tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare(
    commands: Mapping[str, Command], *, reference: str, runs: int = 5, warmup: int = 1
) -> Comparison:
    """Run every command ``runs`` times, alternating, after ``warmup`` untimed rounds."""
    names = list(commands)
    out = Comparison(reference, runs, {n: Timings() for n in names})
    for _ in range(warmup):
        for n in names:
            run_once(commands[n])
    for i in range(runs):
        order = names[i % len(names) :] + names[: i % len(names)]
        this: dict[str, float] = {}
        for n in order:
            wall, cpu = run_once(commands[n])
            out.tools[n].wall.append(wall)
            out.tools[n].cpu.append(cpu)
            this[n] = wall
        for n in names:
            out.tools[n].ratios.append(this[n] / this[reference])
    return out


def machine() -> str:
    """One line about where the figures come from."""
    return (
        f"{os.cpu_count()} CPU cores, {platform.machine()}, Python {platform.python_version()}, "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )


def table(c: Comparison, *, size_bytes: int | None = None, unit: str = "GB/s") -> str:
    """A Markdown table: median wall and CPU, throughput, and the paired ratio to the
    reference (below 1: faster than the reference)."""
    head = "| tool | median wall | spread | median CPU | ratio to " + c.reference + " |"
    if size_bytes:
        head += f" {unit} |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, t in c.tools.items():
        row = (
            f"| {name} | {t.wall_median:.3f} s | {t.spread()} | {t.cpu_median:.3f} s "
            f"| {t.ratio_median:.2f}× |"
        )
        if size_bytes:
            row += f" {size_bytes / 1e9 / t.wall_median:.2f} |"
        lines.append(row)
    return "\n".join(lines)


__all__ = ["Command", "CommandFailed", "Comparison", "Timings", "compare", "machine", "table"]
