"""The read side of the web: what the API and the pages show, from the core's memory and the database.

Memory is newer than the database for presence and faults (statuses are flushed once a tick), so a
terminal's row is overlaid with its :class:`~hall_server.core.TerminalMem`. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import or_, select

from hall_server.db import Alert, CommandResult, EventSeen, Incident, IncidentLog, PlannedShutdown, Terminal
from hall_server.faults import Tier
from hall_server.web.runtime import HallRuntime
from wire.status import to_builtins

RED_TIERS = frozenset({Tier.GENERAL, Tier.COMMS_MECHANICAL, Tier.SYSTEM})
TIER_ORDER = (Tier.SYSTEM, Tier.COMMS_MECHANICAL, Tier.GENERAL, Tier.WARNING)  # the worst first

# The live hall's words for a terminal's state, worst first where one terminal has several.
STATE_LABELS: dict[str, str] = {
    "planned": "计划停机", "offline": "离线", "system": "系统故障", "comms_mechanical": "通讯/机械故障",
    "general": "一般故障", "out_of_service": "暂停服务", "warning": "预警", "unknown": "状态未知",
    "in_service": "正常服务",
}

# How the hall learns whether a terminal was confirmed ready today (确认设备能够投入正常运行): the
# inspection log's :func:`readiness_today` when it is present and readiness is required, else nothing.
ReadinessSource = Callable[[HallRuntime], dict[str, Any] | None]


def _no_readiness(_svc: HallRuntime) -> dict[str, Any] | None:
    return None


def presence_colour(t: dict[str, Any], open_tiers: set[str]) -> Literal["red", "yellow", "green"]:
    """Red: out of service for citizens. Yellow: needs attention. Green: all well."""
    if t["online"] is False or open_tiers & RED_TIERS:
        return "red"
    if open_tiers or not t["registered"] or t["online"] is None or t["out_of_service"]:
        return "yellow"
    return "green"


def live_state(t: dict[str, Any], open_tiers: set[str], in_window: bool) -> str:
    """The one word of the live hall: an approved shutdown first (nobody is to come), then the worst."""
    if in_window or t.get("planned_offline"):
        return "planned"
    if t["online"] is False:
        return "offline"
    for tier in TIER_ORDER[:3]:
        if tier in open_tiers:
            return tier.value
    if t["out_of_service"]:
        return "out_of_service"
    if Tier.WARNING in open_tiers:
        return "warning"
    if t["online"] is None:
        return "unknown"
    return "in_service"


def approved_windows(svc: HallRuntime, at: datetime) -> list[PlannedShutdown]:
    with svc.sessions() as s:
        return list(s.scalars(select(PlannedShutdown).where(
            PlannedShutdown.hall == svc.core.hall, PlannedShutdown.state == "approved",
            PlannedShutdown.starts_at <= at, PlannedShutdown.ends_at > at)))


def terminals(svc: HallRuntime, readiness: ReadinessSource = _no_readiness) -> list[dict[str, Any]]:
    """Every terminal of the hall, registered or only seen, in id order, with its live state."""
    core = svc.core
    now = core.clock.now()
    with svc.sessions() as s:
        rows = [t.public() for t in s.scalars(select(Terminal).where(Terminal.hall == core.hall)
                                              .order_by(Terminal.id))]
        tiers: dict[str, set[str]] = {}
        for scope, tier in s.execute(select(Incident.scope, Incident.tier).where(
                Incident.hall == core.hall, Incident.state != "resolved")):
            tiers.setdefault(scope, set()).add(tier)
    windows = approved_windows(svc, now)
    hall_window = any(w.terminal_id is None for w in windows)
    in_window = {w.terminal_id for w in windows if w.terminal_id is not None}
    ready = readiness(svc)
    for t in rows:
        mem = core.terminals.get(t["id"])
        if mem is not None:  # memory is newer than the row for presence and faults
            t["online"], t["faults"], t["session"] = mem.online, sorted(mem.faults), mem.session
            t["planned_offline"] = mem.planned_offline
            if mem.snapshot is not None:
                t["out_of_service"] = mem.snapshot.out_of_service
        t.setdefault("planned_offline", False)
        open_tiers = tiers.get(t["id"], set())
        t["colour"] = presence_colour(t, open_tiers)
        t["state"] = live_state(t, open_tiers, hall_window or t["id"] in in_window)
        t["tiers"] = sorted(open_tiers)
        t["ready_today"] = None if ready is None else t["id"] in ready
    return rows


def terminal(svc: HallRuntime, terminal_id: str, readiness: ReadinessSource = _no_readiness) -> dict[str, Any] | None:
    """One terminal with its newest status message (memory first: it is flushed to the row each tick)."""
    found = next((t for t in terminals(svc, readiness) if t["id"] == terminal_id), None)
    if found is None:
        return None
    mem = svc.core.terminals.get(terminal_id)
    if mem is not None and mem.snapshot is not None:
        found["last_status"] = to_builtins(mem.snapshot)
    else:
        with svc.sessions() as s:
            row = s.get(Terminal, terminal_id)
            found["last_status"] = row.last_status if row else None
    return found


@dataclass(frozen=True)
class IncidentFilter:
    """What the incidents list is narrowed to; empty fields do not narrow."""

    state: Literal["open", "acknowledged", "resolved", "all"] = "open"
    terminal: str | None = None
    tier: str | None = None
    person: str | None = None  # who acknowledged or resolved it
    role: str | None = None  # who was to be told
    limit: int = 200


def incidents(svc: HallRuntime, f: IncidentFilter = IncidentFilter()) -> list[dict[str, Any]]:
    q = select(Incident).where(Incident.hall == svc.core.hall)
    if f.state == "open":
        q = q.where(Incident.state != "resolved")
    elif f.state != "all":
        q = q.where(Incident.state == f.state)
    if f.terminal:
        q = q.where(Incident.scope == f.terminal)
    if f.tier:
        q = q.where(Incident.tier == f.tier)
    if f.role:
        q = q.where(Incident.role == f.role)
    if f.person:
        q = q.where(or_(Incident.acknowledged_by == f.person, Incident.resolved_by == f.person))
    with svc.sessions() as s:
        return [i.public() for i in s.scalars(q.order_by(Incident.id.desc()).limit(f.limit))]


def people(svc: HallRuntime) -> list[str]:
    """Everyone who has acknowledged or resolved an incident of this hall (the list's person filter)."""
    with svc.sessions() as s:
        names = set(s.scalars(select(Incident.acknowledged_by).where(
            Incident.hall == svc.core.hall, Incident.acknowledged_by.is_not(None))))
        names |= set(s.scalars(select(Incident.resolved_by).where(
            Incident.hall == svc.core.hall, Incident.resolved_by.is_not(None), Incident.resolution == "manual")))
    return sorted(n for n in names if n)


def incident(svc: HallRuntime, incident_id: int) -> dict[str, Any] | None:
    with svc.sessions() as s:
        inc = s.get(Incident, incident_id)
        if inc is None or inc.hall != svc.core.hall:
            return None
        out: dict[str, Any] = inc.public()
        out["log"] = [{"at": e.at, "actor": e.actor, "action": e.action, "detail": e.detail}
                      for e in s.scalars(select(IncidentLog).where(IncidentLog.incident_id == incident_id)
                                         .order_by(IncidentLog.id))]
        out["alerts"] = [{"id": a.id, "role": a.role, "kind": a.kind, "status": a.status, "attempts": a.attempts,
                          "sent_at": a.sent_at, "error": a.error}
                         for a in s.scalars(select(Alert).where(Alert.incident_id == incident_id).order_by(Alert.id))]
        out["children"] = list(s.scalars(select(Incident.id).where(Incident.parent_id == incident_id)))
    return out


def alerts(svc: HallRuntime, limit: int) -> list[dict[str, Any]]:
    with svc.sessions() as s:
        return [{c.name: getattr(a, c.name) for c in Alert.__table__.columns}
                for a in s.scalars(select(Alert).order_by(Alert.id.desc()).limit(limit))]


def shutdowns(svc: HallRuntime, terminal_id: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    q = select(PlannedShutdown).where(PlannedShutdown.hall == svc.core.hall)
    if terminal_id is not None:
        q = q.where(or_(PlannedShutdown.terminal_id == terminal_id, PlannedShutdown.terminal_id.is_(None)))
    with svc.sessions() as s:
        return [sd.public() for sd in s.scalars(q.order_by(PlannedShutdown.id.desc()).limit(limit))]


def notices(svc: HallRuntime) -> list[dict[str, Any]]:
    return [n.public() for n in svc.core.notices_in_force()]


def public_status(svc: HallRuntime) -> dict[str, Any]:
    ts = terminals(svc)
    system = [i for i in incidents(svc) if i["tier"] == Tier.SYSTEM]
    return {
        "hall": svc.core.hall, "name": svc.cfg.hall.name, "at": svc.core.clock.now(),
        "terminals_total": len(ts), "terminals_in_service": sum(t["colour"] != "red" for t in ts),
        "outage": bool(system),
        "notices": [{"title": n.title, "message": n.message, "since": n.published_at}
                    for n in svc.core.notices_in_force()],
    }


def history(svc: HallRuntime, terminal_id: str, limit: int = 40) -> list[dict[str, Any]]:
    """A terminal's recent status history: its faults raised and cleared (incidents and events), its
    answers to commands, newest first."""
    rows: list[dict[str, Any]] = []
    with svc.sessions() as s:
        for inc in s.scalars(select(Incident).where(Incident.hall == svc.core.hall, Incident.scope == terminal_id)
                             .order_by(Incident.id.desc()).limit(limit)):
            rows.append({"at": inc.opened_at, "what": "故障", "text": inc.title or inc.fault_code,
                         "tier": inc.tier, "incident": inc.id})
            if inc.resolved_at is not None:
                how = "自动恢复" if inc.resolution == "auto" else f"{inc.resolved_by or ''} 处理完毕"
                rows.append({"at": inc.resolved_at, "what": "恢复", "text": f"{inc.title or inc.fault_code}（{how}）",
                             "tier": "", "incident": inc.id})
        for ev in s.scalars(select(EventSeen).where(EventSeen.terminal_id == terminal_id)
                            .order_by(EventSeen.received_at.desc()).limit(limit)):
            if ev.action == "occurred":  # an occurrence (wire.contract.is_occurrence_code): a new paper roll
                text = OCCURRENCE_TEXTS.get(ev.fault, ev.fault)
            else:
                title = svc.table.classify(ev.fault).title or ev.fault
                text = f"{title} {'出现' if ev.action == 'raised' else '消除'}"
            rows.append({"at": ev.occurred_at, "what": "上报", "text": text, "tier": "", "incident": None})
        for cr in s.scalars(select(CommandResult).where(CommandResult.terminal_id == terminal_id)
                            .order_by(CommandResult.id.desc()).limit(limit)):
            outcome = "成功" if cr.ok else "失败"
            rows.append({"at": cr.ts, "what": "命令", "text": f"{command_label(cr.action)}：{outcome} {cr.detail}",
                         "tier": "", "incident": None})
    rows.sort(key=lambda r: r["at"], reverse=True)
    return rows[:limit]


OCCURRENCE_TEXTS = {"printer.receipt.roll_replaced": "技术员确认更换凭条纸卷",
                    "printer.journal.roll_replaced": "技术员确认更换流水纸卷"}
COMMAND_LABELS = {"self_test": "远程自检", "print_test_page": "打印测试页", "out_of_service": "暂停/恢复服务",
                  "restart_app": "重启应用", "report_diagnostics": "诊断信息"}


def command_label(action: str | None) -> str:
    return COMMAND_LABELS.get(action or "", action or "命令")


def availability(svc: HallRuntime, terminal_id: str, days: float) -> tuple[datetime, datetime, float]:
    until = svc.core.clock.now()
    since = until - timedelta(days=days)
    return since, until, svc.core.availability(terminal_id, since, until)
