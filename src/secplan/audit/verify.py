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
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from secplan.audit.events import leaf_bytes
from secplan.audit.merkle import Frontier
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


def verify(
    trail: AuditTrail,
    verifiers: list[Verifier],
    exported: Iterable[str] = (),
    *,
    batch: int = 20000,
) -> VerifyResult:
    """Check every event, the chain, the tree, the head and every checkpoint."""
    result = VerifyResult()
    roots = _expected_roots(trail, exported, verifiers, result)
    frontier = Frontier()
    chain = GENESIS
    expected = 1
    c = audit_events.c
    query = select(
        c.seq, c.ts, c.actor, c.action, c.resource, c.outcome, c.details, c.leaf_hash, c.chain_hash
    ).order_by(c.seq)
    with trail.db.read() as conn:
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one()
        rows = conn.execution_options(yield_per=batch).execute(query)
        for seq, ts, actor, action, resource, outcome, details, stored_leaf, stored_chain in rows:
            if seq != expected:
                what = "missing" if seq > expected else "duplicated or out of order"
                result.problem(f"event {expected}: {what} (next stored event is {seq})")
                expected = seq
            leaf = _sha256(
                b"\x00" + leaf_bytes(seq, ts, actor, action, resource, outcome, details)
            ).digest()
            if leaf != stored_leaf:
                result.problem(f"event {seq}: content does not match its leaf hash (modified)")
            chain = _sha256(chain + leaf).digest()
            if chain != stored_chain:
                result.problem(f"event {seq}: hash chain broken")
                chain = bytes(stored_chain)  # resynchronise, to report later breaks separately
            frontier.append(leaf)
            expected += 1
            if frontier.size in roots:
                root, where = roots.pop(frontier.size)
                result.checkpoints += 1
                if frontier.root() != root:
                    result.problem(
                        f"{where}: root at size {frontier.size} does not match the "
                        "events (events before it were rewritten)"
                    )
    result.size = frontier.size
    if int(head.size) != frontier.size:
        result.problem(f"head says {head.size} events, the trail holds {frontier.size}")
    elif bytes(head.chain_hash) != chain or bytes(head.frontier) != frontier.to_bytes():
        result.problem("head does not match the last event (events were removed or rewritten)")
    for size, (_, where) in sorted(roots.items()):
        if size == 0:
            continue
        result.problem(
            f"{where} covers {size} events but the trail holds {frontier.size} (truncated)"
        )
    return result
