"""Logging in, changing one's password and enrolling a second factor.

Every check of a secret (a password, a one-time code) is counted first by
:mod:`secplan.access.throttle`, so guessing is slowed and then locked, in every one of these
paths. A one-time code is spent with a compare-and-set on the account's last used time
step (``UPDATE ... WHERE mfa_last_step < :step``), so one code opens one session however
many logins race with it. Changing one's own password needs the current one; re-enrolling
one's own second factor needs a current code (an administrator who has passed MFA may do
both for someone else). A new second factor waits, pending, beside the active one until it
is confirmed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select, update

from secplan.access import credentials as cred
from secplan.access import manage, sealing, throttle
from secplan.access.values import Actor, iso
from secplan.audit.events import Outcome
from secplan.errors import AccessDenied, ConfigError, ServiceError
from secplan.store.schema import principals

if TYPE_CHECKING:
    from secplan.access.control import AccessControl

SESSION_HOURS = 12
_LOGIN_FAILED = ("login failed", "check the name, password and one-time code")


def mfa_key() -> bytes:
    key = sealing.load_key(create=True)
    if key is None:  # SECPLAN_MFA_KEY names a file that does not exist
        raise ServiceError(
            f"no MFA key at {sealing.key_path()}", "create it or unset SECPLAN_MFA_KEY"
        )
    return key


def _reserve(
    ac: AccessControl, name: str, source: str | None, who: Actor, action: str
) -> throttle.Attempt:
    """Count an attempt at a secret of ``name``, or refuse it (audited) while it must wait."""
    try:
        return throttle.reserve(ac.db, ac.policy, name, source, ac.clock())
    except throttle.Throttled as t:
        until = iso(t.until)
        ac.record(
            who,
            action,
            f"principal:{name}",
            Outcome.DENIED,
            reason=f"too many failed attempts ({t.key.partition(':')[0]} waits until {until})",
        )
        raise AccessDenied(
            f"too many failed attempts for {name}; try again after {until}",
            f"wait, or ask an administrator to run: secplan users unlock {name}",
        ) from None


def _failed(
    ac: AccessControl,
    attempt: throttle.Attempt,
    who: Actor,
    action: str,
    reason: str,
    outcome: Outcome = Outcome.DENIED,
) -> None:
    """Record a failed attempt, and every lock it set off."""
    ac.record(who, action, f"principal:{attempt.name}", outcome, reason=reason)
    for key, failures, until in attempt.locked:
        kind, _, rest = key.partition(":")
        where = f"source:{rest}" if kind == "source" else f"principal:{attempt.name}"
        details: dict[str, object] = {"key": kind, "failures": failures, "until": until}
        if attempt.source is not None:
            details["source"] = attempt.source
        ac.record(who, "auth:lockout", where, Outcome.DENIED, **details)


def _row(ac: AccessControl, name: str) -> Any:
    with ac.db.read() as conn:
        row = conn.execute(select(principals).where(principals.c.name == name)).first()
    if row is None:
        raise ConfigError(
            f"no user or service account named {name!r}", "list them with secplan users list"
        )
    return row


def _unseal(stored: str, name: str) -> tuple[str, bytes | None]:
    key = sealing.load_key(create=False) if sealing.is_sealed(stored) else mfa_key()
    return sealing.unseal(stored, name, key), key


def _check_code(row: Any, name: str, code: str | None, now: datetime) -> tuple[int | None, str]:
    """The time step of ``code`` for the active secret (or None), and the secret sealed."""
    stored = row.mfa_secret or ""
    secret, key = _unseal(stored, name)
    step = cred.check_totp(secret, code or "", row.mfa_last_step, now.timestamp())
    if step is not None and not sealing.is_sealed(stored) and key is not None:
        return step, sealing.seal(secret, name, key)  # sealed at its next use
    return step, stored


def _spend(ac: AccessControl, row: Any, step: int, sealed: str, **values: object) -> bool:
    """Spend time step ``step`` of the account's active secret, unless another request has
    spent it (or a later one) first, or the secret changed meanwhile."""
    with ac.db.begin() as conn:
        result = conn.execute(
            ac.principal_update(row, mfa_last_step=step, mfa_secret=sealed, **values).where(
                or_(principals.c.mfa_last_step.is_(None), principals.c.mfa_last_step < step)
            )
        )
    return int(result.rowcount) == 1


def login(
    ac: AccessControl, name: str, password: str, code: str | None, *, source: str | None
) -> cred.NewToken:
    source = source or ac.source
    who = Actor(name=name, kind="user", via="password")
    attempt = _reserve(ac, name, source, who, "auth:login")
    with ac.db.read() as conn:
        row = conn.execute(select(principals).where(principals.c.name == name)).first()
    ok, rehash = cred.check_password(row.password_hash if row else None, password)
    if row is None or not ok or row.disabled or row.kind != "user":
        disabled = row is not None and ok and row.disabled
        _failed(
            ac, attempt, who, "auth:login", "account disabled" if disabled else "bad credentials"
        )
        raise AccessDenied(*_LOGIN_FAILED)
    if not ac.principal_sealed(row):
        # the password matched a row the server did not write (a hash replaced, the disabled
        # flag cleared, a second factor removed): nobody logs in with it through the server
        ac.note_unsealed_principal(name)
        _failed(ac, attempt, who, "auth:login", "the account row was not written by the server")
        raise AccessDenied(*_LOGIN_FAILED)
    now = ac.clock()
    values: dict[str, object] = {"last_login": iso(now)}
    if rehash:
        values["password_hash"] = rehash
    mfa = bool(row.mfa_enabled)
    if mfa:
        step, sealed = _check_code(row, name, code, now)
        if step is None or not _spend(ac, row, step, sealed, **values):
            _failed(ac, attempt, who, "auth:login", "bad or reused one-time code")
            raise AccessDenied(*_LOGIN_FAILED)
    else:
        with ac.db.begin() as conn:
            # a password rehashed is sealed anew; the login stands even if the row changed
            # meanwhile (then the old hash stays)
            if rehash:
                conn.execute(ac.principal_update(row, **values))
            else:
                conn.execute(update(principals).where(principals.c.id == row.id).values(**values))
    throttle.succeeded(ac.db, ac.policy, attempt, now)
    me = Actor(name=name, kind="user", via="password", mfa=mfa)
    res = f"principal:{name}"
    ac.record(me, "auth:login", res, Outcome.ALLOWED, source=source or "")
    expires = now + timedelta(hours=SESSION_HOURS)
    return manage.insert_token(
        ac, me, name, kind="session", scopes=(), expires=expires, desc="login session", mfa=mfa
    )


def _check_current_password(
    ac: AccessControl, actor: Actor, name: str, current: str | None, source: str | None
) -> None:
    res = f"principal:{name}"
    if current is None:
        why = "the current password is needed"
        ac.record(actor, "self:password", res, Outcome.DENIED, reason=why)
        raise AccessDenied(
            "changing your own password needs the current password",
            "give it when asked (with --password-stdin: on the first line, the new on the second)",
        )
    attempt = _reserve(ac, name, source, actor, "self:password")
    ok, _ = cred.check_password(_row(ac, name).password_hash, current)
    if not ok:
        _failed(ac, attempt, actor, "self:password", "the current password is wrong")
        raise AccessDenied("the current password is wrong", "try again")
    throttle.succeeded(ac.db, ac.policy, attempt, ac.clock())


def set_password(
    ac: AccessControl,
    actor: Actor,
    name: str,
    password: str,
    *,
    current: str | None,
    source: str | None,
) -> None:
    """Set ``name``'s password: one's own with the current one, anyone's with
    ``user:password-reset`` (in a session verified with a second factor: a password set by
    someone else opens that account). Every other session and token of the account is
    revoked."""
    cred.check_password_policy(password)
    own = actor.name == name
    res = f"principal:{name}"
    ac.require(actor, "self:password" if own else "user:password-reset", res)
    if _row(ac, name).kind != "user":
        raise ConfigError(f"{name} is a service account, without a password", "it uses tokens")
    if own:
        _check_current_password(ac, actor, name, current, source or ac.source)
    hashed = cred.hash_password(password)
    with ac.db.begin() as conn:
        row = ac.principal_row(conn, name)
        conn.execute(ac.principal_update(row, password_hash=hashed))
        keep = actor.token_id if own else None
        revoked = manage.revoke_all_tokens(conn, int(row.id), ac.clock(), keep)
    ac.record(actor, "user:password", res, revoked_tokens=revoked)


def _check_current_code(
    ac: AccessControl, actor: Actor, row: Any, code: str | None, source: str | None
) -> None:
    res = f"principal:{row.name}"
    if not code:
        ac.record(actor, "mfa:enroll", res, Outcome.DENIED, reason="no current one-time code")
        raise AccessDenied(
            "enrolling a new second factor needs a current one-time code from the old one",
            "pass --code, or ask an administrator who has logged in with MFA to enroll you",
        )
    attempt = _reserve(ac, row.name, source, actor, "mfa:enroll")
    now = ac.clock()
    step, sealed = _check_code(row, row.name, code, now)
    if step is None or not _spend(ac, row, step, sealed):
        _failed(ac, attempt, actor, "mfa:enroll", "wrong or reused one-time code")
        raise AccessDenied("the one-time code is wrong or already used", "wait for the next one")
    throttle.succeeded(ac.db, ac.policy, attempt, now)


def mfa_enroll(
    ac: AccessControl, actor: Actor, name: str, *, code: str | None, source: str | None
) -> tuple[str, str]:
    """A new TOTP secret for ``name``, pending until confirmed; the secret and its URI."""
    own = actor.name == name
    res = f"principal:{name}"
    ac.require(actor, "self:mfa" if own else "user:mfa-reset", res)
    row = _row(ac, name)
    if row.kind != "user":
        raise ConfigError(f"{name} is a service account, without a second factor", "")
    if own and row.mfa_enabled:
        _check_current_code(ac, actor, row, code, source or ac.source)
    secret = cred.new_totp_secret()
    sealed = sealing.seal(secret, name, mfa_key())
    with ac.db.begin() as conn:
        conn.execute(ac.principal_update(ac.principal_row(conn, name), mfa_pending=sealed))
    ac.record(actor, "mfa:enroll", res, replaces=bool(row.mfa_enabled))
    return secret, cred.totp_uri(secret, name)


def mfa_confirm(
    ac: AccessControl, actor: Actor, name: str, code: str, *, source: str | None
) -> bool:
    """Make the pending secret the active one, given a current code from it."""
    own = actor.name == name
    res = f"principal:{name}"
    ac.require(actor, "self:mfa" if own else "user:mfa-reset", res)
    row = _row(ac, name)
    # an enrolment from before pending secrets had their own column waits in mfa_secret
    column = principals.c.mfa_pending if row.mfa_pending else principals.c.mfa_secret
    pending = row.mfa_pending or (None if row.mfa_enabled else row.mfa_secret)
    if not pending:
        raise ConfigError(f"{name!r} has no pending enrollment", "run secplan mfa enroll")
    attempt = _reserve(ac, name, source or ac.source, actor, "mfa:confirm")
    secret, _ = _unseal(pending, name)
    now = ac.clock()
    step = cred.check_totp(secret, code, None, now.timestamp())
    done = False
    if step is not None:
        sealed = pending if sealing.is_sealed(pending) else sealing.seal(secret, name, mfa_key())
        with ac.db.begin() as conn:
            done = (
                conn.execute(
                    ac.principal_update(
                        row,
                        mfa_secret=sealed,
                        mfa_pending=None,
                        mfa_enabled=True,
                        mfa_last_step=step,
                    ).where(column == pending)
                ).rowcount
                == 1
            )
    if not done:
        _failed(ac, attempt, actor, "mfa:confirm", "wrong one-time code", Outcome.FAILED)
        return False
    throttle.succeeded(ac.db, ac.policy, attempt, now)
    ac.record(actor, "mfa:confirm", res)
    return True
