"""EV00x: evidence expiry and links, waivers, the incident-response plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.governance import headings
from tests.helpers import findings_of, rules_of, scan, sign_waivers, write

FULL_PLAN = """
    # Incident response
    ## Roles and responsibilities
    ## Containment
    ## Forensics and evidence preservation
    ## Communication
    """


def _evidence(root: Path, name: str, expires: str, file: str | None = None) -> None:
    link = f'file = "{file}"\n' if file else ""
    write(
        root,
        f".secplan/evidence/{name}.toml",
        f'control = "PS1"\ntitle = "Pen test"\nowner = "sec"\ndate = 2026-01-01\n'
        f"expires = {expires}\n{link}",
    )


def test_expired_evidence(tmp_path: Path) -> None:
    _evidence(tmp_path, "old", "2026-06-01")
    _evidence(tmp_path, "new", "2027-06-01")
    [f] = findings_of(scan(tmp_path), "EV001")
    assert f.location.path == ".secplan/evidence/old.toml" and f.controls == ("PS1", "SC5")


def test_evidence_link_must_exist_inside_the_project(tmp_path: Path) -> None:
    _evidence(tmp_path, "a", "2027-06-01", "docs/report.pdf")
    _evidence(tmp_path, "b", "2027-06-01", "../outside.pdf")
    write(tmp_path.parent, "outside.pdf", "x")
    fs = findings_of(scan(tmp_path), "EV002")
    assert sorted(f.location.path for f in fs) == [
        ".secplan/evidence/a.toml",
        ".secplan/evidence/b.toml",
    ]
    write(tmp_path, "docs/report.pdf", "%PDF-1.4")
    assert [f.location.path for f in findings_of(scan(tmp_path), "EV002")] == [
        ".secplan/evidence/b.toml"
    ]


def _waiver(root: Path, name: str, **fields: str) -> None:
    base = {
        "control": '"PS2"',
        "justification": '"A reason long enough."',
        "risk": '"low"',
        "requester": '"bob"',
        "approver": '"carol"',
        "approved": "2026-06-01",
        "expires": "2027-01-31",
    }
    base.update(fields)
    body = "".join(f"{k} = {v}\n" for k, v in base.items() if v)
    write(root, f".secplan/waivers/{name}.toml", body)


@pytest.mark.parametrize(
    "fields, rule, text",
    [
        ({"expires": "2026-11-30"}, "EV003", "expired on 2026-11-30"),
        ({"approver": "", "approved": ""}, "EV004", "has no approver"),
        ({"approver": '"bob"'}, "EV004", "approved by its own requester"),
        ({"approved": "2027-01-01", "expires": "2027-02-01"}, "EV004", "in the future"),
        ({"approved": "2026-01-01", "expires": "2027-06-30"}, "EV005", "over the 365-day"),
    ],
)
def test_waiver_problems(tmp_path: Path, fields: dict[str, str], rule: str, text: str) -> None:
    _waiver(tmp_path, "w", **fields)
    [f] = findings_of(scan(tmp_path), rule)
    assert text in f.message and f.controls == ("HS4",)


def test_valid_waiver_is_silent(tmp_path: Path) -> None:
    _waiver(tmp_path, "w")
    sign_waivers(tmp_path)
    assert not {"EV003", "EV004", "EV005", "EV008"} & set(rules_of(scan(tmp_path)))


def test_designated_approvers(tmp_path: Path) -> None:
    _waiver(tmp_path, "w")
    write(tmp_path, "secplan.toml", '[governance]\napprovers = ["dana"]\n')
    [f] = findings_of(scan(tmp_path), "EV004")
    assert "not a designated approver" in f.message


def test_incident_response_plan_missing(tmp_path: Path) -> None:
    [f] = findings_of(scan(tmp_path), "EV006")
    assert f.controls == ("HS3",) and f.location.path == "."


def test_incident_response_plan_complete_in_docs(tmp_path: Path) -> None:
    write(tmp_path, "docs/incident-response.md", FULL_PLAN)
    assert not {"EV006", "EV007"} & set(rules_of(scan(tmp_path)))


def test_incident_response_plan_incomplete(tmp_path: Path) -> None:
    write(
        tmp_path,
        "INCIDENT_RESPONSE.md",
        """
        # Plan
        ## Team and contacts
        We talk about containment and forensics in prose but have no such headings.
        ## Recovery
        """,
    )
    [f] = findings_of(scan(tmp_path), "EV007")
    assert f.message.endswith("containment, forensics, communication")


def test_configured_plan_location(tmp_path: Path) -> None:
    write(
        tmp_path,
        "security/ir.rst",
        "Roles\n=====\n\nContainment\n-----------\n"
        "Forensics\n---------\nCommunication\n-------------\n",
    )
    write(tmp_path, "secplan.toml", '[incident_response]\nplan = ["security/ir.rst"]\n')
    assert not {"EV006", "EV007"} & set(rules_of(scan(tmp_path)))
    write(tmp_path, "secplan.toml", '[incident_response]\nplan = ["security/missing.md"]\n')
    assert "EV006" in rules_of(scan(tmp_path))


def test_headings_markdown_and_underlined() -> None:
    text = "# A\ntext\nB\n===\n  ## C ##\n-----\n"
    assert [h for _, h in headings(text)] == ["A", "B", "C"]
