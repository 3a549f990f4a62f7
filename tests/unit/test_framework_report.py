"""Framework reports: every item's status from hand-built postures, one status at a time."""

from __future__ import annotations

import pytest

from secplan.catalog import load_catalog
from secplan.errors import ConfigError
from secplan.framework_report import (
    EvidenceRef,
    FindingRef,
    ItemStatus,
    framework_report,
    item_status,
)
from secplan.model import ControlId, ControlPosture, Posture, Status

FW = "owasp_ml_2023"


def _posture(default: Status, **statuses: Status) -> Posture:
    """Every control at ``default`` except those named."""
    return Posture(
        controls=tuple(
            ControlPosture(
                control=c.id,
                pillar=c.pillar,
                title=c.title,
                status=statuses.get(c.id, default),
                reasons=(f"{c.id} is {statuses.get(c.id, default).value}",),
            )
            for c in load_catalog().controls
        )
    )


def _mapped(item: str) -> list[str]:
    return [c.id for c in load_catalog().controls if item in c.mapped(FW)]


def test_every_item_passes_when_every_control_passes() -> None:
    report = framework_report(load_catalog(), FW, _posture(Status.PASS))
    assert {i.status for i in report.items} == {ItemStatus.PASS}
    assert report.counts()["pass"] == len(load_catalog().framework(FW).items)


def test_one_failing_control_fails_exactly_the_items_it_maps_to() -> None:
    cat = load_catalog()
    failing = cat.control("DS1")
    report = framework_report(cat, FW, _posture(Status.PASS, DS1=Status.FAIL))
    failed = {i.id for i in report.items if i.status is ItemStatus.FAIL}
    assert failed == set(failing.mapped(FW))
    assert failed  # DS1 maps to at least one OWASP item
    line = next(c for c in report.item(sorted(failed)[0]).controls if c.control == "DS1")
    assert line.status is Status.FAIL and line.reasons == ("DS1 is fail",)


def test_fail_outranks_needs_evidence_which_outranks_pass() -> None:
    cat = load_catalog()
    item = "ML05"
    a, b = _mapped(item)[:2]
    both = framework_report(
        cat, FW, _posture(Status.PASS, **{a: Status.FAIL, b: Status.NEEDS_EVIDENCE})
    )
    assert both.item(item).status is ItemStatus.FAIL
    lacking = framework_report(cat, FW, _posture(Status.PASS, **{b: Status.NEEDS_EVIDENCE}))
    assert lacking.item(item).status is ItemStatus.NEEDS_EVIDENCE


def test_an_item_no_control_maps_to_is_not_mapped() -> None:
    cat = load_catalog()
    fw = cat.framework("nist_ai_rmf_1_0")
    unmapped = [i for i, _ in fw.items if not any(i in c.mapped(fw.id) for c in cat.controls)]
    assert unmapped, "some NIST AI RMF subcategories are outside the plan's controls"
    report = framework_report(cat, fw.id, _posture(Status.FAIL))
    item = report.item(unmapped[0])
    assert item.status is ItemStatus.NOT_MAPPED and item.controls == ()


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], ItemStatus.NOT_MAPPED),
        ([Status.PASS, Status.NOT_APPLICABLE], ItemStatus.PASS),
        ([Status.NOT_APPLICABLE, Status.NOT_APPLICABLE], ItemStatus.NOT_APPLICABLE),
        ([Status.PASS, Status.WAIVED], ItemStatus.WAIVED),
        ([Status.WAIVED, Status.NEEDS_EVIDENCE], ItemStatus.NEEDS_EVIDENCE),
        ([Status.PARTIAL, Status.NEEDS_EVIDENCE], ItemStatus.PARTIAL),
        ([Status.PARTIAL, Status.FAIL, Status.PASS], ItemStatus.FAIL),
        ([Status.PASS, None], ItemStatus.NEEDS_EVIDENCE),
    ],
)
def test_item_status_is_the_worst_applicable_control(
    statuses: list[Status | None], expected: ItemStatus
) -> None:
    assert item_status(statuses) is expected


def test_a_control_the_assessment_does_not_list_needs_evidence() -> None:
    report = framework_report(load_catalog(), FW, Posture(controls=()))
    mapped = [i for i in report.items if i.controls]
    assert mapped and all(i.status is ItemStatus.NEEDS_EVIDENCE for i in mapped)
    assert all(c.status is None for i in mapped for c in i.controls)


def test_findings_and_evidence_behind_a_control_carry_their_details() -> None:
    cat = load_catalog()
    ds1 = ControlPosture(
        control=ControlId("DS1"),
        pillar="data",
        title="Encryption",
        status=Status.FAIL,
        reasons=("1 finding(s), worst high",),
        findings=("fp-1", "fp-unknown"),
        evidence=("EV-1",),
        waivers=("WV-2026-001",),
    )
    report = framework_report(
        cat,
        FW,
        Posture(controls=(ds1,)),
        findings={"fp-1": FindingRef(fingerprint="fp-1", rule="DT201", severity="high")},
        evidence={"EV-1": EvidenceRef(id="EV-1", title="Key rotation log", owner="sec")},
        subject="churn",
        assessed="2026-12-01",
    )
    item = report.item(cat.control("DS1").mapped(FW)[0])
    line = next(c for c in item.controls if c.control == "DS1")
    assert [f.rule for f in line.findings] == ["DT201", ""]
    assert line.findings[1].fingerprint == "fp-unknown"
    assert [e.title for e in line.evidence] == ["Key rotation log"]
    assert line.waivers == ("WV-2026-001",)
    assert item.source.startswith("https://owasp.org/")
    assert (report.subject, report.assessed) == ("churn", "2026-12-01")


def test_an_unknown_framework_names_the_valid_ids() -> None:
    with pytest.raises(ConfigError, match=r"unknown framework 'nist'.*nist_ai_rmf_1_0"):
        framework_report(load_catalog(), "nist", Posture(controls=()))


def test_every_free_text_is_escaped_in_the_html() -> None:
    from secplan.report.framework import from_report, render_html

    evil = "<script>alert(1)</script>"
    doc = {
        "schema": "secplan-report",
        "run": {"root": evil, "started": evil},
        "controls": [
            {
                "id": "DS1",
                "title": evil,
                "status": "fail",
                "reasons": [evil],
                "findings": ["fp"],
                "evidence": ["EV-1"],
                "waivers": [evil],
            }
        ],
        "findings": [
            {
                "id": "fp",
                "rule": evil,
                "severity": evil,
                "message": evil,
                "location": {"path": evil},
            }
        ],
        "evidence": [{"id": "EV-1", "title": evil, "owner": evil, "expires": evil}],
    }
    html = render_html(from_report(load_catalog(), FW, doc))
    assert "<script" not in html
    assert html.count("&lt;script&gt;") >= 9


def test_a_report_whose_controls_are_malformed_keeps_the_good_ones() -> None:
    from secplan.report.framework import posture_of

    doc = {"controls": [1, {"id": "DS1", "status": "bogus"}, {"id": "DS2", "status": "pass"}]}
    assert [c.control for c in posture_of(doc).controls] == ["DS2"]
