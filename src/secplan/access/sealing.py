"""TOTP secrets sealed at rest: whoever reads the database cannot mint one-time codes.

Each secret is encrypted with ChaCha20-Poly1305 under the MFA key, with the principal's name
as associated data, so a sealed secret copied onto another account does not open. The key
is 32 random bytes, base64 in a file: ``access/mfa-key`` in secplan's home (mode 0600,
created on first enrolment), or the file ``SECPLAN_MFA_KEY`` names. Every machine that logs
users in against a shared (PostgreSQL) database needs the same key file.

A stored secret without the ``sealed:v1:`` prefix is a plaintext (base32) secret from before
sealing; it is accepted and sealed on its next successful use. Sealing protects against
those who can read the database; someone who can write it could still plant such a
plaintext secret, which is why the trail records every enrolment and login; through the
governance server the account's row seal (:mod:`secplan.access.rowseal`) refuses it.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from secplan import paths
from secplan._io import write_new
from secplan.errors import ServiceError

ENV_KEY = "SECPLAN_MFA_KEY"
PREFIX = "sealed:v1:"
_NONCE = 12
_FIX = "restore the MFA key file, or point SECPLAN_MFA_KEY at the one used at enrolment"
_REENROL = "enrol the account again: secplan mfa enroll"
#: What a secret stored before sealing looks like (base32, as pyotp makes them).
_LEGACY = re.compile(r"[A-Z2-7]{16,128}=*")


def key_path() -> Path:
    explicit = os.environ.get(ENV_KEY)
    if explicit:
        return Path(explicit)
    d = paths.home() / "access"
    d.mkdir(mode=0o700, exist_ok=True)
    return d / "mfa-key"


def load_key(*, create: bool) -> bytes | None:
    """The MFA key; with ``create``, a new one is written (0600) when there is none yet.

    Creation is exclusive: when several processes create the key at once, one wins and all
    of them use its key, so nothing is ever sealed under a key that is then replaced."""
    path = key_path()
    if not path.exists():
        if not create or os.environ.get(ENV_KEY):
            return None
        write_new(path, base64.b64encode(ChaCha20Poly1305.generate_key()) + b"\n")
    try:
        key = base64.b64decode(path.read_bytes().strip(), validate=True)
    except (OSError, binascii.Error) as exc:
        raise ServiceError(f"{path}: cannot read the MFA key ({exc})", _FIX) from exc
    if len(key) != 32:
        raise ServiceError(f"{path}: the MFA key is not 32 bytes", _FIX)
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
    """The plaintext secret (a legacy plaintext base32 secret is returned as it is)."""
    if not is_sealed(stored):
        if not _LEGACY.fullmatch(stored):
            raise ServiceError(f"the stored MFA secret of {principal!r} is not valid", _REENROL)
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
