"""Shapes shared by the reporters."""

from __future__ import annotations

from typing import Any

from secplan.model import Confidence, ControlId, Finding, Location, RuleId, Severity, Status

STATUS_ORDER = (
    Status.FAIL,
    Status.PARTIAL,
    Status.NEEDS_EVIDENCE,
    Status.WAIVED,
    Status.PASS,
    Status.NOT_APPLICABLE,
)
#: GitHub's ``security-severity`` scale (0.1-10), by severity.
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.1",
}


def location_dict(loc: Location) -> dict[str, Any]:
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "offset": loc.offset,
        "member": loc.member,
        "cell": loc.cell,
    }


def finding_dict(f: Finding, rule_name: str) -> dict[str, Any]:
    return {
        "id": f.fingerprint,
        "rule": f.rule,
        "name": rule_name,
        "severity": f.severity.label,
        "confidence": f.confidence.label,
        "controls": list(f.controls),
        "location": location_dict(f.location),
        "message": f.message,
        "evidence": f.evidence,
        "remediation": f.remediation,
    }


def finding_from_dict(d: dict[str, Any]) -> Finding:
    """The inverse of :func:`finding_dict` (used for baselines and imported results)."""
    loc = d["location"]
    return Finding(
        rule=RuleId(d["rule"]),
        severity=Severity.parse(d["severity"]),
        confidence=Confidence[d["confidence"].upper()],
        controls=tuple(ControlId(c) for c in d["controls"]),
        location=Location(
            path=loc["path"],
            line=loc.get("line"),
            column=loc.get("column"),
            offset=loc.get("offset"),
            member=loc.get("member"),
            cell=loc.get("cell"),
        ),
        message=d["message"],
        evidence=d.get("evidence", ""),
        remediation=d.get("remediation", ""),
    )
