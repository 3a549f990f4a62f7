"""Seals on the rows that grant access, made by the governance server with a key only it holds.

Through the server, a role binding, a token or an account counts only when its row carries a
seal, an HMAC-SHA256 under the server's row key over what the row grants (the account's name,
the role and scope; the token's id, owner, secret hash, kind, scopes, expiry and second
factor; or what authenticates an account: its name, kind, password hash, disabled flag and
second factor, active and pending). A row written into the database by anything else (one SQL
``INSERT`` into ``role_bindings`` or ``tokens``, an edit of a scope, a password hash replaced
or a second factor removed) carries no valid seal and grants nothing through the server; the
server records each such row it meets. Without a row key (local mode, and the command line
against a shared database) rows are not sealed and not checked.
"""

from __future__ import annotations

import hashlib
import hmac


def _mac(key: bytes, label: str, *parts: str) -> str:
    msg = label.encode() + b"".join(b"\x00" + p.encode("utf-8") for p in parts)
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def binding_seal(key: bytes, principal: str, role: str, scope: str) -> str:
    return _mac(key, "secplan-role-binding-v1", principal, role, scope)


def token_seal(
    key: bytes,
    tid: str,
    principal: str,
    secret_hash: bytes,
    kind: str,
    scopes: str,
    expires: str,
    mfa: bool,
) -> str:
    return _mac(
        key, "secplan-token-v1", tid, principal, secret_hash.hex(), kind, scopes, expires, str(mfa)
    )


def _opt(value: str | None) -> str:
    """A column that may be NULL: NULL and the empty string seal differently."""
    return "-" if value is None else "=" + value


def principal_seal(
    key: bytes,
    name: str,
    kind: str,
    password_hash: str | None,
    disabled: bool,
    mfa_enabled: bool,
    mfa_secret: str | None,
    mfa_pending: str | None,
) -> str:
    """The seal of an account's row: everything that lets someone log in as it. The time of
    the last login and the last one-time code's step are not sealed (they change with every
    login; a step moved back lets a code seen within the last minute be used once more)."""
    return _mac(
        key,
        "secplan-principal-v1",
        name,
        kind,
        _opt(password_hash),
        str(bool(disabled)),
        str(bool(mfa_enabled)),
        _opt(mfa_secret),
        _opt(mfa_pending),
    )


SEALED_COLUMNS = (
    "name",
    "kind",
    "password_hash",
    "disabled",
    "mfa_enabled",
    "mfa_secret",
    "mfa_pending",
)


def principal_row_seal(key: bytes, row: object, **changes: object) -> str:
    """:func:`principal_seal` of a ``principals`` row (any object with its columns as
    attributes), with ``changes`` applied first."""
    v = {c: changes[c] if c in changes else getattr(row, c) for c in SEALED_COLUMNS}
    return principal_seal(
        key,
        str(v["name"]),
        str(v["kind"]),
        _str_or_none(v["password_hash"]),
        bool(v["disabled"]),
        bool(v["mfa_enabled"]),
        _str_or_none(v["mfa_secret"]),
        _str_or_none(v["mfa_pending"]),
    )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def matches(expected: str, stored: str | None) -> bool:
    return stored is not None and hmac.compare_digest(expected, stored)
