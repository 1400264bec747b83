"""The hall test harness: a core on a real database with a fake clock, and what it sent out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from ground.clock import FakeClock
from hall_server.config import AlertsConfig, HallServerConfig
from hall_server.core import CoreSettings, HallCore
from hall_server.db import Incident, open_database
from hall_server.faults import load_fault_table
from hall_server.service import HallService
from hall_server.simulate import WebhookReceiver
from wire.contract import NoticePayload
from zizhu.broker import MosquittoBroker
from zizhu.config import HallConfig, HallInfo, MqttConfig

HALL = "h1"


@dataclass
class Harness:
    url: str
    clock: FakeClock
    core: HallCore
    alerts: list[int] = field(default_factory=list)
    notices: list[NoticePayload | None] = field(default_factory=list)
    engines: list[sa.Engine] = field(default_factory=list)

    def restart(self) -> HallCore:
        """A new process on the same database (what a kill -9 and a restart leave)."""
        self.core = make_core(self.url, self.clock, self.alerts, self.notices)
        self.engines.append(self.core.sessions.kw["bind"])
        return self.core


def make_core(url: str, clock: FakeClock, alerts: list[int], notices: list[NoticePayload | None],
              **settings: object) -> HallCore:
    _engine, sessions = open_database(url)
    return HallCore(sessions, load_fault_table(), CoreSettings(hall=HALL, hall_name="测试大厅", **settings),  # type: ignore[arg-type]
                    clock=clock, send_alerts=alerts.extend, publish_notice=notices.append)




def hall_config(tmp: Path, broker_port: int, webhook: WebhookReceiver | None, db_url: str | None = None,
                hold_s: float = 1.0, **server: object) -> HallConfig:
    """A hall on the test broker with alerts to the local webhook, correlation held ``hold_s``."""
    faults = tmp / "faults.toml"
    faults.write_text("".join(
        f'[[correlation]]\nfault = "{f}"\nsystem_fault = "{s}"\nmin_terminals = {n}\nmin_fraction = {fr}\n'
        f"hold_seconds = {hold_s}\n"
        for f, s, n, fr in (("terminal.offline", "hall.terminals_down", 3, 0.5),
                            ("host.backend.unreachable", "hall.backend_unreachable", 2, 0.0))), encoding="utf-8")
    alerts = AlertsConfig(**({r: [webhook.url(r)] for r in ("admin", "maintenance", "centre")} if webhook else {}),
                          group_wait_s=0.1, backoff_s=0.1)
    srv: dict[str, object] = {"database_url": db_url or f"sqlite:///{tmp}/hall.sqlite3", "http_port": 0,
                              "faults_file": faults, "tick_s": 0.1, **server}
    b = MosquittoBroker.serving(broker_port)  # our private broker: log in with the hall server's account
    login = b.hall_login() if b is not None else (None, None)
    return HallConfig(hall=HallInfo(id=HALL, name="测试大厅"),
                      mqtt=MqttConfig(port=broker_port, keepalive_s=5, username=login[0], password=login[1]),
                      server=HallServerConfig(**srv), alerts=alerts)  # type: ignore[arg-type]


def open_incidents(svc: HallService) -> list[Incident]:
    """The incidents of a running hall server not yet resolved, oldest first."""
    with svc.sessions() as s:
        return list(s.scalars(sa.select(Incident).where(Incident.state != "resolved").order_by(Incident.id)))
