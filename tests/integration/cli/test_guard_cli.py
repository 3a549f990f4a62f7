"""``secplan guard check``: exit codes and one-line errors; ``serve`` refuses a bad upstream."""

from __future__ import annotations

import json
from pathlib import Path

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
