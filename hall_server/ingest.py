"""MQTT ingest: subscribe to the hall's terminals, validate every message, apply them in batches.

The MQTT connection lives in a process of its own (:mod:`hall_server.mqttlink`), which hands the
messages over in order. The link's reader thread decodes and validates each (the contract's
:func:`decode_message`); a snapshot that changes nothing durable is applied in memory at once, the
rest is queued for one worker that applies batches to the core in one transaction. A message is
acknowledged to the broker only once its effect is in memory or committed (manual QoS 1 acks on a
persistent session), so a ``kill -9`` loses nothing — the broker delivers it again, and sequence
numbers and session numbers make the second delivery harmless.

That covers the hall's side of the broker; the broker itself may still lose what it held (a
restart without persistence, a full queue). So events and command results are acknowledged end to
end as well: after each commit the hall publishes, per terminal whose count moved, the retained
``ack`` with the highest contiguous ``seq`` it has stored, and the agent keeps what is above it.
Every (re)connect of the hall publishes every terminal's ``ack`` again with a new ``epoch``: the
agents then send again whatever is above it, which fills what the broker lost meanwhile.

Nothing a terminal sends stops ingest: malformed, out-of-contract, duplicate and replayed
messages are counted (``zizhu_hall_messages``) and logged, with the log rate-limited.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ground.supervise import Supervised
from hall_server.core import HallCore
from hall_server.core import Message as ContractMessage
from hall_server.metrics import Metrics
from hall_server.mqttlink import FrontSettings, Message, MqttLink
from wire.connection import MqttConfig
from wire.contract import (
    QOS,
    AckPayload,
    CommandPayload,
    CommandResultPayload,
    ComplaintPayload,
    ContractError,
    EventPayload,
    Kind,
    NoticePayload,
    RatingPayload,
    RequestPayload,
    StatePayload,
    StatusPayload,
    UnknownKind,
    decode_message,
    hall_subscriptions,
    notice_topic,
    terminal_topic,
)

log = logging.getLogger("zizhu.hall.ingest")

BATCH_MAX = 500  # bounds how long one transaction holds SQLite's write lock
# After the first message of a batch the worker lingers this long for more (as Kafka's linger.ms):
# waking per message would hand the GIL back and forth with the network thread for every message.
LINGER_S = 0.005


@dataclass(slots=True)
class _Item:
    kind: Kind
    payload: ContractMessage
    conn: int  # the MQTT connection it came on: acknowledged on that one or not at all
    mid: int
    qos: int


class _RateLimitedLog:
    """At most one line per reason per interval, with the count of what was not logged."""

    def __init__(self, interval_s: float = 10.0) -> None:
        self.interval = interval_s
        self._last: dict[str, tuple[float, int]] = {}

    def warn(self, reason: str, msg: str, *args: object) -> None:
        now = time.monotonic()
        last, skipped = self._last.get(reason, (0.0, 0))
        if now - last >= self.interval:
            suffix = f" (+{skipped} more like it)" if skipped else ""
            log.warning(msg + suffix, *args)
            self._last[reason] = (now, 0)
        else:
            self._last[reason] = (last, skipped + 1)


class Ingest:
    def __init__(self, core: HallCore, mqtt_cfg: MqttConfig, metrics: Metrics, *, client_id: str,
                 share_group: str | None = None, session_expiry_s: int = 86400, in_process: bool = False,
                 reconnect_min_s: float = 0.2, reconnect_max_s: float = 2.0) -> None:
        self.core = core
        self.hall = core.hall
        self.cfg = mqtt_cfg
        self.metrics = metrics
        self.share_group = share_group
        self.session_expiry_s = session_expiry_s
        self.connected = threading.Event()
        self.connected_at = 0.0  # time.monotonic() of the last CONNACK
        self.results: dict[str, CommandResultPayload] = {}  # command id → result (stored), for the API
        self.epoch = 0  # grows with every connection to the broker: carried by every ack
        self.acks_published = 0
        # Messages finished with, by (kind, outcome): one tally per thread that finishes messages, each
        # written by its thread alone, so counting needs no lock; metrics and `handled` add them up.
        self._tally_net: dict[tuple[str, str], int] = {}  # the link's reader thread's
        self._tally_work: dict[tuple[str, str], int] = {}  # the worker's
        self._handled_target: int | None = None
        self._handled_reached = threading.Event()
        metrics.watch_messages(self.tally)
        self._pending: dict[str, int] = {}  # terminal → its messages queued for the worker
        self._pending_lock = threading.Lock()
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._stop = threading.Event()
        self._badlog = _RateLimitedLog()
        self.unknown_kinds = 0  # messages of a kind this hall does not know (a newer agent's), ignored
        settings = FrontSettings(
            host=mqtt_cfg.host, port=mqtt_cfg.port, keepalive_s=mqtt_cfg.keepalive_s, client_id=client_id,
            subscriptions=tuple(hall_subscriptions(self.hall, share_group)), qos=QOS,
            session_expiry_s=session_expiry_s, username=mqtt_cfg.username, password=mqtt_cfg.password,
            tls=mqtt_cfg.tls, ca_file=str(mqtt_cfg.ca_file) if mqtt_cfg.ca_file else None,
            reconnect_min_s=reconnect_min_s, reconnect_max_s=reconnect_max_s)
        self.link = MqttLink(settings, on_messages=self._on_messages, on_connected=self._on_connect,
                             on_disconnected=self._on_disconnect, in_process=in_process)
        self._worker = Supervised("zizhu-hall-ingest", self._work, self._stop, logger=log)

    # ---- life ------------------------------------------------------------------------------------
    def start(self) -> None:
        self._worker.start()
        self.core.broker_state(connected=False)
        self.link.start()

    def healthy(self) -> bool:
        """The worker and the link's reader are running (what the process's health check asks)."""
        return self._worker.alive() and self.link.healthy()

    def stop(self) -> None:
        self._stop.set()
        self._queue.put(None)
        self._worker.join(10)  # its last batch is acknowledged before the link goes
        self.link.stop()

    # ---- the link's reader thread ------------------------------------------------------------------
    def _on_connect(self, at: float) -> None:
        self.connected_at = at  # time.monotonic() of the CONNACK, in the MQTT process (the clock is shared)
        self.connected.set()
        self.metrics.broker_connected.set(1)
        log.info("connected to broker %s:%d", self.cfg.host, self.cfg.port)
        self.core.broker_state(connected=True)
        self.publish_notice(self.core.current_notice())  # the retained notice matches the database again
        # A new epoch: what the broker held for us may be gone; each agent sends again what is above its ack.
        self.epoch = max(self.epoch + 1, time.time_ns() // 1_000_000)
        # Not on this thread: it is the one that reads from the MQTT process, and thousands of
        # publications written into the pipe while the other side is writing messages to us would
        # block both (found with 10,000 terminals in bench hall (d)).
        threading.Thread(target=self._publish_all_acks, name="zizhu-hall-acks", daemon=True).start()

    def _publish_all_acks(self) -> None:
        try:
            self.publish_acks([(tid, seq, False) for tid, seq in self.core.ack_states()])
        except Exception:  # the next reconnect publishes them again; the agents also re-send on their timeout
            log.exception("could not publish the acknowledgements after connecting")

    def _on_disconnect(self, reason: str) -> None:
        self.connected.clear()
        self.metrics.broker_connected.set(0)
        if not self._stop.is_set():
            log.warning("lost the broker (%s); reconnecting", reason)
            self.core.broker_state(connected=False)

    def _on_messages(self, batch: Sequence[Message]) -> None:
        for conn, mid, qos, topic, payload in batch:
            try:
                self._accept(conn, mid, qos, topic, payload)
            except Exception:  # nothing a terminal sends may stop ingest
                log.exception("unexpected error on %s", topic)
                self._count_net("unknown", "error")
                self.link.ack(conn, mid, qos)

    def _accept(self, conn: int, mid: int, qos: int, topic: str, raw: bytes) -> None:
        try:
            hall, _terminal, payload = decode_message(topic, raw)
            kind = payload.KIND if payload is not None else Kind.NOTICE
            if hall != self.hall:
                raise ContractError(f"topic of another hall: {topic!r}")
        except UnknownKind as exc:
            # A newer agent's kind of message: not ours to store, never a reason to stop. Counted (one
            # label for them all: the names come from terminals), logged at most every interval.
            self.unknown_kinds += 1
            self._count_net("unknown_kind", "ignored")
            self._badlog.warn("unknown_kind", "ignored a message of a kind this hall does not know (%d so far; "
                              "a newer agent? upgrade the hall server): %s", self.unknown_kinds, exc)
            self.link.ack(conn, mid, qos)
            return
        except ContractError as exc:
            kind_label = topic.rsplit("/", 1)[-1] if topic.startswith("zizhu/") else "unknown"
            outcome = "out_of_contract"
            try:
                json.loads(raw)
            except ValueError:
                outcome = "malformed"
            self._count_net(kind_label, outcome)
            self._badlog.warn(outcome, "dropped %s message on %s: %s", outcome, topic, exc)
            self.link.ack(conn, mid, qos)
            return
        if not isinstance(payload, StatePayload | StatusPayload | EventPayload | CommandResultPayload | RatingPayload
                          | ComplaintPayload | RequestPayload):
            # a notice or command or ack on a terminal topic we do not subscribe: nothing of ours to apply
            self._count_net(kind.value, "out_of_contract")
            self._badlog.warn("unexpected", "dropped a %s message on %s: the hall does not take it", kind.value,
                              topic)
            self.link.ack(conn, mid, qos)
            return
        item = _Item(kind, payload, conn, mid, qos)
        terminal = payload.terminal
        # A snapshot that changes nothing durable is done here, at once (its retained copy is the
        # backup); only when nothing of its terminal waits in the queue, so that order holds. Only
        # this thread adds to _pending, so a terminal seen without pending work stays so meanwhile.
        if kind is Kind.STATUS and terminal not in self._pending:
            assert isinstance(payload, StatusPayload)
            done = self.core.status_in_memory(payload)
            if done is not None:
                self._finish(item, *done, net=True)
                return
        with self._pending_lock:
            self._pending[terminal] = self._pending.get(terminal, 0) + 1
        self._queue.put(item)

    # ---- counting ---------------------------------------------------------------------------------
    @property
    def handled(self) -> int:
        """Messages finished with (applied or dropped), for benchmarks and tests."""
        return sum(self._tally_net.values()) + sum(self._tally_work.values())

    def tally(self) -> dict[tuple[str, str], int]:
        """Messages finished with, by (kind, outcome): what ``zizhu_hall_messages`` reports."""
        out = dict(self._tally_net)  # a dict copy is one step under the GIL: never torn
        for key, n in dict(self._tally_work).items():
            out[key] = out.get(key, 0) + n
        return out

    def _count_net(self, kind: str, outcome: str) -> None:
        """Count one message finished on the link's reader thread (and only there)."""
        self._count(self._tally_net, kind, outcome)

    def _count(self, tally: dict[tuple[str, str], int], kind: str, outcome: str) -> None:
        """Count one message in the tally of the thread that finished it (its only writer)."""
        key = (kind, outcome)
        tally[key] = tally.get(key, 0) + 1
        target = self._handled_target  # set before the waiter reads the count: one of us sees the other
        if target is not None and self.handled >= target:
            self._handled_reached.set()

    def wait_handled(self, n: int, timeout: float) -> bool:
        """Block until ``n`` messages are handled: woken once, not polled (a poller takes the GIL from ingest)."""
        self._handled_reached.clear()
        self._handled_target = n
        try:
            return self.handled >= n or self._handled_reached.wait(timeout)
        finally:
            self._handled_target = None

    # ---- worker --------------------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            if self._queue.qsize() < BATCH_MAX:
                time.sleep(LINGER_S)
            while len(batch) < BATCH_MAX:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._apply(batch)
                    return
                batch.append(item)
            self._apply(batch)

    def _apply(self, batch: list[_Item]) -> None:
        self.metrics.queue_depth.set(self._queue.qsize())
        t0 = time.perf_counter()
        delay = 0.5
        while True:
            try:
                outcomes = self.core.process([i.payload for i in batch])
                break
            except Exception:
                # The database is away. Nothing is acknowledged; memory is read again from what was
                # stored, and the same batch is tried again until it sticks (or the server stops; then
                # the broker delivers the unacknowledged messages again after the restart).
                log.exception("could not store a batch of %d messages; trying again in %.1f s", len(batch), delay)
                if self._stop.wait(delay):
                    return
                delay = min(delay * 2, 30.0)
                try:
                    self.core.reload()
                except Exception:
                    log.warning("the database is still away")
        self.metrics.batch_seconds.observe(time.perf_counter() - t0)
        with self._pending_lock:
            for item in batch:
                left = self._pending[item.payload.terminal] - 1
                if left:
                    self._pending[item.payload.terminal] = left
                else:
                    del self._pending[item.payload.terminal]
        for item, (outcome, registered) in zip(batch, outcomes, strict=True):
            if isinstance(item.payload, CommandResultPayload) and outcome == "accepted":
                p = item.payload
                self.results[p.id] = p  # stored: now the API may show it
                log.info("command %s on %s: %s %s", p.id, p.terminal, "ok" if p.ok else "failed", p.detail[:200])
            self._finish(item, outcome, registered, net=False)
        self.link.flush_acks()

    def _finish(self, item: _Item, outcome: str, registered: bool, *, net: bool) -> None:
        """Count, log what deserves it, and acknowledge: the message's effect is in memory or committed.

        ``net``: called on the link's reader thread (else on the worker): which tally counts it.
        """
        self._count(self._tally_net if net else self._tally_work, item.kind.value, outcome)
        if not registered:
            self.metrics.unknown_terminal.inc()
        if outcome in ("duplicate", "replayed") and not self._is_retained_echo(item):
            self._badlog.warn(outcome, "%s %s message from %s", outcome, item.kind.value, item.payload.terminal)
        self.link.ack(item.conn, item.mid, item.qos)

    @staticmethod
    def _is_retained_echo(item: _Item) -> bool:
        return item.kind in (Kind.STATE, Kind.STATUS)  # retained topics come again on every (re)subscribe

    # ---- publishing ------------------------------------------------------------------------------
    def publish_notice(self, notice: NoticePayload | None) -> None:
        """Retained: every terminal (and every terminal that connects later) shows it; empty clears it."""
        self.link.publish(notice_topic(self.hall), notice.encode() if notice else b"", qos=QOS, retain=True)

    def publish_acks(self, acks: Sequence[tuple[str, int, bool]]) -> None:
        """Retained, per terminal: every message numbered up to ``seq`` is stored (after the commit)."""
        epoch = self.epoch
        for terminal, seq, resend in acks:
            payload = AckPayload(terminal=terminal, seq=seq, epoch=epoch, resend=resend).encode()
            self.link.publish(terminal_topic(self.hall, terminal, Kind.ACK), payload, qos=QOS, retain=True)
        self.acks_published += len(acks)

    def send_command(self, cmd: CommandPayload) -> None:
        self.link.publish(terminal_topic(self.hall, cmd.terminal, Kind.CMD), cmd.encode(), qos=QOS,
                          expiry_s=cmd.expiry_interval_s())
