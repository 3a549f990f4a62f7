"""SARIF 2.1.0: one run, rules from the registry, waived findings as suppressions,
scan errors and skipped files as tool-execution notifications."""

from __future__ import annotations

import json
from typing import Any

from secplan.engine import Assessment
from secplan.model import Finding, Rule, Severity
from secplan.report._common import SECURITY_SEVERITY, commit_dict, crosswalk_dict, records_dict

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/secplan/secplan"
MAX_NOTIFICATIONS = 1000

_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}


def _rule(rule: Rule) -> dict[str, Any]:
    refs = "".join(
        f"\n- [{ref}]({ref.url})" if ref.url else f"\n- {ref}" for ref in rule.references
    )
    markdown = (
        f"**{rule.title}**\n\n{rule.summary}\n\n**Why it matters.** {rule.rationale}\n\n"
        f"**Remediation.** {rule.remediation}"
        + (f"\n\n**Example.**\n\n```\n{rule.example}\n```" if rule.example else "")
        + (f"\n\n**References**{refs}" if refs else "")
    )
    tags = ["security", *(f"secplan:{c}" for c in rule.controls)]
    tags += [str(r.id) for r in rule.references if r.kind == "cwe"]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.summary},
        "help": {"text": f"{rule.rationale} Remediation: {rule.remediation}", "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": tags,
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "precision": {0: "low", 1: "medium", 2: "high"}[int(rule.confidence)],
            "controls": list(rule.controls),
        },
    }


def _result(
    f: Finding, index: dict[str, int], waiver: str | None, justification: str
) -> dict[str, Any]:
    loc = f.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": loc.path, "uriBaseId": "%SRCROOT%"}}
    region: dict[str, Any] = {}
    if loc.line is not None:
        region["startLine"] = loc.line
        if loc.column is not None:
            region["startColumn"] = loc.column
    if loc.offset is not None and loc.member is None:
        region["byteOffset"] = loc.offset
    if region:
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.member is not None:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.member, "kind": "member"}]
    text = f.message + (f" ({f.evidence})" if f.evidence else "")
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"secplanFinding/v1": f.fingerprint},
        "properties": {
            "severity": f.severity.label,
            "confidence": f.confidence.label,
            "controls": list(f.controls),
            "security-severity": SECURITY_SEVERITY[f.severity],
        },
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if loc.cell is not None:
        result["properties"]["cell"] = loc.cell  # the region is the line in the stored file
    if loc.member is not None or loc.offset is not None or loc.cell is not None:
        result["properties"]["location"] = {
            k: v
            for k, v in (("member", loc.member), ("offset", loc.offset), ("cell", loc.cell))
            if v is not None
        }
    if waiver is not None and waiver.startswith("inline:"):  # a comment in the file
        result["suppressions"] = [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": justification,
                "properties": {"suppression": waiver},
            }
        ]
    elif waiver is not None:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": justification,
                "properties": {"waiver": waiver},
            }
        ]
    return result


def sarif_dict(a: Assessment) -> dict[str, Any]:
    r = a.report
    rules = a.registry.rules
    index = {rule.id: i for i, rule in enumerate(rules)}
    justifications = {w.id: w.justification for w in a.records.waivers}
    justifications.update(r.inline_reasons)
    results = [_result(f, index, None, "") for f in r.findings]
    results += [_result(f, index, w, justifications.get(w, "")) for f, w in r.suppressed]
    notes: list[dict[str, Any]] = [
        {
            "level": "error",
            "message": {"text": f"{e.scanner}: {e.message}"},
            **(
                {
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": e.path, "uriBaseId": "%SRCROOT%"}
                            }
                        }
                    ]
                }
                if e.path
                else {}
            ),
        }
        for e in r.errors
    ]
    notes += [
        {"level": "note", "message": {"text": f"skipped {s.path}: {s.reason}"}}
        for s in r.skipped[: max(0, MAX_NOTIFICATIONS - len(notes))]
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "secplan",
                        "version": r.run.tool_version,
                        "semanticVersion": r.run.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not r.errors,
                        "startTimeUtc": r.run.started.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "toolExecutionNotifications": notes,
                    }
                ],
                "originalUriBaseIds": {
                    "%SRCROOT%": {"description": {"text": "The root of the scanned project."}}
                },
                "results": results,
                "properties": {
                    "asOf": r.run.as_of.isoformat(),
                    "target": r.run.target,
                    "commit": commit_dict(r.run),
                    "actor": r.run.actor,
                    "controls": [
                        {
                            "id": c.control,
                            "status": c.status.value,
                            "reasons": list(c.reasons),
                            "crosswalk": crosswalk_dict(a, c.control),
                        }
                        for c in a.posture.controls
                    ],
                    **records_dict(a),
                },
            }
        ],
    }


def render_sarif(a: Assessment) -> str:
    return json.dumps(sarif_dict(a), indent=2, ensure_ascii=False) + "\n"
