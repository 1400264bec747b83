"""One hall server: storage, the rules, ingest, alerts, the clock's tick and the HTTP server, wired."""

from __future__ import annotations

import gc
import logging
import socket
import threading
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from ground.clock import Clock
from hall_server import inspections, reports
from hall_server.alerts import AlertSender, Deliver, apprise_deliver
from hall_server.config import HallConfig
from hall_server.core import CoreSettings, HallCore
from hall_server.db import Incident, open_database
from hall_server.domain import appointments, workorders
from hall_server.faults import load_fault_table
from hall_server.ingest import Ingest
from hall_server.keys import KeyFileError, read_private_key
from hall_server.metrics import Metrics
from hall_server.registry import load_registry
from hall_server.web.events import EventBus
from wire.contract import NoticePayload

log = logging.getLogger("zizhu.hall")

# CPython's default collects generation 0 every 700 net allocations. Ingest builds a tree of objects for
# every message (the validated snapshot) and keeps the newest per terminal, so at the default the
# collector ran every few messages and rescanned those snapshots each time: measured in the hall drain,
# about 1.7 s of collector time per 40,000 status messages, 0.4 s at this threshold. Validated payloads
# hold no reference cycles (reference counting frees them), so collecting less often costs little memory.
GC_GEN0_THRESHOLD = 20_000


def tune_gc() -> None:
    """For a process that runs a hall server: collect generation 0 less often (see GC_GEN0_THRESHOLD)."""
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(max(gen0, GC_GEN0_THRESHOLD), gen1, gen2)


class HallService:
    def __init__(self, cfg: HallConfig, clock: Clock | None = None, deliver: Deliver = apprise_deliver,
                 tick: bool = True) -> None:
        srv = cfg.server
        self.cfg = cfg
        self.engine, self.sessions = open_database(srv.database_url)
        self.table = load_fault_table(srv.faults_file)
        self.metrics = Metrics()
        self.bus = EventBus()  # what changed, for the dashboard's live pages (fed by the core after each commit)
        self.alerts = AlertSender(self.sessions, cfg.alerts, deliver,
                                  on_outcome=lambda role, outcome: self.metrics.alerts.labels(role, outcome).inc())
        settings = CoreSettings(hall=cfg.hall.id, hall_name=cfg.hall.name,
                                flap_window=timedelta(seconds=srv.flap_window_s),
                                notify_resolved=cfg.alerts.notify_resolved,
                                broker_grace=timedelta(seconds=srv.broker_grace_s),
                                rectification=timedelta(days=cfg.feedback.rectification_days),
                                private_key=self._private_key(cfg))
        self.core = HallCore(self.sessions, self.table, settings, clock=clock, send_alerts=self.alerts.submit,
                             publish_notice=self._publish_notice, publish_acks=self._publish_acks,
                             on_change=self.bus.publish)
        # The inspection log of this hall, its missed-slot check run in every tick.
        self.inspections = inspections.attach(self.core, cfg.inspections)
        # The complaint work orders of this hall, their overdue check run in every tick (docs/workorders.md).
        self.workorders = workorders.attach(self.core, cfg.feedback.departments)
        # The Saturday extended-hours appointments: recorded from the terminals, contact and no-show in every tick.
        self.appointments = appointments.attach(self.core)
        # The reports, their weekly summary to the centre checked in every tick.
        self.reports = reports.attach(self.core, self.inspections, cfg.reports)
        if srv.registry_file is not None:
            self.core.import_registry(load_registry(srv.registry_file), actor=str(srv.registry_file))
        self.ingest = Ingest(self.core, cfg.mqtt, self.metrics, client_id=srv.client_id or f"zizhu-hall-{cfg.hall.id}",
                             share_group=srv.share_group, session_expiry_s=srv.session_expiry_s,
                             in_process=not srv.mqtt_process, reconnect_min_s=srv.mqtt_reconnect_min_s,
                             reconnect_max_s=srv.mqtt_reconnect_max_s)
        self._tick_enabled = tick
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick_loop, name="zizhu-hall-tick", daemon=True)
        self._http: Any = None
        self._http_thread: threading.Thread | None = None
        self.http_port: int | None = None

    @staticmethod
    def _private_key(cfg: HallConfig) -> str | None:
        """The key that opens sealed phone numbers; without it complaints are still stored (phone sealed)."""
        path = cfg.feedback.private_key_file
        if path is None:
            log.warning("no [feedback] private_key_file: complaints are stored with their call-back phone "
                        "unreadable until one is configured (`zizhu hall keygen`)")
            return None
        try:
            return read_private_key(path)
        except KeyFileError as exc:
            log.error("the hall's private key cannot be used: %s; complaints are stored with their call-back "
                      "phone sealed, readable once the key is back", exc)
            return None

    def _publish_notice(self, notice: NoticePayload | None) -> None:
        self.ingest.publish_notice(notice)  # the ingest client is made after the core

    def _publish_acks(self, acks: Sequence[tuple[str, int, bool]]) -> None:
        self.ingest.publish_acks(acks)

    def start(self, http: bool = True) -> None:
        self.alerts.start()
        self.alerts.submit(self.core.pending_alert_ids())  # handed out before a crash: deliver them now
        self.ingest.start()
        if self._tick_enabled:
            self._ticker.start()
        if http:
            self._start_http()

    def _start_http(self) -> None:
        import uvicorn

        from hall_server.web.app import create_app

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.cfg.server.http_host, self.cfg.server.http_port))
        self.http_port = sock.getsockname()[1]
        # An open live page holds a response that never ends: the bus ends them at stop, and the server waits
        # for the rest at most this long.
        config = uvicorn.Config(create_app(self), log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=3)
        self._http = uvicorn.Server(config)
        self._http_thread = threading.Thread(target=self._http.run, kwargs={"sockets": [sock]},
                                             name="zizhu-hall-http", daemon=True)
        self._http_thread.start()

    @property
    def base_url(self) -> str:
        return f"http://{self.cfg.server.http_host}:{self.http_port}"

    def _tick_loop(self) -> None:
        while not self._stop.wait(self.cfg.server.tick_s):
            try:
                self.core.tick()
                self.update_gauges()
            except Exception:
                log.exception("tick failed")

    def healthy(self) -> bool:
        """Every long-lived thread of the hall server running: what its health check asks."""
        ticking = not self._tick_enabled or self._ticker.is_alive()
        return ticking and self.ingest.healthy() and self.alerts.healthy()

    def update_gauges(self) -> None:
        mems = list(self.core.terminals.values())
        for presence, n in (("online", sum(m.online is True for m in mems)),
                            ("offline", sum(m.online is False for m in mems)),
                            ("unknown", sum(m.online is None for m in mems))):
            self.metrics.terminals.labels(presence).set(n)
        with self.sessions() as s:
            counts = dict(s.execute(select(Incident.tier, func.count()).where(
                Incident.hall == self.core.hall, Incident.state != "resolved").group_by(Incident.tier)).all())
        for tier in self.table.tiers:
            self.metrics.open_incidents.labels(tier.value).set(counts.get(tier.value, 0))

    def stop(self) -> None:
        self._stop.set()
        self.bus.close()
        if self._http is not None:
            self._http.should_exit = True
            if self._http_thread is not None:
                self._http_thread.join(10)
        self.ingest.stop()
        self.alerts.stop()
        if self._ticker.is_alive():
            self._ticker.join(10)
        self.engine.dispose()
