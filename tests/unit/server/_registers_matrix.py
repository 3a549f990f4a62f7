"""Entries of the authorisation matrix for the registers' routes (see test_authz_matrix)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from secplan.governance import registers as store
from secplan.server import data

#: which matrix roles hold each register action on project alpha, from the role table
HOLDS = {
    "incident:read": {"root", "admin", "approver", "editor"},
    "incident:write": {"root", "admin", "approver", "editor"},
    "register:write": {"root", "admin", "approver", "editor"},
}
INCIDENT = {"title": "poisoned labels", "kind": "poisoned-data", "severity": "high"}


def _project(ctx: Any, name: str) -> data.Project:
    p = data.project(ctx.ac.db, name)
    assert p is not None
    return p


def incident(ctx: Any, project: str) -> tuple[int, int]:
    """A new open incident of ``project``: its id and its first step's."""
    fields = {**INCIDENT, "summary": "", "personal_data": False, "serious": None}
    p = _project(ctx, project)
    now = datetime.now(UTC)
    iid = store.open_incident(ctx.ac.db, p.id, fields, now, "root", "2026-01-01T00:00:00Z")
    got = store.get_incident(ctx.ac.db, p.id, iid)
    assert got is not None
    return iid, got["steps"][0]["id"]


def on_incident(path: str, **kw: Any) -> Any:
    """A request on a new incident of the objects' project through the URL's project;
    ``path`` has {name}, {iid} and {sid}."""

    def build(ctx: Any, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
        iid, sid = incident(ctx, obj_p)
        return path.format(name=url_p, iid=iid, sid=sid), kw

    return build


def _attestation(ctx: Any) -> dict[str, str]:
    today = datetime.now(UTC).date()
    return {
        "principal": ctx.user("none"),
        "kind": "security-training",
        "issued": str(today),
        "expires": str(today.replace(year=today.year + 1)),
        "evidence": "certificate 1",
    }


def new_attestation(form: bool) -> Any:
    """Record an attestation of a new account, through the API or the page."""

    def build(ctx: Any, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
        body = _attestation(ctx)
        return (
            ("/attestations", {"data": body}) if form else ("/api/v1/attestations", {"json": body})
        )

    return build


def revoke_attestation(ctx: Any, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    from secplan.governance import attestations

    aid = attestations.add(ctx.ac.db, _attestation(ctx), "root", "2026-01-01T00:00:00Z")
    return f"/api/v1/attestations/{aid}/revoke", {"json": {}}


RISK = {
    "title": "poisoned labels",
    "likelihood": 2,
    "impact": 3,
    "owner": "ml",
    "treatment": "accept",
}


def on_risk(path: str, **kw: Any) -> Any:
    """A request on a new risk of the objects' project; ``path`` has {name} and {rid}."""

    def build(ctx: Any, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
        from secplan.governance import risks

        fields = {**RISK, "description": "", "techniques": [], "controls": []}
        rid = risks.add(ctx.ac.db, _project(ctx, obj_p).id, fields, "root", "2026-01-01T00:00:00Z")
        return path.format(name=url_p, rid=rid), kw

    return build


VENDOR = {"kind": "vendor", "name": "Acme Labelling"}
BOM = {"bomFormat": "CycloneDX", "components": [{"type": "data", "name": "imdb"}]}
RECORDS = {"models": [{"id": "churn", "source": "hf://acme/churn", "licence": "MIT"}]}
