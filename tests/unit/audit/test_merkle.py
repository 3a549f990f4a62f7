"""RFC 9162 Merkle tree: the iterative frontier agrees with the recursive definition, and
proofs verify exactly when they should."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from secplan.audit.merkle import (
    EMPTY_ROOT,
    Frontier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    tree_hash,
    verify_consistency,
    verify_inclusion,
)


def mth(data: list[bytes]) -> bytes:
    """The RFC's recursive definition, on raw leaf data."""
    n = len(data)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + data[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + mth(data[:k]) + mth(data[k:])).digest()


sizes = st.integers(min_value=1, max_value=70)


def _leaves(n: int) -> tuple[list[bytes], list[bytes]]:
    data = [f"leaf-{i}".encode() for i in range(n)]
    return data, [leaf_hash(d) for d in data]


def test_known_small_trees() -> None:
    assert tree_hash([]) == EMPTY_ROOT
    a, b, c = (leaf_hash(x) for x in (b"a", b"b", b"c"))
    assert tree_hash([a, b, c]) == node_hash(node_hash(a, b), c)


@given(sizes)
def test_frontier_matches_the_definition(n: int) -> None:
    data, leaves = _leaves(n)
    assert tree_hash(leaves) == mth(data)
    f = Frontier()
    for h in leaves:
        f.append(h)
    again = Frontier.from_bytes(n, f.to_bytes())
    assert again.root() == f.root() == mth(data)


@given(sizes, st.data())
def test_inclusion_proofs(n: int, data: st.DataObject) -> None:
    _, leaves = _leaves(n)
    i = data.draw(st.integers(0, n - 1))
    root = tree_hash(leaves)
    proof = inclusion_proof(leaves, i)
    assert verify_inclusion(i, n, leaves[i], proof, root)
    assert not verify_inclusion(i, n, leaf_hash(b"other"), proof, root)
    if proof:
        j = data.draw(st.integers(0, len(proof) - 1))
        bad = [*proof[:j], bytes(32), *proof[j + 1 :]]
        assert not verify_inclusion(i, n, leaves[i], bad, root)
        assert not verify_inclusion(i, n, leaves[i], proof[:-1], root)
    if n > 1:
        assert not verify_inclusion((i + 1) % n, n, leaves[i], proof, root)


@given(sizes, st.data())
def test_consistency_proofs(n: int, data: st.DataObject) -> None:
    _, leaves = _leaves(n)
    m = data.draw(st.integers(1, n))
    old, new = tree_hash(leaves[:m]), tree_hash(leaves)
    proof = consistency_proof(leaves, m)
    assert verify_consistency(m, n, old, new, proof)
    if m < n:
        assert not verify_consistency(m, n, leaf_hash(b"x"), new, proof)
        assert not verify_consistency(m, n, old, leaf_hash(b"x"), proof)
        j = data.draw(st.integers(0, len(proof) - 1))
        assert not verify_consistency(m, n, old, new, [*proof[:j], bytes(32), *proof[j + 1 :]])
        # a rewritten history is not consistent with the old root
        forked = [*leaves[: m - 1], leaf_hash(b"forged"), *leaves[m:]]
        assert not verify_consistency(m, n, old, tree_hash(forked), consistency_proof(forked, m))
