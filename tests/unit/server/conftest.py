"""An in-process governance server over a fresh SQLite database, for tests of its routes:
the application itself, its keys in a temporary home, Argon2 at its cheapest parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from secplan.access import credentials


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        credentials, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )


@pytest.fixture
def app_parts(tmp_path: Path, cheap_argon2: None) -> Any:
    """(application, access controller) of a server whose first administrator is root."""
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from secplan.access import AccessControl
    from secplan.audit import AuditTrail
    from secplan.server.app import create_app
    from secplan.server.keys import load_keys
    from secplan.server.run import BOOTSTRAP
    from tests.dbs import open_test_db
    from tests.unit.access.test_access import KEY, PASSWORD

    db = open_test_db(f"sqlite:///{tmp_path / 'server.db'}")
    keys = load_keys(tmp_path)
    ac = AccessControl(db, AuditTrail(db, KEY), row_key=keys.row_key)
    ac.add_principal(BOOTSTRAP, "root", password=PASSWORD, roles=("admin",))
    return create_app(ac, keys), ac


def session_headers(ac: Any, name: str, *, mfa: bool = True) -> dict[str, str]:
    """The Authorization header of a new hour-long session of ``name`` (opened with a second
    factor unless ``mfa`` is False), minted by the administrator root."""
    from datetime import UTC, datetime, timedelta

    from secplan.access import Actor
    from secplan.access.manage import insert_token

    root = Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True)
    token = insert_token(
        ac,
        root,
        name,
        kind="session",
        scopes=(),
        expires=datetime.now(UTC) + timedelta(hours=1),
        desc="",
        mfa=mfa,
    ).token
    return {"Authorization": f"Bearer {token}"}
