"""``--select`` and ``--ignore``: a control whose checks did not all run is never ``pass``, and a
rule id or prefix that names no rule is a usage error, never a silent filter."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.config import Settings
from secplan.errors import ConfigError
from secplan.model import Status
from tests.helpers import deny_reading, findings_of, scan, write


def _project(root: Path) -> Path:
    write(root, "data/customers.csv", "name,email\nMaria Gonzalez,maria.g@mail.es\n")
    write(root, "requirements.txt", "numpy==1.26.4\n")
    write(root, "Dockerfile", "FROM python:3.12@sha256:" + "a" * 64 + "\nUSER app\n")
    write(root, "model.pkl", pickle.dumps(1, protocol=4))
    write(root, "INCIDENT_RESPONSE.md", "# Roles\n# Containment\n# Forensics\n# Communication\n")
    return root


def _select(*patterns: str):  # type: ignore[no-untyped-def]
    return lambda s: dataclasses.replace(s, select=patterns)


def test_controls_whose_checks_were_not_selected_are_not_assessed(tmp_path: Path) -> None:
    a = scan(_project(tmp_path), settings_hook=_select("MF"))
    for cid in ("DS4", "PS7", "HS3"):
        c = a.posture.get(cid)
        assert c.status is Status.NEEDS_EVIDENCE, (cid, c.reasons)
        assert c.reasons[0].startswith("not assessed: ")
        assert "--select/--ignore" in c.reasons[0]
        assert not any("found nothing" in r for r in c.reasons)
    assert Status.PASS not in {c.status for c in a.posture.controls}


def test_a_control_whose_checks_all_ran_is_judged_as_before(tmp_path: Path) -> None:
    write(tmp_path, "secplan.toml", "[profile]\ndevelops_models = true\n")
    full = scan(tmp_path).posture.get("MS1")
    assert full.status is Status.PASS
    only = scan(tmp_path, settings_hook=_select("MF", "CD", "DT308", "CF102", "CF121"))
    assert only.posture.get("MS1").status is Status.PASS


def test_findings_of_the_checks_that_ran_still_fail_the_control(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", pickle.dumps(1, protocol=4))
    c = scan(tmp_path, settings_hook=_select("MF001")).posture.get("MS1")
    assert c.status is Status.FAIL
    assert any(r.startswith("not assessed in full: ") for r in c.reasons)


def test_ignoring_one_check_keeps_its_controls_from_passing(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", pickle.dumps(1, protocol=4))
    write(tmp_path, "secplan.toml", 'ignore = ["MF001", "MF004"]\n')
    c = scan(tmp_path).posture.get("MS3")
    assert c.status is Status.NEEDS_EVIDENCE and "MF004" in c.reasons[0]


def test_coverage_gaps_survive_select(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "model.pkl", b"\x80\x04K\x01.")
    deny_reading(monkeypatch, "model.pkl")
    a = scan(tmp_path, settings_hook=_select("DP"))
    assert findings_of(a, "SX001")  # a file nobody could read is never filtered away
    assert a.posture.get("MS4").status is Status.FAIL


@pytest.mark.parametrize(
    ("field", "pattern", "suggestion"),
    [
        ("select", "ZZ999", ""),
        ("select", "DT1O1", "DT101"),
        ("ignore", "MF1O1", "MF101"),
        ("ignore", "SX001", ""),
    ],
)
def test_unknown_patterns_in_settings_name_the_file(
    tmp_path: Path, field: str, pattern: str, suggestion: str
) -> None:
    write(tmp_path, "secplan.toml", f'{field} = ["{pattern}"]\n')
    with pytest.raises(ConfigError) as caught:
        scan(tmp_path)
    message = caught.value.message
    assert message.startswith(f"secplan.toml: {field}: ")
    assert pattern in message
    if suggestion:
        assert f"did you mean {suggestion}" in message


def test_settings_given_directly_are_checked_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="select: unknown rule or prefix 'ZZ'"):
        scan(tmp_path, settings=Settings(select=("ZZ",)))


def secplan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "secplan", *args], capture_output=True, text=True, timeout=120
    )


def test_unknown_rule_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    r = secplan("scan", str(tmp_path), "--select", "ZZ999", "--format", "json")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert r.stderr.startswith("secplan: error: --select: unknown rule or prefix 'ZZ999'")
    assert "secplan rules" in r.stderr
    r = secplan("scan", str(tmp_path), "--ignore", "dp00l")
    assert r.returncode == 2 and "--ignore: unknown rule or prefix 'DP00L'" in r.stderr
    assert "did you mean DP001" in r.stderr
