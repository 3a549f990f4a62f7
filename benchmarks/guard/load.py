"""Guard under load: the integration test's headless locust scenario (allowed and refused
requests, with upstream routes that are down, slow or answer garbage mixed in), run longer
against ``secplan guard serve`` in front of the test model server, each in its own process.

    PYTHONPATH=src:. python benchmarks/guard/load.py --users 8 --seconds 60

Writes docs/benchmarks/guard_load.md: requests/s, p50/p99 latency per kind of request,
failures (an answer that is not the expected status with a clear JSON error, or none within
10 s), and the guard's allowed decisions against the upstream's arrivals, route by route.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.integration.guard.stack import running, scenario  # noqa: E402
from tests.integration.guard.test_load import POLICY, settled  # noqa: E402


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(users: int, seconds: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, running(Path(tmp), POLICY) as env:
        out = Path(tmp) / "stats.json"
        cpu0 = {p: _cpu(p) for p in env.pids}
        child0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        subprocess.run(scenario(env, users=users, seconds=seconds, out=out), check=True)
        wall = time.monotonic() - t0
        child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = json.loads(out.read_text())
        allowed, seen = settled(env)
        guard_pid, up_pid = env.pids
        stats.update(
            wall_s=wall,
            load=os.getloadavg(),
            guard_cpu_s=_cpu(guard_pid) - cpu0[guard_pid],
            upstream_cpu_s=_cpu(up_pid) - cpu0[up_pid],
            locust_cpu_s=(child1.ru_utime + child1.ru_stime) - (child0.ru_utime + child0.ru_stime),
            allowed=allowed,
            arrived=seen,
            arrived_total=env.seen(),
        )
        return stats


def render(s: dict[str, Any], cmd: str) -> str:
    kinds = "\n".join(
        f"| {name} | {k['requests']:,} | {k['failures']} | {k['p50_ms']:.0f} | "
        f"{k['p99_ms']:.0f} | {k['max_ms']:.0f} |"
        for name, k in s["kinds"].items()
    )
    routes = "\n".join(f"| {r} | {s['allowed'][r]:,} | {s['arrived'][r]:,} |" for r in s["allowed"])
    same = s["allowed"] == s["arrived"] and sum(s["arrived"].values()) == s["arrived_total"]
    errors = "\n".join(f"- {e['kind']}: {e['error']} ({e['count']})" for e in s["errors"]) or "none"
    load = ", ".join(f"{x:.2f}" for x in s["load"])
    slow = s["kinds"].get("upstream-slow", {}).get("requests", 0)
    slow_share = min(1.0, slow / max(1e-9, s["users"] * s["seconds"]))
    return f"""# Guard under load

A headless locust load ({s["users"]} users, no wait between requests, {s["seconds"]:.0f} s) on
`secplan guard serve` in front of the test model server (scikit-learn iris classifier and an
OpenAI-compatible chat stub, one process each). The mix: allowed iris and chat requests,
requests refused by the guard (out of range, injection, no token), and requests to upstream
routes that are slow (1 s route limit against a 30 s upstream), answer garbage, or point at a
closed port. A failure is an answer that is not the expected status with a clear JSON error
(`{{"error": {{"code": ..., "message": ...}}}}`), or none within 10 s.

    {cmd}

Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work (load average
{load} at the end); Python {platform.python_version()}. Locust, the guard and the upstream
share the cores, so these are figures of the whole loop, not of the guard alone.

**{s["requests"]:,} requests, {s["rps"]:.0f} requests/s, {s["failures"]} failures**; p50
{s["p50_ms"]:.0f} ms, p99 {s["p99_ms"]:.0f} ms over all kinds (locust's rounded percentiles).
Each slow request holds its user for the route's 1 s limit ({slow_share:.0%} of the users' time
here), so the request rate reflects the mix and the shared machine, not the guard's capacity
([guard.md](guard.md) measures overhead and throughput).

| kind | requests | failures | p50 ms | p99 ms | max ms |
|---|---|---|---|---|---|
{kinds}

Failures: {errors}

CPU time over the {s["wall_s"]:.1f} s wall run: guard {s["guard_cpu_s"]:.1f} s, upstream
{s["upstream_cpu_s"]:.1f} s, locust {s["locust_cpu_s"]:.1f} s.

Decisions against arrivals: the guard's allowed decisions per route (its `/metrics`) and the
requests the upstream received on that route's path. Refused requests never reach it, and
the down route's upstream is another (closed) port.

| route | allowed by the guard | arrived at the upstream |
|---|---|---|
{routes}

Every arrival had a decision: **{"yes" if same else "NO"}** ({s["arrived_total"]:,} arrivals
in all).
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks" / "guard_load.md")
    a = ap.parse_args()
    cmd = (
        "PYTHONPATH=src:. python benchmarks/guard/load.py "
        f"--users {a.users} --seconds {a.seconds:g}"
    )
    text = render(measure(a.users, a.seconds), cmd)
    a.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
