"""Role bindings and tokens sealed by the server's row key: what the server wrote counts;
a row written into the database around it grants nothing and is recorded."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import insert, select, update

from secplan.access import AccessControl
from secplan.audit import AuditTrail
from secplan.errors import AccessDenied
from secplan.store.schema import principals, role_bindings, tokens
from tests.dbs import open_test_db
from tests.unit.access.test_access import KEY, PASSWORD, Clock, _admin

ROW_KEY = b"k" * 32


@pytest.fixture(params=["sqlite", "postgresql"])
def sealed(request: pytest.FixtureRequest, tmp_path, clock: Clock):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 's.db'}"
        db = open_test_db(url)
        yield AccessControl(db, AuditTrail(db, KEY), clock=clock, row_key=ROW_KEY)
    else:
        from tests.dbs import postgres_schema_url

        for url in postgres_schema_url():
            db = open_test_db(url)
            yield AccessControl(db, AuditTrail(db, KEY), clock=clock, row_key=ROW_KEY)


def _bob(ac: AccessControl) -> None:
    ac.add_principal(_admin(ac), "bob", password=PASSWORD)
    ac.grant(_admin_actor(ac), "bob", "viewer", "project:beta")


def _admin_actor(ac: AccessControl):  # type: ignore[no-untyped-def]
    from secplan.access import Actor

    return Actor(name="root@example.com", kind="user", bindings=(("admin", "*"),), mfa=True)


def test_a_planted_binding_grants_nothing(sealed: AccessControl) -> None:
    _bob(sealed)
    with sealed.db.begin() as conn:
        pid = conn.execute(select(principals.c.id).where(principals.c.name == "bob")).scalar()
        conn.execute(
            insert(role_bindings).values(
                principal_id=pid, role="admin", scope="*", granted_by="x", granted_at="2026"
            )
        )
        # and an edit widening a sealed binding's scope
        conn.execute(
            update(role_bindings)
            .where(role_bindings.c.principal_id == pid, role_bindings.c.role == "viewer")
            .values(scope="*")
        )
    token = sealed.login("bob", PASSWORD)
    bob = sealed.actor_from_token(token.token)
    assert bob.bindings == ()
    sealed.report_unsealed()
    events = list(sealed.trail.events(action="access:unsealed-row"))
    assert {e.resource for e in events} == {"principal:bob"} and len(events) == 2
    # without the row key (the command line against the database) the rows are read as is
    plain = AccessControl(sealed.db, sealed.trail, clock=sealed.clock)
    assert ("admin", "*") in plain.actor_from_token(token.token).bindings


def test_sealed_rows_count_and_planted_tokens_do_not(sealed: AccessControl) -> None:
    _bob(sealed)
    bob = sealed.actor_from_token(sealed.login("bob", PASSWORD).token)
    assert bob.bindings == (("viewer", "project:beta"),)
    with sealed.db.begin() as conn:
        rid = conn.execute(select(principals.c.id).where(principals.c.name == "bob")).scalar()
        conn.execute(
            insert(tokens).values(
                id="00000000000000aa",
                principal_id=rid,
                secret_hash=hashlib.sha256(b"known").digest(),
                kind="api",
                scopes=json.dumps([]),
                description="",
                created="2026-01-01T00:00:00Z",
                expires="2099-01-01T00:00:00Z",
                mfa=True,
            )
        )
    with pytest.raises(AccessDenied):
        sealed.actor_from_token("spt_00000000000000aa_known")
    # a sealed token whose row is edited (more scopes, later expiry, MFA) stops working
    new = sealed.create_token(bob, "bob", scopes=("report:read",), days=1)
    assert sealed.actor_from_token(new.token).scopes == ("report:read",)
    with sealed.db.begin() as conn:
        conn.execute(update(tokens).where(tokens.c.id == new.id).values(scopes='["*"]'))
    with pytest.raises(AccessDenied):
        sealed.actor_from_token(new.token)


def test_clearing_a_revocation_in_the_database_does_not_revive_a_token(
    sealed: AccessControl,
) -> None:
    _bob(sealed)
    session = sealed.login("bob", PASSWORD)
    bob = sealed.actor_from_token(session.token)
    api = sealed.create_token(bob, "bob", scopes=("report:read",), days=1)
    sealed.revoke_token(bob, api.id)
    # an account disabled loses every token at once (the other way tokens are revoked)
    sealed.set_disabled(_admin_actor(sealed), "bob", True)
    with sealed.db.begin() as conn:
        conn.execute(update(tokens).values(revoked=None))
        conn.execute(update(principals).where(principals.c.name == "bob").values(disabled=False))
    for t in (api.token, session.token):
        with pytest.raises(AccessDenied):
            sealed.actor_from_token(t)


def test_a_planted_admin_binding_is_no_administrator_to_fall_back_on(
    sealed: AccessControl,
) -> None:
    from secplan.errors import ConfigError

    _bob(sealed)
    with sealed.db.begin() as conn:
        pid = conn.execute(select(principals.c.id).where(principals.c.name == "bob")).scalar()
        conn.execute(
            insert(role_bindings).values(
                principal_id=pid, role="admin", scope="*", granted_by="x", granted_at="2026"
            )
        )
    root = _admin_actor(sealed)
    with pytest.raises(ConfigError, match="last administrator"):
        sealed.revoke(root, "root@example.com", "admin", "*")
    with pytest.raises(ConfigError, match="last administrator"):
        sealed.set_disabled(root, "root@example.com", True)
