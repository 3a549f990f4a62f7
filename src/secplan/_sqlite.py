"""How secplan's SQLite database is opened, without the database layer: shared by
:mod:`secplan.store.db` and the light audit append (:mod:`secplan.audit.local`)."""

from __future__ import annotations

from typing import Any

#: Names a database other than the SQLite file in secplan's home.
ENV_URL = "SECPLAN_DATABASE_URL"

#: Seconds a writer waits for another writer's lock before giving up.
LOCK_TIMEOUT_S = 60

#: The newest migration. A database already at it is opened without loading Alembic (which
#: costs a large part of a short command's start-up); tests check it against the scripts.
HEAD_REVISION = "0007"

#: The file name of the default database in secplan's home.
DB_NAME = "secplan.db"


def set_pragmas(dbapi_conn: Any) -> None:
    """The settings every connection runs under."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # an audit trail must survive a power cut
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={LOCK_TIMEOUT_S * 1000}")
    cur.close()
