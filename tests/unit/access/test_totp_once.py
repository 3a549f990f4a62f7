"""One one-time code opens one session, even when several logins race with it."""

from __future__ import annotations

import threading
from datetime import timedelta

import pyotp

from secplan.access import AccessControl
from secplan.access.throttle import Limits, Policy
from secplan.errors import AccessDenied
from tests.unit.access.test_access import PASSWORD, Clock, _admin

RACERS = 6
#: Enough room that the back-off lets every racer through to the code check.
LENIENT = Policy(account=Limits(50, 100), source=Limits(50, 100))


def _enrolled(ac: AccessControl, clock: Clock) -> str:
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=("viewer",))
    secret, _ = ac.mfa_enroll(admin, "bob")
    assert ac.mfa_confirm(admin, "bob", pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=30)
    return secret


def _race(ac: AccessControl, code: str) -> list[str]:
    """RACERS logins with the same code, released together; what each one got."""
    gate = threading.Barrier(RACERS)
    results: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        gate.wait()
        try:
            ac.login("bob", PASSWORD, code)
            outcome = "session"
        except AccessDenied:
            outcome = "denied"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _check(ac: AccessControl, clock: Clock) -> None:
    ac = AccessControl(ac.db, ac.trail, clock=clock, policy=LENIENT)
    secret = _enrolled(ac, clock)
    results = _race(ac, pyotp.TOTP(secret).at(clock.now))
    assert sorted(results) == ["denied"] * (RACERS - 1) + ["session"]
    sessions = [t for t in ac.tokens("bob") if t.kind == "session"]
    assert len(sessions) == 1
    denied = list(ac.trail.events(action="auth:login", outcome="denied"))
    assert len(denied) == RACERS - 1


def test_concurrent_logins_with_one_code_open_one_session_on_sqlite(
    ac: AccessControl, clock: Clock
) -> None:
    _check(ac, clock)


def test_concurrent_logins_with_one_code_open_one_session_on_postgresql(
    pg_ac: AccessControl, clock: Clock
) -> None:
    _check(pg_ac, clock)
