"""Database fixtures: every storage and audit test runs on SQLite and on PostgreSQL.

PostgreSQL is used at ``SECPLAN_TEST_POSTGRES_URL`` (default
``postgresql://postgres@127.0.0.1:5432/test``). Where no server answers, those tests skip
with a message, unless ``SECPLAN_REQUIRE_POSTGRES=1`` (set by CI), which makes them fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("SECPLAN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("SECPLAN_REQUIRE_POSTGRES") == "1"


def postgres_schema_url() -> Iterator[str]:
    """A fresh PostgreSQL schema for one test, dropped afterwards."""
    import sqlalchemy as sa

    base = "postgresql+psycopg://" + PG_URL.split("://", 1)[1]
    try:
        engine = sa.create_engine(base)
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:  # no server here
        if REQUIRE_POSTGRES:
            pytest.fail(f"SECPLAN_REQUIRE_POSTGRES=1 but PostgreSQL is unreachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} (set SECPLAN_TEST_POSTGRES_URL)")
    schema = "t_" + uuid.uuid4().hex[:12]
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def sqlite_url(tmp: Path) -> str:
    return f"sqlite:///{tmp / 'state.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        yield from postgres_schema_url()


_opened: list[object] = []


def open_test_db(url: str):  # type: ignore[no-untyped-def]
    """``open_database`` for tests: the engine is disposed when the test ends."""
    from secplan.store import open_database

    db = open_database(url)
    _opened.append(db)
    return db


@pytest.fixture(autouse=True)
def _dispose_databases() -> Iterator[None]:
    yield
    while _opened:
        _opened.pop().dispose()  # type: ignore[attr-defined]
