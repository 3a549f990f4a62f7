"""Appending to the local audit trail without the database layer: one event into secplan's
own SQLite file with the standard library's driver, for a short process (such as one
:func:`secplan.safe_load`) where loading SQLAlchemy, the access-control modules and the
signing key would cost more than the append itself.

The event is linked exactly as :meth:`AuditTrail.append <secplan.audit.trail.AuditTrail.append>`
links it (:func:`secplan.audit.chain.link`), in one ``BEGIN IMMEDIATE`` transaction on the
same head row, under the same connection settings, so it is a link of the one hash chain
and Merkle tree that ``secplan audit verify`` checks; the signing key is loaded only when
the append is due to sign a checkpoint. It applies only where nothing but that is needed:
the SQLite file in secplan's home (no ``SECPLAN_DATABASE_URL``), already created and at the
newest migration, and the actor being the operating-system user (no ``SECPLAN_TOKEN``, no
login session: who a token acts for is the access-control layer's to say). Elsewhere
:func:`append` returns ``None`` and the caller opens the full services.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import astuple
from pathlib import Path

from secplan import paths
from secplan._sqlite import DB_NAME, ENV_URL, HEAD_REVISION, LOCK_TIMEOUT_S, set_pragmas
from secplan.audit import chain
from secplan.audit.events import Event, EventIn, Outcome
from secplan.audit.merkle import Frontier
from secplan.session import ENV_TOKEN, session_file

#: The actor and ``via`` of an event recorded here: the operating-system user, as
#: :attr:`secplan.services.Services.actor` names it without a token or a session (in local
#: mode and in multi-user mode alike).
VIA = "os"


def database() -> Path | None:
    """The SQLite file this module appends to, or ``None`` where it does not apply."""
    if os.environ.get(ENV_URL) or os.environ.get(ENV_TOKEN, "").strip():
        return None
    if session_file().is_file():
        return None
    db = paths.home() / DB_NAME
    return db if db.is_file() else None


def actor() -> str:
    return f"os:{getpass.getuser()}"


def append(
    action: str,
    resource: str,
    outcome: Outcome,
    details: dict[str, object],
    *,
    clock: Callable[[], str] = chain.now,
    checkpoint_every: int = chain.CHECKPOINT_EVERY,
) -> Event | None:
    """Record one event by the operating-system user; ``None`` (nothing written) where this
    module does not apply, so the caller records it through the full services. A database
    error, or a key that cannot sign a due checkpoint, raises with nothing written."""
    db = database()
    if db is None:
        return None
    prepared = EventIn(
        actor=actor(),
        action=action,
        resource=resource,
        outcome=outcome,
        details={"via": VIA, **details},
    ).validated()
    with closing(sqlite3.connect(db, timeout=LOCK_TIMEOUT_S, isolation_level=None)) as conn:
        set_pragmas(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            event = _append(conn, prepared, clock(), checkpoint_every)
            if event is None:
                conn.execute("ROLLBACK")
            else:
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return event


def _append(
    conn: sqlite3.Connection,
    prepared: tuple[str, str, str, str, str],
    ts: str,
    checkpoint_every: int,
) -> Event | None:
    try:
        versions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.OperationalError:  # no schema yet
        return None
    if versions != [HEAD_REVISION]:  # no schema yet, or an older one: the services migrate it
        return None
    size, last, blob = conn.execute(
        "SELECT size, chain_hash, frontier FROM audit_head WHERE id = 1"
    ).fetchone()
    frontier = Frontier.from_bytes(int(size), bytes(blob))
    [e] = chain.link([prepared], int(size), bytes(last), frontier, ts)
    conn.execute(
        "INSERT INTO audit_events (seq, ts, actor, action, resource, outcome, details,"
        " leaf_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        astuple(e),
    )
    conn.execute(
        "UPDATE audit_head SET size = ?, chain_hash = ?, frontier = ? WHERE id = 1",
        (e.seq, e.chain_hash, frontier.to_bytes()),
    )
    if chain.checkpoint_due(int(size), e.seq, checkpoint_every):
        _checkpoint(conn, e.seq, frontier.root(), ts)
    return e


def _checkpoint(conn: sqlite3.Connection, size: int, root: bytes, ts: str) -> None:
    """Sign and store the checkpoint that an append past a multiple of the interval owes,
    as :meth:`AuditTrail._checkpoint <secplan.audit.trail.AuditTrail>` does."""
    from secplan.audit.keys import local_signer
    from secplan.audit.notes import Checkpoint

    signer = local_signer()
    if signer is None:  # pragma: no cover (local_signer creates the key)
        return
    (db_id,) = conn.execute("SELECT value FROM secplan_meta WHERE key = 'db_id'").fetchone()
    cp = Checkpoint(chain.origin(str(db_id)), size, root, chain.checkpoint_extensions(ts))
    note = signer.sign(cp.text())
    conn.execute(
        "INSERT INTO audit_checkpoints (tree_size, root_hash, ts, note, key_name)"
        " VALUES (?, ?, ?, ?, ?)",
        (size, root, ts, note, signer.name),
    )
