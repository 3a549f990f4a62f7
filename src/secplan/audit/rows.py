"""Checking stored audit events, row by row: what every verification worker runs.

This module is kept light (no ORM, no signing code), because each worker process imports it
on start-up: it reads rows through the database driver itself, recomputes each leaf and
chain hash, and builds the Merkle subtree of its range of events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from secplan.audit.events import GENESIS, _q

MAX_PROBLEMS = 50
_sha256 = hashlib.sha256

_COLUMNS = "seq, ts, actor, action, resource, outcome, details, leaf_hash, chain_hash"


@dataclass(frozen=True, slots=True)
class Chunk:
    first: int  # the sequence number the chunk was expected to start at
    count: int  # rows seen
    clean: bool  # exactly the expected rows, no gap
    leaves: bytes  # concatenated recomputed leaf hashes, in order
    snapshots: dict[int, bytes]  # local size -> frontier nodes of the chunk's own subtree
    problems: tuple[str, ...]
    last_chain: bytes  # the stored chain hash of the last row seen


def check_rows(
    rows: Iterable[tuple[Any, ...]],
    first: int,
    prev_chain: bytes,
    snapshot_at: frozenset[int] = frozenset(),
) -> Chunk:
    """Check a run of rows expected to start at sequence number ``first``.

    Each row's leaf hash is recomputed from its columns and compared with the stored one;
    each stored chain hash is checked against the previous stored chain hash and the
    recomputed leaf, so the whole stored chain is verified link by link. The chunk's own
    Merkle subtree is then built level by level, and the frontier at each requested local
    size read from those levels.
    """
    sha = _sha256
    q = _q
    leaves: list[bytes] = []
    keep = leaves.append
    problems: list[str] = []
    expected, prev, clean = first, prev_chain, True
    for seq, ts, actor, action, resource, outcome, details, stored_leaf, chain in rows:
        if seq != expected:
            clean = False
            what = "missing" if seq > expected else "duplicated or out of order"
            if len(problems) < MAX_PROBLEMS:
                problems.append(f"event {expected}: {what} (next stored event is {seq})")
            expected = seq
        # the leaf input is 0x00 || leaf_bytes(...), written out here to save a call per row
        leaf = sha(
            f'\x00{{"action":{q(action)},"actor":{q(actor)},"details":{details},'
            f'"outcome":{q(outcome)},"resource":{q(resource)},"seq":{seq},"ts":{q(ts)}}}'.encode()
        ).digest()
        if leaf != stored_leaf and len(problems) < MAX_PROBLEMS:
            problems.append(f"event {seq}: content does not match its leaf hash (modified)")
        if sha(prev + leaf).digest() != chain and len(problems) < MAX_PROBLEMS:
            problems.append(f"event {seq}: hash chain broken")
        prev = chain
        keep(leaf)
        expected += 1
    count = len(leaves)
    levels = _levels(leaves)
    snaps = {size: _frontier_at(levels, size) for size in snapshot_at if size <= count}
    snaps[count] = _frontier_at(levels, count)
    return Chunk(first, count, clean, b"".join(leaves), snaps, tuple(problems), bytes(prev))


def _levels(leaves: list[bytes]) -> list[list[bytes]]:
    """Every level of the perfect subtrees over ``leaves``: level k holds the roots of the
    aligned runs of 2**k leaves (a trailing run shorter than that has no node there)."""
    sha = _sha256
    levels = [leaves]
    level = leaves
    while len(level) > 1:
        pairs = zip(level[0::2], level[1::2], strict=False)  # an odd last node waits
        level = [sha(b"\x01" + left + right).digest() for left, right in pairs]
        levels.append(level)
    return levels


def _frontier_at(levels: list[list[bytes]], size: int) -> bytes:
    """The frontier (roots of the perfect subtrees, left to right) of the first ``size``
    leaves, read from ``levels``."""
    nodes, offset = [], 0
    for k in range(size.bit_length() - 1, -1, -1):
        if size >> k & 1:
            nodes.append(levels[k][offset >> k])
            offset += 1 << k
    return b"".join(nodes)


def fetch(raw: Any, dialect: str, lo: int, hi: int, batch: int) -> Iterator[tuple[Any, ...]]:
    """Rows with lo <= seq <= hi, in order, through the driver's own cursor (server-side on
    PostgreSQL): verification reads the whole trail, so per-row overhead matters."""
    mark = "%s" if dialect == "postgresql" else "?"
    sql = (
        f"SELECT {_COLUMNS} FROM audit_events "  # noqa: S608 (constant columns)
        f"WHERE seq >= {mark} AND seq <= {mark} ORDER BY seq"
    )
    # PostgreSQL: a server-side cursor in binary format (hashes arrive as raw bytes, not as
    # hex text that both server and client would have to convert)
    cur = (
        raw.cursor(name=f"secplan_verify_{lo}", binary=True)
        if dialect == "postgresql"
        else raw.cursor()
    )
    if dialect == "postgresql":
        cur.itersize = batch
    try:
        cur.execute(sql, (lo, hi))
        while rows := cur.fetchmany(batch):
            if isinstance(rows[0][8], memoryview):  # a driver that hands out buffers
                rows = [(*r[:7], bytes(r[7]), bytes(r[8])) for r in rows]
            yield from rows
    finally:
        cur.close()


def stored_chain(raw: Any, dialect: str, seq: int) -> bytes:
    if seq < 1:
        return GENESIS
    mark = "%s" if dialect == "postgresql" else "?"
    cur = raw.cursor()
    try:
        cur.execute(f"SELECT chain_hash FROM audit_events WHERE seq = {mark}", (seq,))  # noqa: S608
        row = cur.fetchone()
    finally:
        cur.close()
    return bytes(row[0]) if row else GENESIS


_worker: tuple[str, tuple[Any, ...], dict[str, Any]] | None = None
_worker_conn: Any = None


def worker_init(dialect: str, cargs: tuple[Any, ...], cparams: dict[str, Any]) -> None:
    """Remember how to reach the database (the driver's own connect arguments)."""
    global _worker
    _worker = (dialect, cargs, cparams)


def _connect(dialect: str, cargs: tuple[Any, ...], cparams: dict[str, Any]) -> Any:
    if dialect == "sqlite":
        import sqlite3

        conn = sqlite3.connect(*cargs, **cparams)
        conn.isolation_level = None  # each statement reads one consistent snapshot
        return conn
    if dialect == "postgresql":
        import psycopg

        return psycopg.connect(*cargs, **cparams)
    raise ValueError(f"no parallel verification for {dialect} databases")


def _connection() -> tuple[str, Any]:
    """The worker's one connection, opened on its first chunk and closed when it exits."""
    global _worker_conn
    assert _worker is not None, "worker_init was not run"
    dialect, cargs, cparams = _worker
    if _worker_conn is None:
        import atexit

        _worker_conn = _connect(dialect, cargs, cparams)
        atexit.register(_worker_conn.close)
    return dialect, _worker_conn


def worker_chunk(lo: int, hi: int, batch: int, snaps: frozenset[int]) -> Chunk:
    """Check events ``lo`` to ``hi`` in a worker process."""
    dialect, raw = _connection()
    try:
        prev = stored_chain(raw, dialect, lo - 1)
        return check_rows(fetch(raw, dialect, lo, hi, batch), lo, prev, snaps)
    finally:
        if dialect == "postgresql":
            raw.rollback()  # end the read transaction the server-side cursor ran in
