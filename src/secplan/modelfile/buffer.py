"""The bytes a parser reads: ``bytes``, a read-only memory map or a window into either; a file
view over them for libraries that want a file object (tarfile, h5py, py7zr); and the spill that
holds decompressed content once, in memory or in a temporary file."""

from __future__ import annotations

import io
import mmap
from typing import IO, Protocol, SupportsIndex, overload


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


class Window:
    """``buf[start : start + size]`` as a buffer of its own, without a copy (a tar member
    inside its archive, a stored zip member)."""

    def __init__(self, buf: Buffer, start: int, size: int) -> None:
        self.buf, self.start, self.size = buf, start, size

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, i: SupportsIndex, /) -> int: ...

    @overload
    def __getitem__(self, s: slice, /) -> bytes: ...

    def __getitem__(self, i: SupportsIndex | slice, /) -> int | bytes:
        if isinstance(i, slice):
            a, b, step = i.indices(self.size)
            if step != 1:
                return bytes(self[a:b])[::step] if a < b else b""
            return bytes(self.buf[self.start + a : self.start + max(a, b)])
        n = i.__index__()
        if n < 0:
            n += self.size
        if not 0 <= n < self.size:
            raise IndexError("window index out of range")
        return self.buf[self.start + n]

    def _span(self, start: int, end: int | None) -> tuple[int, int] | None:
        if start < 0:
            start = max(0, start + self.size)
        if start > self.size:
            return None  # as bytes.find: nothing, not even b"", starts past the end
        a, b, _ = slice(start, end).indices(self.size)
        if a > b:
            return None  # as bytes.find: an empty range holds nothing, not even b""
        return self.start + a, self.start + b

    def find(self, sub: bytes, start: int = 0, end: int | None = None, /) -> int:
        span = self._span(start, end)
        hit = -1 if span is None else self.buf.find(sub, *span)
        return hit - self.start if hit >= 0 else -1

    def rfind(self, sub: bytes, start: int = 0, end: int | None = None, /) -> int:
        span = self._span(start, end)
        hit = -1 if span is None else self.buf.rfind(sub, *span)
        return hit - self.start if hit >= 0 else -1


#: Decompressed content up to this size is kept in memory; larger content goes to a
#: temporary file, read back through a memory map.
SPILL_BYTES = 128 << 20


class Spill:
    """Content produced piece by piece (a decompressed member or stream), held once: in
    memory while it is small, in an unnamed temporary file once it is not. Use it as a
    context manager; :meth:`result` is valid until it closes."""

    def __init__(self, threshold: int | None = None) -> None:
        self.threshold = SPILL_BYTES if threshold is None else threshold
        self.size = 0
        self._parts: list[bytes] = []
        self._file: IO[bytes] | None = None
        self._map: mmap.mmap | None = None
        self._bytes: bytes | None = None

    def write(self, data: bytes) -> None:
        if self._file is None and self.size + len(data) > self.threshold:
            import tempfile  # loaded only when a buffer spills to disk

            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            for part in self._parts:
                self._file.write(part)
            self._parts = []
        if self._file is None:
            if data:
                self._parts.append(data)
        else:
            self._file.write(data)
        self.size += len(data)

    def result(self) -> Buffer:
        """The content, once everything is written: ``bytes`` when it was kept in memory (the
        only copy from then on), a read-only map of the file otherwise."""
        if self._file is None:
            if self._bytes is None:
                self._bytes, self._parts = b"".join(self._parts), []
            return self._bytes
        if self._map is None:
            self._file.flush()
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        return self._map

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
            self._map = None
        if self._file is not None:
            self._file.close()
            self._file = None
        self._parts, self._bytes = [], None

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
