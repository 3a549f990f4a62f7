"""Framework reports on the server: a project's newest assessment read requirement by
requirement for each framework of the crosswalk, as pages, JSON and HTML or PDF downloads.

Every route reads one project and decides ``report:read`` on it, as the project page does:
anyone else gets the same 404 whether or not the project exists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from secplan.catalog import Catalog, load_catalog
from secplan.errors import SecplanError
from secplan.framework_report import (
    EvidenceRef,
    FindingRef,
    FrameworkReport,
    ItemStatus,
    framework_report,
    unknown_framework,
)
from secplan.model import ControlId, ControlPosture, Posture, Status
from secplan.report import framework as fr
from secplan.server import data
from secplan.store import Database
from secplan.store.schema import assessment_controls, assessment_findings, assessments

if TYPE_CHECKING:
    from secplan.access import Actor
    from secplan.server.app import Server

#: Findings the JSON API lists under one control (the count of all of them is given).
API_FINDINGS = 200
_SAFE = re.compile(r"[^A-Za-z0-9._-]")
STATUSES = tuple(s.value for s in ItemStatus)

Authenticate = Callable[[Request], "Actor"]
ProjectFor = Callable[..., data.Project]


def newest(db: Database, p: data.Project, catalog: Catalog) -> tuple[Posture, dict[str, Any]]:
    """The posture of ``p``'s newest assessment with the details behind it (findings,
    evidence), and that assessment's id and date; an empty posture when there is none."""
    with db.read() as conn:
        row = conn.execute(
            select(assessments)
            .where(assessments.c.project_id == p.id)
            .order_by(assessments.c.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return Posture(controls=()), {"id": None, "created": "", "findings": {}, "evidence": {}}
        statuses = {
            r.control: r.status
            for r in conn.execute(
                select(assessment_controls).where(assessment_controls.c.assessment_id == row.id)
            )
        }
        found = [
            FindingRef(
                fingerprint=f.fingerprint,
                rule=f.rule,
                severity=f.severity,
                path=f.path,
                message=f.message,
            )
            for f in conn.execute(
                select(assessment_findings).where(assessment_findings.c.assessment_id == row.id)
            )
        ]
    summary = json.loads(row.summary)
    by_control = _findings_by_control(found, summary.get("rule_controls"))
    evidence = {e["id"]: e for e in summary.get("evidence") or []}
    controls = tuple(
        ControlPosture(
            control=ControlId(c.id),
            pillar=c.pillar,
            title=c.title,
            status=Status(statuses[c.id]),
            reasons=(),
            findings=tuple(by_control.get(c.id, ())),
            evidence=tuple(i for i, e in evidence.items() if e["control"] == c.id),
        )
        for c in catalog.controls
        if c.id in statuses
    )
    meta = {
        "id": row.id,
        "created": row.created,
        "findings": {f.fingerprint: f for f in found},
        "evidence": {
            i: EvidenceRef(id=i, title=e["title"], owner=e["owner"], expires=e["expires"])
            for i, e in evidence.items()
        },
    }
    return Posture(controls=controls), meta


def _findings_by_control(found: list[FindingRef], rule_controls: object) -> dict[str, list[str]]:
    """The fingerprints of the findings bearing on each control: by the controls the uploaded
    report gave each rule, or by the rule catalog for a report uploaded before they were kept."""
    if not isinstance(rule_controls, dict):
        from secplan.scanners import default_registry

        rule_controls = {r.id: list(r.controls) for r in default_registry(plugins=False).rules}
    out: dict[str, list[str]] = {}
    for f in found:
        for c in rule_controls.get(f.rule, ()):
            out.setdefault(c, []).append(f.fingerprint)
    return out


def report_of(db: Database, p: data.Project, framework: str) -> tuple[FrameworkReport, int | None]:
    catalog = load_catalog()
    if framework not in {f.id for f in catalog.frameworks}:
        raise LookupError(unknown_framework(catalog, framework).message)
    posture, meta = newest(db, p, catalog)
    report = framework_report(
        catalog,
        framework,
        posture,
        findings=meta["findings"],
        evidence=meta["evidence"],
        subject=p.name,
        assessed=meta["created"],
    )
    return report, meta["id"]


def install(
    app: FastAPI,
    srv: Server,
    authenticate: Authenticate,
    project_for: ProjectFor,
    http_error: Callable[[int, str, str], Exception],
) -> None:
    """Add the framework routes to ``app`` (pages, JSON API and downloads)."""
    db = srv.ac.db

    def load(request: Request, name: str, framework: str, **details: object) -> Any:
        a = authenticate(request)
        p = project_for(a, name, "report:read", framework=framework, **details)
        try:
            return report_of(db, p, framework)
        except LookupError as exc:
            raise http_error(404, str(exc), "pick one of the ids listed") from None

    @app.get("/api/v1/projects/{name}/frameworks/{framework}", tags=["frameworks"])
    async def framework_api(name: str, framework: str, request: Request) -> dict[str, Any]:
        """The project's newest assessment read against one framework: each requirement's
        status, derived from the controls mapped to it, with their evidence and findings
        (schema secplan-framework-report; at most 200 findings listed per control)."""
        report, aid = load(request, name, framework)
        return {**fr.framework_dict(report, findings_limit=API_FINDINGS), "assessment": aid}

    @app.get("/projects/{name}/frameworks", include_in_schema=False)
    async def frameworks_page(name: str, request: Request) -> Response:
        a = authenticate(request)
        p = project_for(a, name, "report:read")
        catalog = load_catalog()
        posture, meta = newest(db, p, catalog)
        rows = [(f, framework_report(catalog, f.id, posture).counts()) for f in catalog.frameworks]
        return srv.render(
            request, "frameworks.html", project=p, rows=rows, assessment=meta, statuses=STATUSES
        )

    def download(report: FrameworkReport, ext: str) -> Response:
        try:
            body: str | bytes = fr.render_pdf(report) if ext == "pdf" else fr.render_html(report)
        except SecplanError as exc:
            raise http_error(501, exc.message, exc.hint) from None
        filename = _SAFE.sub("_", f"{report.subject}-{report.framework.id}.{ext}")
        media = "application/pdf" if ext == "pdf" else "text/html; charset=utf-8"
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    # the downloads before the page: "{framework}" alone would match "gdpr.pdf"
    @app.get("/projects/{name}/frameworks/{framework}.html", include_in_schema=False)
    async def framework_html(name: str, framework: str, request: Request) -> Response:
        return download(load(request, name, framework, export="html")[0], "html")

    @app.get("/projects/{name}/frameworks/{framework}.pdf", include_in_schema=False)
    async def framework_pdf(name: str, framework: str, request: Request) -> Response:
        return download(load(request, name, framework, export="pdf")[0], "pdf")

    @app.get("/projects/{name}/frameworks/{framework}", include_in_schema=False)
    async def framework_page(name: str, framework: str, request: Request) -> HTMLResponse:
        report, aid = load(request, name, framework)
        return srv.render(
            request,
            "framework.html",
            project_name=name,
            r=report,
            assessment=aid,
            counts=report.counts(),
            statuses=STATUSES,
            limit=fr.MAX_FINDINGS_SHOWN,
        )
