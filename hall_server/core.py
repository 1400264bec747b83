"""The hall's rules, composed: terminals, incidents and their deadlines, shutdowns, notices, availability.

The rules, their sources and what each one does here: docs/hall-rules.md. Each domain has a module
of :mod:`hall_server.domain` (its docstring says which does what); :class:`HallCore` makes them and
wires them around one unit of work (:mod:`hall_server.domain.unit`), and is what ingest, the
service and the web call.

Every input (a validated contract message, a tick of the clock, a person's action through the
API) runs as one unit of work under one lock: memory and database change together, and the
side effects (alerts to send, the notice to publish, acknowledgements, the topics changed for the
live pages) leave only after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from ground.clock import Clock, SystemClock
from hall_server.db import Notice
from hall_server.domain.availability import availability
from hall_server.domain.base import CoreSettings, IncidentError, NotFound
from hall_server.domain.feedback import Feedback
from hall_server.domain.incidents import HALL_SCOPE, HALL_SCOPE_LABEL, Incidents
from hall_server.domain.notices import Notices
from hall_server.domain.rectifications import Rectifications, StepInput
from hall_server.domain.requests import Requests
from hall_server.domain.shutdowns import Shutdowns
from hall_server.domain.terminals import (
    ACCEPTED,
    BROKER_UNREACHABLE,
    DUPLICATE,
    OFFLINE,
    REPLAYED,
    RESEND_INTERVAL_S,
    SILENCE_MARGIN_S,
    Message,
    TerminalMem,
    Terminals,
)
from hall_server.domain.unit import Unit, UnitOfWork
from hall_server.faults import FaultTable
from hall_server.registry import RegistryEntry
from wire.contract import NoticePayload, StatusPayload

__all__ = [
    "ACCEPTED", "BROKER_UNREACHABLE", "DUPLICATE", "HALL_SCOPE", "HALL_SCOPE_LABEL", "OFFLINE", "REPLAYED",
    "RESEND_INTERVAL_S", "SILENCE_MARGIN_S", "CoreSettings", "HallCore", "IncidentError", "Message", "NotFound",
    "TerminalMem", "Unit",
]

log = logging.getLogger("zizhu.hall")


class HallCore:
    """The hall's domains on one unit of work.

    ``on_change(topics)`` is called after each commit that changed something, with the topics of
    that unit (``"terminals"``, ``"incidents"``, ``"shutdowns"``, ``"notices"`` and any a domain
    adds); still under the core's lock, so it must only hand the topics on (an exception it raises
    is logged, the commit stands). Snapshots applied in memory (:meth:`status_in_memory`) are told as
    ``"terminals"`` when the next tick writes them down.
    """

    def __init__(self, sessions: sessionmaker[Session], table: FaultTable, settings: CoreSettings, *,
                 clock: Clock | None = None,
                 send_alerts: Callable[[Sequence[int]], None] = lambda ids: None,
                 publish_notice: Callable[[NoticePayload | None], None] = lambda n: None,
                 publish_acks: Callable[[Sequence[tuple[str, int, bool]]], None] = lambda acks: None,
                 on_change: Callable[[frozenset[str]], None] = lambda topics: None) -> None:
        self.sessions = sessions
        self.table = table
        self.settings = settings
        self.hall = settings.hall
        self.clock: Clock = clock or SystemClock()
        self.uow = UnitOfWork(sessions, self.clock)
        self.write_sessions = self.uow.write_sessions
        self.lock = self.uow.lock
        self.on_change = on_change
        self.terminals: dict[str, TerminalMem] = {}  # terminal id → what the hall knows of it now
        self.notices = Notices(self.uow, self.hall, publish_notice)
        self.incidents = Incidents(self.uow, table, settings, self.notices, terminals=self.terminals,
                                   send_alerts=send_alerts)
        self.shutdowns = Shutdowns(self.uow, self.hall, self.terminals)
        self.feedback = Feedback(settings)
        self.requests = Requests(settings)  # appointments, their cancellation, mailing (issue 14)
        self.rectifications = Rectifications(settings)
        self.terminals_domain = Terminals(self.uow, settings, self.incidents, self.shutdowns,
                                          terminals=self.terminals, feedback=self.feedback,
                                          requests=self.requests, publish_acks=publish_acks)
        # After each commit, in this order: alerts, the notice, acknowledgements, then the live pages.
        for after in (self.incidents.send_after_commit, self.notices.publish_after_commit,
                      self.terminals_domain.publish_acks_after_commit, self._tell_changes):
            self.uow.after_commit(after)
        self._ticks: list[Callable[[Unit], None]] = []
        self.add_tick(self.rectifications.tick)  # bad reviews past their deadline: the centre alerted, once
        from hall_server.domain.mailing import attach as attach_mailing

        attach_mailing(self)  # 政务专递: each mailing request makes the hall's mailing to post (issue 14)
        self._load()

    # ---- units of work ----------------------------------------------------------------------
    def unit(self) -> AbstractContextManager[Unit]:
        """A unit of work (``with core.unit() as u:``): the core's lock and one transaction.

        Change the database through ``u.s``; the time of the unit is ``u.now``; journal memory
        changes with ``u.journal(obj)`` / ``u.on_undo(fn)``; mark what changed for the live pages
        with ``u.changed.add(topic)``. Alerts, notices, acks and ``on_change`` follow the commit;
        an exception rolls back the database and the journalled memory. Units do not nest.
        """
        return self.uow.unit()

    def add_tick(self, fn: Callable[[Unit], None]) -> None:
        """Run ``fn(u)`` in every :meth:`tick`, inside its unit, after the core's own rules.

        Each added function runs in a savepoint of its own: one that raises is logged and its
        changes (database and journalled memory) are undone; the rest of the tick still commits.
        """
        self._ticks.append(fn)

    def _tell_changes(self, u: Unit) -> None:
        if not u.changed:
            return
        try:
            self.on_change(frozenset(u.changed))
        except Exception:  # the unit is committed: a listener's failure must not undo it for the caller
            log.exception("on_change(%s) failed", sorted(u.changed))

    # Who is told of commits, and how: kept assignable on the core (tests capture them).
    @property
    def send_alerts(self) -> Callable[[Sequence[int]], None]:
        return self.incidents.send_alerts

    @send_alerts.setter
    def send_alerts(self, fn: Callable[[Sequence[int]], None]) -> None:
        self.incidents.send_alerts = fn

    @property
    def publish_notice(self) -> Callable[[NoticePayload | None], None]:
        return self.notices.publish

    @publish_notice.setter
    def publish_notice(self, fn: Callable[[NoticePayload | None], None]) -> None:
        self.notices.publish = fn

    @property
    def publish_acks(self) -> Callable[[Sequence[tuple[str, int, bool]]], None]:
        return self.terminals_domain.publish_acks

    @publish_acks.setter
    def publish_acks(self, fn: Callable[[Sequence[tuple[str, int, bool]]], None]) -> None:
        self.terminals_domain.publish_acks = fn

    # ---- memory -------------------------------------------------------------------------------
    @property
    def open(self) -> dict[tuple[str, str], int]:
        """(scope, fault code) → the id of its incident not yet resolved."""
        return self.incidents.open

    @property
    def open_by_code(self) -> dict[str, dict[str, int]]:
        """Fault code → scope → the id of its incident not yet resolved."""
        return self.incidents.open_by_code

    @property
    def unknown_logged(self) -> set[str]:
        return self.terminals_domain.unknown_logged

    @property
    def broker_down_since(self) -> datetime | None:
        return self.terminals_domain.broker_down_since

    @property
    def broker_up_since(self) -> datetime | None:
        return self.terminals_domain.broker_up_since

    def ack_states(self) -> list[tuple[str, int]]:
        """Every terminal's acknowledged count: published again whenever the hall (re)connects."""
        return self.terminals_domain.ack_states()

    def reload(self) -> None:
        """Forget memory and read it again from the database: after a unit of work failed to commit,
        memory may be ahead of what was stored."""
        with self.lock:
            self.terminals_domain.forget()
            self.incidents.forget()
            self._load()

    def _load(self) -> None:
        with self.sessions() as s:
            self.incidents.load(s)
            self.terminals_domain.load(s)
        with self.unit() as u:  # a newer calendar may know a year that was provisional when filed
            self.feedback.recompute_provisional(u)
            self.feedback.reopen_unreadable(u)

    def pending_alert_ids(self) -> list[int]:
        """Alerts handed to the sender but not known to be delivered (after a crash: send again)."""
        return self.incidents.pending_alert_ids()

    # ---- registry -------------------------------------------------------------------------------
    def import_registry(self, entries: Sequence[RegistryEntry], actor: str = "registry") -> int:
        with self.unit() as u:
            self.terminals_domain.import_registry(u, entries, actor)
        return len(entries)

    def register(self, entry: RegistryEntry) -> dict[str, Any]:
        with self.unit() as u:
            t = self.terminals_domain.upsert_registration(u, entry)
            u.s.flush()
            return t.public()

    def unregister(self, terminal_id: str) -> None:
        with self.unit() as u:
            self.terminals_domain.unregister(u, terminal_id)

    # ---- ingest ---------------------------------------------------------------------------------
    def process(self, messages: Sequence[Message]) -> list[tuple[str, bool]]:
        """Apply a batch of validated messages in one transaction: (outcome, registered) for each.

        Each message has a savepoint of its own: one the database refuses is undone in the database
        and in memory, counted as ``error``, and the others of the batch still commit.
        """
        with self.unit() as u:
            return self.terminals_domain.process(u, messages)

    def status_in_memory(self, p: StatusPayload) -> tuple[str, bool] | None:
        """Apply a snapshot that changes nothing durable; ``None`` when it needs :meth:`process`.

        Called by ingest's network thread for every snapshot, *without* :attr:`lock`: that lock is
        held across database commits, and waiting for them here would stall ingest. It is safe
        because the caller guarantees that nothing of this terminal is queued for :meth:`process`
        (so no other thread writes this terminal's memory now), and it touches only that terminal's
        :class:`TerminalMem`, one attribute at a time (each store is atomic under the GIL). The
        snapshot is stored before it is marked dirty, which is what the tick's flush relies on.
        """
        return self.terminals_domain.status_in_memory(self.clock.now(), p)

    def command_result(self, command_id: str) -> dict[str, Any] | None:
        """The stored answer to a command, newest first, or None."""
        return self.terminals_domain.command_result(command_id)

    # ---- people's actions ----------------------------------------------------------------------
    def acknowledge(self, incident_id: int, by: str, comment: str) -> dict[str, Any]:
        with self.unit() as u:
            return self.incidents.acknowledge(u, incident_id, by, comment).public()

    def resolve(self, incident_id: int, by: str, note: str) -> dict[str, Any]:
        with self.unit() as u:
            inc = self.incidents.resolve(u, incident_id, by, note)
            self.terminals_domain.resolved_by_hand(u, inc.scope, inc.fault_code)
            return inc.public()

    # ---- rectification of bad reviews (差评整改) ------------------------------------------------------
    def rectification_step(self, case_id: int, given: StepInput, by: str) -> int:
        """One step of a rectification case by ``by`` (the logged-in user): the id of its history row."""
        with self.unit() as u:
            return self.rectifications.step(u, case_id, given, by=by).id

    # ---- planned shutdowns (计划停机) -------------------------------------------------------------
    def request_shutdown(self, terminal_id: str | None, reason: str, starts_at: datetime, ends_at: datetime,
                         by: str) -> dict[str, Any]:
        with self.unit() as u:
            return self.shutdowns.request(u, terminal_id, reason, starts_at, ends_at, by=by).public()

    def decide_shutdown(self, shutdown_id: int, by: str, approve: bool, note: str = "") -> dict[str, Any]:
        with self.unit() as u:
            return self.shutdowns.decide(u, shutdown_id, by, approve, note).public()

    # ---- notices (故障信息公告) ---------------------------------------------------------------------
    def post_notice(self, title: str, message: str, by: str) -> dict[str, Any]:
        with self.unit() as u:
            return self.notices.post(u, title, message, by).public()

    def clear_notice(self, notice_id: int, by: str) -> dict[str, Any]:
        with self.unit() as u:
            return self.notices.clear(u, notice_id, by).public()

    def notices_in_force(self) -> list[Notice]:
        return self.notices.in_force()

    def current_notice(self) -> NoticePayload | None:
        """What every terminal should show now: the newest notice in force, or none."""
        return self.notices.current()

    # ---- the clock ------------------------------------------------------------------------------
    def broker_state(self, connected: bool) -> None:
        self.terminals_domain.broker_state(connected)

    def tick(self) -> None:
        """Deadlines, escalation, reminders, held alerts, the end of shutdown windows, silence; then
        every function of :meth:`add_tick`."""
        with self.unit() as u:
            self.terminals_domain.tick_broker(u)
            self.incidents.tick(u)
            self.terminals_domain.tick(u)
            for fn in self._ticks:
                try:
                    with u.savepoint():
                        fn(u)
                except Exception:
                    log.exception("tick: %s failed; its changes are undone, the rest of the tick stands",
                                  getattr(fn, "__qualname__", fn))

    # ---- reading --------------------------------------------------------------------------------
    def availability(self, terminal_id: str, since: datetime, until: datetime) -> float:
        """Share of the period in service: unplanned offline time over the period less approved windows."""
        return availability(self.sessions, self.hall, terminal_id, since, until)
