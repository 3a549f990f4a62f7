"""File objects over the age format, for producers that push data and consumers that pull it
(such as :mod:`tarfile` in stream mode), in constant memory."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import BinaryIO

from secplan.protect.age import (
    CHUNK,
    Identity,
    Recipient,
    Stanza,
    chunk_nonce,
    decrypt_chunks,
    encode_header,
    payload_cipher,
)


class EncryptingWriter:
    """A writable file object that age-encrypts what is written to it, in constant memory
    (for producers that push data, such as :mod:`tarfile` in stream mode)."""

    def __init__(
        self, dst: BinaryIO, recipients: Sequence[Recipient], extra: Sequence[Stanza] = ()
    ) -> None:
        file_key = os.urandom(16)
        dst.write(encode_header([*(r.wrap(file_key) for r in recipients), *extra], file_key))
        nonce = os.urandom(16)
        dst.write(nonce)
        self._dst = dst
        self._aead = payload_cipher(file_key, nonce)
        self._buf = bytearray()
        self._counter = 0
        self.closed = False
        self.size = 0

    def write(self, data: bytes) -> int:
        self._buf += data
        self.size += len(data)
        # keep at least one byte back: the last chunk must be known to be last when sealed
        while len(self._buf) > CHUNK:
            self._dst.write(
                self._aead.encrypt(
                    chunk_nonce(self._counter, False), bytes(self._buf[:CHUNK]), None
                )
            )
            del self._buf[:CHUNK]
            self._counter += 1
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._dst.write(
                self._aead.encrypt(chunk_nonce(self._counter, True), bytes(self._buf), None)
            )
            self._buf.clear()
            self.closed = True

    def __enter__(self) -> EncryptingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()


class DecryptingReader:
    """A readable file object over the authenticated plaintext of an age file (for consumers
    that pull data, such as :mod:`tarfile` in stream mode). Raises on the first chunk that
    does not authenticate."""

    def __init__(self, src: BinaryIO, identities: Sequence[Identity]) -> None:
        self._chunks = decrypt_chunks(src, identities)
        self._buf = b""
        self._done = False

    def read(self, n: int = -1) -> bytes:
        while not self._done and (n < 0 or len(self._buf) < n):
            try:
                self._buf += next(self._chunks)
            except StopIteration:
                self._done = True
        if n < 0:
            out, self._buf = self._buf, b""
        else:
            out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def exhaust(self) -> None:
        """Authenticate the rest of the stream (so its end, too, has been checked)."""
        while self.read(1 << 20):
            pass


__all__ = ["DecryptingReader", "EncryptingWriter"]
