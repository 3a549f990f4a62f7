"""Self-service on one's own account honours the credential: a scoped token stays scoped, a
minted token is never broader than the one minting it, a password change needs the current
password, and re-enrolling MFA needs the current second factor (or an administrator with MFA)."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest

from secplan.access import AccessControl, Actor
from secplan.errors import AccessDenied
from tests.unit.access.test_access import PASSWORD, Clock, _admin, wrong_code

NEW_PASSWORD = "an entirely new passphrase"


def _bob(ac: AccessControl, role: str = "data-steward") -> Actor:
    """Bob, logged in with a password session (no MFA yet)."""
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=(role,))
    return ac.actor_from_token(ac.login("bob", PASSWORD).token)


def _scan_token(ac: AccessControl, bob: Actor) -> Actor:
    return ac.actor_from_token(ac.create_token(bob, "bob", scopes=("scan:run",), days=30).token)


def _enrolled_bob(ac: AccessControl, clock: Clock) -> tuple[Actor, str]:
    bob = _bob(ac)
    secret, _ = ac.mfa_enroll(bob, "bob")
    assert ac.mfa_confirm(bob, "bob", pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=30)
    return bob, secret


def test_a_scoped_token_cannot_mint_a_broader_token(ac: AccessControl) -> None:
    scanner = _scan_token(ac, _bob(ac))
    with pytest.raises(AccessDenied, match="scan:run"):
        ac.create_token(scanner, "bob", scopes=("*",), days=365)
    with pytest.raises(AccessDenied, match="self:token"):
        ac.create_token(scanner, "bob", scopes=("scan:run",), days=1)
    denied = list(ac.trail.events(actor="bob", action="self:token", outcome="denied"))
    assert len(denied) == 2


def test_a_minted_token_stays_within_the_minting_token(ac: AccessControl, clock: Clock) -> None:
    bob = _bob(ac)
    minter = ac.actor_from_token(
        ac.create_token(bob, "bob", scopes=("self:token", "scan:run", "data:*"), days=10).token
    )
    # no scopes asked for: the new token inherits the minting token's, not "everything"
    child = ac.actor_from_token(ac.create_token(minter, "bob", days=5).token)
    assert child.scopes == ("self:token", "scan:run", "data:*")
    narrower = ac.create_token(minter, "bob", scopes=("data:r*", "scan:run"), days=5)
    assert ac.actor_from_token(narrower.token).scopes == ("data:r*", "scan:run")
    with pytest.raises(AccessDenied, match="scan:upload"):  # scan:* reaches beyond scan:run
        ac.create_token(minter, "bob", scopes=("scan:*",), days=5)
    with pytest.raises(AccessDenied, match="key:decrypt"):
        ac.create_token(minter, "bob", scopes=("data:read", "key:*"), days=5)
    with pytest.raises(AccessDenied, match="outlive"):
        ac.create_token(minter, "bob", scopes=("scan:run",), days=11)
    # a password session may mint a long-lived token: it was opened with the password
    assert ac.create_token(bob, "bob", days=365)


def test_a_scoped_token_cannot_change_the_password(ac: AccessControl) -> None:
    scanner = _scan_token(ac, _bob(ac))
    with pytest.raises(AccessDenied, match="self:password"):
        ac.set_password(scanner, "bob", NEW_PASSWORD, current=PASSWORD)
    ac.login("bob", PASSWORD)  # unchanged


def test_changing_ones_own_password_needs_the_current_one(ac: AccessControl) -> None:
    bob = _bob(ac)
    with pytest.raises(AccessDenied, match="current password"):
        ac.set_password(bob, "bob", NEW_PASSWORD)
    with pytest.raises(AccessDenied, match="current password"):
        ac.set_password(bob, "bob", NEW_PASSWORD, current="not the password at all")
    ac.login("bob", PASSWORD)
    ac.set_password(bob, "bob", NEW_PASSWORD, current=PASSWORD)
    ac.login("bob", NEW_PASSWORD)
    [failed] = list(ac.trail.events(actor="bob", action="self:password", outcome="denied"))[-1:]
    assert "current password" in failed.details_dict()["reason"]  # type: ignore[operator]


def test_an_administrator_with_mfa_sets_a_password_without_the_old_one(ac: AccessControl) -> None:
    _bob(ac)
    admin = Actor(name="root@example.com", kind="user", bindings=(("admin", "*"),), via="session")
    # a password set by someone else opens that account: not from a password-only session
    with pytest.raises(AccessDenied, match="user:password-reset"):
        ac.set_password(admin, "bob", NEW_PASSWORD)
    with pytest.raises(AccessDenied, match="login failed"):
        ac.login("bob", NEW_PASSWORD)
    verified = Actor(
        name="root@example.com", kind="user", bindings=(("admin", "*"),), via="session", mfa=True
    )
    ac.set_password(verified, "bob", NEW_PASSWORD)
    ac.login("bob", NEW_PASSWORD)


def test_a_scoped_token_cannot_reenroll_mfa(ac: AccessControl, clock: Clock) -> None:
    bob, _ = _enrolled_bob(ac, clock)
    scanner = _scan_token(ac, bob)
    with pytest.raises(AccessDenied, match="self:mfa"):
        ac.mfa_enroll(scanner, "bob")


def test_reenrolling_mfa_needs_the_current_second_factor(ac: AccessControl, clock: Clock) -> None:
    bob, secret = _enrolled_bob(ac, clock)
    with pytest.raises(AccessDenied, match="one-time code"):
        ac.mfa_enroll(bob, "bob")
    with pytest.raises(AccessDenied, match="one-time code"):
        ac.mfa_enroll(bob, "bob", code=wrong_code(secret, clock.now))
    # the old factor still works: nothing was replaced
    session = ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    assert ac.actor_from_token(session.token).mfa
    clock.now += timedelta(seconds=30)
    new_secret, _ = ac.mfa_enroll(bob, "bob", code=pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=30)
    # until the new secret is confirmed, the old one still opens sessions
    ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=30)
    assert ac.mfa_confirm(bob, "bob", pyotp.TOTP(new_secret).at(clock.now))
    clock.now += timedelta(seconds=30)
    with pytest.raises(AccessDenied):
        ac.login("bob", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    session = ac.login("bob", PASSWORD, pyotp.TOTP(new_secret).at(clock.now))
    assert ac.actor_from_token(session.token).mfa


def test_only_an_administrator_with_mfa_reenrolls_someone_else(
    ac: AccessControl, clock: Clock
) -> None:
    _enrolled_bob(ac, clock)
    no_mfa = Actor(name="root@example.com", kind="user", bindings=(("admin", "*"),), via="session")
    with pytest.raises(AccessDenied, match="multi-factor"):
        ac.mfa_enroll(no_mfa, "bob")
    with_mfa = Actor(
        name="root@example.com", kind="user", bindings=(("admin", "*"),), via="session", mfa=True
    )
    secret, _ = ac.mfa_enroll(with_mfa, "bob")
    assert ac.mfa_confirm(with_mfa, "bob", pyotp.TOTP(secret).at(clock.now))


def test_revoking_tokens_honours_the_scope(ac: AccessControl) -> None:
    bob = _bob(ac)
    other = ac.create_token(bob, "bob", days=30)
    scanner_tok = ac.create_token(bob, "bob", scopes=("scan:run",), days=30)
    scanner = ac.actor_from_token(scanner_tok.token)
    with pytest.raises(AccessDenied, match="self:token"):
        ac.revoke_token(scanner, other.id)
    ac.actor_from_token(other.token)  # still valid
    ac.revoke_token(scanner, scanner_tok.id)  # a credential may always give itself up
    with pytest.raises(AccessDenied):
        ac.actor_from_token(scanner_tok.token)
