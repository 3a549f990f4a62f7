"""Reports that stand alone as audit evidence: the evidence and waiver records relied on (files,
SHA-256, dates), the scanned commit, the actor, and the crosswalk of every control, in JSON
and SARIF as in HTML; and a header whose waived count is the posture's."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from secplan.model import Status
from secplan.report import render_json, render_sarif
from tests.helpers import scan, sign_waivers, write

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text())
SHA = "0123456789abcdef0123456789abcdef01234567"
EVIDENCE = (
    'control = "HS1"\ntitle = "Awareness training 2026"\nowner = "carol@example.com"\n'
    'date = 2026-03-02\nexpires = 2027-03-02\nfile = "docs/training.md"\n'
)
WAIVER = (
    'control = "HS2"\njustification = "Contractors screened by their agency."\nrisk = "low"\n'
    'requester = "dev@example.com"\napprover = "carol@example.com"\napproved = 2026-07-15\n'
    "expires = 2027-07-14\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    write(root, "secplan.toml", "[profile]\ndevelops_models = true\n")
    write(root, ".secplan/evidence/training.toml", EVIDENCE)
    write(root, ".secplan/waivers/screening.toml", WAIVER)
    sign_waivers(root, "carol@example.com")
    write(root, "docs/training.md", "# Attendance\n")
    write(root, ".git/HEAD", "ref: refs/heads/main\n")
    write(root, ".git/refs/heads/main", SHA + "\n")
    return root


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_json_carries_commit_actor_evidence_waivers_and_crosswalk(project: Path) -> None:
    a = scan(project)
    assert a.posture.get("HS2").status is Status.WAIVED
    doc = json.loads(render_json(a))
    assert doc["run"]["commit"] == {"sha": SHA, "branch": "main"}
    assert doc["run"]["actor"]
    [ev] = doc["evidence"]
    assert ev["id"] == "training" and ev["control"] == "HS1" and ev["state"] == "current"
    assert ev["date"] == "2026-03-02" and ev["expires"] == "2027-03-02"
    assert ev["record"] == ".secplan/evidence/training.toml"
    assert ev["record_sha256"] == _sha(project / ".secplan/evidence/training.toml")
    assert ev["file"] == "docs/training.md"
    assert ev["file_sha256"] == _sha(project / "docs/training.md")
    [wv] = doc["waivers"]
    assert wv["id"] == "screening" and wv["control"] == "HS2" and wv["state"] == "active"
    assert wv["record_sha256"] == _sha(project / ".secplan/waivers/screening.toml")
    assert wv["approved"] == "2026-07-15" and wv["expires"] == "2027-07-14"
    assert wv["approval"] == "signed"
    assert wv["approval_note"] == "signed with .secplan/trust/carol@example.com.pub"
    ds1 = next(c for c in doc["controls"] if c["id"] == "DS1")
    assert ds1["crosswalk"]["owasp_ml_2023"] == ["ML05"]
    assert {f["id"] for f in doc["frameworks"]} >= {"owasp_ml_2023", "mitre_atlas", "gdpr"}
    assert doc["summary"]["controls"]["waived"] == 1


def test_sarif_run_properties_carry_the_same(project: Path) -> None:
    sarif = json.loads(render_sarif(scan(project)))
    jsonschema.validate(sarif, SCHEMA)
    props = sarif["runs"][0]["properties"]
    assert props["commit"] == {"sha": SHA, "branch": "main"} and props["actor"]
    assert props["evidence"][0]["file_sha256"] == _sha(project / "docs/training.md")
    assert props["waivers"][0]["state"] == "active"
    ds1 = next(c for c in props["controls"] if c["id"] == "DS1")
    assert ds1["crosswalk"]["owasp_ml_2023"] == ["ML05"]


def test_linked_files_that_cannot_be_hashed_say_why(project: Path) -> None:
    write(
        project,
        ".secplan/evidence/gone.toml",
        EVIDENCE.replace("training.md", "gone.pdf").replace("HS1", "HS3"),
    )
    (project / "docs/link.md").symlink_to(project / "docs/training.md")
    write(
        project,
        ".secplan/evidence/link.toml",
        EVIDENCE.replace("training.md", "link.md").replace("HS1", "HS4"),
    )
    doc = json.loads(render_json(scan(project)))
    by_id = {e["id"]: e for e in doc["evidence"]}
    assert by_id["gone"]["file_sha256"] is None and by_id["gone"]["file_note"] == "missing"
    assert by_id["link"]["file_sha256"] is None
    assert by_id["link"]["file_note"] == "not a regular file"


def test_a_scan_outside_a_repository_has_no_commit(tmp_path: Path) -> None:
    doc = json.loads(render_json(scan(tmp_path)))
    assert doc["run"]["commit"] is None and doc["evidence"] == [] and doc["waivers"] == []


def test_the_first_screen_shows_one_finding_of_each_rule_before_repeats() -> None:
    from secplan.model import Confidence, Finding, Location, Severity
    from secplan.report.table import top_findings

    def f(rule: str, sev: Severity, path: str, conf: Confidence = Confidence.HIGH) -> Finding:
        return Finding(
            rule=rule, severity=sev, confidence=conf, location=Location(path=path), message=rule
        )

    many = [f("DT202", Severity.HIGH, f"doc{i}.md") for i in range(20)]
    others = [
        f("CD101", Severity.HIGH, "train.py", Confidence.MEDIUM),
        f("MF101", Severity.CRITICAL, "model.pkl"),
        f("CD202", Severity.HIGH, "Dockerfile", Confidence.LOW),
        f("DP101", Severity.MEDIUM, "requirements.txt"),
    ]
    top = top_findings(tuple(many + others), 5)
    assert [x.rule for x in top] == ["MF101", "DT202", "CD101", "CD202", "DT202"]


def test_the_first_screen_shows_missing_records_after_what_the_files_hold() -> None:
    from secplan.model import Confidence, Finding, Location, Severity
    from secplan.report.table import top_findings

    def f(rule: str, sev: Severity) -> Finding:
        return Finding(
            rule=rule,
            severity=sev,
            confidence=Confidence.HIGH,
            location=Location(path="."),
            message=rule,
        )

    gaps = [f("EV006", Severity.HIGH), f("MF001", Severity.MEDIUM), f("AU003", Severity.MEDIUM)]
    found = [f("CD103", Severity.MEDIUM), f("CF001", Severity.HIGH), f("CD120", Severity.HIGH)]
    top = top_findings(tuple(gaps + found), 6)
    # severity still comes first: a missing high record precedes a medium finding
    assert [x.rule for x in top] == ["CF001", "CD120", "EV006", "CD103", "MF001", "AU003"]
