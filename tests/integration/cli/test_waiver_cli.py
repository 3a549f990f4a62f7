"""``secplan waiver request|approve|list``: exit codes, one-line errors, the access layer
(``waiver:approve`` with a second factor; the requester cannot approve) and the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from secplan.access import Actor
from secplan.cli.app import app
from secplan.services import Services, open_services
from tests.helpers import scan, trust_approver, write
from tests.unit.code import tokens as T

pytest.importorskip("model_signing")

EXPIRES = (dt.date.today() + dt.timedelta(days=90)).isoformat()
PASSWORD = "a long enough password"


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_error(r: Result, *needles: str) -> None:
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("secplan: error: "), r.stderr
    for n in needles:
        assert n in lines[0], lines[0]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SECPLAN_TOKEN", raising=False)
    root = tmp_path / "proj"
    write(root, "settings.py", f'AWS_ACCESS_KEY_ID = "{T.aws_key_id()}"\n')
    write(root, "secplan.toml", '[governance]\napprovers = ["carol"]\n')
    write(root, ".git/HEAD", "ref: refs/heads/main\n")
    monkeypatch.chdir(root)
    return root


def _request(*extra: str) -> Result:
    return cli(
        "waiver",
        "request",
        "--rule",
        "CD201",
        "--path",
        "settings.py",
        "--justification",
        "Test account without access to anything real.",
        "--risk",
        "high",
        "--mitigation",
        "Key rotated weekly",
        "--expires",
        EXPIRES,
        "--requester",
        "bob",
        *extra,
    )


def _states() -> dict[str, str]:
    r = cli("waiver", "list", "--format", "json")
    assert r.exit_code == 0, r.output
    return {w["id"]: w["state"] for w in json.loads(r.stdout)}


def test_request_approve_list_and_scan(project: Path) -> None:
    r = _request()
    year = dt.date.today().year
    assert r.exit_code == 0, r.output
    rid = f"WV-{year}-001"
    assert f"requested {rid} -> .secplan/waivers/{rid}.toml" in r.stdout
    assert _states() == {rid: "unapproved"}
    key = trust_approver(project, "carol")
    r = cli(
        "waiver",
        "approve",
        f".secplan/waivers/{rid}.toml",
        "--key",
        str(key),
        "--approver",
        "carol",
    )
    assert r.exit_code == 0, r.output
    assert (project / f".secplan/waivers/{rid}.toml.sig").is_file()
    assert _states() == {rid: "active"}
    a = scan(project, as_of=dt.date.today())
    assert [(f.rule, w) for f, w in a.report.suppressed] == [("CD201", rid)]
    svc = open_services()
    try:
        [event] = svc.trail.events(action="waiver:approved")
        details = json.loads(event.details)
        assert event.resource == f"waiver:.secplan/waivers/{rid}.toml"
        assert details["approver"] == "carol" and len(details["sha256"]) == 64
        assert [e.outcome for e in svc.trail.events(action="waiver:approve")] == ["allowed"]
        assert len(list(svc.trail.events(action="waiver:requested"))) == 1
    finally:
        svc.close()
    # a second request gets the next id; the same id again is refused
    assert _request().exit_code == 0 and (project / f".secplan/waivers/WV-{year}-002.toml").exists()
    one_line_error(_request("--id", rid), "already exists")


def test_requester_cannot_approve_their_own_request(project: Path) -> None:
    assert _request("--id", "W-1").exit_code == 0
    key = trust_approver(project, "bob")
    r = cli(
        "waiver", "approve", ".secplan/waivers/W-1.toml", "--key", str(key), "--approver", "bob"
    )
    one_line_error(r, "bob requested this waiver and cannot approve it")
    assert not (project / ".secplan/waivers/W-1.toml.sig").exists()
    svc = open_services()
    try:
        [denied] = svc.trail.events(action="waiver:approve", outcome="denied")
        assert "cannot approve" in json.loads(denied.details)["reason"]
    finally:
        svc.close()


def test_key_outside_the_trust_policy_is_refused(project: Path, tmp_path: Path) -> None:
    assert _request("--id", "W-1").exit_code == 0
    trust_approver(project, "carol")
    other = trust_approver(tmp_path / "other", "carol")  # carol's key in another project
    r = cli(
        "waiver", "approve", ".secplan/waivers/W-1.toml", "--key", str(other), "--approver", "carol"
    )
    one_line_error(r, "is not one of carol's keys in [governance] approver_keys")
    assert _states() == {"W-1": "unapproved"}


@pytest.mark.parametrize(
    "args, needle",
    [
        (("waiver", "approve", "missing.toml", "--key", "k.pem"), "not a waiver file"),
        (("waiver", "request", "--risk", "low", "--justification", "long enough text",
          "--expires", EXPIRES), "name exactly one of control or rule"),
        (("waiver", "request", "--rule", "CD201", "--control", "PS2", "--risk", "low",
          "--justification", "long enough text", "--expires", EXPIRES), "exactly one"),
        (("waiver", "request", "--rule", "CD201", "--risk", "low", "--justification", "short",
          "--expires", EXPIRES), "justification"),
        (("waiver", "request", "--rule", "CD201", "--risk", "low", "--id", "../x",
          "--justification", "long enough text", "--expires", EXPIRES), "cannot name a file"),
    ],
)  # fmt: skip
def test_input_errors_are_one_line_exit_2(
    project: Path, args: tuple[str, ...], needle: str
) -> None:
    one_line_error(cli(*args), needle)


@pytest.mark.parametrize(
    "args",
    [
        ("waiver", "approve"),  # no file
        ("waiver", "approve", "x.toml"),  # no --key
        ("waiver", "request", "--rule", "CD201"),  # missing options
        (
            "waiver",
            "request",
            "--risk",
            "extreme",
            "--justification",
            "x" * 10,
            "--expires",
            "2027-01-01",
        ),
        ("waiver", "list", "--format", "xml"),
        ("waiver", "nonsense"),
    ],
)
def test_usage_errors_exit_2(project: Path, args: tuple[str, ...]) -> None:
    assert cli(*args).exit_code == 2


def test_list_reports_pending_hand_written_waivers(project: Path) -> None:
    write(
        project,
        ".secplan/waivers/hand.toml",
        'rule = "CD201"\njustification = "Written by hand, never approved."\nrisk = "low"\n'
        f'requester = "bob"\napprover = "carol"\napproved = 2026-01-01\nexpires = {EXPIRES}\n',
    )
    r = cli("waiver", "list")
    assert (
        r.exit_code == 0
        and "hand  CD201  unsigned" in r.stdout
        and "no approval signature" in r.stdout
    )


# -- multi-user mode ------------------------------------------------------------------------


@pytest.fixture
def multi_user(project: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    svc = open_services()
    svc.access.add_principal(svc.access.local_actor(), "root", password=PASSWORD, roles=("admin",))
    monkeypatch.setattr("secplan.cli.waiver.services", lambda: svc)
    yield svc  # type: ignore[misc]
    svc.close()


def _act(svc: Services, name: str, role: str, *, mfa: bool) -> None:
    svc._actor = Actor(name=name, kind="user", bindings=((role, "*"),), mfa=mfa, via="session")


def test_multi_user_approval_needs_the_role_and_a_second_factor(
    project: Path, multi_user: Services
) -> None:
    _act(multi_user, "bob", "ml-engineer", mfa=False)
    request = ("waiver", "request", "--rule", "CD201", "--id", "W-1", "--risk", "low")
    assert cli(*request, "--justification", "long enough text", "--expires", EXPIRES).exit_code == 0
    key = trust_approver(project, "carol")
    approve = ("waiver", "approve", ".secplan/waivers/W-1.toml", "--key", str(key))
    one_line_error(cli(*approve), "no role of bob grants waiver:approve")
    _act(multi_user, "carol", "security-officer", mfa=False)
    one_line_error(cli(*approve), "waiver:approve needs multi-factor authentication")
    _act(multi_user, "carol", "security-officer", mfa=True)
    one_line_error(cli(*approve, "--approver", "dana"), "carol cannot act as 'dana'")
    r = cli(*approve)
    assert r.exit_code == 0, r.output
    assert "approved W-1 as carol" in r.stdout
    assert json.loads(cli("waiver", "list", "-f", "json").stdout)[0]["requester"] == "bob"
    assert _states() == {"W-1": "active"}
    outcomes = [e.outcome for e in multi_user.trail.events(action="waiver:approve")]
    # refused: no role, no second factor, acting as another (after an allowed decision)
    assert outcomes == ["denied", "denied", "allowed", "denied", "allowed"]


def test_commands_from_outside_the_project(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _request("--id", "W-1", "--project", str(project)).exit_code == 0
    key = trust_approver(project, "carol")
    w = project / ".secplan/waivers/W-1.toml"
    r = cli("waiver", "approve", str(w), "--key", str(key), "--approver", "carol")
    assert r.exit_code == 0, r.output
    r = cli("waiver", "list", "--project", str(project), "-f", "json")
    assert [x["state"] for x in json.loads(r.stdout)] == ["active"]
    svc = open_services()
    try:
        [event] = svc.trail.events(action="waiver:approved")
        assert event.resource == "waiver:.secplan/waivers/W-1.toml"
    finally:
        svc.close()
