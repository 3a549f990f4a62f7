"""The third-party register on the server (SC6): a project's vendors, hub models, datasets
and libraries with licence and provenance, entered by hand or fed from an uploaded ML-BOM and
the project's model and dataset records."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field, model_validator

from secplan.access import Actor
from secplan.governance import thirdparty as store
from secplan.server import data
from secplan.server.app import MAX_FORM, _body, _model
from secplan.server.registers import RegisterIn, Routes

READ, WRITE = "report:read", "register:write"
L = store.LIMITS


class ThirdPartyIn(RegisterIn):
    kind: store.Kind
    name: str = Field(min_length=1, max_length=L["name"])
    version: str = Field(default="", max_length=L["version"])
    supplier: str = Field(default="", max_length=L["supplier"])
    licence: str = Field(default="", max_length=L["licence"])
    provenance: str = Field(default="", max_length=L["provenance"])
    notes: str = Field(default="", max_length=4000)


class RecordFileIn(RegisterIn):
    path: str = Field(min_length=1, max_length=L["name"])
    sha256: str = Field(default="", pattern="^([0-9a-f]{64})?$")


class RecordIn(RegisterIn):
    """A model or dataset record of ``.secplan/`` and the project files it covers."""

    id: str = Field(min_length=1, max_length=L["name"])
    source: str = Field(default="", max_length=800)
    licence: str = Field(default="", max_length=L["licence"])
    revision: str = Field(default="", max_length=L["version"])
    files: list[RecordFileIn] = Field(default_factory=list, max_length=store.MAX_COMPONENTS)


class RecordsIn(RegisterIn):
    models: list[RecordIn] = Field(default_factory=list, max_length=store.MAX_COMPONENTS)
    datasets: list[RecordIn] = Field(default_factory=list, max_length=store.MAX_COMPONENTS)

    @model_validator(mode="after")
    def _bounded(self) -> RecordsIn:
        records = [*self.models, *self.datasets]
        if len(records) + sum(len(r.files) for r in records) > store.MAX_COMPONENTS:
            raise ValueError(f"more than {store.MAX_COMPONENTS} records and files in all")
        return self

    def listed(self) -> list[dict[str, Any]]:
        kinds: tuple[tuple[Literal["model", "dataset"], list[RecordIn]], ...] = (
            ("model", self.models),
            ("dataset", self.datasets),
        )
        return [{"kind": kind, **r.model_dump()} for kind, rs in kinds for r in rs]


bom_body = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "a CycloneDX JSON BOM, as secplan bom writes it",
                }
            }
        },
    }
}


def install(r: Routes) -> None:
    app, ac = r.app, r.ac

    def add(
        a: Actor, p: data.Project, entries: list[dict[str, Any]], source: str
    ) -> dict[str, int]:
        added, updated = store.upsert(ac.db, p.id, entries, source, a.name, r.now())
        resource = f"project:{p.name}/third-parties"
        ac.record(a, "third-party:recorded", resource, source=source, added=added, updated=updated)
        return {"added": added, "updated": updated}

    base = "/api/v1/projects/{name}/third-parties"

    @app.get(base, tags=["third parties"])
    async def list_third_parties(name: str, request: Request) -> list[dict[str, Any]]:
        a = r.authenticate(request)
        return store.listed(ac.db, r.project_for(a, name, READ).id)

    @app.post(base, tags=["third parties"])
    async def new_third_party(name: str, body: ThirdPartyIn, request: Request) -> dict[str, int]:
        """Add (or update) one entry by hand."""
        a = r.authenticate(request)
        return add(a, r.project_for(a, name, WRITE), [body.model_dump()], "manual")

    @app.post(base + "/bom", tags=["third parties"], openapi_extra=bom_body)
    async def upload_bom(name: str, request: Request) -> dict[str, int]:
        """Feed the register from a CycloneDX JSON BOM: its models, datasets and libraries,
        and the suppliers it names as vendors (an entry already there is updated)."""
        a = r.authenticate(request)
        p = r.project_for(a, name, WRITE)
        return add(a, p, store.parse_bom(await _body(request, MAX_FORM)), "bom")

    @app.post(base + "/records", tags=["third parties"])
    async def upload_records(name: str, body: RecordsIn, request: Request) -> dict[str, int]:
        """Feed the register from the project's model and dataset records, as ``secplan bom
        --upload`` sends them: each file a record covers updates (or adds) that file's entry
        with the record's licence and source; a Hub source becomes a ``pkg:huggingface``
        package URL and its organisation a vendor."""
        a = r.authenticate(request)
        p = r.project_for(a, name, WRITE)
        return add(a, p, store.from_records(body.listed()), "records")

    @app.get("/projects/{name}/third-parties", include_in_schema=False)
    async def third_parties_page(name: str, request: Request) -> Response:
        a = r.authenticate(request)
        p = r.project_for(a, name, READ)
        items = store.listed(ac.db, p.id)
        return r.srv.render(request, "register-third-parties.html", project=p, items=items)

    @app.post("/projects/{name}/third-parties", include_in_schema=False)
    async def third_parties_form(name: str, request: Request) -> Response:
        """Add an entry, or (with ``bom``) feed the register from a pasted BOM."""
        form = await r.form_of(request)
        a = r.authenticate(request, form)
        p = r.project_for(a, name, WRITE)
        if form.get("bom", "").strip():
            add(a, p, store.parse_bom(form["bom"]), "bom")
        else:
            keys = ("kind", "name", "version", "supplier", "licence", "provenance", "notes")
            body = _model(ThirdPartyIn, **{k: form.get(k, "") for k in keys})
            add(a, p, [body.model_dump()], "manual")
        return RedirectResponse(f"/projects/{p.name}/third-parties", 303)
