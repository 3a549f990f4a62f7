"""Fixtures of the access-control tests: a fixed clock, an access controller per backend, and
Argon2 at its cheapest parameters (the code path is the same; only the work factor differs),
so that the many logins of these tests stay quick on a busy machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from secplan.access import AccessControl, credentials
from secplan.audit import AuditTrail
from tests.dbs import open_test_db
from tests.unit.access.test_access import KEY, Clock


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        credentials, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ac(tmp_path: Path, clock: Clock) -> AccessControl:
    db = open_test_db(f"sqlite:///{tmp_path / 's.db'}")
    return AccessControl(db, AuditTrail(db, KEY), clock=clock)


@pytest.fixture
def pg_ac(clock: Clock) -> Iterator[AccessControl]:
    from tests.dbs import postgres_schema_url

    gen = postgres_schema_url()
    url = next(gen)
    db = open_test_db(url)
    yield AccessControl(db, AuditTrail(db, KEY), clock=clock)
    db.dispose()
    gen.close()
