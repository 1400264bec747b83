"""End to end through a real Mosquitto: terminals publish as agents do, the hall files and alerts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy.exc import OperationalError

from hall_server.service import HallService
from hall_server.simulate import ContractTerminal, WebhookReceiver, healthy_status
from tests.hall.harness import HALL, open_incidents
from tests.support import wait_until
from wire.contract import Kind, NoticePayload, decode, notice_topic
from wire.status import PaperLevel
from zizhu.broker import MosquittoBroker


class NoticeWatcher:
    """A terminal's view of the retained hall notice (logged in as terminal ``terminal``)."""

    def __init__(self, broker: MosquittoBroker, terminal: str = "t99") -> None:
        self.notices: list[NoticePayload | None] = []
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
        self.client.username_pw_set(*broker.terminal_login(terminal))
        self.client.on_message = self._on_message
        self.client.on_connect = lambda c, *_a: c.subscribe(notice_topic(HALL), qos=1)
        self.client.connect("127.0.0.1", broker.port)
        self.client.loop_start()

    def _on_message(self, _c: object, _u: object, msg: mqtt.MQTTMessage) -> None:
        n = decode(Kind.NOTICE, bytes(msg.payload))
        self.notices.append(n if n is None or isinstance(n, NoticePayload) else None)

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def paths(webhook: WebhookReceiver) -> list[str]:
    return [p for _t, p, _b in webhook.received]


def test_paper_out_to_webhook_and_back(broker: MosquittoBroker, webhook: WebhookReceiver,
                                       service: HallService) -> None:
    t = ContractTerminal(HALL, "t01", "127.0.0.1", broker.port)
    t.start()
    t.status(healthy_status())
    wait_until(lambda: service.core.terminals.get("t01") is not None and service.core.terminals["t01"].online,
               what="t01 online")
    t.status(healthy_status(PaperLevel.OUT))
    assert webhook.wait(lambda r: any("打印纸用完" in str(b.get("title")) for _t, _p, b in r)), "no alert"
    assert paths(webhook) == ["/admin"]
    [inc] = open_incidents(service)
    assert (inc.fault_code, inc.tier) == ("printer.receipt.paper_out", "general")

    t.status(healthy_status(PaperLevel.FULL))
    wait_until(lambda: open_incidents(service) == [], what="incident resolved")
    assert webhook.wait(lambda r: any("已恢复" in str(b.get("title")) for _t, _p, b in r))

    # garbage never stops ingest; it is counted
    t.client.publish(t.topic(Kind.STATUS), b"{not json", qos=1)
    t.client.publish(t.topic(Kind.EVENT), b'{"v": 1, "terminal": "t01"}', qos=1)
    # (t01 may publish only under its own topics: a birth naming t02 there is out of contract)
    t.client.publish(t.topic(Kind.STATE), b'{"v":1,"terminal":"t02","online":true,"session":1}', qos=1)
    t.event("app.frozen", "raised")
    wait_until(lambda: any(i.fault_code == "app.frozen" for i in open_incidents(service)), what="event after garbage")
    metrics = httpx.get(f"{service.base_url}/metrics").text
    assert 'zizhu_hall_messages_total{kind="status",outcome="malformed"} 1.0' in metrics
    assert 'zizhu_hall_messages_total{kind="event",outcome="out_of_contract"} 1.0' in metrics
    assert 'zizhu_hall_messages_total{kind="state",outcome="out_of_contract"} 1.0' in metrics
    assert "zizhu_hall_unknown_terminal_messages_total" in metrics
    t.stop()


def test_killed_terminals_offline_then_one_system_incident_and_notice(
        broker: MosquittoBroker, webhook: WebhookReceiver, service: HallService) -> None:
    terms = [ContractTerminal(HALL, f"t{i:02d}", "127.0.0.1", broker.port) for i in range(1, 6)]
    for t in terms:
        t.start()
    watcher = NoticeWatcher(broker)
    wait_until(lambda: sum(bool(m.online) for m in service.core.terminals.values()) == 5, what="5 online")

    terms[0].kill()
    wait_until(lambda: [i.fault_code for i in open_incidents(service)] == ["terminal.offline"], what="will")
    assert open_incidents(service)[0].tier == "comms_mechanical"
    assert webhook.wait(lambda r: any(p == "/maintenance" for _t, p, _b in r)), "offline alert after hold"

    for t in terms[1:4]:  # 4 of 5 down at once
        t.kill()
    wait_until(lambda: any(i.fault_code == "hall.terminals_down" for i in open_incidents(service)),
               what="system incident")
    wait_until(lambda: len([i for i in open_incidents(service) if i.fault_code == "terminal.offline"]) == 4,
               what="4 offline")
    wait_until(lambda: any(n is not None for n in watcher.notices), what="retained notice")
    assert webhook.wait(lambda r: any(p == "/centre" for _t, p, _b in r))
    system = next(i for i in open_incidents(service) if i.tier == "system")
    children = [i for i in open_incidents(service) if i.fault_code == "terminal.offline"]
    assert len(children) == 4 and all(c.parent_id == system.id for c in children)
    status = httpx.get(f"{service.base_url}/api/status").json()
    assert status["outage"] is True and status["notices"]
    assert "暂停服务" in httpx.get(f"{service.base_url}/status").text
    assert paths(webhook).count("/maintenance") == 1  # the three later terminals sent no alert of their own

    for t in terms[:4]:
        t.restart()
    wait_until(lambda: open_incidents(service) == [], what="all resolved")
    wait_until(lambda: watcher.notices[-1] is None, what="notice cleared")
    assert httpx.get(f"{service.base_url}/api/status").json()["outage"] is False
    watcher.stop()
    for t in terms:
        t.stop()


def test_database_away_then_back_loses_nothing(broker: MosquittoBroker, service: HallService,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real = service.core.process
    failures = [0]

    def flaky(messages: Sequence[Any]) -> list[tuple[str, bool]]:
        if failures[0] < 2:  # the first two commits fail, as when PostgreSQL restarts
            failures[0] += 1
            raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))
        return real(messages)

    monkeypatch.setattr(service.core, "process", flaky)
    t = ContractTerminal(HALL, "t01", "127.0.0.1", broker.port)
    t.start()
    t.status(healthy_status(PaperLevel.OUT))
    wait_until(lambda: [i.fault_code for i in open_incidents(service)] == ["printer.receipt.paper_out"],
               what="filed once the database is back")
    assert failures[0] == 2
    t.stop()


def test_wait_handled_times_out_short_of_the_count_and_wakes_when_reached(broker: MosquittoBroker,
                                                                           service: HallService) -> None:
    start = service.ingest.handled
    assert service.ingest.wait_handled(start, 0.01)  # already there
    assert not service.ingest.wait_handled(start + 1, 0.05)  # nothing sent yet
    t = ContractTerminal(HALL, "t01", "127.0.0.1", broker.port)
    t.start()
    t.status(healthy_status())
    assert service.ingest.wait_handled(start + 2, 30)  # birth and status
    assert service.ingest.handled >= start + 2
    t.stop()
