"""The protect tests' shared fixture and command-line helpers (in process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from secplan.cli.app import app


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_error(r: Result) -> str:
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("secplan: error: "), r.stderr
    return lines[0]


def keys() -> list[dict[str, object]]:
    r = cli("keys", "list", "-f", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # type: ignore[no-any-return]
