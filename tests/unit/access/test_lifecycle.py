"""Account lifecycle: a password reset ends the account's sessions and tokens, only the user
(or an administrator with MFA) confirms a pending enrolment, and the last administrator stays."""

from __future__ import annotations

import contextlib
import threading

import pyotp
import pytest

from secplan.access import AccessControl, Actor
from secplan.errors import AccessDenied, ConfigError
from tests.unit.access.test_access import PASSWORD, Clock, _admin

NEW_PASSWORD = "an entirely new passphrase"


def test_a_password_reset_revokes_sessions_and_tokens(ac: AccessControl) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=("viewer",))
    session = ac.login("bob", PASSWORD)
    api = ac.create_token(admin, "bob", days=30)
    ac.set_password(admin, "bob", NEW_PASSWORD)
    for tok in (session, api):
        with pytest.raises(AccessDenied, match="invalid, expired or revoked"):
            ac.actor_from_token(tok.token)
    [event] = list(ac.trail.events(action="user:password"))
    assert event.details_dict()["revoked_tokens"] == 2


def test_changing_ones_own_password_keeps_only_the_current_session(ac: AccessControl) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=("viewer",))
    elsewhere = ac.login("bob", PASSWORD)
    here = ac.login("bob", PASSWORD)
    bob = ac.actor_from_token(here.token)
    ac.set_password(bob, "bob", NEW_PASSWORD, current=PASSWORD)
    ac.actor_from_token(here.token)
    with pytest.raises(AccessDenied):
        ac.actor_from_token(elsewhere.token)


def test_only_the_user_confirms_their_pending_enrolment(ac: AccessControl, clock: Clock) -> None:
    admin = _admin(ac)
    for name in ("bob", "eve"):
        ac.add_principal(admin, name, password=PASSWORD, roles=("viewer",))
    bob = ac.actor_from_token(ac.login("bob", PASSWORD).token)
    eve = ac.actor_from_token(ac.login("eve", PASSWORD).token)
    secret, _ = ac.mfa_enroll(bob, "bob")
    code = pyotp.TOTP(secret).at(clock.now)
    with pytest.raises(AccessDenied):
        ac.mfa_confirm(eve, "bob", code)
    no_mfa_admin = Actor(
        name="root@example.com", kind="user", bindings=(("admin", "*"),), via="session"
    )
    with pytest.raises(AccessDenied, match="multi-factor"):
        ac.mfa_confirm(no_mfa_admin, "bob", code)
    assert not ac.principal("bob").mfa_enabled  # type: ignore[union-attr]
    assert ac.mfa_confirm(bob, "bob", code)
    assert ac.principal("bob").mfa_enabled  # type: ignore[union-attr]


def test_the_last_administrator_cannot_revoke_their_own_admin_role(ac: AccessControl) -> None:
    admin = _admin(ac)
    with pytest.raises(ConfigError, match="last administrator"):
        ac.revoke(admin, "root@example.com", "admin")
    assert ac.principal("root@example.com").bindings == (("admin", "*"),)  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="last administrator"):
        ac.set_disabled(admin, "root@example.com", True)
    ac.add_principal(admin, "second", password=PASSWORD, roles=("admin",))
    ac.revoke(admin, "root@example.com", "admin")  # another administrator remains
    assert ac.principal("root@example.com").bindings == ()  # type: ignore[union-attr]


def test_a_service_account_does_not_count_as_the_remaining_administrator(
    ac: AccessControl,
) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "ci", kind="service", roles=("admin",))
    with pytest.raises(ConfigError, match="last administrator"):
        ac.revoke(admin, "root@example.com", "admin")


def _race_to_remove_each_other(ac: AccessControl) -> None:
    _admin(ac)
    ac.add_principal(ac.local_actor(), "second", password=PASSWORD, roles=("admin",))
    actors = {
        n: Actor(name=n, kind="user", bindings=(("admin", "*"),), via="session", mfa=True)
        for n in ("root@example.com", "second")
    }
    gate = threading.Barrier(2)

    def remove(me: str, other: str) -> None:
        gate.wait()
        with contextlib.suppress(ConfigError):
            ac.revoke(actors[me], other, "admin")

    threads = [
        threading.Thread(target=remove, args=("root@example.com", "second")),
        threading.Thread(target=remove, args=("second", "root@example.com")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    admins = [p.name for p in ac.principals() if ("admin", "*") in p.bindings]
    assert len(admins) == 1


def test_two_administrators_removing_each_other_leave_one_on_sqlite(ac: AccessControl) -> None:
    _race_to_remove_each_other(ac)


def test_two_administrators_removing_each_other_leave_one_on_postgresql(
    pg_ac: AccessControl,
) -> None:
    _race_to_remove_each_other(pg_ac)
