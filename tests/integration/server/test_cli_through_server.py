"""``secplan audit`` and ``secplan keys`` with ``SECPLAN_SERVER`` set, against a real server:
the command line reads, verifies and checkpoints the server's trail and lists and rotates its
keys through the API, each request decided and recorded there; it keeps no database, audit key
or key ring of its own, and the commands that would need one are refused."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from secplan.protect.keystore import KeyStore
from tests.integration.server.conftest import PASSWORD, Server


def _cli(
    srv: Server,
    home: Path,
    who: str | None,
    *args: str,
    cwd: Path | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``secplan ARGS`` with SECPLAN_SERVER set, as ``who`` (an API token in SECPLAN_TOKEN), or
    with what ``secplan login`` stored (``who`` None)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_")}
    env |= {"SECPLAN_HOME": str(home), "SECPLAN_SERVER": srv.url}
    if who is not None:
        env["SECPLAN_TOKEN"] = srv.tokens[who]
    return subprocess.run(
        [sys.executable, "-m", "secplan", *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _refused(r: subprocess.CompletedProcess[str], *words: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("secplan: error:") and all(w in last for w in words), r.stderr
    assert "Traceback" not in r.stderr


def _db(srv: Server) -> sqlite3.Connection:
    return sqlite3.connect(srv.db_url.removeprefix("sqlite:///"))


def _events(srv: Server, action: str) -> list[tuple[str, str, str]]:
    with _db(srv) as db:
        rows = db.execute(
            "SELECT actor, resource, outcome FROM audit_events WHERE action = ? ORDER BY seq",
            (action,),
        ).fetchall()
    return [tuple(r) for r in rows]


@pytest.fixture(scope="module")
def people(server: Server) -> Server:
    """Besides the accounts of ``server``: audrey, auditor of everything; sam, security
    officer of everything (both password only)."""
    for name, role in (("audrey", "auditor"), ("sam", "security-officer")):
        r = server.api("root", "POST", "/api/v1/users", json={"name": name, "password": PASSWORD})
        assert r.status_code == 200, r.text
        r = server.api(
            "root", "POST", f"/api/v1/users/{name}/roles", json={"role": role, "scope": "*"}
        )
        assert r.status_code == 200, r.text
        server.tokens[name] = server.login(name)
    KeyStore(server.home / "keys").create("ledger")
    return server


def test_audit_log_reads_the_servers_trail(people: Server, tmp_path: Path) -> None:
    home = tmp_path / "home"
    r = _cli(people, home, "audrey", "audit", "log", "--format", "json", "--actor", "root")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    with _db(people) as db:
        stored = db.execute(
            "SELECT seq, leaf_hash FROM audit_events WHERE actor = 'root' ORDER BY seq"
        ).fetchall()
    # every line is the event's canonical body: its leaf hash is the stored one
    assert len(lines) >= len(stored[: len(lines)]) > 0
    for line, (seq, leaf) in zip(lines, stored, strict=False):
        assert json.loads(line)["seq"] == seq and json.loads(line)["actor"] == "root"
        assert hashlib.sha256(b"\x00" + line.encode()).digest() == bytes(leaf)
    # filters and a limit, as locally; csv and table too
    r = _cli(people, home, "audrey", "audit", "log", "-f", "json", "--action", "user:*",
             "--limit", "2")  # fmt: skip
    assert r.returncode == 0, r.stderr
    got = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(got) == 2 and all(e["action"].startswith("user:") for e in got)
    out = tmp_path / "events.csv"
    r = _cli(people, home, "audrey", "audit", "log", "-f", "csv", "-o", str(out), "--limit", "5")
    assert r.returncode == 0, r.stderr
    assert out.read_text().startswith("seq,ts,actor,action,resource,outcome,details")
    r = _cli(people, home, "audrey", "audit", "log", "--limit", "3")
    assert r.returncode == 0 and "Action" in r.stdout, r.stderr
    # nothing local was made: no database, no audit key, no key ring
    assert not list(home.glob("*.db")) and not (home / "audit").exists()
    assert not (home / "keys").exists()
    # the reads are on the server's record, with the filters
    assert ("audrey", "audit", "allowed") in _events(people, "audit:read")


def test_audit_log_is_refused_without_audit_read(people: Server, tmp_path: Path) -> None:
    for who in ("eve", "carol"):  # a viewer; an administrator of projects only
        r = _cli(people, tmp_path, who, "audit", "log")
        _refused(r, "audit:read")
    assert ("eve", "audit", "denied") in _events(people, "audit:read")


def test_checkpoint_signed_by_the_server_and_verified_against(
    people: Server, tmp_path: Path
) -> None:
    home, exported = tmp_path / "home", tmp_path / "exported"
    # a viewer and an auditor may not checkpoint (audit:checkpoint)
    for who in ("eve", "audrey"):
        _refused(_cli(people, home, who, "audit", "checkpoint", "--export", str(exported)),
                 "audit:checkpoint")  # fmt: skip
    assert not exported.exists()
    r = _cli(people, home, "sam", "audit", "checkpoint", "--export", str(exported))
    assert r.returncode == 0, r.stderr
    files = list(exported.glob("*.checkpoint"))
    assert len(files) == 1 and files[0].read_text() == r.stdout
    assert "review sam" in r.stdout  # a reviewed checkpoint, naming its reviewer
    with _db(people) as db:
        notes = [n for (n,) in db.execute("SELECT note FROM audit_checkpoints")]
    assert r.stdout in notes
    assert _events(people, "audit:checkpointed")[-1] == ("sam", "audit", "allowed")
    # the server verifies its trail against the exported checkpoint
    r = _cli(people, home, "audrey", "audit", "verify", "-c", str(exported), "-f", "json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["ok"] and got["exported"] == 1 and got["exported_from"] == [str(exported)]
    assert got["size"] >= int(files[0].name.split(".")[0])
    # without one, from a project's .secplan/audit-checkpoints/
    proj = tmp_path / "proj"
    (proj / ".secplan" / "audit-checkpoints").mkdir(parents=True)
    files[0].rename(proj / ".secplan" / "audit-checkpoints" / files[0].name)
    r = _cli(people, home, "root", "audit", "verify", cwd=proj)
    assert r.returncode == 0 and "audit trail verified" in r.stdout and "1 exported" in r.stdout
    _refused(_cli(people, home, "eve", "audit", "verify"), "audit:verify")
    recorded = _events(people, "audit:verify")
    assert ("eve", "audit", "denied") in recorded and ("audrey", "audit", "allowed") in recorded


def test_keys_listed_and_rotated_on_the_server(people: Server, tmp_path: Path) -> None:
    home = tmp_path / "home"
    r = _cli(people, home, "root", "keys", "list", "-f", "json")
    assert r.returncode == 0, r.stderr
    listed = {k["name"]: k for k in json.loads(r.stdout)}
    assert "ledger" in listed and "wrapped" not in json.dumps(listed)
    before = [v["id"] for v in listed["ledger"]["versions"]]
    # a viewer holds no key action: the list is empty, and rotation refused
    r = _cli(people, home, "eve", "keys", "list", "-f", "json")
    assert r.returncode == 0 and json.loads(r.stdout) == [], r.stderr
    for who in ("eve", "audrey"):
        _refused(_cli(people, home, who, "keys", "rotate", "ledger"), "key:rotate")
    assert KeyStore(people.home / "keys").ring("ledger").primary.id == before[-1]
    # files cannot be moved by the server: refused before anything changes
    _refused(_cli(people, home, "sam", "keys", "rotate", "ledger", "--rewrap", str(tmp_path)),
             "--rewrap")  # fmt: skip
    r = _cli(people, home, "sam", "keys", "rotate", "ledger")
    assert r.returncode == 0, r.stderr
    ring = KeyStore(people.home / "keys").ring("ledger")
    assert [v.id for v in ring.versions][:-1] == before and ring.primary.id != before[-1]
    assert r.stdout.strip() == f"rotated ledger: {before[-1]} -> {ring.primary.id} (on the server)"
    r = _cli(people, home, "sam", "keys", "list")
    assert r.returncode == 0 and "decrypt-only" in r.stdout and ring.primary.id in r.stdout
    r = _cli(people, home, "root", "keys", "show", "ledger")
    assert r.returncode == 0 and r.stdout.strip() == ring.primary.recipient
    assert _events(people, "key:rotated")[-1] == ("sam", "key:ledger", "allowed")
    denied = [e for e in _events(people, "key:rotate") if e[2] == "denied"]
    assert {e[0] for e in denied} >= {"eve", "audrey"}
    assert not (home / "keys").exists() and not list(home.glob("*.db"))


def test_commands_needing_local_state_stay_refused(people: Server, tmp_path: Path) -> None:
    for args in (
        ("audit", "prove", "1"),
        ("audit", "report"),
        ("audit", "key"),
        ("keys", "create", "other"),
        ("keys", "destroy", "ledger", "--yes"),
    ):
        _refused(_cli(people, tmp_path, "root", *args), "SECPLAN_SERVER is set")
    assert "ledger" in {r.name for r in KeyStore(people.home / "keys").rings()}


def test_verify_fails_when_the_servers_trail_was_altered(people: Server, tmp_path: Path) -> None:
    with _db(people) as db:
        seq, details = db.execute(
            "SELECT seq, details FROM audit_events ORDER BY seq LIMIT 1 OFFSET 3"
        ).fetchone()
        db.execute("UPDATE audit_events SET details = ? WHERE seq = ?", ('{"x":1}', seq))
    try:
        r = _cli(people, tmp_path, "audrey", "audit", "verify")
        assert r.returncode == 1, (r.stdout, r.stderr)
        assert "FAILED verification" in r.stdout
        assert _events(people, "audit:verify")[-1] == ("audrey", "audit", "failed")
    finally:
        with _db(people) as db:
            db.execute("UPDATE audit_events SET details = ? WHERE seq = ?", (details, seq))


def test_logout_revokes_the_stored_session_on_the_server(people: Server, tmp_path: Path) -> None:
    home = tmp_path / "home"
    r = _cli(people, home, None, "login", people.url, "--user", "alice", "--password-stdin",
             stdin=PASSWORD + "\n")  # fmt: skip
    assert r.returncode == 0, r.stderr
    token = json.loads((home / "server-login.json").read_text())["token"]
    assert _cli(people, home, None, "whoami").returncode == 0
    r = _cli(people, home, None, "logout")
    assert r.returncode == 0 and r.stdout.strip() == f"logged out of {people.url}", r.stderr
    assert not (home / "server-login.json").exists()
    with httpx.Client(base_url=people.url, timeout=60) as c:
        got = c.get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert got.status_code == 401
    # nothing stored: said so; an API token in SECPLAN_TOKEN is not revoked
    r = _cli(people, home, "audrey", "logout")
    assert r.returncode == 0 and "no stored session" in r.stdout
    assert people.api("audrey", "GET", "/api/v1/whoami").status_code == 200


def test_odd_input_to_the_new_routes_is_never_an_internal_error(people: Server) -> None:
    for query in (
        "after=1180591620717411303424",  # 2**70
        "after=-1",
        "limit=0",
        "limit=5001",
        "actor=a%00b",
        "since=" + "9" * 2000,
        "resource=" + "x" * 1200,
    ):
        r = people.api("root", "GET", f"/api/v1/audit/events?{query}")
        assert r.status_code in (400, 422), (query, r.status_code, r.text)
        assert r.headers["content-security-policy"].startswith("default-src 'none'")
    for body in (
        {"checkpoints": ["x" * 70_000]},
        {"checkpoints": [1]},
        {"checkpoints": ["n"] * 1001},
        {"checkpoints": [], "ok": True},  # no field beyond those defined
    ):
        r = people.api("root", "POST", "/api/v1/audit/verify", json=body)
        assert r.status_code in (400, 422), r.text
    # a note that is no checkpoint: a problem found, not an error
    r = people.api("root", "POST", "/api/v1/audit/verify", json={"checkpoints": ["junk"]})
    assert r.status_code == 200 and not r.json()["ok"], r.text
    for name in ("no-such-key", "a%00b", "..", "x" * 150):
        r = people.api("root", "POST", f"/api/v1/keys/{name}/rotate")
        assert r.status_code in (400, 404), (name, r.status_code, r.text)
    assert ("root", "key:no-such-key", "failed") in _events(people, "key:rotated")


def test_through_a_server_on_postgresql(pg_server: Server, tmp_path: Path) -> None:
    pg_server.tokens["root"] = pg_server.login("root", "correct horse battery staple")
    home, exported = tmp_path / "home", tmp_path / "exported"
    r = _cli(pg_server, home, "root", "audit", "checkpoint", "--export", str(exported))
    assert r.returncode == 0, r.stderr
    r = _cli(pg_server, home, "root", "audit", "verify", "-c", str(exported))
    assert r.returncode == 0 and "1 exported" in r.stdout, (r.stdout, r.stderr)
    r = _cli(pg_server, home, "root", "audit", "log", "-f", "json", "--action", "audit:*")
    assert r.returncode == 0, r.stderr
    actions = [json.loads(x)["action"] for x in r.stdout.splitlines()]
    assert "audit:checkpointed" in actions and "audit:verify" in actions
    # what PostgreSQL cannot take is refused before it reaches the database
    r = pg_server.api("root", "GET", "/api/v1/audit/events?actor=a%00b&since=%00")
    assert r.status_code == 400, r.text
    r = pg_server.api("root", "POST", "/api/v1/keys/a%00b/rotate")
    assert r.status_code == 400, r.text
