"""The hall's rules: terminals, incidents and their deadlines, correlation, shutdowns, notices.

The rules, their sources and what each one does here: docs/hall-rules.md.

Every input (a validated contract message, a tick of the clock, a person's action through the
API) runs as one unit of work under one lock: memory and database change together, and the
side effects (alerts to send, the notice to publish) leave only after the commit.

Incidents (故障工单): one open per terminal and fault code (the database enforces it too); opened
from the device's own report, resolved when the device reports the fault cleared, or by a named
person with a note. A fault back within the flap window reopens the same incident. Past its
deadline an incident escalates one role (大厅管理员 → 运维 → 中心); until someone acknowledges it,
reminders repeat. Every change goes into the append-only incident log.

Memory follows the database, never leads it: every change to a terminal's memory or to the open
incident maps inside a unit of work is journalled, and undone when the database refuses the change
(one message's savepoint, or the whole commit). End-to-end acknowledgement: per terminal, the hall
keeps the highest ``seq`` up to which every event and command result is stored (``acked``, also in
the database) and the numbers stored above a gap; after each commit the changed counts are
published as ``ack`` (:mod:`wire.contract`), with a request to send again when a gap stays.
A terminal whose heartbeat has been silent for two periods plus a margin is offline on the hall's
own clock, whatever the broker's will timing.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from ground.clock import Clock, SystemClock
from hall_server.db import (
    Alert,
    CommandResult,
    EventSeen,
    Incident,
    IncidentLog,
    Notice,
    PlannedShutdown,
    Terminal,
    write_sessions,
)
from hall_server.faults import CorrelationRule, FaultTable, Role, Tier
from hall_server.registry import RegistryEntry
from wire.contract import CommandResultPayload, EventPayload, NoticePayload, StatePayload, StatusPayload
from wire.status import to_builtins

log = logging.getLogger("zizhu.hall")

HALL_SCOPE = "@hall"
HALL_SCOPE_LABEL = "全大厅"  # how people see the scope of a hall-wide incident
OFFLINE = "terminal.offline"
BROKER_UNREACHABLE = "hall.broker_unreachable"

# Outcomes of one message, the label of the ingest counter.
ACCEPTED, DUPLICATE, REPLAYED = "accepted", "duplicate", "replayed"

RESEND_INTERVAL_S = 2.0  # a gap that stays is asked for again at most this often, per terminal
SILENCE_MARGIN_S = 1.0  # silent for 2 heartbeats + this: offline on the hall's clock

Message = StatePayload | StatusPayload | EventPayload | CommandResultPayload


class IncidentError(Exception):
    """An action that does not fit the incident's state (acknowledging a resolved one, …)."""


class NotFound(IncidentError):
    pass


@dataclass
class TerminalMem:
    """What the hall knows about a terminal right now; the database row is its durable copy."""

    id: str
    registered: bool
    session: int = -1
    online: bool | None = None
    faults: frozenset[str] = frozenset()
    last_status_ts: datetime | None = None
    snapshot: StatusPayload | None = None
    snapshot_dirty: bool = False
    last_seen: datetime | None = None
    planned_offline: bool = False  # offline inside an approved shutdown window
    last_seq: int = 0  # newest event sequence number seen
    acked: int = 0  # every event and command result numbered 1..acked is stored
    above: set[int] = field(default_factory=set)  # numbers stored above a gap (above ``acked``)
    resend_asked: float = 0.0  # time.monotonic() of the last request to fill a gap
    heartbeat_s: float | None = None  # the agent's status heartbeat, from its birth
    silent: bool = False  # offline because its heartbeat stopped, not by a will: its next status revives it


@dataclass
class _Unit:
    s: Session
    now: datetime
    alerts: list[int] = field(default_factory=list)
    notice_changed: bool = False
    acks: set[str] = field(default_factory=set)  # terminals whose ack to publish after the commit
    undo: list[Callable[[], None]] = field(default_factory=list)  # run backwards if the database refuses
    touched: set[str] = field(default_factory=set)  # terminals whose memory is journalled in this scope

    def rollback_memory(self, mark: int = 0) -> None:
        """Undo the memory changes journalled since ``mark`` (newest first)."""
        while len(self.undo) > mark:
            self.undo.pop()()
        self.touched = set()


@dataclass(frozen=True)
class CoreSettings:
    hall: str
    hall_name: str = ""
    flap_window: timedelta = timedelta(minutes=5)
    notify_resolved: bool = True
    broker_grace: timedelta = timedelta(seconds=30)


class HallCore:
    def __init__(self, sessions: sessionmaker[Session], table: FaultTable, settings: CoreSettings, *,
                 clock: Clock | None = None,
                 send_alerts: Callable[[Sequence[int]], None] = lambda ids: None,
                 publish_notice: Callable[[NoticePayload | None], None] = lambda n: None,
                 publish_acks: Callable[[Sequence[tuple[str, int, bool]]], None] = lambda acks: None) -> None:
        self.sessions = sessions
        self.write_sessions = write_sessions(sessions)
        self.table = table
        self.settings = settings
        self.hall = settings.hall
        self.clock: Clock = clock or SystemClock()
        self.send_alerts = send_alerts
        self.publish_notice = publish_notice
        self.publish_acks = publish_acks
        self.lock = threading.RLock()
        self.terminals: dict[str, TerminalMem] = {}
        self.open: dict[tuple[str, str], int] = {}  # (scope, fault code) → open incident id
        self.open_by_code: dict[str, dict[str, int]] = {}  # fault code → scope → open incident id
        self.unknown_logged: set[str] = set()
        self.broker_down_since: datetime | None = None
        self.broker_up_since: datetime | None = None  # silence is judged only from here on
        self._load()

    # ---- units of work ----------------------------------------------------------------------
    @contextmanager
    def unit(self) -> Iterator[_Unit]:
        with self.lock:
            u: _Unit | None = None
            try:
                with self.write_sessions() as s, s.begin():
                    u = _Unit(s=s, now=self.clock.now())
                    yield u
            except BaseException:
                if u is not None:
                    u.rollback_memory()  # the database refused: memory goes back to what it holds
                raise
            # committed: now the world may hear of it
            if u.alerts:
                self.send_alerts(list(u.alerts))
            if u.notice_changed:
                self.publish_notice(self.current_notice())
            if u.acks:
                self.publish_acks([(tid, mem.acked, self._ask_resend(mem)) for tid in u.acks
                                   if (mem := self.terminals.get(tid)) is not None])

    def _ask_resend(self, mem: TerminalMem) -> bool:
        """Numbers stored above a gap (after the commit): ask the agent for the gap, at most so often."""
        if not mem.above:
            return False
        now = time.monotonic()
        if now - mem.resend_asked < RESEND_INTERVAL_S:
            return False
        mem.resend_asked = now
        log.warning("terminal %s: messages %d..%d not received yet; asked the agent to send them again",
                    mem.id, mem.acked + 1, min(mem.above) - 1)
        return True

    def _touch(self, u: _Unit, mem: TerminalMem) -> None:
        """Journal ``mem`` before changing it (once per scope): the database may still refuse the change."""
        if mem.id in u.touched:
            return
        u.touched.add(mem.id)
        saved = dict(vars(mem))  # the fields' values; ``above`` is a set changed in place, journalled apart
        u.undo.append(lambda: vars(mem).update(saved))

    def _set_open(self, u: _Unit, scope: str, code: str, incident_id: int | None) -> None:
        """Open (an id) or close (None) the incident of (scope, code) in memory, journalled."""
        key = (scope, code)
        before = self.open.get(key)
        by_code = self.open_by_code.setdefault(code, {})
        if incident_id is None:
            self.open.pop(key, None)
            by_code.pop(scope, None)
        else:
            self.open[key] = incident_id
            by_code[scope] = incident_id

        def undo() -> None:
            if before is None:
                self.open.pop(key, None)
                self.open_by_code.get(code, {}).pop(scope, None)
            else:
                self.open[key] = before
                self.open_by_code.setdefault(code, {})[scope] = before

        u.undo.append(undo)

    def ack_states(self) -> list[tuple[str, int]]:
        """Every terminal's acknowledged count: published again whenever the hall (re)connects."""
        with self.lock:
            return [(m.id, m.acked) for m in self.terminals.values()]

    def reload(self) -> None:
        """Forget memory and read it again from the database: after a unit of work failed to commit,
        memory may be ahead of what was stored."""
        with self.lock:
            self.terminals.clear()
            self.open.clear()
            self.open_by_code.clear()
            self._load()

    def _load(self) -> None:
        with self.sessions() as s:
            for t in s.scalars(select(Terminal).where(Terminal.hall == self.hall)):
                self.terminals[t.id] = TerminalMem(
                    id=t.id, registered=t.registered, session=t.session, online=t.online,
                    faults=frozenset(t.faults or []), last_status_ts=t.last_status_ts, last_seen=t.last_seen,
                    acked=t.acked_seq)
            for tid, seq in s.execute(select(EventSeen.terminal_id, func.max(EventSeen.seq))
                                      .group_by(EventSeen.terminal_id)):
                if tid in self.terminals:
                    self.terminals[tid].last_seq = seq
            # Numbers stored above a gap: few (a gap is filled by the agent's re-send within seconds).
            for table in (EventSeen, CommandResult):
                rows = s.execute(select(table.terminal_id, table.seq).join(Terminal, Terminal.id == table.terminal_id)
                                 .where(Terminal.hall == self.hall, table.seq > Terminal.acked_seq))
                for tid, above in rows:
                    if tid in self.terminals and above is not None:
                        self.terminals[tid].above.add(above)
            for inc in s.scalars(select(Incident).where(Incident.hall == self.hall, Incident.state != "resolved")):
                self._opened(inc)
        for mem in self.terminals.values():
            mem.planned_offline = mem.online is False and (mem.id, OFFLINE) not in self.open

    def pending_alert_ids(self) -> list[int]:
        """Alerts handed to the sender but not known to be delivered (after a crash: send again)."""
        with self.sessions() as s:
            return list(s.scalars(select(Alert.id).where(Alert.status == "sending").order_by(Alert.id)))

    # ---- registry -------------------------------------------------------------------------------
    def import_registry(self, entries: Sequence[RegistryEntry], actor: str = "registry") -> int:
        with self.unit() as u:
            for e in entries:
                self._upsert_registration(u, e)
            log.info("registry: %d terminals imported by %s", len(entries), actor)
        return len(entries)

    def _upsert_registration(self, u: _Unit, e: RegistryEntry) -> Terminal:
        t = u.s.get(Terminal, e.id)
        if t is None:
            t = Terminal(id=e.id, hall=self.hall, session=-1, faults=[], devices=[])
            u.s.add(t)
        elif t.hall != self.hall:
            raise IncidentError(f"terminal {e.id} belongs to hall {t.hall}")
        for k, v in e.as_dict().items():
            setattr(t, k, v)
        t.registered = True
        mem = self._mem(u, e.id, registered=True)
        self._touch(u, mem)
        mem.registered = True
        return t

    def register(self, entry: RegistryEntry) -> dict[str, Any]:
        with self.unit() as u:
            t = self._upsert_registration(u, entry)
            u.s.flush()
            return t.public()

    def unregister(self, terminal_id: str) -> None:
        with self.unit() as u:
            t = u.s.get(Terminal, terminal_id)
            if t is None or t.hall != self.hall:
                raise NotFound(f"no terminal {terminal_id}")
            t.registered = False
            mem = self._mem(u, terminal_id, registered=False)
            self._touch(u, mem)
            mem.registered = False

    def _mem(self, u: _Unit, terminal_id: str, registered: bool) -> TerminalMem:
        """The terminal's memory, made (journalled) if the hall had none."""
        mem = self.terminals.get(terminal_id)
        if mem is None:
            mem = self.terminals[terminal_id] = TerminalMem(id=terminal_id, registered=registered)
            u.undo.append(lambda: self._forget(terminal_id))
        return mem

    def _forget(self, terminal_id: str) -> None:
        self.terminals.pop(terminal_id, None)

    def _terminal(self, u: _Unit, terminal_id: str) -> tuple[TerminalMem, bool]:
        """The terminal, created as unregistered when it reports without being registered."""
        if terminal_id not in self.terminals:
            u.s.add(Terminal(id=terminal_id, hall=self.hall, registered=False, session=-1, faults=[],
                             devices=[], first_seen=u.now))
        mem = self._mem(u, terminal_id, registered=False)
        self._touch(u, mem)
        self._note_unregistered(mem)
        mem.last_seen = u.now
        return mem, mem.registered

    def _note_unregistered(self, mem: TerminalMem) -> None:
        if not mem.registered and mem.id not in self.unknown_logged:
            self.unknown_logged.add(mem.id)  # once per terminal, not once per message
            log.warning("terminal %s reports but is not in the registry (设备备案登记表): shown as unregistered",
                        mem.id)

    # ---- ingest ---------------------------------------------------------------------------------
    def process(self, messages: Sequence[Message]) -> list[tuple[str, bool]]:
        """Apply a batch of validated messages in one transaction: (outcome, registered) for each.

        Each message has a savepoint of its own: one the database refuses is undone in the database
        and in memory, counted as ``error``, and the others of the batch still commit.
        """
        out: list[tuple[str, bool]] = []
        with self.unit() as u:
            for msg in messages:
                if isinstance(msg, StatusPayload) and (known := self._status_in_memory(u.now, msg)) is not None:
                    out.append(known)
                    continue
                mark, u.touched = len(u.undo), set()
                try:
                    with u.s.begin_nested():
                        mem, registered = self._terminal(u, msg.terminal)
                        if isinstance(msg, StatePayload):
                            outcome = self._state(u, mem, msg)
                        elif isinstance(msg, StatusPayload):
                            outcome = self._status(u, mem, msg)
                        elif isinstance(msg, EventPayload):
                            outcome = self._event(u, mem, msg)
                        else:
                            outcome = self._command_result(u, mem, msg)
                        u.s.flush()  # the database's refusal comes here, inside the savepoint
                except Exception as exc:
                    u.rollback_memory(mark)
                    log.error("could not store %s from %s, refused by the database: %s",
                              type(msg).__name__, msg.terminal, str(exc).splitlines()[0][:300])
                    outcome, registered = "error", False
                u.touched = set()
                out.append((outcome, registered))
        return out

    def status_in_memory(self, p: StatusPayload) -> tuple[str, bool] | None:
        """Apply a snapshot that changes nothing durable; ``None`` when it needs :meth:`process`.

        Called by ingest's network thread for every snapshot, *without* :attr:`lock`: that lock is
        held across database commits, and waiting for them here would stall ingest. It is safe
        because the caller guarantees that nothing of this terminal is queued for :meth:`process`
        (so no other thread writes this terminal's memory now), and it touches only that terminal's
        :class:`TerminalMem`, one attribute at a time (each store is atomic under the GIL). The
        snapshot is stored before it is marked dirty, which is what :meth:`_flush_snapshots` relies on.
        """
        return self._status_in_memory(self.clock.now(), p)

    def _status_in_memory(self, now: datetime, p: StatusPayload) -> tuple[str, bool] | None:
        """Most snapshots repeat what the hall already knows: those need no database work at all."""
        mem = self.terminals.get(p.terminal)
        if mem is None or p.session > mem.session:
            return None
        if not mem.registered:
            self._note_unregistered(mem)
        mem.last_seen = now
        if p.session < mem.session:
            return REPLAYED, mem.registered
        if mem.silent or (p.spool_floor is not None and p.spool_floor > mem.acked):
            return None  # brings it back online, or moves its acknowledged count: database work
        last = mem.last_status_ts
        if last is not None and p.ts <= last:
            return (DUPLICATE if p.ts == last else REPLAYED), mem.registered
        implied = p.status.faults()
        if p.faults != implied:  # the agent's own list is for quick readers; the hall trusts both
            implied = sorted(set(implied) | set(p.faults))
        if len(implied) != len(mem.faults) or not mem.faults.issuperset(implied):
            return None
        mem.last_status_ts = p.ts
        mem.snapshot, mem.snapshot_dirty = p, True
        return ACCEPTED, mem.registered

    def _row(self, u: _Unit, mem: TerminalMem) -> Terminal:
        t = u.s.get(Terminal, mem.id)
        assert t is not None
        return t

    def _state(self, u: _Unit, mem: TerminalMem, p: StatePayload) -> str:
        # Sparkplug-style: an older session's death never hides a newer birth.
        if p.session < mem.session:
            return REPLAYED
        if p.heartbeat_s is not None:
            mem.heartbeat_s = p.heartbeat_s  # also from the retained copy, after the hall restarted
        if p.session == mem.session:
            if p.online == mem.online:
                return DUPLICATE
            if p.online:  # a birth of a session already dead: out of order
                return REPLAYED
        t = self._row(u, mem)
        mem.session = t.session = p.session
        mem.online = t.online = p.online
        mem.silent = False
        t.last_seen = u.now
        if t.first_seen is None:
            t.first_seen = u.now
        if p.agent_version:
            t.agent_version = p.agent_version
        if p.online:
            mem.planned_offline = False
            self._clear(u, mem.id, OFFLINE, actor=f"terminal:{mem.id}", detail=f"会话 {p.session} 上线")
        else:
            self._went_offline(u, mem, f"会话 {p.session} 断开（遗嘱消息）")
        return ACCEPTED

    def _went_offline(self, u: _Unit, mem: TerminalMem, detail: str) -> None:
        self._touch(u, mem)
        window = self._approved_window(u, mem.id, u.now)
        if window is not None:
            mem.planned_offline = True
            log.info("terminal %s offline inside approved shutdown %d (%s): not a fault",
                     mem.id, window.id, window.reason)
            return
        mem.planned_offline = False
        self._raise(u, mem.id, OFFLINE, detail=detail, unapproved_shutdown=True)

    def _status(self, u: _Unit, mem: TerminalMem, p: StatusPayload) -> str:
        if p.session < mem.session:
            return REPLAYED
        if p.spool_floor is not None and p.spool_floor > mem.acked:
            self._advance(u, mem, floor=p.spool_floor)
        if mem.last_status_ts is not None and p.ts <= mem.last_status_ts:
            return DUPLICATE if p.ts == mem.last_status_ts else REPLAYED
        if p.session > mem.session:  # a newer session is alive even if its birth is still on its way
            t = self._row(u, mem)
            mem.session = t.session = p.session
            mem.online = t.online = True
            mem.planned_offline = mem.silent = False
            self._clear(u, mem.id, OFFLINE, actor=f"terminal:{mem.id}", detail=f"会话 {p.session} 上报状态")
        elif mem.silent:
            self._revive(u, mem, "状态")
        mem.last_status_ts = p.ts
        mem.snapshot, mem.snapshot_dirty = p, True
        faults = frozenset(p.faults) | frozenset(p.status.faults())
        if faults != mem.faults:
            self._observe(u, mem, faults, p.ts)
        return ACCEPTED

    def _revive(self, u: _Unit, mem: TerminalMem, what: str) -> None:
        """A terminal taken offline for its silence speaks again in the same session: online again."""
        t = self._row(u, mem)
        mem.online = t.online = True
        mem.silent = mem.planned_offline = False
        self._clear(u, mem.id, OFFLINE, actor=f"terminal:{mem.id}", detail=f"会话 {mem.session} 又收到{what}")

    def _is_stored(self, u: _Unit, mem: TerminalMem, seq: int) -> bool:
        """Whether the number is stored already: then the agent did not have our ack; it gets it again."""
        if seq <= mem.acked or seq in mem.above:
            u.acks.add(mem.id)
            return True
        return False

    def _stored(self, u: _Unit, mem: TerminalMem, seq: int) -> None:
        """``seq`` is stored (in this unit): move the acknowledged count, or note the gap below it."""
        if seq <= mem.acked or seq in mem.above:
            return
        mem.above.add(seq)
        u.undo.append(lambda: mem.above.discard(seq))
        self._advance(u, mem)

    def _advance(self, u: _Unit, mem: TerminalMem, floor: int = 0) -> None:
        """The contiguous count, from ``acked`` (or the agent's ``floor``: numbers it holds no more)."""
        n = max(mem.acked, floor)
        if floor > mem.acked:
            log.warning("terminal %s: messages %d..%d were dropped by the agent's full spool, never stored "
                        "(its status counts them in spool_dropped)", mem.id, mem.acked + 1, floor)
        above = mem.above
        while n + 1 in above:
            n += 1
        if n != mem.acked:
            gone = {x for x in above if x <= n}
            above.difference_update(gone)
            u.undo.append(lambda: above.update(gone))
            mem.acked = n
            self._row(u, mem).acked_seq = n
        u.acks.add(mem.id)

    def _event(self, u: _Unit, mem: TerminalMem, p: EventPayload) -> str:
        if self._is_stored(u, mem, p.seq) or u.s.get(EventSeen, (mem.id, p.seq)) is not None:
            return DUPLICATE
        if mem.silent and p.session == mem.session:
            self._revive(u, mem, "事件")
        # The status snapshot is the truth of "now": an event older than it is history, kept not applied.
        late = p.session < mem.session or (mem.last_status_ts is not None and p.occurred_at <= mem.last_status_ts)
        agrees = (p.fault in mem.faults) == (p.action == "raised")  # the snapshot already said as much
        mem.last_seq = max(mem.last_seq, p.seq)
        u.s.add(EventSeen(terminal_id=mem.id, seq=p.seq, session=p.session, fault=p.fault, action=p.action,
                          occurred_at=p.occurred_at, received_at=u.now, applied=not late))
        self._stored(u, mem, p.seq)
        if late:
            return ACCEPTED if agrees else REPLAYED
        faults = mem.faults | {p.fault} if p.action == "raised" else mem.faults - {p.fault}
        self._observe(u, mem, frozenset(faults), p.occurred_at, detail=p.detail)
        return ACCEPTED

    def _command_result(self, u: _Unit, mem: TerminalMem, p: CommandResultPayload) -> str:
        if p.seq is not None and self._is_stored(u, mem, p.seq):
            return DUPLICATE
        u.s.add(CommandResult(terminal_id=mem.id, seq=p.seq, command_id=p.id,
                              action=p.action.value if p.action is not None else None, ok=p.ok, detail=p.detail,
                              data=p.data, ts=p.ts, received_at=u.now))
        if p.seq is not None:
            mem.last_seq = max(mem.last_seq, p.seq)
            self._stored(u, mem, p.seq)
        return ACCEPTED

    def command_result(self, command_id: str) -> dict[str, Any] | None:
        """The stored answer to a command, newest first, or None."""
        with self.sessions() as s:
            row = s.scalars(select(CommandResult).where(CommandResult.command_id == command_id)
                            .order_by(CommandResult.id.desc()).limit(1)).first()
            if row is None or row.terminal_id not in self.terminals:
                return None
            return {"id": row.command_id, "terminal": row.terminal_id, "ok": row.ok, "detail": row.detail,
                    "data": row.data, "action": row.action, "ts": row.ts, "seq": row.seq}

    def _observe(self, u: _Unit, mem: TerminalMem, faults: frozenset[str], at: datetime, detail: str = "") -> None:
        raised, cleared = faults - mem.faults, mem.faults - faults
        mem.faults = faults
        t = self._row(u, mem)
        t.faults = sorted(faults)
        for code in sorted(cleared):
            self._clear(u, mem.id, code, actor=f"device:{mem.id}", detail="设备报告故障已排除")
        for code in sorted(raised):
            self._raise(u, mem.id, code, detail=detail)

    # ---- incidents ------------------------------------------------------------------------------
    def _audit(self, u: _Unit, inc: Incident, actor: str, action: str, detail: str = "") -> None:
        u.s.add(IncidentLog(incident_id=inc.id, at=u.now, actor=actor, action=action, detail=detail))

    def _alert(self, u: _Unit, inc: Incident, kind: str, role: str, hold: float = 0.0) -> Alert:
        where = inc.terminal_id or self.settings.hall_name or self.hall
        verb = {"opened": "", "escalated": "【升级】", "reminder": "【提醒】", "resolved": "【已恢复】"}[kind]
        tier = self.table.tiers[Tier(inc.tier)].title
        title = f"{verb}[{tier}] {where}: {inc.title}"
        deadline = f"，请于 {inc.deadline.astimezone().strftime('%H:%M')} 前恢复" if inc.deadline else ""
        body = (f"{inc.title}（{inc.fault_code}），终端 {where}，工单 #{inc.id}{deadline}。"
                if kind != "resolved" else f"{inc.title}（{inc.fault_code}）已恢复，工单 #{inc.id}。")
        a = Alert(incident_id=inc.id, role=role, kind=kind, title=title, body=body, created_at=u.now,
                  due_at=u.now + timedelta(seconds=hold), status="pending", attempts=0, error="")
        u.s.add(a)
        u.s.flush()
        if hold <= 0:
            a.status = "sending"
            u.alerts.append(a.id)
        return a

    def _raise(self, u: _Unit, scope: str, code: str, *, detail: str = "", unapproved_shutdown: bool = False,
               parent: Incident | None = None) -> Incident:
        key = (scope, code)
        if key in self.open:
            inc = u.s.get(Incident, self.open[key])
            assert inc is not None
            inc.last_raised_at = u.now  # a re-trigger refreshes, never opens a twin
            return inc
        corr = self.table.correlation_for(code) if scope != HALL_SCOPE else None
        if parent is None and corr is not None:
            parent = self._open_incident(u, HALL_SCOPE, corr.system_fault)
        recent = u.s.scalars(select(Incident).where(
            Incident.hall == self.hall, Incident.scope == scope, Incident.fault_code == code,
            Incident.state == "resolved", Incident.resolution == "auto",
            Incident.resolved_at >= u.now - self.settings.flap_window,
        ).order_by(Incident.resolved_at.desc()).limit(1)).first()
        if recent is not None:
            # Flapping: the same incident again, its deadline unchanged, no new alert.
            recent.state = "acknowledged" if recent.acknowledged_at else "open"
            recent.reopen_count += 1
            recent.resolved_at = recent.resolved_by = recent.resolution = recent.resolve_note = None
            recent.last_raised_at = u.now
            self._opened(recent, u)
            self._audit(u, recent, "system", "reopened", f"故障在 {self.settings.flap_window} 内再次出现 {detail}")
            if recent.tier == Tier.SYSTEM:
                self._notice_for(u, recent)
            if corr is not None:
                self._correlate(u, corr)
            return recent
        cls = self.table.classify(code)
        rule = self.table.tiers[cls.tier]
        inc = Incident(
            hall=self.hall, scope=scope, terminal_id=None if scope == HALL_SCOPE else scope, fault_code=code,
            tier=cls.tier.value, title=cls.title, state="open", opened_at=u.now, last_raised_at=u.now,
            deadline=u.now + rule.deadline if rule.deadline else None, escalation_level=0, role=rule.role.value,
            next_reminder_at=u.now + rule.reminder if rule.reminder else None, reopen_count=0,
            unapproved_shutdown=unapproved_shutdown, detail=detail,
            parent_id=parent.id if parent is not None else None)
        u.s.add(inc)
        u.s.flush()
        self._opened(inc, u)
        self._audit(u, inc, "system", "opened", f"{cls.tier.value}; {detail}".strip("; "))
        if parent is not None:
            self._audit(u, inc, "system", "grouped", f"归入系统故障工单 #{parent.id}")
        alert = self._alert(u, inc, "opened", rule.role.value, hold=corr.hold_seconds if corr else 0.0)
        if parent is not None:
            alert.status = "suppressed"
        if cls.tier == Tier.SYSTEM:
            self._notice_for(u, inc)
        if corr is not None and parent is None:
            self._correlate(u, corr)
        return inc

    def _opened(self, inc: Incident, u: _Unit | None = None) -> None:
        if u is not None:
            self._set_open(u, inc.scope, inc.fault_code, inc.id)
            return
        self.open[(inc.scope, inc.fault_code)] = inc.id  # loading from the database
        self.open_by_code.setdefault(inc.fault_code, {})[inc.scope] = inc.id

    def _open_incident(self, u: _Unit, scope: str, code: str) -> Incident | None:
        inc_id = self.open.get((scope, code))
        return u.s.get(Incident, inc_id) if inc_id is not None else None

    def _clear(self, u: _Unit, scope: str, code: str, actor: str, detail: str = "") -> None:
        inc_id = self.open.get((scope, code))
        if inc_id is None:
            return
        inc = u.s.get(Incident, inc_id)
        assert inc is not None
        self._resolve(u, inc, actor, "auto", detail)

    def _resolve(self, u: _Unit, inc: Incident, actor: str, how: str, note: str) -> None:
        inc.state, inc.resolved_at, inc.resolved_by, inc.resolution = "resolved", u.now, actor, how
        inc.resolve_note = note
        inc.next_reminder_at = None
        self._set_open(u, inc.scope, inc.fault_code, None)
        self._audit(u, inc, actor, "resolved", f"{how}: {note}")
        held = u.s.scalars(select(Alert).where(Alert.incident_id == inc.id, Alert.status == "pending")).all()
        for a in held:  # gone before anyone needed telling
            a.status = "suppressed"
        alerted = u.s.scalars(select(Alert.id).where(
            Alert.incident_id == inc.id, Alert.status.in_(("sent", "sending", "failed")))).first()
        if self.settings.notify_resolved and alerted is not None:
            self._alert(u, inc, "resolved", inc.role)
        if inc.tier == Tier.SYSTEM:
            self._notice_for(u, inc)
        if inc.scope == HALL_SCOPE:
            self._ungroup(u, inc)
        else:
            corr = self.table.correlation_for(inc.fault_code)
            if corr is not None:
                self._correlate(u, corr)

    def _correlate(self, u: _Unit, corr: CorrelationRule) -> None:
        """Most of the hall with the same fault: one system incident with the terminal incidents under it."""
        total = len(self.terminals)
        threshold = max(corr.min_terminals, math.ceil(corr.min_fraction * total))
        affected = self.open_by_code.get(corr.fault, {})
        system = self._open_incident(u, HALL_SCOPE, corr.system_fault)
        if system is None and len(affected) >= threshold:
            system = self._raise(u, HALL_SCOPE, corr.system_fault,
                                 detail=f"{len(affected)}/{total} 台终端同时出现 {corr.fault}")
            for iid in list(affected.values()):
                child = u.s.get(Incident, iid)
                assert child is not None
                if not self._grouped(u, child):
                    child.parent_id = system.id
                    self._audit(u, child, "system", "grouped", f"归入系统故障工单 #{system.id}")
                    held = select(Alert).where(Alert.incident_id == iid, Alert.status == "pending")
                    for a in u.s.scalars(held).all():
                        a.status = "suppressed"
        elif system is not None and len(affected) < threshold:
            self._resolve(u, system, "system", "auto",
                          f"{len(affected)}/{total} 台终端仍有 {corr.fault}，低于阈值 {threshold}")

    def _grouped(self, u: _Unit, inc: Incident) -> bool:
        """Under a system incident that is still open: its alerts are the system incident's."""
        if inc.parent_id is None:
            return False
        parent = u.s.get(Incident, inc.parent_id)
        return parent is not None and parent.state != "resolved"

    def _ungroup(self, u: _Unit, system: Incident) -> None:
        """The hall-wide cause is gone; terminals still faulty are alerted on their own now."""
        children = u.s.scalars(select(Incident).where(Incident.parent_id == system.id,
                                                      Incident.state != "resolved")).all()
        for child in children:
            self._audit(u, child, "system", "ungrouped", f"系统故障工单 #{system.id} 已恢复，单独处理")
            # held like a new one: the terminals of a hall come back one by one, most within seconds
            corr = self.table.correlation_for(child.fault_code)
            self._alert(u, child, "opened", child.role, hold=corr.hold_seconds if corr else 0.0)

    # ---- people's actions ----------------------------------------------------------------------
    def acknowledge(self, incident_id: int, by: str, comment: str) -> dict[str, Any]:
        by = by.strip()
        if not by:
            raise IncidentError("acknowledging needs the name of the person (确认人)")
        with self.unit() as u:
            inc = self._get(u, incident_id)
            if inc.state != "open":
                raise IncidentError(f"incident #{incident_id} is {inc.state}, not open")
            inc.state, inc.acknowledged_by, inc.acknowledged_at = "acknowledged", by, u.now
            inc.ack_comment, inc.next_reminder_at = comment, None
            self._audit(u, inc, by, "acknowledged", comment)
            return inc.public()

    def resolve(self, incident_id: int, by: str, note: str) -> dict[str, Any]:
        by, note = by.strip(), note.strip()
        if not by or not note:
            raise IncidentError("resolving by hand needs the name of the person and a note (处理说明)")
        with self.unit() as u:
            inc = self._get(u, incident_id)
            if inc.state == "resolved":
                raise IncidentError(f"incident #{incident_id} is already resolved")
            self._resolve(u, inc, by, "manual", note)
            mem = self.terminals.get(inc.scope)
            if mem is not None and inc.fault_code in mem.faults:
                # Still reported by the device: its next report opens a new incident, never reuses this one.
                self._touch(u, mem)
                mem.faults = mem.faults - {inc.fault_code}
                self._row(u, mem).faults = sorted(mem.faults)  # the row says what memory says
            return inc.public()

    def _get(self, u: _Unit, incident_id: int) -> Incident:
        inc = u.s.get(Incident, incident_id)
        if inc is None or inc.hall != self.hall:
            raise NotFound(f"no incident #{incident_id}")
        return inc

    # ---- planned shutdowns (计划停机) -------------------------------------------------------------
    def request_shutdown(self, terminal_id: str | None, reason: str, starts_at: datetime, ends_at: datetime,
                         by: str) -> dict[str, Any]:
        if not reason.strip() or not by.strip():
            raise IncidentError("a shutdown request needs a reason and the name of who asks")
        if ends_at <= starts_at:
            raise IncidentError("the shutdown window must end after it starts")
        with self.unit() as u:
            if terminal_id is not None and terminal_id not in self.terminals:
                raise NotFound(f"no terminal {terminal_id}")
            sd = PlannedShutdown(hall=self.hall, terminal_id=terminal_id, reason=reason.strip(), starts_at=starts_at,
                                 ends_at=ends_at, requested_by=by.strip(), requested_at=u.now, state="requested",
                                 decision_note="")
            u.s.add(sd)
            u.s.flush()
            return sd.public()

    def decide_shutdown(self, shutdown_id: int, by: str, approve: bool, note: str = "") -> dict[str, Any]:
        if not by.strip():
            raise IncidentError("approving needs the name of the administrator")
        with self.unit() as u:
            sd = u.s.get(PlannedShutdown, shutdown_id)
            if sd is None or sd.hall != self.hall:
                raise NotFound(f"no shutdown request #{shutdown_id}")
            if sd.state != "requested":
                raise IncidentError(f"shutdown request #{shutdown_id} is already {sd.state}")
            sd.state = "approved" if approve else "rejected"
            sd.decided_by, sd.decided_at, sd.decision_note = by.strip(), u.now, note
            log.info("shutdown request %d %s by %s", sd.id, sd.state, sd.decided_by)
            return sd.public()

    def _approved_window(self, u: _Unit, terminal_id: str, at: datetime) -> PlannedShutdown | None:
        return u.s.scalars(select(PlannedShutdown).where(
            PlannedShutdown.hall == self.hall, PlannedShutdown.state == "approved",
            or_(PlannedShutdown.terminal_id == terminal_id, PlannedShutdown.terminal_id.is_(None)),
            PlannedShutdown.starts_at <= at, PlannedShutdown.ends_at > at).limit(1)).first()

    # ---- notices (故障信息公告) ---------------------------------------------------------------------
    def _notice_for(self, u: _Unit, inc: Incident) -> None:
        """A system incident publishes a notice; resolving it clears the notice."""
        row = u.s.scalars(select(Notice).where(Notice.incident_id == inc.id, Notice.cleared_at.is_(None))).first()
        if inc.state != "resolved" and row is None:
            u.s.add(Notice(hall=self.hall, title="系统故障公告", incident_id=inc.id, created_by="system",
                           published_at=u.now,
                           message=f"自助服务区{inc.title}，部分自助终端暂停服务，工作人员正在处理，"
                                   "请到人工窗口办理或稍后再试。给您带来不便，敬请谅解。"))
        elif inc.state == "resolved" and row is not None:
            row.cleared_at = u.now
        u.notice_changed = True

    def post_notice(self, title: str, message: str, by: str) -> dict[str, Any]:
        if not title.strip() or not by.strip():
            raise IncidentError("a notice needs a title and the name of who publishes it")
        with self.unit() as u:
            n = Notice(hall=self.hall, title=title.strip(), message=message.strip(), created_by=by.strip(),
                       published_at=u.now)
            u.s.add(n)
            u.s.flush()
            u.notice_changed = True
            return n.public()

    def clear_notice(self, notice_id: int, by: str) -> dict[str, Any]:
        with self.unit() as u:
            n = u.s.get(Notice, notice_id)
            if n is None or n.hall != self.hall:
                raise NotFound(f"no notice #{notice_id}")
            if n.cleared_at is None:
                n.cleared_at = u.now
                log.info("notice %d cleared by %s", notice_id, by)
            u.notice_changed = True
            return n.public()

    def notices_in_force(self) -> list[Notice]:
        with self.sessions() as s:
            return list(s.scalars(select(Notice).where(Notice.hall == self.hall, Notice.cleared_at.is_(None))
                                  .order_by(Notice.published_at.desc(), Notice.id.desc())))

    def current_notice(self) -> NoticePayload | None:
        """What every terminal should show now: the newest notice in force, or none."""
        notices = self.notices_in_force()
        if not notices:
            return None
        n = notices[0]
        return NoticePayload(hall=self.hall, title=n.title[:200], message=n.message[:2000],
                             incident_id=n.incident_id, since=n.published_at, ts=n.published_at)

    # ---- the clock ------------------------------------------------------------------------------
    def broker_state(self, connected: bool) -> None:
        with self.lock:
            if connected:
                self.broker_up_since = self.clock.now()
                self.broker_down_since = None
                if (HALL_SCOPE, BROKER_UNREACHABLE) in self.open:
                    with self.unit() as u:
                        self._clear(u, HALL_SCOPE, BROKER_UNREACHABLE, actor="system", detail="已重新连接")
            else:
                self.broker_up_since = None
                if self.broker_down_since is None:
                    self.broker_down_since = self.clock.now()

    def tick(self) -> None:
        """Deadlines, escalation, reminders, held alerts, the end of shutdown windows."""
        with self.unit() as u:
            now = u.now
            if (self.broker_down_since is not None and now - self.broker_down_since >= self.settings.broker_grace
                    and (HALL_SCOPE, BROKER_UNREACHABLE) not in self.open):
                self._raise(u, HALL_SCOPE, BROKER_UNREACHABLE, detail=f"自 {self.broker_down_since} 起无法连接")
            for a in u.s.scalars(select(Alert).where(Alert.status == "pending", Alert.due_at <= now)).all():
                inc = u.s.get(Incident, a.incident_id) if a.incident_id is not None else None
                if inc is not None and self._grouped(u, inc):
                    a.status = "suppressed"
                else:
                    a.status = "sending"
                    u.alerts.append(a.id)
            due = select(Incident).where(
                Incident.hall == self.hall, Incident.state != "resolved",
                or_(and_(Incident.deadline <= now, Incident.role != Role.CENTRE.value),
                    Incident.next_reminder_at <= now))
            for inc in u.s.scalars(due).all():
                self._escalate(u, inc, now)
                if inc.state == "open" and inc.next_reminder_at is not None and inc.next_reminder_at <= now:
                    rule = self.table.tiers[Tier(inc.tier)]
                    inc.next_reminder_at = now + rule.reminder if rule.reminder else None
                    if not self._grouped(u, inc):
                        self._alert(u, inc, "reminder", inc.role)
                        self._audit(u, inc, "system", "reminded", f"未确认，提醒 {inc.role}")
            for mem in self.terminals.values():
                if mem.planned_offline and mem.online is False and self._approved_window(u, mem.id, now) is None:
                    self._went_offline(u, mem, "计划停机时段已结束，终端仍未恢复")
            self._silence(u)
            self._flush_snapshots(u)

    def _silence(self, u: _Unit) -> None:
        """Offline on the hall's own clock: no word from an online terminal for two heartbeats + a margin.

        Judged only while the hall itself hears the broker, and from the moment it does (after a
        reconnect the retained state and status of every terminal come again first).
        """
        up = self.broker_up_since
        if up is None:
            return
        for mem in self.terminals.values():
            if mem.online is not True or mem.heartbeat_s is None:
                continue
            limit = timedelta(seconds=2 * mem.heartbeat_s + SILENCE_MARGIN_S)
            heard = max(mem.last_seen or up, up)
            if u.now - heard <= limit:
                continue
            self._touch(u, mem)
            t = self._row(u, mem)
            mem.online = t.online = False
            mem.silent = True
            secs = (u.now - heard).total_seconds()
            log.warning("terminal %s: nothing heard for %.1f s (heartbeat %.1f s): offline", mem.id, secs,
                        mem.heartbeat_s)
            self._went_offline(u, mem, f"{secs:.0f} 秒未收到终端心跳（心跳周期 {mem.heartbeat_s:g} 秒）")

    def _escalate(self, u: _Unit, inc: Incident, now: datetime) -> None:
        rule = self.table.tiers[Tier(inc.tier)]
        if inc.deadline is None or rule.deadline is None or inc.role == Role.CENTRE:
            return
        # One level per elapsed deadline period: at the deadline, then one period later, …
        if now < inc.deadline + inc.escalation_level * rule.deadline:
            return
        new_role = Role(inc.role).escalated()
        self._audit(u, inc, "system", "escalated", f"超过时限 {inc.deadline.isoformat()}，{inc.role} → {new_role}")
        inc.escalation_level += 1
        inc.role = new_role.value
        if not self._grouped(u, inc):
            self._alert(u, inc, "escalated", new_role.value)

    def _flush_snapshots(self, u: _Unit) -> None:
        rows = []
        for mem in self.terminals.values():
            if mem.snapshot_dirty:
                # Cleared before the snapshot is read: one stored meanwhile by ingest's lock-free fast
                # path (snapshot first, then the flag) stays dirty and is written next time.
                mem.snapshot_dirty = False
                u.undo.append(lambda m=mem: setattr(m, "snapshot_dirty", True))  # type: ignore[misc]
                snap = mem.snapshot
                if snap is None:
                    continue
                rows.append({"id": mem.id, "last_status": to_builtins(snap),
                             "last_status_ts": snap.ts, "out_of_service": snap.out_of_service,
                             "last_seen": mem.last_seen})
        if rows:
            u.s.flush()
            u.s.execute(update(Terminal), rows)  # one executemany by primary key

    # ---- reading --------------------------------------------------------------------------------
    def availability(self, terminal_id: str, since: datetime, until: datetime) -> float:
        """Share of the period in service: unplanned offline time over the period less approved windows."""
        with self.sessions() as s:
            down = timedelta()
            for inc in s.scalars(select(Incident).where(
                    Incident.hall == self.hall, Incident.scope == terminal_id, Incident.fault_code == OFFLINE,
                    Incident.opened_at < until, or_(Incident.resolved_at.is_(None), Incident.resolved_at > since))):
                down += min(inc.resolved_at or until, until) - max(inc.opened_at, since)
            planned = timedelta()
            for sd in s.scalars(select(PlannedShutdown).where(
                    PlannedShutdown.hall == self.hall, PlannedShutdown.state == "approved",
                    or_(PlannedShutdown.terminal_id == terminal_id, PlannedShutdown.terminal_id.is_(None)),
                    PlannedShutdown.starts_at < until, PlannedShutdown.ends_at > since)):
                planned += min(sd.ends_at, until) - max(sd.starts_at, since)
        span = (until - since) - planned
        if span <= timedelta():
            return 1.0
        return max(0.0, 1.0 - down / span)
