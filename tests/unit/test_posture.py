"""Posture: every status, with its reasons, from findings, facts, evidence and waivers."""

from __future__ import annotations

import pickle
from pathlib import Path

from secplan.model import Status
from tests.helpers import scan, sign_waivers, write

CSV = "a,b\n1,2\n3,4\n5,6\n"


def _status(root: Path, control: str, **kw: object) -> tuple[Status, tuple[str, ...]]:
    c = scan(root, **kw).posture.get(control)
    return c.status, c.reasons


def test_every_control_has_a_status_and_a_reason(tmp_path: Path) -> None:
    a = scan(tmp_path)
    assert len(a.posture.controls) == 30
    assert all(c.reasons for c in a.posture.controls)


def test_not_applicable_says_what_would_make_it_apply(tmp_path: Path) -> None:
    status, reasons = _status(tmp_path, "MS2")
    assert status is Status.NOT_APPLICABLE
    assert reasons == ("applies when the project has: serving; none found",)


def test_serving_code_makes_serving_controls_apply(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "from fastapi import FastAPI\napp = FastAPI()\n")
    status, reasons = _status(tmp_path, "MS2")
    assert status is Status.NEEDS_EVIDENCE and "applies: serving (found in app.py)" in reasons


def test_the_word_fastapi_in_a_string_is_not_serving(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "doc = 'import fastapi'\n# import flask\n")
    assert _status(tmp_path, "MS2")[0] is Status.NOT_APPLICABLE


def test_profile_makes_controls_apply(tmp_path: Path) -> None:
    write(tmp_path, "secplan.toml", "[profile]\ndevelops_models = true\n")
    assert _status(tmp_path, "SC2")[0] is Status.NEEDS_EVIDENCE
    assert _status(tmp_path, "MS1")[0] is Status.PASS  # checks ran: nothing unsigned


def test_fail_and_partial(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", pickle.dumps(1, protocol=4))
    status, reasons = _status(tmp_path, "MS1")
    assert status is Status.FAIL and reasons[0].startswith("1 finding(s), worst medium: MF001")
    assert _status(tmp_path, "MS3")[0] is Status.PARTIAL  # only a low finding (MF004)


def test_manual_control_passes_with_current_evidence_only(tmp_path: Path) -> None:
    assert _status(tmp_path, "HS1")[0] is Status.NEEDS_EVIDENCE
    write(
        tmp_path,
        ".secplan/evidence/t.toml",
        'control = "HS1"\ntitle = "Training 2026"\n'
        'owner = "carol"\ndate = 2026-01-01\nexpires = 2027-01-01\n',
    )
    status, reasons = _status(tmp_path, "HS1")
    assert status is Status.PASS and "evidence: Training 2026" in reasons[0]
    write(
        tmp_path,
        ".secplan/evidence/t.toml",
        'control = "HS1"\ntitle = "Training 2025"\n'
        'owner = "carol"\ndate = 2025-01-01\nexpires = 2026-01-01\n',
    )
    status, reasons = _status(tmp_path, "HS1")
    assert status is Status.PARTIAL  # expired evidence: EV001 (low) and no proof
    assert any("evidence expired: Training 2025" in r for r in reasons)


def test_whole_control_waiver(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".secplan/waivers/w.toml",
        """
        control = "HS2"
        justification = "Attested by the agency."
        risk = "low"
        requester = "bob"
        approver = "carol"
        approved = 2026-06-01
        expires = 2027-05-31
        """,
    )
    sign_waivers(tmp_path)
    status, reasons = _status(tmp_path, "HS2")
    assert status is Status.WAIVED and reasons[0].startswith(
        "waived by w (.secplan/waivers/w.toml)"
    )


def test_expired_waiver_waives_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".secplan/waivers/w.toml",
        """
        control = "HS2"
        justification = "Attested by the agency."
        risk = "low"
        requester = "bob"
        approver = "carol"
        approved = 2025-06-01
        expires = 2026-05-31
        """,
    )
    a = scan(tmp_path)
    assert a.posture.get("HS2").status is Status.NEEDS_EVIDENCE
    assert a.posture.get("HS4").status is Status.FAIL  # EV003


def test_rule_waiver_with_path_scope(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "numpy\n")
    write(tmp_path, "tools/requirements.txt", "pandas\n")
    write(
        tmp_path,
        ".secplan/waivers/w.toml",
        """
        rule = "DP001"
        paths = ["tools/"]
        justification = "Developer tools are never deployed."
        risk = "low"
        requester = "bob"
        approver = "carol"
        approved = 2026-06-01
        expires = 2027-05-31
        """,
    )
    sign_waivers(tmp_path)
    a = scan(tmp_path)
    assert [f.location.path for f in a.report.findings if f.rule == "DP001"] == ["requirements.txt"]
    assert [(f.location.path, w) for f, w in a.report.suppressed] == [
        ("tools/requirements.txt", "w")
    ]
    write(tmp_path, "requirements.txt", "numpy==1.26.4\n")
    status, reasons = _status(tmp_path, "PS2")
    assert status is Status.WAIVED and "1 finding(s) waived by w" in reasons


def test_control_waiver_does_not_waive_the_other_controls_of_a_finding(tmp_path: Path) -> None:
    write(tmp_path, "Dockerfile", "FROM python:3.11\n")  # CF001 bears on PS7 and MS6
    write(
        tmp_path,
        ".secplan/waivers/w.toml",
        """
        control = "PS7"
        paths = ["Dockerfile"]
        justification = "Legacy image, replaced next quarter."
        risk = "medium"
        requester = "bob"
        approver = "carol"
        approved = 2026-06-01
        expires = 2027-05-31
        """,
    )
    sign_waivers(tmp_path)
    a = scan(tmp_path)
    assert a.posture.get("PS7").status is Status.WAIVED
    assert a.posture.get("MS6").status is Status.FAIL
    assert [f.rule for f in a.report.findings].count("CF001") == 1  # still reported


def test_sensitive_dataset_brings_obligations(tmp_path: Path) -> None:
    write(tmp_path, "data/c.csv", CSV, mode=0o600)
    write(
        tmp_path,
        ".secplan/datasets/c.toml",
        'path = "data/c.csv"\nlabel = "confidential"\nretention_until = 2030-01-01\n',
    )
    a = scan(tmp_path)
    ds4 = a.posture.get("DS4")
    assert ds4.status is Status.NEEDS_EVIDENCE
    assert any(r.startswith("obligation: 1 confidential/restricted dataset") for r in ds4.reasons)
    assert a.posture.get("DS1").status is Status.FAIL  # plaintext


def test_unlabelled_data_keeps_label_dependent_controls_from_passing(tmp_path: Path) -> None:
    write(tmp_path, "data/c.csv", CSV, mode=0o600)
    a = scan(tmp_path)
    ds1 = a.posture.get("DS1")
    assert ds1.status is Status.PARTIAL and "no sensitivity label" in ds1.reasons[0]


def test_ignored_rules_are_named_in_the_reasons(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", pickle.dumps(1, protocol=4))
    write(tmp_path, "secplan.toml", 'ignore = ["MF001"]\n')
    status, reasons = _status(tmp_path, "MS1")
    assert status is Status.NEEDS_EVIDENCE  # one check did not run: nothing proves the rest
    assert reasons[0].startswith("not assessed: 1 of its") and "(MF001)" in reasons[0]
    from secplan.scanners import default_registry

    ms3 = [r.id for r in default_registry(plugins=False).rules if "MS3" in r.controls]
    write(tmp_path, "secplan.toml", f"ignore = {ms3!r}\n".replace("'", '"'))
    status, reasons = _status(tmp_path, "MS3")
    assert status is Status.NEEDS_EVIDENCE
    assert f"({', '.join(ms3)})" in reasons[0]
