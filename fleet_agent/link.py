"""The agent's MQTT connection (paho-mqtt 2, MQTT v5): birth, will, status, the spool's backlog.

One thread owns the paho client and does everything MQTT: no paho call is made from another
thread. Every connection attempt takes a new session number from the spool (persisted) and a new
client object, with the Last Will ``state {online: false, session: n}``; on CONNACK the agent
publishes the birth ``state {online: true, session: n}``. A fresh client per connection means paho
never re-sends a message by itself: the spool is the only source of what is still owed.

A PUBACK only frees room in the window; a message leaves the spool when the hall says it has
*stored* it (``ack``, see :mod:`wire.contract`). What was sent and not acknowledged is sent
again — from the oldest — after every reconnect, when the hall's ``epoch`` changes (the hall
reconnected: the broker may have lost what it held for it), when the hall asks (``resend``), and
when the hall's count has not moved for ``hall_ack_timeout_s`` (doubling while nothing moves).

The backlog is fed out ``max_inflight`` messages at a time (paho cannot have more than 65,535
unacknowledged QoS 1 messages, and a broker drops a flood); delivery order is acceptance order.
"""

from __future__ import annotations

import logging
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode, MQTTProtocolVersion
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCode

from fleet_agent.spool import Spool
from terminal.config import TerminalConfig
from wire.contract import (
    QOS,
    AckPayload,
    ContractError,
    Kind,
    StatePayload,
    StatusPayload,
    decode,
    decode_message,
    notice_topic,
    terminal_subscriptions,
    terminal_topic,
)

log = logging.getLogger("zizhu.agent.mqtt")
REWIND_MIN_INTERVAL_S = 1.0  # the backlog is sent again at most this often, whatever asks

CommandHandler = Callable[[bytes, Properties | None], None]
NoticeHandler = Callable[[bytes], None]
StatusBuilder = Callable[[int], StatusPayload]


def backoff_delays(min_s: float, max_s: float, rng: random.Random | None = None) -> Iterator[float]:
    """Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = min·2ⁿ ≤ max."""
    r = rng or random.Random()
    d = min_s
    while True:
        yield r.uniform(d / 2, d)
        d = min(max_s, d * 2)


class MqttLink:
    """Keeps the terminal connected to the hall's broker and publishes what the agent owes it."""

    def __init__(self, cfg: TerminalConfig, spool: Spool, on_command: CommandHandler,
                 on_notice: NoticeHandler | None = None, agent_version: str | None = None) -> None:
        self.cfg = cfg
        self.spool = spool
        self.on_command = on_command
        self.on_notice = on_notice
        self.agent_version = agent_version
        hall, term = cfg.terminal.hall, cfg.terminal.id
        self.client_id = f"zizhu-{hall}-{term}"
        self.topics = {k: terminal_topic(hall, term, k) for k in (Kind.STATE, Kind.STATUS, Kind.EVENT,
                                                                    Kind.CMD, Kind.CMD_RESULT, Kind.ACK,
                                                                    Kind.RATING, Kind.COMPLAINT, Kind.REQUEST)}
        self._notice_topic = notice_topic(hall)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._status_lock = threading.Lock()
        self._status_builder: StatusBuilder | None = None
        self._status_dirty = False
        # Per-connection state, touched only by the link's thread.
        self._connected = False
        self._refused = False
        self._session = 0
        self._inflight: dict[int, tuple[int, int | None]] = {}  # paho mid -> (spool id, seq)
        self._acked: list[int] = []
        self._cursor = 0
        # The hall's acknowledgements (kept across connections: the hall's epoch is not ours).
        self._hall_epoch: int | None = None
        self._ack_progress = time.monotonic()  # the hall's count last moved, or we last sent again
        self._ack_wait = cfg.agent.hall_ack_timeout_s
        self._last_rewind = 0.0
        self._last_status = 0.0
        self._status_mid: tuple[int, float] | None = None
        # Read by other threads (plain values; a torn read is harmless).
        self.connected = False
        self.subscribed = False  # the broker has granted this connection's subscriptions (SUBACK)
        self._sub_mid: int | None = None
        self.broker_rtt_ms: float | None = None
        self.connects = 0
        self.refusals = 0
        self.rejected = 0
        self.bad_acks = 0
        self.loop_errors = 0
        self.resends = 0  # times the backlog was sent again from its oldest message
        self.peak_inflight = 0
        self.last_error: str | None = None

    # -- the agent's side ------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="zizhu-agent-mqtt", daemon=True)
        self._thread.start()

    def request_stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)

    def offer_status(self, builder: StatusBuilder, changed: bool) -> None:
        """The newest snapshot; published now if ``changed``, else at the next heartbeat."""
        with self._status_lock:
            self._status_builder = builder
            self._status_dirty = self._status_dirty or changed
        if changed:
            self._wake.set()

    def kick(self) -> None:
        """Something new in the spool: feed it out without waiting for the next loop turn."""
        self._wake.set()

    @property
    def session(self) -> int:
        return self._session

    # -- the connection loop ---------------------------------------------------------------
    def _make_client(self, session: int) -> mqtt.Client:
        c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=self.client_id,
                        protocol=MQTTProtocolVersion.MQTTv5)
        m = self.cfg.mqtt
        if m.username is not None:
            c.username_pw_set(m.username, m.password)
        if m.tls:
            c.tls_set(ca_certs=str(m.ca_file) if m.ca_file else None, tls_version=ssl.PROTOCOL_TLS_CLIENT)
        will = StatePayload(terminal=self.cfg.terminal.id, online=False, session=session,
                            agent_version=self.agent_version, keepalive_s=m.keepalive_s,
                            heartbeat_s=self.cfg.agent.heartbeat_s)
        c.will_set(self.topics[Kind.STATE], will.encode(), qos=QOS, retain=True)
        c.max_inflight_messages_set(self.cfg.agent.max_inflight + 4)  # + birth, status, death
        c.on_connect = self._on_connect
        c.on_disconnect = self._on_disconnect
        c.on_subscribe = self._on_subscribe
        c.on_publish = self._on_publish
        c.on_message = self._on_message
        return c

    def _run(self) -> None:
        m, a = self.cfg.mqtt, self.cfg.agent
        delays = backoff_delays(a.reconnect_min_s, a.reconnect_max_s)
        while not self._stop.is_set():
            try:
                self._session = self.spool.next_session()
                client = self._make_client(self._session)
                self._reset_connection()
                try:
                    client.connect(m.host, m.port, keepalive=m.keepalive_s, clean_start=True)
                except (OSError, ssl.SSLError, ValueError) as exc:
                    self.last_error = f"cannot connect to broker {m.host}:{m.port}: {exc}"
                else:
                    stayed = self._serve(client)
                    if self._stop.is_set():
                        return
                    if stayed:
                        delays = backoff_delays(a.reconnect_min_s, a.reconnect_max_s)
            except Exception as exc:  # a bug must not leave the terminal silent: log, reconnect, go on
                self.loop_errors += 1
                self.last_error = f"MQTT link failed: {type(exc).__name__}: {exc}"
                log.exception("MQTT link: unexpected error (%d so far); reconnecting", self.loop_errors)
            delay = next(delays)
            log.warning("%s; next attempt in %.1f s", self.last_error or "MQTT connection ended", delay)
            self._stop.wait(delay)

    def _reset_connection(self) -> None:
        self._connected = self.connected = self._refused = self.subscribed = False
        self._inflight.clear()
        self._acked.clear()
        self._cursor = 0  # everything the hall has not acknowledged goes again, from the oldest
        self._ack_progress = time.monotonic()
        self._status_mid = None
        self.broker_rtt_ms = None
        with self._status_lock:
            self._status_dirty = True

    def _serve(self, client: mqtt.Client) -> bool:
        """Run one connection until it ends. True if it was up long enough to reset the backoff."""
        connack_deadline = time.monotonic() + 10.0
        up_since: float | None = None
        try:
            while True:
                if self._stop.is_set():
                    if self._connected:
                        self._say_goodbye(client)
                    return True
                rc = client.loop(timeout=0.05 if self._wake.is_set() else 0.25)
                self._wake.clear()
                if self._acked:
                    self.spool.ack(self._acked)
                    self._acked.clear()
                if rc != MQTTErrorCode.MQTT_ERR_SUCCESS or self._refused:
                    if not self._refused:
                        self.last_error = f"MQTT connection lost ({mqtt.error_string(rc)})"
                    break
                if not self._connected:
                    if time.monotonic() > connack_deadline:
                        self.last_error = "broker accepted TCP but sent no CONNACK within 10 s"
                        break
                    continue
                up_since = up_since or time.monotonic()
                self._publish_status(client)
                self._check_hall_ack()
                self._feed(client)
        finally:
            self._connected = self.connected = self.subscribed = False
            try:
                client.disconnect()
            except Exception:  # pragma: no cover - the socket is gone already
                pass
        return up_since is not None and time.monotonic() - up_since > self.cfg.agent.reconnect_max_s

    # -- paho callbacks (all on this thread) -----------------------------------------------
    def _on_connect(self, client: mqtt.Client, _u: Any, _flags: Any, reason: ReasonCode,
                    _props: Properties | None) -> None:
        if reason.is_failure:
            self._refused = True
            self.refusals += 1
            m = self.cfg.mqtt
            hint = " — check this terminal's [mqtt] username and password" if reason.value in (0x86, 0x87) else ""
            self.last_error = f"broker {m.host}:{m.port} refused the connection: {reason}{hint}"
            log.error("%s", self.last_error)
            return
        self._connected = self.connected = True
        self.connects += 1
        self.last_error = None
        birth = StatePayload(terminal=self.cfg.terminal.id, online=True, session=self._session,
                             agent_version=self.agent_version, keepalive_s=self.cfg.mqtt.keepalive_s,
                             heartbeat_s=self.cfg.agent.heartbeat_s)
        self._publish(client, Kind.STATE, birth.encode(), retain=True)
        self.subscribed = False
        _rc, self._sub_mid = client.subscribe(
            [(topic, QOS) for topic in terminal_subscriptions(self.cfg.terminal.hall, self.cfg.terminal.id)])
        log.info("connected to broker %s:%d, session %d; %d message(s) to deliver",
                 self.cfg.mqtt.host, self.cfg.mqtt.port, self._session, self.spool.pending())

    def _on_subscribe(self, _c: mqtt.Client, _u: Any, mid: int, reasons: list[ReasonCode],
                      _props: Properties | None) -> None:
        if mid != self._sub_mid:
            return
        refused = [str(r) for r in reasons if r.is_failure]
        if refused:  # the broker's ACL said no: commands, acks or notices would never arrive
            self.last_error = f"broker refused subscriptions: {', '.join(refused)}"
            log.error("%s", self.last_error)
            return
        self.subscribed = True

    def _on_disconnect(self, _c: mqtt.Client, _u: Any, _flags: Any, reason: ReasonCode,
                       _props: Properties | None) -> None:
        if self._connected and not self._stop.is_set():
            self.last_error = f"broker closed the connection ({reason})"
        self._connected = self.connected = self.subscribed = False

    def _on_publish(self, _c: mqtt.Client, _u: Any, mid: int, reason: ReasonCode,
                    _props: Properties | None) -> None:
        sent = self._inflight.pop(mid, None)
        if sent is not None:
            spool_id, seq = sent
            if reason.is_failure:
                # Retrying cannot help (the broker's ACL or quota said no): count and log, never silent.
                self.rejected += 1
                log.error("broker rejected spooled message %d: %s; dropped (%d rejected so far)",
                          spool_id, reason, self.rejected)
                self._acked.append(spool_id)
            elif seq is None:
                self._acked.append(spool_id)  # an unnumbered row of an older agent: the broker's word is all
            # numbered: it stays in the spool until the hall's ack says it is stored
        elif self._status_mid is not None and self._status_mid[0] == mid:
            self.broker_rtt_ms = (time.monotonic() - self._status_mid[1]) * 1000
            self._status_mid = None

    def _on_message(self, _c: mqtt.Client, _u: Any, msg: mqtt.MQTTMessage) -> None:
        try:
            if msg.topic == self.topics[Kind.CMD]:
                self.on_command(bytes(msg.payload), msg.properties)
            elif msg.topic == self.topics[Kind.ACK]:
                self._ack_in(bytes(msg.payload))
            elif msg.topic == self._notice_topic and self.on_notice is not None:
                self.on_notice(bytes(msg.payload))
        except Exception:  # nothing anyone publishes may stop this thread
            self.loop_errors += 1
            log.exception("MQTT link: handling a message on %s failed", msg.topic)

    # -- the hall's acknowledgements -----------------------------------------------------------
    def _ack_in(self, payload: bytes) -> None:
        try:
            ack = decode(Kind.ACK, payload)
        except ContractError as exc:
            self.bad_acks += 1
            log.warning("ignored an out-of-contract ack (%d so far): %s", self.bad_acks, exc)
            return
        assert isinstance(ack, AckPayload)
        if ack.terminal != self.cfg.terminal.id:
            self.bad_acks += 1
            log.warning("ignored an ack for terminal %r on our topic (%d so far)", ack.terminal, self.bad_acks)
            return
        newest = self.spool.last_seq
        if ack.seq > newest:
            # Not from our numbering (a spool restored from an old backup?): never forget on its word.
            self.bad_acks += 1
            log.warning("the hall acknowledges seq %d but the newest we numbered is %d: ignored", ack.seq, newest)
        elif self.spool.ack_upto(ack.seq) or ack.seq > self.spool.hall_acked:
            self._ack_progress = time.monotonic()
            self._ack_wait = self.cfg.agent.hall_ack_timeout_s
        if self._hall_epoch is not None and ack.epoch != self._hall_epoch:
            self._rewind(f"the hall reconnected (epoch {ack.epoch})")
        elif ack.resend:
            self._rewind(f"the hall asks for what follows seq {ack.seq}")
        self._hall_epoch = ack.epoch

    def _check_hall_ack(self) -> None:
        """Sent, not acknowledged by the hall for a while: the broker may have lost it; send it again."""
        now = time.monotonic()
        if self._cursor == 0 or now - self._ack_progress < self._ack_wait:
            return
        if self.spool.pending() == 0:
            self._ack_progress = now
            return
        self._rewind(f"the hall has acknowledged nothing new for {self._ack_wait:.0f} s")
        self._ack_wait = min(self._ack_wait * 2, 32 * self.cfg.agent.hall_ack_timeout_s)

    def _rewind(self, why: str) -> None:
        now = time.monotonic()
        if now - self._last_rewind < REWIND_MIN_INTERVAL_S or self._cursor == 0:
            return  # at most once a second; nothing sent yet that could be sent again
        self._last_rewind = self._ack_progress = now
        self._cursor = 0
        self.resends += 1
        log.info("%s: sending again what the hall has not stored (%d message(s))", why, self.spool.pending())

    # -- publishing ------------------------------------------------------------------------
    def _publish(self, client: mqtt.Client, kind: Kind, payload: bytes, retain: bool = False) -> int | None:
        """Publish at QoS 1; the mid, or None if paho cannot take it now. Raises ContractError."""
        topic = self.topics[kind]
        decode_message(topic, payload)  # validated on the way out, whatever built it
        info = client.publish(topic, payload, qos=QOS, retain=retain)
        if info.rc != MQTTErrorCode.MQTT_ERR_SUCCESS:
            return None
        return info.mid

    def _publish_status(self, client: mqtt.Client) -> None:
        with self._status_lock:
            builder, dirty = self._status_builder, self._status_dirty
            due = dirty or time.monotonic() - self._last_status >= self.cfg.agent.heartbeat_s
            if builder is None or not due:
                return
            self._status_dirty = False
        self._last_status = time.monotonic()
        try:
            mid = self._publish(client, Kind.STATUS, builder(self._session).encode(), retain=True)
        except ContractError as exc:  # a bug upstream: the local channel refuses what cannot travel
            self.rejected += 1
            log.error("status snapshot out of contract, not published (%d rejected so far): %s", self.rejected, exc)
            return
        if mid is not None and self._status_mid is None:
            self._status_mid = (mid, time.monotonic())

    def _feed(self, client: mqtt.Client) -> None:
        room = self.cfg.agent.max_inflight - len(self._inflight)
        if room <= 0:
            return
        in_flight = {spool_id for spool_id, _seq in self._inflight.values()}  # at most max_inflight
        for item in self.spool.peek(self._cursor, room + len(in_flight)):
            if item.id in in_flight:
                self._cursor = item.id  # sent again after a rewind while still in flight: once is enough
                continue
            if room <= 0:
                break
            try:
                mid = self._publish(client, Kind(item.kind), item.payload)
            except (ContractError, ValueError) as exc:
                # A damaged row or a bug: never publish it, never retry it forever; logged and counted.
                self.rejected += 1
                log.error("spooled message %d (%s) is out of contract, dropped: %s", item.id, item.kind, exc)
                self._acked.append(item.id)
                self._cursor = item.id
                continue
            if mid is None:
                return  # paho cannot take more now; the same message is tried again next turn
            self._inflight[mid] = (item.id, item.seq)
            self._cursor = item.id
            room -= 1
        self.peak_inflight = max(self.peak_inflight, len(self._inflight))

    def _say_goodbye(self, client: mqtt.Client) -> None:
        """Orderly stop: publish our own death (the broker sends no will after DISCONNECT)."""
        death = StatePayload(terminal=self.cfg.terminal.id, online=False, session=self._session,
                             agent_version=self.agent_version, keepalive_s=self.cfg.mqtt.keepalive_s,
                             heartbeat_s=self.cfg.agent.heartbeat_s)
        mid = self._publish(client, Kind.STATE, death.encode(), retain=True)
        self._status_mid = None
        deadline = time.monotonic() + 2.0
        if mid is not None:
            self._status_mid = (mid, time.monotonic())  # cleared by _on_publish when acknowledged
        while self._status_mid is not None and time.monotonic() < deadline:
            if client.loop(timeout=0.1) != MQTTErrorCode.MQTT_ERR_SUCCESS:
                break
        if self._acked:
            self.spool.ack(self._acked)
            self._acked.clear()
