"""Identities and the one ``authorize(actor, action, resource)`` every protected operation
goes through. Every decision, and every change to identities, roles and tokens, is audited.

Local mode: while the database holds no principal, the operating-system user acts as an
administrator without set-up (a single laptop). Creating the first user (an administrator)
switches to multi-user mode: from then on everyone authenticates with ``secplan login`` or an
API token (``SECPLAN_TOKEN``).
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, func, insert, select, update

from secplan.access import credentials as cred
from secplan.access import sealing
from secplan.access.roles import ACTIONS, ROLES, role_grants, scope_covers
from secplan.audit.events import EventIn, Outcome
from secplan.audit.trail import AuditTrail
from secplan.errors import AccessDenied, ConfigError, ServiceError
from secplan.store import Database
from secplan.store.schema import principals, role_bindings, tokens

SESSION_HOURS = 12
DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 365


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str  # user, service, local, anonymous
    bindings: tuple[tuple[str, str], ...] = ()  # (role, scope)
    scopes: tuple[str, ...] | None = None  # token scopes (action patterns); None = unrestricted
    mfa: bool = False
    via: str = "none"  # os, token, session
    token_id: str | None = None


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


class AccessControl:
    def __init__(
        self,
        db: Database,
        trail: AuditTrail,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.trail = trail
        self.clock = clock

    # -- decisions -------------------------------------------------------------------------

    def decide(self, actor: Actor, action: str, resource: str) -> Decision:
        spec = ACTIONS.get(action)
        if spec is None:
            return Decision(False, f"unknown action {action}")
        if actor.kind == "anonymous":
            return Decision(False, "not logged in (run secplan login, or set SECPLAN_TOKEN)")
        if actor.scopes is not None and not any(
            role_grants_pattern(p, action) for p in actor.scopes
        ):
            return Decision(False, f"token {actor.token_id} is not scoped for {action}")
        granting = [
            (r, s)
            for r, s in actor.bindings
            if role_grants(r, action) and scope_covers(s, resource)
        ]
        if not granting:
            return Decision(False, f"no role of {actor.name} grants {action} on {resource}")
        if spec.mfa and not actor.mfa and actor.kind != "local":
            return Decision(
                False,
                f"{action} needs multi-factor authentication "
                "(log in with secplan login and your one-time code)",
            )
        role, scope = granting[0]
        return Decision(True, f"role {role} on {scope}")

    def authorize(self, actor: Actor, action: str, resource: str, **details: object) -> Decision:
        """Decide and record the decision in the audit trail."""
        d = self.decide(actor, action, resource)
        self._audit(
            actor,
            action,
            resource,
            Outcome.ALLOWED if d.allowed else Outcome.DENIED,
            reason=d.reason,
            **details,
        )
        return d

    def require(self, actor: Actor, action: str, resource: str, **details: object) -> None:
        d = self.authorize(actor, action, resource, **details)
        if not d.allowed:
            raise AccessDenied(
                f"{actor.name} may not {action} on {resource}: {d.reason}",
                "ask an administrator for a role that grants it",
            )

    def _audit(
        self, actor: Actor, action: str, resource: str, outcome: Outcome, **details: object
    ) -> None:
        extra = {"via": actor.via, "mfa": actor.mfa}
        if actor.token_id:
            extra["token"] = actor.token_id
        self.trail.append(
            EventIn(
                actor=actor.name,
                action=action,
                resource=resource,
                outcome=outcome,
                details={**extra, **details},
            )
        )

    def record(
        self,
        actor: Actor,
        action: str,
        resource: str,
        outcome: Outcome = Outcome.ALLOWED,
        **details: object,
    ) -> None:
        """Record an operation's own outcome (e.g. a decryption that failed after approval)."""
        self._audit(actor, action, resource, outcome, **details)

    # -- identities ------------------------------------------------------------------------

    def local_mode(self) -> bool:
        with self.db.read() as conn:
            return not conn.execute(select(func.count()).select_from(principals)).scalar_one()

    def local_actor(self) -> Actor:
        return Actor(
            name=f"os:{getpass.getuser()}", kind="local", bindings=(("admin", "*"),), via="os"
        )

    def _bindings(self, conn: Connection, pid: int) -> tuple[tuple[str, str], ...]:
        rows = conn.execute(
            select(role_bindings.c.role, role_bindings.c.scope)
            .where(role_bindings.c.principal_id == pid)
            .order_by(role_bindings.c.id)
        )
        return tuple((r.role, r.scope) for r in rows)

    def actor_from_token(self, token: str) -> Actor:
        parsed = cred.parse_token(token)
        now = self.clock()
        denied = AccessDenied(
            "the API token is invalid, expired or revoked",
            "create a new one with secplan tokens create, or log in again",
        )
        if parsed is None:
            self._audit(ANONYMOUS, "auth:token", "token:malformed", Outcome.DENIED)
            raise denied
        tid, secret = parsed
        with self.db.begin() as conn:
            row = conn.execute(
                select(
                    tokens,
                    principals.c.name,
                    principals.c.kind.label("pkind"),
                    principals.c.disabled,
                    principals.c.id.label("pid"),
                )
                .join(principals, principals.c.id == tokens.c.principal_id)
                .where(tokens.c.id == tid)
            ).first()
            why = None
            if row is None or not cred.token_matches(bytes(row.secret_hash), secret):
                why = "unknown token or wrong secret"
            elif row.revoked:
                why = "revoked"
            elif _parse(row.expires) <= now:
                why = "expired"
            elif row.disabled:
                why = "account disabled"
            if why is None and row is not None:
                conn.execute(update(tokens).where(tokens.c.id == tid).values(last_used=_iso(now)))
                actor = Actor(
                    name=row.name,
                    kind=row.pkind,
                    bindings=self._bindings(conn, row.pid),
                    scopes=tuple(json.loads(row.scopes)) or None,
                    mfa=bool(row.mfa),
                    via=row.kind,
                    token_id=tid,
                )
        if why is not None:
            self._audit(ANONYMOUS, "auth:token", f"token:{tid}", Outcome.DENIED, reason=why)
            raise denied
        return actor

    def principal(self, name: str) -> Principal | None:
        with self.db.read() as conn:
            row = conn.execute(select(principals).where(principals.c.name == name)).first()
            if row is None:
                return None
            return Principal(
                row.name,
                row.kind,
                bool(row.disabled),
                bool(row.mfa_enabled),
                row.created,
                row.last_login,
                self._bindings(conn, row.id),
            )

    def principals(self) -> list[Principal]:
        with self.db.read() as conn:
            rows = conn.execute(select(principals).order_by(principals.c.name)).all()
            return [
                Principal(
                    r.name,
                    r.kind,
                    bool(r.disabled),
                    bool(r.mfa_enabled),
                    r.created,
                    r.last_login,
                    self._bindings(conn, r.id),
                )
                for r in rows
            ]

    def _pid(self, conn: Connection, name: str) -> int:
        pid = conn.execute(select(principals.c.id).where(principals.c.name == name)).scalar()
        if pid is None:
            raise ConfigError(
                f"no user or service account named {name!r}", "list them with secplan users list"
            )
        return int(pid)

    # -- management (authorized and audited) ----------------------------------------------

    def add_principal(
        self,
        actor: Actor,
        name: str,
        *,
        kind: str = "user",
        password: str | None = None,
        roles: tuple[str, ...] = (),
        display: str = "",
    ) -> None:
        if kind not in ("user", "service"):
            raise ConfigError(f"kind {kind!r} is not user or service", "use --service or not")
        if not name or len(name) > 255 or any(c.isspace() for c in name) or name.startswith("os:"):
            raise ConfigError(f"invalid name {name!r}", "use a login name or an e-mail address")
        for role in roles:
            _check_role(role)
        first = self.local_mode()
        if first and "admin" not in roles:
            raise ConfigError(
                "the first user must be an administrator",
                "add --role admin; other users can then be added by them",
            )
        self.require(actor, "user:manage", f"principal:{name}", kind=kind)
        hashed = cred.hash_password(password) if password is not None else None
        now = _iso(self.clock())
        with self.db.begin() as conn:
            if conn.execute(select(principals.c.id).where(principals.c.name == name)).first():
                raise ConfigError(f"{name!r} already exists", "pick another name")
            pid = conn.execute(
                insert(principals).values(
                    name=name,
                    kind=kind,
                    display=display,
                    password_hash=hashed,
                    created=now,
                    disabled=False,
                    mfa_enabled=False,
                )
            ).inserted_primary_key
            assert pid is not None
            for role in roles:
                conn.execute(
                    insert(role_bindings).values(
                        principal_id=pid[0],
                        role=role,
                        scope="*",
                        granted_by=actor.name,
                        granted_at=now,
                    )
                )
        self.record(actor, "user:create", f"principal:{name}", kind=kind, roles=list(roles))

    def set_password(self, actor: Actor, name: str, password: str) -> None:
        if actor.name != name:
            self.require(actor, "user:manage", f"principal:{name}")
        hashed = cred.hash_password(password)
        with self.db.begin() as conn:
            conn.execute(
                update(principals)
                .where(principals.c.id == self._pid(conn, name))
                .values(password_hash=hashed)
            )
        self.record(actor, "user:password", f"principal:{name}")

    def set_disabled(self, actor: Actor, name: str, disabled: bool) -> None:
        self.require(actor, "user:manage", f"principal:{name}")
        with self.db.begin() as conn:
            conn.execute(
                update(principals)
                .where(principals.c.id == self._pid(conn, name))
                .values(disabled=disabled)
            )
        self.record(actor, "user:disable" if disabled else "user:enable", f"principal:{name}")

    def grant(self, actor: Actor, name: str, role: str, scope: str = "*") -> None:
        _check_role(role)
        self.require(actor, "role:manage", f"principal:{name}", role=role, scope=scope)
        with self.db.begin() as conn:
            pid = self._pid(conn, name)
            exists = conn.execute(
                select(role_bindings.c.id).where(
                    role_bindings.c.principal_id == pid,
                    role_bindings.c.role == role,
                    role_bindings.c.scope == scope,
                )
            ).first()
            if not exists:
                conn.execute(
                    insert(role_bindings).values(
                        principal_id=pid,
                        role=role,
                        scope=scope,
                        granted_by=actor.name,
                        granted_at=_iso(self.clock()),
                    )
                )
        self.record(actor, "role:grant", f"principal:{name}", role=role, scope=scope)

    def revoke(self, actor: Actor, name: str, role: str, scope: str = "*") -> None:
        self.require(actor, "role:manage", f"principal:{name}", role=role, scope=scope)
        with self.db.begin() as conn:
            conn.execute(
                role_bindings.delete().where(
                    role_bindings.c.principal_id == self._pid(conn, name),
                    role_bindings.c.role == role,
                    role_bindings.c.scope == scope,
                )
            )
        self.record(actor, "role:revoke", f"principal:{name}", role=role, scope=scope)

    def create_token(
        self,
        actor: Actor,
        name: str,
        *,
        scopes: tuple[str, ...] = (),
        days: int = DEFAULT_TOKEN_DAYS,
        description: str = "",
        kind: str = "api",
        mfa: bool = False,
        hours: int | None = None,
    ) -> cred.NewToken:
        if not 1 <= days <= MAX_TOKEN_DAYS:
            raise ConfigError(
                f"token lifetime {days} days is not 1 to {MAX_TOKEN_DAYS}",
                "tokens always expire; pick a shorter lifetime",
            )
        for s in scopes:
            if not any(role_grants_pattern(s, a) for a in ACTIONS):
                raise ConfigError(f"scope {s!r} matches no action", "see secplan roles list")
        if kind == "api" and actor.name != name:
            self.require(actor, "token:manage", f"principal:{name}")
        new = cred.new_token()
        now = self.clock()
        expires = now + (timedelta(hours=hours) if hours is not None else timedelta(days=days))
        with self.db.begin() as conn:
            conn.execute(
                insert(tokens).values(
                    id=new.id,
                    principal_id=self._pid(conn, name),
                    secret_hash=new.secret_hash,
                    kind=kind,
                    scopes=json.dumps(list(scopes)),
                    description=description,
                    created=_iso(now),
                    expires=_iso(expires),
                    mfa=mfa,
                )
            )
        self.record(
            actor,
            "token:create",
            f"principal:{name}",
            token=new.id,
            kind=kind,
            scopes=list(scopes),
            expires=_iso(expires),
        )
        return new

    def revoke_token(self, actor: Actor, token_id: str) -> None:
        with self.db.begin() as conn:
            row = conn.execute(
                select(tokens.c.id, principals.c.name)
                .join(principals, principals.c.id == tokens.c.principal_id)
                .where(tokens.c.id == token_id)
            ).first()
        if row is None:
            raise ConfigError(f"no token {token_id!r}", "list them with secplan tokens list")
        if row.name != actor.name:
            self.require(actor, "token:manage", f"principal:{row.name}")
        with self.db.begin() as conn:
            conn.execute(
                update(tokens).where(tokens.c.id == token_id).values(revoked=_iso(self.clock()))
            )
        self.record(actor, "token:revoke", f"principal:{row.name}", token=token_id)

    def tokens(self, name: str | None = None) -> list[TokenInfo]:
        q = (
            select(tokens, principals.c.name)
            .join(principals, principals.c.id == tokens.c.principal_id)
            .order_by(tokens.c.created)
        )
        if name is not None:
            q = q.where(principals.c.name == name)
        with self.db.read() as conn:
            return [
                TokenInfo(
                    r.id,
                    r.name,
                    r.kind,
                    tuple(json.loads(r.scopes)),
                    r.description,
                    r.created,
                    r.expires,
                    r.revoked,
                    r.last_used,
                )
                for r in conn.execute(q)
            ]

    # -- login and MFA ---------------------------------------------------------------------

    def login(self, name: str, password: str, code: str | None = None) -> cred.NewToken:
        """A session token for ``name``; MFA-verified when a valid one-time code is given."""
        with self.db.read() as conn:
            row = conn.execute(select(principals).where(principals.c.name == name)).first()
        ok, rehash = cred.check_password(row.password_hash if row else None, password)
        fail = AccessDenied("login failed", "check the name, password and one-time code")
        if row is None or not ok or row.disabled or row.kind != "user":
            why = (
                "account disabled"
                if (row is not None and ok and row.disabled)
                else "bad credentials"
            )
            self._audit(
                Actor(name=name, kind="user", via="password"),
                "auth:login",
                f"principal:{name}",
                Outcome.DENIED,
                reason=why,
            )
            raise fail
        mfa = False
        reseal: str | None = None
        if row.mfa_enabled:
            stored = row.mfa_secret or ""
            key = sealing.load_key(create=False) if sealing.is_sealed(stored) else self._mfa_key()
            secret = sealing.unseal(stored, name, key)
            step = cred.check_totp(secret, code or "", row.mfa_last_step, self.clock().timestamp())
            if step is not None and not sealing.is_sealed(stored) and key is not None:
                reseal = sealing.seal(secret, name, key)
            if step is None:
                self._audit(
                    Actor(name=name, kind="user", via="password"),
                    "auth:login",
                    f"principal:{name}",
                    Outcome.DENIED,
                    reason="bad or reused one-time code",
                )
                raise fail
            mfa = True
        with self.db.begin() as conn:
            values: dict[str, object] = {"last_login": _iso(self.clock())}
            if mfa:
                values["mfa_last_step"] = step
            if rehash:
                values["password_hash"] = rehash
            conn.execute(update(principals).where(principals.c.id == row.id).values(**values))
            if reseal is not None:  # unless the account was enrolled again meanwhile
                conn.execute(
                    update(principals)
                    .where(principals.c.id == row.id, principals.c.mfa_secret == row.mfa_secret)
                    .values(mfa_secret=reseal)
                )
        me = Actor(name=name, kind="user", via="password", mfa=mfa)
        self._audit(me, "auth:login", f"principal:{name}", Outcome.ALLOWED)
        return self.create_token(
            me, name, kind="session", mfa=mfa, hours=SESSION_HOURS, description="login session"
        )

    @staticmethod
    def _mfa_key() -> bytes:
        key = sealing.load_key(create=True)
        if key is None:  # SECPLAN_MFA_KEY names a file that does not exist
            raise ServiceError(
                f"no MFA key at {sealing.key_path()}", "create it or unset SECPLAN_MFA_KEY"
            )
        return key

    def mfa_enroll(self, actor: Actor, name: str) -> tuple[str, str]:
        if actor.name != name:
            self.require(actor, "user:manage", f"principal:{name}")
        secret = cred.new_totp_secret()
        sealed = sealing.seal(secret, name, self._mfa_key())
        with self.db.begin() as conn:
            conn.execute(
                update(principals)
                .where(principals.c.id == self._pid(conn, name))
                .values(mfa_secret=sealed, mfa_enabled=False, mfa_last_step=None)
            )
        self.record(actor, "mfa:enroll", f"principal:{name}")
        return secret, cred.totp_uri(secret, name)

    def mfa_confirm(self, actor: Actor, name: str, code: str) -> bool:
        with self.db.begin() as conn:
            row = conn.execute(select(principals).where(principals.c.name == name)).first()
            if row is None or not row.mfa_secret:
                raise ConfigError(f"{name!r} has no pending enrollment", "run secplan mfa enroll")
            sealed = sealing.is_sealed(row.mfa_secret)
            key = sealing.load_key(create=False) if sealed else self._mfa_key()
            secret = sealing.unseal(row.mfa_secret, name, key)
            step = cred.check_totp(secret, code, row.mfa_last_step, self.clock().timestamp())
            if step is not None:
                values: dict[str, object] = {"mfa_enabled": True, "mfa_last_step": step}
                if not sealed and key is not None:
                    values["mfa_secret"] = sealing.seal(secret, name, key)
                conn.execute(update(principals).where(principals.c.id == row.id).values(**values))
        self.record(
            actor,
            "mfa:confirm",
            f"principal:{name}",
            Outcome.ALLOWED if step is not None else Outcome.FAILED,
        )
        return step is not None


def role_grants_pattern(pattern: str, action: str) -> bool:
    from fnmatch import fnmatchcase

    return fnmatchcase(action, pattern)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}", "roles: " + ", ".join(ROLES))
