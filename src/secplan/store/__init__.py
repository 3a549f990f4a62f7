"""The database used by the whole product for state: the audit trail, identities and tokens.

An embedded SQLite file by default (zero set-up, WAL mode), PostgreSQL when
``SECPLAN_DATABASE_URL`` (or ``[database] url`` in the configuration) points at one. The schema
is created and upgraded by Alembic migrations when the database is opened.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     db = open_database(f"sqlite:///{d}/state.db")
...     db.dialect
'sqlite'
"""

from secplan.store.db import Database, database_url, open_database
from secplan.store.schema import metadata

__all__ = ["Database", "database_url", "metadata", "open_database"]
