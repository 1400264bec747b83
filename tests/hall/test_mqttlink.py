"""The hall server's MQTT process: messages in order, acknowledged only when done, and a dead MQTT
process replaced without losing or repeating anything (the broker delivers again what was not acked)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from sqlalchemy import func, select

from hall_server.db import EventSeen
from hall_server.service import HallService
from hall_server.simulate import ContractTerminal, WebhookReceiver, healthy_status
from tests.hall.harness import HALL, hall_config
from tests.support import wait_until
from zizhu.broker import MosquittoBroker


def events_seen(svc: HallService, terminal: str) -> int:
    with svc.sessions() as s:
        return s.scalar(select(func.count()).select_from(EventSeen).where(EventSeen.terminal_id == terminal)) or 0


def test_the_mqtt_process_killed_mid_stream_is_replaced_and_nothing_is_lost(
        broker: MosquittoBroker, webhook: WebhookReceiver, tmp_path: Path) -> None:
    svc = HallService(hall_config(tmp_path, broker.port, webhook))
    svc.start(http=False)
    t = ContractTerminal(HALL, "t01", "127.0.0.1", broker.port)
    try:
        wait_until(svc.ingest.connected.is_set, what="hall connected")
        pid = svc.ingest.link.pid
        assert pid is not None and pid != os.getpid(), "MQTT is received in a process of its own"
        t.start()
        t.status(healthy_status())
        for n in range(100):
            t.event("printer.receipt.paper_near_end", "raised" if n % 2 == 0 else "cleared").wait_for_publish(10)
            if n == 40:
                os.kill(pid, signal.SIGKILL)  # events keep coming while the hall has no MQTT process
        wait_until(lambda: svc.ingest.link.restarts >= 1 and svc.ingest.connected.is_set(),
                   what="a new MQTT process, connected")
        assert svc.ingest.link.pid not in (None, pid)
        # none lost (a redelivered one is recognised by its seq and stored once: the table's key)
        wait_until(lambda: events_seen(svc, "t01") == 100, timeout=30, what="every event stored")
        assert svc.core.terminals["t01"].last_seq == 100
    finally:
        t.stop()
        svc.stop()


def test_in_process_mode_is_the_same_ingest(broker: MosquittoBroker, webhook: WebhookReceiver,
                                            tmp_path: Path) -> None:
    """``server.mqtt_process = false``: the same front on a thread, for tools that must not fork."""
    svc = HallService(hall_config(tmp_path, broker.port, webhook, mqtt_process=False))
    svc.start(http=False)
    t = ContractTerminal(HALL, "t02", "127.0.0.1", broker.port)
    try:
        wait_until(svc.ingest.connected.is_set, what="hall connected")
        assert svc.ingest.link.pid is None
        t.start()
        t.status(healthy_status())
        for _ in range(10):
            t.event("printer.receipt.paper_near_end", "raised").wait_for_publish(10)
        wait_until(lambda: events_seen(svc, "t02") == 10, what="every event stored")
        assert svc.core.terminals["t02"].last_seq == 10
    finally:
        t.stop()
        svc.stop()
