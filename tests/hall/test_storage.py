"""Storage: the migrations build exactly the models' schema, on SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hall_server.db import Base, open_database


def test_migrations_match_models_and_rerun(db_url: str) -> None:
    engine, _ = open_database(db_url)
    open_database(db_url)[0].dispose()  # on every start: a second run is a no-op
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0003"
        if engine.dialect.name == "sqlite":
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()
