"""A minimal, bounded protobuf wire-format reader (no generated classes, no TensorFlow).

It yields ``(field number, wire type, value)`` for one message; length-delimited values are
returned as spans into the buffer, so large tensors are skipped without being read.

>>> list(fields(b"\\x08\\x01\\x12\\x02hi", 0, 6, Counter(10)))
[(1, 0, 1), (2, 2, (4, 6))]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.limits import LimitExceeded


class ProtoError(Exception):
    pass


@dataclass(slots=True)
class Counter:
    left: int

    def take(self) -> None:  # what fields() does in place for each field
        self.left -= 1
        if self.left < 0:
            raise LimitExceeded("too many protobuf fields")


def varint(buf: Buffer, pos: int, end: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= end or shift > 63:
            raise ProtoError(f"truncated or overlong varint at byte {pos}")
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, pos
        shift += 7


Value = int | tuple[int, int]


def fields(buf: Buffer, start: int, end: int, counter: Counter) -> Iterator[tuple[int, int, Value]]:
    """The fields of the message in ``buf[start:end]``. Keys and lengths below 128, almost
    all of them, are read in place; longer varints by :func:`varint`."""
    pos = start
    while pos < end:
        key = buf[pos]
        if key < 0x80:
            pos += 1
        else:
            key, pos = varint(buf, pos, end)
        num, wire = key >> 3, key & 7
        if num == 0:
            raise ProtoError(f"field number 0 at byte {pos}")
        counter.left -= 1
        if counter.left < 0:
            raise LimitExceeded("too many protobuf fields")
        if wire == 0:
            value, pos = varint(buf, pos, end)
            yield num, wire, value
        elif wire == 2:
            if pos < end and buf[pos] < 0x80:
                length = buf[pos]
                pos += 1
            else:
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


def text(buf: Buffer, span: tuple[int, int], limit: int = 1 << 16) -> str:
    a, b = span
    return bytes(buf[a : min(b, a + limit)]).decode("utf-8", "replace")


def top_fields(head: bytes) -> set[int]:
    """Field numbers of the top-level message found in ``head`` (stops at the first error)."""
    seen: set[int] = set()
    try:
        for num, wire, value in fields(head, 0, len(head), Counter(10_000)):
            seen.add(num)
            if wire == 2 and isinstance(value, tuple) and value[1] >= len(head):
                break
    except (ProtoError, LimitExceeded):
        pass
    return seen
