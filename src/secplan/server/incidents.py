"""The incident register (HS3): an incident of a project is opened with an ML playbook (its
steps due hours after awareness) and the regulatory clocks that apply to it (GDPR Art. 33,
EU AI Act Art. 73), updated, its steps completed, and closed. The overdue query lists the
steps and clocks past due and raises an alert (an ``alert:raised`` audit event) the first
time each is seen overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field

from secplan.access import Actor
from secplan.access.values import parse_iso
from secplan.audit.events import Outcome
from secplan.governance import registers as store
from secplan.governance.playbooks import KINDS, PLAYBOOKS, Kind, Serious
from secplan.server import data
from secplan.server.app import HttpError, _model
from secplan.server.registers import NoteIn, RegisterIn, Routes, form_int, object_id

Severity = Literal["low", "medium", "high", "critical"]
READ, WRITE = "incident:read", "incident:write"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class IncidentIn(RegisterIn):
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(default="", max_length=8000)
    kind: Kind
    severity: Severity
    personal_data: bool = False  # a personal-data breach: GDPR Art. 33's 72 hours apply
    serious: Serious | None = None  # an EU AI Act Art. 73 serious incident, and which kind
    aware: dt.datetime | None = None  # when the team became aware (default: now)


class IncidentUpdate(RegisterIn):
    title: str | None = Field(default=None, min_length=3, max_length=200)
    summary: str | None = Field(default=None, max_length=8000)
    severity: Severity | None = None
    personal_data: bool | None = None
    serious: Serious | None = None


def _resource(p: data.Project, iid: int) -> str:
    return f"project:{p.name}/incident/{iid}"


def install(r: Routes) -> None:
    app, ac = r.app, r.ac

    def open_one(a: Actor, p: data.Project, body: IncidentIn) -> int:
        now = ac.clock()
        aware = body.aware or now
        if aware.tzinfo is None:
            aware = aware.replace(tzinfo=dt.UTC)
        if not EPOCH <= aware <= now:
            raise HttpError(400, "aware is not between 1970 and now", "when did you learn of it?")
        fields = body.model_dump(exclude={"aware"})
        iid = store.open_incident(ac.db, p.id, fields, aware, a.name, r.now())
        ac.record(
            a,
            "incident:opened",
            _resource(p, iid),
            kind=body.kind,
            severity=body.severity,
            personal_data=body.personal_data,
            serious=body.serious,
        )
        return iid

    def found(p: data.Project, iid: int) -> dict[str, Any]:
        got = store.get_incident(ac.db, p.id, object_id(iid, "incident"))
        if got is None:
            raise HttpError(404, f"no incident {iid} in this project", "")
        return got

    def update_one(a: Actor, p: data.Project, iid: int, body: IncidentUpdate) -> list[str]:
        found(p, iid)
        given = body.model_dump(exclude_unset=True).items()
        # a field sent as null stays as it is; only ``serious`` can be cleared
        changes = {k: v for k, v in given if v is not None or k == "serious"}
        added = store.update_incident(ac.db, p.id, iid, changes, r.now())
        if added is None:
            raise HttpError(409, f"incident {iid} is closed", "open a new incident")
        ac.record(a, "incident:updated", _resource(p, iid), fields=sorted(changes), added=added)
        return added

    def close_one(a: Actor, p: data.Project, iid: int, note: str) -> None:
        found(p, iid)
        if not store.close_incident(ac.db, p.id, iid, r.now()):
            raise HttpError(409, f"incident {iid} is already closed", "")
        ac.record(a, "incident:closed", _resource(p, iid), note=note)

    def step_done(a: Actor, p: data.Project, iid: int, sid: int, note: str) -> None:
        found(p, iid)
        if not store.complete_step(ac.db, p.id, iid, object_id(sid, "step"), a.name, r.now()):
            raise HttpError(409, f"step {sid} is not an open step of incident {iid}", "")
        ac.record(a, "incident:step-done", _resource(p, iid), step=sid, note=note)

    def overdue(a: Actor, p: data.Project) -> list[dict[str, Any]]:
        items = store.overdue_steps(ac.db, p.id, r.now())
        for s in items:
            if s["alert"]:
                ac.record(
                    a,
                    "alert:raised",
                    _resource(p, s["incident"]),
                    Outcome.ALLOWED,
                    rule="incident-step-overdue",
                    severity="high" if s["basis"] else "medium",
                    step=s["id"],
                    due=s["due"],
                    basis=s["basis"],
                )
        return items

    # -- JSON API -------------------------------------------------------------------------

    base = "/api/v1/projects/{name}/incidents"

    @app.get(base, tags=["incidents"])
    async def list_incidents(name: str, request: Request) -> list[dict[str, Any]]:
        a = r.authenticate(request)
        return store.list_incidents(ac.db, r.project_for(a, name, READ).id)

    @app.post(base, tags=["incidents"])
    async def new_incident(name: str, body: IncidentIn, request: Request) -> dict[str, Any]:
        """Open an incident: its playbook's steps and regulatory clocks come with it."""
        a = r.authenticate(request)
        p = r.project_for(a, name, WRITE)
        return found(p, open_one(a, p, body))

    @app.get(base + "/{iid}", tags=["incidents"])
    async def get_incident(name: str, iid: int, request: Request) -> dict[str, Any]:
        a = r.authenticate(request)
        return found(r.project_for(a, name, READ), iid)

    @app.post(base + "/{iid}", tags=["incidents"])
    async def update_incident(
        name: str, iid: int, body: IncidentUpdate, request: Request
    ) -> dict[str, Any]:
        """Change an open incident; a regulatory clock that now applies is added as a step."""
        a = r.authenticate(request)
        p = r.project_for(a, name, WRITE)
        update_one(a, p, iid, body)
        return found(p, iid)

    @app.post(base + "/{iid}/close", tags=["incidents"])
    async def close_incident(name: str, iid: int, body: NoteIn, request: Request) -> dict[str, Any]:
        a = r.authenticate(request)
        p = r.project_for(a, name, WRITE)
        close_one(a, p, iid, body.note)
        return found(p, iid)

    @app.post(base + "/{iid}/steps/{sid}/done", tags=["incidents"])
    async def complete_step(
        name: str, iid: int, sid: int, body: NoteIn, request: Request
    ) -> dict[str, Any]:
        a = r.authenticate(request)
        p = r.project_for(a, name, WRITE)
        step_done(a, p, iid, sid, body.note)
        return found(p, iid)

    @app.get(base + "/{iid}/history", tags=["incidents"])
    async def incident_history(name: str, iid: int, request: Request) -> list[dict[str, Any]]:
        """Every event of the incident, alerts included, from the audit trail."""
        a = r.authenticate(request)
        p = r.project_for(a, name, READ)
        found(p, iid)
        return r.history(_resource(p, iid))

    @app.get("/api/v1/projects/{name}/incidents-overdue", tags=["incidents"])
    async def overdue_incidents(name: str, request: Request) -> list[dict[str, Any]]:
        """Steps and regulatory clocks of open incidents past due; the first time a step is
        listed, an ``alert:raised`` event is recorded for it."""
        a = r.authenticate(request)
        return overdue(a, r.project_for(a, name, READ))

    @app.get("/api/v1/incidents-overdue", tags=["incidents"])
    async def all_overdue(request: Request) -> dict[str, list[dict[str, Any]]]:
        """The overdue steps of every project whose incidents you can read, by project (for
        a scheduled call that raises the alerts)."""
        a = r.authenticate(request)
        readable = [
            p for p in data.all_projects(ac.db) if ac.decide(a, READ, f"project:{p.name}").allowed
        ]
        ac.record(a, READ, "projects", overdue=True, shown=len(readable))
        found = {p.name: overdue(a, p) for p in readable}
        return {name: items for name, items in found.items() if items}

    # -- pages ----------------------------------------------------------------------------

    @app.get("/projects/{name}/incidents", include_in_schema=False)
    async def incidents_page(name: str, request: Request) -> Response:
        a = r.authenticate(request)
        p = r.project_for(a, name, READ)
        return r.srv.render(
            request,
            "incidents.html",
            project=p,
            items=store.list_incidents(ac.db, p.id),
            overdue=overdue(a, p),
            kinds=KINDS,
        )

    @app.post("/projects/{name}/incidents", include_in_schema=False)
    async def incidents_form(name: str, request: Request) -> Response:
        form = await r.form_of(request)
        a = r.authenticate(request, form)
        p = r.project_for(a, name, WRITE)
        body = _model(
            IncidentIn,
            title=form.get("title", ""),
            summary=form.get("summary", ""),
            kind=form.get("kind", "other"),
            severity=form.get("severity", "high"),
            personal_data=form.get("personal_data") == "yes",
            serious=form.get("serious") or None,
            aware=_when(form.get("aware", "")),
        )
        iid = open_one(a, p, body)
        return RedirectResponse(f"/projects/{p.name}/incidents/{iid}", 303)

    @app.get("/projects/{name}/incidents/{iid}", include_in_schema=False)
    async def incident_page(name: str, iid: int, request: Request) -> Response:
        a = r.authenticate(request)
        p = r.project_for(a, name, READ)
        item = found(p, iid)
        return r.srv.render(
            request,
            "incident.html",
            project=p,
            item=item,
            history=r.history(_resource(p, iid)),
            now=r.now(),
            playbook=len(PLAYBOOKS[item["kind"]]),
        )

    @app.post("/projects/{name}/incidents/{iid}", include_in_schema=False)
    async def incident_form(name: str, iid: int, request: Request) -> Response:
        """One form route: ``do`` is update, close or step (with ``step``)."""
        form = await r.form_of(request)
        a = r.authenticate(request, form)
        p = r.project_for(a, name, WRITE)
        note = form.get("note", "")[:4000]
        match form.get("do"):
            case "close":
                close_one(a, p, iid, note)
            case "step":
                step_done(a, p, iid, form_int(form.get("step", ""), "step"), note)
            case "update":
                given = {k: form[k] for k in ("severity", "serious") if form.get(k)}
                if form.get("personal_data") == "yes":
                    given["personal_data"] = "yes"
                body = _model(IncidentUpdate, **given)
                update_one(a, p, iid, body)
            case _:
                raise HttpError(400, "do: update, close or step", "use the incident's page")
        return RedirectResponse(f"/projects/{p.name}/incidents/{iid}", 303)


def _when(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        return parse_iso(text)
    except ValueError:
        raise HttpError(400, f"aware {text[:20]!r} is not a date and time", "") from None
