"""Terminals: the registry, what their contract messages say, presence and silence, acknowledgements.

Every validated message (state, status, event, command result) is applied in the unit of work of
its batch, each in a savepoint of its own. A device's faults open and clear incidents
(:mod:`hall_server.domain.incidents`); a terminal offline outside an approved shutdown window is a
fault (``terminal.offline``).

End-to-end acknowledgement: per terminal, the hall keeps the highest ``seq`` up to which every
event and command result is stored (``acked``, also in the database) and the numbers stored above
a gap; after each commit the changed counts are published as ``ack`` (:mod:`wire.contract`), with
a request to send again when a gap stays. A terminal whose heartbeat has been silent for two
periods plus a margin is offline on the hall's own clock, whatever the broker's will timing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hall_server.db import CommandResult, Complaint, EventSeen, Rating, ServiceRequest, Terminal
from hall_server.domain.base import CoreSettings, IncidentError, NotFound
from hall_server.domain.feedback import Feedback
from hall_server.domain.incidents import HALL_SCOPE, Incidents
from hall_server.domain.requests import Requests
from hall_server.domain.shutdowns import Shutdowns
from hall_server.domain.unit import TERMINALS, Unit, UnitOfWork
from hall_server.registry import RegistryEntry
from wire.contract import (
    CommandResultPayload,
    ComplaintPayload,
    EventPayload,
    RatingPayload,
    RequestPayload,
    StatePayload,
    StatusPayload,
)
from wire.status import to_builtins

log = logging.getLogger("zizhu.hall")

OFFLINE = "terminal.offline"
BROKER_UNREACHABLE = "hall.broker_unreachable"

# Outcomes of one message, the label of the ingest counter.
ACCEPTED, DUPLICATE, REPLAYED = "accepted", "duplicate", "replayed"

RESEND_INTERVAL_S = 2.0  # a gap that stays is asked for again at most this often, per terminal
SILENCE_MARGIN_S = 1.0  # silent for 2 heartbeats + this: offline on the hall's clock

Message = (StatePayload | StatusPayload | EventPayload | CommandResultPayload | RatingPayload | ComplaintPayload
           | RequestPayload)


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


class Terminals:
    def __init__(self, uow: UnitOfWork, settings: CoreSettings, incidents: Incidents, shutdowns: Shutdowns, *,
                 terminals: dict[str, TerminalMem], feedback: Feedback | None = None,
                 requests: Requests | None = None,
                 publish_acks: Callable[[Sequence[tuple[str, int, bool]]], None] = lambda acks: None) -> None:
        self.uow = uow
        self.feedback = feedback or Feedback(settings)
        self.requests = requests or Requests(settings)
        self.settings = settings
        self.hall = settings.hall
        self.incidents = incidents
        self.shutdowns = shutdowns
        self.mem = terminals  # terminal id → its memory (the core's ``terminals``)
        self.publish_acks = publish_acks  # (terminal, acknowledged count, ask to send again), after commits
        self.unknown_logged: set[str] = set()
        self.broker_down_since: datetime | None = None
        self.broker_up_since: datetime | None = None  # silence is judged only from here on

    # ---- memory ------------------------------------------------------------------------------
    def load(self, s: Session) -> None:
        """Read every terminal of the hall (after the incidents: who is offline by plan needs them)."""
        for t in s.scalars(select(Terminal).where(Terminal.hall == self.hall)):
            self.mem[t.id] = TerminalMem(
                id=t.id, registered=t.registered, session=t.session, online=t.online,
                faults=frozenset(t.faults or []), last_status_ts=t.last_status_ts, last_seen=t.last_seen,
                acked=t.acked_seq)
        for tid, seq in s.execute(select(EventSeen.terminal_id, func.max(EventSeen.seq))
                                  .group_by(EventSeen.terminal_id)):
            if tid in self.mem:
                self.mem[tid].last_seq = seq
        # Numbers stored above a gap: few (a gap is filled by the agent's re-send within seconds).
        for table in (EventSeen, CommandResult, Rating, Complaint, ServiceRequest):
            rows = s.execute(select(table.terminal_id, table.seq).join(Terminal, Terminal.id == table.terminal_id)
                             .where(Terminal.hall == self.hall, table.seq > Terminal.acked_seq))
            for tid, above in rows:
                if tid in self.mem and above is not None:
                    self.mem[tid].above.add(above)
        for mem in self.mem.values():
            mem.planned_offline = mem.online is False and (mem.id, OFFLINE) not in self.incidents.open

    def forget(self) -> None:
        self.mem.clear()

    def _touch(self, u: Unit, mem: TerminalMem) -> None:
        """Journal ``mem`` before changing it (once per scope): the database may still refuse the change."""
        u.changed.add(TERMINALS)
        u.journal(mem)  # ``above`` is a set changed in place, journalled apart

    def _mem(self, u: Unit, terminal_id: str, registered: bool) -> TerminalMem:
        """The terminal's memory, made (journalled) if the hall had none."""
        mem = self.mem.get(terminal_id)
        if mem is None:
            mem = self.mem[terminal_id] = TerminalMem(id=terminal_id, registered=registered)
            u.on_undo(lambda: self._forget(terminal_id))
        return mem

    def _forget(self, terminal_id: str) -> None:
        self.mem.pop(terminal_id, None)

    def _row(self, u: Unit, mem: TerminalMem) -> Terminal:
        t = u.s.get(Terminal, mem.id)
        assert t is not None
        return t

    def ack_states(self) -> list[tuple[str, int]]:
        """Every terminal's acknowledged count: published again whenever the hall (re)connects."""
        with self.uow.lock:
            return [(m.id, m.acked) for m in self.mem.values()]

    def publish_acks_after_commit(self, u: Unit) -> None:
        if u.acks:
            self.publish_acks([(tid, mem.acked, self._ask_resend(mem)) for tid in u.acks
                               if (mem := self.mem.get(tid)) is not None])

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

    # ---- registry -------------------------------------------------------------------------------
    def import_registry(self, u: Unit, entries: Sequence[RegistryEntry], actor: str) -> None:
        for e in entries:
            self.upsert_registration(u, e)
        log.info("registry: %d terminals imported by %s", len(entries), actor)

    def upsert_registration(self, u: Unit, e: RegistryEntry) -> Terminal:
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

    def unregister(self, u: Unit, terminal_id: str) -> None:
        t = u.s.get(Terminal, terminal_id)
        if t is None or t.hall != self.hall:
            raise NotFound(f"no terminal {terminal_id}")
        t.registered = False
        mem = self._mem(u, terminal_id, registered=False)
        self._touch(u, mem)
        mem.registered = False

    def _terminal(self, u: Unit, terminal_id: str) -> tuple[TerminalMem, bool]:
        """The terminal, created as unregistered when it reports without being registered."""
        if terminal_id not in self.mem:
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

    # ---- messages -------------------------------------------------------------------------------
    def process(self, u: Unit, messages: Sequence[Message]) -> list[tuple[str, bool]]:
        """Apply a batch of validated messages: (outcome, registered) for each.

        Each message has a savepoint of its own: one the database refuses is undone in the database
        and in memory, counted as ``error``, and the others of the batch still commit.
        """
        out: list[tuple[str, bool]] = []
        for msg in messages:
            if isinstance(msg, StatusPayload) and (known := self.status_in_memory(u.now, msg)) is not None:
                out.append(known)
                continue
            try:
                with u.savepoint():
                    mem, registered = self._terminal(u, msg.terminal)
                    if isinstance(msg, StatePayload):
                        outcome = self._state(u, mem, msg)
                    elif isinstance(msg, StatusPayload):
                        outcome = self._status(u, mem, msg)
                    elif isinstance(msg, EventPayload):
                        outcome = self._event(u, mem, msg)
                    elif isinstance(msg, RatingPayload | ComplaintPayload | RequestPayload):
                        outcome = self._feedback(u, mem, msg)
                    else:
                        outcome = self._command_result(u, mem, msg)
            except Exception as exc:
                log.error("could not store %s from %s, refused by the database: %s",
                          type(msg).__name__, msg.terminal, str(exc).splitlines()[0][:300])
                outcome, registered = "error", False
            out.append((outcome, registered))
        return out

    def status_in_memory(self, now: datetime, p: StatusPayload) -> tuple[str, bool] | None:
        """Most snapshots repeat what the hall already knows: those need no database work at all.

        ``None`` when it does (then it goes through :meth:`process`). Safe without the lock under the
        conditions :meth:`hall_server.core.HallCore.status_in_memory` states.
        """
        mem = self.mem.get(p.terminal)
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

    def _state(self, u: Unit, mem: TerminalMem, p: StatePayload) -> str:
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
            self.incidents.clear(u, mem.id, OFFLINE, actor=f"terminal:{mem.id}", detail=f"会话 {p.session} 上线")
        else:
            self._went_offline(u, mem, f"会话 {p.session} 断开（遗嘱消息）")
        return ACCEPTED

    def _went_offline(self, u: Unit, mem: TerminalMem, detail: str) -> None:
        self._touch(u, mem)
        window = self.shutdowns.approved_window(u, mem.id, u.now)
        if window is not None:
            mem.planned_offline = True
            log.info("terminal %s offline inside approved shutdown %d (%s): not a fault",
                     mem.id, window.id, window.reason)
            return
        mem.planned_offline = False
        self.incidents.raise_(u, mem.id, OFFLINE, detail=detail, unapproved_shutdown=True)

    def _status(self, u: Unit, mem: TerminalMem, p: StatusPayload) -> str:
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
            self.incidents.clear(u, mem.id, OFFLINE, actor=f"terminal:{mem.id}",
                                 detail=f"会话 {p.session} 上报状态")
        elif mem.silent:
            self._revive(u, mem, "状态")
        mem.last_status_ts = p.ts
        mem.snapshot, mem.snapshot_dirty = p, True
        faults = frozenset(p.faults) | frozenset(p.status.faults())
        if faults != mem.faults:
            self._observe(u, mem, faults, p.ts)
        return ACCEPTED

    def _revive(self, u: Unit, mem: TerminalMem, what: str) -> None:
        """A terminal taken offline for its silence speaks again in the same session: online again."""
        t = self._row(u, mem)
        mem.online = t.online = True
        mem.silent = mem.planned_offline = False
        self.incidents.clear(u, mem.id, OFFLINE, actor=f"terminal:{mem.id}",
                             detail=f"会话 {mem.session} 又收到{what}")

    def _is_stored(self, u: Unit, mem: TerminalMem, seq: int) -> bool:
        """Whether the number is stored already: then the agent did not have our ack; it gets it again."""
        if seq <= mem.acked or seq in mem.above:
            u.acks.add(mem.id)
            return True
        return False

    def _stored(self, u: Unit, mem: TerminalMem, seq: int) -> None:
        """``seq`` is stored (in this unit): move the acknowledged count, or note the gap below it."""
        if seq <= mem.acked or seq in mem.above:
            return
        mem.above.add(seq)
        u.on_undo(lambda: mem.above.discard(seq))
        self._advance(u, mem)

    def _advance(self, u: Unit, mem: TerminalMem, floor: int = 0) -> None:
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
            u.on_undo(lambda: above.update(gone))
            mem.acked = n
            self._row(u, mem).acked_seq = n
        u.acks.add(mem.id)

    def _event(self, u: Unit, mem: TerminalMem, p: EventPayload) -> str:
        if self._is_stored(u, mem, p.seq) or u.s.get(EventSeen, (mem.id, p.seq)) is not None:
            return DUPLICATE
        if mem.silent and p.session == mem.session:
            self._revive(u, mem, "事件")
        if p.action == "occurred":  # no fault state (a new paper roll): stored for the paper forecast
            mem.last_seq = max(mem.last_seq, p.seq)
            u.s.add(EventSeen(terminal_id=mem.id, seq=p.seq, session=p.session, fault=p.fault, action=p.action,
                              occurred_at=p.occurred_at, received_at=u.now, applied=True))
            self._stored(u, mem, p.seq)
            return ACCEPTED
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

    def _command_result(self, u: Unit, mem: TerminalMem, p: CommandResultPayload) -> str:
        if p.seq is not None and self._is_stored(u, mem, p.seq):
            return DUPLICATE
        u.s.add(CommandResult(terminal_id=mem.id, seq=p.seq, command_id=p.id,
                              action=p.action.value if p.action is not None else None, ok=p.ok, detail=p.detail,
                              data=p.data, ts=p.ts, received_at=u.now))
        if p.seq is not None:
            mem.last_seq = max(mem.last_seq, p.seq)
            self._stored(u, mem, p.seq)
        return ACCEPTED

    def _feedback(self, u: Unit, mem: TerminalMem, p: RatingPayload | ComplaintPayload | RequestPayload) -> str:
        """A rating, complaint or service request: stored once by its kiosk id; its number counts as stored
        either way."""
        if self._is_stored(u, mem, p.seq):
            return DUPLICATE
        if isinstance(p, RatingPayload):
            outcome = self.feedback.rating(u, p)
        elif isinstance(p, RequestPayload):
            outcome = self.requests.request(u, p)
        else:
            outcome = self.feedback.complaint(u, p)
        mem.last_seq = max(mem.last_seq, p.seq)
        self._stored(u, mem, p.seq)
        return outcome

    def command_result(self, command_id: str) -> dict[str, Any] | None:
        """The stored answer to a command, newest first, or None."""
        with self.uow.sessions() as s:
            row = s.scalars(select(CommandResult).where(CommandResult.command_id == command_id)
                            .order_by(CommandResult.id.desc()).limit(1)).first()
            if row is None or row.terminal_id not in self.mem:
                return None
            return {"id": row.command_id, "terminal": row.terminal_id, "ok": row.ok, "detail": row.detail,
                    "data": row.data, "action": row.action, "ts": row.ts, "seq": row.seq}

    def _observe(self, u: Unit, mem: TerminalMem, faults: frozenset[str], at: datetime, detail: str = "") -> None:
        raised, cleared = faults - mem.faults, mem.faults - faults
        mem.faults = faults
        t = self._row(u, mem)
        t.faults = sorted(faults)
        for code in sorted(cleared):
            self.incidents.clear(u, mem.id, code, actor=f"device:{mem.id}", detail="设备报告故障已排除")
        for code in sorted(raised):
            self.incidents.raise_(u, mem.id, code, detail=detail)

    def resolved_by_hand(self, u: Unit, scope: str, code: str) -> None:
        """A person resolved the incident of a fault the device still reports: memory (and the row)
        forget the fault, so the device's next report of it opens a new incident, never reuses this one."""
        mem = self.mem.get(scope)
        if mem is not None and code in mem.faults:
            self._touch(u, mem)
            mem.faults = mem.faults - {code}
            self._row(u, mem).faults = sorted(mem.faults)  # the row says what memory says

    # ---- the hall's link and the clock ------------------------------------------------------------
    def broker_state(self, connected: bool) -> None:
        with self.uow.lock:
            if connected:
                self.broker_up_since = self.uow.clock.now()
                self.broker_down_since = None
                if (HALL_SCOPE, BROKER_UNREACHABLE) in self.incidents.open:
                    with self.uow.unit() as u:
                        self.incidents.clear(u, HALL_SCOPE, BROKER_UNREACHABLE, actor="system", detail="已重新连接")
            else:
                self.broker_up_since = None
                if self.broker_down_since is None:
                    self.broker_down_since = self.uow.clock.now()

    def tick_broker(self, u: Unit) -> None:
        """The broker away longer than the grace: a hall-wide incident."""
        if (self.broker_down_since is not None and u.now - self.broker_down_since >= self.settings.broker_grace
                and (HALL_SCOPE, BROKER_UNREACHABLE) not in self.incidents.open):
            self.incidents.raise_(u, HALL_SCOPE, BROKER_UNREACHABLE, detail=f"自 {self.broker_down_since} 起无法连接")

    def tick(self, u: Unit) -> None:
        """The end of shutdown windows, silence, and the snapshots kept in memory written down."""
        for mem in self.mem.values():
            if (mem.planned_offline and mem.online is False
                    and self.shutdowns.approved_window(u, mem.id, u.now) is None):
                self._went_offline(u, mem, "计划停机时段已结束，终端仍未恢复")
        self._silence(u)
        self._flush_snapshots(u)

    def _silence(self, u: Unit) -> None:
        """Offline on the hall's own clock: no word from an online terminal for two heartbeats + a margin.

        Judged only while the hall itself hears the broker, and from the moment it does (after a
        reconnect the retained state and status of every terminal come again first).
        """
        up = self.broker_up_since
        if up is None:
            return
        for mem in self.mem.values():
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

    def _flush_snapshots(self, u: Unit) -> None:
        rows = []
        for mem in self.mem.values():
            if mem.snapshot_dirty:
                # Cleared before the snapshot is read: one stored meanwhile by ingest's lock-free fast
                # path (snapshot first, then the flag) stays dirty and is written next time.
                mem.snapshot_dirty = False
                u.on_undo(lambda m=mem: setattr(m, "snapshot_dirty", True))  # type: ignore[misc]
                snap = mem.snapshot
                if snap is None:
                    continue
                rows.append({"id": mem.id, "last_status": to_builtins(snap),
                             "last_status_ts": snap.ts, "out_of_service": snap.out_of_service,
                             "last_seen": mem.last_seen})
        if rows:
            u.s.flush()
            u.s.execute(update(Terminal), rows)  # one executemany by primary key
            u.changed.add(TERMINALS)
