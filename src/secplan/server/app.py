"""The web application: JSON API under ``/api/v1`` (OpenAPI at ``/api/openapi.json``) and
server-rendered pages with plain forms, both over the access layer.

Every request is authenticated by a token: ``Authorization: Bearer`` (API tokens and CLI
sessions) or the session cookie set by the login page. Requests with the cookie that change
state carry the session's CSRF token (form field ``csrf`` or header ``X-CSRF-Token``). Every
route that touches a project decides the action on ``project:<name>`` for the actor, so a
role bound to one project reaches nothing of another; every decision and change is an audit
event.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from secplan.access import AccessControl, Actor
from secplan.access.values import ANONYMOUS, iso
from secplan.audit.events import Outcome
from secplan.catalog import CONTROL_IDS
from secplan.errors import AccessDenied, ConfigError, SecplanError
from secplan.server import auditlog, data, frameworks, keyrelease, reminders
from secplan.server.keys import ServerKeys
from secplan.server.trend import trend
from secplan.server.waivers import export, read_import, waiver_in
from secplan.store.schema import tokens

COOKIE = "secplan_session"
LOGIN_COOKIE = "secplan_login"
MAX_BODY = 64 * 1024 * 1024  # a report upload
MAX_FORM = 1024 * 1024  # any other request: forms and JSON bodies
MAX_ID = 2**63 - 1
_UPLOAD = re.compile(r"/api/v1/projects/[^/]+/assessments")
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
#: Browser features the pages never use, turned off for them and anything they could embed.
PERMISSIONS = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "display-capture=(), interest-cohort=()"
)
STYLE = """body{font-family:sans-serif;margin:2em;max-width:80em}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 6px;font-size:90%}
.pass{background:#cfc}.fail{background:#fcc}.partial{background:#ffc}
.waived{background:#ddf}.needs-evidence{background:#eee}nav a{margin-right:1em}
.error{color:#a00}label{display:block;margin:.3em 0}
"""


class _In(BaseModel):
    """Request bodies refuse fields they do not define (no mass assignment), and text with a
    NUL character (which PostgreSQL cannot store: it would be a 500, not a 422)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, v: object) -> object:
        texts = v if isinstance(v, list) else [v]
        if any(isinstance(t, str) and "\x00" in t for t in texts):
            raise ValueError("text cannot hold a NUL character")
        return v


class LoginIn(_In):
    name: str = Field(max_length=255)
    password: str = Field(max_length=1024)
    code: str | None = Field(default=None, max_length=16)


class TokenIn(_In):
    scopes: list[str] = Field(default_factory=list, max_length=32)
    days: int = 90
    description: str = Field(default="", max_length=255)


class UserIn(_In):
    name: str = Field(max_length=255)
    password: str | None = Field(default=None, max_length=1024)
    service: bool = False


class RoleIn(_In):
    role: str = Field(max_length=64)
    scope: str = Field(default="*", max_length=1000)


class ProjectIn(_In):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
    description: str = Field(default="", max_length=2000)


class ExceptionIn(_In):
    id: str | None = Field(default=None, max_length=64)
    rule: str | None = Field(default=None, max_length=64)
    control: str | None = Field(default=None, max_length=16)
    paths: list[str] = Field(default_factory=lambda: ["**"], max_length=64)
    justification: str = Field(max_length=4000)
    risk: Literal["low", "medium", "high", "critical"]
    mitigations: list[str] = Field(default_factory=list, max_length=64)
    expires: dt.date


class RenewIn(_In):
    expires: dt.date
    justification: str = Field(default="", max_length=4000)  # default: the one renewed


class DecisionIn(_In):
    note: str = Field(default="", max_length=4000)


class CodeIn(_In):
    code: str = Field(max_length=16)


class ImportIn(_In):
    name: str = Field(max_length=80)
    text: str
    signature: str | None = None


_M = TypeVar("_M", bound=BaseModel)


class HttpError(Exception):
    def __init__(self, status: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint


@dataclass(slots=True)
class Server:
    ac: AccessControl
    keys: ServerKeys
    tls: bool
    templates: Environment

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        actor = getattr(request.state, "actor", ANONYMOUS)
        csrf = getattr(request.state, "csrf", "")
        html = self.templates.get_template(name).render(actor=actor, csrf=csrf, **ctx)
        return HTMLResponse(html, status_code=status)


class SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: Any, tls: bool) -> None:
        super().__init__(app)
        self.tls = tls

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > _limit(request.url.path)):
            response: Response = JSONResponse({"error": "request body too large"}, 413)
        else:
            try:
                response = await call_next(request)
            except Exception as exc:  # a bug: one line in the log, and the headers still
                sys.stderr.write(
                    f"secplan server: internal error on {request.method} {request.url.path}: "
                    f"{type(exc).__name__}\n"
                )
                response = JSONResponse({"error": "internal error", "hint": "see the log"}, 500)
        h = response.headers
        h["Content-Security-Policy"] = CSP
        h["X-Frame-Options"] = "DENY"
        h["X-Content-Type-Options"] = "nosniff"
        # "same-origin", not "no-referrer": under no-referrer a browser sends "Origin: null" with
        # every form it posts, which the cross-origin check must refuse
        h["Referrer-Policy"] = "same-origin"
        h["Cross-Origin-Opener-Policy"] = "same-origin"
        h["Cross-Origin-Resource-Policy"] = "same-origin"
        h["Permissions-Policy"] = PERMISSIONS
        h["Cache-Control"] = "no-store"
        if self.tls:
            h["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        return response


def _limit(path: str) -> int:
    return MAX_BODY if _UPLOAD.fullmatch(path) else MAX_FORM


class BodyLimit:
    """Every request but a report upload (which streams with its own limit) is read up to
    :data:`MAX_FORM` bytes before its route runs: a chunked body has no length to refuse
    beforehand, and the routes would otherwise read all of it into memory."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _limit(scope["path"]) != MAX_FORM:
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > MAX_FORM:
                error = {"error": f"request body over {MAX_FORM} bytes", "hint": "send less"}
                await JSONResponse(error, 413)(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        replay = iter(messages)

        async def again() -> Message:
            return next(replay, None) or await receive()

        await self.app(scope, again, send)


async def _body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, read up to ``limit`` bytes (a chunked body has no length to check
    beforehand)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpError(413, f"request body over {limit} bytes", "upload a smaller report")
        chunks.append(chunk)
    return b"".join(chunks)


def _origin(request: Request) -> str:
    url = request.url
    default = {"http": 80, "https": 443}.get(url.scheme)
    port = "" if url.port in (None, default) else f":{url.port}"
    return f"{url.scheme}://{url.hostname}{port}"


def _source(request: Request) -> str:
    return f"ip:{request.client.host if request.client else 'unknown'}"


def _now(ac: AccessControl) -> str:
    return iso(ac.clock())


def create_app(ac: AccessControl, keys: ServerKeys, *, tls: bool = False) -> FastAPI:
    """The application over ``ac`` (whose ``row_key`` must be the server's)."""
    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    srv = Server(ac, keys, tls, env)
    app = FastAPI(
        title="secplan governance server",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(BodyLimit)  # inside SecurityHeaders: its 413 carries the headers
    app.add_middleware(SecurityHeaders, tls=tls)
    app.state.server = srv

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(HttpError)
    async def _http_error(request: Request, exc: HttpError) -> Response:
        if is_api(request):
            return JSONResponse({"error": exc.message, "hint": exc.hint}, exc.status)
        if exc.status == 401:
            return RedirectResponse("/login", 303)
        return srv.render(request, "error.html", exc.status, message=exc.message, hint=exc.hint)

    @app.exception_handler(SecplanError)
    async def _secplan_error(request: Request, exc: SecplanError) -> Response:
        status = 403 if isinstance(exc, AccessDenied) else 400
        return await _http_error(request, HttpError(status, exc.message, exc.hint or ""))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        msg = f"{where}: {first.get('msg', 'invalid')}"
        return JSONResponse({"error": msg, "hint": "see /api/openapi.json"}, 422)

    # -- authentication ------------------------------------------------------------------

    def authenticate(request: Request, form: dict[str, str] | None = None) -> Actor:
        """The actor of ``request``; a 401 without a valid credential, a 403 for a
        cookie-authenticated change without the session's CSRF token."""
        header = request.headers.get("authorization", "")
        cookie = request.cookies.get(COOKIE)
        if header.lower().startswith("bearer "):
            token, by_cookie = header[7:].strip(), False
        elif cookie:
            token, by_cookie = cookie, True
        else:
            raise HttpError(401, "not logged in", "log in, or send an API token as Bearer")
        try:
            actor = ac.actor_from_token(token)
        except AccessDenied as exc:
            raise HttpError(401, exc.message, exc.hint or "") from None
        finally:
            warn_unsealed_accounts(ac.report_unsealed())
        request.state.actor = actor
        if by_cookie:
            origin = request.headers.get("origin")
            if request.method in _UNSAFE and origin and origin != _origin(request):
                ac.record(actor, "http:origin", request.url.path, Outcome.DENIED, origin=origin)
                raise HttpError(403, "cross-origin request refused", "use the server's own pages")
            bound = f"session:{actor.token_id}"
            request.state.csrf = keys.csrf(bound)
            if request.method in _UNSAFE:
                given = request.headers.get("x-csrf-token") or (form or {}).get("csrf")
                if not keys.csrf_ok(bound, given):
                    ac.record(actor, "http:csrf", request.url.path, Outcome.DENIED)
                    raise HttpError(403, "missing or wrong CSRF token", "reload the page")
        return actor

    async def form_of(request: Request) -> dict[str, str]:
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}

    def project_for(actor: Actor, name: str, action: str, **details: object) -> data.Project:
        """The project ``name`` when ``actor`` may do ``action`` on it (recorded); otherwise
        the same 404 whether or not it exists, so names cannot be probed."""
        if "\x00" in name:  # no project has such a name (and PostgreSQL takes no NUL)
            raise HttpError(404, "no such project", "check the name")
        d = ac.decide(actor, action, f"project:{name}")
        p = data.project(ac.db, name) if d.allowed else None
        ac.record(
            actor,
            action,
            f"project:{name}",
            Outcome.ALLOWED if p is not None else Outcome.DENIED,
            reason=d.reason,
            **details,
        )
        if p is None:
            raise HttpError(404, f"no project {name!r} that you can reach", "check the name")
        return p

    def login(body: LoginIn, request: Request) -> tuple[str, bool]:
        try:
            new = ac.login(body.name, body.password, body.code or None, source=_source(request))
        except AccessDenied as exc:
            status = 429 if exc.message.startswith("too many failed attempts") else 401
            raise HttpError(status, exc.message, exc.hint or "") from None
        except ConfigError as exc:
            raise HttpError(401, "login failed", exc.hint or "") from None
        finally:
            warn_unsealed_accounts(ac.report_unsealed())
        # what the session holds, not whether a code was sent (an account without a second
        # factor logs in whatever code comes with the password)
        with ac.db.read() as conn:
            mfa = conn.execute(select(tokens.c.mfa).where(tokens.c.id == new.id)).scalar()
        return new.token, bool(mfa)

    # -- JSON API -------------------------------------------------------------------------

    @app.post("/api/v1/login", tags=["auth"])
    async def api_login(body: LoginIn, request: Request) -> dict[str, Any]:
        """A 12-hour session token (MFA-verified when a one-time code is given)."""
        token, mfa = login(body, request)
        return {"token": token, "mfa": mfa}

    @app.post("/api/v1/logout", tags=["auth"])
    async def api_logout(request: Request, response: Response) -> dict[str, Any]:
        """Revoke the session or token in use (and clear the session cookie)."""
        actor = authenticate(request)
        if actor.token_id:
            ac.revoke_token(actor, actor.token_id)
        if "authorization" not in request.headers and request.cookies.get(COOKIE):
            clear_session(response)  # the session was the cookie's
        return {"logged_out": True}

    @app.get("/api/v1/whoami", tags=["auth"])
    async def whoami(request: Request) -> dict[str, Any]:
        a = authenticate(request)
        return {
            "name": a.name,
            "kind": a.kind,
            "via": a.via,
            "mfa": a.mfa,
            "scopes": list(a.scopes) if a.scopes is not None else None,
            "roles": [{"role": r, "scope": s} for r, s in a.bindings],
        }

    @app.post("/api/v1/me/mfa/enroll", tags=["auth"])
    async def mfa_enroll(request: Request, body: CodeIn | None = None) -> dict[str, str]:
        a = authenticate(request)
        secret, uri = ac.mfa_enroll(
            a, a.name, code=body.code if body else None, source=_source(request)
        )
        return {"secret": secret, "uri": uri}

    @app.post("/api/v1/me/mfa/confirm", tags=["auth"])
    async def mfa_confirm(body: CodeIn, request: Request) -> dict[str, bool]:
        a = authenticate(request)
        return {"enabled": ac.mfa_confirm(a, a.name, body.code, source=_source(request))}

    @app.post("/api/v1/tokens", tags=["auth"])
    async def create_token(body: TokenIn, request: Request) -> dict[str, Any]:
        """An API token for yourself, scoped to actions (``scan:upload``, ``waiver:request``,
        ``report:read``...); only its hash is stored."""
        a = authenticate(request)
        new = ac.create_token(
            a, a.name, scopes=tuple(body.scopes), days=body.days, description=body.description
        )
        return {"id": new.id, "token": new.token}

    @app.post("/api/v1/users", tags=["users"])
    async def add_user(body: UserIn, request: Request) -> dict[str, str]:
        a = authenticate(request)
        kind = "service" if body.service else "user"
        ac.add_principal(a, body.name, kind=kind, password=body.password)
        return {"created": body.name}

    @app.post("/api/v1/users/{name}/roles", tags=["users"])
    async def grant(name: str, body: RoleIn, request: Request) -> dict[str, str]:
        """Grant a role on a scope (``*``, or ``project:NAME``): the one way roles change."""
        a = authenticate(request)
        ac.grant(a, name, body.role, body.scope)
        return {"granted": body.role, "scope": body.scope}

    @app.post("/api/v1/users/{name}/roles/revoke", tags=["users"])
    async def revoke(name: str, body: RoleIn, request: Request) -> dict[str, str]:
        a = authenticate(request)
        ac.revoke(a, name, body.role, body.scope)
        return {"revoked": body.role, "scope": body.scope}

    keyrelease.install(app, ac, authenticate)
    auditlog.install(app, ac, authenticate)

    @app.get("/api/v1/projects", tags=["projects"])
    async def list_projects(request: Request) -> Response:
        """The projects you can read, each with every control's latest status."""
        a = authenticate(request)
        ps = visible(a)
        posture = data.latest_posture(ac.db, ps)
        # plain JSON of strings: encoded directly, not walked by the response-model encoder
        body = {
            "controls": list(CONTROL_IDS),
            "projects": [{"name": p.name, "controls": posture[p.id]} for p in ps],
        }
        return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")

    def visible(a: Actor) -> list[data.Project]:
        # one decision for whoever may read every project, else one a project
        everyone = ac.lacks(a, ("report:read",), "project:*") is None
        ps = [
            p
            for p in data.all_projects(ac.db)
            if everyone or ac.decide(a, "report:read", f"project:{p.name}").allowed
        ]
        ac.record(a, "report:read", "projects", shown=len(ps))
        return ps

    reminders.install(app, ac, authenticate, visible)

    @app.post("/api/v1/projects", tags=["projects"])
    async def create_project(body: ProjectIn, request: Request) -> dict[str, str]:
        a = authenticate(request)
        return {"created": new_project(a, body).name}

    def new_project(a: Actor, body: ProjectIn) -> data.Project:
        ac.require(a, "project:manage", f"project:{body.name}")
        p = data.create_project(ac.db, body.name, body.description, a.name, _now(ac))
        ac.record(a, "project:create", f"project:{p.name}")
        return p

    @app.get("/api/v1/projects/{name}", tags=["projects"])
    async def get_project(name: str, request: Request) -> dict[str, Any]:
        """The project's assessments, newest first, with every control's status."""
        a = authenticate(request)
        p = project_for(a, name, "report:read")
        return {
            "name": p.name,
            "description": p.description,
            "assessments": data.project_assessments(ac.db, p),
        }

    report_body = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "description": "the JSON report of secplan scan --format json "
                        "(schema secplan-report, docs/report-schema.md)",
                    }
                }
            },
        }
    }

    @app.post("/api/v1/projects/{name}/assessments", tags=["projects"], openapi_extra=report_body)
    async def upload(name: str, request: Request) -> dict[str, Any]:
        """Upload the JSON report of ``secplan scan --format json`` as a new assessment."""
        a = authenticate(request)
        p = project_for(a, name, "scan:upload")
        parsed = data.parse_report(await _body(request))
        aid = data.add_assessment(ac.db, p, parsed, a.name, _now(ac))
        ac.record(
            a,
            "scan:uploaded",
            f"project:{p.name}",
            assessment=aid,
            sha256=parsed.sha256,
            findings=len(parsed.findings),
        )
        return {"assessment": aid, "findings": len(parsed.findings)}

    @app.get("/api/v1/projects/{name}/diff", tags=["projects"])
    async def diff(name: str, base: int, head: int, request: Request) -> dict[str, Any]:
        """Findings new in assessment ``head`` and fixed since ``base``."""
        a = authenticate(request)
        p = project_for(a, name, "report:read")
        added, fixed = diff_of(p, base, head)
        return {"new": [asdict(f) for f in added], "fixed": [asdict(f) for f in fixed]}

    def diff_of(p: data.Project, base: int, head: int) -> tuple[list[Any], list[Any]]:
        if not (0 < base <= MAX_ID and 0 < head <= MAX_ID):  # the database's integer range
            raise HttpError(404, "no such assessment in this project", "")
        try:
            added, fixed = data.diff(ac.db, p, base, head)
        except LookupError:
            raise HttpError(404, "no such assessment in this project", "") from None
        key = lambda f: (f.path, f.rule)  # noqa: E731
        return sorted(added, key=key), sorted(fixed, key=key)

    @app.get("/api/v1/projects/{name}/exceptions", tags=["exceptions"])
    async def list_exceptions(name: str, request: Request) -> list[dict[str, Any]]:
        a = authenticate(request)
        return data.list_exceptions(ac.db, project_for(a, name, "report:read"))

    def request_exception(a: Actor, p: data.Project, body: ExceptionIn) -> str:
        from secplan.governance.approval import check_id

        wid = check_id(body.id or data.next_wid(ac.db, p, ac.clock().year))
        fields = {**body.model_dump(), "id": wid, "requester": a.name}
        checked = waiver_in(fields)
        if checked.expires <= ac.clock().date():
            raise HttpError(400, "expires must be after today", "choose a later date")
        stored = {
            **checked.model_dump(),
            "id": wid,
            "expires": checked.expires.isoformat(),
        }
        data.add_exception(ac.db, p, stored, _now(ac))
        ac.record(a, "waiver:requested", f"project:{p.name}/exception/{wid}", risk=body.risk)
        return wid

    @app.post("/api/v1/projects/{name}/exceptions", tags=["exceptions"])
    async def new_exception(name: str, body: ExceptionIn, request: Request) -> dict[str, str]:
        """Request an exception (the requester is you; it waives nothing until approved)."""
        a = authenticate(request)
        wid = request_exception(a, project_for(a, name, "waiver:request"), body)
        return {"id": wid, "state": "pending"}

    @app.post("/api/v1/projects/{name}/exceptions/{wid}/renew", tags=["exceptions"])
    async def renew_exception(
        name: str, wid: str, body: RenewIn, request: Request
    ) -> dict[str, str]:
        """Ask to renew an approved exception: a new request with the same rule, paths, risk
        and mitigations and a later expiry, pending until approved again (the one renewed
        stays in force until it expires)."""
        a = authenticate(request)
        p = project_for(a, name, "waiver:request")
        old = data.get_exception(ac.db, p, wid)
        if old is None:
            raise HttpError(404, f"no exception {wid!r} in {p.name}", "")
        if old["state"] != "approved":
            raise HttpError(409, f"{wid} is {old['state']}, not approved", "request a new one")
        if body.expires.isoformat() <= old["expires"]:
            raise HttpError(
                400, f"a renewal must expire after {old['expires']}", "choose a later date"
            )
        renewal = ExceptionIn(
            rule=old["rule"],
            control=old["control"],
            paths=old["paths"],
            justification=body.justification or old["justification"],
            risk=old["risk"],
            mitigations=old["mitigations"],
            expires=body.expires,
        )
        new = request_exception(a, p, renewal)
        ac.record(a, "waiver:renewal-requested", f"project:{p.name}/exception/{wid}", renewal=new)
        return {"id": new, "state": "pending", "renews": wid}

    def decide(a: Actor, name: str, wid: str, approve: bool, note: str) -> str:
        p = project_for(a, name, "waiver:approve")  # needs a second factor
        e = data.get_exception(ac.db, p, wid)
        res = f"project:{p.name}/exception/{wid}"
        if e is None:
            raise HttpError(404, f"no exception {wid!r} in {p.name}", "")
        if e["requester"].casefold() == a.name.casefold():
            ac.record(a, "waiver:approve", res, Outcome.DENIED, reason="own request")
            raise HttpError(403, f"{a.name} requested {wid} and cannot decide it", "")
        state = "approved" if approve else "rejected"
        if approve and e["expires"] <= ac.clock().date().isoformat():
            raise HttpError(409, f"{wid} expired on {e['expires']}", "file a new request")
        if not data.decide_exception(ac.db, p, wid, state, a.name, note, _now(ac)):
            raise HttpError(409, f"{wid} is {e['state']}, not pending", "")
        ac.record(a, f"waiver:{state}", res, note=note)
        return state

    @app.post("/api/v1/projects/{name}/exceptions/{wid}/approve", tags=["exceptions"])
    async def approve(name: str, wid: str, body: DecisionIn, request: Request) -> dict[str, str]:
        """Approve (designated approver, with a second factor; never the requester)."""
        return {"id": wid, "state": decide(authenticate(request), name, wid, True, body.note)}

    @app.post("/api/v1/projects/{name}/exceptions/{wid}/reject", tags=["exceptions"])
    async def reject(name: str, wid: str, body: DecisionIn, request: Request) -> dict[str, str]:
        return {"id": wid, "state": decide(authenticate(request), name, wid, False, body.note)}

    def history(p: data.Project, wid: str) -> list[dict[str, Any]]:
        return data.history(ac.db, f"project:{p.name}/exception/{wid}")

    @app.get("/api/v1/projects/{name}/exceptions/{wid}/history", tags=["exceptions"])
    async def exception_history(name: str, wid: str, request: Request) -> list[dict[str, Any]]:
        """Every event of the exception, from the audit trail."""
        a = authenticate(request)
        return history(project_for(a, name, "report:read"), wid)

    @app.get("/api/v1/projects/{name}/exceptions-export", tags=["exceptions"])
    async def export_waivers(name: str, request: Request) -> dict[str, Any]:
        """The approved exceptions as signed waiver files for ``.secplan/waivers/``."""
        a = authenticate(request)
        p = project_for(a, name, "report:read", export=True)
        files = []
        for e in data.list_exceptions(ac.db, p):
            if e["state"] == "approved":
                text, sig = export(e, keys.approval_key, p.name)
                files.append({"name": f"{e['id']}.toml", "text": text, "signature": sig})
        ac.record(a, "waiver:export", f"project:{p.name}", files=len(files))
        return {"public_key": keys.approval_public.decode(), "files": files}

    @app.post("/api/v1/projects/{name}/exceptions-import", tags=["exceptions"])
    async def import_waiver(name: str, body: ImportIn, request: Request) -> dict[str, str]:
        """Import a waiver file: approved when the server's key signed it as it is, else a
        pending request in your name."""
        a = authenticate(request)
        p = project_for(a, name, "waiver:request", imported=body.name)
        rec, signed = read_import(
            body.name, body.text, body.signature, keys.approval_public, p.name
        )
        fields: dict[str, Any] = {**rec.model_dump(), "expires": rec.expires.isoformat()}
        if signed and rec.approved is not None:
            fields |= {"state": "approved", "decided": rec.approved.isoformat()}
        else:
            fields |= {"state": "pending", "approver": None, "requester": a.name}
        data.add_exception(ac.db, p, fields, _now(ac))
        res = f"project:{p.name}/exception/{rec.id}"
        ac.record(a, "waiver:imported", res, state=fields["state"])
        return {"id": str(rec.id), "state": fields["state"]}

    @app.get("/api/v1/approval-key", tags=["exceptions"])
    async def approval_key() -> Response:
        """The public key that signs exported approvals (for [governance] approver_keys)."""
        return Response(keys.approval_public, media_type="application/x-pem-file")

    # -- pages ----------------------------------------------------------------------------

    @app.get("/static/style.css", include_in_schema=False)
    async def style() -> Response:
        return Response(STYLE, media_type="text/css")

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return RedirectResponse("/projects", 303)

    @app.get("/login", include_in_schema=False)
    async def login_page(request: Request) -> Response:
        nonce = secrets.token_urlsafe(24)
        request.state.csrf = keys.csrf(f"login:{nonce}")
        response = srv.render(request, "login.html")
        response.set_cookie(
            LOGIN_COOKIE, nonce, httponly=True, samesite="strict", secure=tls, max_age=900
        )
        return response

    @app.post("/login", include_in_schema=False)
    async def login_form(request: Request) -> Response:
        form = await form_of(request)
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not nonce or not keys.csrf_ok(f"login:{nonce}", form.get("csrf")):
            raise HttpError(403, "missing or wrong CSRF token", "reload the login page")
        body = LoginIn(
            name=form.get("name", "")[:255],
            password=form.get("password", "")[:1024],
            code=form.get("code", "")[:16] or None,
        )
        try:
            token, _ = login(body, request)
        except HttpError as exc:
            request.state.csrf = form.get("csrf", "")
            return srv.render(request, "login.html", exc.status, error=exc.message)
        # the session the browser held until now ends here, whoever's it was: a cookie
        # planted in the browser (or left by someone before) opens nothing once replaced
        end_session(request.cookies.get(COOKIE))
        response = RedirectResponse("/projects", 303)
        response.set_cookie(
            COOKIE, token, httponly=True, samesite="strict", secure=tls, max_age=12 * 3600
        )
        response.delete_cookie(LOGIN_COOKIE, httponly=True, samesite="strict", secure=tls)
        return response

    def end_session(token: str | None) -> None:
        """Revoke the session token ``token`` when it is a valid one."""
        if not token:
            return
        try:
            actor = ac.actor_from_token(token)
        except AccessDenied:
            return
        finally:
            warn_unsealed_accounts(ac.report_unsealed())
        if actor.via == "session" and actor.token_id:
            ac.revoke_token(actor, actor.token_id)

    def clear_session(response: Response) -> None:
        response.delete_cookie(COOKIE, httponly=True, samesite="strict", secure=tls)

    @app.post("/logout", include_in_schema=False)
    async def logout_form(request: Request) -> Response:
        try:
            actor: Actor | None = authenticate(request, await form_of(request))
        except HttpError as exc:
            if exc.status != 401:  # a logout without the session's CSRF token changes nothing
                raise
            actor = None  # the session had already ended: the cookie still goes
        if actor is not None and actor.token_id:
            ac.revoke_token(actor, actor.token_id)
        response = RedirectResponse("/login", 303)
        clear_session(response)
        return response

    @app.get("/me", include_in_schema=False)
    async def me_page(request: Request) -> Response:
        authenticate(request)
        return srv.render(request, "me.html")

    @app.post("/me/mfa/enroll", include_in_schema=False)
    async def me_enroll(request: Request) -> Response:
        form = await form_of(request)
        a = authenticate(request, form)
        code = form.get("code", "")[:16] or None
        secret, uri = ac.mfa_enroll(a, a.name, code=code, source=_source(request))
        return srv.render(request, "me.html", secret=secret, uri=uri)

    @app.post("/me/mfa/confirm", include_in_schema=False)
    async def me_confirm(request: Request) -> Response:
        form = await form_of(request)
        a = authenticate(request, form)
        ok = ac.mfa_confirm(a, a.name, form.get("code", "")[:16], source=_source(request))
        message = (
            "Second factor enabled: log in again with a one-time code to use it."
            if ok
            else "The code did not match; enrol again and use a fresh code."
        )
        return srv.render(request, "me.html", 200 if ok else 400, message=message)

    @app.get("/projects", include_in_schema=False)
    async def projects_page(request: Request) -> Response:
        a = authenticate(request)
        ps = visible(a)
        can_create = ac.decide(a, "project:manage", "project:new").allowed
        return srv.render(
            request,
            "projects.html",
            projects=ps,
            table=posture_table(ps),
            controls=CONTROL_IDS,
            can_create=can_create,
        )

    tables: dict[tuple[object, ...], Markup] = {}

    def posture_table(ps: list[data.Project]) -> Markup:
        """The rows of the organisation table (every project x every control), rendered once
        per posture version and set of projects shown, then served from memory."""
        version, posture = data.all_latest(ac.db)  # one version query, then from memory
        key = (version, tuple(p.id for p in ps))
        got = tables.get(key)
        if got is None:
            row = Markup('<tr><td><a href="/projects/{0}">{0}</a></td>{1}</tr>')
            cell = Markup('<td class="{0}">{1}</td>')
            got = Markup("\n").join(
                row.format(
                    p.name,
                    Markup("").join(
                        cell.format(st, st or "–")
                        for st in (posture.get(p.id, {}).get(c, "") for c in CONTROL_IDS)
                    ),
                )
                for p in ps
            )
            if len(tables) >= 32:
                tables.clear()
            tables[key] = got
        return got

    @app.post("/projects", include_in_schema=False)
    async def projects_form(request: Request) -> Response:
        form = await form_of(request)
        a = authenticate(request, form)
        body = _model(ProjectIn, name=form.get("name", ""), description=form.get("description", ""))
        p = new_project(a, body)
        return RedirectResponse(f"/projects/{p.name}", 303)

    @app.get("/projects/{name}", include_in_schema=False)
    async def project_page(
        name: str, request: Request, base: int | None = None, head: int | None = None
    ) -> Response:
        a = authenticate(request)
        p = project_for(a, name, "report:read")
        rows = data.project_assessments(ac.db, p)
        if head is None and rows:
            head = rows[0]["id"]
        if base is None and len(rows) > 1:
            base = rows[1]["id"]
        added, fixed = diff_of(p, base, head) if base and head else ([], [])
        return srv.render(
            request,
            "project.html",
            project=p,
            assessments=rows,
            trend=trend(rows),
            controls=CONTROL_IDS,
            base=base,
            head=head,
            added=added,
            fixed=fixed,
        )

    @app.get("/projects/{name}/exceptions", include_in_schema=False)
    async def exceptions_page(name: str, request: Request) -> Response:
        a = authenticate(request)
        p = project_for(a, name, "report:read")
        items = data.list_exceptions(ac.db, p)
        return srv.render(
            request,
            "exceptions.html",
            project=p,
            items=items,
            histories={e["id"]: history(p, e["id"]) for e in items},
            today=ac.clock().date().isoformat(),
        )

    @app.post("/projects/{name}/exceptions", include_in_schema=False)
    async def exceptions_form(name: str, request: Request) -> Response:
        form = await form_of(request)
        a = authenticate(request, form)
        p = project_for(a, name, "waiver:request")
        target = form.get("target", "").strip()
        body = _model(
            ExceptionIn,
            rule=target if target and target.upper() not in CONTROL_IDS else None,
            control=target if target.upper() in CONTROL_IDS else None,
            justification=form.get("justification", ""),
            risk=form.get("risk", "high"),
            mitigations=[m for m in form.get("mitigations", "").splitlines() if m.strip()],
            expires=_date(form.get("expires", "")),
        )
        request_exception(a, p, body)
        return RedirectResponse(f"/projects/{p.name}/exceptions", 303)

    @app.post("/projects/{name}/exceptions/{wid}/decision", include_in_schema=False)
    async def decision_form(name: str, wid: str, request: Request) -> Response:
        form = await form_of(request)
        a = authenticate(request, form)
        decide(a, name, wid, form.get("decision") == "approve", form.get("note", "")[:4000])
        return RedirectResponse(f"/projects/{name}/exceptions", 303)

    frameworks.install(app, srv, authenticate, project_for, HttpError)
    from secplan.server import registers  # its routes reuse this module's helpers

    registers.install(app, srv, authenticate=authenticate, project_for=project_for, form_of=form_of)

    return app


def warn_unsealed_accounts(found: list[tuple[str, str]]) -> None:
    """Tell the administrator, in the server's log, of each account refused because its row
    was changed around the server (the client only hears that the login failed)."""
    for resource, what in found:
        if what.startswith("the account row of "):
            # names come from the database, where they may hold anything (a line break)
            resource, what = repr(resource)[1:-1], repr(what)[1:-1]
            sys.stderr.write(
                f"secplan server: refused {resource}: {what} was changed outside the server "
                "(its seal does not verify; audit event access:unsealed-row). If the account "
                "is from before accounts were sealed, run secplan serve --adopt once; "
                "otherwise someone with database access edited it: restore it from a backup "
                "you trust, or create the account anew\n"
            )


def _model(cls: type[_M], **fields: Any) -> _M:
    try:
        return cls(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or cls.__name__
        raise HttpError(400, f"{where}: {first['msg']}", "correct the form") from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HttpError(400, f"expires {text[:20]!r} is not a date (YYYY-MM-DD)", "") from None
