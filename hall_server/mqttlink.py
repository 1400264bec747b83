"""The hall server's MQTT connection, in a process of its own: receiving costs the hall no GIL.

paho-mqtt spends ~45 µs of Python per QoS 1 message on reading, parsing and acknowledging it, about
as much as the hall spends validating and applying it. In one process both share one GIL, so the
hall could only take about half what a bare subscriber takes. Here a child process (the *front*)
owns the connection: it receives, hands the messages to the hall server in batches over a pipe, in
the order they came, and sends each PUBACK when the hall says the message is done with. The hall
server validates and applies them on its own core.

Nothing is lost on either side: a message is acknowledged to the broker only after the hall server
has finished with it, on a persistent session, so if the front or the hall server dies the broker
delivers the unacknowledged messages again. Acknowledgements carry the number of the connection
they belong to, and the front drops those of an earlier connection: after a reconnect the broker
reuses packet ids, and an old id would acknowledge a different message.

Pipe protocol (pickled tuples). Front → hall: ``("msgs", [(conn, mid, qos, topic, payload), …])``,
``("connected", conn, monotonic_at)``, ``("disconnected", reason)``, ``("refused", reason)``.
Hall → front: ``("acks", [(conn, mid, qos), …])``, ``("pub", topic, payload, qos, retain,
expiry_s)``, ``("stop",)``. Either side seeing the pipe close stops (the front) or starts a new
front (the hall server).

``in_process=True`` runs the same front on a thread instead (one process, one GIL): for tools and
tests that must not start processes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCode
from paho.mqtt.subscribeoptions import SubscribeOptions

from ground.supervise import Supervised

log = logging.getLogger("zizhu.hall.mqtt")

Message = tuple[int, int, int, str, bytes]  # connection number, mid, qos, topic, payload
MAX_BATCH = 1000  # messages per pipe write
# The broker sends at most this many unacknowledged QoS 1 messages (MQTT v5 Receive Maximum): it
# bounds what waits in the front and in the pipe when the hall server is slower than the broker.
RECEIVE_MAXIMUM = 4000
# After the first message of a batch the pump waits this long for more (as Kafka's linger.ms):
# handing over each message on its own would cost a pipe write, a pickle and a wake-up per message,
# on both sides and again for its acknowledgement. Small beside the hall's alert latency.
LINGER_S = 0.001
LINGER_ENOUGH = 64  # no need to wait when this many are already waiting


@dataclass(frozen=True)
class FrontSettings:
    host: str
    port: int
    keepalive_s: int
    client_id: str
    subscriptions: tuple[str, ...]
    qos: int
    session_expiry_s: int
    username: str | None = None
    password: str | None = None
    tls: bool = False
    ca_file: str | None = None
    gc_threshold: tuple[int, int, int] | None = None  # the hall server's own, for the front process too
    # After a lost connection: first retry after reconnect_min_s, doubling up to reconnect_max_s. Short:
    # while the hall is away, a broker without persistence keeps nothing for it.
    reconnect_min_s: float = 0.2
    reconnect_max_s: float = 2.0


# ---- the front (child process, or a thread with in_process) ---------------------------------------

class _Front:
    def __init__(self, settings: FrontSettings, conn: multiprocessing.connection.Connection) -> None:
        self.s = settings
        self.conn = conn
        self._send_lock = threading.Lock()
        self._inbox: deque[Message] = deque()  # appended by paho's thread, taken by the pump
        self._signalled = False
        self._wake_r, self._wake_w = os.pipe()  # paho's thread → the pump: "a batch has begun"
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._stopping = threading.Event()
        self.connection = 0  # grows with every CONNACK: acknowledgements of older ones are dropped
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=settings.client_id,
                                  protocol=mqtt.MQTTv5, manual_ack=True)
        if settings.username:
            self.client.username_pw_set(settings.username, settings.password)
        if settings.tls:
            self.client.tls_set(ca_certs=settings.ca_file)
        # Typed int, but paho only adds, doubles and compares the delays: fractions of a second work.
        self.client.reconnect_delay_set(settings.reconnect_min_s, settings.reconnect_max_s)  # type: ignore[arg-type]
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message

    def run(self) -> None:
        props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
        props.SessionExpiryInterval = self.s.session_expiry_s  # unacked messages wait for us across a crash
        props.ReceiveMaximum = RECEIVE_MAXIMUM
        self.client.connect_async(self.s.host, self.s.port, keepalive=self.s.keepalive_s, clean_start=False,
                                  properties=props)
        self.client.loop_start()
        try:
            self._pump()
        finally:
            self._stopping.set()
            self.client.disconnect()
            self.client.loop_stop()
            os.close(self._wake_r)
            os.close(self._wake_w)

    def _pump(self) -> None:
        """One thread besides paho's: batches out to the hall server, its orders in, until it says stop
        or the pipe closes. (A thread each would fight paho's thread for the GIL all the more.)"""
        conn, wake = self.conn, self._wake_r
        while not self._stopping.is_set():
            ready = multiprocessing.connection.wait([conn, wake])
            if wake in ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(wake, 4096)
                if len(self._inbox) < LINGER_ENOUGH:
                    time.sleep(LINGER_S)
                self._signalled = False  # from here on a new message wakes us again; it is in this batch or the next
                self._flush()
            if conn in ready and not self._order():
                return

    def _order(self) -> bool:
        """Carry out one order from the hall server; false when it is time to stop."""
        try:
            order = self.conn.recv()
        except (EOFError, OSError):
            return False  # the hall server is gone: so are we (the broker keeps what we did not ack)
        match order:
            case ("acks", acks):
                current = self.connection
                for conn_no, mid, qos in acks:
                    if conn_no == current:
                        self.client.ack(mid, qos)
            case ("pub", topic, payload, qos, retain, expiry_s):
                props = None
                if expiry_s is not None:
                    props = Properties(PacketTypes.PUBLISH)  # type: ignore[no-untyped-call]
                    props.MessageExpiryInterval = expiry_s
                self.client.publish(topic, payload, qos=qos, retain=retain, properties=props)
            case ("stop",):
                return False
            case _:
                log.error("hall MQTT front: unknown order %r", order[:1] if isinstance(order, tuple) else order)
        return True

    def _send(self, item: tuple[Any, ...]) -> None:
        with self._send_lock:
            try:
                self.conn.send(item)
            except (OSError, ValueError):
                self._stopping.set()  # the hall server is gone; the pump sees the pipe close too

    # paho thread
    def _on_connect(self, client: mqtt.Client, _ud: object, _flags: mqtt.ConnectFlags, reason: ReasonCode,
                    _props: Properties | None) -> None:
        if reason.is_failure:
            self._send(("refused", str(reason)))
            return
        self.connection += 1
        client.subscribe([(t, SubscribeOptions(qos=self.s.qos)) for t in self.s.subscriptions])
        self._flush()  # anything of the last connection goes first
        self._send(("connected", self.connection, time.monotonic()))

    def _on_disconnect(self, _c: mqtt.Client, _ud: object, _flags: mqtt.DisconnectFlags, reason: ReasonCode,
                       _props: Properties | None) -> None:
        if not self._stopping.is_set():
            self._send(("disconnected", str(reason)))

    def _on_message(self, _c: mqtt.Client, _ud: object, msg: mqtt.MQTTMessage) -> None:
        self._inbox.append((self.connection, msg.mid, msg.qos, msg.topic, bytes(msg.payload)))
        if not self._signalled:  # one wake-up per batch, not per message
            self._signalled = True
            with contextlib.suppress(OSError):  # BlockingIOError: it is awake already
                os.write(self._wake_w, b"!")

    def _flush(self) -> None:
        inbox = self._inbox
        with self._send_lock:  # one writer at a time keeps batches in order
            while inbox:
                batch = [inbox.popleft() for _ in range(min(len(inbox), MAX_BATCH))]
                try:
                    self.conn.send(("msgs", batch))
                except (OSError, ValueError):
                    self._stopping.set()
                    return


def _front_main(settings: FrontSettings, conn: multiprocessing.connection.Connection) -> None:
    """Entry point of the front process."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the hall server's to handle; it tells us
    if settings.gc_threshold is not None:
        gc.set_threshold(*settings.gc_threshold)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _Front(settings, conn).run()


# ---- the hall server's side ----------------------------------------------------------------------

class MqttLink:
    """The hall server's handle on the front: messages in, acknowledgements and publications out.

    ``on_messages(batch)``, ``on_connected(at)`` and ``on_disconnected(reason)`` run on the link's
    reader thread, in the order the front saw them.
    """

    def __init__(self, settings: FrontSettings, *, on_messages: Callable[[Sequence[Message]], None],
                 on_connected: Callable[[float], None], on_disconnected: Callable[[str], None],
                 in_process: bool = False, restart_delay_s: float = 1.0) -> None:
        self.settings = settings
        self.on_messages = on_messages
        self.on_connected = on_connected
        self.on_disconnected = on_disconnected
        self.in_process = in_process
        self.restart_delay_s = restart_delay_s
        self.restarts = 0
        self._conn: multiprocessing.connection.Connection | None = None
        self._proc: Any = None  # multiprocessing.Process or threading.Thread
        self._send_lock = threading.Lock()
        self._ack_lock = threading.Lock()
        self._acks: list[tuple[int, int, int]] = []
        self._stopping = threading.Event()
        self._reader: Supervised | None = None

    def healthy(self) -> bool:
        return self._reader is not None and self._reader.alive()

    @property
    def pid(self) -> int | None:
        """The MQTT process's id (``None`` with ``in_process``)."""
        return None if self.in_process or self._proc is None else int(self._proc.pid)

    def start(self) -> None:
        self._spawn()
        self._reader = Supervised("zizhu-hall-mqtt-reader", self._read, self._stopping, logger=log)
        self._reader.start()

    def _spawn(self) -> None:
        ours, theirs = multiprocessing.Pipe(duplex=True)
        if self.in_process:
            proc: Any = threading.Thread(target=_Front(self.settings, theirs).run, name="zizhu-hall-mqtt-front",
                                         daemon=True)
        else:
            ctx = multiprocessing.get_context("spawn")  # never fork a threaded process
            settings = dataclasses.replace(self.settings, gc_threshold=gc.get_threshold())
            proc = ctx.Process(target=_front_main, args=(settings, theirs), name="zizhu-hall-mqtt", daemon=True)
        proc.start()
        if not self.in_process:
            theirs.close()  # the child has its copy; ours closing lets us see the child's end close
        self._conn, self._proc = ours, proc

    def stop(self) -> None:
        self._stopping.set()
        self.flush_acks()
        self._send(("stop",))
        if self._proc is not None:
            self._proc.join(10)
            if not self.in_process and self._proc.is_alive():
                self._proc.kill()
        if self._conn is not None:
            self._conn.close()
        if self._reader is not None:
            self._reader.join(5)

    # -- out ---------------------------------------------------------------------------------
    def ack(self, connection: int, mid: int, qos: int) -> None:
        """Acknowledge a message once it is done with (sent with the next :meth:`flush_acks`)."""
        if qos > 0:
            with self._ack_lock:
                self._acks.append((connection, mid, qos))

    def flush_acks(self) -> None:
        with self._ack_lock:
            acks, self._acks = self._acks, []
        if acks:
            self._send(("acks", acks))

    def publish(self, topic: str, payload: bytes, qos: int, retain: bool = False,
                expiry_s: int | None = None) -> None:
        self._send(("pub", topic, payload, qos, retain, expiry_s))

    def _send(self, item: tuple[Any, ...]) -> None:
        with self._send_lock:
            conn = self._conn
            if conn is None:
                return
            try:
                conn.send(item)
            except (OSError, ValueError):
                pass  # the front is gone: the reader starts a new one; the broker redelivers what was not acked

    # -- in ----------------------------------------------------------------------------------
    def _read(self) -> None:
        while not self._stopping.is_set():
            conn = self._conn
            assert conn is not None
            try:
                item = conn.recv()
            except (EOFError, OSError):
                if self._stopping.is_set():
                    return
                self._front_died()
                continue
            try:
                self._dispatch(item)
            except Exception:  # nothing the front hands over may stop the reader
                log.exception("handling %s from the MQTT front failed", item[0] if item else item)

    def _dispatch(self, item: tuple[Any, ...]) -> None:
        match item:
            case ("msgs", batch):
                self.on_messages(batch)
                self.flush_acks()
            case ("connected", _conn_no, at):
                self.on_connected(at)
            case ("disconnected", reason):
                self.on_disconnected(reason)
            case ("refused", reason):
                log.error("broker %s:%d refused the hall server: %s", self.settings.host, self.settings.port, reason)
            case _:
                log.error("unknown item from the MQTT front: %r", item[:1])

    def _front_died(self) -> None:
        code = getattr(self._proc, "exitcode", None)
        log.error("the hall server's MQTT process ended (exit code %s); starting a new one in %.0f s",
                  code, self.restart_delay_s)
        self.on_disconnected("MQTT process ended")
        with self._ack_lock:
            self._acks.clear()  # for a connection that no longer exists: the broker sends those again
        if self._stopping.wait(self.restart_delay_s):
            return
        with self._send_lock:
            if self._conn is not None:
                self._conn.close()
            self.restarts += 1
            self._spawn()
