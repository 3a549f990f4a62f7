"""The opcodes the machine's driver runs in place (the commonest data opcodes) give what their
readers and handlers give: the same values, operation counts, errors and offsets.

None of these tests measures time.
"""

from __future__ import annotations

import pickle
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.modelfile.limits import Budget, LimitExceeded, Limits
from secplan.modelfile.pickle import vm
from secplan.modelfile.pickle.values import StreamResult, render
from secplan.modelfile.pickle.vm import Machine
from secplan.modelfile.policy import Policy


def _run(raw: bytes, limits: Limits) -> tuple[object, ...]:
    try:
        r: StreamResult = Machine(raw, 0, len(raw), Policy.packaged(), Budget(limits)).run()
    except LimitExceeded as exc:
        return ("limit", str(exc))
    return (
        r.end,
        r.ops,
        r.proto,
        None if r.error is None else str(r.error),
        render(r.value),
        sorted(r.refs),
        len(r.calls),
        [repr(a) for a in r.anomalies],
    )


def _both(raw: bytes, monkeypatch: pytest.MonkeyPatch, limits: Limits | None = None) -> None:
    limits = limits or Limits()
    fast = _run(raw, limits)
    with monkeypatch.context() as m:
        m.setattr(vm, "_FAST", frozenset())  # every opcode through its reader and handler
        slow = _run(raw, limits)
    assert fast == slow, raw


def _long(code: bytes, index: int) -> bytes:
    return code + struct.pack("<I", index)


LONG_PUT, LONG_GET = b"r", b"j"
piece = st.one_of(
    st.integers(0, 3).map(lambda i: _long(LONG_PUT, i)),
    st.integers(0, 3).map(lambda i: _long(LONG_GET, i)),
    st.sampled_from([b"K\x07", b"]", b"}", b"(", b"t", b"a", b"s", b"0", b"N", b"q\x01", b"h\x01"]),
    st.binary(max_size=3),  # cut arguments, unknown opcodes
)


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=st.lists(piece, max_size=30).map(b"".join), proto=st.integers(2, 5))
def test_long_memo_opcodes_run_in_place_as_their_handlers_run_them(
    body: bytes, proto: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _both(b"\x80" + bytes([proto]) + body + b".", monkeypatch)
    _both(b"\x80" + bytes([proto]) + body, monkeypatch)  # no STOP: cut wherever it ends


@pytest.mark.parametrize(
    "raw",
    [
        b"\x80\x02]r\x00\x00\x00",  # LONG_BINPUT cut short
        b"\x80\x02]r\x05\x00\x00\x00j\x05\x00\x00\x00a.",  # put, then got again
        b"\x80\x02]j\x09\x00\x00\x00.",  # a memo index never written
        b"\x80\x02r\x00\x00\x00\x00.",  # a put onto an empty stack
    ],
)
def test_long_memo_opcodes_fail_as_their_handlers_fail(
    raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _both(raw, monkeypatch)


def test_long_memo_opcodes_keep_the_memo_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"\x80\x02]" + b"".join(_long(LONG_PUT, i) for i in range(40)) + b"."
    _both(raw, monkeypatch, Limits(max_stack=10))
    assert _run(raw, Limits(max_stack=10)) == ("limit", "memo over its limit")


def test_large_pickles_use_the_long_opcodes() -> None:
    # what the test above exercises: pickle writes LONG_BINPUT past 256 memoised objects
    raw = pickle.dumps([[i] for i in range(300)], protocol=2)
    assert LONG_PUT in raw
