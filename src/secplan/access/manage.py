"""Users, roles and tokens: every change authorized through the access controller and audited.

The rules beyond "the actor's role grants the action":

* granting a role (``roles grant``, or ``users add --role``) needs every action of the role
  over all of the granted scope, through the credential in use, with a second factor where
  an action needs one: nobody hands out more than they hold;
* revoking a role needs the same, so a narrowly scoped manager cannot strip an administrator;
* the last enabled user holding ``admin`` on everything can be neither stripped of it nor
  disabled (service accounts do not count: they cannot pass a second factor);
* a token is never broader than the credential creating it: its scopes lie within that
  token's scopes (a token created without scopes inherits them) and it expires no later.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select, text, update

from secplan.access import credentials as cred
from secplan.access import rowseal, throttle
from secplan.access.resources import canonical, parse_scope
from secplan.access.roles import ROLES, pattern_actions, role_actions
from secplan.access.rowseal import token_seal
from secplan.access.values import Actor, Decision, TokenInfo, iso
from secplan.audit.events import Outcome
from secplan.errors import ConfigError
from secplan.store.schema import principals, role_bindings, tokens

if TYPE_CHECKING:
    from secplan.access.control import AccessControl

DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 365
_NAME_HINT = "use a login name or an e-mail address (no spaces, slashes, '%', '*', '?' or '[')"


def check_role(role: str) -> None:
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}", "roles: " + ", ".join(ROLES))


def check_name(name: str) -> None:
    """Names become resources (``principal:NAME``), so they must name exactly one."""
    ok = (
        0 < len(name) <= 255
        and not any(c.isspace() or c in "/*?[" for c in name)
        and not name.startswith("os:")
        and canonical(f"principal:{name}") == f"principal:{name}"
    )
    if not ok:
        raise ConfigError(f"invalid name {name!r}", _NAME_HINT)


def _grant_decision(
    ac: AccessControl, actor: Actor, name: str, roles: tuple[str, ...], scope: str
) -> Decision:
    """``role:manage`` on the account, and holding what the roles grant over ``scope``."""
    d = ac.decide(actor, "role:manage", f"principal:{name}")
    for role in roles:
        why = ac.lacks(actor, role_actions(role), scope) if d.allowed else None
        if why is not None:
            return Decision(False, f"granting {role} on {scope}: {why}")
    return d


def add_principal(
    ac: AccessControl,
    actor: Actor,
    name: str,
    *,
    kind: str,
    password: str | None,
    roles: tuple[str, ...],
    display: str,
) -> None:
    if kind not in ("user", "service"):
        raise ConfigError(f"kind {kind!r} is not user or service", "use --service or not")
    check_name(name)
    for role in roles:
        check_role(role)
    if password is not None:
        cred.check_password_policy(password)
    if ac.local_mode() and "admin" not in roles:
        raise ConfigError(
            "the first user must be an administrator",
            "add --role admin; other users can then be added by them",
        )
    res = f"principal:{name}"
    d = ac.decide(actor, "user:manage", res)
    if d.allowed and roles:
        d = _grant_decision(ac, actor, name, roles, "*")
    ac.enforce(actor, "user:manage", res, d, kind=kind, roles=list(roles))
    hashed = cred.hash_password(password) if password is not None else None
    now = iso(ac.clock())
    with ac.db.begin() as conn:
        if conn.execute(select(principals.c.id).where(principals.c.name == name)).first():
            raise ConfigError(f"{name!r} already exists", "pick another name")
        sealed = {
            "name": name,
            "kind": kind,
            "password_hash": hashed,
            "disabled": False,
            "mfa_enabled": False,
            "mfa_secret": None,
            "mfa_pending": None,
        }
        pid = conn.execute(
            insert(principals).values(
                display=display, created=now, seal=ac.principal_seal(**sealed), **sealed
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
                    seal=ac.binding_seal(name, role, "*"),
                )
            )
    # ``sealed``: the server wrote the row with its seal; adoption never takes such an
    # account back once its seal is gone (see secplan.server.adopt)
    details: dict[str, object] = {"kind": kind, "roles": list(roles)}
    if ac.row_key is not None:
        details["sealed"] = True
    ac.record(actor, "user:create", res, Outcome.ALLOWED, **details)


def _serialise_admin_changes(conn: Connection) -> None:
    """One change to who administers at a time (SQLite's write lock already does this)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(7265637062)"))


def _admins_left(
    ac: AccessControl, conn: Connection, *, without_pid: int | None, without_binding: int | None
) -> int:
    """Enabled users holding admin on everything, apart from the one being changed. With the
    server's row key only accounts and bindings whose seals hold count: a row planted in the
    database is no administrator to fall back on."""
    q = (
        select(principals, role_bindings.c.seal.label("bseal"))
        .select_from(principals.join(role_bindings))
        .where(
            principals.c.kind == "user",
            principals.c.disabled.is_(False),
            role_bindings.c.role == "admin",
            role_bindings.c.scope == "*",
        )
    )
    if without_pid is not None:
        q = q.where(principals.c.id != without_pid)
    if without_binding is not None:
        q = q.where(role_bindings.c.id != without_binding)
    rows = conn.execute(q).all()
    if ac.row_key is not None:
        rows = [
            r
            for r in rows
            if ac.principal_sealed(r)
            and rowseal.matches(rowseal.binding_seal(ac.row_key, r.name, "admin", "*"), r.bseal)
        ]
    return len({int(r.id) for r in rows})


_LAST_ADMIN = (
    "{name} is the last administrator",
    "make another user an administrator first: secplan roles grant NAME admin",
)


def set_disabled(ac: AccessControl, actor: Actor, name: str, disabled: bool) -> None:
    ac.require(actor, "user:manage", f"principal:{name}")
    with ac.db.begin() as conn:
        _serialise_admin_changes(conn)
        row = ac.principal_row(conn, name)
        pid = int(row.id)
        if disabled and not _admins_left(ac, conn, without_pid=pid, without_binding=None):
            raise ConfigError(_LAST_ADMIN[0].format(name=name), _LAST_ADMIN[1])
        conn.execute(ac.principal_update(row, disabled=disabled))
        # its sessions and tokens end with it: the account's row put back enabled (with the
        # seal it had before) must not bring them back
        ended = revoke_all_tokens(conn, pid, ac.clock(), None) if disabled else 0
    if disabled:
        ac.record(actor, "user:disable", f"principal:{name}", tokens_revoked=ended)
    else:
        ac.record(actor, "user:enable", f"principal:{name}")


def grant(ac: AccessControl, actor: Actor, name: str, role: str, scope: str) -> None:
    check_role(role)
    scope = parse_scope(scope)
    d = _grant_decision(ac, actor, name, (role,), scope)
    ac.enforce(actor, "role:manage", f"principal:{name}", d, role=role, scope=scope)
    with ac.db.begin() as conn:
        pid = ac.principal_id(conn, name)
        seal = ac.binding_seal(name, role, scope)
        exists = conn.execute(
            select(role_bindings.c.id, role_bindings.c.seal).where(
                role_bindings.c.principal_id == pid,
                role_bindings.c.role == role,
                role_bindings.c.scope == scope,
            )
        ).first()
        if exists and seal is not None and exists.seal != seal:
            # a row written around the server, granted now through it: from now on it counts
            conn.execute(
                update(role_bindings)
                .where(role_bindings.c.id == exists.id)
                .values(seal=seal, granted_by=actor.name, granted_at=iso(ac.clock()))
            )
        elif not exists:
            conn.execute(
                insert(role_bindings).values(
                    principal_id=pid,
                    role=role,
                    scope=scope,
                    granted_by=actor.name,
                    granted_at=iso(ac.clock()),
                    seal=seal,
                )
            )
    ac.record(actor, "role:grant", f"principal:{name}", role=role, scope=scope)


def revoke(ac: AccessControl, actor: Actor, name: str, role: str, scope: str) -> None:
    check_role(role)
    given = scope
    try:
        scope = parse_scope(given)
        over = scope
    except ConfigError:  # a binding stored before scopes were checked: removable as it is
        over = "*"
    d = _grant_decision(ac, actor, name, (role,), over)
    ac.enforce(actor, "role:manage", f"principal:{name}", d, role=role, scope=scope)
    with ac.db.begin() as conn:
        _serialise_admin_changes(conn)
        binding = conn.execute(
            select(role_bindings.c.id).where(
                role_bindings.c.principal_id == ac.principal_id(conn, name),
                role_bindings.c.role == role,
                role_bindings.c.scope.in_({scope, given}),  # as stored before normalising
            )
        ).scalar()
        if binding is None:
            raise ConfigError(f"{name} has no role {role} on {scope}", "see secplan users list")
        last = not _admins_left(ac, conn, without_pid=None, without_binding=binding)
        if role == "admin" and scope == "*" and last:
            raise ConfigError(_LAST_ADMIN[0].format(name=name), _LAST_ADMIN[1])
        conn.execute(role_bindings.delete().where(role_bindings.c.id == binding))
    ac.record(actor, "role:revoke", f"principal:{name}", role=role, scope=scope)


def _too_broad(actor: Actor, scopes: tuple[str, ...], expires: datetime) -> str | None:
    """Why a token with ``scopes`` expiring at ``expires`` would reach beyond ``actor``'s
    credential, or None."""
    if actor.scopes is not None:
        held = frozenset().union(*(pattern_actions(p) for p in actor.scopes))
        beyond = sorted(frozenset().union(*(pattern_actions(s) for s in scopes)) - held)
        if beyond:
            more = " …" if len(beyond) > 6 else ""
            return (
                f"token {actor.token_id} is scoped to {', '.join(actor.scopes)}; a token it "
                f"creates cannot reach {', '.join(beyond[:6])}{more}"
            )
    if actor.via == "api" and actor.expires is not None and expires > actor.expires:
        return (
            "the new token would outlive the token creating it "
            f"(which expires {iso(actor.expires)})"
        )
    return None


def create_token(
    ac: AccessControl,
    actor: Actor,
    name: str,
    *,
    scopes: tuple[str, ...],
    days: int,
    description: str,
) -> cred.NewToken:
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ConfigError(
            f"token lifetime {days} days is not 1 to {MAX_TOKEN_DAYS}",
            "tokens always expire; pick a shorter lifetime",
        )
    for s in scopes:
        if not pattern_actions(s):
            raise ConfigError(f"scope {s!r} matches no action", "see secplan roles list")
    if not scopes and actor.scopes is not None:
        scopes = actor.scopes  # a scoped token creates tokens within its own scopes
    expires = ac.clock() + timedelta(days=days)
    action = "self:token" if actor.name == name else "token:manage"
    res = f"principal:{name}"
    d = ac.decide(actor, action, res)
    if d.allowed and (why := _too_broad(actor, scopes, expires)) is not None:
        d = Decision(False, why)
    ac.enforce(actor, action, res, d, scopes=list(scopes), days=days)
    return insert_token(
        ac, actor, name, kind="api", scopes=scopes, expires=expires, desc=description
    )


def insert_token(
    ac: AccessControl,
    actor: Actor,
    name: str,
    *,
    kind: str,
    scopes: tuple[str, ...],
    expires: datetime,
    desc: str,
    mfa: bool = False,
) -> cred.NewToken:
    """Store (and record) a new token for ``name``, which callers have authorized."""
    new = cred.new_token()
    scoped = json.dumps(list(scopes))
    seal = None
    if ac.row_key is not None:
        seal = token_seal(
            ac.row_key, new.id, name, new.secret_hash, kind, scoped, iso(expires), mfa
        )
    with ac.db.begin() as conn:
        conn.execute(
            insert(tokens).values(
                id=new.id,
                principal_id=ac.principal_id(conn, name),
                secret_hash=new.secret_hash,
                kind=kind,
                scopes=scoped,
                description=desc,
                created=iso(ac.clock()),
                expires=iso(expires),
                mfa=mfa,
                seal=seal,
            )
        )
    ac.record(
        actor,
        "token:create",
        f"principal:{name}",
        token=new.id,
        kind=kind,
        scopes=list(scopes),
        expires=iso(expires),
    )
    return new


def revoke_token(ac: AccessControl, actor: Actor, given: str) -> None:
    tid = cred.token_id(given)
    if tid is None:
        raise ConfigError(
            f"{given[:40]!r} is not a token id (16 hexadecimal digits)",
            "use an id from secplan tokens list",
        )
    with ac.db.read() as conn:
        owner = conn.execute(
            select(principals.c.name)
            .join(tokens, principals.c.id == tokens.c.principal_id)
            .where(tokens.c.id == tid)
        ).scalar()
    if owner is None:
        raise ConfigError(f"no token {tid}", "list them with secplan tokens list")
    res = f"principal:{owner}"
    if tid == actor.token_id:  # giving up the credential in use narrows, whatever its scope
        ac.enforce(actor, "self:token", res, Decision(True, "a credential may revoke itself"))
    else:
        ac.require(actor, "self:token" if owner == actor.name else "token:manage", res)
    with ac.db.begin() as conn:
        conn.execute(
            update(tokens)
            .where(tokens.c.id == tid, tokens.c.revoked.is_(None))
            .values(revoked=iso(ac.clock()), seal=None)  # see revoke_all_tokens
        )
    ac.record(actor, "token:revoke", res, token=tid)


def revoke_all_tokens(conn: Connection, pid: int, now: datetime, keep: str | None) -> int:
    """Revoke every live token (sessions too) of an account but ``keep``; how many."""
    q = update(tokens).where(tokens.c.principal_id == pid, tokens.c.revoked.is_(None))
    if keep is not None:
        q = q.where(tokens.c.id != keep)
    # the seal goes with the revocation: clearing ``revoked`` in the database alone does not
    # bring the token back through the server (it would take the row as it was before)
    return int(conn.execute(q.values(revoked=iso(now), seal=None)).rowcount)


def visible_tokens(ac: AccessControl, actor: Actor, name: str | None) -> list[TokenInfo]:
    if name is not None and name == actor.name:
        ac.require(actor, "self:token", f"principal:{name}", listing=True)
    else:
        ac.require(actor, "user:read", "principals", listing="tokens")
    return ac.tokens(name)


def unlock(ac: AccessControl, actor: Actor, name: str) -> None:
    """Clear the back-off and lockout of ``name`` from every source."""
    res = f"principal:{name}"
    ac.require(actor, "user:manage", res)
    if ac.principal(name) is None:
        raise ConfigError(f"no user named {name!r}", "list them with secplan users list")
    cleared = throttle.clear_account(ac.db, name)
    ac.record(actor, "user:unlock", res, cleared=cleared)
