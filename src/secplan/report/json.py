"""The JSON report (schema ``secplan-report``, version 1, documented in docs/report-schema.md)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from secplan.engine import Assessment
from secplan.model import Severity, Status
from secplan.report._common import (
    commit_dict,
    crosswalk_dict,
    finding_dict,
    frameworks_list,
    records_dict,
)

SCHEMA = "secplan-report"
SCHEMA_VERSION = 1


def report_dict(a: Assessment) -> dict[str, Any]:
    r = a.report
    names = {rule.id: rule.name for rule in a.registry.rules}
    reasons = dict(r.inline_reasons)
    statuses = a.posture.counts()
    kinds = Counter(x.kind.value for x in r.artifacts)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "secplan", "version": r.run.tool_version},
        "run": {
            "started": r.run.started.isoformat(),
            "as_of": r.run.as_of.isoformat(),
            "root": r.run.root,
            "target": r.run.target,
            "commit": commit_dict(r.run),
            "actor": r.run.actor,
            "duration_s": round(r.run.duration_s, 3),
            "profile_declared": a.facts.declared,
            "facts": sorted(f.value for f in a.facts.facts),
        },
        "summary": {
            "findings": {s.label: n for s, n in r.count_by_severity().items()},
            "controls": {s.value: statuses.get(s, 0) for s in Status},
            "artifacts": dict(sorted(kinds.items())),
            "errors": len(r.errors),
            "skipped": len(r.skipped),
            "suppressed": len(r.suppressed),
            "suppressed_inline": sum(1 for _, w in r.suppressed if w.startswith("inline:")),
            "baselined": len(r.baselined),
        },
        "controls": [
            {
                "id": c.control,
                "pillar": c.pillar,
                "title": c.title,
                "status": c.status.value,
                "reasons": list(c.reasons),
                "findings": list(c.findings),
                "evidence": list(c.evidence),
                "waivers": list(c.waivers),
                "crosswalk": crosswalk_dict(a, c.control),
            }
            for c in a.posture.controls
        ],
        **records_dict(a),
        "frameworks": frameworks_list(a),
        "findings": [finding_dict(f, names.get(f.rule, "")) for f in r.findings],
        "suppressed": [
            {
                **finding_dict(f, names.get(f.rule, "")),
                "waiver": w,
                **({"reason": reasons.get(w, "")} if w.startswith("inline:") else {}),
            }
            for f, w in r.suppressed
        ],
        "errors": [{"path": e.path, "scanner": e.scanner, "message": e.message} for e in r.errors],
        "skipped": [{"path": s.path, "reason": s.reason} for s in r.skipped],
        "inventory": {
            "encrypted": [
                {"path": p, "format": f, "key_version": v or None} for p, f, v in a.facts.encrypted
            ],
        },
        "artifacts": [
            {
                "path": x.relpath,
                "kind": x.kind.value,
                "format": x.format,
                "size": x.size,
                "sniffed": x.sniffed,
            }
            for x in r.artifacts
        ],
    }


def render_json(a: Assessment) -> str:
    return json.dumps(report_dict(a), indent=2, ensure_ascii=False) + "\n"


__all__ = ["SCHEMA", "SCHEMA_VERSION", "Severity", "render_json", "report_dict"]
