"""TOTP secrets sealed at rest: whoever reads the database cannot mint one-time codes.

Each secret is encrypted with ChaCha20-Poly1305 under the MFA key, with the principal's name
as associated data, so a sealed secret copied onto another account does not open. The key
is 32 random bytes, base64 in a file: ``access/mfa-key`` in secplan's home (mode 0600,
created on first enrolment), or the file ``SECPLAN_MFA_KEY`` names. Every machine that logs
users in against a shared (PostgreSQL) database needs the same key file.

A stored secret without the ``sealed:v1:`` prefix is a plaintext secret from before sealing;
it is accepted and sealed on its next successful use.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from secplan import paths
from secplan._io import atomic_write
from secplan.errors import ServiceError

ENV_KEY = "SECPLAN_MFA_KEY"
PREFIX = "sealed:v1:"
_NONCE = 12
_FIX = "restore the MFA key file, or point SECPLAN_MFA_KEY at the one used at enrolment"


def key_path() -> Path:
    explicit = os.environ.get(ENV_KEY)
    if explicit:
        return Path(explicit)
    d = paths.home() / "access"
    d.mkdir(mode=0o700, exist_ok=True)
    return d / "mfa-key"


def load_key(*, create: bool) -> bytes | None:
    """The MFA key; with ``create``, a new one is written (0600) when there is none yet."""
    path = key_path()
    if path.exists():
        try:
            key = base64.b64decode(path.read_bytes().strip(), validate=True)
        except (OSError, binascii.Error) as exc:
            raise ServiceError(f"{path}: cannot read the MFA key ({exc})", _FIX) from exc
        if len(key) != 32:
            raise ServiceError(f"{path}: the MFA key is not 32 bytes", _FIX)
        return key
    if not create or os.environ.get(ENV_KEY):
        return None
    key = ChaCha20Poly1305.generate_key()
    atomic_write(path, base64.b64encode(key) + b"\n", mode=0o600)
    return key


def _aad(principal: str) -> bytes:
    return b"secplan-mfa-secret\x00" + principal.encode("utf-8")


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def seal(secret: str, principal: str, key: bytes) -> str:
    nonce = os.urandom(_NONCE)
    box = ChaCha20Poly1305(key).encrypt(nonce, secret.encode("ascii"), _aad(principal))
    return PREFIX + base64.urlsafe_b64encode(nonce + box).decode("ascii").rstrip("=")


def unseal(stored: str, principal: str, key: bytes | None) -> str:
    """The plaintext secret (a legacy plaintext value is returned as it is)."""
    if not is_sealed(stored):
        return stored
    if key is None:
        raise ServiceError(f"the MFA secret of {principal!r} is sealed; there is no MFA key", _FIX)
    body = stored[len(PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        plain = ChaCha20Poly1305(key).decrypt(raw[:_NONCE], raw[_NONCE:], _aad(principal))
    except (binascii.Error, ValueError, InvalidTag) as exc:
        raise ServiceError(
            f"the MFA secret of {principal!r} does not open with this MFA key", _FIX
        ) from exc
    return plain.decode("ascii")
