"""``secplan audit``, ``users``, ``tokens``, ``login``: the trail and access from the CLI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD = "a long enough password"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("SECPLAN_HOME", str(h))
    return h


def sp(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "secplan", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_scan_is_recorded_and_the_trail_verifies(home: Path, demo_project: Path) -> None:
    assert sp("scan", str(demo_project), "-f", "json").returncode == 1
    log = sp("audit", "log", "-f", "json", "--action", "scan:*")
    [event] = [json.loads(line) for line in log.stdout.splitlines()]
    assert event["resource"] == "project:demo-project" and event["actor"].startswith("os:")
    assert event["details"]["findings"]["high"] >= 1
    r = sp("audit", "verify")
    assert r.returncode == 0 and r.stdout.startswith("audit trail verified:")


def test_tampering_is_reported_with_exit_1(home: Path) -> None:
    sp("audit", "checkpoint")
    sp("audit", "log")
    con = sqlite3.connect(home / "secplan.db")
    con.execute("update audit_events set actor = 'mallory' where seq = 1")
    con.commit()
    con.close()
    r = sp("audit", "verify", "-f", "json")
    assert r.returncode == 1
    assert (
        "event 1: content does not match its leaf hash (modified)"
        in json.loads(r.stdout)["problems"]
    )


def _truncate_two(home: Path) -> None:
    """Delete the two newest events and every stored checkpoint."""
    con = sqlite3.connect(home / "secplan.db")
    size = con.execute("select max(seq) from audit_events").fetchone()[0]
    con.execute("delete from audit_events where seq >= ?", (size - 1,))
    con.execute("delete from audit_checkpoints")
    con.commit()
    con.close()


def test_exported_checkpoint_catches_truncation(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "cps"
    for _ in range(3):
        sp("audit", "log")
    assert sp("audit", "checkpoint", "--export", str(out)).returncode == 0
    [exported] = list(out.glob("*.checkpoint"))
    _truncate_two(home)
    r = sp("audit", "verify", "--checkpoint", str(out))
    assert (r.returncode == 1 and "truncated" in r.stdout) or "head says" in r.stdout
    assert exported.read_text().startswith("secplan.audit/")


def test_inclusion_and_consistency_proofs(home: Path) -> None:
    sp("audit", "log")
    sp("audit", "checkpoint")
    sp("audit", "log")
    sp("audit", "checkpoint")
    proof = json.loads(sp("audit", "prove", "1").stdout)
    assert proof["verified"] is True and proof["leaf_index"] == 0
    con = sqlite3.connect(home / "secplan.db")
    old, new = [
        r[0] for r in con.execute("select tree_size from audit_checkpoints order by tree_size")
    ][:2]
    con.close()
    r = sp("audit", "consistency", str(old), str(new))
    assert r.returncode == 0 and json.loads(r.stdout)["verified"] is True
    assert sp("audit", "prove", "999").returncode == 2  # no checkpoint covers it


def test_users_login_tokens_and_denials(home: Path) -> None:
    assert sp("users", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n").returncode == 2
    r = sp("users", "add", "alice", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    # multi-user mode now: the OS user is nobody
    denied = sp("audit", "log")
    assert denied.returncode == 2 and "not logged in" in denied.stderr
    assert sp("whoami").stdout.startswith("os:")
    assert sp("login", "alice", "--password-stdin", stdin="wrong password!!\n").returncode == 2
    assert sp("login", "alice", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    assert sp("whoami").stdout.startswith("alice (user, via session): admin")
    assert sp("users", "add", "ci", "--service", "--role", "ml-engineer").returncode == 0
    token = sp("tokens", "create", "--user", "ci", "--scope", "scan:run").stdout.strip()
    assert token.startswith("spt_")
    # spt_<id>_<secret>; the secret is URL-safe base64 and may itself contain "_"
    _, token_id, token_secret = token.split("_", 2)
    as_ci = {"SECPLAN_TOKEN": token}
    assert sp("whoami", env=as_ci).stdout.startswith("ci (service, via api): ml-engineer")
    assert sp("audit", "log", env=as_ci).returncode == 2  # ml-engineer cannot read the trail
    listing = sp("tokens", "list", "-f", "json").stdout
    assert token_id in listing and token_secret not in listing
    assert json.loads(listing)[-1]["scopes"] == ["scan:run"]
    assert sp("tokens", "revoke", token_id).returncode == 0
    assert "invalid, expired or revoked" in sp("whoami", env=as_ci).stderr
    review = json.loads(sp("users", "list", "-f", "json").stdout)
    alice = next(r for r in review if r["name"] == "alice")
    assert alice["privileged_without_mfa"] is True
    log = sp("audit", "log", "-f", "json").stdout
    assert PASSWORD not in log and token_secret not in log
    assert '"outcome":"denied"' in log
    report = json.loads(sp("audit", "report", "--by", "actor", "-f", "json").stdout)
    assert {"alice", "ci"} <= {r["subject"] for r in report}
    assert sp("logout").returncode == 0
    assert sp("whoami").stdout.startswith("os:")


def test_watch_once_raises_alerts_into_log_and_trail(home: Path, tmp_path: Path) -> None:
    sp("users", "add", "root", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    for _ in range(5):
        sp("audit", "log")  # denied: not logged in
    sp("login", "root", "--password-stdin", stdin=PASSWORD + "\n")
    r = sp("audit", "watch", "--once", "--log", str(tmp_path / "alerts.jsonl"))
    assert r.returncode == 0
    alerts = [json.loads(x) for x in r.stdout.splitlines()]
    assert [a["rule"] for a in alerts] == ["repeated-denials"]
    assert (tmp_path / "alerts.jsonl").read_text().count("repeated-denials") == 1
    assert "alert:raised" in sp("audit", "log", "-f", "json").stdout


def test_verify_against_an_empty_checkpoint_directory_is_an_error(
    home: Path, tmp_path: Path
) -> None:
    sp("audit", "log")
    (tmp_path / "none").mkdir()
    r = sp("audit", "verify", "--checkpoint", str(tmp_path / "none"))
    assert r.returncode == 2
    assert "no *.checkpoint files" in r.stderr


def test_verify_reads_the_project_checkpoints_by_itself(home: Path, tmp_path: Path) -> None:
    import os

    project = tmp_path / "p"
    cps = project / ".secplan" / "audit-checkpoints"
    for _ in range(3):
        sp("audit", "log")
    assert sp("audit", "checkpoint", "--export", str(cps)).returncode == 0
    _truncate_two(home)
    (project / "src").mkdir()
    here = os.getcwd()
    try:
        os.chdir(project / "src")  # anywhere inside the project
        r = sp("audit", "verify", "-f", "json")
    finally:
        os.chdir(here)
    out = json.loads(r.stdout)
    assert r.returncode == 1 and not out["ok"]
    assert out["exported_from"] == [str(cps)]


def test_a_missing_audit_key_file_is_an_error_not_a_silent_downgrade(
    home: Path, tmp_path: Path
) -> None:
    r = sp("audit", "log", env={"SECPLAN_AUDIT_KEY": str(tmp_path / "missing.pem")})
    assert r.returncode == 2
    assert "missing.pem" in r.stderr and "does not exist" in r.stderr


def test_prove_refuses_a_root_the_database_rewrote(home: Path) -> None:
    sp("audit", "log")
    sp("audit", "checkpoint")
    con = sqlite3.connect(home / "secplan.db")
    con.execute("update audit_checkpoints set root_hash = zeroblob(32)")
    con.commit()
    con.close()
    r = sp("audit", "prove", "1")
    assert r.returncode == 1
    assert json.loads(r.stdout)["verified"] is False
    assert "differs from its signed note" in r.stderr
