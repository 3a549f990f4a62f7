"""Linking new events to the audit trail's head: the hash chain and the Merkle tree, with
no database code, so that every way of appending (:class:`~secplan.audit.trail.AuditTrail`,
:mod:`secplan.audit.local`) links events the same way.

>>> from secplan.audit.events import GENESIS, EventIn
>>> from secplan.audit.merkle import Frontier
>>> frontier = Frontier.from_bytes(0, b"")
>>> [e] = link([EventIn(actor="a", action="x", resource="r").validated()], 0, GENESIS,
...            frontier, "2026-01-01T00:00:00Z")
>>> e.seq, frontier.size
(1, 1)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from secplan.audit.events import Event, leaf_bytes
from secplan.audit.merkle import Frontier, leaf_hash

#: A signed checkpoint is written whenever the tree grows past a multiple of this.
CHECKPOINT_EVERY = 1000
_sha256 = hashlib.sha256


def now() -> str:
    """The time an append records, UTC to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def origin(db_id: str) -> str:
    """The origin line of the checkpoints of the trail in the database ``db_id``."""
    return f"secplan.audit/{db_id}"


def checkpoint_extensions(ts: str, review: str | None = None) -> tuple[str, ...]:
    """The extension lines of a checkpoint signed at ``ts`` (``review``: one asked for)."""
    return (f"time {ts}",) if review is None else (f"time {ts}", review)


def chain_next(previous: bytes, leaf: bytes) -> bytes:
    return _sha256(previous + leaf).digest()


def link(
    prepared: Sequence[tuple[str, str, str, str, str]],
    size: int,
    chain: bytes,
    frontier: Frontier,
    ts: str,
) -> list[Event]:
    """``prepared`` events (:meth:`EventIn.validated`) as they follow a head of ``size``
    events ending in ``chain``, all at ``ts``; ``frontier`` grows by their leaves."""
    out: list[Event] = []
    for actor, action, resource, outcome, details in prepared:
        size += 1
        leaf = leaf_hash(leaf_bytes(size, ts, actor, action, resource, outcome, details))
        chain = chain_next(chain, leaf)
        frontier.append(leaf)
        out.append(
            Event(
                seq=size,
                ts=ts,
                actor=actor,
                action=action,
                resource=resource,
                outcome=outcome,
                details=details,
                leaf_hash=leaf,
                chain_hash=chain,
            )
        )
    return out


def checkpoint_due(before: int, after: int, every: int = CHECKPOINT_EVERY) -> bool:
    """Whether growing the tree from ``before`` to ``after`` events passes a multiple of
    ``every`` (a signed checkpoint is then written in the same transaction)."""
    return after // every > before // every
