"""Access commands from the CLI: one-line errors (exit 2) on bad input, ids that round-trip,
password changes that ask for the current password, and ``secplan scan`` under access control.

The commands run in this process (typer's runner), with Argon2 at its cheapest parameters, so
the many logins stay quick; one test runs ``python -m secplan`` itself."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from secplan.access import credentials
from tests.integration.cli.test_audit_cli import PASSWORD
from tests.integration.cli.test_audit_cli import sp as subprocess_sp

NEW_PASSWORD = "another long enough password"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("SECPLAN_HOME", str(h))
    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(credentials, "_hasher", cheap)
    return h


@dataclass
class Ran:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    exception: BaseException | None


def sp(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Ran:
    from secplan.cli.app import app

    r = CliRunner().invoke(app, list(args), input=stdin, env=env)
    return Ran(args, r.exit_code, r.stdout, r.stderr, r.exception)


def _one_line_error(r: Ran) -> None:
    err = r.stderr
    assert r.returncode == 2, (r.args, err, r.exception)
    assert isinstance(r.exception, SystemExit), (r.args, r.exception)  # no traceback
    assert len(err.strip().splitlines()) == 1 and err.startswith("secplan: error: "), err


def _admin_session() -> None:
    r = sp("users", "add", "alice", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    assert sp("login", "alice", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0


def test_a_short_password_is_a_one_line_error(home: Path) -> None:
    r = subprocess_sp(
        "users", "add", "alice", "--role", "admin", "--password-stdin", stdin="short\n"
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith("secplan: error: ") and len(r.stderr.strip().splitlines()) == 1
    assert "12" in r.stderr


BAD_INPUTS = [
    ("users", "add", "bad name", "--service"),
    ("users", "add", "x/../y", "--service"),
    ("users", "add", "bob", "--service", "--role", "no-such-role"),
    ("users", "disable", "ghost"),
    ("users", "unlock", "ghost"),
    ("roles", "grant", "alice", "viewer", "--on", "dataset:data/%2e%2e/*"),
    ("roles", "grant", "ghost", "viewer"),
    ("roles", "revoke", "alice", "viewer"),
    ("tokens", "create", "--days", "0"),
    ("tokens", "create", "--scope", "nothing:*"),
    ("tokens", "revoke", "not-an-id"),
    ("tokens", "revoke", "0123456789abcdef"),
    ("mfa", "confirm", "123456"),
    ("mfa", "enroll", "--user", "ghost"),
]


def test_bad_input_to_access_commands_is_a_one_line_error(home: Path) -> None:
    _admin_session()
    for args in BAD_INPUTS:
        _one_line_error(sp(*args))


def test_prompts_without_input_are_one_line_errors(home: Path) -> None:
    _admin_session()
    _one_line_error(sp("login", "alice", stdin=""))
    _one_line_error(sp("users", "add", "bob"))  # no terminal and no --password-stdin
    _one_line_error(sp("users", "passwd", "--password-stdin", stdin=PASSWORD + "\n"))


def test_tokens_revoke_takes_the_ids_tokens_list_prints(home: Path) -> None:
    _admin_session()
    assert sp("users", "add", "ci", "--service", "--role", "ml-engineer").returncode == 0
    token = sp("tokens", "create", "--user", "ci", "--scope", "scan:run").stdout.strip()
    listing = sp("tokens", "list", "--user", "ci").stdout  # a table, 80 columns wide
    [shown] = re.findall(r"^\s*(\S+)\s+│\s+ci\s", listing, flags=re.M)
    r = sp("tokens", "revoke", shown)
    assert r.returncode == 0, r.stderr
    assert "invalid, expired or revoked" in sp("whoami", env={"SECPLAN_TOKEN": token}).stderr
    # the token itself, or spt_<id>, name the same token
    second = sp("tokens", "create", "--user", "ci").stdout.strip()
    assert sp("tokens", "revoke", second).returncode == 0
    assert sp("tokens", "revoke", "_".join(second.split("_")[:2])).returncode == 0


def test_changing_ones_own_password_asks_for_the_current_one(home: Path) -> None:
    _admin_session()
    wrong = sp("users", "passwd", "--password-stdin", stdin=f"not it at all\n{NEW_PASSWORD}\n")
    _one_line_error(wrong)
    assert "current password" in wrong.stderr
    ok = sp("users", "passwd", "--password-stdin", stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n")
    assert ok.returncode == 0, ok.stderr
    assert sp("whoami").stdout.startswith("alice")  # the session in use stays
    assert sp("login", "alice", "--password-stdin", stdin=NEW_PASSWORD + "\n").returncode == 0


def _project(root: Path) -> Path:
    root.mkdir()
    with (root / "people.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(
            [["name", "ssn"], ["Maria Gonzalez", "536-22-1847"], ["John Smith", "219-09-9999"]]
        )
    return root


def test_scan_needs_the_permission_data_scan_needs(home: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj")
    _admin_session()
    assert (
        sp(
            "users", "add", "vic", "--role", "viewer", "--password-stdin", stdin=PASSWORD + "\n"
        ).returncode
        == 0
    )
    assert sp("logout").returncode == 0
    # anonymous: both commands refuse, and nothing of the data is printed
    for args in (("scan", str(project)), ("data", "scan", str(project / "people.csv"))):
        r = sp(*args, "-f", "json")
        _one_line_error(r)
        assert "not logged in" in r.stderr and "536" not in r.stdout + r.stderr
    # a viewer may read dataset records but not run scans
    assert sp("login", "vic", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    r = sp("scan", str(project), "-f", "json")
    _one_line_error(r)
    assert "scan:run" in r.stderr
    assert sp("logout").returncode == 0
    assert sp("login", "alice", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    r = sp("scan", str(project), "-f", "json")
    assert r.returncode in (0, 1), r.stderr
    out = sp("audit", "log", "-f", "json", "--action", "data:read").stdout
    log = [json.loads(line) for line in out.splitlines()]
    assert any(e["resource"].endswith("people.csv") and e["outcome"] == "allowed" for e in log)


def test_a_folder_scope_does_not_reach_through_dotdot_or_symlinks(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secplan.access import Actor
    from secplan.services import open_services

    project = tmp_path / "proj"
    (project / "data" / "private").mkdir(parents=True)
    (project / "data" / "public").mkdir()
    (project / "data" / "private" / "payroll.csv").write_text("name,salary\nA,1\n")
    (project / "data" / "public" / "open.csv").write_text("name\nA\n")
    (project / "data" / "public" / "link").symlink_to(project / "data" / "private")
    svc = open_services()
    ac = svc.access
    ac.add_principal(ac.local_actor(), "alice", password=PASSWORD, roles=("admin",))
    admin = Actor(name="alice", kind="user", bindings=(("admin", "*"),), mfa=True, via="session")
    ac.add_principal(admin, "bob", password=PASSWORD)
    ac.grant(admin, "bob", "data-steward", "dataset:data/public/**")
    bob = {"SECPLAN_TOKEN": ac.create_token(admin, "bob", days=1).token}
    svc.close()
    monkeypatch.chdir(project)
    share = ("share", "create", "--to", "age1x", "--purpose", "p", "--expires", "2030-01-01")
    share += ("--sign-key", "k.pem", "-o", "out.bundle")
    for path in ("data/public/../private/payroll.csv", "data/public/link/payroll.csv"):
        r = sp(*share[:2], path, *share[2:], env=bob)
        _one_line_error(r)
        assert "may not data:share on dataset:data/private/payroll.csv" in r.stderr
    r = sp("data", "sign", "data/public/link/payroll.csv", "--key", "k.pem", env=bob)
    _one_line_error(r)
    assert "may not data:sign on dataset:data/private/payroll.csv" in r.stderr
    sp(*share[:2], "data/public/open.csv", *share[2:], env=bob)  # allowed; fails later on the key
    svc = open_services()
    allowed = [e.resource for e in svc.trail.events(action="data:share", outcome="allowed")]
    svc.close()
    assert allowed == ["dataset:data/public/open.csv"]
