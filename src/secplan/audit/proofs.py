"""Inclusion and consistency proofs (RFC 9162), checked against signed checkpoints only.

A proof is only as good as the root it is checked against. The database stores each
checkpoint's size and root in plain columns beside its signed note, and whoever can write
the database can rewrite those columns together with the events. So the root a proof is
verified against is always taken from the note, after its signature has been checked with a
trusted key; a stored column that disagrees with its note is itself a verification failure.

    >>> from secplan.audit.proofs import signed_root
    >>> signed_root.__name__
    'signed_root'
"""

from __future__ import annotations

from dataclasses import dataclass

from secplan.audit.events import Event
from secplan.audit.merkle import (
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)
from secplan.audit.notes import Checkpoint, Verifier, open_note, parse_checkpoint
from secplan.audit.trail import AuditTrail, StoredCheckpoint
from secplan.errors import TargetError, VerificationError


@dataclass(frozen=True, slots=True)
class Inclusion:
    event: Event
    tree_size: int
    root: bytes
    proof: tuple[bytes, ...]
    note: str
    verified: bool

    @property
    def leaf_index(self) -> int:
        return self.event.seq - 1


@dataclass(frozen=True, slots=True)
class Consistency:
    old: Checkpoint
    new: Checkpoint
    proof: tuple[bytes, ...]
    verified: bool


def signed_root(trail: AuditTrail, verifiers: list[Verifier], note: str, where: str) -> Checkpoint:
    """The checkpoint a note signs, after checking its signature and that it is this trail's.

    Raises :class:`VerificationError` when no trusted key signed it or it names another
    trail."""
    try:
        text, _ = open_note(note, verifiers)
        cp = parse_checkpoint(text)
    except VerificationError as exc:
        raise VerificationError(
            f"{where}: its signed note does not verify ({exc.message})",
            "the checkpoint was altered, or is signed by a key you do not trust "
            "(secplan audit trust)",
        ) from None
    if cp.origin != trail.origin:
        raise VerificationError(
            f"{where}: belongs to another trail ({cp.origin})", "use this trail's checkpoints"
        )
    return cp


def _stored(trail: AuditTrail, verifiers: list[Verifier], row: StoredCheckpoint) -> Checkpoint:
    where = f"checkpoint #{row.id} (tree size {row.tree_size})"
    cp = signed_root(trail, verifiers, row.note, where)
    if (cp.size, cp.root) != (row.tree_size, row.root):
        raise VerificationError(
            f"{where}: the stored size or root differs from its signed note",
            "the database was altered; run secplan audit verify and treat it as an incident",
        )
    return cp


def _at_size(trail: AuditTrail, verifiers: list[Verifier], size: int) -> Checkpoint:
    rows = [c for c in trail.checkpoints() if c.tree_size == size]
    if not rows:
        have = sorted({c.tree_size for c in trail.checkpoints()})
        raise TargetError(
            f"no stored checkpoint at tree size {size}", f"checkpoints exist at sizes {have}"
        )
    return _stored(trail, verifiers, rows[-1])


def prove(
    trail: AuditTrail,
    verifiers: list[Verifier],
    seq: int,
    *,
    size: int | None = None,
    note: str | None = None,
) -> Inclusion:
    """An inclusion proof that event ``seq``, as stored now, is in the tree of a signed
    checkpoint: ``note`` (an exported one) when given, else the stored one at ``size``, else
    the newest stored one that covers the event."""
    if note is not None:
        cp = signed_root(trail, verifiers, note, "the given checkpoint")
    elif size is not None:
        cp = _at_size(trail, verifiers, size)
    else:
        rows = [c for c in trail.checkpoints() if c.tree_size >= seq]
        if not rows:
            raise TargetError(
                f"no checkpoint covers event {seq}", "run secplan audit checkpoint first"
            )
        cp = _stored(trail, verifiers, rows[-1])
    if not 1 <= seq <= cp.size:
        raise TargetError(
            f"event {seq} is not covered by the checkpoint of tree size {cp.size}",
            "choose a later checkpoint",
        )
    leaves = trail.leaf_hashes(cp.size)
    if len(leaves) != cp.size:
        raise VerificationError(
            f"the trail holds {len(leaves)} of the checkpoint's {cp.size} events (truncated)",
            "run secplan audit verify and treat it as an incident",
        )
    event = next(trail.events(after_seq=seq - 1, limit=1))
    proof = inclusion_proof(leaves, seq - 1)
    ok = verify_inclusion(seq - 1, cp.size, leaf_hash(event.body()), proof, cp.root)
    return Inclusion(event, cp.size, cp.root, tuple(proof), note or _note_of(trail, cp), ok)


def _note_of(trail: AuditTrail, cp: Checkpoint) -> str:
    return next(c.note for c in reversed(trail.checkpoints()) if c.tree_size == cp.size)


def consistency(trail: AuditTrail, verifiers: list[Verifier], old: int, new: int) -> Consistency:
    """A consistency proof that the signed tree at ``old`` is a prefix of the one at ``new``."""
    if old > new:
        raise TargetError(f"the older size {old} is larger than {new}", "swap the arguments")
    a, b = _at_size(trail, verifiers, old), _at_size(trail, verifiers, new)
    leaves = trail.leaf_hashes(new)
    proof = consistency_proof(leaves, old)
    return Consistency(a, b, tuple(proof), verify_consistency(old, new, a.root, b.root, proof))


__all__ = ["Consistency", "Inclusion", "consistency", "prove", "signed_root"]
