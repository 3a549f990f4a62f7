"""A minimal, bounded FlatBuffers reader (no generated classes, no TensorFlow Lite).

Tables are read through their vtables; every offset is checked to stay inside the buffer
before it is followed, and every table, vector element and string read is charged to a
:class:`~secplan.modelfile.readers.protowire.Counter`, so a file whose offsets point many
times at the same bytes costs no more than the limit. Nothing is copied but the strings
asked for.

>>> buf = bytes.fromhex("0c000000" "0600080004000000" "08000000" "04000000" "0200000068690000")
>>> root(buf, len(buf), Counter(10)).string(0, 16)
'hi'
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.readers.protowire import Counter

_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_I32 = struct.Struct("<i")
_U64 = struct.Struct("<Q")


class FlatError(Exception):
    """The bytes are not a well-formed FlatBuffer: an offset leaves the buffer, a vtable is
    malformed, a string is not terminated."""


class Table:
    """One table: its position and its vtable, both checked to lie inside the buffer."""

    __slots__ = ("buf", "counter", "fields", "pos", "size")

    def __init__(self, buf: Buffer, size: int, pos: int, counter: Counter) -> None:
        counter.take()
        self.buf, self.size, self.pos, self.counter = buf, size, pos, counter
        vt = pos - _read(_I32, buf, size, pos)
        vt_len = _read(_U16, buf, size, vt)
        if vt_len < 4 or vt_len % 2:
            raise FlatError(f"vtable of the table at byte {pos} has length {vt_len}")
        _check(size, vt, vt_len)
        table_len = _read(_U16, buf, size, vt + 2)
        _check(size, pos, max(table_len, 4))
        self.fields: list[int] = []
        for i in range((vt_len - 4) // 2):
            off = _read(_U16, buf, size, vt + 4 + 2 * i)
            if off and (off < 4 or off >= max(table_len, 4)):
                raise FlatError(f"field {i} of the table at byte {pos} lies outside the table")
            self.fields.append(off)

    def _at(self, field: int) -> int | None:
        off = self.fields[field] if field < len(self.fields) else 0
        return self.pos + off if off else None

    def scalar(self, field: int, fmt: struct.Struct, default: int = 0) -> int:
        at = self._at(field)
        return default if at is None else int(_read(fmt, self.buf, self.size, at))

    def u8(self, field: int, default: int = 0) -> int:
        return self.scalar(field, _U8, default)

    def i8(self, field: int, default: int = 0) -> int:
        return self.scalar(field, _I8, default)

    def u32(self, field: int, default: int = 0) -> int:
        return self.scalar(field, _U32, default)

    def i32(self, field: int, default: int = 0) -> int:
        return self.scalar(field, _I32, default)

    def u64(self, field: int, default: int = 0) -> int:
        return self.scalar(field, _U64, default)

    def _target(self, field: int) -> int | None:
        at = self._at(field)
        if at is None:
            return None
        return at + _read(_U32, self.buf, self.size, at)

    def table(self, field: int) -> Table | None:
        target = self._target(field)
        return None if target is None else Table(self.buf, self.size, target, self.counter)

    def string(self, field: int, limit: int) -> str | None:
        """The string (at most ``limit`` characters are decoded), None when absent."""
        target = self._target(field)
        return None if target is None else _string(self.buf, self.size, target, limit)

    def vector(self, field: int, width: int) -> tuple[int, int]:
        """``(start, count)`` of a vector of ``width``-byte elements; ``(0, 0)`` when absent."""
        target = self._target(field)
        if target is None:
            return 0, 0
        count = _read(_U32, self.buf, self.size, target)
        _check(self.size, target + 4, count * width)
        return target + 4, count

    def tables(self, field: int) -> Iterator[Table]:
        """The tables of a vector of tables, each read when it is reached."""
        start, count = self.vector(field, 4)
        for i in range(count):
            at = start + 4 * i
            target = at + _read(_U32, self.buf, self.size, at)
            yield Table(self.buf, self.size, target, self.counter)


_U8 = struct.Struct("<B")
_I8 = struct.Struct("<b")


def root(buf: Buffer, size: int, counter: Counter) -> Table:
    """The root table of the buffer."""
    return Table(buf, size, _read(_U32, buf, size, 0), counter)


def _check(size: int, pos: int, n: int) -> None:
    if pos < 0 or n < 0 or pos + n > size:
        raise FlatError(f"{n} bytes at byte {pos} lie outside the {size}-byte buffer")


def _read(fmt: struct.Struct, buf: Buffer, size: int, pos: int) -> int:
    _check(size, pos, fmt.size)
    value: int = fmt.unpack(buf[pos : pos + fmt.size])[0]
    return value


def _string(buf: Buffer, size: int, at: int, limit: int) -> str:
    n = _read(_U32, buf, size, at)
    _check(size, at + 4, n + 1)
    if buf[at + 4 + n] != 0:
        raise FlatError(f"the string at byte {at} is not terminated")
    return bytes(buf[at + 4 : at + 4 + min(n, limit)]).decode("utf-8", "replace")
