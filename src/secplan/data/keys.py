"""Project keys for keyed hashing, pseudonyms and the token vault, behind one small protocol.

:class:`FileKeySource` keeps one random 32-byte key per name in a file readable only by its
owner under secplan's state directory. A managed key store can take its place: anything with a
``data_key(name) -> bytes`` method will do.

>>> import tempfile, pathlib
>>> keys = FileKeySource(pathlib.Path(tempfile.mkdtemp()))
>>> k = keys.data_key("default")
>>> len(k), k == keys.data_key("default"), k == keys.data_key("other")
(32, True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from pathlib import Path
from typing import Protocol

from secplan import paths
from secplan._io import atomic_write
from secplan.errors import ConfigError, ServiceError

KEY_BYTES = 32
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class KeySource(Protocol):
    """Gives the 32-byte key called ``name`` (created on first use where the source can)."""

    def data_key(self, name: str) -> bytes: ...


class FileKeySource:
    """Keys in ``<dir>/<name>.key`` (mode 0600); the default directory is ``data-keys`` under
    secplan's state directory."""

    def __init__(self, directory: Path | None = None) -> None:
        self._dir = directory

    @property
    def directory(self) -> Path:
        return self._dir if self._dir is not None else paths.home() / "data-keys"

    def data_key(self, name: str) -> bytes:
        if not _NAME.match(name):
            raise ConfigError(
                f"key name {name!r} is not valid", "use letters, digits, '.', '_' and '-'"
            )
        path = self.directory / f"{name}.key"
        if not path.exists():
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another process created it first
            else:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(os.urandom(KEY_BYTES))
                    fh.flush()
                    os.fsync(fh.fileno())
        try:
            key = path.read_bytes()
        except OSError as exc:
            raise ServiceError(
                f"cannot read data key {name!r} ({exc.strerror})",
                "check the key directory's permissions",
            ) from exc
        if len(key) != KEY_BYTES:
            raise ServiceError(
                f"data key {name!r} is damaged ({len(key)} bytes)", "restore it from a backup"
            )
        return key


class StaticKeySource:
    """Keys derived from one secret (for tests and for keys handed over by another system)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def data_key(self, name: str) -> bytes:
        return hmac.new(self._secret, b"secplan-data-key:" + name.encode(), hashlib.sha256).digest()


def subkey(key: bytes, purpose: str) -> bytes:
    """A key for one purpose (hashing, pseudonyms, vault tokens), so one never serves two."""
    return hmac.new(key, b"secplan:" + purpose.encode(), hashlib.sha256).digest()


__all__ = ["KEY_BYTES", "FileKeySource", "KeySource", "StaticKeySource", "atomic_write", "subkey"]
