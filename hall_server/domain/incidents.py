"""Incidents (故障工单): opened, cleared and resolved; flapping, correlation, alerts, escalation, reminders.

One incident is open per scope (a terminal's id, or :data:`HALL_SCOPE` for the hall) and fault code;
the database enforces it too. Opened from the device's own report (or by another domain through
:meth:`Incidents.raise_`), resolved when the fault is reported cleared (:meth:`Incidents.clear`) or by a
named person with a note. A fault back within the flap window reopens the same incident. Past its
deadline an incident escalates one role (大厅管理员 → 运维 → 中心); until someone acknowledges it,
reminders repeat. Most of the hall with the same fault is one system incident with the terminals'
incidents under it, and a system incident posts the public notice. Every change goes into the
append-only incident log (:meth:`Incidents.audit`).

Memory: :attr:`Incidents.open` and :attr:`Incidents.open_by_code` follow the database, journalled
in the unit of work.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence, Sized
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hall_server.db import Alert, Incident, IncidentLog
from hall_server.domain.base import CoreSettings, IncidentError, NotFound
from hall_server.domain.notices import Notices
from hall_server.domain.unit import INCIDENTS, Unit, UnitOfWork
from hall_server.faults import CorrelationRule, FaultTable, Role, Tier

HALL_SCOPE = "@hall"
HALL_SCOPE_LABEL = "全大厅"  # how people see the scope of a hall-wide incident


class Incidents:
    def __init__(self, uow: UnitOfWork, table: FaultTable, settings: CoreSettings, notices: Notices, *,
                 terminals: Sized, send_alerts: Callable[[Sequence[int]], None] = lambda ids: None) -> None:
        self.uow = uow
        self.table = table
        self.settings = settings
        self.hall = settings.hall
        self.notices = notices
        self.terminals = terminals  # how many the hall has: what correlation counts against
        self.send_alerts = send_alerts
        self.open: dict[tuple[str, str], int] = {}  # (scope, fault code) → open incident id
        self.open_by_code: dict[str, dict[str, int]] = {}  # fault code → scope → open incident id

    # ---- memory ------------------------------------------------------------------------------
    def load(self, s: Session) -> None:
        for inc in s.scalars(select(Incident).where(Incident.hall == self.hall, Incident.state != "resolved")):
            self._opened(inc)

    def forget(self) -> None:
        self.open.clear()
        self.open_by_code.clear()

    def send_after_commit(self, u: Unit) -> None:
        if u.alerts:
            self.send_alerts(list(u.alerts))

    def _set_open(self, u: Unit, scope: str, code: str, incident_id: int | None) -> None:
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

        u.on_undo(undo)
        u.changed.add(INCIDENTS)

    def _opened(self, inc: Incident, u: Unit | None = None) -> None:
        if u is not None:
            self._set_open(u, inc.scope, inc.fault_code, inc.id)
            return
        self.open[(inc.scope, inc.fault_code)] = inc.id  # loading from the database
        self.open_by_code.setdefault(inc.fault_code, {})[inc.scope] = inc.id

    def open_incident(self, u: Unit, scope: str, code: str) -> Incident | None:
        """The incident of (scope, code) not yet resolved, if there is one."""
        inc_id = self.open.get((scope, code))
        return u.s.get(Incident, inc_id) if inc_id is not None else None

    def pending_alert_ids(self) -> list[int]:
        """Alerts handed to the sender but not known to be delivered (after a crash: send again)."""
        with self.uow.sessions() as s:
            return list(s.scalars(select(Alert.id).where(Alert.status == "sending").order_by(Alert.id)))

    # ---- the entry points for other domains -----------------------------------------------------
    def audit(self, u: Unit, inc: Incident, actor: str, action: str, detail: str = "") -> None:
        """A line of the incident's append-only history: who (a person's name, ``system``, …) did what."""
        u.s.add(IncidentLog(incident_id=inc.id, at=u.now, actor=actor, action=action, detail=detail))
        u.changed.add(INCIDENTS)

    def raise_(self, u: Unit, scope: str, code: str, *, detail: str = "", unapproved_shutdown: bool = False,
               parent: Incident | None = None) -> Incident:
        """The fault ``code`` is present in ``scope`` (a terminal's id or :data:`HALL_SCOPE`): its incident.

        Opens one (classified by the fault table: tier, title, deadline, role; alerted, grouped under a
        system incident when correlation says so), reopens one resolved within the flap window, or —
        when one is open already — refreshes it. ``code`` should be in the fault table (an unknown
        code gets the table's default tier and the code as its title).
        """
        u.changed.add(INCIDENTS)
        key = (scope, code)
        if key in self.open:
            inc = u.s.get(Incident, self.open[key])
            assert inc is not None
            inc.last_raised_at = u.now  # a re-trigger refreshes, never opens a twin
            return inc
        corr = self.table.correlation_for(code) if scope != HALL_SCOPE else None
        if parent is None and corr is not None:
            parent = self.open_incident(u, HALL_SCOPE, corr.system_fault)
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
            self.audit(u, recent, "system", "reopened", f"故障在 {self.settings.flap_window} 内再次出现 {detail}")
            if recent.tier == Tier.SYSTEM:
                self.notices.for_incident(u, recent)
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
        self.audit(u, inc, "system", "opened", f"{cls.tier.value}; {detail}".strip("; "))
        if parent is not None:
            self.audit(u, inc, "system", "grouped", f"归入系统故障工单 #{parent.id}")
        alert = self._alert(u, inc, "opened", rule.role.value, hold=corr.hold_seconds if corr else 0.0)
        if parent is not None:
            alert.status = "suppressed"
        if cls.tier == Tier.SYSTEM:
            self.notices.for_incident(u, inc)
        if corr is not None and parent is None:
            self._correlate(u, corr)
        return inc

    def clear(self, u: Unit, scope: str, code: str, actor: str, detail: str = "") -> None:
        """The fault is gone: its open incident (if any) is resolved automatically, by ``actor``
        (``device:t01``, ``system``, a person's name), with ``detail`` in its history."""
        inc_id = self.open.get((scope, code))
        if inc_id is None:
            return
        inc = u.s.get(Incident, inc_id)
        assert inc is not None
        self._resolve(u, inc, actor, "auto", detail)

    # ---- people's actions ----------------------------------------------------------------------
    def acknowledge(self, u: Unit, incident_id: int, by: str, comment: str) -> Incident:
        by = by.strip()
        if not by:
            raise IncidentError("acknowledging needs the name of the person (确认人)")
        inc = self.get(u, incident_id)
        if inc.state != "open":
            raise IncidentError(f"incident #{incident_id} is {inc.state}, not open")
        inc.state, inc.acknowledged_by, inc.acknowledged_at = "acknowledged", by, u.now
        inc.ack_comment, inc.next_reminder_at = comment, None
        self.audit(u, inc, by, "acknowledged", comment)
        return inc

    def resolve(self, u: Unit, incident_id: int, by: str, note: str) -> Incident:
        """Resolved by hand: a person's name and a note. (:meth:`HallCore.resolve` also tells the
        terminal's memory, so the device's next report of the fault opens a new incident.)"""
        by, note = by.strip(), note.strip()
        if not by or not note:
            raise IncidentError("resolving by hand needs the name of the person and a note (处理说明)")
        inc = self.get(u, incident_id)
        if inc.state == "resolved":
            raise IncidentError(f"incident #{incident_id} is already resolved")
        self._resolve(u, inc, by, "manual", note)
        return inc

    def get(self, u: Unit, incident_id: int) -> Incident:
        inc = u.s.get(Incident, incident_id)
        if inc is None or inc.hall != self.hall:
            raise NotFound(f"no incident #{incident_id}")
        return inc

    # ---- the rules -----------------------------------------------------------------------------
    def _alert(self, u: Unit, inc: Incident, kind: str, role: str, hold: float = 0.0) -> Alert:
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

    def _resolve(self, u: Unit, inc: Incident, actor: str, how: str, note: str) -> None:
        inc.state, inc.resolved_at, inc.resolved_by, inc.resolution = "resolved", u.now, actor, how
        inc.resolve_note = note
        inc.next_reminder_at = None
        self._set_open(u, inc.scope, inc.fault_code, None)
        self.audit(u, inc, actor, "resolved", f"{how}: {note}")
        held = u.s.scalars(select(Alert).where(Alert.incident_id == inc.id, Alert.status == "pending")).all()
        for a in held:  # gone before anyone needed telling
            a.status = "suppressed"
        alerted = u.s.scalars(select(Alert.id).where(
            Alert.incident_id == inc.id, Alert.status.in_(("sent", "sending", "failed")))).first()
        if self.settings.notify_resolved and alerted is not None:
            self._alert(u, inc, "resolved", inc.role)
        if inc.tier == Tier.SYSTEM:
            self.notices.for_incident(u, inc)
        if inc.scope == HALL_SCOPE:
            self._ungroup(u, inc)
        else:
            corr = self.table.correlation_for(inc.fault_code)
            if corr is not None:
                self._correlate(u, corr)

    def _correlate(self, u: Unit, corr: CorrelationRule) -> None:
        """Most of the hall with the same fault: one system incident with the terminal incidents under it."""
        total = len(self.terminals)
        threshold = max(corr.min_terminals, math.ceil(corr.min_fraction * total))
        affected = self.open_by_code.get(corr.fault, {})
        system = self.open_incident(u, HALL_SCOPE, corr.system_fault)
        if system is None and len(affected) >= threshold:
            system = self.raise_(u, HALL_SCOPE, corr.system_fault,
                                 detail=f"{len(affected)}/{total} 台终端同时出现 {corr.fault}")
            for iid in list(affected.values()):
                child = u.s.get(Incident, iid)
                assert child is not None
                if not self._grouped(u, child):
                    child.parent_id = system.id
                    self.audit(u, child, "system", "grouped", f"归入系统故障工单 #{system.id}")
                    held = select(Alert).where(Alert.incident_id == iid, Alert.status == "pending")
                    for a in u.s.scalars(held).all():
                        a.status = "suppressed"
        elif system is not None and len(affected) < threshold:
            self._resolve(u, system, "system", "auto",
                          f"{len(affected)}/{total} 台终端仍有 {corr.fault}，低于阈值 {threshold}")

    def _grouped(self, u: Unit, inc: Incident) -> bool:
        """Under a system incident that is still open: its alerts are the system incident's."""
        if inc.parent_id is None:
            return False
        parent = u.s.get(Incident, inc.parent_id)
        return parent is not None and parent.state != "resolved"

    def _ungroup(self, u: Unit, system: Incident) -> None:
        """The hall-wide cause is gone; terminals still faulty are alerted on their own now."""
        children = u.s.scalars(select(Incident).where(Incident.parent_id == system.id,
                                                      Incident.state != "resolved")).all()
        for child in children:
            self.audit(u, child, "system", "ungrouped", f"系统故障工单 #{system.id} 已恢复，单独处理")
            # held like a new one: the terminals of a hall come back one by one, most within seconds
            corr = self.table.correlation_for(child.fault_code)
            self._alert(u, child, "opened", child.role, hold=corr.hold_seconds if corr else 0.0)

    # ---- the clock ------------------------------------------------------------------------------
    def tick(self, u: Unit) -> None:
        """Held alerts now due; deadlines (escalation one role per period) and reminders."""
        now = u.now
        for a in u.s.scalars(select(Alert).where(Alert.status == "pending", Alert.due_at <= now)).all():
            inc = u.s.get(Incident, a.incident_id) if a.incident_id is not None else None
            if inc is not None and self._grouped(u, inc):
                a.status = "suppressed"
            else:
                a.status = "sending"
                u.alerts.append(a.id)
            u.changed.add(INCIDENTS)
        due = select(Incident).where(
            Incident.hall == self.hall, Incident.state != "resolved",
            or_(and_(Incident.deadline <= now, Incident.role != Role.CENTRE.value),
                Incident.next_reminder_at <= now))
        for inc in u.s.scalars(due).all():
            self._escalate(u, inc, now)
            if inc.state == "open" and inc.next_reminder_at is not None and inc.next_reminder_at <= now:
                rule = self.table.tiers[Tier(inc.tier)]
                inc.next_reminder_at = now + rule.reminder if rule.reminder else None
                u.changed.add(INCIDENTS)
                if not self._grouped(u, inc):
                    self._alert(u, inc, "reminder", inc.role)
                    self.audit(u, inc, "system", "reminded", f"未确认，提醒 {inc.role}")

    def _escalate(self, u: Unit, inc: Incident, now: datetime) -> None:
        rule = self.table.tiers[Tier(inc.tier)]
        if inc.deadline is None or rule.deadline is None or inc.role == Role.CENTRE:
            return
        # One level per elapsed deadline period: at the deadline, then one period later, …
        if now < inc.deadline + inc.escalation_level * rule.deadline:
            return
        new_role = Role(inc.role).escalated()
        self.audit(u, inc, "system", "escalated", f"超过时限 {inc.deadline.isoformat()}，{inc.role} → {new_role}")
        inc.escalation_level += 1
        inc.role = new_role.value
        if not self._grouped(u, inc):
            self._alert(u, inc, "escalated", new_role.value)
