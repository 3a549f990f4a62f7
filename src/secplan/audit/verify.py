"""Verifying the audit trail: every event, the chain, the Merkle tree, every checkpoint.

What ``verify`` detects, and what it cannot:

* Any change to a stored event (any column), a deleted, inserted, duplicated or reordered
  event, or a broken link: the recomputed leaf hash, the hash chain or the sequence numbers
  disagree with what is stored.
* An attacker who can write the database can recompute hashes and the head. Such a rewrite is
  detected for every event covered by a signed checkpoint: the recomputed root no longer
  matches, and a new signature needs the audit key. Checkpoints are written every
  ``CHECKPOINT_EVERY`` events and on ``secplan audit checkpoint``.
* Deleting events *and* the checkpoints that cover them (truncation) is detected back to the
  newest checkpoint kept outside the database (``secplan audit checkpoint --export``): its tree
  size is then larger than the trail, or its root differs.
* Not detectable: a rewrite of events newer than every checkpoint by someone who can write the
  database; anything done by someone who holds the audit signing key *and* can replace every
  exported checkpoint. Keep exported checkpoints where database administrators cannot write.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.pool import NullPool

from secplan.audit.events import _q
from secplan.audit.merkle import EMPTY_ROOT, Frontier, node_hash
from secplan.audit.notes import Verifier, open_note, parse_checkpoint
from secplan.audit.trail import GENESIS, AuditTrail
from secplan.errors import VerificationError
from secplan.store.schema import audit_events, audit_head

MAX_PROBLEMS = 50
_sha256 = hashlib.sha256


@dataclass(slots=True)
class VerifyResult:
    size: int = 0
    checkpoints: int = 0  # checkpoints whose root was checked against the events
    exported: int = 0  # of which came from outside the database
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)


def _expected_roots(
    trail: AuditTrail, exported: Iterable[str], verifiers: list[Verifier], result: VerifyResult
) -> dict[int, tuple[bytes, str]]:
    roots: dict[int, tuple[bytes, str]] = {}

    def add(size: int, root: bytes, where: str) -> None:
        if size in roots and roots[size][0] != root:
            result.problem(
                f"checkpoints disagree at tree size {size} ({roots[size][1]} vs {where})"
            )
        roots.setdefault(size, (root, where))

    for cp in trail.checkpoints():
        where = f"checkpoint #{cp.id}"
        try:
            text, _ = open_note(cp.note, verifiers)
            parsed = parse_checkpoint(text)
        except VerificationError as exc:
            result.problem(f"{where}: {exc.message}")
            continue
        if (parsed.size, parsed.root) != (cp.tree_size, cp.root) or parsed.origin != trail.origin:
            result.problem(f"{where}: stored size/root/origin differ from its signed note")
        add(parsed.size, parsed.root, where)
    for i, note in enumerate(exported, 1):
        where = f"exported checkpoint {i}"
        try:
            text, _ = open_note(note, verifiers)
            parsed = parse_checkpoint(text)
        except VerificationError as exc:
            result.problem(f"{where}: {exc.message}")
            continue
        if parsed.origin != trail.origin:
            result.problem(f"{where}: belongs to another trail ({parsed.origin})")
            continue
        result.exported += 1
        add(parsed.size, parsed.root, where)
    return roots


_COLUMNS = "seq, ts, actor, action, resource, outcome, details, leaf_hash, chain_hash"
#: Below this many events verification runs in one process (starting workers costs more).
PARALLEL_MIN = 200_000
CHUNK = 65_536


@dataclass(frozen=True, slots=True)
class _Chunk:
    first: int  # the sequence number the chunk was expected to start at
    count: int  # rows seen
    clean: bool  # exactly the expected rows, no gap
    leaves: bytes  # concatenated recomputed leaf hashes, in order
    snapshots: dict[int, bytes]  # local size -> frontier nodes of the chunk's own subtree
    problems: tuple[str, ...]
    last_chain: bytes  # the stored chain hash of the last row seen


def _check_rows(
    rows: Iterable[tuple[Any, ...]],
    first: int,
    prev_chain: bytes,
    snapshot_at: frozenset[int] = frozenset(),
) -> _Chunk:
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
    for seq, ts, actor, action, resource, outcome, details, stored_leaf, stored_chain in rows:
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
        if sha(prev + leaf).digest() != stored_chain and len(problems) < MAX_PROBLEMS:
            problems.append(f"event {seq}: hash chain broken")
        prev = stored_chain
        keep(leaf)
        expected += 1
    count = len(leaves)
    levels = _levels(leaves)
    snaps = {size: _frontier_at(levels, size) for size in snapshot_at if size <= count}
    snaps[count] = _frontier_at(levels, count)
    return _Chunk(first, count, clean, b"".join(leaves), snaps, tuple(problems), bytes(prev))


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


def _fold(nodes: list[bytes]) -> bytes:
    if not nodes:
        return EMPTY_ROOT
    node = nodes[-1]
    for left in reversed(nodes[:-1]):
        node = node_hash(left, node)
    return node


def _split_nodes(blob: bytes) -> list[bytes]:
    return [blob[i : i + 32] for i in range(0, len(blob), 32)]


def _fetch(raw: Any, dialect: str, lo: int, hi: int, batch: int) -> Iterator[tuple[Any, ...]]:
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


def _stored_chain(raw: Any, dialect: str, seq: int) -> bytes:
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


_worker_engine: Engine | None = None


def _worker_init(url: str) -> None:
    global _worker_engine
    from sqlalchemy import create_engine

    _worker_engine = create_engine(url, poolclass=NullPool)


def _worker_chunk(lo: int, hi: int, batch: int, snaps: frozenset[int]) -> _Chunk:
    assert _worker_engine is not None
    with _worker_engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        dialect = conn.dialect.name
        prev = _stored_chain(raw, dialect, lo - 1)
        return _check_rows(_fetch(raw, dialect, lo, hi, batch), lo, prev, snaps)


def _chunks(
    trail: AuditTrail, size: int, workers: int, batch: int, sizes: set[int]
) -> Iterator[_Chunk]:
    """Chunks of ``CHUNK`` events in order, each with snapshots at the checkpoint sizes that
    fall inside it (local offsets, valid when the chunks before it were clean)."""
    ranges = [(lo, min(lo + CHUNK - 1, size)) for lo in range(1, size + 1, CHUNK)]

    def local(lo: int, hi: int) -> frozenset[int]:
        return frozenset(s - lo + 1 for s in sizes if lo <= s <= hi)

    url = trail.db.url
    if workers > 1 and size >= PARALLEL_MIN and ":memory:" not in url:
        ctx = mp.get_context("spawn")
        with ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_worker_init, initargs=(url,)
        ) as pool:
            futures = [
                pool.submit(_worker_chunk, lo, hi, batch, local(lo, hi)) for lo, hi in ranges
            ]
            for fut in futures:
                yield fut.result()
        return
    with trail.db.read() as conn:
        raw: Any = conn.connection.driver_connection
        rows = _fetch(raw, conn.dialect.name, 1, size, batch)
        prev = GENESIS
        for lo, hi in ranges:
            part = list(islice(rows, hi - lo + 1))
            if not part:
                return
            chunk = _check_rows(part, lo, prev, local(lo, hi))
            prev = chunk.last_chain
            yield chunk


class _Tree:
    """Rebuilds the Merkle tree from chunks: from chunk roots while every chunk is whole and
    aligned (a power-of-two chunk size), leaf by leaf after the first irregular one."""

    def __init__(self, roots: dict[int, tuple[bytes, str]], result: VerifyResult) -> None:
        self.roots, self.result = roots, result
        self.top = Frontier()  # over whole chunks' roots
        self.leafwise: Frontier | None = None if CHUNK & (CHUNK - 1) == 0 else Frontier()
        self.tail: list[bytes] = []  # frontier nodes of a final partial chunk
        self.size = 0

    def _check(self, size: int, root: bytes) -> None:
        if size in self.roots:
            expected, where = self.roots.pop(size)
            self.result.checkpoints += 1
            if root != expected:
                self.result.problem(
                    f"{where}: root at size {size} does not match the events "
                    "(events before it were rewritten)"
                )

    def add(self, chunk: _Chunk) -> None:
        if self.leafwise is None and (
            chunk.clean and chunk.first == self.size + 1 and not self.tail
        ):
            base = self.top.to_bytes()
            for r, nodes in sorted(chunk.snapshots.items()):
                self._check(self.size + r, _fold(_split_nodes(base + nodes)))
            if chunk.count == CHUNK:
                self.top.append(_fold(_split_nodes(chunk.snapshots[CHUNK])))
            else:
                self.tail = _split_nodes(chunk.snapshots[chunk.count])
            self.size += chunk.count
            return
        if self.leafwise is None:  # irregular from here on: rebuild what we have, go leafwise
            self.leafwise = Frontier(self.size, _split_nodes(self.top.to_bytes()) + self.tail)
            self.tail = []
        for leaf in _split_nodes(chunk.leaves):
            self.leafwise.append(leaf)
            self._check(self.leafwise.size, self.leafwise.root())
        self.size = self.leafwise.size

    def frontier_bytes(self) -> bytes:
        if self.leafwise is not None:
            return self.leafwise.to_bytes()
        return self.top.to_bytes() + b"".join(self.tail)


def verify(
    trail: AuditTrail,
    verifiers: list[Verifier],
    exported: Iterable[str] = (),
    *,
    batch: int = 20000,
    workers: int | None = None,
) -> VerifyResult:
    """Check every event, the chain, the tree, the head and every checkpoint.

    Large trails are checked by ``workers`` processes (default: one per CPU), each on a range
    of events; the Merkle tree is then built in order from their recomputed leaf hashes.
    """
    result = VerifyResult()
    roots = _expected_roots(trail, exported, verifiers, result)
    with trail.db.read() as conn:
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one()
        size = int(head.size)
        stray = conn.execute(
            select(func.count())
            .select_from(audit_events)
            .where((audit_events.c.seq > size) | (audit_events.c.seq < 1))
        ).scalar_one()
        present = conn.execute(select(func.count()).select_from(audit_events)).scalar_one()
    if stray:
        result.problem(
            f"{stray} event(s) lie beyond the head's {size} events "
            "(inserted, or the head was rolled back)"
        )
    tree = _Tree(roots, result)
    last_chain = GENESIS
    for chunk in _chunks(trail, size, workers or os.cpu_count() or 1, batch, set(roots)):
        for p in chunk.problems:
            result.problem(p)
        last_chain = chunk.last_chain
        tree.add(chunk)
    result.size = tree.size
    if present - stray != size:
        result.problem(f"head says {size} events, the trail holds {present - stray}")
    elif bytes(head.chain_hash) != last_chain or bytes(head.frontier) != tree.frontier_bytes():
        result.problem("head does not match the last event (events were removed or rewritten)")
    for cp_size, (_, where) in sorted(roots.items()):
        if cp_size == 0:
            continue
        result.problem(
            f"{where} covers {cp_size} events but the trail holds {tree.size} (truncated)"
        )
    return result
