"""Audit-trail benchmark: append throughput (single and batched) and full verification on
SQLite and PostgreSQL, against the SHA-256 hashing limit of the machine, in one run.

    python benchmarks/audit/run.py --events 1000000 --output docs/benchmarks/audit.md

The hashing limit is measured in the same run over the same events: the leaf, chain and
Merkle-tree hashes that verification must compute, in a minimal loop over the events' bytes
held in memory (no database, no decoding). Verification is reported as a fraction of it,
timed as users run it: ``secplan audit verify`` as a fresh process (interpreter start-up,
key store, workers), ``--runs`` times, with the median and the spread. The in-process figure
is shown beside it, as such. Run it while nothing else runs on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

# secplan is imported inside the functions: verification workers re-import this script when
# they start, and should pay for what `secplan audit verify` workers pay for, no more.
if TYPE_CHECKING:
    from secplan.audit import EventIn
    from secplan.audit.notes import Signer

BATCH = 1000
SINGLE = 2000


def _events(n: int, start: int = 0) -> list[EventIn]:
    from secplan.audit import EventIn

    actions = ("data:read", "key:decrypt", "scan:run", "model:sign", "audit:read")
    return [
        EventIn(
            actor=f"user{(start + i) % 37}@example.com",
            action=actions[(start + i) % 5],
            resource=f"dataset:data/part-{(start + i) % 1000:04d}.parquet",
            details={"bytes": (start + i) * 7, "client": "cli", "n": start + i},
        )
        for i in range(n)
    ]


def hashing_limit(bodies: list[bytes]) -> float:
    """Events per second when doing nothing but the hashing verification needs."""
    from secplan.audit.merkle import Frontier

    sha = hashlib.sha256
    t0 = time.perf_counter()
    chain = bytes(32)
    frontier = Frontier()
    for b in bodies:
        leaf = sha(b"\x00" + b).digest()
        chain = sha(chain + leaf).digest()
        frontier.append(leaf)
    frontier.root()
    return len(bodies) / (time.perf_counter() - t0)


def raw_sha256_calls() -> float:
    """SHA-256 calls per second on 64-byte inputs (the machine's small-message rate)."""
    sha = hashlib.sha256
    data = os.urandom(64)
    n = 500_000
    t0 = time.perf_counter()
    for _ in range(n):
        sha(data).digest()
    return n / (time.perf_counter() - t0)


def verify_command(url: str, home: str, runs: int) -> list[float]:
    """Wall seconds of ``runs`` whole-process runs of ``secplan audit verify``."""
    exe = Path(sys.executable).parent / "secplan"
    env = {
        **os.environ,
        "SECPLAN_HOME": home,
        "SECPLAN_DATABASE_URL": url,
        "PYTHONDONTWRITEBYTECODE": "",
    }
    env.pop("SECPLAN_AUDIT_KEY", None)
    times = []
    for _ in range(runs + 1):  # the first run warms the caches and is not counted
        t0 = time.perf_counter()
        proc = subprocess.run(
            [str(exe), "audit", "verify", "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            cwd=home,
        )
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise RuntimeError(f"audit verify exited {proc.returncode}: {proc.stderr[-400:]}")
    return times[1:]


def bench(url: str, n: int, signer: Signer, home: str, runs: int) -> dict[str, float]:
    from secplan.audit import AuditTrail
    from secplan.audit.verify import verify
    from secplan.store import open_database

    db = open_database(url)
    trail = AuditTrail(db, signer, checkpoint_every=10_000)
    t0 = time.perf_counter()
    for i in range(SINGLE):
        trail.append(_events(1, i)[0])
    single = SINGLE / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    done = SINGLE
    while done < n:
        k = min(BATCH, n - done)
        trail.append_many(_events(k, done))
        done += k
    batched = (n - SINGLE) / (time.perf_counter() - t0)
    trail.checkpoint()
    t0 = time.perf_counter()
    result = verify(trail, [signer.verifier])
    verify_s = time.perf_counter() - t0
    assert result.ok and result.size == n, result.problems
    bodies = [e.body() for e in trail.events(batch=20_000)]
    limit = hashing_limit(bodies)
    db.dispose()
    whole = verify_command(url, home, runs)
    return {
        "single": single,
        "batched": batched,
        "verify": n / verify_s,
        "verify_s": verify_s,
        "cmd_s": statistics.median(whole),
        "cmd_min": min(whole),
        "cmd_max": max(whole),
        "cmd": n / statistics.median(whole),
        "limit": limit,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument(
        "--pg-url",
        default=os.environ.get(
            "SECPLAN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--runs", type=int, default=5, help="whole-process verify runs")
    ap.add_argument("--output", type=Path)
    args = ap.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        home = str(Path(tmp) / "home")
        os.environ["SECPLAN_HOME"] = home  # the command verifies with this home's key
        os.environ.pop("SECPLAN_AUDIT_KEY", None)
        from secplan.audit.keys import local_signer

        signer = local_signer()
        assert signer is not None
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url = f"sqlite:///{tmp}/bench.db"
            else:
                import sqlalchemy as sa

                schema = "bench_" + uuid.uuid4().hex[:8]
                base = "postgresql+psycopg://" + args.pg_url.split("://", 1)[1]
                eng = sa.create_engine(base)
                with eng.begin() as c:
                    c.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
                url = f"{base}?options=-csearch_path%3D{schema}"
            print(f"{backend}: {args.events} events ...", file=sys.stderr)
            rows[backend] = bench(url, args.events, signer, home, args.runs)
            if backend != "sqlite":
                with eng.begin() as c:
                    c.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
                eng.dispose()
            print(rows[backend], file=sys.stderr)
    calls = raw_sha256_calls()
    text = render(rows, args.events, calls, args.runs)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


def render(rows: dict[str, dict[str, float]], n: int, calls: float, runs: int) -> str:
    lines = [
        "## Audit trail",
        "",
        f"{n:,} events per backend; appends of one event per transaction ({SINGLE:,}) and in "
        f"batches of {BATCH:,}; full verification (every event, chain, tree and checkpoint). "
        "The hashing limit is the rate of doing only the SHA-256 work verification needs "
        "(leaf, chain and tree hashes) over the same events in memory, on one core, measured "
        "in the same run. Verification is timed as a whole command, `secplan audit verify`, a "
        f"fresh process each time: the median of {runs} runs after one warm-up run, with the "
        "spread; the ratio is its rate ÷ the hashing limit. The in-process time of the "
        "verification function is shown beside it, as such.",
        "",
        "| backend | single appends/s | batched appends/s | `audit verify` (median) | spread | "
        "events/s | hashing limit events/s | ratio | in-process verify |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['single']:,.0f} | {r['batched']:,.0f} | {r['cmd_s']:.2f} s | "
            f"{r['cmd_min']:.2f}–{r['cmd_max']:.2f} s | {r['cmd']:,.0f} | {r['limit']:,.0f} | "
            f"{r['cmd'] / r['limit']:.0%} | {r['verify_s']:.2f} s |"
        )
    lines += [
        "",
        f"SHA-256 on 64-byte inputs: {calls:,.0f} calls/s. Machine: {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load average at the end "
        f"{os.getloadavg()[0]:.2f}. Single appends commit one transaction each with "
        "`synchronous=FULL` on SQLite (an fsync per event), so they measure the disk's flush "
        "rate. Verification uses every core; the hashing limit is one core's.",
        "",
        f"Command: `python benchmarks/audit/run.py --events {n} --runs {runs} "
        "--output docs/benchmarks/audit.md`",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
