"""The audit trail on SQLite and PostgreSQL: appends, proofs, and detection of tampering."""

from __future__ import annotations

import multiprocessing as mp
import sys
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update

from secplan.audit import AuditTrail, EventIn, Outcome
from secplan.audit.events import canonical_details, leaf_bytes
from secplan.audit.merkle import (
    Frontier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    tree_hash,
    verify_consistency,
    verify_inclusion,
)
from secplan.audit.notes import Signer
from secplan.audit.verify import verify
from secplan.store.schema import audit_checkpoints, audit_events, audit_head
from tests.dbs import open_test_db

# fixed, so that writer processes (spawned: they re-import this module) sign with the same key
KEY = Signer("secplan-audit-test", Ed25519PrivateKey.from_private_bytes(bytes(range(32))))


def _trail(url: str, every: int = 1000) -> AuditTrail:
    return AuditTrail(open_test_db(url), KEY, checkpoint_every=every)


def _fill(trail: AuditTrail, n: int) -> None:
    trail.append_many(
        [
            EventIn(
                actor=f"user{i % 3}",
                action="data:read",
                resource=f"dataset:d{i}",
                details={"i": i, "note": "é ü \u2028"},
            )
            for i in range(n)
        ]
    )


def test_leaf_bytes_are_canonical_json() -> None:
    import json

    details = canonical_details({"b": [1, "x"], "a": None})
    body = leaf_bytes(
        7, "2026-12-02T00:00:00Z", 'al"ice', "data:read", "dataset:ü", "allowed", details
    )
    expected = json.dumps(
        {
            "seq": 7,
            "ts": "2026-12-02T00:00:00Z",
            "actor": 'al"ice',
            "action": "data:read",
            "resource": "dataset:ü",
            "outcome": "allowed",
            "details": {"a": None, "b": [1, "x"]},
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert body == expected.encode()


@pytest.mark.parametrize("details", [{"x": 1.5}, {"bad key": 1}, {"x": object()}])
def test_details_are_validated(details: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        canonical_details(details)


def test_a_prefix_filter_matches_underscores_and_percent_signs_literally(db_url: str) -> None:
    trail = _trail(db_url, every=100)
    for resource in ("model:a_b", "model:axb", "model:a%b", "model:azzb"):
        trail.append(EventIn(actor="bob", action="model:scan", resource=resource))
    assert [e.resource for e in trail.events(resource="model:a_*")] == ["model:a_b"]
    assert [e.resource for e in trail.events(resource="model:a%*")] == ["model:a%b"]
    assert len(list(trail.events(resource="model:a*"))) == 4


def test_append_and_verify(db_url: str) -> None:
    trail = _trail(db_url, every=10)
    _fill(trail, 25)
    e = trail.append(
        EventIn(actor="bob", action="key:decrypt", resource="key:k1", outcome=Outcome.DENIED)
    )
    assert e.seq == 26 and trail.size() == 26
    # a batch that grows the tree past multiples of 10 is checkpointed once, at its end
    assert [c.tree_size for c in trail.checkpoints()] == [25]
    _fill(trail, 4)
    assert [c.tree_size for c in trail.checkpoints()] == [25, 30]
    r = verify(trail, [KEY.verifier])
    assert r.ok, r.problems
    assert (r.size, r.checkpoints) == (30, 2)
    assert [x.seq for x in trail.events(actor="user1")][:8] == list(range(2, 26, 3))
    assert [x.seq for x in trail.events(action="key:*", outcome="denied")] == [26]


def test_proofs_against_checkpoints(db_url: str) -> None:
    trail = _trail(db_url)
    _fill(trail, 13)
    old = trail.checkpoint()
    _fill(trail, 8)
    new = trail.checkpoint()
    leaves = trail.leaf_hashes(new.tree_size)
    ev = next(trail.events(after_seq=4, limit=1))
    assert verify_inclusion(
        ev.seq - 1,
        new.tree_size,
        leaf_hash(ev.body()),
        inclusion_proof(leaves, ev.seq - 1),
        new.root,
    )
    assert verify_consistency(
        old.tree_size, new.tree_size, old.root, new.root, consistency_proof(leaves, old.tree_size)
    )
    assert tree_hash(leaves[: old.tree_size]) == old.root


def _writer(url: str, worker: int, n: int) -> None:
    from secplan.store import open_database

    db = open_database(url)
    trail = AuditTrail(db, KEY, checkpoint_every=50)
    for i in range(n):
        if i % 5 == 0:
            trail.append_many(
                [
                    EventIn(actor=f"w{worker}", action="scan:run", resource=f"project:{i}.{j}")
                    for j in range(3)
                ]
            )
        else:
            trail.append(EventIn(actor=f"w{worker}", action="scan:run", resource=f"project:{i}"))
    db.dispose()


def test_concurrent_writers_never_fork_the_chain(db_url: str) -> None:
    open_test_db(db_url)  # schema first, so the writers race only on appends
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(db_url, w, 40)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    trail = _trail(db_url)
    expected = 4 * (40 + 8 * 2)  # every fifth append is a batch of three
    assert trail.size() == expected
    seqs = [e.seq for e in trail.events()]
    assert seqs == list(range(1, expected + 1))
    r = verify(trail, [KEY.verifier])
    assert r.ok, r.problems
    assert r.checkpoints >= 1


# -- tampering --------------------------------------------------------------------------

Tamper = Callable[[AuditTrail, int], None]


def _modify(trail: AuditTrail, seq: int) -> None:
    with trail.db.begin() as c:
        c.execute(update(audit_events).where(audit_events.c.seq == seq).values(actor="mallory"))


def _modify_and_rehash(trail: AuditTrail, seq: int) -> None:
    """A database writer who recomputes every hash after the change (but has no key)."""
    _modify(trail, seq)
    _rehash(trail)


def _rehash(trail: AuditTrail) -> None:
    from secplan.audit.events import GENESIS
    from secplan.audit.merkle import Frontier
    from secplan.audit.trail import chain_next

    chain, frontier = GENESIS, Frontier()
    with trail.db.begin() as c:
        rows = c.execute(select(audit_events).order_by(audit_events.c.seq)).all()
        for n, r in enumerate(rows, 1):
            leaf = leaf_hash(
                leaf_bytes(n, r.ts, r.actor, r.action, r.resource, r.outcome, r.details)
            )
            chain = chain_next(chain, leaf)
            frontier.append(leaf)
            c.execute(
                update(audit_events)
                .where(audit_events.c.seq == r.seq)
                .values(seq=-n, leaf_hash=leaf, chain_hash=chain)
            )
        c.execute(update(audit_events).values(seq=-audit_events.c.seq))
        c.execute(
            update(audit_head).values(
                size=frontier.size, chain_hash=chain, frontier=frontier.to_bytes()
            )
        )


def _delete(trail: AuditTrail, seq: int) -> None:
    with trail.db.begin() as c:
        c.execute(delete(audit_events).where(audit_events.c.seq == seq))


def _delete_and_rehash(trail: AuditTrail, seq: int) -> None:
    _delete(trail, seq)
    _rehash(trail)


def _insert(trail: AuditTrail, seq: int) -> None:
    with trail.db.begin() as c:
        row = c.execute(select(audit_events).where(audit_events.c.seq == seq)).one()
        c.execute(
            update(audit_events)
            .where(audit_events.c.seq >= seq)
            .values(seq=audit_events.c.seq + 100000)
        )
        c.execute(insert(audit_events).values(**{**row._mapping, "seq": seq, "actor": "mallory"}))
        c.execute(
            update(audit_events)
            .where(audit_events.c.seq > 100000)
            .values(seq=audit_events.c.seq - 100000 + 1)
        )


def _swap(trail: AuditTrail, seq: int) -> None:
    other = seq + 1 if seq < trail.size() else seq - 1
    with trail.db.begin() as c:
        a = c.execute(select(audit_events).where(audit_events.c.seq == seq)).one()._mapping
        b = c.execute(select(audit_events).where(audit_events.c.seq == other)).one()._mapping
        keep = ("seq",)
        c.execute(
            update(audit_events)
            .where(audit_events.c.seq == seq)
            .values(**{k: v for k, v in b.items() if k not in keep})
        )
        c.execute(
            update(audit_events)
            .where(audit_events.c.seq == other)
            .values(**{k: v for k, v in a.items() if k not in keep})
        )


def _truncate(trail: AuditTrail, seq: int) -> None:
    """Drop the tail, the checkpoints that cover it, and make the head consistent."""
    with trail.db.begin() as c:
        c.execute(delete(audit_events).where(audit_events.c.seq >= seq))
        c.execute(delete(audit_checkpoints).where(audit_checkpoints.c.tree_size >= seq))
    _rehash(trail)


def _forge_checkpoint(trail: AuditTrail, seq: int) -> None:
    with trail.db.begin() as c:
        c.execute(update(audit_checkpoints).values(root_hash=bytes(32)))


def _drop_checkpoint_signature(trail: AuditTrail, seq: int) -> None:
    with trail.db.begin() as c:
        for r in c.execute(select(audit_checkpoints)).all():
            c.execute(
                update(audit_checkpoints)
                .where(audit_checkpoints.c.id == r.id)
                .values(note=r.note.replace("\u2014", "-"))
            )


TAMPERS: dict[str, Tamper] = {
    "modify": _modify,
    "modify+rehash": _modify_and_rehash,
    "delete": _delete,
    "delete+rehash": _delete_and_rehash,
    "insert": _insert,
    "swap": _swap,
    "truncate": _truncate,
    "forge-checkpoint": _forge_checkpoint,
    "checkpoint-signature": _drop_checkpoint_signature,
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(sorted(TAMPERS)), n=st.integers(3, 30), data=st.data())
def test_any_single_tampering_is_detected(
    tmp_path_factory: pytest.TempPathFactory, kind: str, n: int, data: st.DataObject
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('t') / 'a.db'}"
    trail = _trail(url)
    _fill(trail, n)
    exported = trail.checkpoint().note  # kept outside the database
    seq = data.draw(st.integers(1, n))
    TAMPERS[kind](trail, seq)
    r = verify(trail, [KEY.verifier], [exported])
    assert not r.ok, f"{kind} at {seq} of {n} went undetected"


@pytest.mark.parametrize("kind", sorted(TAMPERS))
def test_tampering_detected_on_both_databases(db_url: str, kind: str) -> None:
    trail = _trail(db_url)
    _fill(trail, 12)
    exported = trail.checkpoint().note
    TAMPERS[kind](trail, 5)
    assert not verify(trail, [KEY.verifier], [exported]).ok


def test_what_a_rewrite_after_the_last_checkpoint_can_hide(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Documented limit: events newer than every checkpoint can be rewritten undetected by
    someone who can write the database; a checkpoint closes that window."""
    url = f"sqlite:///{tmp_path_factory.mktemp('t') / 'a.db'}"
    trail = _trail(url)
    _fill(trail, 10)
    cp = trail.checkpoint().note
    _fill(trail, 5)
    _modify_and_rehash(trail, 13)
    assert verify(trail, [KEY.verifier], [cp]).ok  # not detectable: no checkpoint covers 13
    _modify_and_rehash(trail, 4)
    assert not verify(trail, [KEY.verifier], [cp]).ok  # covered by the checkpoint: detected


def test_checkpoint_from_another_trail_is_refused(tmp_path_factory: pytest.TempPathFactory) -> None:
    a = _trail(f"sqlite:///{tmp_path_factory.mktemp('a') / 'a.db'}")
    b = _trail(f"sqlite:///{tmp_path_factory.mktemp('b') / 'b.db'}")
    _fill(a, 3)
    _fill(b, 3)
    r = verify(a, [KEY.verifier], [b.checkpoint().note])
    assert not r.ok and "belongs to another trail" in r.problems[0]


@pytest.mark.parametrize("chunk", [8, 7])  # tree from chunk roots (power of two), or leafwise
@pytest.mark.parametrize("kind", ["none", "modify", "delete", "insert", "swap", "truncate"])
def test_parallel_verification_agrees(
    db_url: str, kind: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    v = sys.modules["secplan.audit.verify"]  # the module (its name is also a function's)
    monkeypatch.setattr(v, "PARALLEL_MIN", 10)
    monkeypatch.setattr(v, "CHUNK", chunk)  # many small ranges, boundaries inside the tree
    trail = _trail(db_url, every=5)  # checkpoints inside and at the ends of chunks
    _fill(trail, 13)
    _fill(trail, 6)
    for _ in range(11):
        trail.append(EventIn(actor="a", action="data:read", resource="dataset:x"))
    _fill(trail, 10)
    exported = trail.checkpoint().note
    assert len(trail.checkpoints()) >= 6
    if kind != "none":
        TAMPERS[kind](trail, 15)
    parallel = verify(trail, [KEY.verifier], [exported], workers=2)
    serial = verify(trail, [KEY.verifier], [exported], workers=1)
    assert parallel.ok is serial.ok is (kind == "none"), (parallel.problems, serial.problems)
    assert parallel.size == serial.size


@given(st.integers(min_value=0, max_value=300), st.data())
def test_chunk_levels_give_the_same_frontier_as_appending(n: int, data: st.DataObject) -> None:
    from secplan.audit import rows as v

    leaves = [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]
    levels = v._levels(leaves)
    size = data.draw(st.integers(min_value=0, max_value=n))
    frontier = Frontier()
    for leaf in leaves[:size]:
        frontier.append(leaf)
    assert v._frontier_at(levels, size) == frontier.to_bytes()


_texts = st.text(min_size=1, max_size=20)


@given(
    _texts,
    _texts,
    _texts,
    _texts,
    st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), _texts, max_size=3),
)
def test_row_check_encodes_leaves_exactly_as_the_trail_does(
    actor: str, action: str, resource: str, ts: str, details: dict[str, str]
) -> None:
    from secplan.audit.events import GENESIS
    from secplan.audit.rows import check_rows
    from secplan.audit.trail import chain_next

    body = canonical_details(details)
    leaf = leaf_hash(leaf_bytes(1, ts, actor, action, resource, "allowed", body))
    row = (1, ts, actor, action, resource, "allowed", body, leaf, chain_next(GENESIS, leaf))
    chunk = check_rows([row], 1, GENESIS)
    assert chunk.problems == () and chunk.leaves == leaf
