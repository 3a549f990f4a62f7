"""Governance server at organisation scale: 1,000 projects x 100 assessments x 30 controls on
PostgreSQL, the organisation view and a project's history timed through a running server, and
the upload of one assessment of 10,000 findings.

    python benchmarks/server/run.py --projects 1000 --assessments 100 --requests 50 \\
        --output docs/benchmarks/server.md

The database is a fresh schema of the PostgreSQL server at ``--pg-url`` (dropped at the end).
It is filled in bulk (projects through the server's own data layer; the 100,000 assessments
and their 3,000,000 control statuses with batched inserts into the same tables, since timing
100,000 uploads is not the point). Then ``secplan serve`` starts on 127.0.0.1 over that
database, an administrator logs in, and each page and API route is requested ``--requests``
times over one kept-alive connection, after 3 warm-up requests: the wall time at the client,
median and 95th percentile. The upload is timed 5 times (median), each a new assessment of
10,000 findings sent as the JSON report ``secplan scan`` writes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.paired import machine

PASSWORD = "a long benchmark password"
STATUSES = ("pass", "fail", "partial", "needs-evidence", "waived", "not-applicable")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _report(findings: int, seed: int) -> bytes:
    from secplan.catalog import CONTROL_IDS

    rng = random.Random(seed)
    return json.dumps(
        {
            "schema": "secplan-report",
            "schema_version": 1,
            "tool": {"name": "secplan", "version": "bench"},
            "run": {"commit": {"sha": f"{seed:040x}"}},
            "summary": {"findings": {"high": findings}, "controls": {}},
            "controls": [{"id": c, "status": rng.choice(STATUSES)} for c in CONTROL_IDS],
            "findings": [
                {
                    "id": f"{seed:08x}{i:024x}",
                    "rule": f"CD{100 + i % 90}",
                    "severity": "high",
                    "location": {"path": f"src/module_{i % 500}.py", "line": i % 300 + 1},
                    "message": f"finding {i} of a generated assessment",
                }
                for i in range(findings)
            ],
        }
    ).encode()


def fill(url: str, projects: int, per_project: int) -> float:
    """Projects, assessments and control statuses, in bulk; the seconds it took."""
    from sqlalchemy import insert

    from secplan.catalog import CONTROL_IDS
    from secplan.server import data
    from secplan.store import open_database
    from secplan.store.schema import assessment_controls, assessments

    t0 = time.perf_counter()
    db = open_database(url)
    rng = random.Random(7)
    for i in range(projects):
        data.create_project(db, f"project-{i:04d}", "generated", "root", "2026-01-01T00:00:00Z")
    ids = [p.id for p in data.all_projects(db)]
    aid = 0
    for start in range(0, len(ids), 20):
        rows, controls = [], []
        for pid in ids[start : start + 20]:
            for k in range(per_project):
                aid += 1
                rows.append(
                    {
                        "id": aid,
                        "project_id": pid,
                        "created": f"2026-{1 + k % 12:02d}-01T00:00:00Z",
                        "uploaded_by": "ci",
                        "tool_version": "bench",
                        "commit": f"{aid:040x}",
                        "summary": json.dumps({"findings": {"high": k % 7}}),
                        "sha256": f"{aid:064x}",
                    }
                )
                controls += [
                    {"assessment_id": aid, "control": c, "status": rng.choice(STATUSES)}
                    for c in CONTROL_IDS
                ]
        with db.begin() as conn:
            conn.execute(insert(assessments), rows)
            conn.execute(insert(assessment_controls), controls)
    with db.begin() as conn:
        from sqlalchemy import text

        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('assessments', 'id'), "
                    "(SELECT max(id) FROM assessments))"
                )
            )
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - t0


def _timed(client: Any, method: str, path: str, n: int, **kw: Any) -> list[float]:
    for _ in range(3):
        client.request(method, path, **kw).raise_for_status()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.request(method, path, **kw)
        out.append(time.perf_counter() - t0)
        r.raise_for_status()
    return out


def _p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)


def main() -> int:
    import httpx
    import sqlalchemy as sa

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--projects", type=int, default=1000)
    ap.add_argument("--assessments", type=int, default=100)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--findings", type=int, default=10_000)
    ap.add_argument(
        "--pg-url",
        default=os.environ.get(
            "SECPLAN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    ap.add_argument("--output", type=Path)
    args = ap.parse_args()
    host = machine()
    base = "postgresql+psycopg://" + args.pg_url.split("://", 1)[1]
    schema = "bench_" + uuid.uuid4().hex[:10]
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    proc = None
    try:
        filled = fill(url, args.projects, args.assessments)
        port = _free_port()
        home = Path(tempfile.mkdtemp(prefix="secplan-bench-server-"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_")}
        env |= {
            "SECPLAN_HOME": str(home),
            "SECPLAN_DATABASE_URL": url,
            "SECPLAN_ADMIN_PASSWORD": PASSWORD,
        }
        log = (home / "server.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "secplan", "serve", "--port", str(port), "--admin", "root"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(server + "/api/openapi.json", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit((home / "server.log").read_text(errors="replace"))
            time.sleep(0.2)
        token = httpx.post(
            server + "/api/v1/login", json={"name": "root", "password": PASSWORD}
        ).json()["token"]
        middle = f"project-{args.projects // 2:04d}"
        rows = []
        with httpx.Client(
            base_url=server, headers={"Authorization": f"Bearer {token}"}, timeout=120
        ) as c:
            for label, path in (
                ("organisation view (page)", "/projects"),
                ("organisation view (API)", "/api/v1/projects"),
                ("a project's history (page)", f"/projects/{middle}"),
                ("a project's history (API)", f"/api/v1/projects/{middle}"),
            ):
                xs = _timed(c, "GET", path, args.requests)
                rows.append((label, path, statistics.median(xs), _p95(xs), len(xs)))
            uploads = []
            for i in range(5):
                body = _report(args.findings, 1000 + i)
                t0 = time.perf_counter()
                r = c.post(
                    f"/api/v1/projects/{middle}/assessments",
                    content=body,
                    headers={"Content-Type": "application/json"},
                )
                uploads.append(time.perf_counter() - t0)
                r.raise_for_status()
        size = len(_report(args.findings, 1000))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    lines = [
        "# Governance server at organisation scale",
        "",
        f"{args.projects:,} projects x {args.assessments} assessments x 30 controls "
        f"({args.projects * args.assessments:,} assessments, "
        f"{args.projects * args.assessments * 30:,} control statuses) on PostgreSQL, "
        f"filled in bulk in {filled:.0f} s. `secplan serve` on 127.0.0.1 over that database; "
        f"each route requested {args.requests} times by an administrator (who can read every "
        "project) over one kept-alive connection after 3 warm-up requests; wall time at the "
        f"client. Machine: {host}.",
        "",
        "Command: `python benchmarks/server/run.py --projects "
        f"{args.projects} --assessments {args.assessments} --requests {args.requests}`",
        "",
        "| route | path | median | p95 | requests |",
        "|---|---|---|---|---|",
        *(
            f"| {label} | `{path}` | {med * 1000:.0f} ms | {p95 * 1000:.0f} ms | {n} |"
            for label, path, med, p95, n in rows
        ),
        "",
        f"Upload of one assessment of {args.findings:,} findings ({size / 1e6:.1f} MB of JSON, "
        f"5 uploads): median {statistics.median(uploads):.2f} s, "
        f"slowest {max(uploads):.2f} s (target: 2 s).",
        "",
        "Target: organisation view and a project's history at most 200 ms at the 95th percentile.",
        "",
    ]
    text = "\n".join(lines)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
