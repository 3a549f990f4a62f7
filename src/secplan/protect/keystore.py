"""Key rings for encryption at rest: named keys with versions, a primary for new data, older
versions kept to decrypt, and destruction for crypto-shredding.

Each key version is an age X25519 identity. Its secret is stored only wrapped by a
key-encryption key (KEK) behind the :class:`Kek` protocol:

* :class:`LocalKek` (zero set-up): an age identity in secplan's home (``keys/master.key``,
  mode 0600) — or, when ``SECPLAN_KEY_PASSPHRASE`` is set, an scrypt passphrase (memory-hard);
* :class:`AwsKmsKek`: an AWS KMS key (``SECPLAN_KEYSTORE=aws-kms:<key id or ARN>``), with the
  key version id as encryption context. GCP KMS, Azure Key Vault or HashiCorp Vault implement
  the same two methods.

The ring file (``keys/keyring.json``, mode 0600, written atomically) holds ids, dates, states,
public recipients and wrapped secrets — never a plaintext secret.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from secplan import paths
from secplan._io import atomic_write
from secplan.errors import ConfigError, SecplanError, ServiceError, VerificationError
from secplan.protect.age import (
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt_chunks,
    encrypt_stream,
)

ENV_BACKEND = "SECPLAN_KEYSTORE"
ENV_PASSPHRASE = "SECPLAN_KEY_PASSPHRASE"  # noqa: S105 (a variable name)
RING_FILE = "keyring.json"
SCHEMA = 1


class KeyState(StrEnum):
    ACTIVE = "active"  # the primary: encrypts new data
    DECRYPT_ONLY = "decrypt-only"  # an older version: decrypts, never encrypts
    DESTROYED = "destroyed"  # the secret is gone: its data can no longer be decrypted


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class KeyVersion:
    id: str
    created: str
    state: KeyState
    recipient: str  # age1… public key
    wrapped: str  # the secret as wrapped by the KEK ("" once destroyed)
    kek: str  # which KEK wrapped it
    destroyed: str | None = None


@dataclass(frozen=True, slots=True)
class KeyRing:
    name: str
    created: str
    versions: tuple[KeyVersion, ...] = field(default=())
    rotated: str | None = None

    @property
    def primary(self) -> KeyVersion:
        for v in self.versions:
            if v.state is KeyState.ACTIVE:
                return v
        raise ConfigError(
            f"key {self.name} has no active version (it was destroyed)", "create a new key"
        )


class Kek(Protocol):
    """A key-encryption key: wraps and unwraps key-version secrets."""

    name: str

    def wrap(self, version_id: str, secret: bytes) -> str: ...

    def unwrap(self, version_id: str, wrapped: str) -> bytes: ...


def _age_wrap(secret: bytes, recipient: X25519Recipient | ScryptRecipient) -> str:
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(secret), out, [recipient])
    return base64.b64encode(out.getvalue()).decode()


def _age_unwrap(wrapped: str, identity: X25519Identity | ScryptIdentity) -> bytes:
    return b"".join(decrypt_chunks(io.BytesIO(base64.b64decode(wrapped)), [identity]))


class LocalKek:
    """A master age identity in a 0600 file, or a passphrase through scrypt."""

    def __init__(self, directory: Path, passphrase: str | None = None) -> None:
        self.directory = directory
        self.passphrase = passphrase
        self.name = "local-passphrase" if passphrase else "local-file"
        self._identity: X25519Identity | None = None

    def _master(self) -> X25519Identity:
        if self._identity is None:
            path = self.directory / "master.key"
            if path.exists():
                self._identity = X25519Identity.parse(path.read_text(encoding="ascii"))
            else:
                self._identity = X25519Identity.generate()
                atomic_write(path, str(self._identity) + "\n", mode=0o600)
        return self._identity

    def wrap(self, version_id: str, secret: bytes) -> str:
        if self.passphrase:
            return _age_wrap(secret, ScryptRecipient(self.passphrase.encode()))
        return _age_wrap(secret, self._master().recipient)

    def unwrap(self, version_id: str, wrapped: str) -> bytes:
        try:
            if self.passphrase:
                return _age_unwrap(wrapped, ScryptIdentity(self.passphrase.encode()))
            return _age_unwrap(wrapped, self._master())
        except VerificationError as exc:
            raise ServiceError(
                f"cannot unwrap key {version_id}: {exc.message}",
                "check SECPLAN_KEY_PASSPHRASE or the master key file",
            ) from exc


class AwsKmsKek:
    """An AWS KMS key wraps each key version's secret (Encrypt/Decrypt with an encryption
    context naming the version, so a wrapped secret cannot be swapped for another)."""

    def __init__(self, key_id: str, client: Any = None) -> None:
        self.key_id = key_id
        self.name = f"aws-kms:{key_id}"
        if client is None:
            try:
                import boto3
            except ImportError as exc:
                raise ServiceError("AWS KMS needs boto3", "pip install 'secplan[aws]'") from exc
            client = boto3.client("kms")
        self.client = client

    def wrap(self, version_id: str, secret: bytes) -> str:
        try:
            out = self.client.encrypt(
                KeyId=self.key_id, Plaintext=secret, EncryptionContext={"secplan:key": version_id}
            )
        except Exception as exc:  # botocore raises many kinds; all mean "KMS unavailable"
            raise ServiceError(
                f"AWS KMS encrypt failed: {exc}", "check the key id, region and credentials"
            ) from exc
        return base64.b64encode(out["CiphertextBlob"]).decode()

    def unwrap(self, version_id: str, wrapped: str) -> bytes:
        try:
            out = self.client.decrypt(
                CiphertextBlob=base64.b64decode(wrapped),
                EncryptionContext={"secplan:key": version_id},
                KeyId=self.key_id,
            )
        except Exception as exc:
            raise ServiceError(
                f"AWS KMS decrypt of key {version_id} failed: {exc}",
                "check the key id, region, credentials and key policy",
            ) from exc
        return bytes(out["Plaintext"])


def default_kek(directory: Path) -> Kek:
    backend = os.environ.get(ENV_BACKEND, "local")
    if backend.startswith("aws-kms:"):
        return AwsKmsKek(backend.split(":", 1)[1])
    if backend != "local":
        raise ConfigError(
            f"{ENV_BACKEND}={backend!r} is not a known key store", "use local or aws-kms:<key id>"
        )
    return LocalKek(directory, os.environ.get(ENV_PASSPHRASE) or None)


def _version_id(recipient: str) -> str:
    return "skv-" + hashlib.sha256(recipient.encode()).hexdigest()[:12]


def _check_name(name: str) -> str:
    if not name or len(name) > 100 or not all(c.isalnum() or c in "-_." for c in name):
        raise ConfigError(f"invalid key name {name!r}", "use letters, digits, '-', '_' and '.'")
    return name


class KeyStore:
    """Key rings in ``directory`` (default: ``keys/`` in secplan's home)."""

    def __init__(self, directory: Path | None = None, kek: Kek | None = None) -> None:
        self.directory = directory or paths.home() / "keys"
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.kek = kek or default_kek(self.directory)
        self._secrets: dict[str, bytes] = {}

    # -- persistence ------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.directory / RING_FILE

    def _load(self) -> dict[str, KeyRing]:
        if not self.path.exists():
            return {}
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            rings = {}
            for r in doc["rings"]:
                versions = tuple(
                    KeyVersion(**{**v, "state": KeyState(v["state"])}) for v in r.pop("versions")
                )
                rings[r["name"]] = KeyRing(**r, versions=versions)
        except (ValueError, KeyError, TypeError) as exc:
            raise ServiceError(
                f"{self.path}: key ring file is damaged ({exc})", "restore it from a backup"
            ) from exc
        return rings

    def _save(self, rings: dict[str, KeyRing]) -> None:
        doc = {
            "schema": SCHEMA,
            "rings": [asdict(r) for r in sorted(rings.values(), key=lambda r: r.name)],
        }
        atomic_write(self.path, json.dumps(doc, indent=2) + "\n", mode=0o600)

    @contextmanager
    def _editing(self) -> Iterator[dict[str, KeyRing]]:
        """Read-modify-write of the ring file under an exclusive lock (several processes may
        create or rotate keys at once)."""
        with (self.directory / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                rings = self._load()
                yield rings
                self._save(rings)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    # -- operations -------------------------------------------------------------------------

    def rings(self) -> list[KeyRing]:
        return sorted(self._load().values(), key=lambda r: r.name)

    def ring(self, name: str) -> KeyRing:
        rings = self._load()
        if name not in rings:
            raise ConfigError(
                f"no key named {name!r}", f"create it with: secplan keys create {name}"
            )
        return rings[name]

    def _new_version(self) -> KeyVersion:
        ident = X25519Identity.generate()
        recipient = str(ident.recipient)
        vid = _version_id(recipient)
        return KeyVersion(
            id=vid,
            created=_now(),
            state=KeyState.ACTIVE,
            recipient=recipient,
            wrapped=self.kek.wrap(vid, str(ident).encode()),
            kek=self.kek.name,
        )

    def create(self, name: str) -> KeyRing:
        _check_name(name)
        with self._editing() as rings:
            if name in rings:
                raise ConfigError(f"key {name!r} already exists", "rotate it, or pick a name")
            rings[name] = KeyRing(name=name, created=_now(), versions=(self._new_version(),))
            return rings[name]

    def rotate(self, name: str) -> tuple[KeyVersion, KeyVersion]:
        """A new primary version; the old primary becomes decrypt-only."""
        with self._editing() as rings:
            ring = rings.get(name)
            if ring is None:
                raise ConfigError(f"no key named {name!r}", "create it first")
            old = ring.primary
            new = self._new_version()
            kept = (
                replace(v, state=KeyState.DECRYPT_ONLY) if v.id == old.id else v
                for v in ring.versions
            )
            versions = (*kept, new)
            rings[name] = replace(ring, versions=versions, rotated=_now())
            return old, new

    def destroy(self, name: str) -> KeyRing:
        """Destroy every version of a key: the wrapped secrets are erased from the ring file.
        Data encrypted under the key can no longer be decrypted (crypto-shredding)."""
        with self._editing() as rings:
            ring = rings.get(name)
            if ring is None:
                raise ConfigError(f"no key named {name!r}", "nothing to destroy")
            when = _now()
            rings[name] = replace(
                ring,
                versions=tuple(
                    replace(v, state=KeyState.DESTROYED, wrapped="", destroyed=v.destroyed or when)
                    for v in ring.versions
                ),
            )
            for v in ring.versions:
                self._secrets.pop(v.id, None)
            return rings[name]

    def recipient(self, name: str) -> tuple[KeyVersion, X25519Recipient]:
        v = self.ring(name).primary
        return v, X25519Recipient.parse(v.recipient)

    def identities(self, name: str) -> list[tuple[KeyVersion, X25519Identity]]:
        """Unwrapped identities of every version that can still decrypt."""
        out = []
        for v in self.ring(name).versions:
            if v.state is KeyState.DESTROYED:
                continue
            if v.id not in self._secrets:
                self._secrets[v.id] = self.kek.unwrap(v.id, v.wrapped)
            out.append((v, X25519Identity.parse(self._secrets[v.id].decode())))
        return out

    def find_version(self, version_id: str) -> tuple[KeyRing, KeyVersion] | None:
        for ring in self._load().values():
            for v in ring.versions:
                if v.id == version_id:
                    return ring, v
        return None


__all__ = [
    "AwsKmsKek",
    "Kek",
    "KeyRing",
    "KeyState",
    "KeyStore",
    "KeyVersion",
    "LocalKek",
    "SecplanError",
]
