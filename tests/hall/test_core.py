"""The hall's rules on SQLite and PostgreSQL, driven by contract payloads and a fake clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from hall_server.core import HALL_SCOPE, IncidentError
from hall_server.db import Alert, Incident, IncidentLog, Terminal
from hall_server.registry import RegistryEntry
from hall_server.simulate import healthy_status
from tests.hall.harness import Harness
from wire.contract import EventPayload, StatePayload, StatusPayload
from wire.status import PaperLevel


def status(h: Harness, term: str, session: int = 1, paper: PaperLevel = PaperLevel.FULL,
           **host: object) -> StatusPayload:
    h.clock.advance(1)  # every snapshot is newer than the last
    st = healthy_status(paper, **host)
    return StatusPayload(terminal=term, session=session, status=st, faults=st.faults(), ts=h.clock.now())


def state(term: str, online: bool, session: int = 1) -> StatePayload:
    return StatePayload(terminal=term, online=online, session=session)


def incidents(h: Harness, **where: object) -> list[Incident]:
    with h.core.sessions() as s:
        q = select(Incident).order_by(Incident.id)
        for k, v in where.items():
            q = q.where(getattr(Incident, k) == v)
        return list(s.scalars(q))


def alerts(h: Harness, incident_id: int | None = None) -> list[Alert]:
    with h.core.sessions() as s:
        q = select(Alert).order_by(Alert.id)
        if incident_id is not None:
            q = q.where(Alert.incident_id == incident_id)
        return list(s.scalars(q))


def audit(h: Harness, incident_id: int) -> list[str]:
    with h.core.sessions() as s:
        return [e.action for e in s.scalars(select(IncidentLog).where(IncidentLog.incident_id == incident_id)
                                            .order_by(IncidentLog.id))]


def register(h: Harness, *ids: str) -> None:
    h.core.import_registry([RegistryEntry(id=i, name=f"终端{i}", phone="13812345678") for i in ids])


def test_paper_out_is_general_incident_with_alert_and_clears_itself(hall: Harness) -> None:
    register(hall, "t01")
    assert hall.core.process([state("t01", True), status(hall, "t01")]) == [("accepted", True)] * 2
    assert incidents(hall) == []
    opened_at = hall.clock.now() + timedelta(seconds=1)
    hall.core.process([status(hall, "t01", paper=PaperLevel.OUT)])
    [inc] = incidents(hall)
    assert (inc.fault_code, inc.tier, inc.role, inc.state) == ("printer.receipt.paper_out", "general", "admin", "open")
    assert inc.deadline == opened_at + timedelta(minutes=30)
    [a] = alerts(hall)
    assert (a.role, a.kind, a.status) == ("admin", "opened", "sending") and hall.alerts == [a.id]
    assert "打印纸用完" in a.title and "t01" in a.title

    # the same fault again: refreshed, never a twin
    hall.core.process([status(hall, "t01", paper=PaperLevel.OUT)])
    assert len(incidents(hall)) == 1

    hall.core.process([status(hall, "t01", paper=PaperLevel.FULL)])
    [inc] = incidents(hall)
    assert (inc.state, inc.resolution, inc.resolved_by) == ("resolved", "auto", "device:t01")
    assert audit(hall, inc.id) == ["opened", "resolved"]
    assert [a.kind for a in alerts(hall)] == ["opened", "resolved"]


def test_warning_has_no_deadline_and_events_are_deduplicated(hall: Harness) -> None:
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.LOW)])
    [inc] = incidents(hall)
    assert (inc.tier, inc.deadline, inc.next_reminder_at) == ("warning", None, None)
    hall.clock.advance(5)
    ev = EventPayload(terminal="t01", seq=1, session=1, fault="locker.slot.07.jammed", action="raised",
                      occurred_at=hall.clock.now())
    assert hall.core.process([ev, ev]) == [("accepted", False), ("duplicate", False)]
    jam = incidents(hall, fault_code="locker.slot.07.jammed")
    assert [i.tier for i in jam] == ["comms_mechanical"]
    # an event older than the snapshot we hold is history: recorded, not applied
    old = EventPayload(terminal="t01", seq=2, session=1, fault="app.frozen", action="raised",
                       occurred_at=hall.clock.now() - timedelta(minutes=5))
    assert hall.core.process([old]) == [("replayed", False)]
    assert incidents(hall, fault_code="app.frozen") == []
    # … unless it agrees with the snapshot (the agent sends both for one change): nothing to report
    same = EventPayload(terminal="t01", seq=3, session=1, fault="printer.receipt.paper_near_end", action="raised",
                        occurred_at=hall.clock.now() - timedelta(seconds=30))
    assert hall.core.process([same]) == [("accepted", False)]


def test_unregistered_terminal_is_kept_and_shown(hall: Harness) -> None:
    hall.core.process([state("stray", True)])
    with hall.core.sessions() as s:
        t = s.get(Terminal, "stray")
        assert t is not None and t.registered is False and t.online is True


def test_flap_within_window_reopens_same_incident(hall: Harness) -> None:
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.OUT)])
    hall.core.process([status(hall, "t01")])
    hall.clock.advance(60)
    hall.core.process([status(hall, "t01", paper=PaperLevel.OUT)])
    [inc] = incidents(hall)
    assert (inc.state, inc.reopen_count) == ("open", 1)
    assert audit(hall, inc.id) == ["opened", "resolved", "reopened"]
    assert [a.kind for a in alerts(hall)] == ["opened", "resolved"]  # no alert per flap
    hall.core.process([status(hall, "t01")])
    hall.clock.advance(600)  # past the 5-minute window: a new incident
    hall.core.process([status(hall, "t01", paper=PaperLevel.OUT)])
    assert [i.state for i in incidents(hall)] == ["resolved", "open"]


def test_escalation_and_reminders_with_fake_clock(hall: Harness) -> None:
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.OUT)])
    [inc] = incidents(hall)
    hall.clock.advance(minutes=9)
    hall.core.tick()
    assert [a.kind for a in alerts(hall)] == ["opened"]
    hall.clock.advance(minutes=2)  # 11 min: first reminder to the administrator
    hall.core.tick()
    hall.clock.advance(minutes=10)  # 21 min: second reminder
    hall.core.tick()
    assert [(a.kind, a.role) for a in alerts(hall)] == [("opened", "admin"), ("reminder", "admin"),
                                                      ("reminder", "admin")]
    hall.core.acknowledge(inc.id, "王管理员", "去换纸")
    hall.clock.advance(minutes=8)  # 29 min: acknowledged, so no more reminders
    hall.core.tick()
    assert len(alerts(hall)) == 3
    hall.clock.advance(minutes=2)  # 31 min: past the deadline → maintenance
    hall.core.tick()
    [inc] = incidents(hall)
    assert (inc.role, inc.escalation_level, inc.acknowledged_by) == ("maintenance", 1, "王管理员")
    hall.clock.advance(minutes=30)  # one more period → centre, and no further
    hall.core.tick()
    hall.clock.advance(minutes=120)
    hall.core.tick()
    [inc] = incidents(hall)
    assert (inc.role, inc.escalation_level) == ("centre", 2)
    assert [(a.kind, a.role) for a in alerts(hall)][3:] == [("escalated", "maintenance"), ("escalated", "centre")]
    assert audit(hall, inc.id) == ["opened", "reminded", "reminded", "acknowledged", "escalated", "escalated"]
    with pytest.raises(IncidentError):
        hall.core.acknowledge(inc.id, "王管理员", "again")


def test_will_opens_offline_and_old_death_never_hides_new_birth(hall: Harness) -> None:
    register(hall, "t01")
    hall.core.process([state("t01", True, session=1)])
    hall.core.process([state("t01", False, session=1)])
    [inc] = incidents(hall)
    assert (inc.fault_code, inc.tier, inc.unapproved_shutdown) == ("terminal.offline", "comms_mechanical", True)
    assert [a.status for a in alerts(hall)] == ["pending"]  # held for correlation
    hall.core.process([state("t01", True, session=2)])
    assert [i.state for i in incidents(hall)] == ["resolved"]
    assert [a.status for a in alerts(hall)] == ["suppressed"]  # back before anyone needed telling
    # the will of session 1 delivered late: must not mark the new session dead
    assert hall.core.process([state("t01", False, session=1)]) == [("replayed", True)]
    assert hall.core.terminals["t01"].online is True
    # a status snapshot from the dead session is history, too
    assert hall.core.process([status(hall, "t01", session=1)]) == [("replayed", True)]


def test_held_offline_alert_goes_out_after_hold(hall: Harness) -> None:
    hall.core.process([state("t01", True), state("t01", False)])
    hall.clock.advance(31)
    hall.core.tick()
    [a] = alerts(hall)
    assert (a.role, a.status) == ("maintenance", "sending") and hall.alerts == [a.id]


def test_most_terminals_lost_is_one_system_incident_and_notice(hall: Harness) -> None:
    ids = [f"t{i:02d}" for i in range(1, 11)]
    register(hall, *ids)
    hall.core.process([state(t, True) for t in ids])
    hall.core.process([state(t, False) for t in ids[:7]])
    system = incidents(hall, scope=HALL_SCOPE)
    assert [(i.fault_code, i.tier, i.role) for i in system] == [("hall.terminals_down", "system", "centre")]
    children = incidents(hall, fault_code="terminal.offline")
    assert len(children) == 7 and {c.parent_id for c in children} == {system[0].id}
    hall.clock.advance(60)
    hall.core.tick()
    sent = [a for a in alerts(hall) if a.status == "sending"]
    assert [(a.incident_id, a.role) for a in sent] == [(system[0].id, "centre")]  # one alert, not seven
    assert hall.notices[-1] is not None and hall.notices[-1].incident_id == system[0].id
    assert "暂停服务" in hall.notices[-1].message
    assert hall.core.current_notice() == hall.notices[-1]

    hall.core.process([state(t, True, session=2) for t in ids[:6]])  # 1 of 10 still down
    [sysinc] = incidents(hall, scope=HALL_SCOPE)
    assert sysinc.state == "resolved"
    assert hall.notices[-1] is None and hall.core.current_notice() is None
    [left] = incidents(hall, scope="t07", state="open")
    assert "ungrouped" in audit(hall, left.id)
    assert alerts(hall, left.id)[-1].status == "pending"  # held: terminals come back one by one
    hall.clock.advance(31)
    hall.core.tick()
    assert alerts(hall, left.id)[-1].status == "sending"  # still down: now alerted on its own


def test_backend_unreachable_from_several_terminals(hall: Harness) -> None:
    ids = [f"t{i:02d}" for i in range(1, 7)]
    hall.core.process([state(t, True) for t in ids] + [status(hall, t) for t in ids])
    hall.core.process([status(hall, "t01", backend_reachable=False)])
    assert incidents(hall, scope=HALL_SCOPE) == []
    hall.core.process([status(hall, "t02", backend_reachable=False)])
    [sysinc] = incidents(hall, scope=HALL_SCOPE)
    assert sysinc.fault_code == "hall.backend_unreachable"
    assert {i.parent_id for i in incidents(hall, fault_code="host.backend.unreachable")} == {sysinc.id}


def test_planned_shutdown_is_not_a_fault_and_overrun_is(hall: Harness) -> None:
    register(hall, "t01", "t02", "t03", "t04")
    now = hall.clock.now()
    sd = hall.core.request_shutdown("t01", "更换显示屏", now, now + timedelta(hours=1), "李工")
    with pytest.raises(IncidentError):
        hall.core.request_shutdown("t01", "", now, now + timedelta(hours=1), "李工")
    hall.core.decide_shutdown(sd["id"], "王管理员", approve=True, note="同意")
    hall.core.process([state("t01", True), state("t01", False)])
    assert incidents(hall) == []
    hall.clock.advance(minutes=61)  # window over, still offline: now it is a fault
    hall.core.tick()
    [inc] = incidents(hall)
    assert (inc.fault_code, inc.unapproved_shutdown) == ("terminal.offline", True)
    hall.clock.advance(minutes=59)
    hall.core.process([state("t01", True, session=2)])
    avail = hall.core.availability("t01", now, hall.clock.now())
    assert avail == pytest.approx(1 - 59 / 60, abs=0.01)  # the approved hour does not count


def test_manual_resolve_needs_note_and_never_reuses(hall: Harness) -> None:
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.OUT)])
    [inc] = incidents(hall)
    with pytest.raises(IncidentError):
        hall.core.resolve(inc.id, "王管理员", " ")
    hall.core.resolve(inc.id, "王管理员", "已换纸，设备状态未刷新")
    hall.core.process([status(hall, "t01", paper=PaperLevel.OUT)])  # still out: a new incident
    first, second = incidents(hall)
    assert (first.state, first.resolution, first.resolve_note) == ("resolved", "manual", "已换纸，设备状态未刷新")
    assert second.state == "open" and second.id != first.id


def test_audit_log_is_append_only(hall: Harness) -> None:
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.OUT)])
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), hall.core.sessions() as s, s.begin():
        s.execute(sa.update(IncidentLog).values(actor="someone else"))
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), hall.core.sessions() as s, s.begin():
        s.execute(sa.delete(IncidentLog))


def test_restart_rebuilds_state_without_duplicates(hall: Harness) -> None:
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.OUT),
                       EventPayload(terminal="t01", seq=1, session=1, fault="app.frozen", action="raised",
                                    occurred_at=hall.clock.now() + timedelta(seconds=1))])
    hall.clock.advance(2)
    core = hall.restart()
    assert set(core.open) == {("t01", "printer.receipt.paper_out"), ("t01", "app.frozen")}
    # the broker delivers the retained birth and the unacknowledged event again
    again = EventPayload(terminal="t01", seq=1, session=1, fault="app.frozen", action="raised")
    assert core.process([state("t01", True), again]) == [("duplicate", False), ("duplicate", False)]
    core.process([status(hall, "t01", paper=PaperLevel.OUT)])
    assert len(incidents(hall, state="open")) == 1  # app.frozen cleared by the snapshot; paper_out not twinned


def test_hall_server_without_broker_is_a_system_incident(hall: Harness) -> None:
    hall.core.broker_state(connected=False)
    hall.clock.advance(29)
    hall.core.tick()
    assert incidents(hall) == []  # a reconnect blip is not an outage
    hall.clock.advance(2)
    hall.core.tick()
    [inc] = incidents(hall)
    assert (inc.scope, inc.fault_code, inc.tier, inc.role) == (HALL_SCOPE, "hall.broker_unreachable", "system",
                                                              "centre")
    assert [a.role for a in alerts(hall)] == ["centre"]
    hall.core.broker_state(connected=True)
    assert [i.state for i in incidents(hall)] == ["resolved"]
