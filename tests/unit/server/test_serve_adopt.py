"""``secplan serve --adopt`` as the command runs it: the trail is verified with the keys the
server's home trusts, what it vouches for is sealed, the rest is listed with how to grant it,
and a trail that does not verify stops the server before anything is adopted."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from secplan.access import AccessControl, Actor
from secplan.audit import AuditTrail
from secplan.audit.keys import local_signer
from secplan.errors import ConfigError
from secplan.server import run
from secplan.store import Database
from secplan.store.schema import audit_events, principals, role_bindings
from tests.dbs import open_test_db
from tests.unit.access.test_access import PASSWORD


@pytest.fixture
def db_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Database:
    """A database the command line used before the server (in the server's home, so the
    checkpoint is signed by the key the server trusts), and one binding planted by SQL."""
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(run, "check_exposure", lambda opts: None)
    pytest.importorskip("uvicorn")
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: None)
    db = open_test_db(f"sqlite:///{tmp_path / 's.db'}")
    ac = AccessControl(db, AuditTrail(db, local_signer()))
    ac.add_principal(ac.local_actor(), "root", password=PASSWORD, roles=("admin",))
    root = Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True)
    ac.add_principal(root, "bob", password=PASSWORD)
    ac.grant(root, "bob", "viewer", "project:beta")
    ac.trail.checkpoint()
    with db.begin() as conn:
        pid = conn.execute(select(principals.c.id).where(principals.c.name == "bob")).scalar()
        conn.execute(
            insert(role_bindings).values(
                principal_id=pid, role="admin", scope="*", granted_by="x", granted_at="x"
            )
        )
    return db


def _serve(db: Database) -> None:
    run.serve(db, run.ServeOptions("127.0.0.1", 0, "root", adopt=True))


def test_serve_adopt_seals_what_the_trail_vouches_for(
    db_before: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _serve(db_before)
    err = capsys.readouterr().err
    assert "adopted 2 accounts and 2 role bindings" in err
    assert (
        "left unsealed: principal:bob role admin on *: the signed audit trail holds no grant" in err
    )
    assert "POST /api/v1/users/NAME/roles" in err
    with db_before.read() as conn:
        rows = conn.execute(
            select(principals.c.name, role_bindings.c.role, role_bindings.c.seal).join(
                principals, principals.c.id == role_bindings.c.principal_id
            )
        ).all()
    sealed = {(r.name, r.role): r.seal is not None for r in rows}
    assert sealed == {("root", "admin"): True, ("bob", "viewer"): True, ("bob", "admin"): False}


def test_serve_adopt_refuses_a_trail_that_does_not_verify(
    db_before: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with db_before.begin() as conn:
        conn.execute(update(audit_events).where(audit_events.c.seq == 2).values(actor="x"))
    with pytest.raises(ConfigError, match="does not verify"):
        _serve(db_before)
    with db_before.read() as conn:
        assert conn.execute(select(principals.c.seal)).scalars().all() == [None, None]
