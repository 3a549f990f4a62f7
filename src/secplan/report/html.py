"""A self-contained HTML report: no external resources, readable offline, with findings
filterable by severity, control and path."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader

from secplan.engine import Assessment
from secplan.model import Severity, Status
from secplan.report.json import report_dict
from secplan.report.table import STATUS_STYLE

_env = Environment(
    loader=PackageLoader("secplan.report", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


#: Short labels for the crosswalk cells; the frameworks section gives each one's full name.
SHORT_NAMES = {
    "owasp_ml_2023": "OWASP ML",
    "mitre_atlas": "ATLAS",
    "nist_ai_rmf_1_0": "NIST AI RMF",
    "iso_iec_42001_2023": "ISO/IEC 42001",
    "iso_iec_27001_2022": "ISO/IEC 27001",
    "eu_ai_act": "EU AI Act",
    "gdpr": "GDPR",
    "hipaa_security_rule": "HIPAA",
    "pci_dss_4_0": "PCI DSS",
}


def _frameworks(a: Assessment) -> list[dict[str, str]]:
    return [
        {
            "id": f.id,
            "short": SHORT_NAMES.get(f.id, f.id),
            "name": f.name if f.version in f.name else f"{f.name} {f.version}",
            "url": f.url,
            "complete": "complete" if f.complete else "partial mapping",
        }
        for f in a.catalog.frameworks
    ]


def _item_titles(a: Assessment) -> dict[str, dict[str, str]]:
    return {f.id: dict(f.items) for f in a.catalog.frameworks}


def render_html(a: Assessment) -> str:
    data = report_dict(a)
    by_pillar = a.posture.by_pillar()
    pillars = []
    for p in a.catalog.pillars:
        group = by_pillar.get(p.id, ())
        pillars.append(
            {
                "id": p.id,
                "title": p.title,
                "goals": p.goals,
                "counts": [(s.value, sum(1 for c in group if c.status is s)) for s in Status],
                "controls": [c for c in data["controls"] if c["pillar"] == p.id],
            }
        )
    finding_counts: dict[str, int] = {}
    for f in data["findings"]:
        for c in f["controls"]:
            finding_counts[c] = finding_counts.get(c, 0) + 1
    template = _env.get_template("report.html.j2")
    return template.render(
        data=data,
        pillars=pillars,
        statuses=[s.value for s in Status],
        severities=[s.label for s in sorted(Severity, reverse=True)],
        status_style={s.value: v.split()[-1] for s, v in STATUS_STYLE.items()},
        finding_counts=finding_counts,
        control_ids=[c.control for c in a.posture.controls],
        frameworks=_frameworks(a),
        item_titles=_item_titles(a),
        waived_controls=data["summary"]["controls"]["waived"],
    )
