"""Alert delivery: grouping, retries with backoff, outcomes recorded, rate limit, no route."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hall_server.alerts import AlertSender, redact_url
from hall_server.config import AlertsConfig
from hall_server.db import Alert, open_database
from tests.support import wait_until


class Endpoint:
    """Stands in for apprise: fails the first ``fail`` deliveries, records the rest."""

    def __init__(self, fail: int = 0) -> None:
        self.fail = fail
        self.calls: list[tuple[list[str], str, str]] = []
        self.lock = threading.Lock()

    def __call__(self, urls: Sequence[str], title: str, body: str, timeout: float) -> None:
        with self.lock:
            self.calls.append((list(urls), title, body))
            if len(self.calls) <= self.fail:
                raise ConnectionError("webhook answered 502")


@pytest.fixture
def sessions(sqlite_url: str) -> Iterator[sessionmaker[Session]]:
    engine, s = open_database(sqlite_url)
    yield s
    engine.dispose()


def add_alerts(sessions: sessionmaker[Session], n: int, role: str = "admin") -> list[int]:
    now = datetime.now(UTC)
    with sessions() as s, s.begin():
        rows = [Alert(role=role, kind="opened", title=f"告警 {i}", body="…", created_at=now, due_at=now,
                      status="sending", attempts=0, error="") for i in range(n)]
        s.add_all(rows)
        s.flush()
        return [a.id for a in rows]


def outcomes(sessions: sessionmaker[Session]) -> list[tuple[str, int]]:
    with sessions() as s:
        return [(a.status, a.attempts) for a in s.scalars(select(Alert).order_by(Alert.id))]


def sender(sessions: sessionmaker[Session], endpoint: Endpoint, **cfg: object) -> AlertSender:
    settings = {"admin": ["json://127.0.0.1:9/admin"], "group_wait_s": 0.2, "backoff_s": 0.05, **cfg}
    s = AlertSender(sessions, AlertsConfig(**settings), deliver=endpoint)  # type: ignore[arg-type]
    s.start()
    return s


def test_grouped_and_retried_with_outcome(sessions: sessionmaker[Session]) -> None:
    endpoint = Endpoint(fail=2)
    s = sender(sessions, endpoint)
    s.submit(add_alerts(sessions, 3))
    wait_until(lambda: all(st == "sent" for st, _ in outcomes(sessions)), what="sent after retries")
    s.stop()
    assert outcomes(sessions) == [("sent", 3)] * 3  # one message for the three, third attempt
    assert len(endpoint.calls) == 3 and "3 条告警" in endpoint.calls[-1][1]


def test_failure_recorded_after_last_retry(sessions: sessionmaker[Session]) -> None:
    s = sender(sessions, Endpoint(fail=100), retries=2)
    s.submit(add_alerts(sessions, 1))
    wait_until(lambda: outcomes(sessions)[0][0] == "failed", what="failed")
    s.stop()
    with sessions() as db:
        a = db.scalars(select(Alert)).one()
    assert (a.attempts, a.sent_at) == (3, None) and "502" in a.error


def test_rate_limit_holds_the_rest_and_no_route(sessions: sessionmaker[Session]) -> None:
    endpoint = Endpoint()
    s = sender(sessions, endpoint, rate_limit_per_minute=1, group_wait_s=0.0)
    first = add_alerts(sessions, 1)
    s.submit(first)
    wait_until(lambda: outcomes(sessions)[0][0] == "sent", what="first sent")
    s.submit(add_alerts(sessions, 1))
    unrouted = add_alerts(sessions, 1, role="centre")
    s.submit(unrouted)
    wait_until(lambda: outcomes(sessions)[2][0] == "no_route", what="no route recorded")
    assert outcomes(sessions)[1][0] == "sending"  # over the limit: waits for the next minute
    assert len(endpoint.calls) == 1
    s.stop()


def test_urls_are_redacted_for_logs() -> None:
    assert redact_url("dingtalk://SECRETTOKEN/?secret=abc") == "dingtalk://…"
    assert redact_url("wecombot://key123") == "wecombot://…"
    assert redact_url("mailtos://user:pass@smtp.example.com") == "mailtos://…"
    assert redact_url("json://127.0.0.1:8080/hook?token=x") == "json://127.0.0.1:8080/…"
