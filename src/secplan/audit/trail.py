"""The tamper-evident audit trail: append-only events in a hash chain and an RFC 9162 Merkle
tree, with signed checkpoints.

Appends serialise on the single ``audit_head`` row (``SELECT … FOR UPDATE`` on PostgreSQL,
``BEGIN IMMEDIATE`` on SQLite), so concurrent writers never fork the chain or lose an event:
each append reads the head, links its events to it and moves it, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypedDict

from sqlalchemy import Connection, Row, and_, insert, select, update

from secplan.audit.chain import (
    CHECKPOINT_EVERY,
    checkpoint_due,
    checkpoint_extensions,
    link,
    now,
    origin,
)
from secplan.audit.chain import chain_next as chain_next  # where it was defined first
from secplan.audit.events import Event, EventIn
from secplan.audit.merkle import Frontier
from secplan.audit.notes import Checkpoint, Signer
from secplan.store import Database
from secplan.store.schema import audit_checkpoints, audit_events, audit_head, meta

#: The extension line of a checkpoint someone asked for (``secplan audit checkpoint``), as
#: opposed to one signed on its own every :data:`CHECKPOINT_EVERY` events.
REVIEW = "review"


class Filters(TypedDict, total=False):
    """What :meth:`AuditTrail.events` filters on (``action`` and ``resource`` take a ``*``
    suffix; ``since`` and ``until`` are ISO 8601 times, UTC)."""

    actor: str | None
    action: str | None
    resource: str | None
    outcome: str | None
    since: str | None
    until: str | None


@dataclass(frozen=True, slots=True)
class StoredCheckpoint:
    id: int
    tree_size: int
    root: bytes
    ts: str
    note: str
    key_name: str


class AuditTrail:
    """Append events, write checkpoints, read events back. Verification lives in ``verify``."""

    def __init__(
        self,
        db: Database,
        signer: Signer | None,
        *,
        clock: Callable[[], str] = now,
        checkpoint_every: int = CHECKPOINT_EVERY,
    ) -> None:
        self.db = db
        self.signer = signer
        self._clock = clock
        self.checkpoint_every = checkpoint_every
        self._origin: str | None = None

    @property
    def origin(self) -> str:
        if self._origin is None:
            with self.db.read() as conn:
                db_id = conn.execute(select(meta.c.value).where(meta.c.key == "db_id")).scalar()
            self._origin = origin(str(db_id))
        return self._origin

    # -- writing ---------------------------------------------------------------------------

    def append(self, event: EventIn) -> Event:
        return self.append_many([event])[0]

    def append_many(self, events: Sequence[EventIn]) -> list[Event]:
        """Append ``events`` atomically and in order; returns them as recorded."""
        prepared = [e.validated() for e in events]  # validate before taking the lock
        if not prepared:
            return []
        with self.db.begin() as conn:
            head = conn.execute(
                select(audit_head.c.size, audit_head.c.chain_hash, audit_head.c.frontier)
                .where(audit_head.c.id == 1)
                .with_for_update()
            ).one()
            size, chain = int(head.size), bytes(head.chain_hash)
            frontier = Frontier.from_bytes(size, bytes(head.frontier))
            ts = self._clock()
            out = link(prepared, size, chain, frontier, ts)
            rows = [asdict(e) for e in out]
            size, chain = out[-1].seq, out[-1].chain_hash
            conn.execute(insert(audit_events), rows)
            conn.execute(
                update(audit_head)
                .where(audit_head.c.id == 1)
                .values(size=size, chain_hash=chain, frontier=frontier.to_bytes())
            )
            if self.signer is not None and checkpoint_due(
                size - len(rows), size, self.checkpoint_every
            ):
                self._checkpoint(conn, size, frontier.root(), ts)
        return out

    def checkpoint(self, by: str | None = None) -> StoredCheckpoint:
        """Sign and store a checkpoint of the current tree, asked for explicitly (``secplan
        audit checkpoint``): its signed note carries a ``review`` line (naming ``by`` when
        given), which the checkpoints signed on their own as the trail grows do not. Only
        reviewed checkpoints vouch for rows adopted by the server (:mod:`secplan.server.adopt`)."""
        if self.signer is None:
            from secplan.errors import ServiceError

            raise ServiceError("no audit signing key", "create one with secplan audit checkpoint")
        with self.db.begin() as conn:
            head = conn.execute(
                select(audit_head.c.size, audit_head.c.frontier)
                .where(audit_head.c.id == 1)
                .with_for_update()
            ).one()
            frontier = Frontier.from_bytes(int(head.size), bytes(head.frontier))
            # a name is shown only where it cannot add a line to the signed note
            named = by is not None and by.isprintable() and 0 < len(by) <= 255
            review = f"{REVIEW} {by}" if named else REVIEW
            return self._checkpoint(
                conn, int(head.size), frontier.root(), self._clock(), review=review
            )

    def _checkpoint(
        self, conn: Connection, size: int, root: bytes, ts: str, *, review: str | None = None
    ) -> StoredCheckpoint:
        assert self.signer is not None
        cp = Checkpoint(self.origin, size, root, checkpoint_extensions(ts, review))
        note = self.signer.sign(cp.text())
        new_id = conn.execute(
            insert(audit_checkpoints).values(
                tree_size=size, root_hash=root, ts=ts, note=note, key_name=self.signer.name
            )
        ).inserted_primary_key
        return StoredCheckpoint(
            int(new_id[0]) if new_id else 0, size, root, ts, note, self.signer.name
        )

    # -- reading ---------------------------------------------------------------------------

    def size(self) -> int:
        with self.db.read() as conn:
            return int(
                conn.execute(select(audit_head.c.size).where(audit_head.c.id == 1)).scalar_one()
            )

    def checkpoints(self, conn: Connection | None = None) -> list[StoredCheckpoint]:
        """The stored checkpoints by tree size, read in ``conn``'s snapshot when given."""
        if conn is None:
            with self.db.read() as own:
                return self.checkpoints(own)
        rows = conn.execute(
            select(audit_checkpoints).order_by(
                audit_checkpoints.c.tree_size, audit_checkpoints.c.id
            )
        )
        return [
            StoredCheckpoint(r.id, int(r.tree_size), bytes(r.root_hash), r.ts, r.note, r.key_name)
            for r in rows
        ]

    def events(
        self,
        *,
        actor: str | None = None,
        action: str | None = None,
        resource: str | None = None,
        outcome: str | None = None,
        since: str | None = None,
        until: str | None = None,
        after_seq: int = 0,
        limit: int | None = None,
        batch: int = 5000,
    ) -> Iterator[Event]:
        """Events in sequence order, filtered (``action`` and ``resource`` take a ``*`` suffix).

        Reads page by page (keyset pagination on ``seq``), so no connection is held open
        between pages and an abandoned iteration leaks nothing.
        """
        c = audit_events.c
        conds = []
        for col, value in (
            (c.actor, actor),
            (c.action, action),
            (c.resource, resource),
            (c.outcome, outcome),
        ):
            if value is None:
                continue
            conds.append(
                col.like(_like_prefix(value[:-1]) + "%", escape="\\")
                if value.endswith("*")
                else col == value
            )
        if since:
            conds.append(c.ts >= since)
        if until:
            conds.append(c.ts < until)
        last, left = after_seq, limit
        while left is None or left > 0:
            page = batch if left is None else min(batch, left)
            query = (
                select(audit_events).where(and_(c.seq > last, *conds)).order_by(c.seq).limit(page)
            )
            with self.db.read() as conn:
                rows = [_event(r) for r in conn.execute(query)]
            yield from rows
            if len(rows) < page:
                return
            last = rows[-1].seq
            if left is not None:
                left -= len(rows)

    def leaf_hashes(self, upto: int) -> list[bytes]:
        """The stored leaf hashes of events 1..upto (for proofs)."""
        with self.db.read() as conn:
            rows = conn.execute(
                select(audit_events.c.leaf_hash)
                .where(audit_events.c.seq <= upto)
                .order_by(audit_events.c.seq)
            ).all()
        return [bytes(r[0]) for r in rows]


def _event(r: Row[Any]) -> Event:
    m = r._mapping
    return Event(
        seq=int(m["seq"]),
        ts=m["ts"],
        actor=m["actor"],
        action=m["action"],
        resource=m["resource"],
        outcome=m["outcome"],
        details=m["details"],
        leaf_hash=bytes(m["leaf_hash"]),
        chain_hash=bytes(m["chain_hash"]),
    )


def _like_prefix(text: str) -> str:
    """``text`` as a literal LIKE prefix: the escape character and both wildcards escaped.

    >>> _like_prefix("model:ab_c%")
    'model:ab\\\\_c\\\\%'
    """
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
