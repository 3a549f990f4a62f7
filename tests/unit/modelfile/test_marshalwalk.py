"""The marshal walk agrees with ``marshal.dumps`` on where a value ends and whether it holds a
code object, item by item and with small values skipped whole (the data written here is the
test's own; nothing scanned is ever unmarshalled)."""

from __future__ import annotations

import marshal
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.modelfile.readers import marshalwalk
from secplan.modelfile.readers.marshalwalk import TRUNCATED, MarshalError, walk

CODE = compile("x = 1", "m", "exec")

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.just(...),
    st.integers(-(2**31), 2**31 - 1),
    st.integers(-(2**100), 2**100),
    st.floats(allow_nan=False),
    st.complex_numbers(allow_nan=False),
    st.text(max_size=20),
    st.text(alphabet="ab", max_size=3),  # short, often repeated: references in version 3+
    st.binary(max_size=20),
    st.sampled_from(["", "a", "bc", "d" * 300]),
)
hashable = st.one_of(st.integers(-5, 5), st.text(max_size=4), st.binary(max_size=4))


def _values(with_code: bool) -> st.SearchStrategy[object]:
    base = st.one_of(leaves, st.just(CODE)) if with_code else leaves
    return st.recursive(
        base,
        lambda kids: st.one_of(
            st.lists(kids, max_size=150),
            st.lists(kids, max_size=4).map(tuple),
            st.dictionaries(hashable, kids, max_size=80),
            st.frozensets(hashable, max_size=6),
            st.sets(hashable, max_size=6),
            st.tuples(st.tuples(kids, kids), kids),
        ),
        max_leaves=400,
    )


def _has_code(v: object) -> bool:
    stack = [v]
    while stack:
        x = stack.pop()
        if x is CODE:
            return True
        if isinstance(x, (list, tuple, set, frozenset)):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend(x.keys())
            stack.extend(x.values())
    return False


@pytest.fixture(params=["item by item", "small values whole"])
def bulk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(marshalwalk, "BULK_MIN", 0 if request.param != "item by item" else 1 << 62)
    yield


# the fixture only picks the way of walking, the same for every example
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=_values(with_code=True), version=st.integers(0, marshal.version))
def test_the_walk_agrees_with_marshal(bulk: None, value: object, version: int) -> None:
    data = marshal.dumps(value, version)
    code = _has_code(value)
    end, at = walk(data + b"N" * 3, 0, len(data) + 3, 10**7)
    if code:
        assert at is not None and data[at] & 0x7F == ord("c")
    else:
        assert (end, at) == (len(data), None)
        if len(data) > 1:
            with pytest.raises(MarshalError) as info:
                walk(data[:-1], 0, len(data) - 1, 10**7)
            assert info.value.why == TRUNCATED


@settings(max_examples=60, deadline=None)
@given(value=_values(with_code=False), version=st.integers(0, marshal.version))
def test_both_ways_of_walking_agree(value: object, version: int) -> None:
    data = marshal.dumps(value, version)
    old = marshalwalk.BULK_MIN
    try:
        marshalwalk.BULK_MIN = 1 << 62
        one = walk(data, 0, len(data), 10**7)
        marshalwalk.BULK_MIN = 0
        whole = walk(data, 0, len(data), 10**7)
    finally:
        marshalwalk.BULK_MIN = old
    assert one == whole == (len(data), None)


def test_long_runs_of_short_strings_are_skipped_whole(bulk: None) -> None:
    model = {("a", str(i), "c"): i for i in range(5000)} | {"words": ["x", "yz"] * 3000}
    data = marshal.dumps(model, 2)
    assert walk(data, 0, len(data), 10**6) == (len(data), None)
    with pytest.raises(MarshalError):
        walk(data[: len(data) // 2], 0, len(data) // 2, 10**6)


def test_small_values_near_the_depth_limit_are_walked_item_by_item(bulk: None) -> None:
    deep = b"[\x01\x00\x00\x00" * 1998 + b"(\x01\x00\x00\x00(\x01\x00\x00\x00N"
    with pytest.raises(MarshalError, match="deeper"):
        walk(deep, 0, len(deep), 10**6)
    ok = b"[\x01\x00\x00\x00" * 1990 + b"(\x02\x00\x00\x00NN"
    assert walk(ok, 0, len(ok), 10**6) == (len(ok), None)
