"""The governance server, through its HTTP interface as a client sees it: authorisation on
every route (no access across projects, no escalation), CSRF, escaping, mass assignment,
rate-limited login, token scopes, and the old escalations of multi-user mode."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.server.conftest import PASSWORD, Server

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LATER = (dt.date.today() + dt.timedelta(days=60)).isoformat()


def report(findings: list[tuple[str, str]], hs4: str = "fail") -> dict[str, Any]:
    """A report as ``secplan scan --format json`` writes it (the fields the server reads)."""
    return {
        "schema": "secplan-report",
        "schema_version": 1,
        "tool": {"name": "secplan", "version": "test"},
        "run": {"commit": {"sha": "0" * 40}},
        "summary": {"findings": {}, "controls": {}},
        "controls": [{"id": "HS4", "status": hs4}, {"id": "DS1", "status": "pass"}],
        "findings": [
            {
                "id": fp,
                "rule": rule,
                "severity": "high",
                "location": {"path": f"src/{fp}.py"},
                "message": f"finding {fp}",
            }
            for fp, rule in findings
        ],
    }


def upload(srv: Server, who: str, project: str, doc: dict[str, Any]) -> httpx.Response:
    return srv.api(who, "POST", f"/api/v1/projects/{project}/assessments", json=doc)


def exception(**extra: Any) -> dict[str, Any]:
    return {
        "rule": "DP001",
        "justification": "the vendor fixes it next quarter",
        "risk": "medium",
        "mitigations": ["network isolation"],
        "expires": LATER,
        **extra,
    }


def browser_login(srv: Server, name: str, password: str = PASSWORD) -> tuple[httpx.Client, str]:
    """A cookie session through the login form; the client and the page's CSRF token."""
    c = httpx.Client(base_url=srv.url, timeout=60, follow_redirects=False)
    page = c.get("/login")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert token, page.text
    r = c.post("/login", data={"csrf": token[1], "name": name, "password": password})
    assert r.status_code == 303, r.text
    projects = c.get("/projects")
    assert projects.status_code == 200
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', projects.text)
    assert csrf
    return c, csrf[1]


def test_security_headers_and_openapi(server: Server) -> None:
    r = httpx.get(server.url + "/login")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp  # no script at all
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in r.headers  # plain HTTP on loopback
    assert "<script" not in r.text
    spec = httpx.get(server.url + "/api/openapi.json").json()
    assert "/api/v1/projects/{name}/assessments" in spec["paths"]
    assert "/api/v1/projects/{name}/exceptions/{wid}/approve" in spec["paths"]


def test_anonymous_requests_get_nothing(server: Server) -> None:
    with server.client() as c:
        assert c.get("/api/v1/projects").status_code == 401
        assert c.get("/api/v1/projects/alpha").status_code == 401
        assert c.get("/projects").status_code == 303  # to the login page
        bad = {"Authorization": "Bearer spt_0000000000000000_forged"}
        assert c.get("/api/v1/whoami", headers=bad).status_code == 401


def test_no_access_across_projects(server: Server) -> None:
    assert upload(server, "alice", "alpha", report([("a1", "DP001")])).status_code == 200
    alpha = server.api("root", "GET", "/api/v1/projects/alpha").json()["assessments"]
    aid = alpha[0]["id"]
    assert upload(server, "eve", "beta", report([])).status_code == 404  # viewer: no upload
    assert upload(server, "root", "beta", report([("b1", "X1")])).status_code == 200
    bid = server.api("root", "GET", "/api/v1/projects/beta").json()["assessments"][0]["id"]
    # alice (ml-engineer on project:alpha) reaches nothing of beta, and eve nothing of alpha
    for who, other, own in (("alice", "beta", "alpha"), ("eve", "alpha", "beta")):
        assert server.api(who, "GET", f"/api/v1/projects/{other}").status_code == 404
        assert server.api(who, "GET", f"/api/v1/projects/{other}/exceptions").status_code == 404
        assert server.api(who, "GET", f"/projects/{other}").status_code == 404
        listed = server.api(who, "GET", "/api/v1/projects").json()["projects"]
        assert [p["name"] for p in listed] == [own]
    # beta's assessments cannot be read through alpha's route (no IDOR by id)
    r = server.api("alice", "GET", f"/api/v1/projects/alpha/diff?base={aid}&head={bid}")
    assert r.status_code == 404
    assert (
        server.api("alice", "POST", "/api/v1/projects/beta/exceptions", json=exception())
    ).status_code == 404
    # a project that does not exist answers as one the actor cannot reach
    assert server.api("alice", "GET", "/api/v1/projects/nosuch").status_code == 404


def test_no_role_escalation(server: Server) -> None:
    for body in ({"role": "admin", "scope": "*"}, {"role": "ml-engineer", "scope": "*"}):
        r = server.api("alice", "POST", "/api/v1/users/alice/roles", json=body)
        assert r.status_code == 403, r.text
    r = server.api("alice", "POST", "/api/v1/users", json={"name": "x", "password": PASSWORD})
    assert r.status_code == 403
    # a token scoped to role:manage does not grant what the account lacks
    r = server.api("alice", "POST", "/api/v1/tokens", json={"scopes": ["role:manage"]})
    assert r.status_code == 200
    server.tokens["alice-rm"] = r.json()["token"]
    r = server.api("alice-rm", "POST", "/api/v1/users/alice/roles", json={"role": "admin"})
    assert r.status_code == 403
    # bob (security-officer on alpha) cannot create projects, nor widen his own scope
    assert server.api("bob", "POST", "/api/v1/projects", json={"name": "x"}).status_code == 403
    r = server.api(
        "bob", "POST", "/api/v1/users/bob/roles", json={"role": "security-officer", "scope": "*"}
    )
    assert r.status_code == 403
    roles = server.api("alice", "GET", "/api/v1/whoami").json()["roles"]
    assert roles == [{"role": "ml-engineer", "scope": "project:alpha"}]


def test_token_scopes(server: Server) -> None:
    r = server.api("alice", "POST", "/api/v1/tokens", json={"scopes": ["scan:upload"], "days": 1})
    assert r.status_code == 200, r.text
    server.tokens["ci"] = r.json()["token"]
    assert upload(server, "ci", "alpha", report([("a1", "DP001")])).status_code == 200
    assert server.api("ci", "GET", "/api/v1/projects/alpha").status_code == 404  # no read
    r = server.api("ci", "POST", "/api/v1/projects/alpha/exceptions", json=exception())
    assert r.status_code == 404
    assert server.api("ci", "POST", "/api/v1/tokens", json={}).status_code == 403
    # the secret is stored only as a hash
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as db:
        stored = [bytes(r[0]) for r in db.execute("SELECT secret_hash FROM tokens")]
    secret = server.tokens["ci"].split("_", 2)[2].encode()
    assert all(secret not in h for h in stored) and all(len(h) == 32 for h in stored)


def test_mass_assignment_is_refused(server: Server) -> None:
    for extra in ({"state": "approved"}, {"requester": "bob"}, {"approver": "bob"}):
        r = server.api(
            "alice", "POST", "/api/v1/projects/alpha/exceptions", json=exception(**extra)
        )
        assert r.status_code == 422, r.text
        assert next(iter(extra)) in r.json()["error"]
    r = server.api(
        "root",
        "POST",
        "/api/v1/users",
        json={"name": "z", "password": PASSWORD, "roles": ["admin"]},
    )
    assert r.status_code == 422
    r = server.api("root", "POST", "/api/v1/projects", json={"name": "p", "created_by": "eve"})
    assert r.status_code == 422
    listed = server.api("bob", "GET", "/api/v1/projects/alpha/exceptions").json()
    assert all(e["requester"] != "bob" and e["approver"] != "bob" for e in listed)


def test_csrf_is_required_for_cookie_sessions(server: Server) -> None:
    c, csrf = browser_login(server, "carol")
    try:
        r = c.post("/projects", data={"name": "gamma"})
        assert r.status_code == 403
        r = c.post("/projects", data={"name": "gamma", "csrf": "0" * 64})
        assert r.status_code == 403
        r = c.post("/api/v1/projects", json={"name": "gamma"})  # the API through the cookie
        assert r.status_code == 403
        evil = {"Origin": "https://evil.example"}
        r = c.post("/projects", data={"name": "gamma", "csrf": csrf}, headers=evil)
        assert r.status_code == 403  # a valid token from another origin still fails
        r = c.post(
            "/projects", data={"name": "gamma", "csrf": csrf}, headers={"Origin": server.url}
        )
        assert r.status_code == 303
        assert c.get("/projects/gamma").status_code == 200
        # logging out revokes the session: the cookie no longer opens anything
        old = c.cookies.get("secplan_session")
        assert c.post("/logout", data={"csrf": csrf}).status_code == 303
        assert old
        with httpx.Client(base_url=server.url, cookies={"secplan_session": old}) as replay:
            r = replay.get("/projects")
        assert r.status_code == 303 and r.headers["location"] == "/login"
        # the login form has its own token, bound to a cookie set with the form
        fresh = httpx.Client(base_url=server.url, timeout=60)
        r = fresh.post("/login", data={"name": "root", "password": "x" * 12, "csrf": "1" * 64})
        assert r.status_code == 403
        fresh.close()
    finally:
        c.close()
    head = httpx.get(server.url + "/login").headers.get_list("set-cookie")
    assert all("httponly" in h.lower() and "samesite=strict" in h.lower() for h in head)


def test_free_text_is_escaped_in_pages(server: Server) -> None:
    r = server.api("root", "POST", "/api/v1/projects", json={"name": "xss", "description": XSS})
    assert r.status_code == 200
    r = server.api(
        "root",
        "POST",
        "/api/v1/projects/xss/exceptions",
        json=exception(justification=XSS, mitigations=[XSS], paths=["**"]),
    )
    assert r.status_code == 200, r.text
    doc = report([("x1", "DP001")])
    doc["findings"][0]["message"] = XSS
    doc["findings"][0]["location"]["path"] = XSS
    assert upload(server, "root", "xss", doc).status_code == 200
    assert upload(server, "root", "xss", report([])).status_code == 200  # x1 fixed
    c, _ = browser_login(server, "carol")
    try:
        for page in ("/projects", "/projects/xss", "/projects/xss/exceptions"):
            text = c.get(page).text
            assert "<script" not in text and "<img" not in text, page
        page = c.get("/projects/xss").text
        assert "&lt;script&gt;alert(" in page and "Fixed findings (1)" in page
        assert "&lt;script&gt;" in c.get("/projects/xss/exceptions").text
    finally:
        c.close()


def test_login_is_rate_limited(server: Server) -> None:
    with server.client() as c:
        for _ in range(3):
            r = c.post("/api/v1/login", json={"name": "mallory", "password": "wrong password!"})
            assert r.status_code == 401
        r = c.post("/api/v1/login", json={"name": "mallory", "password": PASSWORD})
        assert r.status_code == 429, r.text  # even the right password waits
        assert "too many failed attempts" in r.json()["error"]


def test_exception_workflow(server: Server, tmp_path: Path) -> None:
    r = server.api("alice", "POST", "/api/v1/projects/alpha/exceptions", json=exception(id="WV-1"))
    assert r.json() == {"id": "WV-1", "state": "pending"}
    approve = "/api/v1/projects/alpha/exceptions/WV-1/approve"
    # the requester cannot approve (nor can an ml-engineer at all)
    assert server.api("alice", "POST", approve, json={}).status_code == 404
    r = server.api("bob", "POST", approve, json={"note": "reviewed"})
    assert r.status_code == 200, r.text
    assert server.api("bob", "POST", approve, json={}).status_code == 409  # decided once
    items = {
        e["id"]: e for e in server.api("bob", "GET", "/api/v1/projects/alpha/exceptions").json()
    }
    assert items["WV-1"]["state"] == "approved" and items["WV-1"]["approver"] == "bob"
    history = server.api("alice", "GET", "/api/v1/projects/alpha/exceptions/WV-1/history").json()
    assert [h["action"] for h in history] == ["waiver:requested", "waiver:approved"]
    # exported in the signed format of secplan waiver approve; verifiable by the project
    got = server.api("alice", "GET", "/api/v1/projects/alpha/exceptions-export").json()
    (f,) = got["files"]
    assert 'approver = "bob"' in f["text"] and 'requester = "alice"' in f["text"]
    assert _check_signed(tmp_path / "a", f, got["public_key"], "alpha") == "active"
    # the same signed approval in a project that is another one on the server: not trusted
    assert _check_signed(tmp_path / "b", f, got["public_key"], "beta") == "untrusted-signature"
    assert _check_signed(tmp_path / "c", f, got["public_key"], None) == "untrusted-signature"
    # imported back as is: approved; altered: a pending request in the importer's name
    body = {"name": "WV-1.toml", "text": f["text"], "signature": f["signature"]}
    r = server.api("root", "POST", "/api/v1/projects/gamma-import/exceptions-import", json=body)
    assert r.status_code == 404  # no such project
    # the same project holds it already; another project gets a pending request: an
    # approval on alpha approves nothing on another project
    r = server.api("root", "POST", "/api/v1/projects/alpha/exceptions-import", json=body)
    assert r.status_code == 400 and "already exists" in r.json()["error"], r.text
    server.api("root", "POST", "/api/v1/projects", json={"name": "imports"})
    r = server.api("root", "POST", "/api/v1/projects/imports/exceptions-import", json=body)
    assert r.json() == {"id": "WV-1", "state": "pending"}, r.text
    assert "for project alpha" in f["text"]
    altered = {**body, "name": "WV-2.toml", "text": f["text"].replace('id = "WV-1"', 'id = "WV-2"')}
    r = server.api("root", "POST", "/api/v1/projects/imports/exceptions-import", json=altered)
    assert r.json() == {"id": "WV-2", "state": "pending"}, r.text


def test_approval_needs_a_second_factor(server: Server) -> None:
    server.api("alice", "POST", "/api/v1/projects/alpha/exceptions", json=exception(id="WV-9"))
    # dave holds waiver:approve on alpha, but has no second factor
    r = server.api("dave", "POST", "/api/v1/projects/alpha/exceptions/WV-9/approve", json={})
    assert r.status_code == 404
    # and an account with one cannot log in without it
    with server.client() as c:
        r = c.post("/api/v1/login", json={"name": "bob", "password": PASSWORD})
    assert r.status_code == 401
    state = {
        e["id"]: e["state"]
        for e in server.api("bob", "GET", "/api/v1/projects/alpha/exceptions").json()
    }
    assert state["WV-9"] == "pending"


def _check_signed(tmp: Path, f: dict[str, str], public: str, project: str | None) -> str:
    from secplan.config import load_settings
    from secplan.governance.approval import load_checked_records
    from secplan.governance.waivers import waiver_state

    root = tmp / "project"
    (root / ".secplan" / "waivers").mkdir(parents=True)
    (root / ".secplan" / "trust").mkdir()
    (root / ".secplan" / "trust" / "server.pub").write_text(public)
    here = f'server_project = "{project}"\n' if project else ""
    (root / "secplan.toml").write_text(
        f'[governance]\n{here}[governance.approver_keys]\nbob = ".secplan/trust/server.pub"\n'
    )
    (root / ".secplan" / "waivers" / f["name"]).write_text(f["text"])
    (root / ".secplan" / "waivers" / (f["name"] + ".sig")).write_text(f["signature"])
    settings = load_settings(root)
    (w,) = load_checked_records(root, settings).waivers
    return str(waiver_state(w, dt.date.today(), settings.approvers).value)


def test_the_old_escalations_give_nothing(server: Server, tmp_path: Path) -> None:
    db = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as conn:
        pid = conn.execute("SELECT id FROM principals WHERE name = 'eve'").fetchone()[0]
        conn.execute(
            "INSERT INTO role_bindings (principal_id, role, scope, granted_by, granted_at) "
            "VALUES (?, 'admin', '*', 'root', '2026-01-01T00:00:00Z')",
            (pid,),
        )
        # a token row for root with a secret the attacker knows
        import hashlib

        rid = conn.execute("SELECT id FROM principals WHERE name = 'root'").fetchone()[0]
        conn.execute(
            "INSERT INTO tokens (id, principal_id, secret_hash, kind, scopes, description, "
            "created, expires, mfa) VALUES ('00000000000000aa', ?, ?, 'api', '[]', '', "
            "'2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 1)",
            (rid, hashlib.sha256(b"known").digest()),
        )
    who = server.api("eve", "GET", "/api/v1/whoami").json()
    assert who["roles"] == [{"role": "viewer", "scope": "project:beta"}]
    assert server.api("eve", "GET", "/api/v1/projects/alpha").status_code == 404
    r = server.api("eve", "POST", "/api/v1/users/eve/roles", json={"role": "admin"})
    assert r.status_code == 403
    with httpx.Client(base_url=server.url, timeout=60) as c:
        forged = {"Authorization": "Bearer spt_00000000000000aa_known"}
        assert c.get("/api/v1/whoami", headers=forged).status_code == 401
    with sqlite3.connect(db) as conn:
        found = conn.execute(
            "SELECT count(*) FROM audit_events WHERE action = 'access:unsealed-row' "
            "AND resource = 'principal:eve'"
        ).fetchone()[0]
    assert found >= 1  # the planted row is recorded, not silent
    # a viewer who points the command line at an empty database of their own is an
    # administrator there, and nobody on the server: its token is unknown to the server
    env = {k: v for k, v in server.env.items() if k not in ("SECPLAN_DATABASE_URL", "SECPLAN_HOME")}
    env |= {
        "SECPLAN_HOME": str(tmp_path / "eve"),
        "SECPLAN_DATABASE_URL": f"sqlite:///{tmp_path}/own.db",
    }
    run = lambda *a, stdin=None: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "secplan", *a], env=env, input=stdin, capture_output=True, text=True
    )
    r = run("users", "add", "eve", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    r = run("login", "eve", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    local = (tmp_path / "eve" / "session").read_text().strip()
    with httpx.Client(base_url=server.url, timeout=60) as c:
        assert (
            c.get("/api/v1/whoami", headers={"Authorization": f"Bearer {local}"}).status_code == 401
        )
    # with SECPLAN_SERVER set, the command line asks the server, whatever the local database
    env |= {"SECPLAN_SERVER": server.url, "SECPLAN_TOKEN": server.tokens["eve"]}
    r = run("whoami")
    assert r.returncode == 0, r.stderr
    assert (
        "eve (user" in r.stdout and "viewer on project:beta" in r.stdout and "admin" not in r.stdout
    )


def test_command_line_through_the_server(server: Server, tmp_path: Path) -> None:
    proj = tmp_path / "alpha"
    proj.mkdir()
    (proj / "train.py").write_text("import pickle\nmodel = pickle.load(open('m.pkl', 'rb'))\n")
    env = {k: v for k, v in server.env.items() if k not in ("SECPLAN_DATABASE_URL",)}
    r = server.api("alice", "POST", "/api/v1/tokens", json={"scopes": ["scan:upload"], "days": 1})
    env |= {"SECPLAN_HOME": str(tmp_path / "home"), "SECPLAN_TOKEN": r.json()["token"]}
    run = lambda *a, stdin=None, e=env: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "secplan", *a], env=e, input=stdin, capture_output=True, text=True
    )
    before = len(server.api("root", "GET", "/api/v1/projects/alpha").json()["assessments"])
    r = run("scan", str(proj), "--format", "json", "--upload", f"{server.url}/projects/alpha")
    assert r.returncode in (0, 1), r.stderr
    assert "uploaded assessment" in r.stderr
    after = server.api("root", "GET", "/api/v1/projects/alpha").json()["assessments"]
    assert len(after) == before + 1 and len(after[0]["controls"]) == 30
    # to a project the token cannot reach: a one-line error, exit 2
    r = run("scan", str(proj), "--format", "json", "--upload", f"{server.url}/projects/beta")
    assert r.returncode == 2 and r.stderr.strip().splitlines()[-1].startswith("secplan: error:")
    # login stores the server's token (0600); waivers go through the server
    e2 = {k: v for k, v in env.items() if k != "SECPLAN_TOKEN"}
    r = run("login", server.url, "--user", "alice", "--password-stdin", stdin=PASSWORD + "\n", e=e2)
    assert r.returncode == 0, r.stderr
    stored = tmp_path / "home" / "server-login.json"
    assert stored.stat().st_mode & 0o777 == 0o600
    e2["SECPLAN_SERVER"] = server.url
    r = run(
        "waiver",
        "request",
        "--rule",
        "DP001",
        "--justification",
        "replaced by safetensors soon",
        "--risk",
        "low",
        "--expires",
        LATER,
        "--id",
        "WV-CLI",
        "--project",
        str(proj),
        e=e2,
    )
    assert r.returncode == 0, r.stderr
    r = run("waiver", "list", "--project", str(proj), "--format", "json", e=e2)
    listed = {w["id"]: w for w in __import__("json").loads(r.stdout)}
    assert listed["WV-CLI"]["state"] == "pending" and listed["WV-CLI"]["requester"] == "alice"
    r = run("waiver", "approve", "WV-CLI", "--project", str(proj), e=e2)
    assert r.returncode == 2  # alice may not approve
    r = server.api("bob", "POST", "/api/v1/projects/alpha/exceptions/WV-CLI/approve", json={})
    assert r.status_code == 200, r.text
    # pulled into the project's waivers, signed; pushed to another project, only a request
    # there (an approval on alpha approves nothing on cli-in)
    r = run("waiver", "pull", "--project", str(proj), e=e2)
    assert r.returncode == 0, r.stderr
    pulled = proj / ".secplan" / "waivers" / "WV-CLI.toml"
    assert 'approver = "bob"' in pulled.read_text()
    assert (proj / ".secplan" / "waivers" / "WV-CLI.toml.sig").is_file()
    assert (
        server.api("root", "POST", "/api/v1/projects", json={"name": "cli-in"}).status_code == 200
    )
    server.api(
        "root",
        "POST",
        "/api/v1/users/alice/roles",
        json={"role": "ml-engineer", "scope": "project:cli-in"},
    )
    r = run(
        "waiver", "push", str(pulled), "--server-project", "cli-in", "--project", str(proj), e=e2
    )
    assert r.returncode == 0, r.stderr
    assert "WV-CLI: pending" in r.stdout


def test_bom_upload_feeds_the_third_party_register(server: Server, tmp_path: Path) -> None:
    proj = tmp_path / "alpha"
    (proj / "models").mkdir(parents=True)
    (proj / "models" / "bert.onnx").write_bytes(b"\x08\x07" + b"\0" * 64)
    (proj / "requirements.txt").write_text("torch==2.6.0\n")
    (proj / ".secplan" / "models").mkdir(parents=True)
    (proj / ".secplan" / "models" / "bert.toml").write_text(
        'path = "models/bert.onnx"\nsource = "hf://google-bert/bert-base-uncased"\n'
        'revision = "86b5e09"\nlicence = "Apache-2.0"\n'
    )
    env = {k: v for k, v in server.env.items() if k != "SECPLAN_DATABASE_URL"}
    env["SECPLAN_HOME"] = str(tmp_path / "home")
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "secplan", "bom", str(proj), *a],
        env=env,
        capture_output=True,
        text=True,
    )
    url = f"{server.url}/projects/alpha"
    for scopes, code in ((["scan:upload"], 2), (["register:write"], 0)):
        r = server.api("alice", "POST", "/api/v1/tokens", json={"scopes": scopes, "days": 1})
        env["SECPLAN_TOKEN"] = r.json()["token"]
        r = run("--output", str(tmp_path / "bom.json"), "--upload", url)
        assert r.returncode == code, r.stderr
    assert "from the records 1 added, 1 updated" in r.stderr, r.stderr  # the vendor; the file
    listed = server.api("alice", "GET", "/api/v1/projects/alpha/third-parties").json()
    got = {e["name"]: e for e in listed}
    bert = got["models/bert.onnx"]
    assert bert["provenance"] == "pkg:huggingface/google-bert/bert-base-uncased@86b5e09"
    assert bert["licence"] == "Apache-2.0" and len(bert["sha256"]) == 64
    assert got["torch"]["provenance"] == "pkg:pypi/torch@2.6.0"
    assert (tmp_path / "bom.json").is_file()
    r = run("--upload", "https://example.org/not-a-project")
    assert r.returncode == 2 and "not a project URL" in r.stderr


def test_malformed_uploads_are_one_line_errors(server: Server) -> None:
    for body in (b"{", b"[]", b'{"schema": "other"}', b"[" * 100_000 + b"]" * 100_000):
        r = server.api("root", "POST", "/api/v1/projects/alpha/assessments", content=body)
        assert r.status_code == 400, (body[:20], r.text)
        assert "\n" not in r.json()["error"]
    doc = report([])
    doc["controls"] = [{"id": "HS4", "status": "<b>owned</b>"}]
    r = upload(server, "root", "alpha", doc)
    assert r.status_code == 400 and "unknown status" in r.json()["error"]


@pytest.mark.postgres
def test_on_postgresql(pg_server: Server) -> None:
    pg_server.tokens["root"] = pg_server.login("root", "correct horse battery staple")
    assert pg_server.api("root", "POST", "/api/v1/projects", json={"name": "p"}).status_code == 200
    assert upload(pg_server, "root", "p", report([("f1", "DP001")])).status_code == 200
    assert upload(pg_server, "root", "p", report([("f2", "DP002")], hs4="pass")).status_code == 200
    (p,) = pg_server.api("root", "GET", "/api/v1/projects").json()["projects"]
    assert p["controls"]["HS4"] == "pass"
    ids = [
        a["id"] for a in pg_server.api("root", "GET", "/api/v1/projects/p").json()["assessments"]
    ]
    d = pg_server.api("root", "GET", f"/api/v1/projects/p/diff?base={ids[1]}&head={ids[0]}").json()
    assert [f["fingerprint"] for f in d["new"]] == ["f2"]
    assert [f["fingerprint"] for f in d["fixed"]] == ["f1"]


def test_second_factor_from_the_pages(server: Server) -> None:
    import time

    import pyotp

    r = server.api("root", "POST", "/api/v1/users", json={"name": "fay", "password": PASSWORD})
    assert r.status_code == 200
    c, csrf = browser_login(server, "fay")
    try:
        assert c.post("/me/mfa/enroll", data={}).status_code == 403  # no CSRF token
        page = c.post("/me/mfa/enroll", data={"csrf": csrf})
        assert page.status_code == 200
        secret = re.search(r"<code>([A-Z2-7]{16,})</code>", page.text)
        assert secret, page.text
        totp = pyotp.TOTP(secret[1])
        bad = c.post("/me/mfa/confirm", data={"csrf": csrf, "code": "000000"})
        good_code = totp.now()
        if good_code == "000000":
            pytest.skip("the current code happens to be 000000")
        assert bad.status_code == 400
        r = c.post("/me/mfa/confirm", data={"csrf": csrf, "code": good_code})
        assert r.status_code == 200 and "Second factor enabled" in r.text
    finally:
        c.close()
    with server.client() as anon:
        r = anon.post("/api/v1/login", json={"name": "fay", "password": PASSWORD})
        assert r.status_code == 401  # the password alone no longer opens a session
        later = totp.at(time.time() + totp.interval)
        r = anon.post("/api/v1/login", json={"name": "fay", "password": PASSWORD, "code": later})
        assert r.status_code == 200 and r.json()["mfa"] is True


def test_request_bodies_are_limited_before_login(server: Server) -> None:
    """Only report uploads may be large; a chunked body (no length to check beforehand) to
    any other route is cut off at the same limit as one with a length, even unauthenticated."""
    big = b"x" * (2 * 1024 * 1024)

    def chunks() -> Any:
        for i in range(0, len(big), 65536):
            yield big[i : i + 65536]

    with server.client() as c:
        r = c.post("/api/v1/login", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413, r.text
        r = c.post("/api/v1/login", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413, r.text
        r = c.post("/login", content=chunks())
        assert r.status_code == 413, r.text
        assert r.headers["x-content-type-options"] == "nosniff"


def test_odd_input_is_never_an_internal_error(server: Server) -> None:
    """Values the parsers accept but the database or the checks did not expect: a one-line
    4xx with the security headers, never a 500 (nor a traceback in the log, checked by the
    fixture)."""
    doc = report([])
    doc["controls"] = [{"id": "HS4", "status": ["fail"]}]
    r = upload(server, "root", "alpha", doc)
    assert r.status_code == 400 and "unknown status" in r.json()["error"], r.text
    huge = 2**70
    r = server.api("root", "GET", f"/api/v1/projects/alpha/diff?base={huge}&head={huge}")
    assert r.status_code == 404, r.text
    r = server.api("root", "GET", f"/projects/alpha?base={huge}&head={huge}")
    assert r.status_code == 404, r.text
    assert r.headers["content-security-policy"].startswith("default-src 'none'")


def test_login_reports_a_second_factor_only_when_one_was_checked(server: Server) -> None:
    # alice has no second factor: a code sent with her password is not checked, and the
    # session it opens cannot do what needs one, so the answer must not say "mfa"
    with server.client() as c:
        r = c.post("/api/v1/login", json={"name": "alice", "password": PASSWORD, "code": "1"})
    assert r.status_code == 200, r.text
    assert r.json()["mfa"] is False
    token = r.json()["token"]
    with server.client() as c:
        who = c.get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"}).json()
    assert who["mfa"] is False


def test_a_chosen_id_does_not_block_numbered_requests(server: Server) -> None:
    """An id picked ahead of the numbering (by anyone who may request) used to make every
    request without an id, the web form's, fail as 'already exists'."""
    server.api("root", "POST", "/api/v1/projects", json={"name": "numbered"})
    year = dt.date.today().year
    for wid in (f"WV-{year}-002", f"WV-{year}-003"):
        r = server.api(
            "root", "POST", "/api/v1/projects/numbered/exceptions", json=exception(id=wid)
        )
        assert r.status_code == 200, r.text
    got = set()
    for _ in range(2):
        r = server.api("root", "POST", "/api/v1/projects/numbered/exceptions", json=exception())
        assert r.status_code == 200, r.text
        got.add(r.json()["id"])
    assert len(got) == 2 and not got & {f"WV-{year}-002", f"WV-{year}-003"}


def test_an_expired_request_cannot_be_approved(server: Server) -> None:
    """A request whose expiry has passed while it waited is refused, not approved for a
    period that is already over."""
    r = server.api("alice", "POST", "/api/v1/projects/alpha/exceptions", json=exception(id="WV-7"))
    assert r.status_code == 200, r.text
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE exceptions SET expires = ? WHERE wid = 'WV-7'", (yesterday,))
    r = server.api("bob", "POST", "/api/v1/projects/alpha/exceptions/WV-7/approve", json={})
    assert r.status_code == 409 and "expired" in r.text
    state = {
        e["id"]: e["state"]
        for e in server.api("bob", "GET", "/api/v1/projects/alpha/exceptions").json()
    }
    assert state["WV-7"] == "pending"
