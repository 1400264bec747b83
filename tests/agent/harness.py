"""Helpers of the fleet agent's tests: a terminal config on a private broker, a watching subscriber.

Imported as ``tests.agent.harness`` (a conftest.py cannot be imported by name: several exist)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from drivers.base import Device, SelfTestResult
from tests.support import wait_until
from wire.contract import (
    AckPayload,
    CommandPayload,
    CommandResultPayload,
    ComplaintPayload,
    EventPayload,
    Kind,
    RatingPayload,
    StatusPayload,
    decode_message,
    terminal_topic,
)
from wire.status import DeviceState, PaperLevel, PrinterStation, PrinterStatus
from zizhu.broker import MosquittoBroker
from zizhu.config import TerminalConfig, load_terminal

ROOT = Path(__file__).resolve().parents[2]
HALL, TERM = "h1", "t01"




def broker_login(port: int, who: str = TERM) -> tuple[str, str] | None:
    """The login a test client uses on our private broker on ``port``: a terminal's, ``"hall"`` or
    ``"observer"`` (test-only, reads everything); ``None`` if no broker of ours listens there."""
    b = MosquittoBroker.serving(port)
    if b is None:
        return None
    return b.hall_login() if who == "hall" else b.observer_login() if who == "observer" else b.terminal_login(who)


def _login_toml(port: int, mqtt_extra: str) -> str:
    login = None if "username" in mqtt_extra else broker_login(port)
    return f'username = "{login[0]}"\npassword = "{login[1]}"' if login else ""


def write_config(tmp_path: Path, port: int, *, mqtt_extra: str = "", agent_extra: str = "",
                 devices: str = "", name: str = "terminal.toml", frozen_after_s: float = 2) -> Path:
    """The terminal's configuration on the broker on ``port``, logged in as the terminal (unless
    ``mqtt_extra`` gives a username)."""
    path = tmp_path / name
    path.write_text(f"""
kind = "terminal"
[terminal]
id = "{TERM}"
hall = "{HALL}"
[mqtt]
host = "127.0.0.1"
port = {port}
keepalive_s = 2
{_login_toml(port, mqtt_extra)}
{mqtt_extra}
[agent]
socket_path = "{tmp_path / 'agent.sock'}"
spool_path = "{tmp_path / 'spool.sqlite3'}"
heartbeat_s = 1
poll_s = 0.5
app_frozen_after_s = {frozen_after_s}
reconnect_min_s = 0.2
reconnect_max_s = 1
command_timeout_s = 10
{agent_extra}
{devices}
""")
    return path


@pytest.fixture
def config_for(tmp_path: Path) -> Callable[..., TerminalConfig]:
    def make(port: int, **kw: Any) -> TerminalConfig:
        return load_terminal(write_config(tmp_path, port, **kw))
    return make


class Watcher:
    """A hall-side subscriber on the terminal's topics; records every message, decoded.

    It watches with the broker's test-only observer account (reads everything) and plays the hall —
    commands, acknowledgements — with the hall server's account, as a second connection.

    ``acks``: it also acknowledges, as the hall does, every event and command result it has received
    (the retained ``ack`` with the contiguous count, stepping over the agent's ``spool_floor``), so
    that the agent forgets them; ``acks=False`` plays a hall that stores nothing.
    """

    def __init__(self, port: int, topics: str = "zizhu/v1/#", persistent: bool = False, acks: bool = True) -> None:
        self.acks = acks
        self.epoch = 1
        self.received: dict[str, set[int]] = {}  # terminal → numbers received
        self.acked: dict[str, int] = {}
        self.messages: list[tuple[str, Any, bool]] = []
        self.raw: list[tuple[str, bytes]] = []
        self._cond = threading.Condition()
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"watcher-{os.getpid()}-{id(self)}",
                                  protocol=MQTTProtocolVersion.MQTTv5)
        self.client.on_message = self._on_message
        self.client.on_connect = lambda c, *_: c.subscribe(topics, qos=1)
        if (login := broker_login(port, "observer")) is not None:
            self.client.username_pw_set(*login)
        self.hall = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"watcher-hall-{os.getpid()}-{id(self)}",
                                protocol=MQTTProtocolVersion.MQTTv5)
        if (login := broker_login(port, "hall")) is not None:
            self.hall.username_pw_set(*login)
        self.hall.connect("127.0.0.1", port, keepalive=30)
        self.hall.loop_start()
        props = None
        if persistent:
            props = Properties(PacketTypes.CONNECT)
            props.SessionExpiryInterval = 3600
        self.client.connect("127.0.0.1", port, keepalive=30, clean_start=not persistent, properties=props)
        self.client.loop_start()
        wait_until(lambda: self.client.is_connected() and self.hall.is_connected(), 10, "watcher connected")

    def _on_message(self, _c: Any, _u: Any, msg: mqtt.MQTTMessage) -> None:
        with self._cond:
            self.raw.append((msg.topic, bytes(msg.payload)))
            try:
                _, _, payload = decode_message(msg.topic, bytes(msg.payload))
            except Exception as exc:  # recorded, so a test sees it
                payload = exc
            self.messages.append((msg.topic, payload, bool(msg.retain)))
        if self.acks:
            self._ack(payload)

    def _ack(self, payload: Any) -> None:
        numbered = EventPayload | CommandResultPayload | RatingPayload | ComplaintPayload
        seq = getattr(payload, "seq", None) if isinstance(payload, numbered) else None
        floor = payload.spool_floor if isinstance(payload, StatusPayload) else None
        if seq is None and floor is None:
            return
        term = payload.terminal
        got = self.received.setdefault(term, set())
        if seq is not None:
            got.add(seq)
        n = max(self.acked.get(term, 0), floor or 0)
        while n + 1 in got:
            n += 1
        if n != self.acked.get(term, 0) or seq is not None:
            self.acked[term] = n
            self.hall.publish(terminal_topic(HALL, term, Kind.ACK),
                                AckPayload(terminal=term, seq=n, epoch=self.epoch).encode(), qos=1, retain=True)

    def of(self, kind: Kind) -> list[Any]:
        topic = terminal_topic(HALL, TERM, kind)
        with self._cond:
            return [p for t, p, _ in self.messages if t == topic]

    def wait_for(self, kind: Kind, pred: Callable[[Any], bool] = lambda _: True, timeout: float = 20.0) -> Any:
        return wait_until(lambda: next((p for p in self.of(kind) if pred(p)), None), timeout,
                          f"a {kind.value} message")

    def send_command(self, cmd: CommandPayload | bytes, expiry_s: int | None = 60) -> None:
        props = Properties(PacketTypes.PUBLISH)
        if expiry_s is not None:
            props.MessageExpiryInterval = expiry_s
        body = cmd if isinstance(cmd, bytes) else cmd.encode()
        self.hall.publish(terminal_topic(HALL, TERM, Kind.CMD), body, qos=1, properties=props).wait_for_publish(10)

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> None:
        """Publish as the hall would (QoS 1, the hall's account), waiting for the broker's acknowledgement."""
        self.hall.publish(topic, payload, qos=1, retain=retain).wait_for_publish(10)

    def close(self) -> None:
        for c in (self.client, self.hall):
            c.loop_stop()
            c.disconnect()


@pytest.fixture
def watcher_for() -> Iterator[Callable[..., Watcher]]:
    made: list[Watcher] = []

    def make(port: int, **kw: Any) -> Watcher:
        w = Watcher(port, **kw)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()


class FakePrinter(Device):
    """A small in-memory printer driver: tests set its paper and watch it self-test."""

    def __init__(self, config: Any = None, name: str = "printer") -> None:
        self.name = name
        self.paper = PaperLevel.FULL
        self.is_open = False
        self.self_tests = 0
        self.fail_open = False

    def open(self) -> None:
        from drivers.base import DeviceOffline

        if self.fail_open:
            raise DeviceOffline("refused", "打印机未连接")
        self.is_open = True

    def close(self) -> None:
        self.is_open = False

    def status(self) -> PrinterStatus:
        return PrinterStatus(name=self.name, state=DeviceState.ONLINE if self.paper != PaperLevel.OUT
                             else DeviceState.USER_ERROR,
                             reason="缺纸" if self.paper == PaperLevel.OUT else "",
                             stations={"receipt": PrinterStation(paper=self.paper, online=True)})

    def self_test(self) -> SelfTestResult:
        self.self_tests += 1
        return SelfTestResult(self.name, True, "自检通过", {"paper": self.paper.value}, self.status())


def start_agent_process(config: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "zizhu", "agent", "--config", str(config), "--log-json", *extra],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def log_lines(proc: subprocess.Popen[bytes]) -> list[dict[str, Any]]:
    assert proc.stderr is not None
    out = []
    for line in proc.stderr.read().decode(errors="replace").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append({"msg": line})
    return out


@pytest.fixture
def persistent_broker() -> Iterator[MosquittoBroker]:
    """A broker that keeps sessions across its own restart (same port), like a production one."""
    with MosquittoBroker(persistence=True) as b:
        yield b


@pytest.fixture
def password_broker() -> Iterator[MosquittoBroker]:
    """A broker that knows one user, ``t01`` with password ``right-secret``, and refuses anonymous clients."""
    with tempfile.TemporaryDirectory(prefix="zizhu-mosq-auth-") as d:
        pwfile = Path(d) / "passwd"
        subprocess.run(["mosquitto_passwd", "-b", "-c", str(pwfile), TERM, "right-secret"], check=True,
                       capture_output=True)
        with MosquittoBroker(password_file=pwfile) as b:
            yield b


def make_ca_and_server_cert(d: Path, name: str = "ca") -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for IP 127.0.0.1 (openssl, EC P-256): (ca, cert, key)."""
    ca, ca_key = d / f"{name}.pem", d / f"{name}.key"
    cert, key, csr, ext = d / f"{name}-server.pem", d / f"{name}-server.key", d / f"{name}.csr", d / "ext.cnf"
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True)  # noqa: E731
    run("req", "-x509", *ec, "-keyout", str(ca_key), "-out", str(ca), "-days", "2", "-subj", f"/CN=zizhu test {name}")
    run("req", *ec, "-keyout", str(key), "-out", str(csr), "-subj", "/CN=127.0.0.1")
    ext.write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    run("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
        "-out", str(cert), "-days", "2", "-extfile", str(ext))
    return ca, cert, key
