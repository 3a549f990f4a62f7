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

Every wrapped secret is bound to its key name and version id (:class:`WrapRef`): AEAD
associated data for the local KEKs (ChaCha20-Poly1305 under a key derived from the master
identity with HKDF-SHA256, or from the passphrase with scrypt), the encryption context for
AWS KMS. A wrapped secret copied to another key or version does not unwrap there. Secrets
wrapped before the binding (scheme 1: age-encrypted to the master identity or passphrase;
KMS context without the key name) still unwrap; ``secplan keys migrate`` re-wraps them.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from secplan._io import atomic_write
from secplan.errors import ConfigError, ServiceError, VerificationError
from secplan.protect.age import (
    ScryptIdentity,
    X25519Identity,
    decrypt_chunks,
)

ENV_BACKEND = "SECPLAN_KEYSTORE"
ENV_PASSPHRASE = "SECPLAN_KEY_PASSPHRASE"  # noqa: S105 (a variable name)
LOCAL_FILE = "local-file"
LOCAL_PASSPHRASE = "local-passphrase"  # noqa: S105 (a KEK name)
AWS_PREFIX = "aws-kms:"
LEGACY, BOUND = 1, 2  # wrapping schemes: unbound (earlier releases), bound to key and version
SCRYPT_LOG_N = 18
MAX_WRAP_LOG_N = SCRYPT_LOG_N + 2  # 1 GiB of scrypt memory at most for an edited ring file
NONCE = 12


@dataclass(frozen=True, slots=True)
class WrapRef:
    """What a wrapped secret belongs to: it unwraps only for the same key and version."""

    key: str
    version: str
    scheme: int = BOUND

    @property
    def associated_data(self) -> bytes:
        return b"\x00".join((b"secplan-key-wrap/v2", self.key.encode(), self.version.encode()))


class Kek(Protocol):
    """A key-encryption key: wraps and unwraps key-version secrets, bound to a WrapRef."""

    name: str

    def wrap(self, ref: WrapRef, secret: bytes) -> str: ...

    def unwrap(self, ref: WrapRef, wrapped: str) -> bytes: ...


def _age_unwrap(wrapped: str, identity: X25519Identity | ScryptIdentity) -> bytes:
    """A secret wrapped by an earlier release (scheme 1): an age file to the KEK."""
    return b"".join(decrypt_chunks(io.BytesIO(base64.b64decode(wrapped)), [identity]))


def _scrypt(passphrase: str, salt: bytes, log_n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=1 << log_n, r=8, p=1).derive(passphrase.encode())


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
                try:
                    text = self.master_path.read_text(encoding="ascii")
                    self._identity = X25519Identity.parse(text)
                except (OSError, ValueError) as exc:
                    raise ServiceError(
                        f"{self.master_path}: not a readable master key ({exc})",
                        "restore keys/master.key from a backup",
                    ) from exc
            elif create:
                self._identity = X25519Identity.generate()
                atomic_write(self.master_path, str(self._identity) + "\n", mode=0o600)
            else:  # a missing master key is never silently replaced by a new one
                raise ServiceError(
                    f"{self.master_path}: the master key file is missing",
                    "restore keys/master.key from a backup",
                )
        return self._identity

    def _file_key(self, *, create: bool) -> bytes:
        master = self._master(create=create).secret
        info = b"secplan/kek/local-file/v2"
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    def wrap(self, ref: WrapRef, secret: bytes) -> str:
        """``nonce || ciphertext`` (file KEK) or ``log_n || salt || nonce || ciphertext``
        (passphrase), base64; ChaCha20-Poly1305 with the ref as associated data."""
        nonce = os.urandom(NONCE)
        if self.passphrase:
            salt = os.urandom(16)
            head = bytes([SCRYPT_LOG_N]) + salt
            key = _scrypt(self.passphrase, salt, SCRYPT_LOG_N)
        else:
            head, key = b"", self._file_key(create=True)
        sealed = ChaCha20Poly1305(key).encrypt(nonce, secret, ref.associated_data)
        return base64.b64encode(head + nonce + sealed).decode()

    def _unseal(self, ref: WrapRef, wrapped: str) -> bytes:
        blob = base64.b64decode(wrapped, validate=True)
        if self.passphrase:
            log_n, salt, blob = blob[0] if blob else 0, blob[1:17], blob[17:]
            if not 1 <= log_n <= MAX_WRAP_LOG_N:
                raise ValueError(f"scrypt work factor 2^{log_n} refused")
            key = _scrypt(self.passphrase, salt, log_n)
        else:
            key = self._file_key(create=False)
        if len(blob) < NONCE + 16:
            raise ValueError("too short")
        return ChaCha20Poly1305(key).decrypt(blob[:NONCE], blob[NONCE:], ref.associated_data)

    def unwrap(self, ref: WrapRef, wrapped: str) -> bytes:
        try:
            if ref.scheme == LEGACY:
                identity = (
                    ScryptIdentity(self.passphrase.encode())
                    if self.passphrase
                    else self._master(create=False)
                )
                return _age_unwrap(wrapped, identity)
            return self._unseal(ref, wrapped)
        except (VerificationError, InvalidTag, ValueError, binascii.Error) as exc:
            why = exc.message if isinstance(exc, VerificationError) else str(exc)
            raise ServiceError(
                f"cannot unwrap key {ref.key} version {ref.version} with the {self.name} KEK"
                f" ({why or 'it does not authenticate'}: the wrong "
                + ("passphrase" if self.passphrase else "master key")
                + ", or a secret moved from another key or version)",
                "check SECPLAN_KEY_PASSPHRASE"
                if self.passphrase
                else "check keys/master.key: it is not the one that wrapped this key",
            ) from exc


class AwsKmsKek:
    """An AWS KMS key wraps each key version's secret (Encrypt/Decrypt with an encryption
    context naming the key and the version, so a wrapped secret cannot be swapped for
    another)."""

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

    @staticmethod
    def context(ref: WrapRef) -> dict[str, str]:
        if ref.scheme == LEGACY:
            return {"secplan:key": ref.version}
        return {"secplan:key": ref.version, "secplan:ring": ref.key}

    def wrap(self, ref: WrapRef, secret: bytes) -> str:
        try:
            out = self.client.encrypt(
                KeyId=self.key_id, Plaintext=secret, EncryptionContext=self.context(ref)
            )
        except Exception as exc:  # botocore raises many kinds; all mean "KMS unavailable"
            raise ServiceError(
                f"AWS KMS encrypt failed: {exc}", "check the key id, region and credentials"
            ) from exc
        return base64.b64encode(out["CiphertextBlob"]).decode()

    def unwrap(self, ref: WrapRef, wrapped: str) -> bytes:
        try:
            out = self.client.decrypt(
                CiphertextBlob=base64.b64decode(wrapped),
                EncryptionContext=self.context(ref),
                KeyId=self.key_id,
            )
        except Exception as exc:
            raise ServiceError(
                f"AWS KMS decrypt of key {ref.key} version {ref.version} failed: {exc}",
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
    "WrapRef",
    "default_kek",
]
