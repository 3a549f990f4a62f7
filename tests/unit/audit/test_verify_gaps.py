"""Verification never passes on what it did not see, and never fails on a live trail.

Regression tests: a verification racing concurrent appends, a trail whose stored checkpoints
were deleted, proofs against a database whose checkpoint columns were rewritten, exported
checkpoints sorted by name instead of tree size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, event, select, update

from secplan.audit import AuditTrail, EventIn
from secplan.audit.proofs import consistency, prove
from secplan.audit.verify import exported_checkpoints, verify
from secplan.errors import ConfigError, VerificationError
from secplan.store.schema import audit_checkpoints, audit_events
from tests.dbs import open_test_db
from tests.unit.audit.test_trail import KEY, _fill, _modify_and_rehash, _rehash, _trail


def test_verify_reads_head_and_counts_in_one_snapshot(db_url: str) -> None:
    """Events appended while verification runs must not look like tampering."""
    trail = _trail(db_url)
    _fill(trail, 10)
    writer = AuditTrail(open_test_db(db_url), KEY)
    fired: list[int] = []

    def append_meanwhile(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        # another process appends between the head read and the row counts
        if "count(" in statement.lower() and not fired:
            fired.append(1)
            writer.append_many([EventIn(actor="bob", action="data:read", resource="d")] * 3)

    event.listen(trail.db.engine, "before_cursor_execute", append_meanwhile)
    try:
        r = verify(trail, [KEY.verifier])
    finally:
        event.remove(trail.db.engine, "before_cursor_execute", append_meanwhile)
    assert fired
    assert r.ok, r.problems
    assert r.size == 10
    assert verify(trail, [KEY.verifier]).size == 13


def test_deleting_every_stored_checkpoint_is_detected(db_url: str) -> None:
    trail = _trail(db_url, every=5)
    _fill(trail, 12)  # crosses 5 and 10 in one batch: one automatic checkpoint at 12
    assert trail.checkpoints()
    assert verify(trail, [KEY.verifier]).ok
    with trail.db.begin() as c:
        c.execute(delete(audit_checkpoints))
    r = verify(trail, [KEY.verifier])
    assert not r.ok
    assert "checkpoint" in r.problems[0] and "missing" in r.problems[0]


def test_small_trails_need_no_stored_checkpoint(db_url: str) -> None:
    trail = _trail(db_url, every=50)
    _fill(trail, 12)
    assert not trail.checkpoints()
    assert verify(trail, [KEY.verifier]).ok


def _forged(url: str) -> AuditTrail:
    """A database writer without the key rewrites event 2, recomputes every hash and moves the
    checkpoint's stored root to match; the signed note still names the true root."""
    trail = _trail(url)
    _fill(trail, 6)
    trail.checkpoint()
    _fill(trail, 4)
    trail.checkpoint()
    _modify_and_rehash(trail, 2)
    from secplan.audit.merkle import tree_hash

    for cp in trail.checkpoints():
        root = tree_hash(trail.leaf_hashes(cp.tree_size))
        with trail.db.begin() as c:
            c.execute(
                update(audit_checkpoints)
                .where(audit_checkpoints.c.id == cp.id)
                .values(root_hash=root)
            )
    return trail


def test_inclusion_proof_is_checked_against_the_signed_note(db_url: str) -> None:
    honest = _trail(db_url)
    _fill(honest, 3)
    honest.checkpoint()
    good = prove(honest, [KEY.verifier], 2)
    assert good.verified and good.tree_size == 3
    forged = _forged(db_url)
    with pytest.raises(VerificationError, match="signed"):
        prove(forged, [KEY.verifier], 2)


def test_consistency_proof_is_checked_against_the_signed_notes(db_url: str) -> None:
    trail = _trail(db_url)
    _fill(trail, 6)
    trail.checkpoint()
    _fill(trail, 4)
    trail.checkpoint()
    ok = consistency(trail, [KEY.verifier], 6, 10)
    assert ok.verified
    forged = _forged(db_url)
    with pytest.raises(VerificationError, match="signed"):
        consistency(forged, [KEY.verifier], 6, 10)


def test_proof_with_an_untrusted_key_is_refused(db_url: str) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from secplan.audit.notes import Signer

    other = Signer("other", Ed25519PrivateKey.generate())
    trail = _trail(db_url)
    _fill(trail, 3)
    trail.checkpoint()
    with pytest.raises(VerificationError):
        prove(trail, [other.verifier], 1)


def test_exported_checkpoints_newest_by_tree_size(tmp_path: Path) -> None:
    """``99.checkpoint`` sorts after ``104.checkpoint`` as text; the newest must still count."""
    trail = _trail(f"sqlite:///{tmp_path / 'a.db'}")
    out = tmp_path / "cps"
    out.mkdir()
    _fill(trail, 79)
    for _ in range(80, 105):
        trail.append(EventIn(actor="a", action="data:read", resource="d"))
        cp = trail.checkpoint()
        (out / f"{cp.tree_size}.checkpoint").write_text(cp.note)
    notes = exported_checkpoints(out)
    assert len(notes) == 25
    # truncate back to 99 events, with the stored checkpoints that cover the rest
    with trail.db.begin() as c:
        c.execute(delete(audit_events).where(audit_events.c.seq > 99))
        c.execute(delete(audit_checkpoints).where(audit_checkpoints.c.tree_size > 99))
    _rehash(trail)
    r = verify(trail, [KEY.verifier], exported_checkpoints(out, limit=20))
    assert not r.ok
    assert any("truncated" in p for p in r.problems)


def test_exported_checkpoints_refuse_an_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match=r"no .*checkpoint"):
        exported_checkpoints(tmp_path / "empty", required=True)
    assert exported_checkpoints(tmp_path / "empty") == []


def test_exported_checkpoint_files_are_read_within_a_limit(tmp_path: Path) -> None:
    d = tmp_path / "cps"
    d.mkdir()
    (d / "1.checkpoint").write_bytes(b"x" * (1 << 20))
    with pytest.raises(ConfigError, match="too large"):
        exported_checkpoints(d)


def test_stored_rows_outside_proofs_are_untouched(db_url: str) -> None:
    """Proofs read; they never write."""
    trail = _trail(db_url)
    _fill(trail, 4)
    trail.checkpoint()
    before = trail.size()
    prove(trail, [KEY.verifier], 4)
    with trail.db.read() as c:
        n = len(c.execute(select(audit_events.c.seq)).all())
    assert n == before == trail.size()
