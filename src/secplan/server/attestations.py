"""Training and background-check attestations (HS1, HS2) on the server: recorded and revoked
by a holder of ``attestation:write`` on the account (with a second factor, and never on their
own account), read with ``user:read``, and the report of everyone holding a sensitive role
without a current attestation of each required kind."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field

from secplan.access import Actor
from secplan.audit.events import Outcome
from secplan.governance import attestations as store
from secplan.server.app import HttpError, _model
from secplan.server.registers import NoteIn, RegisterIn, Routes, form_date, form_int, object_id

WRITE = "attestation:write"


class AttestationIn(RegisterIn):
    principal: str = Field(max_length=255)
    kind: store.Kind
    issued: dt.date
    expires: dt.date
    evidence: str = Field(min_length=1, max_length=1000)  # certificate, report reference


def install(r: Routes) -> None:
    app, ac = r.app, r.ac

    def today() -> str:
        return ac.clock().date().isoformat()

    def record(a: Actor, body: AttestationIn) -> int:
        resource = f"principal:{body.principal}"
        ac.require(a, WRITE, resource, kind=body.kind)  # a second factor, on that account
        if body.principal.casefold() == a.name.casefold():
            ac.record(a, WRITE, resource, Outcome.DENIED, reason="own account")
            raise HttpError(403, "nobody attests for themselves", "ask another officer")
        if ac.principal(body.principal) is None:
            raise HttpError(400, f"no account named {body.principal!r}", "")
        if not body.issued <= ac.clock().date() < body.expires:
            raise HttpError(400, "issued must be today or before, expires after today", "")
        fields = {**body.model_dump(), "issued": str(body.issued), "expires": str(body.expires)}
        aid = store.add(ac.db, fields, a.name, r.now())
        ac.record(a, "attestation:recorded", f"{resource}/attestation/{aid}", kind=body.kind)
        return aid

    def revoke(a: Actor, aid: int, note: str) -> dict[str, Any]:
        found = store.get(ac.db, object_id(aid, "attestation"))
        # whoever may not write attestations learns nothing of which ids exist
        resource = f"principal:{found['principal'] if found else '?'}"
        ac.require(a, WRITE, resource, attestation=aid)
        if found is None:
            raise HttpError(404, f"no attestation {aid}", "")
        if not store.revoke(ac.db, aid, r.now()):
            raise HttpError(409, f"attestation {aid} is already revoked", "")
        ac.record(a, "attestation:revoked", f"{resource}/attestation/{aid}", note=note)
        return {**found, "revoked": r.now()}

    def read(a: Actor, **details: object) -> None:
        ac.require(a, "user:read", "principals", **details)

    def gaps() -> list[dict[str, Any]]:
        return store.gaps(ac.principals(), store.listed(ac.db), today())

    @app.get("/api/v1/attestations", tags=["attestations"])
    async def list_attestations(
        request: Request, principal: str | None = None
    ) -> list[dict[str, Any]]:
        a = r.authenticate(request)
        read(a, listing="attestations")
        if principal is not None and "\x00" in principal:
            return []  # no account has such a name (and PostgreSQL takes no NUL)
        return store.listed(ac.db, principal)

    @app.post("/api/v1/attestations", tags=["attestations"])
    async def new_attestation(body: AttestationIn, request: Request) -> dict[str, Any]:
        """Record that an account completed a training or passed a background check."""
        a = r.authenticate(request)
        return {"id": record(a, body)}

    @app.post("/api/v1/attestations/{aid}/revoke", tags=["attestations"])
    async def revoke_attestation(aid: int, body: NoteIn, request: Request) -> dict[str, Any]:
        return revoke(r.authenticate(request), aid, body.note)

    @app.get("/api/v1/attestations/gaps", tags=["attestations"])
    async def attestation_gaps(request: Request) -> dict[str, Any]:
        """Every enabled account holding a sensitive role (one that grants an action needing
        a second factor) without a current attestation of each required kind."""
        a = r.authenticate(request)
        read(a, listing="attestation-gaps")
        return {"required": list(store.REQUIRED), "today": today(), "gaps": gaps()}

    @app.get("/attestations", include_in_schema=False)
    async def attestations_page(request: Request) -> Response:
        a = r.authenticate(request)
        read(a, listing="attestations")
        return r.srv.render(
            request,
            "register-attestations.html",
            items=store.listed(ac.db),
            gaps=gaps(),
            required=store.REQUIRED,
            today=today(),
        )

    @app.post("/attestations", include_in_schema=False)
    async def attestations_form(request: Request) -> Response:
        form = await r.form_of(request)
        a = r.authenticate(request, form)
        if form.get("revoke"):
            revoke(a, form_int(form["revoke"], "revoke"), form.get("note", "")[:4000])
            return RedirectResponse("/attestations", 303)
        body = _model(
            AttestationIn,
            principal=form.get("principal", ""),
            kind=form.get("kind", ""),
            issued=form_date(form.get("issued", ""), "issued"),
            expires=form_date(form.get("expires", ""), "expires"),
            evidence=form.get("evidence", ""),
        )
        record(a, body)
        return RedirectResponse("/attestations", 303)
