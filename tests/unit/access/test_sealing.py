"""TOTP secrets are sealed at rest: the database alone cannot mint one-time codes."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update

from secplan.access import AccessControl, Actor, sealing
from secplan.errors import AccessDenied, ServiceError
from secplan.store.schema import principals
from tests.unit.access.test_access import PASSWORD, Clock, _admin


def _stored(ac: AccessControl, name: str) -> str:
    with ac.db.read() as conn:
        value = conn.execute(
            select(principals.c.mfa_secret).where(principals.c.name == name)
        ).scalar_one()
    return str(value)


def _enrolled(ac: AccessControl, clock: Clock, name: str = "bob") -> str:
    admin = _admin(ac)
    ac.add_principal(admin, name, password=PASSWORD, roles=("data-steward",))
    secret, _ = ac.mfa_enroll(admin, name)
    assert ac.mfa_confirm(admin, name, pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=30)
    return secret


def test_the_database_holds_only_the_sealed_secret(ac: AccessControl, clock: Clock) -> None:
    secret = _enrolled(ac, clock)
    stored = _stored(ac, "bob")
    assert stored.startswith(sealing.PREFIX) and secret not in stored
    assert sealing.key_path().stat().st_mode & 0o777 == 0o600
    session = ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    assert ac.actor_from_token(session.token).mfa


def test_a_sealed_secret_copied_to_another_account_does_not_open(
    ac: AccessControl, clock: Clock
) -> None:
    secret = _enrolled(ac, clock)
    ac.add_principal(_admin_actor(), "mallory", password=PASSWORD, roles=("viewer",))
    with ac.db.begin() as conn:
        conn.execute(
            update(principals)
            .where(principals.c.name == "mallory")
            .values(mfa_secret=_stored(ac, "bob"), mfa_enabled=True)
        )
    with pytest.raises(ServiceError, match="does not open"):
        ac.login("mallory", PASSWORD, pyotp.TOTP(secret).at(clock.now))


def test_another_mfa_key_is_a_clear_error(
    ac: AccessControl, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = _enrolled(ac, clock)
    other = tmp_path / "other-mfa-key"
    other.write_bytes(base64.b64encode(bytes(32)))
    monkeypatch.setenv(sealing.ENV_KEY, str(other))
    with pytest.raises(ServiceError, match="does not open") as exc:
        ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    assert "SECPLAN_MFA_KEY" in exc.value.hint
    other.write_text("not base64!")
    with pytest.raises(ServiceError, match="cannot read the MFA key"):
        ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))


def test_a_plaintext_secret_from_before_sealing_is_sealed_on_its_next_use(
    ac: AccessControl, clock: Clock
) -> None:
    secret = _enrolled(ac, clock)
    with ac.db.begin() as conn:
        conn.execute(update(principals).where(principals.c.name == "bob").values(mfa_secret=secret))
    with pytest.raises(AccessDenied):
        right = pyotp.TOTP(secret).at(clock.now)
        ac.login("bob", PASSWORD, "000000" if right != "000000" else "111111")
    assert _stored(ac, "bob") == secret  # a failed login changes nothing
    ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    assert _stored(ac, "bob").startswith(sealing.PREFIX)


def test_sealed_secrets_fit_the_postgresql_column(pg_ac: AccessControl, clock: Clock) -> None:
    secret = _enrolled(pg_ac, clock)
    assert _stored(pg_ac, "bob").startswith(sealing.PREFIX)
    assert pg_ac.actor_from_token(
        pg_ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now)).token
    ).mfa


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", min_size=16, max_size=64), st.text())
def test_seal_round_trips_and_binds_the_principal(secret: str, principal: str) -> None:
    key = bytes(range(32))
    sealed = sealing.seal(secret, principal, key)
    assert len(sealed) <= 255
    assert sealing.unseal(sealed, principal, key) == secret
    with pytest.raises(ServiceError):
        sealing.unseal(sealed, principal + "x", key)


def _admin_actor() -> Actor:
    return Actor(
        name="root@example.com", kind="user", bindings=(("admin", "*"),), mfa=True, via="session"
    )


def test_a_stored_value_that_is_neither_sealed_nor_a_secret_is_refused(
    ac: AccessControl, clock: Clock
) -> None:
    secret = _enrolled(ac, clock)
    with ac.db.begin() as conn:
        conn.execute(
            update(principals).where(principals.c.name == "bob").values(mfa_secret="not-base32!")
        )
    with pytest.raises(ServiceError, match="not valid"):
        ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))


def test_the_mfa_key_is_created_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from secplan._io import write_new

    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path))
    first = sealing.load_key(create=True)
    assert first is not None and sealing.load_key(create=True) == first
    # a writer that lost the race keeps the winner's key
    assert write_new(sealing.key_path(), base64.b64encode(bytes(32))) is False
    assert sealing.load_key(create=False) == first
