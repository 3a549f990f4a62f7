"""The server's records: projects, their assessments (uploaded scan reports, kept as every
control's status and the fingerprints of the findings) and exception requests. Callers
authorize; these functions only read and write, each write in one transaction."""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from secplan.catalog import CONTROL_IDS
from secplan.errors import ConfigError
from secplan.report.framework import uploaded_facts
from secplan.store import Database
from secplan.store.schema import (
    assessment_controls,
    assessment_findings,
    assessments,
    audit_events,
    exceptions,
    projects,
)

MAX_FINDINGS = 200_000
STATUSES = frozenset({"pass", "fail", "partial", "needs-evidence", "waived", "not-applicable"})
_REPORT_FIX = "upload the JSON report of secplan scan (--format json) unchanged"


@dataclass(frozen=True, slots=True)
class Project:
    id: int
    name: str
    description: str
    created: str
    created_by: str


@dataclass(frozen=True, slots=True)
class Finding:
    fingerprint: str
    rule: str
    severity: str
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Parsed:
    """An uploaded report, checked: what the server keeps of it."""

    tool_version: str
    commit: str
    controls: dict[str, str]
    findings: tuple[Finding, ...]
    summary: dict[str, Any]
    sha256: str


def _text(value: object, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def parse_report(raw: bytes) -> Parsed:
    """Check an uploaded report (the JSON of ``secplan scan --format json``); a
    :class:`ConfigError` names the first thing wrong with it."""
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"the report is not JSON ({type(exc).__name__})", _REPORT_FIX) from None
    if not isinstance(doc, dict) or doc.get("schema") != "secplan-report":
        raise ConfigError("the upload is not a secplan report (schema secplan-report)", _REPORT_FIX)
    controls: dict[str, str] = {}
    for c in doc.get("controls") or []:
        if not isinstance(c, dict) or c.get("id") not in CONTROL_IDS:
            raise ConfigError("the report names an unknown control", _REPORT_FIX)
        if not isinstance(c.get("status"), str) or c["status"] not in STATUSES:
            raise ConfigError(f"control {c['id']}: unknown status", _REPORT_FIX)
        controls[str(c["id"])] = str(c["status"])
    items = doc.get("findings") or []
    if not isinstance(items, list) or len(items) > MAX_FINDINGS:
        raise ConfigError(f"the report's findings are not a list of at most {MAX_FINDINGS}", "")
    found: dict[str, Finding] = {}
    for f in items:
        if not isinstance(f, dict) or not isinstance(f.get("id"), str):
            raise ConfigError("a finding has no id (fingerprint)", _REPORT_FIX)
        loc = f.get("location") if isinstance(f.get("location"), dict) else {}
        assert isinstance(loc, dict)
        found[f["id"][:128]] = Finding(
            f["id"][:128],
            _text(f.get("rule"), 64),
            _text(f.get("severity"), 16),
            _text(loc.get("path"), 1000),
            _text(f.get("message"), 2000),
        )
    tool = doc.get("tool") if isinstance(doc.get("tool"), dict) else {}
    run = doc.get("run") if isinstance(doc.get("run"), dict) else {}
    assert isinstance(tool, dict) and isinstance(run, dict)
    commit = run.get("commit")
    sha = commit.get("sha") if isinstance(commit, dict) else None
    summary = doc.get("summary") if isinstance(doc.get("summary"), dict) else {}
    assert isinstance(summary, dict)
    kept = uploaded_facts(doc, frozenset(CONTROL_IDS))  # for the framework reports
    return Parsed(
        _text(tool.get("version"), 64),
        _text(sha, 64),
        controls,
        tuple(found.values()),
        {"findings": summary.get("findings", {}), "controls": summary.get("controls", {}), **kept},
        hashlib.sha256(raw).hexdigest(),
    )


def _project(row: Any) -> Project:
    return Project(row.id, row.name, row.description, row.created, row.created_by)


def project(db: Database, name: str) -> Project | None:
    with db.read() as conn:
        row = conn.execute(select(projects).where(projects.c.name == name)).first()
    return None if row is None else _project(row)


def all_projects(db: Database) -> list[Project]:
    with db.read() as conn:
        return [_project(r) for r in conn.execute(select(projects).order_by(projects.c.name))]


def create_project(db: Database, name: str, description: str, by: str, now: str) -> Project:
    with db.begin() as conn:
        if conn.execute(select(projects.c.id).where(projects.c.name == name)).first():
            raise ConfigError(f"project {name!r} already exists", "pick another name")
        conn.execute(
            insert(projects).values(name=name, description=description, created=now, created_by=by)
        )
        row = conn.execute(select(projects).where(projects.c.name == name)).one()
    return _project(row)


def add_assessment(db: Database, p: Project, parsed: Parsed, by: str, now: str) -> int:
    with db.begin() as conn:
        key = conn.execute(
            insert(assessments).values(
                project_id=p.id,
                created=now,
                uploaded_by=by,
                tool_version=parsed.tool_version,
                commit=parsed.commit,
                summary=json.dumps(parsed.summary),
                sha256=parsed.sha256,
            )
        ).inserted_primary_key
        assert key is not None
        aid = key[0]
        if parsed.controls:
            conn.execute(
                insert(assessment_controls),
                [
                    {"assessment_id": aid, "control": c, "status": s}
                    for c, s in parsed.controls.items()
                ],
            )
        if parsed.findings:
            conn.execute(
                insert(assessment_findings),
                [
                    {
                        "assessment_id": aid,
                        "fingerprint": f.fingerprint,
                        "rule": f.rule,
                        "severity": f.severity,
                        "path": f.path,
                        "message": f.message,
                    }
                    for f in parsed.findings
                ],
            )
    return int(aid)


def project_assessments(db: Database, p: Project, limit: int = 50) -> list[dict[str, Any]]:
    """The newest assessments of ``p`` (newest first), each with every control's status."""
    with db.read() as conn:
        rows = conn.execute(
            select(assessments)
            .where(assessments.c.project_id == p.id)
            .order_by(assessments.c.id.desc())
            .limit(limit)
        ).all()
        ids = [r.id for r in rows]
        status: dict[int, dict[str, str]] = {i: {} for i in ids}
        if ids:
            for c in conn.execute(
                select(assessment_controls).where(assessment_controls.c.assessment_id.in_(ids))
            ):
                status[c.assessment_id][c.control] = c.status
    return [
        {
            "id": r.id,
            "created": r.created,
            "uploaded_by": r.uploaded_by,
            "tool_version": r.tool_version,
            "commit": r.commit,
            "summary": json.loads(r.summary),
            "controls": status[r.id],
        }
        for r in rows
    ]


def owns_assessment(conn: Connection, p: Project, aid: int) -> bool:
    row = conn.execute(
        select(assessments.c.id).where(assessments.c.id == aid, assessments.c.project_id == p.id)
    ).first()
    return row is not None


def _findings(conn: Connection, aid: int) -> dict[str, Finding]:
    rows = conn.execute(
        select(assessment_findings).where(assessment_findings.c.assessment_id == aid)
    )
    return {
        r.fingerprint: Finding(r.fingerprint, r.rule, r.severity, r.path, r.message) for r in rows
    }


def diff(db: Database, p: Project, base: int, head: int) -> tuple[list[Finding], list[Finding]]:
    """Findings new in ``head`` and fixed since ``base`` (both assessments of ``p``)."""
    with db.read() as conn:
        if not (owns_assessment(conn, p, base) and owns_assessment(conn, p, head)):
            raise LookupError("assessment")
        old, new = _findings(conn, base), _findings(conn, head)
    added = [f for k, f in new.items() if k not in old]
    fixed = [f for k, f in old.items() if k not in new]
    return added, fixed


#: The newest posture of every project, per database, with the version it was read at:
#: assessments are only ever added, so the highest assessment id (and the number of
#: projects) tells whether it is still current.
_POSTURE: dict[int, tuple[Any, tuple[int, int], dict[int, dict[str, str]]]] = {}
_POSTURE_LOCK = threading.Lock()


def posture_version(db: Database) -> tuple[int, int]:
    """(highest assessment id, number of projects): changes whenever the organisation's
    newest posture may have."""
    with db.read() as conn:
        top = conn.execute(select(func.max(assessments.c.id))).scalar()
        n = conn.execute(select(func.count()).select_from(projects)).scalar_one()
    return int(top or 0), int(n)


def all_latest(db: Database) -> tuple[tuple[int, int], dict[int, dict[str, str]]]:
    """The newest posture of every project (by project id), with the version it was read at."""
    version = posture_version(db)
    with _POSTURE_LOCK:
        cached = _POSTURE.get(id(db.engine))
    # the same engine (an id can be reused once an engine is gone), the same version
    if cached is not None and cached[0]() is db.engine and cached[1] == version:
        return version, cached[2]
    out: dict[int, dict[str, str]] = {}
    with db.read() as conn:
        newest = (
            select(assessments.c.project_id, func.max(assessments.c.id).label("aid"))
            .group_by(assessments.c.project_id)
            .subquery()
        )
        rows = conn.execute(
            select(
                newest.c.project_id, assessment_controls.c.control, assessment_controls.c.status
            ).join(assessment_controls, assessment_controls.c.assessment_id == newest.c.aid)
        )
        for pid, control, status in rows:
            out.setdefault(pid, {})[control] = status
    with _POSTURE_LOCK:
        _POSTURE[id(db.engine)] = (weakref.ref(db.engine), version, out)
    return version, out


def latest_posture(db: Database, ps: Sequence[Project]) -> dict[int, dict[str, str]]:
    """Every control's status in each project's newest assessment (read once per change of
    :func:`posture_version`, then served from memory)."""
    _, everyone = all_latest(db)
    return {p.id: everyone.get(p.id, {}) for p in ps}


# -- exceptions ---------------------------------------------------------------------------


def _exception(row: Any) -> dict[str, Any]:
    return {
        "id": row.wid,
        "rule": row.rule,
        "control": row.control,
        "paths": json.loads(row.paths),
        "justification": row.justification,
        "risk": row.risk,
        "mitigations": json.loads(row.mitigations),
        "requester": row.requester,
        "expires": row.expires,
        "state": row.state,
        "approver": row.approver,
        "decided": row.decided,
        "note": row.note,
        "created": row.created,
    }


def list_exceptions(db: Database, p: Project) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute(
            select(exceptions).where(exceptions.c.project_id == p.id).order_by(exceptions.c.id)
        )
        return [_exception(r) for r in rows]


def get_exception(db: Database, p: Project, wid: str) -> dict[str, Any] | None:
    with db.read() as conn:
        row = conn.execute(
            select(exceptions).where(exceptions.c.project_id == p.id, exceptions.c.wid == wid)
        ).first()
    return None if row is None else _exception(row)


def next_wid(db: Database, p: Project, year: int) -> str:
    """The first free ``WV-<year>-<n>`` from one past the number of exceptions (an id chosen
    ahead of the count is skipped, not a collision)."""
    with db.read() as conn:
        n = conn.execute(
            select(func.count()).select_from(exceptions).where(exceptions.c.project_id == p.id)
        ).scalar_one()
        taken = set(
            conn.execute(
                select(exceptions.c.wid).where(
                    exceptions.c.project_id == p.id, exceptions.c.wid.like(f"WV-{year}-%")
                )
            ).scalars()
        )
    n = int(n) + 1
    while f"WV-{year}-{n:03d}" in taken:
        n += 1
    return f"WV-{year}-{n:03d}"


def add_exception(db: Database, p: Project, fields: Mapping[str, Any], now: str) -> None:
    with db.begin() as conn:
        taken = conn.execute(
            select(exceptions.c.id).where(
                exceptions.c.project_id == p.id, exceptions.c.wid == fields["id"]
            )
        ).first()
        if taken:
            raise ConfigError(f"exception {fields['id']} already exists", "choose another id")
        conn.execute(
            insert(exceptions).values(
                project_id=p.id,
                wid=fields["id"],
                rule=fields.get("rule"),
                control=fields.get("control"),
                paths=json.dumps(list(fields["paths"])),
                justification=fields["justification"],
                risk=fields["risk"],
                mitigations=json.dumps(list(fields["mitigations"])),
                requester=fields["requester"],
                expires=fields["expires"],
                state=fields.get("state", "pending"),
                approver=fields.get("approver"),
                decided=fields.get("decided"),
                note=fields.get("note", ""),
                created=now,
            )
        )


def decide_exception(
    db: Database, p: Project, wid: str, state: str, approver: str, note: str, now: str
) -> bool:
    """Approve or reject a pending request; False when it is no longer pending."""
    with db.begin() as conn:
        done = conn.execute(
            update(exceptions)
            .where(
                exceptions.c.project_id == p.id,
                exceptions.c.wid == wid,
                exceptions.c.state == "pending",
            )
            .values(state=state, approver=approver, note=note, decided=now)
        ).rowcount
    return bool(done)


def history(db: Database, resource: str) -> list[dict[str, Any]]:
    """Every audit event recorded on ``resource`` (an exception, an incident...), oldest
    first: the object's history."""
    with db.read() as conn:
        rows = conn.execute(
            select(audit_events)
            .where(audit_events.c.resource == resource)
            .order_by(audit_events.c.seq)
        )
        return [
            {"ts": r.ts, "actor": r.actor, "action": r.action, "outcome": r.outcome} for r in rows
        ]
