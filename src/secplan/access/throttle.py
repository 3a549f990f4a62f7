"""Back-off and lockout for guesses at passwords and one-time codes, kept in the database so
they hold across processes and machines.

Every attempt is counted *before* its secret is checked, in one transaction with the
decision to let it through, so parallel guesses cannot slip past the count. It is counted
under two keys:

* the account (``account:NAME``), or, when the attempt comes from a source that has logged
  in to that account before, the pair (``pair:NAME SOURCE``) instead: an attacker elsewhere
  can lock the account for new sources, never for the places its owner logs in from;
* the source (``source:SOURCE``, e.g. ``source:os:eve`` for the operating-system user running
  the command), with higher limits, against one source guessing at many accounts.

After ``free`` failures each further attempt waits (2 s, doubling, at most 5 minutes); at
``lock_after`` failures the key is locked for ``lock_for`` (15 minutes), and every failure
after that locks it again. Waiting attempts are refused unchecked. A success clears the
account's (or pair's) count and gives the source its attempt back; counts are forgotten 24
hours after the last failure. Nothing locks for good: locks expire, and an administrator can
clear an account's at once (``secplan users unlock``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, Table, delete, select, update

from secplan.access.values import iso, parse_iso
from secplan.store import Database
from secplan.store.schema import auth_sources, auth_throttle, principals

LOCK_FOR = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Limits:
    free: int  # failures before any waiting
    lock_after: int  # failures that lock


@dataclass(frozen=True, slots=True)
class Policy:
    account: Limits = Limits(3, 10)
    source: Limits = Limits(10, 30)
    backoff: timedelta = timedelta(seconds=2)
    max_backoff: timedelta = timedelta(minutes=5)
    lock_for: timedelta = LOCK_FOR
    forget_after: timedelta = timedelta(hours=24)
    known_for: timedelta = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class Attempt:
    """A counted attempt: the keys it was counted under and those it locked."""

    name: str
    source: str | None
    keys: tuple[str, ...]
    locked: tuple[tuple[str, int, str], ...] = field(default=())  # (key, failures, until)


class Throttled(Exception):
    def __init__(self, key: str, until: datetime) -> None:
        super().__init__(key)
        self.key = key
        self.until = until


def _known(conn: Connection, name: str, source: str, since: datetime) -> bool:
    row = conn.execute(
        select(auth_sources.c.last_success)
        .join(principals, principals.c.id == auth_sources.c.principal_id)
        .where(principals.c.name == name, auth_sources.c.source == source)
    ).first()
    return row is not None and parse_iso(row.last_success) >= since


def _upsert(
    conn: Connection, table: Table, values: dict[str, object], update_: dict[str, object]
) -> Row[Any]:
    """Insert ``values``, or where the row exists set ``update_`` on it; the row, locked
    until the transaction ends (PostgreSQL locks it; SQLite's writer holds the database)."""
    index = [c.name for c in table.primary_key.columns]
    # the dialects' insert constructs, loaded on first use (the PostgreSQL dialect alone
    # costs every command about a tenth of a second of start-up)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        pg = postgresql.insert(table).values(**values)
        stmt = pg.on_conflict_do_update(index_elements=index, set_=update_).returning(table)
    else:
        from sqlalchemy.dialects import sqlite

        lite = sqlite.insert(table).values(**values)
        stmt = lite.on_conflict_do_update(index_elements=index, set_=update_).returning(table)
    return conn.execute(stmt).one()


def _row(conn: Connection, key: str) -> tuple[int, str | None, str | None]:
    """The key's row, locked for this transaction (created empty when missing)."""
    row = _upsert(
        conn, auth_throttle, {"key": key, "failures": 0}, {"failures": auth_throttle.c.failures}
    )
    return int(row.failures), row.last_failure, row.locked_until


def _waits_until(
    policy: Policy, limits: Limits, failures: int, last: str | None, locked: str | None
) -> datetime | None:
    """When the next attempt may come, if not now (``None``: it may)."""
    if last is None:
        return None
    if locked is not None:
        return parse_iso(locked)
    if failures < limits.free:
        return None
    wait: timedelta = min(policy.backoff * 2 ** min(failures - limits.free, 20), policy.max_backoff)
    return parse_iso(last) + wait


def keys_for(
    conn: Connection, policy: Policy, name: str, source: str | None, now: datetime
) -> list[tuple[str, Limits]]:
    """The (key, limits) pairs an attempt on ``name`` from ``source`` is counted under."""
    if source is None:
        return [(f"account:{name}", policy.account)]
    first = (
        f"pair:{name} {source}"
        if _known(conn, name, source, now - policy.known_for)
        else f"account:{name}"
    )
    return [(first, policy.account), (f"source:{source}", policy.source)]


def reserve(db: Database, policy: Policy, name: str, source: str | None, now: datetime) -> Attempt:
    """Count an attempt, or raise :class:`Throttled` (counting nothing) when it must wait."""
    with db.begin() as conn:
        keyed = keys_for(conn, policy, name, source, now)
        rows = {key: _row(conn, key) for key, _ in keyed}
        for key, limits in keyed:
            failures, last, locked = rows[key]
            if last is not None and parse_iso(last) < now - policy.forget_after:
                rows[key] = (0, None, None)
                continue
            until = _waits_until(policy, limits, failures, last, locked)
            if until is not None and now < until:
                raise Throttled(key, until)
        newly: list[tuple[str, int, str]] = []
        for key, limits in keyed:
            count = rows[key][0] + 1
            lock = iso(now + policy.lock_for) if count >= limits.lock_after else None
            if lock is not None:
                newly.append((key, count, lock))
            conn.execute(
                update(auth_throttle)
                .where(auth_throttle.c.key == key)
                .values(failures=count, last_failure=iso(now), locked_until=lock)
            )
    return Attempt(name, source, tuple(k for k, _ in keyed), tuple(newly))


def succeeded(db: Database, policy: Policy, attempt: Attempt, now: datetime) -> None:
    """Clear the account's (or pair's) count, give the source its attempt back, and
    remember the source as one the account logs in from."""
    locked = {k for k, _, _ in attempt.locked}
    with db.begin() as conn:
        for key in attempt.keys:
            if not key.startswith("source:"):
                conn.execute(delete(auth_throttle).where(auth_throttle.c.key == key))
                continue
            values: dict[str, object] = {"failures": auth_throttle.c.failures - 1}
            if key in locked:
                values["locked_until"] = None
            conn.execute(
                update(auth_throttle)
                .where(auth_throttle.c.key == key, auth_throttle.c.failures > 0)
                .values(**values)
            )
        stale = iso(now - policy.forget_after)
        conn.execute(
            delete(auth_throttle).where(
                auth_throttle.c.last_failure < stale,
                (auth_throttle.c.locked_until.is_(None))
                | (auth_throttle.c.locked_until < iso(now)),
            )
        )
        if attempt.source is not None:
            _remember(conn, attempt.name, attempt.source, now)


def _remember(conn: Connection, name: str, source: str, now: datetime) -> None:
    pid = conn.execute(select(principals.c.id).where(principals.c.name == name)).scalar()
    if pid is None:
        return
    values = {"principal_id": pid, "source": source, "last_success": iso(now)}
    _upsert(conn, auth_sources, values, {"last_success": iso(now)})


def clear_account(db: Database, name: str) -> int:
    """Forget the failures counted against ``name`` from every source; how many keys."""
    with db.begin() as conn:
        result = conn.execute(
            delete(auth_throttle).where(
                (auth_throttle.c.key == f"account:{name}")
                | auth_throttle.c.key.startswith(f"pair:{name} ", autoescape=True)
            )
        )
    return int(result.rowcount)
