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

import multiprocessing as mp
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from secplan._sqlite import LOCK_TIMEOUT_S
from secplan.audit.events import GENESIS, Outcome
from secplan.audit.merkle import EMPTY_ROOT, Frontier, node_hash
from secplan.audit.notes import MAX_NOTE_BYTES, Verifier, open_note, parse_checkpoint
from secplan.audit.rows import MAX_PROBLEMS, Chunk, check_rows, fetch, worker_chunk, worker_init
from secplan.audit.trail import AuditTrail, StoredCheckpoint
from secplan.errors import ConfigError, VerificationError
from secplan.store.schema import audit_events, audit_head


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

    @property
    def outcome(self) -> Outcome:
        """How the ``audit:verify`` event of this verification ends."""
        return Outcome.ALLOWED if self.ok else Outcome.FAILED

    @property
    def recorded(self) -> dict[str, int]:
        """The details of that event."""
        return {
            "size": self.size,
            "checkpoints": self.checkpoints,
            "exported": self.exported,
            "problems": len(self.problems),
        }


#: At most this many exported checkpoint files are read from one directory.
MAX_EXPORTED = 10_000


def read_checkpoint_file(path: Path) -> str:
    """One exported checkpoint, read within the note size limit."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_NOTE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})", "check the path") from None
    if len(raw) > MAX_NOTE_BYTES:
        raise ConfigError(
            f"{path}: too large for a checkpoint (over {MAX_NOTE_BYTES} bytes)",
            "remove it: exported checkpoints are small signed notes",
        )
    return raw.decode("utf-8", errors="replace")


def claimed_size(note: str) -> int:
    """The tree size a note claims (its second line), for ordering only: unverified."""
    lines = note.split("\n", 2)
    return int(lines[1]) if len(lines) > 1 and lines[1].isdecimal() else -1


def exported_checkpoints(
    directory: Path, *, limit: int | None = None, required: bool = False
) -> list[str]:
    """The notes of ``directory/*.checkpoint``, ordered by the tree size they claim (never by
    file name: ``99`` sorts after ``104`` as text), keeping the ``limit`` newest.

    ``required``: an empty directory is an error (the caller asked to verify against it)."""
    files = sorted(directory.glob("*.checkpoint"))
    if len(files) > MAX_EXPORTED:
        raise ConfigError(
            f"{directory}: {len(files)} checkpoint files, more than {MAX_EXPORTED}",
            "keep only recent exports (the newest checkpoint covers every older one)",
        )
    if not files and required:
        raise ConfigError(
            f"{directory}: no *.checkpoint files to verify against",
            "export one with secplan audit checkpoint --export DIR, or fix the path",
        )
    notes = sorted((read_checkpoint_file(f) for f in files), key=claimed_size)
    return notes if limit is None else notes[-limit:] if limit else []


def _expected_roots(
    trail: AuditTrail,
    stored: list[StoredCheckpoint],
    exported: Iterable[str],
    verifiers: list[Verifier],
    result: VerifyResult,
) -> dict[int, tuple[bytes, str]]:
    roots: dict[int, tuple[bytes, str]] = {}

    def add(size: int, root: bytes, where: str) -> None:
        if size in roots and roots[size][0] != root:
            result.problem(
                f"checkpoints disagree at tree size {size} ({roots[size][1]} vs {where})"
            )
        roots.setdefault(size, (root, where))

    for cp in stored:
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


#: Below this many events verification runs in one process (starting workers costs more).
PARALLEL_MIN = 200_000
CHUNK = 65_536


def _fold(nodes: list[bytes]) -> bytes:
    if not nodes:
        return EMPTY_ROOT
    node = nodes[-1]
    for left in reversed(nodes[:-1]):
        node = node_hash(left, node)
    return node


def _split_nodes(blob: bytes) -> list[bytes]:
    return [blob[i : i + 32] for i in range(0, len(blob), 32)]


def _chunks(
    trail: AuditTrail, size: int, workers: int, batch: int, sizes: set[int]
) -> Iterator[Chunk]:
    """Chunks of ``CHUNK`` events in order, each with snapshots at the checkpoint sizes that
    fall inside it (local offsets, valid when the chunks before it were clean)."""
    ranges = [(lo, min(lo + CHUNK - 1, size)) for lo in range(1, size + 1, CHUNK)]

    def local(lo: int, hi: int) -> frozenset[int]:
        return frozenset(s - lo + 1 for s in sizes if lo <= s <= hi)

    engine = trail.db.engine
    dialect = engine.dialect.name
    in_memory = dialect == "sqlite" and engine.url.database in (None, "", ":memory:")
    parallel = dialect in ("sqlite", "postgresql") and not in_memory
    if workers > 1 and size >= PARALLEL_MIN and parallel:
        # workers connect through the driver itself, with the engine's connect arguments
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        cparams = {k: v for k, v in cparams.items() if k != "context"}
        if dialect == "sqlite":
            cparams["timeout"] = LOCK_TIMEOUT_S
        ctx = mp.get_context("spawn")
        with ProcessPoolExecutor(
            workers,
            mp_context=ctx,
            initializer=worker_init,
            initargs=(dialect, tuple(cargs), cparams),
        ) as pool:
            futures = [pool.submit(worker_chunk, lo, hi, batch, local(lo, hi)) for lo, hi in ranges]
            for fut in futures:
                yield fut.result()
        return
    with trail.db.read() as conn:
        raw: Any = conn.connection.driver_connection
        rows = fetch(raw, conn.dialect.name, 1, size, batch)
        prev = GENESIS
        for lo, hi in ranges:
            part = list(islice(rows, hi - lo + 1))
            if not part:
                return
            chunk = check_rows(part, lo, prev, local(lo, hi))
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

    def add(self, chunk: Chunk) -> None:
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


def _check_stored_checkpoints(
    trail: AuditTrail, stored: list[StoredCheckpoint], size: int, result: VerifyResult
) -> None:
    """Every append that takes the tree past a multiple of ``checkpoint_every`` signs a
    checkpoint in the same transaction, so the newest stored checkpoint covers at least the
    last multiple the trail has passed. Less means stored checkpoints were deleted."""
    due = size // trail.checkpoint_every * trail.checkpoint_every
    newest = max((cp.tree_size for cp in stored), default=0)
    if due and newest < due:
        result.problem(
            f"stored checkpoints missing: {size} events need one at tree size {due} or later, "
            f"the newest stored covers {newest} (checkpoints were deleted)"
        )


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
    # the stored checkpoints, the head and the row counts come from one snapshot, so events
    # and checkpoints appended meanwhile by other writers are neither counted nor expected
    with trail.db.read() as conn:
        stored = trail.checkpoints(conn)
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one()
        size = int(head.size)
        stray = conn.execute(
            select(func.count())
            .select_from(audit_events)
            .where((audit_events.c.seq > size) | (audit_events.c.seq < 1))
        ).scalar_one()
        present = conn.execute(select(func.count()).select_from(audit_events)).scalar_one()
    roots = _expected_roots(trail, stored, exported, verifiers, result)
    _check_stored_checkpoints(trail, stored, size, result)
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


def timed(
    trail: AuditTrail, verifiers: list[Verifier], exported: Iterable[str] = ()
) -> tuple[VerifyResult, float]:
    """:func:`verify`, and the seconds it took."""
    t0 = time.perf_counter()
    result = verify(trail, verifiers, exported)
    return result, time.perf_counter() - t0
