"""Identities and the one ``authorize(actor, action, resource)`` every protected operation
goes through. Every decision, and every change to identities, roles and tokens, is audited.

Local mode: while the database holds no principal, the operating-system user acts as an
administrator without set-up (a single laptop). Creating the first user (an administrator)
switches to multi-user mode: from then on everyone authenticates with ``secplan login`` or an
API token (``SECPLAN_TOKEN``).

Management (users, roles, tokens) is in :mod:`secplan.access.manage`, logins and second
factors in :mod:`secplan.access.auth`; this class is the one door to both.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from types import SimpleNamespace
from typing import Any

from sqlalchemy import ColumnElement, Connection, Update, func, select, update

from secplan.access import auth, manage, rowseal
from secplan.access import credentials as cred
from secplan.access.resources import canonical, contains, parse_scope
from secplan.access.roles import ACTIONS, role_grants, scope_covers
from secplan.access.throttle import Policy
from secplan.access.values import (
    ANONYMOUS,
    Actor,
    Decision,
    Principal,
    TokenInfo,
    iso,
    parse_iso,
)
from secplan.audit.events import EventIn, Outcome, clipped
from secplan.audit.trail import AuditTrail
from secplan.errors import AccessDenied, ConfigError
from secplan.store import Database
from secplan.store.schema import principals, role_bindings, tokens

__all__ = ["ANONYMOUS", "AccessControl", "Actor", "Decision", "Principal", "TokenInfo"]


def os_source() -> str:
    """The operating-system account running this process: where its login attempts come
    from (the id is asked of the system, not read from the environment)."""
    try:
        import pwd

        return "os:" + pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return "os:" + getpass.getuser()


def _scoped_to(actor: Actor, action: str) -> bool:
    return actor.scopes is None or any(fnmatchcase(action, p) for p in actor.scopes)


def _not_scoped(actor: Actor, action: str) -> str:
    return f"token {actor.token_id} is scoped to {', '.join(actor.scopes or ())}, not {action}"


def as_read(row: Any) -> list[ColumnElement[bool]]:
    """Conditions that hold while an account's sealed columns (and its seal) are as in
    ``row``: an update made under them cannot seal a change made meanwhile by someone else."""
    conds: list[ColumnElement[bool]] = []
    for name in (*rowseal.SEALED_COLUMNS, "seal"):
        col, value = principals.c[name], getattr(row, name)
        conds.append(col.is_(None) if value is None else col == value)
    return conds


def _contains(stored: str, scope: str) -> bool:
    try:
        return contains(parse_scope(stored), scope)
    except ConfigError:  # a malformed stored scope grants nothing
        return False


def _account_of(row: Any) -> SimpleNamespace:
    """The account's sealed columns from a row of tokens joined with principals."""
    return SimpleNamespace(
        name=row.name,
        kind=row.pkind,
        password_hash=row.password_hash,
        disabled=row.disabled,
        mfa_enabled=row.mfa_enabled,
        mfa_secret=row.mfa_secret,
        mfa_pending=row.mfa_pending,
        seal=row.pseal,
    )


class AccessControl:
    def __init__(
        self,
        db: Database,
        trail: AuditTrail,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        source: str | None = None,
        policy: Policy | None = None,
        row_key: bytes | None = None,
    ) -> None:
        self.db = db
        #: the server's key for sealing accounts, role bindings and tokens (None: not checked)
        self.row_key = row_key
        self.unsealed: list[tuple[str, str]] = []
        self.trail = trail
        self.clock = clock
        self.source = source  # where attempts come from, unless a call names another
        self.policy = policy or Policy()

    # -- decisions -------------------------------------------------------------------------

    def decide(self, actor: Actor, action: str, resource: str) -> Decision:
        spec = ACTIONS.get(action)
        if spec is None:
            return Decision(False, f"unknown action {action}")
        if actor.kind == "anonymous":
            return Decision(False, "not logged in (run secplan login, or set SECPLAN_TOKEN)")
        if not _scoped_to(actor, action):
            return Decision(False, _not_scoped(actor, action))
        own = canonical(f"principal:{actor.name}")
        if spec.own and own is not None and canonical(resource) == own:
            granting = [("owner", own)]
        else:
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

    def lacks(self, actor: Actor, actions: Iterable[str], scope: str) -> str | None:
        """Why ``actor`` cannot perform every one of ``actions`` on all of ``scope`` (a
        canonical scope), or None when it can: what granting them there takes."""
        for action in actions:
            if not _scoped_to(actor, action):
                return _not_scoped(actor, action)
            if not any(role_grants(r, action) and _contains(s, scope) for r, s in actor.bindings):
                return f"{actor.name} does not hold {action} on all of {scope}"
            if ACTIONS[action].mfa and not actor.mfa and actor.kind != "local":
                return (
                    f"{action} needs multi-factor authentication "
                    "(log in with secplan login and your one-time code)"
                )
        return None

    def authorize(self, actor: Actor, action: str, resource: str, **details: object) -> Decision:
        """Decide and record the decision in the audit trail."""
        d = self.decide(actor, action, resource)
        self._record_decision(actor, action, resource, d, details)
        return d

    def require(self, actor: Actor, action: str, resource: str, **details: object) -> None:
        self.enforce(actor, action, resource, self.decide(actor, action, resource), **details)

    def enforce(
        self, actor: Actor, action: str, resource: str, d: Decision, **details: object
    ) -> None:
        """Record decision ``d`` (made by :meth:`decide`, perhaps narrowed by the caller) and
        raise :class:`AccessDenied` when it denies."""
        self._record_decision(actor, action, resource, d, details)
        if not d.allowed:
            raise AccessDenied(
                f"{actor.name} may not {action} on {resource}: {d.reason}",
                "ask an administrator for a role that grants it",
            )

    def require_each(
        self, actor: Actor, action: str, resources: Iterable[str], **details: object
    ) -> None:
        """:meth:`require` for many resources, every decision recorded in one append; raises
        for the first one denied."""
        decided = [(r, self.decide(actor, action, r)) for r in resources]
        self.trail.append_many([self._event(actor, action, r, d, details) for r, d in decided])
        for r, d in decided:
            if not d.allowed:
                raise AccessDenied(
                    f"{actor.name} may not {action} on {r}: {d.reason}",
                    "ask an administrator for a role that grants it",
                )

    def _event(
        self, actor: Actor, action: str, resource: str, d: Decision, details: dict[str, object]
    ) -> EventIn:
        shown = canonical(resource)
        if shown is not None and shown != resource:
            details = {**details, "normalized": shown}
        outcome = Outcome.ALLOWED if d.allowed else Outcome.DENIED
        return self._event_in(actor, action, resource, outcome, {"reason": d.reason, **details})

    def _record_decision(
        self, actor: Actor, action: str, resource: str, d: Decision, details: dict[str, object]
    ) -> None:
        self.trail.append(self._event(actor, action, resource, d, details))

    @staticmethod
    def _event_in(
        actor: Actor, action: str, resource: str, outcome: Outcome, details: dict[str, object]
    ) -> EventIn:
        extra: dict[str, object] = {"via": actor.via, "mfa": actor.mfa}
        if actor.token_id:
            extra["token"] = actor.token_id
        return EventIn(
            actor=actor.name,
            action=action,
            resource=resource,
            outcome=outcome,
            details={**extra, **details},
        )

    def _audit(
        self, actor: Actor, action: str, resource: str, outcome: Outcome, **details: object
    ) -> None:
        self.trail.append(self._event_in(actor, action, resource, outcome, details))

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

    def binding_seal(self, name: str, role: str, scope: str) -> str | None:
        """The seal a new binding row carries (None without a row key)."""
        if self.row_key is None:
            return None
        return rowseal.binding_seal(self.row_key, name, role, scope)

    def principal_sealed(self, row: Any) -> bool:
        """Whether the ``principals`` row ``row`` carries the server's seal over what
        authenticates the account (always true without a row key)."""
        if self.row_key is None:
            return True
        return rowseal.matches(rowseal.principal_row_seal(self.row_key, row), row.seal)

    def principal_seal(self, **columns: object) -> str | None:
        """The seal a new account row with ``columns`` carries (None without a row key)."""
        if self.row_key is None:
            return None
        return rowseal.principal_row_seal(self.row_key, SimpleNamespace(**columns))

    def principal_update(self, row: Any, **values: object) -> Update:
        """An UPDATE of account ``row`` setting ``values``, applied only while the row's
        sealed columns are still as read, and sealed anew when its seal held; a row without a
        valid seal stays without one (a change made through the server does not vouch for
        what was changed around it)."""
        if self.row_key is not None:
            fresh = rowseal.principal_row_seal(self.row_key, row, **values)
            values = {**values, "seal": fresh if self.principal_sealed(row) else None}
        return update(principals).where(principals.c.id == row.id, *as_read(row)).values(**values)

    def principal_row(self, conn: Connection, name: str) -> Any:
        """Account ``name``'s row, locked for the rest of ``conn``'s transaction where the
        database locks rows; a ConfigError when there is none."""
        row = conn.execute(
            select(principals).where(principals.c.name == name).with_for_update()
        ).first()
        if row is None:
            raise ConfigError(
                f"no user or service account named {name!r}", "list them with secplan users list"
            )
        return row

    def note_unsealed_principal(self, name: str) -> None:
        self.unsealed.append((f"principal:{name}", f"the account row of {name}"))

    def _bindings(self, conn: Connection, pid: int) -> tuple[tuple[str, str], ...]:
        rows = conn.execute(
            select(
                role_bindings.c.id,
                role_bindings.c.role,
                role_bindings.c.scope,
                role_bindings.c.seal,
                principals.c.name,
            )
            .join(principals, principals.c.id == role_bindings.c.principal_id)
            .where(role_bindings.c.principal_id == pid)
            .order_by(role_bindings.c.id)
        ).all()
        if self.row_key is None:
            return tuple((r.role, r.scope) for r in rows)
        kept: list[tuple[str, str]] = []
        for r in rows:
            if rowseal.matches(self.binding_seal(r.name, r.role, r.scope) or "", r.seal):
                kept.append((r.role, r.scope))
            else:
                self.unsealed.append((f"principal:{r.name}", f"binding {r.id}: {r.role}"))
        return tuple(kept)

    def report_unsealed(self) -> list[tuple[str, str]]:
        """Record every unsealed row met since the last call (one event each); them, as
        (resource, what) pairs."""
        found, self.unsealed[:] = list(dict.fromkeys(self.unsealed)), []
        for resource, what in found:
            self._audit(
                ANONYMOUS,
                "access:unsealed-row",
                clipped(resource),  # a name from the database may be of any length
                Outcome.DENIED,
                reason=f"{clipped(what)} was not written by the server; it grants nothing",
            )
        return found

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
                    principals.c.password_hash,
                    principals.c.mfa_enabled,
                    principals.c.mfa_secret,
                    principals.c.mfa_pending,
                    principals.c.seal.label("pseal"),
                )
                .join(principals, principals.c.id == tokens.c.principal_id)
                .where(tokens.c.id == tid)
            ).first()
            why = None
            if row is None or not cred.token_matches(bytes(row.secret_hash), secret):
                why = "unknown token or wrong secret"
            elif row.revoked:
                why = "revoked"
            elif parse_iso(row.expires) <= now:
                why = "expired"
            elif row.disabled:
                why = "account disabled"
            elif self.row_key is not None and not rowseal.matches(
                rowseal.token_seal(
                    self.row_key,
                    tid,
                    row.name,
                    bytes(row.secret_hash),
                    row.kind,
                    row.scopes,
                    row.expires,
                    bool(row.mfa),
                ),
                row.seal,
            ):
                why = "the token row was not written by the server"
            elif not self.principal_sealed(_account_of(row)):
                self.note_unsealed_principal(row.name)
                why = "the account row was not written by the server"
            if why is None and row is not None:
                conn.execute(update(tokens).where(tokens.c.id == tid).values(last_used=iso(now)))
                actor = Actor(
                    name=row.name,
                    kind=row.pkind,
                    bindings=self._bindings(conn, row.pid),
                    scopes=tuple(json.loads(row.scopes)) or None,
                    mfa=bool(row.mfa),
                    via=row.kind,
                    token_id=tid,
                    expires=parse_iso(row.expires),
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

    def principal_id(self, conn: Connection, name: str) -> int:
        """The id of account ``name`` within ``conn``'s transaction, or a ConfigError."""
        pid = conn.execute(select(principals.c.id).where(principals.c.name == name)).scalar()
        if pid is None:
            raise ConfigError(
                f"no user or service account named {name!r}", "list them with secplan users list"
            )
        return int(pid)

    def tokens(self, name: str | None = None) -> list[TokenInfo]:
        q = (
            select(tokens, principals.c.name)
            .join(principals, principals.c.id == tokens.c.principal_id)
            .order_by(tokens.c.created, tokens.c.id)
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

    # -- management and authentication (authorized and audited) ---------------------------

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
        manage.add_principal(
            self, actor, name, kind=kind, password=password, roles=roles, display=display
        )

    def set_disabled(self, actor: Actor, name: str, disabled: bool) -> None:
        manage.set_disabled(self, actor, name, disabled)

    def grant(self, actor: Actor, name: str, role: str, scope: str = "*") -> None:
        manage.grant(self, actor, name, role, scope)

    def revoke(self, actor: Actor, name: str, role: str, scope: str = "*") -> None:
        manage.revoke(self, actor, name, role, scope)

    def create_token(
        self,
        actor: Actor,
        name: str,
        *,
        scopes: tuple[str, ...] = (),
        days: int = manage.DEFAULT_TOKEN_DAYS,
        description: str = "",
    ) -> cred.NewToken:
        """An API token for ``name``, never broader than the credential creating it."""
        return manage.create_token(
            self, actor, name, scopes=scopes, days=days, description=description
        )

    def revoke_token(self, actor: Actor, token_id: str) -> None:
        manage.revoke_token(self, actor, token_id)

    def visible_tokens(self, actor: Actor, name: str | None) -> list[TokenInfo]:
        """``name``'s tokens (everyone's for None), as far as ``actor`` may see them."""
        return manage.visible_tokens(self, actor, name)

    def unlock(self, actor: Actor, name: str) -> None:
        manage.unlock(self, actor, name)

    def set_password(
        self,
        actor: Actor,
        name: str,
        password: str,
        *,
        current: str | None = None,
        source: str | None = None,
    ) -> None:
        auth.set_password(self, actor, name, password, current=current, source=source)

    def login(
        self, name: str, password: str, code: str | None = None, *, source: str | None = None
    ) -> cred.NewToken:
        """A session token for ``name``; MFA-verified when a valid one-time code is given."""
        return auth.login(self, name, password, code, source=source)

    def mfa_enroll(
        self, actor: Actor, name: str, *, code: str | None = None, source: str | None = None
    ) -> tuple[str, str]:
        return auth.mfa_enroll(self, actor, name, code=code, source=source)

    def mfa_confirm(self, actor: Actor, name: str, code: str, *, source: str | None = None) -> bool:
        return auth.mfa_confirm(self, actor, name, code, source=source)
