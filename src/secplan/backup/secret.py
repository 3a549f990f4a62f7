"""The restic repository password, kept only wrapped by secplan's key-encryption key.

``secplan backup init`` draws a random password and wraps it with the KEK that wraps the key
ring (a local master key, a passphrase, or a cloud KMS key: :mod:`secplan.protect.kek`). The
wrapped form lives in secplan's home, in ``backup/<repository id>.json`` (mode 0600), bound to
the repository it belongs to; the plain password exists only in memory and in the pipe restic
reads it from.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from secplan import paths
from secplan._io import atomic_write
from secplan.errors import ConfigError, ServiceError
from secplan.protect.kek import BOUND, Kek, KekResolver, WrapRef, default_kek

WRAP_KEY = "restic-repository"


def repository_id(repository: str) -> str:
    return hashlib.sha256(repository.encode("utf-8", "surrogateescape")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class PasswordStore:
    """Wrapped repository passwords under ``directory`` (default: ``backup/`` in secplan's
    home); ``keys`` is the key store's directory, whose KEK wraps them."""

    directory: Path
    keys: Path
    kek: Kek

    @classmethod
    def default(cls) -> PasswordStore:
        keys = paths.home() / "keys"
        keys.mkdir(parents=True, exist_ok=True, mode=0o700)
        return cls(paths.home() / "backup", keys, default_kek(keys))

    def path(self, repository: str) -> Path:
        return self.directory / f"{repository_id(repository)}.json"

    def exists(self, repository: str) -> bool:
        return self.path(repository).is_file()

    def create(self, repository: str, password: bytes | None = None) -> bytes:
        """Wrap a new password (random unless given) for ``repository``; it is returned once,
        for ``restic init``."""
        if self.exists(repository):
            raise ConfigError(
                f"a password for {repository} is already kept",
                "the repository was initialised already; use secplan backup run",
            )
        secret = password or secrets.token_urlsafe(32).encode()
        rid = repository_id(repository)
        wrapped = self.kek.wrap(WrapRef(WRAP_KEY, rid, BOUND), secret)
        doc = {"repository": repository, "kek": self.kek.name, "wrapped": wrapped}
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(self.path(repository), json.dumps(doc, indent=2) + "\n", mode=0o600)
        return secret

    def forget(self, repository: str) -> None:
        self.path(repository).unlink(missing_ok=True)

    def password(self, repository: str) -> bytes:
        """The password, unwrapped by the KEK that wrapped it."""
        p = self.path(repository)
        if not p.is_file():
            raise ConfigError(
                f"no password kept for the backup repository {repository}",
                "run secplan backup init (on the machine whose key store holds it)",
            )
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
            kek_name, wrapped = str(doc["kek"]), str(doc["wrapped"])
            if doc["repository"] != repository:
                raise ValueError("it belongs to another repository")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ServiceError(
                f"backup/{p.name}: unreadable wrapped password ({exc})",
                "restore secplan's home from a copy, or initialise a new repository",
            ) from exc
        kek = KekResolver(self.keys, self.kek)(kek_name, repository_id(repository))
        return kek.unwrap(WrapRef(WRAP_KEY, repository_id(repository), BOUND), wrapped)
