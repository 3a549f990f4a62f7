"""Reading ASCII-armored age files (``age -a``): the strict PEM encoding of RFC 7468,
section 3, with the label ``AGE ENCRYPTED FILE``, as the age specification requires.

Armor is malleable unless parsed strictly, so this reader accepts only: at most 1 KiB of
whitespace before the block, the begin line, base64 lines of exactly 64 columns but the
last (1 to 64 columns, ``=`` padding only there), canonical base64, the end line, and at
most 1 KiB of whitespace after it. Lines end in LF or CRLF. Anything else is a
:class:`VerificationError`. Decoding streams, one line at a time, in constant memory.
"""

from __future__ import annotations

import base64
import binascii
import io
from typing import BinaryIO

from secplan.errors import VerificationError

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
COLUMNS = 64
MAX_WHITESPACE = 1024
WHITESPACE = b" \t\r\n"


def _bad(what: str) -> VerificationError:
    return VerificationError(
        f"armored age file: {what}", "check that the file is an intact age -a file"
    )


class _Dearmor(io.RawIOBase):
    """The binary age file inside the armor of ``fh`` (positioned at the begin line)."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._buf = b""
        self._last = False  # a short line was seen: only the end line may follow
        self._seen = False  # any data line
        self._eof = False
        if self._line() != BEGIN:
            raise _bad("missing the BEGIN AGE ENCRYPTED FILE line")

    def readable(self) -> bool:
        return True

    def _line(self) -> bytes:
        line = self._fh.readline(COLUMNS + 3)
        if not line.endswith(b"\n"):
            raise _bad("truncated, or a line is longer than 64 columns")
        return line[:-2] if line.endswith(b"\r\n") else line[:-1]

    def _trailer(self) -> None:
        rest = self._fh.read(MAX_WHITESPACE + 1)
        if len(rest) > MAX_WHITESPACE or rest.strip(WHITESPACE):
            raise _bad("data after the END line")

    def _next(self) -> bytes:
        line = self._line()
        if line == END:
            if not self._seen:
                raise _bad("no data between the BEGIN and END lines")
            self._trailer()
            self._eof = True
            return b""
        if self._last or not line or len(line) > COLUMNS or len(line) % 4:
            raise _bad("a line is not 64 columns of base64 (only the last may be shorter)")
        try:
            data = base64.b64decode(line, validate=True)
        except binascii.Error:
            raise _bad("invalid base64") from None
        if base64.b64encode(data) != line:
            raise _bad("non-canonical base64")
        self._last = len(line) < COLUMNS or line.endswith(b"=")
        self._seen = True
        return data

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buf and not self._eof:
            self._buf = self._next()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def is_armored(head: bytes) -> bool:
    """Whether the first bytes of a file start an armored age file."""
    return head.lstrip(WHITESPACE).startswith(BEGIN)


def dearmor(fh: BinaryIO) -> BinaryIO:
    """A reader of the binary age file armored in ``fh``, positioned at its start."""
    head = fh.read(MAX_WHITESPACE + len(BEGIN))
    stripped = head.lstrip(WHITESPACE)
    if len(head) - len(stripped) > MAX_WHITESPACE:
        raise _bad("more than 1 KiB of whitespace before the BEGIN line")
    fh.seek(-len(stripped), io.SEEK_CUR)  # back to the BEGIN line
    return io.BufferedReader(_Dearmor(fh), buffer_size=1 << 16)


def age_stream(fh: BinaryIO) -> BinaryIO:
    """The binary age file in ``fh`` (a seekable file at its start), armored or not."""
    armored = is_armored(fh.read(MAX_WHITESPACE + len(BEGIN)))
    fh.seek(0)
    return dearmor(fh) if armored else fh
