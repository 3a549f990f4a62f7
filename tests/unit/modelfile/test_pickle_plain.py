"""The first pass over pickle streams: where it proves a stream plain data, the symbolic machine
finds exactly the same; any opcode that imports, calls or builds, and anything the machine
reports, hands the stream to the machine.

None of these tests measures time.
"""

from __future__ import annotations

import collections
import datetime
import mmap
import os
import pickle
import pickletools
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.modelfile.buffer import Window
from secplan.modelfile.limits import Budget, LimitExceeded, Limits
from secplan.modelfile.pickle.ops import OPCODES
from secplan.modelfile.pickle.plain import plain_stream
from secplan.modelfile.pickle.values import Coll, StreamResult
from secplan.modelfile.pickle.vm import Machine
from secplan.modelfile.policy import Policy
from tests.unit.modelfile.build import P, scan_bytes

#: Opcodes that import, call, build or hand the unpickler something from outside the stream.
CALLABLE_OPS = {
    b"c": "GLOBAL",
    b"\x93": "STACK_GLOBAL",
    b"R": "REDUCE",
    b"b": "BUILD",
    b"i": "INST",
    b"o": "OBJ",
    b"\x81": "NEWOBJ",
    b"\x92": "NEWOBJ_EX",
    b"\x82": "EXT1",
    b"\x83": "EXT2",
    b"\x84": "EXT4",
    b"P": "PERSID",
    b"Q": "BINPERSID",
    b"\x97": "NEXT_BUFFER",
    b"\x98": "READONLY_BUFFER",
}

leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(1 << 70), max_value=1 << 70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.binary(max_size=20),
)
data = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.tuples(inner, inner),
        st.tuples(inner),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=6),
        st.frozensets(st.integers(), max_size=4),
        st.sets(st.text(max_size=4), max_size=4),
    ),
    max_leaves=40,
)
opcode = st.sampled_from(sorted(OPCODES)).map(lambda c: bytes([c]))
pickleish = st.lists(st.one_of(opcode, st.binary(max_size=6), st.just(b"\n")), max_size=60).map(
    b"".join
)


def _machine(raw: bytes, limits: Limits | None = None) -> StreamResult:
    return Machine(raw, 0, len(raw), Policy.packaged(), Budget(limits or Limits())).run()


def _agree(raw: bytes, limits: Limits | None = None) -> StreamResult | None:
    """The first pass's result, checked against the machine's wherever the pass gives one."""
    budget = Budget(limits or Limits())
    fast = plain_stream(raw, 0, len(raw), budget)
    if fast is None:
        assert budget.ops == 0  # nothing charged: the machine charges the stream itself
        return None
    slow = _machine(raw, limits)
    assert slow.error is None and slow.failure is None
    assert (fast.start, fast.end, fast.proto, fast.ops) == (
        slow.start,
        slow.end,
        slow.proto,
        slow.ops,
    )
    assert budget.ops == slow.ops
    assert not slow.refs and not slow.calls and not slow.anomalies and not slow.nested
    assert not slow.joblib_arrays and not slow.sub_results
    assert (fast.refs, fast.calls, fast.anomalies, fast.nested) == ({}, [], [], [])
    assert isinstance(slow.value, Coll) and isinstance(fast.value, Coll)
    assert fast.value.kind == slow.value.kind
    return fast


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=data, proto=st.integers(min_value=0, max_value=5))
def test_the_pass_and_the_machine_agree_on_plain_data(value: object, proto: int) -> None:
    raw = pickle.dumps(value, protocol=proto)
    fast = _agree(raw)
    if fast is None:  # only for what pickle writes with a call: sets and bytes, old protocols
        assert _machine(raw).refs or not isinstance(value, list | dict | tuple)


@pytest.mark.parametrize("proto", range(6))
def test_containers_of_plain_values_pass_in_every_protocol(proto: int) -> None:
    value = {"w": [1, 2.5, "x" * 70_000, None, True, -(1 << 80)], "t": (1,), 3: ((), [])}
    assert _agree(pickle.dumps(value, protocol=proto)) is not None


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=pickleish, proto=st.integers(min_value=0, max_value=5))
def test_the_pass_agrees_with_the_machine_on_arbitrary_opcodes(body: bytes, proto: int) -> None:
    _agree(b"\x80" + bytes([proto]) + body + b".")
    _agree(b"(" + body + b"d.")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=data,
    proto=st.integers(min_value=0, max_value=5),
    at=st.integers(min_value=0),
    op=st.sampled_from(sorted(CALLABLE_OPS)),
)
def test_any_opcode_that_imports_or_calls_goes_to_the_machine(
    value: object, proto: int, at: int, op: bytes
) -> None:
    raw = pickle.dumps([value], protocol=proto)
    starts = [pos for _, _, pos in pickletools.genops(raw)]  # where each opcode starts
    cut = starts[at % len(starts)]
    stream = raw[:cut] + op + raw[cut:]
    assert plain_stream(stream, 0, len(stream), Budget(Limits())) is None


@pytest.mark.parametrize(
    "value",
    [
        collections.OrderedDict(a=1),
        datetime.date(2020, 1, 1),
        [os.system],
        {"k": collections.Counter("ab")},
    ],
)
def test_pickles_of_objects_go_to_the_machine(value: object) -> None:
    for proto in range(6):
        raw = pickle.dumps(value, protocol=proto)
        assert plain_stream(raw, 0, len(raw), Budget(Limits())) is None


def test_what_the_machine_reports_goes_to_the_machine() -> None:
    frame = b"\x95" + struct.pack("<Q", 2)
    cases = [
        b"\x80\x04" + frame + b"]K\x01" + b"a.",  # APPEND runs past its frame
        b"\x80\x04" + frame + b"]" + frame + b"N.",  # a frame inside a frame
        b"\x80\x02K\x01K\x02a.",  # APPEND to a number
        b"\x80\x02N(K\x01e.",  # APPENDS to None
        b"\x80\x02K\x01.",  # a value that is not a container: read by the callers
        b"\x80\x06].",  # an unknown protocol
        b"\x80\x02]h\x05.",  # a memo index never written
        b"\x80\x02]X\x02\x00\x00\x00\xff\xfe.",  # text that is not UTF-8
        b"\x80\x02(]",  # no STOP
        b"\x80\x02].\x00",  # the stream ends at STOP: trailing data is the caller's
    ]
    for raw in cases[:-1]:
        assert plain_stream(raw, 0, len(raw), Budget(Limits())) is None, raw
    last = cases[-1]
    r = plain_stream(last, 0, len(last), Budget(Limits()))
    assert r is not None and r.end == len(last) - 1


def test_limits_hand_the_stream_to_the_machine() -> None:
    deep = b"\x80\x02" + b"(" + b"N" * 600 + b"(" + b"N" * 600 + b"l]."
    assert plain_stream(deep, 0, len(deep), Budget(Limits(max_stack=1000))) is None
    memo = b"\x80\x02]" + b"".join(b"q" + bytes([i]) for i in range(20)) + b"."
    assert plain_stream(memo, 0, len(memo), Budget(Limits(max_stack=10))) is None
    many = b"\x80\x02](" + b"]" * 1000 + b"e."
    assert plain_stream(many, 0, len(many), Budget(Limits(max_objects=1000))) is None
    assert plain_stream(many, 0, len(many), Budget(Limits())) is not None


def test_findings_are_the_machines_around_plain_streams() -> None:
    plain = pickle.dumps({"vocab": ["a", "b"] * 100}, protocol=2)
    assert scan_bytes(plain) == []
    assert [f.rule for f in scan_bytes(plain + b"junk")] == ["MF103"]
    second = plain + P().call("os", "system", "echo").stop()
    rules = sorted(f.rule for f in scan_bytes(second))
    assert "MF101" in rules and "MF103" in rules


words = st.text(max_size=12)
numbers = st.one_of(
    st.floats(allow_nan=False), st.integers(min_value=-(1 << 62), max_value=1 << 62)
)
protocol0_tables = st.one_of(
    st.dictionaries(words, numbers, max_size=40),
    st.dictionaries(words, st.dictionaries(words, numbers, max_size=10), max_size=8),
    st.dictionaries(words, st.lists(st.tuples(words, words), max_size=6).map(tuple), max_size=20),
    st.lists(st.tuples(words, words, words), max_size=20),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=protocol0_tables)
def test_runs_of_protocol_0_entries_and_tuples_agree_with_the_machine(value: object) -> None:
    # what Python 2 era writers left: dictionaries of words and numbers, tuples of words
    raw = pickle.dumps(value, protocol=0)
    assert _agree(raw) is not None
    _agree(raw, Limits(max_stack=len(raw) // 40 + 1))  # where the pass holds, so does the machine


def test_runs_hold_the_machines_limits() -> None:
    table = pickle.dumps({f"w{i}": i + 0.5 for i in range(300)}, protocol=0)
    tuples = pickle.dumps({"k": tuple((f"a{i}", f"b{i}") for i in range(300))}, protocol=0)
    for raw in (table, tuples):
        assert _agree(raw) is not None
        assert plain_stream(raw, 0, len(raw), Budget(Limits(max_stack=200))) is None
        with pytest.raises(LimitExceeded, match="memo over its limit"):
            _machine(raw, Limits(max_stack=200))
    memo_only = pickle.dumps([{f"w{i}": 1.5 for i in range(300)}], protocol=0)
    assert plain_stream(memo_only, 0, len(memo_only), Budget(Limits(max_stack=250))) is None


def test_runs_read_a_memory_map_and_a_window_alike(tmp_path: Path) -> None:
    raw = pickle.dumps({f"w{i}": (f"x{i}", f"y{i}") for i in range(500)}, protocol=0)
    path = tmp_path / "t.pkl"
    path.write_bytes(b"pad" + raw)
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        mapped = plain_stream(mm, 3, len(raw) + 3, Budget(Limits()))
        window = plain_stream(Window(mm, 3, len(raw)), 0, len(raw), Budget(Limits()))
    fast = _agree(raw)
    assert fast is not None and mapped is not None and window is not None
    assert (mapped.end, mapped.ops) == (fast.end + 3, fast.ops)
    assert (window.end, window.ops) == (fast.end, fast.ops)


@pytest.mark.parametrize(
    "run",
    [
        b"(Vx\np1\ntp2\n(Vy\np2\ntp3\n",  # a tuple's index taken again by a text: a literal
        b"(Vx\np1\ntp1\n",  # a text's index taken again by its tuple: a tuple
        b"(Vx\np1\nVy\np1\ntp2\n",  # the same index twice in one tuple
    ],
)
def test_runs_that_put_an_index_twice_keep_the_last_put(run: bytes) -> None:
    for last in (b"1", b"2"):
        raw = b"(lp0\n" + run + b"g" + last + b"\nVz\na."  # APPEND onto what the memo holds
        fast = plain_stream(raw, 0, len(raw), Budget(Limits()))
        slow = plain_stream(Window(raw, 0, len(raw)), 0, len(raw), Budget(Limits()))
        assert (fast is None) == (slow is None), (run, last)
        if fast is not None and slow is not None:
            assert (fast.end, fast.ops, fast.value.kind) == (slow.end, slow.ops, slow.value.kind)
        _agree(raw)
