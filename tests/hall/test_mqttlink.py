"""The hall server's MQTT process: messages in order, acknowledged only when done, and a dead MQTT
process replaced without losing or repeating anything (the broker delivers again what was not acked)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from sqlalchemy import func, select

from hall_server.db import EventSeen
from hall_server.mqttlink import FrontSettings, _Front
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


class _HallEnd:
    """The hall server's end of the pipe, read by the test: what the front hands over."""

    def __init__(self, settings: FrontSettings) -> None:
        self.conn, theirs = multiprocessing.Pipe()
        self.front = _Front(settings, theirs)
        self.thread = threading.Thread(target=self.front.run, daemon=True)
        self.thread.start()

    def next(self, kind: str, timeout: float = 20.0) -> tuple[object, ...]:
        deadline = time.monotonic() + timeout
        while self.conn.poll(max(0.0, deadline - time.monotonic())):
            item = self.conn.recv()
            if item[0] == kind:
                return tuple(item)
        raise AssertionError(f"no {kind!r} from the front within {timeout} s")

    def messages(self, n: int) -> list[tuple[int, int, int, str, bytes]]:
        got: list[tuple[int, int, int, str, bytes]] = []
        while len(got) < n:
            got += self.next("msgs")[1]  # type: ignore[operator]
        return got

    def stop(self) -> None:
        self.conn.send(("stop",))
        self.thread.join(10)


def test_acknowledgements_of_an_earlier_connection_are_dropped(broker: MosquittoBroker) -> None:
    """After a reconnect the broker reuses packet ids: an ack meant for the old connection must not
    acknowledge what the new one carries, or a message the hall never finished would be lost."""
    topic = f"zizhu/v1/{HALL}/t09/event"
    hall_user, hall_password = broker.hall_login()
    settings = FrontSettings(host="127.0.0.1", port=broker.port, keepalive_s=5, client_id="hall-acks",
                             subscriptions=(f"zizhu/v1/{HALL}/+/event",), qos=1, session_expiry_s=600,
                             username=hall_user, password=hall_password)
    hall = _HallEnd(settings)
    hall.next("connected")
    pub = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="pub", protocol=mqtt.MQTTv5)
    pub.username_pw_set(*broker.terminal_login("t09"))
    pub.connect("127.0.0.1", broker.port)
    pub.loop_start()
    try:
        for i in range(5):
            pub.publish(topic, f"m{i}".encode(), qos=1).wait_for_publish(10)
        first = hall.messages(5)
        assert [c for c, *_ in first] == [1] * 5
        # Someone takes the session over and leaves without acknowledging; the front takes it back.
        thief = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="hall-acks", protocol=mqtt.MQTTv5,
                            manual_ack=True)
        thief.username_pw_set(hall_user, hall_password)
        props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
        props.SessionExpiryInterval = 600
        stolen = threading.Semaphore(0)
        thief.on_message = lambda _c, _u, _m: stolen.release()
        thief.connect("127.0.0.1", broker.port, clean_start=False, properties=props)
        thief.loop_start()
        for _ in range(5):  # the broker hands the thief the five unacknowledged messages
            assert stolen.acquire(timeout=20)
        thief.disconnect()
        thief.loop_stop()
        assert hall.next("connected")[1] == 2
        again = hall.messages(5)
        assert [(c, p) for c, _m, _q, _t, p in again] == [(2, f"m{i}".encode()) for i in range(5)]
        # The hall finishes the messages of connection 1 only now: those acks must go nowhere.
        hall.conn.send(("acks", [(c, mid, q) for c, mid, q, _t, _p in first]))
        hall.stop()  # orders are carried out in turn: the acks first, and paho sends what it queued first
        # Nothing was acknowledged, so a new front gets all five again.
        hall = _HallEnd(settings)
        hall.next("connected")
        third = hall.messages(5)
        assert [p for *_x, p in third] == [f"m{i}".encode() for i in range(5)]
        hall.conn.send(("acks", [(c, mid, q) for c, mid, q, _t, _p in third]))  # now really done
    finally:
        hall.stop()
        pub.disconnect()
        pub.loop_stop()


def test_a_hall_of_thousands_connecting_into_their_retained_states_does_not_deadlock(
        broker: MosquittoBroker, tmp_path: Path) -> None:
    """On connect the hall publishes every terminal's ack while the broker delivers every retained state.

    Written into the pipe by the thread that also reads from it, thousands of acks blocked both sides
    of the MQTT process's pipe for good (bench hall (d), 10,000 terminals): nothing more was handled.
    """
    from hall_server.registry import RegistryEntry
    from wire.contract import Kind, StatePayload, terminal_topic

    n = 4000
    pub = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="test-fleet", protocol=mqtt.MQTTv5)
    pub.username_pw_set(*broker.fleet_login(HALL))
    pub.max_inflight_messages_set(1000)
    pub.connect("127.0.0.1", broker.port)
    pub.loop_start()
    infos = [pub.publish(terminal_topic(HALL, f"t{i:05d}", Kind.STATE),
                         StatePayload(terminal=f"t{i:05d}", online=True, session=1).encode(), qos=1, retain=True)
             for i in range(n)]
    for info in infos:
        info.wait_for_publish(30)
    pub.disconnect()
    pub.loop_stop()
    svc = HallService(hall_config(tmp_path, broker.port, None))
    svc.core.import_registry([RegistryEntry(id=f"t{i:05d}") for i in range(n)])
    svc.start(http=False)
    try:
        wait_until(lambda: svc.ingest.handled >= n, timeout=60, what="every retained state handled")
        wait_until(lambda: svc.ingest.acks_published >= n, timeout=30, what="every terminal's ack published")
        assert all(m.online for m in svc.core.terminals.values())
    finally:
        svc.stop()
