"""The hall broker, as shipped (hall_server/data/mosquitto.conf), refuses every forged publish and every stranger.

Mosquitto 2.0.11 answers a QoS 1 publish the ACL refuses with PUBACK reason 0x87 (Not authorized)
and delivers it to no one; it refuses an anonymous client and a wrong password at CONNECT, also
with 0x87; it grants any SUBSCRIBE (its ACL file does not check subscriptions) but delivers only
what the account may read; and it drops a will the account may not publish. Every "nothing
arrived" below is proved without sleeping: the broker decides before it acknowledges, so a
message it would have delivered is queued ahead of the next one it does deliver.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.reasoncodes import ReasonCode

from ground.clock import utcnow
from tests.support import wait_until
from wire.contract import (
    CommandAction,
    CommandPayload,
    EventPayload,
    Kind,
    NoticePayload,
    StatePayload,
    hall_subscriptions,
    notice_topic,
    terminal_subscriptions,
    terminal_topic,
)
from zizhu.broker import MosquittoBroker

HALL = "h1"
NOT_AUTHORIZED = 0x87
NO_SUBSCRIBERS = 0x10  # accepted, nobody subscribed (a success code)


class Client:
    """A paho MQTT v5 client that records CONNACK, PUBACK reasons and messages."""

    def __init__(self, broker: MosquittoBroker, login: tuple[str, str] | None, client_id: str, *,
                 subscribe: Sequence[str] = (), will: tuple[str, bytes] | None = None) -> None:
        self.c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
        if login is not None:
            self.c.username_pw_set(*login)
        if will is not None:
            self.c.will_set(will[0], will[1], qos=1, retain=True)
        self.connack: ReasonCode | None = None
        self.connacked = threading.Event()
        self.subscribed = threading.Event()
        self.pubacks: dict[int, int] = {}
        self.messages: list[tuple[str, bytes]] = []
        self._cond = threading.Condition()
        self.c.on_connect = self._on_connect
        self.c.on_publish = self._on_publish
        self.c.on_message = self._on_message
        self.c.on_subscribe = lambda *_a: self.subscribed.set()
        self.topics = list(subscribe)
        self.c.connect(broker.host, broker.port, keepalive=30)
        self.c.loop_start()
        assert self.connacked.wait(10), "no CONNACK"
        if self.topics and self.connack == 0:
            assert self.subscribed.wait(10), "no SUBACK"

    def _on_connect(self, c: mqtt.Client, _u: Any, _f: Any, rc: ReasonCode, _p: Any) -> None:
        self.connack = rc
        if rc == 0 and self.topics:
            c.subscribe([(t, 1) for t in self.topics])
        self.connacked.set()

    def _on_publish(self, _c: Any, _u: Any, mid: int, rc: ReasonCode, _p: Any) -> None:
        with self._cond:
            self.pubacks[mid] = rc.value
            self._cond.notify_all()

    def _on_message(self, _c: Any, _u: Any, msg: mqtt.MQTTMessage) -> None:
        with self._cond:
            self.messages.append((msg.topic, bytes(msg.payload)))

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> int:
        """Publish at QoS 1; the broker's PUBACK reason code."""
        info = self.c.publish(topic, payload, qos=1, retain=retain)
        with self._cond:
            assert self._cond.wait_for(lambda: info.mid in self.pubacks, 10), f"no PUBACK for {topic}"
            return self.pubacks[info.mid]

    def got(self) -> list[tuple[str, bytes]]:
        with self._cond:
            return list(self.messages)

    def wait_for(self, topic: str) -> list[tuple[str, bytes]]:
        """Everything received up to and including the first message on ``topic``."""
        wait_until(lambda: any(t == topic for t, _ in self.got()), 10, f"a message on {topic}")
        got = self.got()
        return got[:next(i for i, (t, _) in enumerate(got) if t == topic) + 1]

    def close(self) -> None:
        self.c.disconnect()
        self.c.loop_stop()


@pytest.fixture
def locked() -> Iterator[MosquittoBroker]:
    """The shipped configuration, with the accounts of the hall server and terminals t01 and t02."""
    with MosquittoBroker(hall=HALL, terminals=["t01", "t02"]) as b:
        yield b


@pytest.fixture
def clients() -> Iterator[list[Client]]:
    made: list[Client] = []
    yield made
    for c in made:
        c.close()


def event(terminal: str, seq: int = 1) -> bytes:
    return EventPayload(terminal=terminal, seq=seq, session=1, fault="printer.receipt.paper_out",
                        action="raised").encode()


def command(terminal: str) -> bytes:
    return CommandPayload(terminal=terminal, id="c1", action=CommandAction.OUT_OF_SERVICE, params={"on": True},
                          expires_at=utcnow().replace(year=utcnow().year + 1)).encode()


def test_a_terminal_cannot_publish_as_another_nor_as_the_hall(locked: MosquittoBroker, clients: list[Client]) -> None:
    hall = Client(locked, locked.hall_login(), "hall", subscribe=hall_subscriptions(HALL))
    t02 = Client(locked, locked.terminal_login("t02"), "agent-t02", subscribe=terminal_subscriptions(HALL, "t02"))
    t01 = Client(locked, locked.terminal_login("t01"), "agent-t01")
    clients += [hall, t02, t01]
    forged = {
        "t02 state": (terminal_topic(HALL, "t02", Kind.STATE),
                      StatePayload(terminal="t02", online=False, session=2**62).encode()),
        "t02 status": (terminal_topic(HALL, "t02", Kind.STATUS), b'{"v":1}'),
        "t02 event": (terminal_topic(HALL, "t02", Kind.EVENT), event("t02")),
        "t02 cmd/result": (terminal_topic(HALL, "t02", Kind.CMD_RESULT), b'{"v":1}'),
        "a command to t02": (terminal_topic(HALL, "t02", Kind.CMD), command("t02")),
        "a command to itself": (terminal_topic(HALL, "t01", Kind.CMD), command("t01")),
        "an ack for t02": (terminal_topic(HALL, "t02", Kind.ACK), b'{"v":1}'),
        "an ack for itself": (terminal_topic(HALL, "t01", Kind.ACK), b'{"v":1}'),
        "the notice": (notice_topic(HALL), NoticePayload(hall=HALL, title="假公告", message="x").encode()),
        "another hall's event": (terminal_topic("h2", "t01", Kind.EVENT), event("t01")),
    }
    reasons = {what: t01.publish(topic, body, retain=True) for what, (topic, body) in forged.items()}
    assert reasons == dict.fromkeys(forged, NOT_AUTHORIZED)
    # Its own event goes through; it is the first thing the hall receives: none of the forged ones was.
    own = event("t01")
    assert t01.publish(terminal_topic(HALL, "t01", Kind.EVENT), own) == 0
    assert hall.wait_for(terminal_topic(HALL, "t01", Kind.EVENT)) == [(terminal_topic(HALL, "t01", Kind.EVENT), own)]
    # The hall's own command to t02 is the first thing t02 receives: no forged command, ack or notice.
    cmd = command("t02")
    assert hall.publish(terminal_topic(HALL, "t02", Kind.CMD), cmd) == 0
    assert t02.wait_for(terminal_topic(HALL, "t02", Kind.CMD)) == [(terminal_topic(HALL, "t02", Kind.CMD), cmd)]
    # Nor was any forged message retained: a new subscriber of the whole hall gets none of them.
    spy = Client(locked, locked.observer_login(), "observer", subscribe=[f"zizhu/v1/{HALL}/#"])
    clients.append(spy)
    assert hall.publish(terminal_topic(HALL, "t02", Kind.ACK), b"{}", retain=True) == 0
    assert spy.wait_for(terminal_topic(HALL, "t02", Kind.ACK)) == [(terminal_topic(HALL, "t02", Kind.ACK), b"{}")]


def test_a_terminal_reads_only_its_own_commands_acks_and_the_notice(locked: MosquittoBroker,
                                                                   clients: list[Client]) -> None:
    hall = Client(locked, locked.hall_login(), "hall")
    t02 = Client(locked, locked.terminal_login("t02"), "agent-t02")
    clients += [hall, t02]
    assert t02.publish(terminal_topic(HALL, "t02", Kind.STATUS), b"t02 status", retain=True) == NO_SUBSCRIBERS
    # t01 subscribes to everything (2.0.11 grants it), but is handed only what it may read.
    t01 = Client(locked, locked.terminal_login("t01"), "agent-t01", subscribe=["zizhu/v1/#"])
    clients.append(t01)
    cmds = {t: command(t) for t in ("t02", "t01")}
    for t, cmd in cmds.items():
        assert hall.publish(terminal_topic(HALL, t, Kind.CMD), cmd) in (0, NO_SUBSCRIBERS)
        assert hall.publish(terminal_topic(HALL, t, Kind.ACK), f"ack {t}".encode()) in (0, NO_SUBSCRIBERS)
    assert hall.publish(notice_topic(HALL), b"notice") == 0
    assert t01.wait_for(notice_topic(HALL)) == [(terminal_topic(HALL, "t01", Kind.CMD), cmds["t01"]),
                                                (terminal_topic(HALL, "t01", Kind.ACK), b"ack t01"),
                                                (notice_topic(HALL), b"notice")]


def test_the_hall_does_its_part_and_no_more(locked: MosquittoBroker, clients: list[Client]) -> None:
    hall = Client(locked, locked.hall_login(), "hall", subscribe=[*hall_subscriptions(HALL), notice_topic(HALL)])
    t01 = Client(locked, locked.terminal_login("t01"), "agent-t01", subscribe=terminal_subscriptions(HALL, "t01"))
    clients += [hall, t01]
    for kind in (Kind.STATE, Kind.STATUS, Kind.EVENT, Kind.CMD_RESULT):  # it reads every terminal
        assert t01.publish(terminal_topic(HALL, "t01", kind), kind.value.encode()) == 0
    assert [t for t, _ in hall.wait_for(terminal_topic(HALL, "t01", Kind.CMD_RESULT))] == [
        terminal_topic(HALL, "t01", k) for k in (Kind.STATE, Kind.STATUS, Kind.EVENT, Kind.CMD_RESULT)]
    # It may not speak for a terminal.
    assert hall.publish(terminal_topic(HALL, "t01", Kind.EVENT), event("t01")) == NOT_AUTHORIZED
    assert hall.publish(terminal_topic(HALL, "t01", Kind.STATE), b"{}") == NOT_AUTHORIZED
    # Commands, acknowledgements and the notice are its own.
    assert hall.publish(terminal_topic(HALL, "t01", Kind.CMD), command("t01")) == 0
    assert hall.publish(terminal_topic(HALL, "t01", Kind.ACK), b"ack") == 0
    assert hall.publish(notice_topic(HALL), b"notice", retain=True) == 0
    assert [t for t, _ in t01.wait_for(notice_topic(HALL))] == [
        terminal_topic(HALL, "t01", Kind.CMD), terminal_topic(HALL, "t01", Kind.ACK), notice_topic(HALL)]


def test_strangers_are_refused_at_connect(locked: MosquittoBroker, clients: list[Client]) -> None:
    user, password = locked.terminal_login("t01")
    for login in (None, (user, "wrong"), (user, ""), ("terminal/h1/t99", password), ("t01", password)):
        c = Client(locked, login, "stranger")
        clients.append(c)
        assert c.connack is not None and c.connack.value == NOT_AUTHORIZED, login
        assert not c.c.is_connected()
    clients.append(Client(locked, (user, password), "agent-t01"))
    assert clients[-1].connack == 0


def test_a_forged_will_is_dropped_and_a_true_one_delivered(locked: MosquittoBroker, clients: list[Client]) -> None:
    hall = Client(locked, locked.hall_login(), "hall", subscribe=hall_subscriptions(HALL))
    clients.append(hall)
    t01 = locked.terminal_login("t01")

    def die(will_topic: str) -> None:
        c = Client(locked, t01, "agent-t01", will=(will_topic, b"will"))
        sock = c.c.socket()
        c.c.loop_stop()
        assert isinstance(sock, socket.socket)
        sock.shutdown(socket.SHUT_RDWR)  # gone without DISCONNECT: the broker publishes the will
        sock.close()

    die(terminal_topic(HALL, "t02", Kind.STATE))
    # The same client id again: the broker has dealt with the old connection (and its will) first.
    again = Client(locked, t01, "agent-t01")
    clients.append(again)
    assert again.publish(terminal_topic(HALL, "t01", Kind.STATUS), b"back") == 0
    assert hall.wait_for(terminal_topic(HALL, "t01", Kind.STATUS)) == [(terminal_topic(HALL, "t01", Kind.STATUS),
                                                                       b"back")]
    again.close()
    clients.remove(again)
    die(terminal_topic(HALL, "t01", Kind.STATE))
    assert hall.wait_for(terminal_topic(HALL, "t01", Kind.STATE))[-1] == (terminal_topic(HALL, "t01", Kind.STATE),
                                                                         b"will")


def test_a_terminal_added_to_the_registry_gets_in_after_a_reload(locked: MosquittoBroker,
                                                                clients: list[Client]) -> None:
    c = Client(locked, (f"terminal/{HALL}/t03", locked.auth.password(f"terminal/{HALL}/t03")), "agent-t03")
    clients.append(c)
    assert c.connack is not None and c.connack.value == NOT_AUTHORIZED
    locked.add_terminals(["t03"])  # rewrites passwd and acl, SIGHUP, waits until t03 gets in
    ok = Client(locked, locked.terminal_login("t03"), "agent-t03")
    clients.append(ok)
    assert ok.connack == 0 and ok.publish(terminal_topic(HALL, "t03", Kind.EVENT), event("t03")) == NO_SUBSCRIBERS


def test_tls_listener_as_shipped(tmp_path: Path, clients: list[Client]) -> None:
    """The shipped TLS listener alone, with a throwaway CA: a login gets in over TLS, a stranger does not."""
    from tests.agent.harness import make_ca_and_server_cert

    tmp_path.chmod(0o755)
    ca, cert, key = make_ca_and_server_cert(tmp_path)
    with MosquittoBroker(hall=HALL, terminals=["t01"], tls=(ca, cert, key), plain=False) as b:
        assert b.tls_port is not None

        def connack(login: tuple[str, str] | None) -> int:
            c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="agent-t01", protocol=mqtt.MQTTv5)
            if login is not None:
                c.username_pw_set(*login)
            c.tls_set(ca_certs=str(ca))
            got: list[int] = []
            c.on_connect = lambda _c, _u, _f, rc, _p: got.append(rc.value)
            c.connect(b.host, b.tls_port or 0)
            c.loop_start()
            try:
                wait_until(lambda: got, 10, "CONNACK over TLS")
                return got[0]
            finally:
                c.disconnect()
                c.loop_stop()

        assert connack(b.terminal_login("t01")) == 0
        assert connack(None) == NOT_AUTHORIZED
        assert connack((b.terminal_login("t01")[0], "wrong")) == NOT_AUTHORIZED
