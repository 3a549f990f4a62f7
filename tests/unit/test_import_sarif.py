"""``secplan scan --import``: other tools' SARIF merged into the posture report."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from secplan.errors import ConfigError
from secplan.importers import import_sarif
from secplan.model import Severity
from tests.helpers import findings_of, scan, write

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())


@pytest.mark.parametrize("name", ["bandit.sarif", "trivy.sarif"])
def test_fixtures_are_valid_sarif(name: str) -> None:
    jsonschema.validate(json.loads((DATA / "sarif" / name).read_text()), SCHEMA)


def test_bandit_results_map_to_controls(tmp_path: Path) -> None:
    found = import_sarif(DATA / "sarif" / "bandit.sarif", tmp_path)
    assert [
        (f.message.split("]")[0], f.controls, f.severity, f.location.path, f.location.line)
        for f in found
    ] == [
        ("[Bandit B301", ("MS4", "MS1"), Severity.MEDIUM, "serve.py", 14),
        ("[Bandit B105", ("DS2",), Severity.LOW, "config/settings.py", 3),
    ]  # the result suppressed in bandit itself is not imported
    assert found[0].rule == "SX101" and "pickle" in found[0].remediation


def test_security_severity_and_unknown_tools(tmp_path: Path) -> None:
    cve, other = import_sarif(DATA / "sarif" / "trivy.sarif", tmp_path)
    assert cve.severity is Severity.CRITICAL and cve.controls == ("PS1", "PS2")
    assert other.controls == ("SC5",) and other.location.path == "."


def test_imported_findings_join_the_posture(tmp_path: Path) -> None:
    write(tmp_path, "serve.py", "x = 1\n")
    a = scan(tmp_path, imports=(DATA / "sarif" / "trivy.sarif",))
    [f] = [f for f in findings_of(a, "SX101") if "CVE" in f.message]
    assert f.fingerprint in a.posture.get("PS1").findings
    assert "SX101" in [r.id for r in a.registry.rules]


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not JSON"),
        ('{"version": "2.0.0", "runs": []}', "not a SARIF 2.1.0 log"),
    ],
)
def test_bad_files_are_config_errors(tmp_path: Path, content: str, message: str) -> None:
    bad = write(tmp_path, "bad.sarif", content)
    with pytest.raises(ConfigError, match=message):
        import_sarif(bad, tmp_path)
