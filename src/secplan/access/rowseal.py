"""Seals on the rows that grant access, made by the governance server with a key only it holds.

Through the server, a role binding or a token counts only when its row carries a seal, an
HMAC-SHA256 under the server's row key over what the row grants (the account's name, the
role and scope; or the token's id, owner, secret hash, kind, scopes, expiry and second
factor). A row written into the database by anything else (one SQL ``INSERT`` into
``role_bindings`` or ``tokens``, an edit of a scope) carries no valid seal and grants nothing
through the server; the server records each such row it meets. Without a row key (local
mode, and the command line against a shared database) rows are not sealed and not checked.
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


def matches(expected: str, stored: str | None) -> bool:
    return stored is not None and hmac.compare_digest(expected, stored)
