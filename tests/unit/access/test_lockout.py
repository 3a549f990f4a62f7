"""Back-off and lockout for passwords and one-time codes: per account and per source, kept in
the database, audited and alerted, and never a way to lock an administrator out for good.

The clock is injected: no test waits for real time to pass."""

from __future__ import annotations

import threading
from datetime import timedelta

import pyotp
import pytest

from secplan.access import AccessControl, Actor
from secplan.access.throttle import LOCK_FOR
from secplan.audit.detect import detect
from secplan.errors import AccessDenied
from tests.unit.access.test_access import KEY, PASSWORD, Clock, _admin, wrong_code

WRONG = "not the password at all"


def _try(ac: AccessControl, name: str, password: str, source: str, code: str | None = None) -> str:
    try:
        ac.login(name, password, code, source=source)
    except AccessDenied as exc:
        return exc.message
    return "ok"


def _hammer(ac: AccessControl, clock: Clock, name: str, source: str, times: int) -> None:
    """``times`` wrong passwords, each after any back-off has passed (the clock moves)."""
    for _ in range(times):
        clock.now += timedelta(minutes=6)
        assert _try(ac, name, WRONG, source) != "ok"


def _users(ac: AccessControl) -> Actor:
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=("viewer",))
    return admin


def test_thirty_wrong_passwords_then_the_right_one_is_refused(ac: AccessControl) -> None:
    _users(ac)
    outcomes = [_try(ac, "bob", WRONG, "os:eve") for _ in range(30)]
    assert _try(ac, "bob", PASSWORD, "os:eve") != "ok"
    # only the first few guesses were even checked; the rest were refused unread
    checked = [
        e
        for e in ac.trail.events(action="auth:login", outcome="denied")
        if e.details_dict().get("reason") == "bad credentials"
    ]
    assert len(checked) == 3
    assert "too many failed attempts" in outcomes[-1]


def test_lockout_is_audited_alerted_and_expires(ac: AccessControl, clock: Clock) -> None:
    _users(ac)
    _hammer(ac, clock, "bob", "os:eve", 10)
    assert "too many failed attempts" in _try(ac, "bob", PASSWORD, "os:eve")
    [locked] = list(ac.trail.events(action="auth:lockout"))
    assert locked.resource == "principal:bob" and locked.outcome == "denied"
    alerts = [a for a in detect(ac.trail.events()) if a.rule == "account-locked"]
    assert len(alerts) == 1 and alerts[0].severity == "high"
    clock.now += LOCK_FOR - timedelta(seconds=1)
    assert "too many failed attempts" in _try(ac, "bob", PASSWORD, "os:eve")
    clock.now += timedelta(seconds=2)
    assert _try(ac, "bob", PASSWORD, "os:eve") == "ok"


def test_the_lock_holds_across_processes(ac: AccessControl, clock: Clock) -> None:
    _users(ac)
    _hammer(ac, clock, "bob", "os:eve", 10)
    other = AccessControl(ac.db, ac.trail, clock=clock)  # another process, same database
    assert "too many failed attempts" in _try(other, "bob", PASSWORD, "os:eve")


def test_an_administrator_unlocks(ac: AccessControl, clock: Clock) -> None:
    admin = _users(ac)
    _hammer(ac, clock, "bob", "os:eve", 10)
    assert "too many failed attempts" in _try(ac, "bob", PASSWORD, "os:bob")
    viewer = ac.actor_from_token(ac.create_token(admin, "bob", days=1).token)
    with pytest.raises(AccessDenied):
        ac.unlock(viewer, "bob")
    ac.unlock(admin, "bob")
    assert _try(ac, "bob", PASSWORD, "os:bob") == "ok"
    assert list(ac.trail.events(action="user:unlock", outcome="allowed"))


def test_an_attacker_cannot_lock_the_owner_out_of_a_known_source(
    ac: AccessControl, clock: Clock
) -> None:
    _users(ac)
    assert _try(ac, "root@example.com", PASSWORD, "os:root") == "ok"  # the owner's usual place
    _hammer(ac, clock, "root@example.com", "os:eve", 12)
    assert "too many failed attempts" in _try(ac, "root@example.com", PASSWORD, "os:eve")
    assert _try(ac, "root@example.com", PASSWORD, "os:root") == "ok"
    # the known source has a budget of its own
    _hammer(ac, clock, "root@example.com", "os:root", 10)
    assert "too many failed attempts" in _try(ac, "root@example.com", PASSWORD, "os:root")


def test_a_source_spraying_many_accounts_is_locked(ac: AccessControl, clock: Clock) -> None:
    admin = _users(ac)
    for i in range(30):
        ac.add_principal(admin, f"user{i}", password=PASSWORD, roles=("viewer",))
        clock.now += timedelta(minutes=6)
        _try(ac, f"user{i}", WRONG, "os:eve")
    assert "too many failed attempts" in _try(ac, "bob", PASSWORD, "os:eve")
    assert _try(ac, "bob", PASSWORD, "os:bob") == "ok"  # other sources are unaffected
    assert any(e.resource == "source:os:eve" for e in ac.trail.events(action="auth:lockout"))


def test_wrong_one_time_codes_lock_too(ac: AccessControl, clock: Clock) -> None:
    admin = _users(ac)
    secret, _ = ac.mfa_enroll(admin, "bob")
    assert ac.mfa_confirm(admin, "bob", pyotp.TOTP(secret).at(clock.now))
    for _ in range(10):
        clock.now += timedelta(minutes=6)
        assert _try(ac, "bob", PASSWORD, "os:eve", wrong_code(secret, clock.now)) != "ok"
    clock.now += timedelta(seconds=30)
    outcome = _try(ac, "bob", PASSWORD, "os:eve", pyotp.TOTP(secret).at(clock.now))
    assert "too many failed attempts" in outcome


def test_a_wrong_current_password_counts_as_a_failure(ac: AccessControl, clock: Clock) -> None:
    _users(ac)
    bob = ac.actor_from_token(ac.login("bob", PASSWORD, source="os:bob").token)
    for _ in range(10):
        clock.now += timedelta(minutes=6)
        with pytest.raises(AccessDenied):
            ac.set_password(bob, "bob", "a brand new passphrase", current=WRONG, source="os:bob")
    with pytest.raises(AccessDenied, match="too many failed attempts"):
        ac.set_password(bob, "bob", "a brand new passphrase", current=PASSWORD, source="os:bob")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_parallel_guesses_are_counted_before_they_are_checked(
    backend: str, ac: AccessControl, clock: Clock, request: pytest.FixtureRequest
) -> None:
    target: AccessControl = ac if backend == "sqlite" else request.getfixturevalue("pg_ac")
    _users(target)
    gate = threading.Barrier(12)

    def guess() -> None:
        gate.wait()
        _try(target, "bob", WRONG, "os:eve")

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked = [
        e
        for e in target.trail.events(action="auth:login", outcome="denied")
        if e.details_dict().get("reason") == "bad credentials"
    ]
    assert len(checked) == 3


def test_secrets_of_failed_attempts_never_reach_the_trail(ac: AccessControl, clock: Clock) -> None:
    _users(ac)
    _hammer(ac, clock, "bob", "os:eve", 11)
    dump = "\n".join(e.body().decode() for e in ac.trail.events())
    assert WRONG not in dump and PASSWORD not in dump
    from secplan.audit.verify import verify

    assert verify(ac.trail, [KEY.verifier]).ok
