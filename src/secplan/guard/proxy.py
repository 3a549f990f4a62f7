"""Serving the guard: a reverse proxy (Starlette on uvicorn, httpx to the upstream) and an
ASGI middleware for apps that serve a model themselves. Both pass every request through the
same :class:`~secplan.guard.gate.Gate` and every response through the route's output rules;
nothing reaches the upstream without a decision and nothing unchecked comes back.

Errors are JSON: ``{"error": {"code", "message", "route"}}`` with 400 (body not fitting the
protocol), 401 (no or bad token), 403 (refused by a rule), 404 (no route), 413 (too large),
429 (rate limit or budget), 502 (upstream down, or its response refused), 503 (the audit
buffer is full), 504 (upstream too slow).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from secplan.guard.engine import Reason, check_response
from secplan.guard.gate import Admission, Gate
from secplan.guard.outputs import Redactor, StreamError, StreamFilter

if TYPE_CHECKING:
    import httpx
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Headers that belong to one connection, never forwarded (RFC 9110 section 7.6.1), and the
#: caller's credential, which is for the guard, not the model server.
_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "authorization",
        "content-encoding",
        "accept-encoding",
    }
)
_STREAMING = frozenset({"openai-chat", "openai-completions"})
_LEAK = Reason(
    "canary-leak", "reject", "the guard stopped a response that leaked its system prompt"
)


class TooLarge(Exception):
    pass


def _error(status: int, code: str, message: str, route: str | None = None) -> tuple[int, bytes]:
    body = {"error": {"code": code, "message": message, "route": route}}
    return status, json.dumps(body).encode()


def _refusal(adm: Admission) -> tuple[int, bytes]:
    return adm.status, json.dumps(adm.error_body()).encode()


def _stream_filter(adm: Admission) -> StreamFilter:
    assert adm.route is not None
    out = adm.route.spec.output
    return StreamFilter(Redactor(out.redact_pii, out.redact_secrets), out.canary)


def _sse_error(code: str, message: str) -> bytes:
    return (
        b"event: error\ndata: "
        + json.dumps({"error": {"code": code, "message": message}}).encode()
        + b"\n\n"
    )


def finish(
    gate: Gate, adm: Admission, status: int, ctype: str, body: bytes, source: str
) -> tuple[int, bytes]:
    """The response the caller gets for an upstream's ``status`` and ``body``."""
    assert adm.route is not None
    if "json" not in ctype and body.strip()[:1] not in (b"{", b"["):
        reason = Reason(
            "upstream-garbage",
            "reject",
            f"the upstream answered {status} with a body that is not JSON",
        )
        gate.record_response(adm, (reason,), source)
        return _error(502, reason.code, reason.message, adm.route.name)
    out = check_response(adm.route, body)
    if out.reasons and not gate.record_response(adm, out.reasons, source):
        return _error(
            503,
            "audit-unavailable",
            "the guard cannot record decisions now; try again shortly",
            adm.route.name,
        )
    if out.body is None:
        r = next(r for r in out.reasons if r.action == "reject")
        return _error(
            502, r.code, f"the guard refused the upstream's response: {r.message}", adm.route.name
        )
    return status, out.body


async def read_limited(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    parts, size = [], 0
    async for c in chunks:
        size += len(c)
        if size > limit:
            raise TooLarge
        parts.append(c)
    return b"".join(parts)


def create_app(
    gate: Gate, upstream: str, *, client: httpx.AsyncClient | None = None, watch_s: float = 2.0
) -> Starlette:
    """The reverse proxy in front of ``upstream`` (a base URL)."""
    import httpx
    from starlette.applications import Starlette
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    server = gate.holder.policy.spec.server
    base = upstream.rstrip("/")
    state: dict[str, httpx.AsyncClient] = {}

    async def watch() -> None:
        while True:
            await asyncio.sleep(watch_s)
            try:
                if gate.holder.changed():
                    why = await asyncio.to_thread(gate.holder.reload)
                    log.warning(
                        "guard policy %s", f"kept (reload failed: {why})" if why else "reloaded"
                    )
                    gate.audit.offer(_policy_event(gate, why))
            except Exception:  # the watcher must outlive any one bad edit
                log.exception("guard policy reload failed; the last good policy stays")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        srv = gate.holder.policy.spec.server
        state["client"] = client or httpx.AsyncClient(
            timeout=httpx.Timeout(srv.timeout_s, connect=srv.connect_timeout_s),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=256),
        )
        gate.audit.offer(_policy_event(gate, None, "guard:policy-load"))
        gate.audit.start()
        watcher = asyncio.get_running_loop().create_task(watch())
        try:
            yield
        finally:
            watcher.cancel()
            await gate.audit.stop()
            if client is None:
                await state["client"].aclose()

    def reply(status: int, body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> Response:
        return Response(body, status, dict(headers), media_type="application/json")

    async def handle(request: Request) -> Response:
        t0 = time.perf_counter()
        path = request.url.path
        if path == server.metrics_path and request.method == "GET" and gate.metrics is not None:
            from prometheus_client import CONTENT_TYPE_LATEST

            return Response(gate.metrics.render(), media_type=CONTENT_TYPE_LATEST)
        srv = gate.holder.policy.spec.server
        source = request.client.host if request.client else ""
        try:
            body = await read_limited(request.stream(), srv.max_body_bytes)
        except TooLarge:
            return reply(*_error(413, "too-large", f"the body is over {srv.max_body_bytes} bytes"))
        adm = await gate.admit(request.method, path, request.headers, body, source)
        if not adm.allowed:
            return reply(*_refusal(adm), headers=adm.headers)
        assert adm.route is not None
        name = adm.route.name
        headers = [
            (k, v)
            for k, v in request.headers.items()
            if k not in _HOP and not k.startswith("x-secplan-") and k != "x-forwarded-for"
        ]
        chain = request.headers.get("x-forwarded-for")
        headers.append(("x-forwarded-for", f"{chain}, {source}" if chain else source))
        headers.append(("x-secplan-identity", adm.identity))
        root = adm.route.spec.upstream.rstrip("/") if adm.route.spec.upstream else base
        url = root + path + (f"?{request.url.query}" if request.url.query else "")
        limit = adm.route.spec.timeout_s or srv.timeout_s
        req = state["client"].build_request(
            request.method,
            url,
            headers=headers,
            content=body,
            timeout=httpx.Timeout(limit, connect=min(limit, srv.connect_timeout_s)),
        )

        def failed(status: int, code: str, kind: str, message: str) -> Response:
            _upstream_failed(gate, name, kind)
            return reply(*_error(status, code, message, name))

        try:
            async with asyncio.timeout(limit):
                resp = await state["client"].send(req, stream=True)
        except (TimeoutError, httpx.HTTPError) as exc:
            return failed(*_problem(exc, "answer", limit, min(limit, srv.connect_timeout_s)))
        ctype = resp.headers.get("content-type", "")
        if ctype.startswith("text/event-stream"):
            if adm.route.spec.protocol not in _STREAMING:
                await resp.aclose()
                msg = "the guard streams only OpenAI chat and completions responses"
                return failed(502, "stream-unsupported", "stream", msg)
            return StreamingResponse(
                _relay(gate, adm, resp, source),
                resp.status_code,
                media_type="text/event-stream",
                headers={"cache-control": "no-cache"},
            )
        try:
            async with asyncio.timeout(limit):
                raw = await read_limited(resp.aiter_bytes(), srv.max_response_bytes)
        except TooLarge:
            msg = f"the upstream's response is over {srv.max_response_bytes} bytes"
            return failed(502, "upstream-too-large", "size", msg)
        except (TimeoutError, httpx.HTTPError) as exc:
            return failed(*_problem(exc, "finish", limit, srv.connect_timeout_s))
        finally:
            await resp.aclose()
        status, out = finish(gate, adm, resp.status_code, ctype, raw, source)
        if gate.metrics is not None:
            gate.metrics.latency.labels(name).observe(time.perf_counter() - t0)
        return reply(status, out)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]
    return Starlette(routes=[Route("/{path:path}", handle, methods=methods)], lifespan=lifespan)


def _problem(
    exc: BaseException, phase: str, limit: float, connect: float
) -> tuple[int, str, str, str]:
    """Status, error code, metric kind and message of an upstream failure."""
    import httpx

    if isinstance(exc, httpx.ConnectTimeout):
        return (
            502,
            "upstream-unreachable",
            "connect",
            f"the upstream did not accept a connection within {connect}s",
        )
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return 504, "upstream-timeout", "timeout", f"the upstream did not {phase} within {limit}s"
    if phase == "answer":
        return (
            502,
            "upstream-unreachable",
            "unreachable",
            f"the upstream cannot be reached ({type(exc).__name__})",
        )
    return (
        502,
        "upstream-broken",
        "broken",
        f"the upstream's response broke off ({type(exc).__name__})",
    )


def _upstream_failed(gate: Gate, route: str, kind: str) -> None:
    if gate.metrics is not None:
        gate.metrics.upstream_errors.labels(route, kind).inc()


def _policy_event(gate: Gate, why: str | None, action: str = "guard:policy-reload") -> Any:
    from secplan.audit.events import EventIn, Outcome

    return EventIn(
        actor="guard",
        action=action,
        resource=f"policy:{gate.holder.path.name}",
        outcome=Outcome.FAILED if why else Outcome.ALLOWED,
        details={"error": why} if why else {"routes": [r.name for r in gate.holder.policy.routes]},
    )


async def _relay(
    gate: Gate, adm: Admission, resp: httpx.Response, source: str
) -> AsyncIterator[bytes]:
    import httpx

    f = _stream_filter(adm)
    assert adm.route is not None
    timeout = adm.route.spec.timeout_s or gate.holder.policy.spec.server.timeout_s
    try:
        async with asyncio.timeout(timeout):
            async for chunk in resp.aiter_bytes():  # decoded, whatever the encoding
                out = f.feed(chunk)
                if f.leaked:
                    gate.record_response(adm, (_LEAK,), source)
                    yield _sse_error("canary-leak", _LEAK.message)
                    return
                if out:
                    yield out
            yield f.close()
    except StreamError as exc:
        gate.record_response(adm, (Reason("upstream-garbage", "reject", str(exc)),), source)
        yield _sse_error("upstream-garbage", str(exc))
    except (TimeoutError, httpx.HTTPError) as exc:
        yield _sse_error(
            "upstream-broken", f"the upstream's stream broke off ({type(exc).__name__})"
        )
    finally:
        await resp.aclose()


class GuardMiddleware:
    """The guard as an ASGI middleware: ``app = GuardMiddleware(app, gate)``.

    Requests are read (up to the policy's limit), decided, and replayed to the app; the
    app's response goes through the route's output rules before it is sent.
    """

    def __init__(self, app: ASGIApp, gate: Gate) -> None:
        self.app = app
        self.gate = gate
        self._started = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, self._lifespan(receive), send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._started:
            self.gate.audit.start()
            self._started = True
        srv = self.gate.holder.policy.spec.server
        chunks, size = [], 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunks.append(msg.get("body", b""))
            size += len(chunks[-1])
            if size > srv.max_body_bytes:
                await _send(
                    send, *_error(413, "too-large", f"the body is over {srv.max_body_bytes} bytes")
                )
                return
            if not msg.get("more_body"):
                break
        body = b"".join(chunks)
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])
        }
        client = scope.get("client")
        source = str(client[0]) if client else ""
        adm = await self.gate.admit(scope["method"], scope["path"], headers, body, source)
        replay = _replay(body, receive)
        if adm.passthrough:
            await self.app(scope, replay, send)
            return
        if not adm.allowed:
            await _send(send, *_refusal(adm), adm.headers)
            return
        await self.app(scope, replay, _Capture(self.gate, adm, send, source))

    def _lifespan(self, receive: Receive) -> Receive:
        """The app's lifespan messages, with the audit buffer started at start-up and
        flushed at shutdown, so no decision queued at exit is lost."""

        async def wrapped() -> Message:
            msg = await receive()
            if msg["type"] == "lifespan.startup" and not self._started:
                self.gate.audit.start()
                self._started = True
            elif msg["type"] == "lifespan.shutdown":
                await self.gate.audit.stop()
            return msg

        return wrapped


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


async def _send(
    send: Send, status: int, body: bytes, headers: tuple[tuple[str, str], ...] = ()
) -> None:
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class _Capture:
    """The app's response, held and checked (JSON) or filtered as it streams (SSE)."""

    def __init__(self, gate: Gate, adm: Admission, send: Send, source: str) -> None:
        self.gate, self.adm, self.send, self.source = gate, adm, send, source
        self.start: Message | None = None
        self.parts: list[bytes] = []
        self.stream: StreamFilter | None = None
        self.cut = False
        self.ctype = ""

    async def __call__(self, msg: Message) -> None:
        if msg["type"] == "http.response.start":
            self.start = msg
            hdrs = {
                k.decode("latin-1").lower(): v.decode("latin-1") for k, v in msg.get("headers", [])
            }
            self.ctype = hdrs.get("content-type", "")
            if self.ctype.startswith("text/event-stream"):
                self.stream = _stream_filter(self.adm)
                kept = [(k, v) for k, v in msg.get("headers", []) if k.lower() != b"content-length"]
                await self.send({**msg, "headers": kept})
            return
        if msg["type"] != "http.response.body":
            await self.send(msg)
            return
        body, more = msg.get("body", b""), msg.get("more_body", False)
        if self.stream is not None:
            if self.cut:
                return  # the stream was cut off: the rest of the app's events are dropped
            try:
                out = self.stream.feed(body) + (b"" if more else self.stream.close())
            except StreamError as exc:
                out, more = _sse_error("bad-stream", str(exc)), False
            self.cut = self.stream.leaked or not more
            if self.stream.leaked:
                self.gate.record_response(self.adm, (_LEAK,), self.source)
                out, more = _sse_error("canary-leak", _LEAK.message), False
            await self.send({"type": "http.response.body", "body": out, "more_body": more})
            return
        self.parts.append(body)
        if more:
            return
        assert self.start is not None
        status, out = finish(
            self.gate, self.adm, self.start["status"], self.ctype, b"".join(self.parts), self.source
        )
        await _send(self.send, status, out)
