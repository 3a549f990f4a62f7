"""The engine: failures are recorded, never silently clean; plugins; select/ignore."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from secplan.config import Settings
from secplan.engine import scan as engine_scan
from secplan.governance.records import Records
from secplan.model import Artifact, ArtifactKind, ControlId, Finding, Rule, Severity, Status
from secplan.scanners import BUILTINS, NOT_VERIFIED, build_registry
from secplan.scanners._base import ScanContext
from tests.helpers import deny_reading, findings_of, rules_of, scan, write

BOOM = Rule(
    id="ZZ001",
    name="boom",
    title="boom",
    severity=Severity.LOW,
    controls=(ControlId("MS4"),),
    summary="s",
    rationale="r",
    remediation="f",
)


class ExplodingScanner:
    name: ClassVar[str] = "exploding"
    rules: ClassVar[tuple[Rule, ...]] = (BOOM,)

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.MODEL

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        raise RecursionError("hostile input")


def test_a_raising_scanner_becomes_an_error_and_a_finding(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", pickle.dumps(1, protocol=4))
    registry = build_registry(
        (*BUILTINS, ExplodingScanner()), plugins=False, engine_rules=(NOT_VERIFIED,)
    )
    report = engine_scan(tmp_path, Settings(), Records(), registry, as_of=date(2026, 12, 2))
    assert [(e.path, e.scanner) for e in report.errors] == [("m.pkl", "exploding")]
    [f] = [f for f in report.findings if f.rule == "SX001"]
    assert f.location.path == "m.pkl" and set(f.controls) == {"SC5", "MS4"}
    assert "RecursionError: hostile input" in f.message


def test_unreadable_file_fails_the_controls_its_checks_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "model.pkl", b"\x80\x04K\x01.")
    deny_reading(monkeypatch, "model.pkl")
    a = scan(tmp_path)
    [f] = findings_of(a, "SX001")
    assert {"SC5", "MS1", "MS4"} <= set(f.controls)
    assert a.posture.get("SC5").status is Status.FAIL


def test_select_and_ignore_prefixes(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", pickle.dumps(1, protocol=4))
    write(tmp_path, "requirements.txt", "numpy\n")
    write(tmp_path, "secplan.toml", 'select = ["MF"]\nignore = ["MF004"]\n')
    assert sorted(set(rules_of(scan(tmp_path)))) == ["MF001", "MF002", "MF003"]


def test_severity_override(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "numpy\n")
    write(tmp_path, "secplan.toml", '[severity]\nDP001 = "critical"\n')
    assert findings_of(scan(tmp_path), "DP001")[0].severity is Severity.CRITICAL


def _install_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module_src: str, target: str
) -> None:
    site = tmp_path / "site"
    write(site, "demo_plugin.py", module_src)
    write(
        site,
        "demo_plugin-1.0.dist-info/METADATA",
        "Metadata-Version: 2.1\nName: demo-plugin\nVersion: 1.0\n",
    )
    write(
        site, "demo_plugin-1.0.dist-info/entry_points.txt", f"[secplan.scanners]\ndemo = {target}\n"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "demo_plugin", raising=False)


PLUGIN = """
from secplan.model import ControlId, Location, Rule, Severity

NOTE = Rule(id="PX001", name="todo-file", title="TODO file", severity=Severity.LOW,
            controls=(ControlId("SC5"),), summary="s", rationale="r", remediation="f")


class TodoScanner:
    name = "todo"
    rules = (NOTE,)

    def applies_to(self, artifact):
        return artifact.name == "TODO"

    def scan(self, artifact, ctx):
        yield NOTE.at(Location(path=artifact.relpath), "a TODO file")
"""


def test_entry_point_plugin_is_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_plugin(tmp_path, monkeypatch, PLUGIN, "demo_plugin:TodoScanner")
    project = tmp_path / "p"
    write(project, "TODO", "x\n")
    a = scan(project, plugins=True)
    assert [f.location.path for f in findings_of(a, "PX001")] == ["TODO"]
    assert "PX001" in [r.id for r in a.registry.rules]


def test_broken_plugin_is_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install_plugin(
        tmp_path,
        monkeypatch,
        "raise ImportError('missing dependency')\n",
        "demo_plugin:TodoScanner",
    )
    project = tmp_path / "p"
    write(project, "a.py", "x = 1\n")
    a = scan(project, plugins=True)
    assert [(e.scanner, e.message) for e in a.report.errors] == [
        ("demo", "plugin failed to load: ImportError: missing dependency")
    ]


def test_source_date_epoch_sets_the_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from secplan.engine import run

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert run(tmp_path, plugins=False).report.run.as_of == date(2026, 1, 1)
