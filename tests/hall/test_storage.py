"""Storage: the migrations build exactly the models' schema, on SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import hall_server.accounts  # its models are part of the schema (used: it binds hall_server)
import hall_server.inspections  # noqa: F401  (so are these)
from hall_server.db import MIGRATIONS, Base, open_database


def _head() -> str | None:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def test_migrations_match_models_and_rerun(db_url: str) -> None:
    engine, _ = open_database(db_url)
    open_database(db_url)[0].dispose()  # on every start: a second run is a no-op
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert _head() is not None and _head() >= "0004"
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == _head()
        if engine.dialect.name == "sqlite":
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()
