"""``secplan protect encrypt|decrypt`` with ``SECPLAN_SERVER`` set: the server keeps the key
ring and its key-encryption keys; this side asks it for what each file needs and does the
work on local files.

* Encryption asks for the key's public recipient (``key:encrypt``) and encrypts here: the
  server never sees the data. With ``--remove-plaintext`` it also asks for the new file's key
  (``key:decrypt``) to read the ciphertext back before the original is deleted.
* Decryption sends each file's age header (never its payload) and gets that one file's key
  back (``key:decrypt``, with a second factor); the header's MAC is checked here again
  before a byte is decrypted.

The server records every release; nothing here opens a database or a key of its own.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from secplan import remote
from secplan.errors import ServiceError, TargetError
from secplan.protect.age import FileKey, X25519Recipient, header_bytes
from secplan.protect.files import (
    Encrypted,
    decrypt_file,
    destinations,
    encrypt_to,
    encrypted_name,
    header_of,
    refuse_existing,
    walk,
)
from secplan.protect.keystore import KeyRing
from secplan.protect.staging import private_dirs, sweep, sweep_tree

Progress = Callable[[int], None] | None


@dataclass
class ServerProtection:
    """Encryption and decryption with the keys of the server at ``url``."""

    url: str
    swept: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def _walk(self, path: Path, *, encrypted: bool) -> list[Path]:
        self.swept += sweep_tree(path)
        found = walk(path, encrypted=encrypted)
        self.skipped = list(found.skipped)
        return list(found.files)

    def file_key(self, f: Path, key: str | None = None) -> FileKey:
        """The key of the age file ``f``, released by the server for this file alone."""
        body: dict[str, str] = {
            "header": base64.b64encode(header_bytes(header_of(f))).decode(),
            "path": str(f),
        }
        if key is not None:
            body["key"] = key
        got = remote.call("POST", self.url, "/api/v1/file-keys", body)
        try:
            raw = base64.b64decode(str(got["file_key"]), validate=True)
        except (KeyError, TypeError, binascii.Error, ValueError):
            raise ServiceError(
                f"{self.url}: the server's answer holds no file key", "check the server's version"
            ) from None
        return FileKey(raw)

    def recipient(self, key: str) -> tuple[str, X25519Recipient]:
        """The id and public recipient of the primary version of the server's key ``key``
        (``key:encrypt``)."""
        got = remote.call("GET", self.url, f"/api/v1/keys/{quote(key, safe='')}/recipient")
        try:
            return str(got["version"]), X25519Recipient.parse(str(got["recipient"]))
        except (KeyError, TypeError, ValueError):
            raise ServiceError(
                f"{self.url}: the server's answer holds no recipient", "check the server's version"
            ) from None

    def rings(self) -> list[KeyRing]:
        """The server's keys this account holds a key action on, without their secrets."""
        got = remote.call("GET", self.url, "/api/v1/keys")
        if not isinstance(got, list):
            raise ServiceError(f"{self.url}: the server sent no key list", "check its version")
        return [KeyRing.from_public(r) for r in got]

    def rotate(self, key: str) -> tuple[str, str]:
        """Rotate the server's key ``key`` there (``key:rotate``): the old and new version ids."""
        got = remote.call("POST", self.url, f"/api/v1/keys/{quote(key, safe='')}/rotate", {})
        try:
            return str(got["old"]), str(got["new"])
        except (KeyError, TypeError):
            raise ServiceError(
                f"{self.url}: the server's answer names no versions", "check the server's version"
            ) from None

    def encrypt(
        self,
        path: Path,
        key: str = "default",
        *,
        remove_plaintext: bool = False,
        force: bool = False,
        progress: Progress = None,
    ) -> list[Encrypted]:
        files = self._walk(path, encrypted=False)
        if not files:
            raise TargetError(f"{path}: nothing to encrypt", "give a file or a directory")
        version, recipient = self.recipient(key)
        if not force:
            refuse_existing(encrypted_name(f) for f in files)
        done = []
        for f in files:
            dest = encrypted_name(f)
            opener = (lambda d=dest: [self.file_key(d, key)]) if remove_plaintext else None
            done.append(
                encrypt_to(
                    f, key, version, recipient, opener=opener, overwrite=force, progress=progress
                )
            )
        return done

    def decrypt(
        self,
        path: Path,
        output: Path | None = None,
        *,
        key: str | None = None,
        force: bool = False,
        progress: Progress = None,
    ) -> list[Path]:
        files = self._walk(path, encrypted=True)
        if not files:
            raise TargetError(f"{path}: no .age file to decrypt", "give a .age file")
        dests = destinations(path, files, output)
        for d in {d.parent for d in dests if d.parent.is_dir()}:
            self.swept += sweep(d)
        if not force:
            refuse_existing(dests)
        out = []
        for f, dest in zip(files, dests, strict=True):
            opener = self.file_key(f, key)
            private_dirs(dest.parent)
            decrypt_file(f, [opener], dest, overwrite=force, progress=progress)
            out.append(dest)
        return out


__all__ = ["ServerProtection"]
