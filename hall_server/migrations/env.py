"""Alembic environment: always run programmatically with a connection (see hall_server.db.migrate)."""

from __future__ import annotations

from alembic import context

from hall_server.db import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through hall_server.db.migrate(engine)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
