"""The protobuf wire reader: fields read in place (one-byte keys and lengths) are the fields
that reading every varint the long way gives, and malformed messages fail the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.readers.protowire import Counter, ProtoError, Value, fields, varint


def _reference(buf: bytes, counter: Counter) -> Iterator[tuple[int, int, Value]]:
    """Every key, value and length read through :func:`varint`."""
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = varint(buf, pos, end)
        num, wire = key >> 3, key & 7
        if num == 0:
            raise ProtoError(f"field number 0 at byte {pos}")
        counter.take()
        if wire == 0:
            value, pos = varint(buf, pos, end)
            yield num, wire, value
        elif wire == 2:
            length, pos = varint(buf, pos, end)
            if pos + length > end:
                raise ProtoError(f"field {num} runs past the end of its message")
            yield num, wire, (pos, pos + length)
            pos += length
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
            if pos > end:
                raise ProtoError(f"truncated fixed-size field {num}")
            yield num, wire, 0
        else:
            raise ProtoError(f"unsupported wire type {wire} for field {num}")


def _read(reader: object, buf: bytes, limit: int) -> tuple[list[tuple[int, int, Value]], str]:
    out: list[tuple[int, int, Value]] = []
    try:
        for item in reader(buf, Counter(limit)):  # type: ignore[operator]
            out.append(item)
    except (ProtoError, LimitExceeded) as exc:
        return out, f"{type(exc).__name__}: {exc}"
    return out, ""


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


field = st.one_of(
    st.tuples(st.integers(1, 5000), st.just(0), st.integers(0, 1 << 40)).map(
        lambda t: _varint(t[0] << 3) + _varint(t[2])
    ),
    st.tuples(st.integers(1, 5000), st.binary(max_size=300)).map(
        lambda t: _varint(t[0] << 3 | 2) + _varint(len(t[1])) + t[1]
    ),
    st.tuples(st.integers(1, 40), st.sampled_from([1, 5])).map(
        lambda t: _varint(t[0] << 3 | t[1]) + b"\x00" * (8 if t[1] == 1 else 4)
    ),
)
messages = st.one_of(
    st.lists(field, max_size=12).map(b"".join),
    st.binary(max_size=60),  # anything: truncated, overlong, unknown wire types
    st.tuples(st.lists(field, max_size=6).map(b"".join), st.binary(max_size=8)).map(
        lambda t: t[0] + t[1]
    ),
)


@settings(max_examples=500, deadline=None)
@given(buf=messages, limit=st.integers(0, 20))
def test_fields_agree_with_reading_every_varint(buf: bytes, limit: int) -> None:
    fast = _read(lambda b, c: fields(b, 0, len(b), c), buf, limit)
    slow = _read(_reference, buf, limit)
    assert fast == slow


@pytest.mark.parametrize(
    ("buf", "error"),
    [
        (b"\x12\x80", "truncated or overlong varint at byte 2"),  # a length cut short
        (b"\x12\x81\x01" + b"x" * 100, "field 2 runs past the end of its message"),
        (b"\x80\x00", "field number 0 at byte 2"),  # an overlong key
        (b"\x0f", "unsupported wire type 7 for field 1"),
    ],
)
def test_malformed_messages_fail_where_they_fail(buf: bytes, error: str) -> None:
    with pytest.raises(ProtoError, match=error):
        list(fields(buf, 0, len(buf), Counter(10)))
