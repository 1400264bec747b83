"""Alert delivery through apprise (DingTalk, WeCom, email, webhooks …), off the ingest thread.

Alerts are database rows first (the core writes them); this sender groups the ones for one role
that arrive within ``group_wait_s`` into one message, keeps each role under its rate limit (the
rest wait and join the next group), retries with exponential backoff, and records every outcome
on the rows: ``sent``, ``failed`` (after the last retry) or ``no_route`` (no URL for the role).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ground.supervise import Supervised
from hall_server.config import AlertsConfig
from hall_server.db import Alert, write_sessions
from hall_server.faults import Role

log = logging.getLogger("zizhu.hall.alerts")

# deliver(urls, title, body) -> None, raising on failure. Replaceable for a bench's instrumentation.
Deliver = Callable[[Sequence[str], str, str, float], None]


# Schemes whose host is a plain address; in most others (dingtalk://TOKEN, wecombot://KEY) it is the secret.
_WEBHOOK_SCHEMES = frozenset({"json", "jsons", "xml", "xmls", "form", "forms"})


def redact_url(url: str) -> str:
    """For logs: alert URLs carry secrets; only a plain webhook keeps its host, the rest only the scheme."""
    parts = urlsplit(url)
    if parts.scheme in _WEBHOOK_SCHEMES and parts.hostname:
        return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}/…"
    return f"{parts.scheme}://…"


def apprise_deliver(urls: Sequence[str], title: str, body: str, timeout_s: float) -> None:
    import apprise  # slow to import: only when the first alert leaves

    ap = apprise.Apprise(asset=apprise.AppriseAsset(async_mode=False))
    for url in urls:
        if not ap.add(url):
            raise ValueError(f"apprise does not understand {redact_url(url)}")
    for server in ap:
        # apprise's own socket timeouts: one slow endpoint must not hold the others for ever
        server.socket_connect_timeout = server.socket_read_timeout = timeout_s
    if not ap.notify(title=title, body=body):
        raise ConnectionError("apprise reported the delivery failed")


class AlertSender:
    def __init__(self, sessions: sessionmaker[Session], cfg: AlertsConfig, deliver: Deliver = apprise_deliver,
                 on_outcome: Callable[[str, str], None] = lambda role, outcome: None) -> None:
        self.sessions = sessions
        self.write_sessions = write_sessions(sessions)
        self.cfg = cfg
        self.deliver = deliver
        self.on_outcome = on_outcome
        self.routes: dict[str, list[str]] = {r.value: list(getattr(cfg, r.value)) for r in Role}
        self._queue: queue.Queue[int] = queue.Queue()
        self._stop = threading.Event()
        self._sent: dict[str, deque[float]] = defaultdict(deque)
        self._unrouted: set[str] = set()
        self._thread = Supervised("zizhu-hall-alerts", self._run, self._stop, logger=log)

    def start(self) -> None:
        self._thread.start()

    def healthy(self) -> bool:
        return self._thread.alive()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._queue.put(-1)
        if self._thread.thread.is_alive():
            self._thread.join(timeout)

    def submit(self, alert_ids: Sequence[int]) -> None:
        for i in alert_ids:
            self._queue.put(i)

    # ---- the sender thread ----------------------------------------------------------------------
    def _run(self) -> None:
        waiting: dict[str, list[int]] = defaultdict(list)  # role → alert ids held by the rate limit
        while not self._stop.is_set():
            ids = self._collect(block=not any(waiting.values()))
            if self._stop.is_set():
                return
            for role, group in self._by_role(ids).items():
                waiting[role].extend(group)
            for role in list(waiting):
                if waiting[role] and self._may_send(role):
                    group, waiting[role] = waiting[role], []
                    try:
                        self._send_group(role, group)
                    except Exception:
                        log.exception("alert group for %s could not be sent", role)
            if any(waiting.values()):
                self._stop.wait(0.5)

    def _collect(self, block: bool) -> list[int]:
        ids: list[int] = []
        try:
            first = self._queue.get(timeout=None if block else 0.01)
        except queue.Empty:
            return ids
        if first >= 0:
            ids.append(first)
        deadline = time.monotonic() + self.cfg.group_wait_s
        while True:  # group what arrives within the group window
            left = deadline - time.monotonic()
            try:
                i = self._queue.get(timeout=max(left, 0)) if left > 0 else self._queue.get_nowait()
            except queue.Empty:
                return ids
            if i < 0:
                return ids
            ids.append(i)

    def _by_role(self, ids: list[int]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = defaultdict(list)
        if not ids:
            return out
        with self.sessions() as s:
            for a in s.scalars(select(Alert).where(Alert.id.in_(ids)).order_by(Alert.id)):
                out[a.role].append(a.id)
        return out

    def _may_send(self, role: str) -> bool:
        window = self._sent[role]
        now = time.monotonic()
        while window and now - window[0] > 60:
            window.popleft()
        return len(window) < self.cfg.rate_limit_per_minute

    def _send_group(self, role: str, ids: list[int]) -> None:
        with self.sessions() as s:
            alerts = list(s.scalars(select(Alert).where(Alert.id.in_(ids), Alert.status == "sending")
                                    .order_by(Alert.id)))
        if not alerts:
            return
        urls = self.routes.get(role, [])
        if not urls:
            if role not in self._unrouted:  # once per role: the rows say the rest
                self._unrouted.add(role)
                log.warning("no alert URL for role %s: its alerts are recorded as no_route", role)
            self._record(ids, "no_route", 0, "no apprise URL configured for this role")
            return
        if len(alerts) == 1:
            title, body = alerts[0].title, alerts[0].body
        else:
            title = f"[自助服务区] {len(alerts)} 条告警"
            body = "\n".join(f"• {a.title}\n  {a.body}" for a in alerts)
        delay, error = self.cfg.backoff_s, ""
        self._sent[role].append(time.monotonic())
        for attempt in range(1, self.cfg.retries + 2):
            try:
                self.deliver(urls, title, body, self.cfg.timeout_s)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                log.warning("alert to %s failed (attempt %d): %s", role, attempt, error)
                if attempt <= self.cfg.retries and not self._stop.wait(delay):
                    delay *= 2
                    continue
                self._record(ids, "failed", attempt, error)
                return
            self._record(ids, "sent", attempt, "")
            log.info("alert to %s sent: %s", role, title, extra={"event": "alert_sent",
                                                              "fields": {"role": role, "alerts": ids}})
            return

    def _record(self, ids: list[int], status: str, attempts: int, error: str) -> None:
        with self.write_sessions() as s, s.begin():
            for a in s.scalars(select(Alert).where(Alert.id.in_(ids))):
                if a.status != "sending":
                    continue
                a.status, a.attempts, a.error = status, attempts, error[:2000]
                if status == "sent":
                    a.sent_at = datetime.now(UTC)
                self.on_outcome(a.role, status)
