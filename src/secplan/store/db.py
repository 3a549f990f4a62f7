"""Opening the database: URL resolution, SQLite pragmas, write locking, migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from secplan import paths
from secplan._sqlite import DB_NAME, ENV_URL, HEAD_REVISION, LOCK_TIMEOUT_S, set_pragmas
from secplan.errors import ServiceError


def database_url(configured: str | None = None) -> str:
    """``SECPLAN_DATABASE_URL``, else ``configured``, else the SQLite file in secplan's home."""
    url = os.environ.get(ENV_URL) or configured
    if not url:
        return f"sqlite:///{paths.home() / DB_NAME}"
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN itself
    set_pragmas(dbapi_conn)


def _sqlite_begin(conn: Connection) -> None:
    # Every write transaction takes the write lock up front, so two writers can never read the
    # same audit head and fork the chain. Read transactions stay deferred: in WAL mode they see
    # a consistent snapshot and never block writers.
    if conn.get_execution_options().get("secplan_read"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True, slots=True)
class Database:
    """An open database with the schema at the latest migration."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction (serialised between writers)."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot: every statement in it sees the same committed state.

        SQLite in WAL mode keeps one snapshot per read transaction. PostgreSQL's default, READ
        COMMITTED, takes a new snapshot per statement, so reads that must agree with each
        other (a head and the rows it counts) run in one REPEATABLE READ, read-only
        transaction, which never blocks writers and never fails to serialize."""
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.execution_options(
                    secplan_read=True, isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
            else:
                conn.execution_options(secplan_read=True)
            yield conn

    def shown_url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        db_path = url.split(":///", 1)[-1]
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": LOCK_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _at_head(engine: Engine) -> bool:
    """Whether the schema is already at :data:`HEAD_REVISION` (a missing table: no)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return False
    return [r[0] for r in rows] == [HEAD_REVISION]


def _upgrade(engine: Engine) -> None:
    if _at_head(engine):
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("secplan.store") / "migrations"))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # one migrator at a time; the others wait, then find the schema up to date
            conn.execute(text("SELECT pg_advisory_xact_lock(7265637061)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_database(url: str | None = None, *, configured: str | None = None) -> Database:
    """Open (and create or upgrade) the database at ``url`` (see :func:`database_url`)."""
    resolved = url or database_url(configured)
    try:
        engine = _engine(resolved)
        _upgrade(engine)
    except (SQLAlchemyError, OSError) as exc:
        shown = resolved.split("@")[-1] if "@" in resolved else resolved
        raise ServiceError(
            f"database {shown}: cannot open ({type(exc).__name__}: {str(exc).splitlines()[0]})",
            f"check {ENV_URL} or [database] url, and that the server is reachable",
        ) from exc
    return Database(engine=engine, url=resolved)
