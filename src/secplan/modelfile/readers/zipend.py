"""The end record of a zip archive: enough to tell a zip from other content, which every
file's format detection asks, without loading the reader (:mod:`.zipread`)."""

from __future__ import annotations

from secplan.modelfile.buffer import Buffer

EOCD = b"PK\x05\x06"
MAX_COMMENT = 65535


def rfind_end(buf: Buffer, start: int, size: int) -> int:
    """The last end record signature at or after ``start`` with room for the whole record."""
    if size - start < 22:
        return -1
    return buf.rfind(EOCD, start, size - 18)


def is_zip(buf: Buffer, size: int) -> bool:
    return size >= 22 and rfind_end(buf, max(0, size - 22 - MAX_COMMENT), size) >= 0
