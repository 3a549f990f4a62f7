"""Passwords (Argon2id), API tokens (random, stored only as hashes) and TOTP (RFC 6238)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from secplan.errors import ConfigError

TOKEN_PREFIX = "spt"  # noqa: S105 (a prefix, not a secret)
_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
_TOKEN_ID = re.compile(r"[0-9a-f]{16}")


def check_password_policy(password: str) -> None:
    """:class:`ConfigError` unless ``password`` is between 12 and 1024 characters."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ConfigError(
            f"the password has {len(password)} characters; passwords have "
            f"{MIN_PASSWORD} to {MAX_PASSWORD}",
            "choose a longer passphrase, e.g. four or five unrelated words",
        )


def hash_password(password: str) -> str:
    check_password_policy(password)
    return _hasher.hash(password)


def check_password(stored: str | None, password: str) -> tuple[bool, str | None]:
    """Whether ``password`` matches; and a new hash when the parameters have been raised."""
    if not stored:
        _hasher.hash("timing-equaliser")  # same cost whether or not the user exists
        return False, None
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, None
    return True, (_hasher.hash(password) if _hasher.check_needs_rehash(stored) else None)


@dataclass(frozen=True, slots=True)
class NewToken:
    id: str
    secret: str  # shown once, never stored
    secret_hash: bytes

    @property
    def token(self) -> str:
        return f"{TOKEN_PREFIX}_{self.id}_{self.secret}"


def new_token() -> NewToken:
    tid = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    return NewToken(tid, secret, hashlib.sha256(secret.encode()).digest())


def parse_token(token: str) -> tuple[str, str] | None:
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(parts[1]) != 16:
        return None
    return parts[1], parts[2]


def token_id(text: str) -> str | None:
    """The token id in ``text``: an id as ``secplan tokens list`` prints it, ``spt_<id>``, or
    a whole token (its secret is ignored); None when there is none."""
    text = text.strip()
    if text.startswith(TOKEN_PREFIX + "_"):
        text = text.split("_", 2)[1]
    return text if _TOKEN_ID.fullmatch(text) else None


def token_matches(stored_hash: bytes, secret: str) -> bool:
    return hmac.compare_digest(stored_hash, hashlib.sha256(secret.encode()).digest())


def mask_token(token: str) -> str:
    parsed = parse_token(token)
    return f"{TOKEN_PREFIX}_{parsed[0]}_…" if parsed else "…"


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name="secplan")


def check_totp(
    secret: str, code: str, last_step: int | None, now: float | None = None
) -> int | None:
    """The time step ``code`` belongs to (±1 step of drift), or None. A step at or before
    ``last_step`` is refused: a code works once."""
    totp = pyotp.TOTP(secret)
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != totp.digits:
        return None
    import time as _time

    t = _time.time() if now is None else now
    step = int(t // totp.interval)
    for candidate in (step, step - 1, step + 1):
        if hmac.compare_digest(totp.at(candidate * totp.interval), code):
            if last_step is not None and candidate <= last_step:
                return None
            return candidate
    return None
