"""``secplan audit log|verify|checkpoint`` with ``SECPLAN_SERVER`` set: the trail, its
database and its signing key are the server's; this side asks its API
(:mod:`secplan.server.auditlog`) and shows the answers as the local commands do.

What the server answers is the server's word: a verification says what the server found, and
the events are those it sends. The exported checkpoints kept here (signed notes the server
cannot take back) are sent with each verification, so a trail cut short after one of them
fails it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from secplan import remote
from secplan.audit.events import Event, canonical_details
from secplan.audit.merkle import leaf_hash
from secplan.audit.verify import VerifyResult, claimed_size
from secplan.errors import ServiceError

#: Events asked for in one request (the server's page size).
PAGE = 5000
#: Exported checkpoints sent with a verification at most, newest kept, and their bytes: the
#: server reads a request body of 1 MiB at most.
MAX_NOTES = 1000
MAX_NOTES_BYTES = 768 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Logged(Event):
    """An event as the server sent it: ``body()`` is the canonical body it sent (so its leaf
    hash is the one the server's tree holds); the chain hash is not sent (empty)."""

    raw: str

    def body(self) -> bytes:
        return self.raw.encode()


def _bad(url: str) -> ServiceError:
    return ServiceError(
        f"{url}: the server sent an answer secplan cannot read", "check the server's version"
    )


def _logged(url: str, line: object) -> Logged:
    try:
        if not isinstance(line, str):
            raise TypeError
        d = json.loads(line)
        if not isinstance(d, dict) or not isinstance(d["details"], dict):
            raise TypeError
        ts, actor, action, resource, outcome = (
            d[k] for k in ("ts", "actor", "action", "resource", "outcome")
        )
        if not all(isinstance(t, str) for t in (ts, actor, action, resource, outcome)):
            raise TypeError
        if type(d["seq"]) is not int:
            raise TypeError
        details = canonical_details(d["details"])
    except (TypeError, ValueError, KeyError):
        raise _bad(url) from None
    return Logged(
        seq=d["seq"],
        ts=ts,
        actor=actor,
        action=action,
        resource=resource,
        outcome=outcome,
        details=details,
        leaf_hash=leaf_hash(line.encode()),
        chain_hash=b"",
        raw=line,
    )


def events(url: str, limit: int | None = None, **filters: str | None) -> Iterator[Logged]:
    """The server's events in sequence order, filtered as :meth:`AuditTrail.events` filters
    them, fetched a page at a time."""
    after, left = 0, limit
    given = {k: v for k, v in filters.items() if v is not None}
    while left is None or left > 0:
        page = PAGE if left is None else min(PAGE, left)
        query = urlencode({**given, "after": after, "limit": page})
        got = remote.call("GET", url, f"/api/v1/audit/events?{query}")
        lines = got.get("events") if isinstance(got, dict) else None
        if not isinstance(lines, list) or len(lines) > page:
            raise _bad(url)
        rows = [_logged(url, line) for line in lines]
        yield from rows
        if len(rows) < page:
            return
        if rows[-1].seq <= after:  # the next page would be this one again
            raise _bad(url)
        after = rows[-1].seq
        if left is not None:
            left -= len(rows)


def sendable(notes: list[str]) -> tuple[list[str], int]:
    """The newest exported checkpoints that fit in one request (the newest covers every older
    one for truncation), and how many were left out."""
    kept: list[str] = []
    size = 0
    for note in sorted(notes, key=claimed_size, reverse=True):
        size += len(note.encode())
        if len(kept) == MAX_NOTES or size > MAX_NOTES_BYTES:
            break
        kept.append(note)
    return kept[::-1], len(notes) - len(kept)


def verify(url: str, notes: list[str]) -> tuple[VerifyResult, float]:
    """The server's verification of its trail against ``notes``, and the seconds it took."""
    got = remote.call("POST", url, "/api/v1/audit/verify", {"checkpoints": notes})
    try:
        size, checkpoints, exported = (got[k] for k in ("size", "checkpoints", "exported"))
        problems, seconds = got["problems"], got["seconds"]
        if (
            not all(type(n) is int for n in (size, checkpoints, exported))
            or not isinstance(problems, list)
            or not all(isinstance(p, str) for p in problems)
            or not isinstance(seconds, int | float)
            or got["ok"] is not (not problems)
        ):
            raise TypeError
    except (TypeError, KeyError):
        raise _bad(url) from None
    result = VerifyResult(size, checkpoints, exported, problems)
    return result, float(seconds)


def checkpoint(url: str) -> tuple[int, str]:
    """A reviewed checkpoint the server signed: its tree size and signed note."""
    got = remote.call("POST", url, "/api/v1/audit/checkpoints", {})
    try:
        size, note = got["tree_size"], got["note"]
        if type(size) is not int or size < 0 or not isinstance(note, str):
            raise TypeError
    except (TypeError, KeyError):
        raise _bad(url) from None
    if claimed_size(note) != size:
        raise ServiceError(
            f"{url}: the signed note covers {claimed_size(note)} events, not {size}",
            "check the server",
        )
    return size, note


__all__ = ["Logged", "checkpoint", "events", "sendable", "verify"]
