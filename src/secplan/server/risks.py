"""The risk register on the server: a project's risks with MITRE ATLAS techniques,
likelihood × impact, owner, treatment and linked controls; each change an audit event, from
which a risk's history is read."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import AfterValidator, Field

from secplan.access import Actor
from secplan.catalog import CONTROL_IDS
from secplan.governance import risks as store
from secplan.server import data
from secplan.server.app import HttpError, _model
from secplan.server.registers import RegisterIn, Routes, form_int, object_id

READ, WRITE = "report:read", "register:write"
Technique = Annotated[str, Field(max_length=16), AfterValidator(store.technique)]
Level = Annotated[int, Field(ge=1, le=5)]
Treatment = Literal["mitigate", "accept", "transfer", "avoid"]


def _control(c: str) -> str:
    if c not in CONTROL_IDS:
        raise ValueError(f"unknown control {c!r} (controls are DS1..HS5)")
    return c


Control = Annotated[str, Field(max_length=16), AfterValidator(_control)]


class RiskIn(RegisterIn):
    title: str = Field(min_length=3, max_length=200)
    description: str = Field(default="", max_length=8000)
    techniques: list[Technique] = Field(default_factory=list, max_length=32)
    likelihood: Level
    impact: Level
    owner: str = Field(min_length=1, max_length=255)
    treatment: Treatment
    controls: list[Control] = Field(default_factory=list, max_length=32)


class RiskUpdate(RegisterIn):
    title: str | None = Field(default=None, min_length=3, max_length=200)
    description: str | None = Field(default=None, max_length=8000)
    techniques: list[Technique] | None = Field(default=None, max_length=32)
    likelihood: Level | None = None
    impact: Level | None = None
    owner: str | None = Field(default=None, min_length=1, max_length=255)
    treatment: Treatment | None = None
    controls: list[Control] | None = Field(default=None, max_length=32)


def _resource(p: data.Project, rid: int) -> str:
    return f"project:{p.name}/risk/{rid}"


def install(r: Routes) -> None:
    app, ac = r.app, r.ac

    def add(a: Actor, p: data.Project, body: RiskIn) -> int:
        rid = store.add(ac.db, p.id, body.model_dump(), a.name, r.now())
        score = body.likelihood * body.impact
        ac.record(a, "risk:added", _resource(p, rid), score=score, treatment=body.treatment)
        return rid

    def found(p: data.Project, rid: int) -> dict[str, Any]:
        got = store.get(ac.db, p.id, object_id(rid, "risk"))
        if got is None:
            raise HttpError(404, f"no risk {rid} in this project", "")
        return got

    def change(a: Actor, p: data.Project, rid: int, body: RiskUpdate) -> dict[str, Any]:
        before = found(p, rid)
        changes = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None}
        store.change(ac.db, p.id, rid, changes, r.now())
        after = found(p, rid)
        ac.record(
            a,
            "risk:changed",
            _resource(p, rid),
            fields=sorted(changes),
            score=after["score"],
            was=before["score"],
        )
        return after

    base = "/api/v1/projects/{name}/risks"

    @app.get(base, tags=["risks"])
    async def list_risks(name: str, request: Request) -> list[dict[str, Any]]:
        """The project's risks, highest score (likelihood × impact) first."""
        a = r.authenticate(request)
        return store.listed(ac.db, r.project_for(a, name, READ).id)

    @app.post(base, tags=["risks"])
    async def new_risk(name: str, body: RiskIn, request: Request) -> dict[str, Any]:
        a = r.authenticate(request)
        p = r.project_for(a, name, WRITE)
        return found(p, add(a, p, body))

    @app.get(base + "/{rid}", tags=["risks"])
    async def get_risk(name: str, rid: int, request: Request) -> dict[str, Any]:
        a = r.authenticate(request)
        return found(r.project_for(a, name, READ), rid)

    @app.post(base + "/{rid}", tags=["risks"])
    async def change_risk(
        name: str, rid: int, body: RiskUpdate, request: Request
    ) -> dict[str, Any]:
        """Change the fields given (a field sent as null stays as it is)."""
        a = r.authenticate(request)
        return change(a, r.project_for(a, name, WRITE), rid, body)

    @app.get(base + "/{rid}/history", tags=["risks"])
    async def risk_history(name: str, rid: int, request: Request) -> list[dict[str, Any]]:
        a = r.authenticate(request)
        p = r.project_for(a, name, READ)
        found(p, rid)
        return r.history(_resource(p, rid))

    @app.get("/projects/{name}/risks", include_in_schema=False)
    async def risks_page(name: str, request: Request) -> Response:
        a = r.authenticate(request)
        p = r.project_for(a, name, READ)
        items = store.listed(ac.db, p.id)
        return r.srv.render(
            request,
            "register-risks.html",
            project=p,
            items=items,
            histories={i["id"]: r.history(_resource(p, i["id"])) for i in items},
            controls=CONTROL_IDS,
        )

    @app.post("/projects/{name}/risks", include_in_schema=False)
    async def risks_form(name: str, request: Request) -> Response:
        """Add a risk, or (with ``risk``) change one's likelihood, impact, owner, treatment."""
        form = await r.form_of(request)
        a = r.authenticate(request, form)
        p = r.project_for(a, name, WRITE)
        if form.get("risk"):
            rid = form_int(form["risk"], "risk")
            keys = ("likelihood", "impact", "owner", "treatment")
            change(a, p, rid, _model(RiskUpdate, **{k: form[k] for k in keys if form.get(k)}))
        else:
            body = _model(
                RiskIn,
                title=form.get("title", ""),
                description=form.get("description", ""),
                techniques=_words(form.get("techniques", "")),
                likelihood=form.get("likelihood", ""),
                impact=form.get("impact", ""),
                owner=form.get("owner", ""),
                treatment=form.get("treatment", ""),
                controls=[c.upper() for c in _words(form.get("controls", ""))],
            )
            add(a, p, body)
        return RedirectResponse(f"/projects/{p.name}/risks", 303)


def _words(text: str) -> list[str]:
    return text.replace(",", " ").split()[:33]
