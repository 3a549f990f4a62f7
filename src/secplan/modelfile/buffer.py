"""The bytes a parser reads: ``bytes`` or a read-only memory map, and a file view over them
for libraries that want a file object (tarfile, h5py, py7zr)."""

from __future__ import annotations

import io
from typing import Protocol, SupportsIndex, overload


class Buffer(Protocol):
    """``bytes`` or a read-only ``mmap``: indexing gives ints, slicing gives bytes."""

    @overload
    def __getitem__(self, i: SupportsIndex, /) -> int: ...

    @overload
    def __getitem__(self, s: slice, /) -> bytes: ...

    def find(self, sub: bytes, start: int = ..., end: int = ..., /) -> int: ...

    def rfind(self, sub: bytes, start: int = ..., end: int = ..., /) -> int: ...


class _View(io.RawIOBase):
    """A read-only file over a memory map, with a position of its own."""

    def __init__(self, buf: Buffer, size: int) -> None:
        self.buf, self.size, self.pos = buf, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        n = max(0, min(len(b), self.size - self.pos))
        b[:n] = self.buf[self.pos : self.pos + n]
        self.pos += n
        return n


def file_view(buf: Buffer, size: int) -> io.BufferedIOBase:
    """A read-only file object over the first ``size`` bytes of ``buf`` (nothing is copied
    for a memory map)."""
    if isinstance(buf, bytes):
        return io.BytesIO(buf)
    return io.BufferedReader(_View(buf, size))
