"""Alembic environment: migrations always run on a connection handed in by secplan."""

from __future__ import annotations

from alembic import context

from secplan.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("secplan migrations run through secplan.store.open_database()")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
