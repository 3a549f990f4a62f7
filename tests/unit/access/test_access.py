"""Authorization: every role x action pair from the table, MFA, tokens, audited denials."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from secplan.access import ACTIONS, ROLES, AccessControl, Actor
from secplan.access.roles import role_grants
from secplan.audit.notes import Signer
from secplan.audit.verify import verify
from secplan.errors import AccessDenied, ConfigError

KEY = Signer("secplan-audit-test", Ed25519PrivateKey.from_private_bytes(bytes(range(32))))
PASSWORD = "correct horse battery staple"

#: The permission table the tests check against, written out independently of roles.py.
EXPECTED: dict[str, set[str]] = {
    "admin": set(ACTIONS),
    "security-officer": {
        "waiver:request",
        "waiver:approve",
        "incident:read",
        "incident:write",
        "register:write",
        "attestation:write",
        "audit:read",
        "audit:verify",
        "audit:checkpoint",
        "report:read",
        "scan:run",
        "scan:upload",
        "key:rotate",
        "key:destroy",
        "model:read",
        "model:verify",
        "data:read",
        "user:read",
    },
    "data-steward": {
        "data:read",
        "data:label",
        "data:sign",
        "data:verify",
        "data:anonymize",
        "data:reidentify",
        "data:share",
        "data:shred",
        "key:create",
        "key:encrypt",
        "key:decrypt",
        "report:read",
        "scan:run",
        "model:read",
        "incident:read",
    },
    "ml-engineer": {
        "scan:run",
        "scan:upload",
        "report:read",
        "model:read",
        "model:scan",
        "model:sign",
        "model:verify",
        "data:read",
        "data:anonymize",
        "key:encrypt",
        "waiver:request",
        "incident:read",
        "incident:write",
        "register:write",
    },
    "auditor": {"audit:read", "audit:verify", "report:read", "user:read", "incident:read"},
    "viewer": {"report:read", "model:read", "data:read"},
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def wrong_code(secret: str, at: datetime) -> str:
    """A six-digit code that is not the right one at ``at``."""
    return "000000" if pyotp.TOTP(secret).at(at) != "000000" else "111111"


def _admin(ac: AccessControl) -> Actor:
    local = ac.local_actor()
    ac.add_principal(local, "root@example.com", password=PASSWORD, roles=("admin",))
    return Actor(
        name="root@example.com", kind="user", bindings=(("admin", "*"),), mfa=True, via="session"
    )


def test_role_table_is_exactly_as_documented() -> None:
    assert set(ROLES) == set(EXPECTED)
    for role, allowed in EXPECTED.items():
        assert {a for a in ACTIONS if role_grants(role, a)} == allowed, role


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_role_action_pair(ac: AccessControl, role: str, action: str) -> None:
    actor = Actor(
        name=f"{role}-user", kind="user", bindings=((role, "*"),), mfa=True, via="session"
    )
    d = ac.authorize(actor, action, "dataset:data/x.csv")
    assert d.allowed is (action in EXPECTED[role]), d.reason
    [event] = list(ac.trail.events(actor=f"{role}-user"))
    assert (event.action, event.outcome) == (action, "allowed" if d.allowed else "denied")
    assert event.resource == "dataset:data/x.csv"


def test_deny_by_default_and_scopes(ac: AccessControl) -> None:
    nobody = Actor(name="n", kind="user", via="session")
    assert not ac.decide(nobody, "report:read", "project:p").allowed
    scoped = Actor(
        name="s",
        kind="user",
        bindings=(("data-steward", "dataset:data/public/*"),),
        via="session",
        mfa=True,
    )
    assert ac.decide(scoped, "data:label", "dataset:data/public/a.csv").allowed
    assert not ac.decide(scoped, "data:label", "dataset:data/private/a.csv").allowed
    assert not ac.decide(scoped, "data:fly", "dataset:data/public/a.csv").allowed


def test_mfa_actions_need_a_verified_session(ac: AccessControl) -> None:
    steward = Actor(name="s", kind="user", bindings=(("data-steward", "*"),), via="session")
    d = ac.decide(steward, "key:decrypt", "key:k1")
    assert not d.allowed and "multi-factor" in d.reason
    assert ac.decide(steward, "key:encrypt", "key:k1").allowed
    service = Actor(name="ci", kind="service", bindings=(("admin", "*"),), via="token")
    assert not ac.decide(service, "waiver:approve", "waiver:w1").allowed  # no second factor


def test_local_mode_until_the_first_user(ac: AccessControl) -> None:
    assert ac.local_mode()
    local = ac.local_actor()
    assert ac.decide(local, "key:decrypt", "key:k1").allowed  # single-user laptop
    with pytest.raises(ConfigError, match="first user must be an administrator"):
        ac.add_principal(local, "alice", password=PASSWORD)
    ac.add_principal(local, "alice", password=PASSWORD, roles=("admin",))
    assert not ac.local_mode()


def test_login_tokens_and_mfa(ac: AccessControl, clock: Clock) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=("data-steward",))
    session = ac.login("bob", PASSWORD)
    bob = ac.actor_from_token(session.token)
    assert (bob.name, bob.mfa, bob.via) == ("bob", False, "session")
    assert not ac.decide(bob, "key:decrypt", "key:k1").allowed

    secret, uri = ac.mfa_enroll(bob, "bob")
    assert uri.startswith("otpauth://totp/")
    code = pyotp.TOTP(secret).at(clock.now)
    assert ac.mfa_confirm(bob, "bob", code)
    with pytest.raises(AccessDenied):
        ac.login("bob", PASSWORD)  # now a code is required
    clock.now += timedelta(seconds=30)
    code = pyotp.TOTP(secret).at(clock.now)
    bob_mfa = ac.actor_from_token(ac.login("bob", PASSWORD, code).token)
    assert bob_mfa.mfa and ac.decide(bob_mfa, "key:decrypt", "key:k1").allowed
    with pytest.raises(AccessDenied):
        ac.login("bob", PASSWORD, code)  # a one-time code works once
    with pytest.raises(AccessDenied):
        ac.login("bob", "wrong password!!")


def test_token_expiry_revocation_and_scopes(ac: AccessControl, clock: Clock) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "ci-bot", kind="service", roles=("ml-engineer",))
    tok = ac.create_token(admin, "ci-bot", scopes=("scan:run",), days=1)
    bot = ac.actor_from_token(tok.token)
    assert ac.decide(bot, "scan:run", "project:p").allowed
    assert not ac.decide(bot, "model:sign", "model:m").allowed  # outside the token's scope
    clock.now += timedelta(days=1, seconds=1)
    with pytest.raises(AccessDenied, match="invalid, expired or revoked"):
        ac.actor_from_token(tok.token)
    tok2 = ac.create_token(admin, "ci-bot", days=30)
    ac.actor_from_token(tok2.token)
    ac.revoke_token(admin, tok2.id)
    with pytest.raises(AccessDenied):
        ac.actor_from_token(tok2.token)
    with pytest.raises(AccessDenied):
        ac.actor_from_token(tok2.token[:-2] + "xx")  # wrong secret, right id
    with pytest.raises(ConfigError, match="tokens always expire"):
        ac.create_token(admin, "ci-bot", days=400)
    ac.set_disabled(admin, "ci-bot", True)
    tok3 = ac.create_token(admin, "ci-bot", days=30)
    with pytest.raises(AccessDenied):
        ac.actor_from_token(tok3.token)


def test_management_needs_permission(ac: AccessControl) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "eve", password=PASSWORD, roles=("viewer",))
    eve = ac.actor_from_token(ac.login("eve", PASSWORD).token)
    with pytest.raises(AccessDenied):
        ac.grant(eve, "eve", "admin")
    with pytest.raises(AccessDenied):
        ac.add_principal(eve, "mallory", password=PASSWORD)
    with pytest.raises(AccessDenied):
        ac.create_token(eve, "root@example.com")
    ac.create_token(eve, "eve")  # own tokens are fine
    denied = list(ac.trail.events(actor="eve", outcome="denied"))
    assert [e.action for e in denied] == ["role:manage", "user:manage", "token:manage"]


def test_secrets_never_reach_the_trail(ac: AccessControl) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=("viewer",))
    tok = ac.create_token(admin, "bob")
    ac.actor_from_token(tok.token)
    with pytest.raises(AccessDenied):
        ac.login("bob", "not the password at all")
    secret, _ = ac.mfa_enroll(admin, "bob")
    dump = "\n".join(e.body().decode() for e in ac.trail.events())
    for s in (PASSWORD, "not the password at all", tok.secret, secret):
        assert s not in dump
    assert tok.id in dump  # the public id is fine, and useful
    assert verify(ac.trail, [KEY.verifier]).ok


def test_access_control_on_postgresql(pg_ac: AccessControl) -> None:
    admin = _admin(pg_ac)
    pg_ac.add_principal(admin, "bob", password=PASSWORD, roles=("auditor",))
    bob = pg_ac.actor_from_token(pg_ac.login("bob", PASSWORD).token)
    assert pg_ac.decide(bob, "audit:verify", "audit").allowed
    assert not pg_ac.decide(bob, "data:read", "dataset:x").allowed
