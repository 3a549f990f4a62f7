"""Golden files for the JSON and SARIF reports of the demo project."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from secplan.engine import Assessment
from secplan.report import render_json, render_sarif
from tests.conftest import check_golden
from tests.helpers import scan


def _fixed(a: Assessment) -> Assessment:
    run = dataclasses.replace(
        a.report.run,
        started=datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
        duration_s=0.0,
        tool_version="0.0.0-golden",
        actor="golden",  # the OS user differs between machines
    )
    return dataclasses.replace(a, report=dataclasses.replace(a.report, run=run))


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))  # no vulnerability database


def test_json_golden(demo_project: Path, update_golden: bool) -> None:
    check_golden("demo.json", render_json(_fixed(scan(demo_project))), update_golden)


def test_sarif_golden(demo_project: Path, update_golden: bool) -> None:
    check_golden("demo.sarif", render_sarif(_fixed(scan(demo_project))), update_golden)
