"""Authorized, audited operations: anonymize and re-identify through access control."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from secplan.access import Actor
from secplan.data.keys import StaticKeySource
from secplan.data.ops import run_anonymize, run_reidentify
from secplan.errors import AccessDenied
from secplan.services import open_services

PASSWORD = "correct horse battery staple"
KEYS = StaticKeySource(b"k" * 32)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _dataset(root: Path) -> Path:
    p = root / "data.csv"
    with p.open("w", newline="") as fh:
        csv.writer(fh).writerows([["name", "ssn"], ["Maria Gonzalez", "536-22-1847"]])
    (root / "policy.toml").write_text(
        'vault = "v1"\n[entities]\nUS_SSN = { action = "tokenize" }\ndefault = { action = "tag" }\n'
    )
    return p


def _tokenize(root: Path) -> Path:
    svc = open_services()
    try:
        run_anonymize(
            svc, _dataset(root), root / "tok.csv", root / "policy.toml", jobs=1, keys=KEYS
        )
    finally:
        svc.close()
    return root / "tok.csv"


def test_local_admin_reidentifies_and_everything_is_audited(home: Path) -> None:
    tok = _tokenize(home)
    assert "536-22-1847" not in tok.read_text() and "TOK_US_SSN_" in tok.read_text()
    svc = open_services()
    try:
        counts, unknown = run_reidentify(svc, tok, home / "back.csv", "v1", "default", keys=KEYS)
        assert counts == {"US_SSN": 1} and unknown == 0
        assert "536-22-1847" in (home / "back.csv").read_text()
        events = svc.trail.events()
        actions = [(e.action, e.outcome) for e in events]
        assert ("data:anonymize", "allowed") in actions and (
            "data:reidentify",
            "allowed",
        ) in actions
        assert all("536-22-1847" not in e.details and "Maria" not in e.details for e in events)
    finally:
        svc.close()


def _users(svc) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    ac = svc.access
    ac.add_principal(ac.local_actor(), "alice", password=PASSWORD, roles=("admin",))
    # granting data-steward (which holds MFA actions) takes an administrator who passed MFA
    admin = Actor(name="alice", kind="user", bindings=(("admin", "*"),), mfa=True, via="session")
    ac.add_principal(admin, "eve", password=PASSWORD, roles=("ml-engineer",))
    ac.add_principal(admin, "dan", password=PASSWORD, roles=("data-steward",))
    return ac.login("eve", PASSWORD).token, ac.login("dan", PASSWORD).token


@pytest.mark.parametrize("who", ["eve", "dan"])  # no role; the role but no second factor
def test_reidentify_is_denied_without_the_right_session_and_the_denial_is_audited(
    home: Path, monkeypatch: pytest.MonkeyPatch, who: str
) -> None:
    tok = _tokenize(home)
    svc = open_services()
    eve, dan = _users(svc)
    svc.close()
    monkeypatch.setenv("SECPLAN_TOKEN", eve if who == "eve" else dan)
    svc = open_services()
    try:
        with pytest.raises(AccessDenied):
            run_reidentify(svc, tok, home / "back.csv", "v1", "default", keys=KEYS)
        assert not (home / "back.csv").exists()
        denied = svc.trail.events(action="data:reidentify", outcome="denied")
        assert [e.actor for e in denied] == [who]
    finally:
        svc.close()


def test_anonymize_is_denied_to_a_viewer(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _dataset(home)
    svc = open_services()
    ac = svc.access
    ac.add_principal(ac.local_actor(), "alice", password=PASSWORD, roles=("admin",))
    admin = ac.actor_from_token(ac.login("alice", PASSWORD).token)
    ac.add_principal(admin, "vic", password=PASSWORD, roles=("viewer",))
    token = ac.login("vic", PASSWORD).token
    svc.close()
    monkeypatch.setenv("SECPLAN_TOKEN", token)
    svc = open_services()
    try:
        with pytest.raises(AccessDenied):
            run_anonymize(svc, data, home / "out.csv", home / "policy.toml", jobs=1, keys=KEYS)
        assert not (home / "out.csv").exists()
        assert svc.trail.events(action="data:anonymize", outcome="denied")
    finally:
        svc.close()


def test_a_run_that_leaves_personal_data_is_audited_as_failed(home: Path) -> None:
    from secplan.data.anonymize import ResidualPersonalData

    src = _dataset(home)
    (home / "leaky.toml").write_text('[columns.ssn]\naction = "generalize"\nkeep = 64\n')
    svc = open_services()
    try:
        with pytest.raises(ResidualPersonalData):
            run_anonymize(svc, src, home / "out.csv", home / "leaky.toml", jobs=1, keys=KEYS)
        assert not (home / "out.csv").exists()
        failed = list(svc.trail.events(action="data:anonymize", outcome="failed"))
        assert len(failed) == 1
        assert json.loads(failed[0].details)["residual"] == {"US_SSN": 1}
        assert "536-22-1847" not in failed[0].details
    finally:
        svc.close()
