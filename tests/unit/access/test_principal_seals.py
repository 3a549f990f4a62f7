"""An account's row is sealed by the server: someone who can write the database cannot log in
as an administrator by replacing the password hash, clearing ``disabled`` or removing or
replacing the second factor, and what the server changes itself stays sealed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import insert, select, update

from secplan.access import AccessControl, Actor
from secplan.access import credentials as cred
from secplan.audit import AuditTrail
from secplan.errors import AccessDenied
from secplan.store.schema import principals
from tests.dbs import open_test_db
from tests.unit.access.test_access import KEY, PASSWORD, Clock, _admin

ROW_KEY = b"r" * 32
KNOWN = "a password the attacker chose"
NEW_PASSWORD = "an entirely new passphrase"


@pytest.fixture(params=["sqlite", "postgresql"])
def sealed(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Iterator[AccessControl]:
    if request.param == "sqlite":
        db = open_test_db(f"sqlite:///{tmp_path / 's.db'}")
        yield AccessControl(db, AuditTrail(db, KEY), clock=clock, row_key=ROW_KEY)
        return
    from tests.dbs import postgres_schema_url

    for url in postgres_schema_url():
        db = open_test_db(url)
        yield AccessControl(db, AuditTrail(db, KEY), clock=clock, row_key=ROW_KEY)


def _edit(ac: AccessControl, name: str, **values: object) -> None:
    """What someone holding the database credentials does, with one SQL UPDATE."""
    with ac.db.begin() as conn:
        conn.execute(update(principals).where(principals.c.name == name).values(**values))


def plant_account(ac: AccessControl, name: str, password: str) -> None:
    """A new account written straight into the database, with a password the writer knows."""
    with ac.db.begin() as conn:
        conn.execute(
            insert(principals).values(
                name=name,
                kind="user",
                display="",
                password_hash=cred.hash_password(password),
                created="2026-01-01T00:00:00Z",
                disabled=False,
                mfa_enabled=False,
            )
        )


def _enrolled_root(ac: AccessControl, clock: Clock) -> tuple[Actor, str]:
    root = _admin(ac)
    secret, _ = ac.mfa_enroll(root, "root@example.com")
    assert ac.mfa_confirm(root, "root@example.com", pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=30)
    return root, secret


def _refused(ac: AccessControl, password: str, code: str | None = None) -> None:
    with pytest.raises(AccessDenied, match="login failed"):
        ac.login("root@example.com", password, code)
    found = ac.report_unsealed()
    assert found == [("principal:root@example.com", "the account row of root@example.com")]
    events = list(ac.trail.events(action="access:unsealed-row"))
    assert events[-1].resource == "principal:root@example.com"


def test_a_password_hash_replaced_in_the_database_logs_nobody_in(
    sealed: AccessControl, clock: Clock
) -> None:
    _enrolled_root(sealed, clock)
    _edit(sealed, "root@example.com", password_hash=cred.hash_password(KNOWN), mfa_enabled=False)
    # without the server's row key (the command line on the database) the edit works: the
    # attack is real, and only the seal stops it
    plain = AccessControl(sealed.db, sealed.trail, clock=sealed.clock)
    assert plain.login("root@example.com", KNOWN)
    _refused(sealed, KNOWN)
    # the refusal is counted like a failed login, and says nothing more to the client
    failed = list(sealed.trail.events(action="auth:login", outcome="denied"))
    assert "not written by the server" in failed[-1].details_dict()["reason"]


def test_a_cleared_disabled_flag_or_a_removed_seal_logs_nobody_in(
    sealed: AccessControl, clock: Clock
) -> None:
    admin = _admin(sealed)
    sealed.add_principal(admin, "bob", password=PASSWORD, roles=("admin",))
    sealed.set_disabled(admin, "root@example.com", True)
    _edit(sealed, "root@example.com", disabled=False)
    _refused(sealed, PASSWORD)
    _edit(sealed, "root@example.com", disabled=True)  # as the server left it: still sealed
    sealed.set_disabled(admin, "root@example.com", False)
    assert sealed.login("root@example.com", PASSWORD)
    _edit(sealed, "root@example.com", seal=None)
    _refused(sealed, PASSWORD)


def test_a_second_factor_removed_or_replaced_logs_nobody_in(
    sealed: AccessControl, clock: Clock
) -> None:
    _, secret = _enrolled_root(sealed, clock)
    assert sealed.login("root@example.com", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=60)
    with sealed.db.read() as conn:
        stored = conn.execute(
            select(principals.c.mfa_secret).where(principals.c.name == "root@example.com")
        ).scalar()
    _edit(sealed, "root@example.com", mfa_enabled=False, mfa_secret=None)
    _refused(sealed, PASSWORD)
    # a plaintext secret the attacker knows, in the form from before secrets were sealed
    planted = pyotp.random_base32()
    _edit(sealed, "root@example.com", mfa_enabled=True, mfa_secret=planted)
    _refused(sealed, PASSWORD, pyotp.TOTP(planted).at(clock.now))
    # and the row put back as the server wrote it works again
    _edit(sealed, "root@example.com", mfa_secret=stored)
    assert sealed.login("root@example.com", PASSWORD, pyotp.TOTP(secret).at(clock.now))


def test_tokens_of_an_edited_account_are_refused(sealed: AccessControl, clock: Clock) -> None:
    root = _admin(sealed)
    token = sealed.create_token(root, "root@example.com", days=1)
    assert sealed.actor_from_token(token.token).name == "root@example.com"
    _edit(sealed, "root@example.com", kind="service")
    with pytest.raises(AccessDenied):
        sealed.actor_from_token(token.token)
    assert sealed.report_unsealed() == [
        ("principal:root@example.com", "the account row of root@example.com")
    ]


def test_what_the_server_changes_stays_sealed(sealed: AccessControl, clock: Clock) -> None:
    root, secret = _enrolled_root(sealed, clock)
    session = sealed.login("root@example.com", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    me = sealed.actor_from_token(session.token)
    clock.now += timedelta(seconds=60)
    sealed.set_password(me, "root@example.com", NEW_PASSWORD, current=PASSWORD)
    new_secret, _ = sealed.mfa_enroll(me, "root@example.com", code=pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=60)
    assert sealed.mfa_confirm(me, "root@example.com", pyotp.TOTP(new_secret).at(clock.now))
    clock.now += timedelta(seconds=60)
    assert sealed.login("root@example.com", NEW_PASSWORD, pyotp.TOTP(new_secret).at(clock.now))
    sealed.add_principal(root, "bob", password=PASSWORD)
    sealed.set_disabled(root, "bob", True)
    sealed.set_disabled(root, "bob", False)
    assert sealed.login("bob", PASSWORD)
    assert sealed.report_unsealed() == []


def test_a_change_through_the_server_does_not_seal_an_edited_row(
    sealed: AccessControl, clock: Clock
) -> None:
    root = _admin(sealed)
    sealed.add_principal(root, "bob", password=PASSWORD)
    _edit(sealed, "bob", password_hash=cred.hash_password(KNOWN))
    sealed.set_disabled(root, "bob", True)
    sealed.set_disabled(root, "bob", False)
    with pytest.raises(AccessDenied):
        sealed.login("bob", KNOWN)
    # nor does an administrator's password reset: the row stays refused until re-created
    sealed.set_password(root, "bob", NEW_PASSWORD)
    with pytest.raises(AccessDenied):
        sealed.login("bob", NEW_PASSWORD)
