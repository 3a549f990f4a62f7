"""Key-encryption keys (KEKs): what wraps each key version's secret in the ring file.

* :class:`LocalKek` (zero set-up): an age identity in secplan's home (``keys/master.key``,
  mode 0600), named ``local-file`` — or, when ``SECPLAN_KEY_PASSPHRASE`` is set, an scrypt
  passphrase (memory-hard), named ``local-passphrase``;
* :class:`AwsKmsKek`: an AWS KMS key (``SECPLAN_KEYSTORE=aws-kms:<key id or ARN>``), named
  ``aws-kms:<key id>``. GCP KMS, Azure Key Vault or HashiCorp Vault implement the same two
  methods.

New versions are wrapped by the KEK configured now (:func:`default_kek`); every version
records the name of the KEK that wrapped it, and is unwrapped by that one
(:class:`KekResolver`), so changing the configuration never strands older versions.
"""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from typing import Any, Protocol

from secplan._io import atomic_write
from secplan.errors import ConfigError, ServiceError, VerificationError
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
LOCAL_FILE = "local-file"
LOCAL_PASSPHRASE = "local-passphrase"  # noqa: S105 (a KEK name)
AWS_PREFIX = "aws-kms:"


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
        self.name = LOCAL_PASSPHRASE if passphrase else LOCAL_FILE
        self._identity: X25519Identity | None = None

    @property
    def master_path(self) -> Path:
        return self.directory / "master.key"

    def _master(self, *, create: bool) -> X25519Identity:
        if self._identity is None:
            if self.master_path.exists():
                text = self.master_path.read_text(encoding="ascii")
                self._identity = X25519Identity.parse(text)
            elif create:
                self._identity = X25519Identity.generate()
                atomic_write(self.master_path, str(self._identity) + "\n", mode=0o600)
            else:  # a missing master key is never silently replaced by a new one
                raise ServiceError(
                    f"{self.master_path}: the master key file is missing",
                    "restore keys/master.key from a backup",
                )
        return self._identity

    def wrap(self, version_id: str, secret: bytes) -> str:
        if self.passphrase:
            return _age_wrap(secret, ScryptRecipient(self.passphrase.encode()))
        return _age_wrap(secret, self._master(create=True).recipient)

    def unwrap(self, version_id: str, wrapped: str) -> bytes:
        try:
            if self.passphrase:
                return _age_unwrap(wrapped, ScryptIdentity(self.passphrase.encode()))
            return _age_unwrap(wrapped, self._master(create=False))
        except VerificationError as exc:
            raise ServiceError(
                f"cannot unwrap key {version_id} with the {self.name} KEK: {exc.message}",
                "check SECPLAN_KEY_PASSPHRASE"
                if self.passphrase
                else "check keys/master.key: it is not the one that wrapped this key",
            ) from exc


class AwsKmsKek:
    """An AWS KMS key wraps each key version's secret (Encrypt/Decrypt with an encryption
    context naming the version, so a wrapped secret cannot be swapped for another)."""

    def __init__(self, key_id: str, client: Any = None) -> None:
        self.key_id = key_id
        self.name = f"{AWS_PREFIX}{key_id}"
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
    """The KEK configured now (``SECPLAN_KEYSTORE``, ``SECPLAN_KEY_PASSPHRASE``): it wraps
    new versions."""
    backend = os.environ.get(ENV_BACKEND, "local")
    if backend.startswith(AWS_PREFIX):
        return AwsKmsKek(backend.removeprefix(AWS_PREFIX))
    if backend != "local":
        raise ConfigError(
            f"{ENV_BACKEND}={backend!r} is not a known key store", "use local or aws-kms:<key id>"
        )
    return LocalKek(directory, os.environ.get(ENV_PASSPHRASE) or None)


class KekResolver:
    """The KEK that wrapped a version, by the name the version records: the configured one
    when the names match, else the one that name describes, if it can be reached here."""

    def __init__(self, directory: Path, current: Kek) -> None:
        self.directory = directory
        self.current = current
        self._keks: dict[str, Kek] = {current.name: current}

    def __call__(self, name: str, version_id: str) -> Kek:
        if name not in self._keks:
            self._keks[name] = self._reach(name, version_id)
        return self._keks[name]

    def _reach(self, name: str, version_id: str) -> Kek:
        if name == LOCAL_FILE:
            return LocalKek(self.directory)
        if name == LOCAL_PASSPHRASE:
            passphrase = os.environ.get(ENV_PASSPHRASE)
            if not passphrase:
                raise ServiceError(
                    f"key version {version_id} is wrapped with a passphrase",
                    f"set {ENV_PASSPHRASE} to the passphrase it was created with",
                )
            return LocalKek(self.directory, passphrase)
        if name.startswith(AWS_PREFIX):
            return AwsKmsKek(name.removeprefix(AWS_PREFIX))
        raise ServiceError(
            f"key version {version_id} is wrapped by an unknown KEK {name!r}",
            "use the secplan version and key store that created it",
        )


__all__ = [
    "AwsKmsKek",
    "Kek",
    "KekResolver",
    "LocalKek",
    "default_kek",
]
