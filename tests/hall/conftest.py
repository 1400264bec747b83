"""Fixtures of the hall server tests: a database on SQLite and on PostgreSQL, a core with a fake clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from ground.clock import FakeClock
from hall_server.service import HallService
from hall_server.simulate import WebhookReceiver
from tests.hall.harness import Harness, hall_config, make_core
from tests.support import wait_until
from wire.contract import NoticePayload
from zizhu.broker import MosquittoBroker

PG_URL = os.environ.get("ZIZHU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"zizhu_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/hall.sqlite3"
    else:
        yield from _pg_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/hall.sqlite3"


@pytest.fixture
def hall(db_url: str) -> Iterator[Harness]:
    clock = FakeClock()
    alerts: list[int] = []
    notices: list[NoticePayload | None] = []
    h = Harness(db_url, clock, make_core(db_url, clock, alerts, notices), alerts, notices)
    h.engines.append(h.core.sessions.kw["bind"])
    yield h
    for e in h.engines:
        e.dispose()


@pytest.fixture
def service(broker: MosquittoBroker, webhook: WebhookReceiver, tmp_path: Path) -> Iterator[HallService]:
    """A whole hall server (HTTP on a free port) on the test broker, alerting the local webhook."""
    svc = HallService(hall_config(tmp_path, broker.port, webhook))
    svc.start()
    wait_until(svc.ingest.connected.is_set, what="hall connected")
    yield svc
    svc.stop()


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    """A local webhook receiver: where apprise's json:// alerts land."""
    w = WebhookReceiver().start()
    yield w
    w.stop()
