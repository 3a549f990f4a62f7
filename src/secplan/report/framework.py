"""Framework reports for auditors: from the JSON report of a scan (schema ``secplan-report``)
to a :class:`~secplan.framework_report.FrameworkReport`, and from that to JSON, a terminal
table, a self-contained HTML page and a PDF (WeasyPrint, the ``pdf`` extra).

Like the other reporters, these functions neither print, write files nor read the clock.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader

from secplan.catalog import Catalog
from secplan.errors import ConfigError
from secplan.framework_report import (
    EvidenceRef,
    FindingRef,
    FrameworkReport,
    ItemStatus,
    framework_report,
)
from secplan.model import ControlId, ControlPosture, Posture, Status

#: Findings listed under one control; the count of the rest is given.
MAX_FINDINGS_SHOWN = 25
PDF_HINT = "install the pdf extra: pip install 'secplan[pdf]' (WeasyPrint, with Pango)"

_env = Environment(
    loader=PackageLoader("secplan.report", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def _texts(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def posture_of(doc: Mapping[str, Any]) -> Posture:
    """The posture a JSON report records (its ``controls``)."""
    out = []
    for c in doc.get("controls") or []:
        if not isinstance(c, dict):
            continue
        try:
            status = Status(_str(c.get("status")))
        except ValueError:
            continue
        out.append(
            ControlPosture(
                control=ControlId(_str(c.get("id"))),
                pillar=_str(c.get("pillar")),
                title=_str(c.get("title")),
                status=status,
                reasons=_texts(c.get("reasons")),
                findings=_texts(c.get("findings")),
                evidence=_texts(c.get("evidence")),
                waivers=_texts(c.get("waivers")),
            )
        )
    return Posture(controls=tuple(out))


def findings_of(doc: Mapping[str, Any]) -> dict[str, FindingRef]:
    out = {}
    for f in doc.get("findings") or []:
        if isinstance(f, dict) and isinstance(f.get("id"), str):
            loc = f.get("location") if isinstance(f.get("location"), dict) else {}
            assert isinstance(loc, dict)
            out[f["id"]] = FindingRef(
                fingerprint=f["id"],
                rule=_str(f.get("rule")),
                severity=_str(f.get("severity")),
                path=_str(loc.get("path")),
                message=_str(f.get("message")),
            )
    return out


def evidence_of(doc: Mapping[str, Any]) -> dict[str, EvidenceRef]:
    out = {}
    for e in doc.get("evidence") or []:
        if isinstance(e, dict) and isinstance(e.get("id"), str):
            out[e["id"]] = EvidenceRef(
                id=e["id"],
                title=_str(e.get("title")),
                owner=_str(e.get("owner")),
                expires=_str(e.get("expires")),
            )
    return out


def from_report(
    catalog: Catalog, framework_id: str, doc: Mapping[str, Any], *, subject: str = ""
) -> FrameworkReport:
    """The framework report of a scan's JSON report ``doc``."""
    if doc.get("schema") != "secplan-report":
        raise ConfigError(
            "not a secplan report (schema secplan-report)",
            "pass a project directory, or the JSON of secplan scan --format json",
        )
    run = doc.get("run") if isinstance(doc.get("run"), dict) else {}
    assert isinstance(run, dict)
    return framework_report(
        catalog,
        framework_id,
        posture_of(doc),
        findings=findings_of(doc),
        evidence=evidence_of(doc),
        subject=subject or _str(run.get("root")),
        assessed=_str(run.get("started")),
    )


def framework_dict(r: FrameworkReport, *, findings_limit: int | None = None) -> dict[str, Any]:
    """The report as JSON values; ``findings_limit`` bounds the findings listed per control
    (``findings_total`` counts them all)."""
    fw = r.framework
    return {
        "schema": "secplan-framework-report",
        "schema_version": 1,
        "framework": {
            "id": fw.id,
            "name": fw.name,
            "version": fw.version,
            "url": fw.url,
            "complete": fw.complete,
        },
        "subject": r.subject,
        "assessed": r.assessed,
        "summary": r.counts(),
        "items": [
            {
                "id": i.id,
                "title": i.title,
                "source": i.source,
                "status": i.status.value,
                "controls": [
                    {
                        "id": c.control,
                        "title": c.title,
                        "status": c.status.value if c.status else None,
                        "reasons": list(c.reasons),
                        "evidence": [
                            {"id": e.id, "title": e.title, "owner": e.owner, "expires": e.expires}
                            for e in c.evidence
                        ],
                        "findings": [
                            {
                                "id": f.fingerprint,
                                "rule": f.rule,
                                "severity": f.severity,
                                "path": f.path,
                                "message": f.message,
                            }
                            for f in c.findings[:findings_limit]
                        ],
                        "findings_total": len(c.findings),
                        "waivers": list(c.waivers),
                    }
                    for c in i.controls
                ],
            }
            for i in r.items
        ],
    }


def render_json(r: FrameworkReport) -> str:
    return json.dumps(framework_dict(r), indent=2, ensure_ascii=False) + "\n"


def _title(r: FrameworkReport) -> str:
    fw = r.framework
    return fw.name if fw.version in fw.name else f"{fw.name} {fw.version}"


def render_table(r: FrameworkReport) -> str:
    """One line per item: id, status, the mapped controls with theirs, and the title."""
    width = max((len(i.id) for i in r.items), default=4)
    head = _title(r) + (f": {r.subject}" if r.subject else "")
    lines = [head, f"assessed {r.assessed}" if r.assessed else "", ""]
    for i in r.items:
        controls = " ".join(f"{c.control}:{c.status or 'not-assessed'}" for c in i.controls)
        lines.append(f"{i.id:<{width}}  {i.status.value:<14}  {i.title}")
        if controls:
            lines.append(f"{'':<{width}}  {'':<14}  {controls}")
    counts = ", ".join(f"{n} {s}" for s, n in r.counts().items() if n)
    lines += ["", f"{len(r.items)} requirement(s): {counts}"]
    if not r.framework.complete:
        lines.append("The crosswalk to this framework is partial: not-mapped is not a gap finding.")
    return "\n".join(lines) + "\n"


def render_html(r: FrameworkReport) -> str:
    """A self-contained page (no external resources), printable, every text escaped."""
    return _env.get_template("framework.html.j2").render(
        r=r,
        title=_title(r),
        counts=r.counts(),
        statuses=[s.value for s in ItemStatus],
        limit=MAX_FINDINGS_SHOWN,
    )


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, Any]:
    raise ValueError(f"the PDF renderer fetches nothing ({url[:80]})")


def render_pdf(r: FrameworkReport) -> bytes:
    """The HTML page as PDF, through WeasyPrint (nothing is fetched while rendering)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # OSError: WeasyPrint without Pango's libraries
        raise ConfigError("PDF export needs WeasyPrint, which is not installed", PDF_HINT) from None
    pdf = HTML(string=render_html(r), url_fetcher=_no_fetch).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


#: What an uploaded report may keep for framework reports: evidence records, rules.
MAX_KEPT_EVIDENCE = 2000
MAX_KEPT_RULES = 5000


def uploaded_facts(doc: Mapping[str, Any], controls: frozenset[str]) -> dict[str, Any]:
    """What the governance server keeps of a report for its framework reports, beside each
    control's status and the findings: the current evidence records the controls rely on,
    and the controls each rule's findings bear on. Bounded, and only known control ids."""
    relied: set[tuple[str, str]] = set()
    for c in doc.get("controls") or []:
        if isinstance(c, dict) and c.get("id") in controls:
            relied.update((str(c["id"]), e) for e in _texts(c.get("evidence")))
    evidence = [
        {
            "id": e.id[:200],
            "control": str(raw["control"]),
            "title": e.title[:500],
            "owner": e.owner[:200],
            "expires": e.expires[:40],
        }
        for raw in doc.get("evidence") or []
        if isinstance(raw, dict) and (raw.get("control"), raw.get("id")) in relied
        for e in evidence_of({"evidence": [raw]}).values()
    ][:MAX_KEPT_EVIDENCE]
    rules: dict[str, list[str]] = {}
    for f in doc.get("findings") or []:
        if len(rules) >= MAX_KEPT_RULES or not isinstance(f, dict):
            continue
        rule = _str(f.get("rule"))[:64]
        if rule and rule not in rules:
            rules[rule] = [c for c in _texts(f.get("controls")) if c in controls]
    return {"evidence": evidence, "rule_controls": rules}
