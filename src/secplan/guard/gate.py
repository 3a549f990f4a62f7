"""The gate every request passes, whatever serves it (the proxy or the middleware): route,
identity, rate limits and budgets, the engine's verdict, and an audit record of every block.

Callers are the users and tokens of the access layer: ``Authorization: Bearer spt_…``. A
verified token is trusted for ``identity.cache_s`` seconds before the access layer is asked
again (so a revoked token stops working within that time).
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from secplan.audit.events import EventIn, Outcome
from secplan.guard.abuse import ProbeWatch
from secplan.guard.auditbuf import AuditBuffer
from secplan.guard.engine import Reason, Verdict, check_request
from secplan.guard.limits import DailyBudget, RateLimiter

if TYPE_CHECKING:
    from secplan.access.control import AccessControl
    from secplan.guard.metrics import Metrics
    from secplan.guard.policy import PolicyHolder, Route

#: Unverified tokens remembered (so a flood of bad tokens does not reach the database).
_NEGATIVE_S = 5.0
_CACHE_KEYS = 10_000


class Authenticator(Protocol):
    async def identify(self, token: str) -> str | None:
        """The caller's name for a valid ``token``, else None."""
        ...


class AccessTokens:
    """Tokens verified by the access layer (:meth:`AccessControl.actor_from_token`)."""

    def __init__(
        self,
        access: AccessControl,
        cache_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.access = access
        self.cache_s = cache_s
        self.clock = clock
        self._cache: OrderedDict[bytes, tuple[str | None, float]] = OrderedDict()

    def _verify(self, token: str) -> str | None:
        from secplan.errors import AccessDenied

        try:
            return self.access.actor_from_token(token).name
        except AccessDenied:
            return None

    async def identify(self, token: str) -> str | None:
        key = hashlib.sha256(token.encode("utf-8", "replace")).digest()
        now = self.clock()
        hit = self._cache.get(key)
        if hit is not None and hit[1] > now:
            return hit[0]
        name = await asyncio.to_thread(self._verify, token)
        self._cache[key] = (name, now + (self.cache_s if name else _NEGATIVE_S))
        while len(self._cache) > _CACHE_KEYS:
            self._cache.popitem(last=False)
        return name


@dataclass(frozen=True, slots=True)
class Admission:
    """The gate's answer: go on (``status`` 200) or the error to send back."""

    status: int
    route: Route | None = None
    identity: str = "anonymous"
    verdict: Verdict | None = None
    reason: Reason | None = None
    headers: tuple[tuple[str, str], ...] = ()
    passthrough: bool = False

    @property
    def allowed(self) -> bool:
        return self.status == 200

    def error_body(self) -> dict[str, Any]:
        r = self.reason
        return {
            "error": {
                "code": r.code if r else "refused",
                "message": r.message if r else "refused by the guard",
                "route": self.route.name if self.route else None,
            }
        }


def _bearer(headers: Mapping[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and auth[7:].strip():
        return auth[7:].strip()
    return None


@dataclass
class Gate:
    holder: PolicyHolder
    auth: Authenticator | None = None
    audit: AuditBuffer = field(default_factory=lambda: AuditBuffer(None))
    metrics: Metrics | None = None
    limiter: RateLimiter = field(default_factory=RateLimiter)
    budget: DailyBudget = field(default_factory=DailyBudget)
    sample: Callable[[], float] = random.random
    _watches: dict[str, tuple[tuple[Any, ...], ProbeWatch]] = field(default_factory=dict)

    def _refuse(self, status: int, code: str, message: str, **kw: Any) -> Admission:
        return Admission(status, reason=Reason(code, "reject", message), **kw)

    def record(self, adm: Admission, source: str, action: str | None = None) -> bool:
        """Queue the audit event of ``adm``; False when the buffer is full."""
        route = adm.route
        reasons = adm.verdict.reasons if adm.verdict else ((adm.reason,) if adm.reason else ())
        details: dict[str, Any] = {
            "route": route.name if route else None,
            "status": adm.status,
            "source": source,
            "reasons": [
                {"code": r.code, "action": r.action, "message": r.message[:200]}
                for r in reasons[:10]
            ],
        }
        if adm.verdict is not None and adm.verdict.ood is not None:
            details["ood"] = f"{adm.verdict.ood:.3f}"
        event = EventIn(
            actor=adm.identity,
            action=action or ("guard:allow" if adm.allowed else "guard:block"),
            resource=f"model:{route.model}" if route else "guard:unrouted",
            outcome=Outcome.ALLOWED if adm.allowed else Outcome.DENIED,
            details=details,
        )
        return self.audit.offer(event)

    def record_response(self, adm: Admission, reasons: tuple[Reason, ...], source: str) -> bool:
        """Queue the audit event of a refused or flagged response."""
        refused = any(r.action == "reject" for r in reasons)
        status = 502 if refused else 200
        if self.metrics is not None and adm.route is not None:
            for r in reasons:
                counter = self.metrics.blocks if r.action == "reject" else self.metrics.flags
                counter.labels(adm.route.name, r.code).inc()
        event = Admission(status, adm.route, adm.identity, Verdict(not refused, status, reasons))
        return self.record(
            event, source, "guard:block-response" if refused else "guard:flag-response"
        )

    async def admit(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes, source: str = ""
    ) -> Admission:
        adm = await self._decide(method, path, headers, body)
        if adm.passthrough:
            return adm
        if self.metrics is not None:
            self.metrics.decided(adm)
        flagged = adm.verdict is not None and bool(adm.verdict.flags)
        must = not adm.allowed or flagged
        action = "guard:flag" if adm.allowed and flagged else None
        if (must or self.sample() < self.holder.policy.spec.audit.sample_allowed) and not (
            self.record(adm, source, action)
        ):
            return self._refuse(
                503,
                "audit-unavailable",
                "the guard cannot record decisions now; try again shortly",
                route=adm.route,
                identity=adm.identity,
            )
        return adm

    async def _decide(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes
    ) -> Admission:
        policy = self.holder.policy
        route = policy.match(method, path)
        if route is None:
            if policy.spec.server.unmatched == "pass":
                return Admission(200, passthrough=True)
            return self._refuse(404, "no-route", f"no guard route for {method} {path[:100]}")
        if self.audit.full:
            return self._refuse(
                503,
                "audit-unavailable",
                "the guard cannot record decisions now; try again shortly",
                route=route,
            )
        identity = "public"
        if not route.spec.public:
            token = _bearer(headers)
            name = await self.auth.identify(token) if token and self.auth is not None else None
            if name is None:
                code, why = (
                    ("no-token", "this route needs an API token (Authorization: Bearer <token>)")
                    if token is None
                    else ("bad-token", "the API token is invalid, expired or revoked")
                )
                return self._refuse(
                    401, code, why, route=route, headers=(("www-authenticate", "Bearer"),)
                )
            identity = name
        if (limited := self._limits(route, identity)) is not None:
            return limited
        verdict = check_request(route, body)
        abuse = route.spec.abuse
        if verdict.allowed and (
            abuse.action != "pass"
            or (abuse.entropy is not None and (abuse.entropy_action or abuse.action) != "pass")
        ):
            verdict = self._probing(route, identity, verdict)
        return Admission(verdict.status, route, identity, verdict, verdict.blocking)

    def _watch(self, route: Route) -> ProbeWatch:
        """The route's watch, made again when its policy changed."""
        spec = route.spec.abuse
        key = (spec, id(route.schema))
        held = self._watches.get(route.name)
        if held is not None and held[0] == key:
            return held[1]
        entropy_on = spec.entropy is not None and (spec.entropy_action or spec.action) != "pass"
        watch = ProbeWatch(
            window=spec.window,
            min_queries=spec.min_queries,
            duplicates=spec.duplicates,
            sweeps=spec.sweeps,
            entropy=spec.entropy if entropy_on else None,
            schema=route.schema,
        )
        self._watches[route.name] = (key, watch)
        return watch

    def _probing(self, route: Route, identity: str, verdict: Verdict) -> Verdict:
        spec = route.spec.abuse
        signals = self._watch(route).observe(identity, verdict.first_row, verdict.first_prompt)
        extra = tuple(
            Reason(
                s,
                action,
                f"{s.replace('-', ' ')} in the last {spec.window} queries of "
                f"{identity} to {route.model}",
            )
            for s in signals
            if (
                action := (spec.entropy_action or spec.action)
                if s == "query-entropy"
                else spec.action
            )
            != "pass"
        )
        if not extra:
            return verdict
        blocked = any(r.action == "reject" for r in extra)
        return replace(
            verdict,
            allowed=not blocked,
            status=429 if blocked else verdict.status,
            reasons=verdict.reasons + extra,
        )

    def _limits(self, route: Route, identity: str) -> Admission | None:
        lim = route.spec.limits
        checks = (
            (f"id:{identity}:{route.model}", lim.rate, lim.burst, lim.daily, "caller"),
            (f"model:{route.model}", lim.model_rate, lim.model_burst, lim.model_daily, "model"),
        )
        for key, rate, burst, daily, who in checks:
            if rate is not None:
                wait = self.limiter.take(key, rate=rate, burst=burst or max(1, int(rate)))
                if wait is not None:
                    return self._refuse(
                        429,
                        "rate-limit",
                        f"the {who} rate limit of {rate}/s for {route.model} is reached",
                        route=route,
                        identity=identity,
                        headers=(("retry-after", str(max(1, round(wait)))),),
                    )
            if daily is not None and not self.budget.spend(key, daily):
                return self._refuse(
                    429,
                    "daily-budget",
                    f"the {who} daily budget of {daily} requests for {route.model} is spent",
                    route=route,
                    identity=identity,
                )
        return None
