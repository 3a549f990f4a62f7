"""The server's audit trail through its API, for ``secplan audit`` with ``SECPLAN_SERVER`` set:
the trail, its signing key and its database stay on the server.

* ``GET /api/v1/audit/events``: events in sequence order, filtered as ``secplan audit log``
  filters them, a page at a time (``audit:read``). Each event is its canonical body, so
  ``SHA-256(0x00 || body)`` is its leaf hash.
* ``POST /api/v1/audit/verify``: the server checks every event, the chain, the Merkle tree and
  every stored checkpoint, and the exported checkpoints the client sends, against the keys it
  trusts; the result, recorded as ``audit:verify`` (``audit:verify``).
* ``POST /api/v1/audit/checkpoints``: the server signs a reviewed checkpoint of its tree (its
  note names the reviewer) and returns the signed note, recorded as ``audit:checkpointed``
  (``audit:checkpoint``).

Every route decides its action on the resource ``audit``, as the local commands do, and
records the decision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field

from secplan.access import AccessControl, Actor
from secplan.audit.events import MAX_FIELD
from secplan.audit.notes import MAX_NOTE_BYTES
from secplan.audit.trail import Filters
from secplan.errors import ConfigError

#: Events in one answer at most; the client asks for the next page after the last one.
PAGE = 5000
#: Exported checkpoints one verification request may carry.
MAX_NOTES = 1000


class VerifyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    checkpoints: list[str] = Field(default_factory=list, max_length=MAX_NOTES)


def install(app: FastAPI, ac: AccessControl, authenticate: Callable[[Request], Actor]) -> None:
    """Add the audit routes to ``app``."""

    @app.get("/api/v1/audit/events", tags=["audit"])
    async def events(
        request: Request,
        actor: str | None = None,
        action: str | None = None,
        resource: str | None = None,
        outcome: str | None = None,
        since: str | None = None,
        until: str | None = None,
        after: int = 0,
        limit: int = PAGE,
    ) -> dict[str, Any]:
        """Events after sequence number ``after``, at most ``limit`` (up to 5,000), filtered
        (``action`` and ``resource`` take a ``*`` suffix; ``since`` and ``until`` are ISO 8601
        times, UTC); each as its canonical JSON body."""
        a = authenticate(request)
        given: Filters = {
            "actor": actor,
            "action": action,
            "resource": resource,
            "outcome": outcome,
            "since": since,
            "until": until,
        }
        for name, value in given.items():
            if isinstance(value, str) and (len(value) > MAX_FIELD + 1 or "\x00" in value):
                # no stored field could match it (and PostgreSQL takes no NUL)
                raise ConfigError(f"{name}: not a value any event holds", "check the filter")
        if not 0 <= after < 2**63 or not 1 <= limit <= PAGE:
            raise ConfigError(f"after must be 0 or more and limit 1 to {PAGE}", "page with after")
        ac.require(a, "audit:read", "audit", filters={k: v for k, v in given.items() if v})
        found = ac.trail.events(**given, after_seq=after, limit=limit)
        return {"events": [e.body().decode() for e in found], "page": limit}

    # not async: a long verification runs in the server's thread pool, not in the loop that
    # answers every other request
    @app.post("/api/v1/audit/verify", tags=["audit"])
    def verify(body: VerifyIn, request: Request) -> dict[str, Any]:
        """Verify the trail, its stored checkpoints and the exported checkpoints sent (signed
        notes kept outside the database, which rule out truncation of the newest events)."""
        from secplan.audit.keys import trusted_verifiers
        from secplan.audit.verify import timed

        a = authenticate(request)
        if any(len(n.encode()) > MAX_NOTE_BYTES for n in body.checkpoints):
            raise ConfigError(
                f"a checkpoint over {MAX_NOTE_BYTES} bytes", "exported checkpoints are small notes"
            )
        ac.require(a, "audit:verify", "audit", exported=len(body.checkpoints))
        verifiers = trusted_verifiers()
        own = ac.trail.signer
        if own is not None and all(v.vkey() != own.verifier.vkey() for v in verifiers):
            verifiers.append(own.verifier)
        result, elapsed = timed(ac.trail, verifiers, body.checkpoints)
        ac.record(a, "audit:verify", "audit", result.outcome, **result.recorded)
        return {
            "ok": result.ok,
            "size": result.size,
            "checkpoints": result.checkpoints,
            "exported": result.exported,
            "problems": result.problems,
            "seconds": round(elapsed, 3),
        }

    @app.post("/api/v1/audit/checkpoints", tags=["audit"])
    async def checkpoint(request: Request) -> dict[str, Any]:
        """Sign a reviewed checkpoint of the current tree (C2SP signed note, Ed25519) with the
        server's audit key; export it where the database's administrators cannot write."""
        a = authenticate(request)
        ac.require(a, "audit:checkpoint", "audit")
        cp = ac.trail.checkpoint(by=a.name)
        ac.record(a, "audit:checkpointed", "audit", size=cp.tree_size, key=cp.key_name)
        return {"tree_size": cp.tree_size, "key": cp.key_name, "note": cp.note}


__all__ = ["PAGE", "install"]
