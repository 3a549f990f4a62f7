"""Shapes shared by the reporters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from secplan.model import Confidence, ControlId, Finding, Location, RuleId, Severity, Status

if TYPE_CHECKING:
    from secplan.engine import Assessment
    from secplan.model import RunInfo
    from secplan.provenance import WaiverItem

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


def commit_dict(run: RunInfo) -> dict[str, Any] | None:
    """The scanned commit, or None outside a repository."""
    if run.commit is None and run.branch is None:
        return None
    return {"sha": run.commit, "branch": run.branch}


def crosswalk_dict(a: Assessment, control: str) -> dict[str, list[str]]:
    """The items of every framework a control maps to (empty lists included)."""
    return {fw: list(items) for fw, items in a.catalog.control(control).crosswalk}


def records_dict(a: Assessment) -> dict[str, Any]:
    """The evidence and waiver records relied on, and every record file, with SHA-256."""
    p = a.provenance
    return {
        "evidence": [
            {
                "id": e.record.id,
                "control": e.record.control,
                "title": e.record.title,
                "owner": e.record.owner,
                "date": e.record.date.isoformat(),
                "expires": e.record.expires.isoformat(),
                "state": e.state,
                "record": e.record.file,
                "record_sha256": e.record_sha256,
                "file": e.record.linked,
                "file_sha256": e.file_sha256,
                "file_note": e.file_note or None,
            }
            for e in p.evidence
        ],
        "waivers": [_waiver(w) for w in p.waivers],
        "records": [
            {"kind": r.kind, "id": r.id, "file": r.file, "sha256": r.sha256} for r in p.records
        ],
    }


def frameworks_list(a: Assessment) -> list[dict[str, Any]]:
    return [
        {"id": f.id, "name": f.name, "version": f.version, "url": f.url, "complete": f.complete}
        for f in a.catalog.frameworks
    ]


def _waiver(item: WaiverItem) -> dict[str, Any]:
    w = item.record
    return {
        "id": w.id,
        "control": w.control,
        "rule": w.rule,
        "paths": list(w.paths),
        "risk": w.risk,
        "requester": w.requester,
        "approver": w.approver,
        "approved": w.approved.isoformat() if w.approved else None,
        "expires": w.expires.isoformat(),
        "state": item.state,
        "approval": w.approval.value,
        "approval_note": w.approval_note,
        "record": w.file,
        "record_sha256": item.record_sha256,
    }
