"""The values of access control: who acts, what was decided, accounts and tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


def iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_iso(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str  # user, service, local, anonymous
    bindings: tuple[tuple[str, str], ...] = ()  # (role, scope)
    scopes: tuple[str, ...] | None = None  # token scopes (action patterns); None = unrestricted
    mfa: bool = False
    via: str = "none"  # os, api, session
    token_id: str | None = None
    expires: datetime | None = None  # when the credential acting expires


ANONYMOUS = Actor(name="anonymous", kind="anonymous")


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Principal:
    name: str
    kind: str
    disabled: bool
    mfa_enabled: bool
    created: str
    last_login: str | None
    bindings: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str
    principal: str
    kind: str
    scopes: tuple[str, ...]
    description: str
    created: str
    expires: str
    revoked: str | None
    last_used: str | None
