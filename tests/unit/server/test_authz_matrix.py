"""The authorisation matrix of the server: every role (a global administrator, and an
administrator, approver, editor, viewer or nobody on project alpha, and a request without a
credential) x every route of the
application x its own project, another project, and its own project with another project's
objects, each answered with the status the role table gives (2xx, 403, or 404 for a project
out of reach). The routes come from the application itself: a new route without an entry here
fails the test."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp

from secplan.access import AccessControl, Actor
from secplan.access.manage import insert_token
from secplan.server import data
from secplan.server.waivers import export
from tests.unit.access.test_access import PASSWORD
from tests.unit.server import _registers_matrix as reg

ROOT = Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True)
#: role name in the matrix -> the role bound on project alpha (None: no role; "*": root)
ROLES = {
    "root": "*",
    "admin": "admin",
    "approver": "security-officer",
    "editor": "ml-engineer",
    "viewer": "viewer",
    "none": None,
    "anonymous": None,  # an account exists, but the request carries no credential
}
#: which matrix roles hold each project action on alpha, written out from the role table
HOLDS = {
    "report:read": {"root", "admin", "approver", "editor", "viewer"},
    "scan:upload": {"root", "admin", "approver", "editor"},
    "waiver:request": {"root", "admin", "approver", "editor"},
    "waiver:approve": {"root", "admin", "approver"},
    **reg.HOLDS,
}
TARGETS = ("own", "other", "cross")  # alpha; beta; alpha's URL with beta's objects
LATER = (dt.date.today() + dt.timedelta(days=30)).isoformat()
_n = itertools.count(1)


def _report() -> bytes:
    return json.dumps(
        {
            "schema": "secplan-report",
            "schema_version": 1,
            "tool": {"name": "secplan", "version": "test"},
            "run": {"commit": {"sha": "0" * 40}},
            "summary": {"findings": {}, "controls": {}},
            "controls": [{"id": "HS4", "status": "pass"}],
            "findings": [],
        }
    ).encode()


@dataclass
class Ctx:
    ac: AccessControl
    client: Any
    keys: Any
    assessments: dict[str, list[int]]

    def project(self, name: str) -> data.Project:
        p = data.project(self.ac.db, name)
        assert p is not None
        return p

    def exception(self, project: str, state: str = "pending") -> str:
        """A new exception requested by root in ``project`` (pending, or approved by someone
        else); its id."""
        wid = f"WV-{project.upper()}-{next(_n)}"
        fields = {
            "id": wid,
            "rule": "DP001",
            "paths": ["**"],
            "justification": "fixed in the next release",
            "risk": "low",
            "mitigations": [],
            "requester": "root",
            "expires": LATER,
            "state": state,
        }
        if state == "approved":
            fields |= {"approver": "approver-0", "decided": "2026-01-01T00:00:00Z"}
        data.add_exception(self.ac.db, self.project(project), fields, "2026-01-01T00:00:00Z")
        return wid

    def user(self, role: str) -> str:
        """A new account holding ``role`` on alpha."""
        name = f"{role}-{next(_n)}"
        self.ac.add_principal(ROOT, name, password=PASSWORD)
        bound = ROLES[role]
        if bound == "*":
            self.ac.grant(ROOT, name, "admin", "*")
        elif bound is not None:
            self.ac.grant(ROOT, name, bound, "project:alpha")
        return name

    def session(self, name: str) -> str:
        """A session token of ``name`` opened with a second factor."""
        expires = datetime.now(UTC) + timedelta(hours=1)
        new = insert_token(
            self.ac, ROOT, name, kind="session", scopes=(), expires=expires, desc="", mfa=True
        )
        return new.token


#: A request: (context, user, project in the URL, project of the objects) -> method, URL and
#: keyword arguments of the request; and the status of success.
Build = Callable[[Ctx, str, str, str], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Route:
    access: str  # public, self, users, project:manage, or the project action
    ok: int
    build: Build
    objects: bool = False  # the URL names a project's objects (assessments, exceptions)


def _plain(path: str, **kw: Any) -> Build:
    return lambda ctx, user, url_p, obj_p: (path.format(name=url_p), kw)


def _diff(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    base, head = ctx.assessments[obj_p]
    return f"/api/v1/projects/{url_p}/diff", {"params": {"base": base, "head": head}}


def _history(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    return f"/api/v1/projects/{url_p}/exceptions/{ctx.exception(obj_p)}/history", {}


def _decide(verb: str) -> Build:
    def build(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
        wid = ctx.exception(obj_p)
        return f"/api/v1/projects/{url_p}/exceptions/{wid}/{verb}", {"json": {"note": "ok"}}

    return build


def _renew(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    wid = ctx.exception(obj_p, state="approved")
    later = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    return f"/api/v1/projects/{url_p}/exceptions/{wid}/renew", {"json": {"expires": later}}


def _decision_form(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    wid = ctx.exception(obj_p)
    return f"/projects/{url_p}/exceptions/{wid}/decision", {"data": {"decision": "approve"}}


def _import(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    wid = f"WV-IMPORT-{next(_n)}"
    waiver = {
        "id": wid,
        "rule": "DP001",
        "control": None,
        "paths": ["**"],
        "justification": "fixed in the next release",
        "risk": "low",
        "mitigations": [],
        "requester": "root",
        "approver": "root",
        "decided": dt.date.today().isoformat(),
        "expires": LATER,
    }
    text, _ = export(waiver, ctx.keys.approval_key, url_p)
    body = {"name": f"{wid}.toml", "text": text, "signature": None}
    return f"/api/v1/projects/{url_p}/exceptions-import", {"json": body}


def _new_user(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    return "/api/v1/users", {"json": {"name": f"new-{next(_n)}", "password": PASSWORD}}


def _grant(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    target = ctx.user("none")
    body = {"role": "viewer", "scope": f"project:{url_p}"}
    return f"/api/v1/users/{target}/roles", {"json": body}


def _revoke(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    target = ctx.user("none")
    ctx.ac.grant(ROOT, target, "viewer", f"project:{url_p}")
    body = {"role": "viewer", "scope": f"project:{url_p}"}
    return f"/api/v1/users/{target}/roles/revoke", {"json": body}


def _new_project(path: str, form: bool) -> Build:
    def build(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
        body = {"name": f"{url_p}-{next(_n)}"}
        return path, ({"data": body} if form else {"json": body})

    return build


def _confirm(path: str, form: bool) -> Build:
    def build(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
        secret, _ = ctx.ac.mfa_enroll(ROOT, user)  # enrolled for them by an administrator
        code = pyotp.TOTP(secret).now()
        return path, ({"data": {"code": code}} if form else {"json": {"code": code}})

    return build


def _form_login(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    page = ctx.client.get("/login")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert csrf
    return "/login", {"data": {"csrf": csrf[1], "name": user, "password": PASSWORD}}


def _key(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    """The recipient of a key of the server's key ring (made once)."""
    from secplan.protect.keystore import KeyStore

    store = KeyStore()
    if "matrix" not in {r.name for r in store.rings()}:
        store.create("matrix")
    return "/api/v1/keys/matrix/recipient", {}


def _file_key(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    """The age header of a file encrypted to that key."""
    import base64
    import io

    from secplan.protect.age import Stanza, encrypt_stream, header_bytes, read_header
    from secplan.protect.keystore import KeyStore

    _key(ctx, user, url_p, obj_p)
    version, recipient = KeyStore().recipient("matrix")
    buf = io.BytesIO()
    hint = Stanza("secplan-key", (version.id,), b"")
    encrypt_stream(io.BytesIO(b"rows"), buf, [recipient], extra=[hint])
    header = header_bytes(read_header(io.BytesIO(buf.getvalue())))
    return "/api/v1/file-keys", {"json": {"header": base64.b64encode(header).decode()}}


def _rotate(ctx: Ctx, user: str, url_p: str, obj_p: str) -> tuple[str, dict[str, Any]]:
    """A rotation of that key (each one makes a new version)."""
    _key(ctx, user, url_p, obj_p)
    return "/api/v1/keys/matrix/rotate", {}


EXCEPTION = {"rule": "DP001", "justification": "fixed in the next release", "risk": "low"}
EXCEPTION_FORM = {**EXCEPTION, "target": "DP001", "expires": LATER}

ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/"): Route("public", 303, _plain("/")),
    ("GET", "/static/style.css"): Route("public", 200, _plain("/static/style.css")),
    ("GET", "/api/openapi.json"): Route("public", 200, _plain("/api/openapi.json")),
    ("GET", "/api/v1/approval-key"): Route("public", 200, _plain("/api/v1/approval-key")),
    ("GET", "/login"): Route("public", 200, _plain("/login")),
    ("POST", "/login"): Route("public", 303, _form_login),
    ("POST", "/api/v1/login"): Route(
        "public",
        200,
        lambda ctx, user, u, o: ("/api/v1/login", {"json": {"name": user, "password": PASSWORD}}),
    ),
    ("POST", "/api/v1/logout"): Route("self", 200, _plain("/api/v1/logout")),
    ("POST", "/logout"): Route("self", 303, _plain("/logout")),
    ("GET", "/api/v1/whoami"): Route("self", 200, _plain("/api/v1/whoami")),
    ("GET", "/me"): Route("self", 200, _plain("/me")),
    ("POST", "/api/v1/me/mfa/enroll"): Route("self", 200, _plain("/api/v1/me/mfa/enroll")),
    ("POST", "/me/mfa/enroll"): Route("self", 200, _plain("/me/mfa/enroll", data={})),
    ("POST", "/api/v1/me/mfa/confirm"): Route(
        "self", 200, _confirm("/api/v1/me/mfa/confirm", form=False)
    ),
    ("POST", "/me/mfa/confirm"): Route("self", 200, _confirm("/me/mfa/confirm", form=True)),
    ("POST", "/api/v1/tokens"): Route("self", 200, _plain("/api/v1/tokens", json={"days": 1})),
    ("GET", "/api/v1/projects"): Route("self", 200, _plain("/api/v1/projects")),
    ("GET", "/api/v1/reminders"): Route("self", 200, _plain("/api/v1/reminders")),
    ("GET", "/projects"): Route("self", 200, _plain("/projects")),
    ("POST", "/api/v1/users"): Route("users", 200, _new_user),
    # keys of the server's key ring (resource key:NAME): held by global administrators only
    ("GET", "/api/v1/keys/{name}/recipient"): Route("users", 200, _key),
    ("POST", "/api/v1/file-keys"): Route("users", 200, _file_key),
    ("POST", "/api/v1/keys/{name}/rotate"): Route("users", 200, _rotate),
    # the key list shows each account the keys it holds a key action on (none, but for root)
    ("GET", "/api/v1/keys"): Route("self", 200, _plain("/api/v1/keys")),
    # the server's audit trail (resource audit): held by global roles only
    ("GET", "/api/v1/audit/events"): Route("users", 200, _plain("/api/v1/audit/events")),
    ("POST", "/api/v1/audit/verify"): Route(
        "users", 200, _plain("/api/v1/audit/verify", json={"checkpoints": []})
    ),
    ("POST", "/api/v1/audit/checkpoints"): Route("users", 200, _plain("/api/v1/audit/checkpoints")),
    ("POST", "/api/v1/users/{name}/roles"): Route("users", 200, _grant),
    ("POST", "/api/v1/users/{name}/roles/revoke"): Route("users", 200, _revoke),
    ("POST", "/api/v1/projects"): Route(
        "project:manage", 200, _new_project("/api/v1/projects", form=False)
    ),
    ("POST", "/projects"): Route("project:manage", 303, _new_project("/projects", form=True)),
    ("GET", "/api/v1/projects/{name}"): Route(
        "report:read", 200, _plain("/api/v1/projects/{name}")
    ),
    ("GET", "/projects/{name}"): Route("report:read", 200, _plain("/projects/{name}")),
    ("GET", "/api/v1/projects/{name}/diff"): Route("report:read", 200, _diff, objects=True),
    ("GET", "/api/v1/projects/{name}/exceptions"): Route(
        "report:read", 200, _plain("/api/v1/projects/{name}/exceptions")
    ),
    ("GET", "/projects/{name}/exceptions"): Route(
        "report:read", 200, _plain("/projects/{name}/exceptions")
    ),
    ("GET", "/api/v1/projects/{name}/exceptions/{wid}/history"): Route(
        "report:read", 200, _history, objects=True
    ),
    ("GET", "/api/v1/projects/{name}/exceptions-export"): Route(
        "report:read", 200, _plain("/api/v1/projects/{name}/exceptions-export")
    ),
    ("POST", "/api/v1/projects/{name}/assessments"): Route(
        "scan:upload", 200, _plain("/api/v1/projects/{name}/assessments", content=_report())
    ),
    ("POST", "/api/v1/projects/{name}/exceptions"): Route(
        "waiver:request",
        200,
        _plain("/api/v1/projects/{name}/exceptions", json={**EXCEPTION, "expires": LATER}),
    ),
    ("POST", "/projects/{name}/exceptions"): Route(
        "waiver:request", 303, _plain("/projects/{name}/exceptions", data=EXCEPTION_FORM)
    ),
    ("POST", "/api/v1/projects/{name}/exceptions-import"): Route("waiver:request", 200, _import),
    ("POST", "/api/v1/projects/{name}/exceptions/{wid}/renew"): Route(
        "waiver:request", 200, _renew, objects=True
    ),
    ("POST", "/api/v1/projects/{name}/exceptions/{wid}/approve"): Route(
        "waiver:approve", 200, _decide("approve"), objects=True
    ),
    ("POST", "/api/v1/projects/{name}/exceptions/{wid}/reject"): Route(
        "waiver:approve", 200, _decide("reject"), objects=True
    ),
    ("POST", "/projects/{name}/exceptions/{wid}/decision"): Route(
        "waiver:approve", 303, _decision_form, objects=True
    ),
    # -- framework reports: the project's viewers and above, like the project page ---------
    ("GET", "/projects/{name}/frameworks"): Route(
        "report:read", 200, _plain("/projects/{name}/frameworks")
    ),
    ("GET", "/projects/{name}/frameworks/{framework}"): Route(
        "report:read", 200, _plain("/projects/{name}/frameworks/eu_ai_act")
    ),
    ("GET", "/projects/{name}/frameworks/{framework}.html"): Route(
        "report:read", 200, _plain("/projects/{name}/frameworks/gdpr.html")
    ),
    ("GET", "/projects/{name}/frameworks/{framework}.pdf"): Route(
        "report:read", 200, _plain("/projects/{name}/frameworks/owasp_ml_2023.pdf")
    ),
    ("GET", "/api/v1/projects/{name}/frameworks/{framework}"): Route(
        "report:read", 200, _plain("/api/v1/projects/{name}/frameworks/nist_ai_rmf_1_0")
    ),
    # -- registers: incidents ------------------------------------------------------------
    ("GET", "/api/v1/projects/{name}/incidents"): Route(
        "incident:read", 200, _plain("/api/v1/projects/{name}/incidents")
    ),
    ("POST", "/api/v1/projects/{name}/incidents"): Route(
        "incident:write", 200, _plain("/api/v1/projects/{name}/incidents", json=reg.INCIDENT)
    ),
    ("GET", "/api/v1/projects/{name}/incidents/{iid}"): Route(
        "incident:read", 200, reg.on_incident("/api/v1/projects/{name}/incidents/{iid}"), True
    ),
    ("POST", "/api/v1/projects/{name}/incidents/{iid}"): Route(
        "incident:write",
        200,
        reg.on_incident("/api/v1/projects/{name}/incidents/{iid}", json={"severity": "low"}),
        True,
    ),
    ("POST", "/api/v1/projects/{name}/incidents/{iid}/close"): Route(
        "incident:write",
        200,
        reg.on_incident("/api/v1/projects/{name}/incidents/{iid}/close", json={}),
        True,
    ),
    ("POST", "/api/v1/projects/{name}/incidents/{iid}/steps/{sid}/done"): Route(
        "incident:write",
        200,
        reg.on_incident("/api/v1/projects/{name}/incidents/{iid}/steps/{sid}/done", json={}),
        True,
    ),
    ("GET", "/api/v1/projects/{name}/incidents/{iid}/history"): Route(
        "incident:read",
        200,
        reg.on_incident("/api/v1/projects/{name}/incidents/{iid}/history"),
        True,
    ),
    ("GET", "/api/v1/projects/{name}/incidents-overdue"): Route(
        "incident:read", 200, _plain("/api/v1/projects/{name}/incidents-overdue")
    ),
    ("GET", "/api/v1/incidents-overdue"): Route("self", 200, _plain("/api/v1/incidents-overdue")),
    ("GET", "/projects/{name}/incidents"): Route(
        "incident:read", 200, _plain("/projects/{name}/incidents")
    ),
    ("POST", "/projects/{name}/incidents"): Route(
        "incident:write", 303, _plain("/projects/{name}/incidents", data=reg.INCIDENT)
    ),
    ("GET", "/projects/{name}/incidents/{iid}"): Route(
        "incident:read", 200, reg.on_incident("/projects/{name}/incidents/{iid}"), True
    ),
    ("POST", "/projects/{name}/incidents/{iid}"): Route(
        "incident:write",
        303,
        reg.on_incident("/projects/{name}/incidents/{iid}", data={"do": "update"}),
        True,
    ),
    # -- registers: attestations of accounts (global: no role on one project reaches them) --
    ("GET", "/api/v1/attestations"): Route("users", 200, _plain("/api/v1/attestations")),
    ("POST", "/api/v1/attestations"): Route("users", 200, reg.new_attestation(form=False)),
    ("POST", "/api/v1/attestations/{aid}/revoke"): Route("users", 200, reg.revoke_attestation),
    ("GET", "/api/v1/attestations/gaps"): Route("users", 200, _plain("/api/v1/attestations/gaps")),
    ("GET", "/attestations"): Route("users", 200, _plain("/attestations")),
    ("POST", "/attestations"): Route("users", 303, reg.new_attestation(form=True)),
    # -- registers: risks ----------------------------------------------------------------
    ("GET", "/api/v1/projects/{name}/risks"): Route(
        "report:read", 200, _plain("/api/v1/projects/{name}/risks")
    ),
    ("POST", "/api/v1/projects/{name}/risks"): Route(
        "register:write", 200, _plain("/api/v1/projects/{name}/risks", json=reg.RISK)
    ),
    ("GET", "/api/v1/projects/{name}/risks/{rid}"): Route(
        "report:read", 200, reg.on_risk("/api/v1/projects/{name}/risks/{rid}"), True
    ),
    ("POST", "/api/v1/projects/{name}/risks/{rid}"): Route(
        "register:write",
        200,
        reg.on_risk("/api/v1/projects/{name}/risks/{rid}", json={"impact": 4}),
        True,
    ),
    ("GET", "/api/v1/projects/{name}/risks/{rid}/history"): Route(
        "report:read", 200, reg.on_risk("/api/v1/projects/{name}/risks/{rid}/history"), True
    ),
    ("GET", "/projects/{name}/risks"): Route("report:read", 200, _plain("/projects/{name}/risks")),
    ("POST", "/projects/{name}/risks"): Route(
        "register:write", 303, _plain("/projects/{name}/risks", data=reg.RISK)
    ),
    # -- registers: third parties --------------------------------------------------------
    ("GET", "/api/v1/projects/{name}/third-parties"): Route(
        "report:read", 200, _plain("/api/v1/projects/{name}/third-parties")
    ),
    ("POST", "/api/v1/projects/{name}/third-parties"): Route(
        "register:write", 200, _plain("/api/v1/projects/{name}/third-parties", json=reg.VENDOR)
    ),
    ("POST", "/api/v1/projects/{name}/third-parties/bom"): Route(
        "register:write", 200, _plain("/api/v1/projects/{name}/third-parties/bom", json=reg.BOM)
    ),
    ("POST", "/api/v1/projects/{name}/third-parties/records"): Route(
        "register:write",
        200,
        _plain("/api/v1/projects/{name}/third-parties/records", json=reg.RECORDS),
    ),
    ("GET", "/projects/{name}/third-parties"): Route(
        "report:read", 200, _plain("/projects/{name}/third-parties")
    ),
    ("POST", "/projects/{name}/third-parties"): Route(
        "register:write", 303, _plain("/projects/{name}/third-parties", data=reg.VENDOR)
    ),
}


def expected(route: Route, role: str, target: str, url: str) -> int:
    if route.access == "public":
        return route.ok
    if role == "anonymous":  # the API answers 401, a page sends to the login page
        return 401 if url.startswith("/api/") else 303
    if route.access == "self":
        return route.ok
    if route.access in ("users", "project:manage"):  # accounts, keys, new projects: root only
        return route.ok if role == "root" else 403
    if role not in HOLDS[route.access] or (target == "other" and role != "root"):
        return 404  # a project out of reach answers as if it did not exist
    if target == "cross" and route.objects:
        # another project's assessment or exception is not found through this one's URL;
        # an exception's history is read within the project (and is empty)
        return 200 if route.build is _history else 404
    return route.ok


def _routes(app: Any) -> set[tuple[str, str]]:
    return {
        (method, r.path)
        for r in app.routes
        for method in getattr(r, "methods", None) or ()
        if method != "HEAD"
    }


def test_every_route_has_an_entry_in_the_matrix(app_parts: Any) -> None:
    app, _ = app_parts
    assert _routes(app) == set(ROUTES)


def test_every_role_on_every_route_gets_what_the_role_table_says(app_parts: Any) -> None:
    app, ac = app_parts
    with warnings.catch_warnings():  # a newer starlette would rather have httpx2
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    keys = app.state.server.keys
    ctx = Ctx(ac, TestClient(app, follow_redirects=False), keys, {})
    for name in ("alpha", "beta"):
        p = data.create_project(ac.db, name, "", "root", "2026-01-01T00:00:00Z")
        parsed = data.parse_report(_report())
        ctx.assessments[name] = [
            data.add_assessment(ac.db, p, parsed, "root", "2026-01-01T00:00:00Z") for _ in (1, 2)
        ]
    users = {role: ctx.user(role) for role in ROLES}
    wrong: list[str] = []
    with ctx.client:
        for (method, path), route in sorted(ROUTES.items()):
            for role, target in itertools.product(ROLES, TARGETS):
                if target == "cross" and not route.objects:
                    continue
                # the confirmation of a second factor needs an account without one yet
                user = ctx.user(role) if "mfa" in path else users[role]
                url_p = "beta" if target == "other" else "alpha"
                obj_p = "alpha" if target == "own" else "beta"
                ctx.client.cookies.clear()
                url, built = route.build(ctx, user, url_p, obj_p)
                kw = dict(built)  # the builders' keyword arguments are shared between calls
                if route.access != "public" and role != "anonymous":
                    kw["headers"] = {"Authorization": f"Bearer {ctx.session(user)}"}
                got = ctx.client.request(method, url, **kw).status_code
                want = expected(route, role, target, url)
                if got != want:
                    wrong.append(f"{role:8} {target:5} {method} {url}: {got}, expected {want}")
    assert not wrong, "\n".join(wrong)
