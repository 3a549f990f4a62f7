"""A real governance server, started once for the module on 127.0.0.1 and a free port, with
its own home and SQLite database; accounts and projects set up through its API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pyotp = pytest.importorskip("pyotp")

ADMIN_PASSWORD = "correct horse battery staple"
PASSWORD = "a long enough test password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    home: Path
    db_url: str
    env: dict[str, str]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)
    totp: dict[str, str] = field(default_factory=dict)

    def client(self, who: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60, follow_redirects=False)

    def api(self, who: str, method: str, path: str, **kw: object) -> httpx.Response:
        with self.client(who) as c:
            return c.request(method, path, **kw)  # type: ignore[arg-type]

    def login(self, name: str, password: str = PASSWORD, code: str | None = None) -> str:
        with self.client() as c:
            r = c.post("/api/v1/login", json={"name": name, "password": password, "code": code})
        assert r.status_code == 200, r.text
        return str(r.json()["token"])


def _start(tmp: Path, db_url: str | None = None) -> tuple[subprocess.Popen[bytes], Server]:
    port = free_port()
    home = tmp / "server-home"
    db_url = db_url or f"sqlite:///{tmp / 'server.db'}"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_") or k == "SECPLAN_HOME"
    }
    env |= {
        "SECPLAN_HOME": str(home),
        "SECPLAN_DATABASE_URL": db_url,
        "SECPLAN_ADMIN_PASSWORD": ADMIN_PASSWORD,
    }
    with (tmp / "server.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "secplan", "serve", "--port", str(port), "--admin", "root"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(url + "/api/openapi.json", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError((tmp / "server.log").read_text(errors="replace"))
        time.sleep(0.2)
    return proc, Server(url, home, db_url, env, log=tmp / "server.log")


def enrol_mfa(srv: Server, name: str, password: str) -> str:
    """Enrol a second factor for ``name``; a session logged in with it."""
    r = srv.api(name, "POST", "/api/v1/me/mfa/enroll")
    assert r.status_code == 200, r.text
    secret = r.json()["secret"]
    totp = pyotp.TOTP(secret)
    r = srv.api(name, "POST", "/api/v1/me/mfa/confirm", json={"code": totp.now()})
    assert r.json() == {"enabled": True}, r.text
    srv.totp[name] = secret
    # a code works once: the login uses the next step's (accepted as clock drift)
    return srv.login(name, password, code=totp.at(time.time() + totp.interval))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Accounts: root (admin, MFA); carol (admin of every project, password only); alice
    (ml-engineer on alpha); bob (security-officer on alpha, MFA); dave (security-officer on
    alpha, password only); eve and mallory (viewers on beta). Projects alpha and beta."""
    proc, srv = _start(tmp_path_factory.mktemp("server"))
    try:
        srv.tokens["root"] = srv.login("root", ADMIN_PASSWORD)
        # granting roles that hold MFA actions takes an administrator with a second factor
        srv.tokens["root"] = enrol_mfa(srv, "root", ADMIN_PASSWORD)
        for name, role, scope in (
            ("alice", "ml-engineer", "project:alpha"),
            ("bob", "security-officer", "project:alpha"),
            ("eve", "viewer", "project:beta"),
            ("mallory", "viewer", "project:beta"),
            ("carol", "admin", "project:*"),
            ("dave", "security-officer", "project:alpha"),
        ):
            r = srv.api("root", "POST", "/api/v1/users", json={"name": name, "password": PASSWORD})
            assert r.status_code == 200, r.text
            r = srv.api(
                "root", "POST", f"/api/v1/users/{name}/roles", json={"role": role, "scope": scope}
            )
            assert r.status_code == 200, r.text
            srv.tokens[name] = srv.login(name)
        for p in ("alpha", "beta"):
            r = srv.api("root", "POST", "/api/v1/projects", json={"name": p})
            assert r.status_code == 200, r.text
        srv.tokens["bob"] = enrol_mfa(srv, "bob", PASSWORD)
        yield srv
    finally:
        _stop(proc)
    # whatever the requests, the server answered each one: no traceback in its log
    assert "Traceback" not in srv.log.read_text(errors="replace")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def pg_server(tmp_path: Path) -> Iterator[Server]:
    """A server on a fresh PostgreSQL schema (skips where PostgreSQL is not reachable)."""
    from tests.dbs import postgres_schema_url

    for url in postgres_schema_url():
        proc, srv = _start(tmp_path, url)
        try:
            yield srv
        finally:
            _stop(proc)
        assert "Traceback" not in srv.log.read_text(errors="replace")
