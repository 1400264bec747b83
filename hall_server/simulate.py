"""Terminals simulated at the wire-contract level: what an agent publishes, for tests and benchmarks.

A :class:`ContractTerminal` connects with its Last Will, publishes its birth, retained status
snapshots and numbered events exactly as ``wire/contract.py`` describes; :meth:`kill`
drops the connection without a DISCONNECT so the broker publishes the will, as when the power
goes. The real agent (``zizhu agent``) is the production path; this is its stand-in where a
hundred terminals must fit in one process.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Literal

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from wire.contract import QOS, EventPayload, Kind, RatingPayload, StatePayload, StatusPayload, terminal_topic
from wire.feedback import new_id
from wire.status import (
    AppLiveness,
    DeviceState,
    HostHealth,
    PaperLevel,
    PrinterStation,
    PrinterStatus,
    TerminalStatus,
    replace,
)


def healthy_status(paper: PaperLevel = PaperLevel.FULL, **host: object) -> TerminalStatus:
    """A terminal with a receipt printer whose paper is ``paper`` and host health ``host``."""
    printer = PrinterStatus(name="printer", state=DeviceState.ONLINE,
                            stations={"receipt": PrinterStation(paper=paper, online=True)}, cover_open=False)
    h = HostHealth(power="ac", network_link=True, gateway_reachable=True, backend_reachable=True,
                   disk_free_percent=60.0, broker_rtt_ms=3.0)
    return TerminalStatus(devices=[printer], host=replace(h, **host) if host else h,
                          app=AppLiveness(state="running"))


class ContractTerminal:
    """One terminal at the wire-contract level, logged in with ``username``/``password``.

    Without a username, on one of ``zizhu.broker``'s private brokers (tests, benchmarks), it logs
    in with that broker's account for ``terminal``.
    """

    def __init__(self, hall: str, terminal: str, host: str, port: int, *, session: int = 1,
                 keepalive: int = 5, username: str | None = None, password: str | None = None,
                 heartbeat_s: float | None = None) -> None:
        self.hall, self.terminal, self.session = hall, terminal, session
        self.host, self.port, self.keepalive = host, port, keepalive
        self.heartbeat_s = heartbeat_s  # like an agent: its status again every heartbeat (see beat())
        self._beating = threading.Event()
        if username is None:
            from zizhu.broker import MosquittoBroker

            broker = MosquittoBroker.serving(port)
            if broker is not None:
                username, password = broker.terminal_login(terminal, hall)
        self.username, self.password = username, password
        self.seq = 0
        self.connected = threading.Event()
        self.client = self._new_client()

    def _new_client(self) -> mqtt.Client:
        c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"zizhu-agent-{self.terminal}", protocol=mqtt.MQTTv5)
        if self.username is not None:
            c.username_pw_set(self.username, self.password)
        c.will_set(self.topic(Kind.STATE), StatePayload(terminal=self.terminal, online=False,
                                                         session=self.session).encode(), qos=QOS, retain=True)
        c.on_connect = lambda *_a: self.connected.set()
        return c

    def topic(self, kind: Kind) -> str:
        return terminal_topic(self.hall, self.terminal, kind)

    def start(self, timeout: float = 10.0) -> None:
        self.connected.clear()
        self.client.connect(self.host, self.port, keepalive=self.keepalive)
        self.client.loop_start()
        if not self.connected.wait(timeout):
            raise TimeoutError(f"{self.terminal}: no CONNACK from {self.host}:{self.port}")
        self.publish(Kind.STATE, StatePayload(terminal=self.terminal, online=True, session=self.session,
                                              agent_version="sim", keepalive_s=self.keepalive,
                                              heartbeat_s=self.heartbeat_s).encode(), retain=True)

    def beat(self, status: TerminalStatus) -> None:
        """Publish ``status`` every ``heartbeat_s`` from a thread of its own, as an agent does, until frozen."""
        assert self.heartbeat_s is not None, "a terminal without a heartbeat"
        period = self.heartbeat_s
        self._beating.set()

        def run() -> None:
            while self._beating.is_set():
                self.status(status)
                time.sleep(period)

        threading.Thread(target=run, name=f"beat-{self.terminal}", daemon=True).start()

    def freeze(self) -> None:
        """The process hangs: no heartbeat, no MQTT ping, but the socket stays open (no will until keepalive).

        The heartbeat stops at once; stopping paho's thread may take up to a second (its select)."""
        self._beating.clear()
        self.client.loop_stop()

    def publish(self, kind: Kind, payload: bytes, retain: bool = False) -> mqtt.MQTTMessageInfo:
        return self.client.publish(self.topic(kind), payload, qos=QOS, retain=retain)

    def status(self, status: TerminalStatus, out_of_service: bool = False) -> mqtt.MQTTMessageInfo:
        return self.publish(Kind.STATUS, StatusPayload(terminal=self.terminal, session=self.session, status=status,
                                                       faults=status.faults(),
                                                       out_of_service=out_of_service).encode(), retain=True)

    def event(self, fault: str, action: Literal["raised", "cleared"], detail: str = "") -> mqtt.MQTTMessageInfo:
        self.seq += 1
        return self.publish(Kind.EVENT, EventPayload(terminal=self.terminal, seq=self.seq, session=self.session,
                                                     fault=fault, action=action,
                                                     detail=detail).encode())

    def rate(self, level: int, *, item_code: str = "150100-001", item_name: str = "社保卡补换",
             tags: Sequence[str] = (), case_no: str | None = None, rated_at: datetime | None = None,
             rating_id: str | None = None) -> tuple[RatingPayload, mqtt.MQTTMessageInfo]:
        """A citizen's rating (好差评) of ``level`` (5 非常满意 … 1 非常不满意), numbered like events, as the
        agent forwards it from the kiosk; ``rated_at`` defaults to now in China's time."""
        self.seq += 1
        p = RatingPayload(terminal=self.terminal, seq=self.seq, session=self.session, id=rating_id or new_id(),
                          item_code=item_code, item_name=item_name, level=level, tags=list(tags), case_no=case_no,
                          rated_at=rated_at or datetime.now(timezone(timedelta(hours=8))))
        return p, self.publish(Kind.RATING, p.encode())

    def kill(self) -> None:
        """Gone without a word: the broker sees the socket close and publishes the will."""
        self._beating.clear()
        sock = self.client.socket()
        self.client.loop_stop()
        if isinstance(sock, socket.socket):
            sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def restart(self) -> None:
        """A new agent process: the next session, a new will."""
        self.session += 1
        self.client = self._new_client()
        self.start()

    def stop(self) -> None:
        self._beating.clear()
        self.client.disconnect()
        self.client.loop_stop()


class WebhookReceiver:
    """A local HTTP endpoint that records what apprise's ``json://`` posts to it (tests, bench, demo)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        import http.server
        import json as _json
        import time as _time

        self.received: list[tuple[float, str, dict[str, object]]] = []  # (monotonic time, path, body)
        self.arrived = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.arrived:
                    receiver.received.append((_time.monotonic(), self.path, _json.loads(body or b"{}")))
                    receiver.arrived.notify_all()
                self.send_response(200)
                self.end_headers()

            def log_message(self, *_a: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="webhook", daemon=True)

    def url(self, path: str) -> str:
        return f"json://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def start(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait(self, predicate: Callable[[list[tuple[float, str, dict[str, object]]]], bool],
             timeout: float = 20.0) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: predicate(self.received), timeout)
