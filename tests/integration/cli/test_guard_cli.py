"""``secplan guard check``: exit codes and one-line errors; ``serve`` refuses a bad upstream."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from secplan.cli.app import app


def test_check_lists_routes_and_refuses_a_bad_policy(tmp_path: Path) -> None:
    policy = tmp_path / "guard.toml"
    policy.write_text(
        "[[route]]\nname = 'chat'\npath = '/v1/chat/completions'\n"
        "protocol = 'openai-chat'\npublic = true\n"
    )
    r = CliRunner().invoke(app, ["guard", "check", "--policy", str(policy), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["protocol"] == "openai-chat"
    policy.write_text("[[route]]\nname = 'chat'\npath = '/x'\nprotocol = 'grpc'\n")
    r = CliRunner().invoke(app, ["guard", "check", "--policy", str(policy)])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "guard.toml: route.0.protocol" in lines[0]


def test_serve_refuses_an_upstream_that_is_not_a_url(tmp_path: Path) -> None:
    policy = tmp_path / "guard.toml"
    policy.write_text("[[route]]\nname = 'a'\npath = '/a'\n")
    r = CliRunner().invoke(
        app,
        ["guard", "serve", "--policy", str(policy), "--upstream", "localhost:8080"],
        env={"SECPLAN_HOME": str(tmp_path / "h")},
    )
    assert r.exit_code == 2
    assert "not an http or https URL" in r.stderr


def test_report_summarises_the_guard_events_of_the_trail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secplan.audit.events import EventIn, Outcome
    from secplan.services import open_services

    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    svc = open_services()
    reasons = [{"code": "injection", "action": "reject", "message": "m"}]
    block = EventIn(
        actor="app",
        action="guard:block",
        resource="model:chat",
        outcome=Outcome.DENIED,
        details={"route": "chat", "reasons": reasons},
    )
    flag = {"route": "iris", "reasons": [{"code": "out-of-distribution", "action": "flag"}]}
    svc.trail.append_many(
        [
            block,
            block,
            EventIn(actor="bob", action="guard:flag", resource="model:iris", details=flag),
            EventIn(
                actor="guard",
                action="guard:policy-reload",
                resource="policy:guard.toml",
                outcome=Outcome.FAILED,
                details={"error": "guard.toml: route.0.path"},
            ),
            EventIn(actor="alice", action="data:read", resource="dataset:x"),
        ]
    )
    svc.close()
    r = CliRunner().invoke(app, ["guard", "report", "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["events"] == 4 and doc["blocks"] == 2 and doc["flags"] == 1
    assert doc["block_reasons"] == {"injection": 2}
    assert doc["blocks_by_caller"] == {"app": 2}
    assert doc["flag_reasons"] == {"out-of-distribution": 1}
    assert doc["policy_reloads"] == 1 and "route.0.path" in doc["failed_reloads"][0]
    text = CliRunner().invoke(app, ["guard", "report"]).stdout
    assert "Blocks: 2; by reason: injection 2" in text
