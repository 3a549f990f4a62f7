"""``secplan scan`` end to end: exit codes, one-line errors, formats, the demo project."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from secplan.catalog import CONTROL_IDS
from tests.helpers import write

SCHEMA = json.loads((Path(__file__).parents[2] / "data" / "sarif-schema-2.1.0.json").read_text())


def secplan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "secplan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def scan_json(path: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    r = secplan("scan", str(path), "--format", "json", "--as-of", "2026-12-02", *extra)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_demo_json_lists_all_controls_with_reasons_and_findings_in_four_pillars(
    demo_project: Path,
) -> None:
    data = scan_json(demo_project)
    assert [c["id"] for c in data["controls"]] == list(CONTROL_IDS)
    assert all(c["status"] and c["reasons"] for c in data["controls"])
    pillar_of = {c["id"]: c["pillar"] for c in data["controls"]}
    pillars = {pillar_of[c] for f in data["findings"] for c in f["controls"]}
    assert len(pillars) >= 4, pillars
    statuses = {c["status"] for c in data["controls"]}
    assert {"fail", "pass", "needs-evidence", "waived"} <= statuses


def test_demo_sarif_validates_against_the_schema(demo_project: Path) -> None:
    r = secplan("scan", str(demo_project), "--format", "sarif", "--as-of", "2026-12-02")
    sarif = json.loads(r.stdout)
    jsonschema.validate(sarif, SCHEMA)
    run = sarif["runs"][0]
    assert all(rule["help"]["text"] for rule in run["tool"]["driver"]["rules"])
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]


def test_exit_codes_follow_fail_on(demo_project: Path) -> None:
    base = ("scan", str(demo_project), "--as-of", "2026-12-02", "--format", "json")
    assert secplan(*base).returncode == 1  # high findings, default fail_on = high
    assert secplan(*base, "--fail-on", "critical").returncode == 1  # the downloaded model
    assert secplan(*base, "--fail-on", "critical", "--ignore", "MF101").returncode == 0
    assert secplan(*base, "--select", "EV001").returncode == 0  # only a low finding left
    assert secplan(*base, "--select", "EV001", "--fail-on", "low").returncode == 1


def test_clean_project_exits_zero(tmp_path: Path) -> None:
    write(
        tmp_path, "INCIDENT_RESPONSE.md", "# Roles\n# Containment\n# Forensics\n# Communication\n"
    )
    # the audit trail's checkpoint is kept in the project, as AU003 asks
    assert (
        secplan(
            "audit",
            "checkpoint",
            "--export",
            str(tmp_path / ".secplan" / "audit-checkpoints") + "/",
        ).returncode
        == 0
    )
    r = secplan("scan", str(tmp_path), "--as-of", "2026-12-02")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No findings." in r.stdout
    assert "No [profile] in secplan.toml" in r.stdout


@pytest.mark.parametrize(
    "setup, args, expected",
    [
        (
            None,
            ("scan", "{root}/missing"),
            "missing: no such file or directory (check the path to scan)",
        ),
        ({"secplan.toml": "fail_on = [\n"}, ("scan", "{root}"), "secplan.toml: invalid TOML"),
        (
            {
                ".secplan/waivers/w.toml": 'control = "PS2"\njustification = "A good reason."\n'
                'risk = "low"\nrequester = "a"\nexpires = "2026-01-01"\n'
            },
            ("scan", "{root}"),
            ".secplan/waivers/w.toml: expires: Input should be a valid date (write a TOML date",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, setup: dict[str, str] | None, args: tuple[str, ...], expected: str
) -> None:
    for rel, content in (setup or {}).items():
        write(tmp_path, rel, content)
    r = secplan(*(a.format(root=tmp_path) for a in args))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("scan", ".", "--format", "xml"),
        ("scan", ".", "--fail-on", "severe"),
        ("scan", ".", "--as-of", "yesterday"),
        ("scan", ".", "--report", "out.docx"),
        ("scan",),
        ("controls", "show", "ZZ9"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    r = secplan(*args, cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_output_and_reports_are_written(demo_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "r.sarif"
    r = secplan(
        "scan",
        str(demo_project),
        "--as-of",
        "2026-12-02",
        "--output",
        str(out),
        "--format",
        "sarif",
        "--report",
        str(tmp_path / "r.html"),
        "--report",
        str(tmp_path / "r.json"),
        "--report",
        str(tmp_path / "r.xml"),
    )
    assert r.returncode == 1 and r.stdout == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert json.loads((tmp_path / "r.json").read_text())["schema"] == "secplan-report"
    assert "<testsuites" in (tmp_path / "r.xml").read_text()


def test_table_output_shows_posture_and_findings(demo_project: Path) -> None:
    r = secplan("scan", str(demo_project), "--as-of", "2026-12-02")
    assert "Posture by pillar" in r.stdout and "Top findings" in r.stdout
    assert "\x1b[" not in r.stdout  # no colour codes when stdout is not a terminal


def test_junit_has_one_case_per_control(demo_project: Path) -> None:
    import xml.etree.ElementTree as ET

    r = secplan("scan", str(demo_project), "--as-of", "2026-12-02", "--format", "junit")
    root = ET.fromstring(r.stdout)
    cases = root.findall(".//testcase")
    assert [c.get("name", "").split()[0] for c in cases] == list(CONTROL_IDS)
    by_id = {c.get("name", "").split()[0]: c for c in cases}
    assert by_id["DS1"].find("failure") is not None
    assert by_id["HS2"].find("skipped") is not None  # waived
    assert by_id["HS1"].find("failure") is None and by_id["HS1"].find("skipped") is None


def test_controls_and_rules_commands() -> None:
    r = secplan("controls")
    assert r.returncode == 0 and all(c in r.stdout for c in CONTROL_IDS)
    r = secplan("controls", "show", "ms4")
    assert r.returncode == 0
    assert "MF002" in r.stdout and "OWASP" in r.stdout and "AML.M0014" in r.stdout
    shown = json.loads(secplan("controls", "show", "MS4", "--format", "json").stdout)
    assert shown["id"] == "MS4" and shown["crosswalk"]["owasp_ml_2023"]
    r = secplan("rules", "--format", "json")
    assert {x["id"] for x in json.loads(r.stdout)} >= {"DT101", "MF001", "CF001", "EV006", "SX001"}


def test_version_and_help() -> None:
    assert secplan("--version").stdout.startswith("secplan ")
    r = secplan("scan", "--help")
    assert r.returncode == 0 and "--fail-on" in r.stdout and "Examples" in r.stdout


def test_target_that_is_not_a_file_or_directory_exits_2(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe")
    r = secplan("scan", str(tmp_path / "pipe"))
    assert r.returncode == 2
    assert r.stderr.strip().endswith("pipe: not a file or directory (scan a project directory)")


def test_unreadable_record_exits_2_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".secplan" / "waivers" / "w.toml").mkdir(parents=True)  # unreadable as a file
    r = secplan("scan", str(tmp_path))
    assert r.returncode == 2
    assert r.stderr.strip() == (
        "secplan: error: .secplan/waivers/w.toml: cannot read (Is a directory) "
        "(check the file's permissions)"
    )


def test_progress_bar_is_drawn_only_on_a_terminal(demo_project: Path) -> None:
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # child: stderr is the terminal, stdout too
        os.execv(
            sys.executable,
            [
                sys.executable,
                "-m",
                "secplan",
                "scan",
                str(demo_project),
                "--format",
                "json",
                "--output",
                os.devnull,
            ],
        )
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    assert b"scanning" in b"".join(chunks)
    piped = secplan("scan", str(demo_project), "--format", "json")
    assert "scanning" not in piped.stderr


def test_secplans_own_reports_in_a_scanned_tree_are_not_private_keys(tmp_path: Path) -> None:
    """A report or baseline left in the project holds every rule's documentation; none of it
    may read as a secret."""
    project = tmp_path / "project"
    write(project, "train.py", "import pickle\nmodel = pickle.load(open('m.pkl', 'rb'))\n")
    for fmt in ("sarif", "json", "html"):
        r = secplan("scan", str(project), "--format", fmt, "--output", str(tmp_path / f"r.{fmt}"))
        assert r.returncode in (0, 1), r.stderr
    reports = tmp_path / "reports"
    reports.mkdir()
    for fmt in ("sarif", "json", "html"):
        (tmp_path / f"r.{fmt}").rename(reports / f"secplan.{fmt}")
    found = scan_json(reports, "--select", "CD2")["findings"]
    assert [f["rule"] for f in found] == []
