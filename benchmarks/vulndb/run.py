"""Benchmark the offline OSV database: import and query speed on a synthetic 50,000-entry
export, and (when pip-audit is installed) what pip-audit reports for the same fixture through
its ``--osv-url`` option.

Usage:  python benchmarks/vulndb/run.py [--entries 50000] [--pip-audit PATH]
"""

from __future__ import annotations

import argparse
import http.server
import json
import random
import shutil
import subprocess
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from secplan.vulndb import VulnDB, import_osv, match_version, normalize_name

PACKAGES = 5_000


def synthetic_entry(i: int, rnd: random.Random) -> dict[str, object]:
    name = f"pkg-{i % PACKAGES}"
    major = rnd.randint(0, 5)
    events: list[dict[str, str]] = [{"introduced": "0" if rnd.random() < 0.3 else f"{major}.0"}]
    if rnd.random() < 0.8:
        events.append({"fixed": f"{major}.{rnd.randint(1, 9)}"})
    else:
        events.append({"last_affected": f"{major}.{rnd.randint(1, 9)}"})
    rnd.shuffle(events)
    entry: dict[str, object] = {
        "id": f"SYN-{i:06d}",
        "modified": "2026-01-01T00:00:00Z",
        "aliases": [f"CVE-2026-{i:05d}"],
        "summary": f"synthetic advisory {i}",
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": name},
                "ranges": [{"type": "ECOSYSTEM", "events": events}],
            }
        ],
    }
    if i % 50 == 0:
        entry["withdrawn"] = "2026-01-02T00:00:00Z"
    return entry


def make_zip(path: Path, entries: int) -> list[dict[str, object]]:
    rnd = random.Random(1)
    docs = [synthetic_entry(i, rnd) for i in range(entries)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for doc in docs:
            zf.writestr(f"{doc['id']}.json", json.dumps(doc))
    return docs


def bench(entries: int) -> tuple[dict[str, float], VulnDB, Path]:
    work = Path(tempfile.mkdtemp(prefix="secplan-bench-"))
    zpath = work / "all.zip"
    make_zip(zpath, entries)
    t0 = time.perf_counter()
    stats = import_osv(zpath, work / "db.sqlite")
    t_import = time.perf_counter() - t0
    db = VulnDB(work / "db.sqlite")
    rnd = random.Random(2)
    queries = [
        (f"pkg-{rnd.randrange(PACKAGES)}", f"{rnd.randint(0, 5)}.{rnd.randint(0, 9)}")
        for _ in range(20_000)
    ]
    t0 = time.perf_counter()
    hits = 0
    for name, version in queries:
        hits += sum(1 for a in db.advisories_for(name) if match_version(a, name, version))
    t_query = time.perf_counter() - t0
    return (
        {
            "entries": entries,
            "imported": stats.imported,
            "withdrawn": stats.withdrawn,
            "import_s": t_import,
            "db_mib": (work / "db.sqlite").stat().st_size / 2**20,
            "queries": len(queries),
            "query_s": t_query,
            "hits": hits,
        },
        db,
        work,
    )


class _Stub(http.server.BaseHTTPRequestHandler):
    """An OSV ``/v1/query`` endpoint that returns every stored advisory of the package,
    without looking at the version: what remains is the client's own matching."""

    db: VulnDB

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        name = normalize_name(body["package"]["name"])
        vulns = [_osv(a) for a in self.db.advisories_for(name)]
        data = json.dumps({"vulns": vulns} if vulns else {}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        return


def _osv(a: object) -> dict[str, object]:
    from secplan.vulndb.osv import to_json

    return to_json(a)  # type: ignore[arg-type]


def pip_audit(pip_audit_bin: str, fixture_db: VulnDB, requirements: Path) -> str:
    _Stub.db = fixture_db
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out = subprocess.run(
            [
                pip_audit_bin,
                "-r",
                str(requirements),
                "--no-deps",
                "--disable-pip",
                "-s",
                "osv",
                "--osv-url",
                f"http://127.0.0.1:{server.server_address[1]}/v1/query",
                "-f",
                "json",
                "--progress-spinner",
                "off",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return out.stdout or out.stderr
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--pip-audit", default=shutil.which("pip-audit") or "")
    args = parser.parse_args()
    result, _, work = bench(args.entries)
    print(json.dumps(result, indent=2))
    if args.pip_audit:
        fixtures = Path(__file__).resolve().parents[2] / "tests" / "data" / "osv"
        import_osv(fixtures, work / "fixtures.sqlite")
        fdb = VulnDB(work / "fixtures.sqlite")
        req = work / "requirements.txt"
        pins = [
            "torch==2.5.1",
            "mlflow==2.9.2",
            "mlflow==2.9.3",
            "ray==2.8.0",
            "numpy==1.26.4",
            "transformers==4.30.0",
        ]
        for pin in pins:
            req.write_text(pin + "\n")
            name, version = pin.split("==")
            ours = [
                (a.id, m.fixed)
                for a in fdb.advisories_for(name)
                if (m := match_version(a, name, version))
            ]
            theirs = json.loads(pip_audit(args.pip_audit, fdb, req) or "{}")
            vulns = [
                (v["id"], v["fix_versions"])
                for d in theirs.get("dependencies", [])
                for v in d.get("vulns", [])
            ]
            print(f"{pin}: secplan {ours}  pip-audit {vulns}")


if __name__ == "__main__":
    main()
