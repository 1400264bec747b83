"""Complaint work orders at the hall (docs/workorders.md): assigned to a department of the list, extended by at
most 2 working days with a reason, answered, called back — an unsatisfied citizen sending it back for another
round — every step in the audit log and the append-only history; overdue ones alerted to the centre once, a
restart or not; provisional due times (a calendar not published) of assigned and extended work orders recomputed
when the calendar knows the year. A real database (SQLite and PostgreSQL) with a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import AuditEntry
from hall_server.config import DEFAULT_DEPARTMENTS
from hall_server.core import HallCore
from hall_server.db import Alert, Complaint, ComplaintOverdue, ComplaintStep
from hall_server.domain import workorders
from hall_server.domain.base import NotFound
from hall_server.domain.workorders import Filters, WorkOrderError, WorkOrders
from tests.hall.harness import make_core
from tests.hall.test_core import register
from wire.contract import ComplaintPayload
from wire.feedback import make_keypair, new_id, seal_phone

CST = timezone(timedelta(hours=8))
PRIVATE, PUBLIC = make_keypair()
DEPT, OTHER = DEFAULT_DEPARTMENTS[2], DEFAULT_DEPARTMENTS[3]  # 区市场监督管理局, 区人力资源和社会保障局


def end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=CST)


class Hall:
    """A core with its work orders on a real database; ``restart()`` is a new process on the same database."""

    def __init__(self, url: str, start: datetime) -> None:
        self.url, self.clock = url, FakeClock(start.astimezone(UTC))
        self.alerts: list[int] = []
        self.cores: list[HallCore] = []
        self.restart()

    def restart(self) -> None:
        self.core = make_core(self.url, self.clock, self.alerts, [], private_key=PRIVATE)
        self.cores.append(self.core)
        self.wo: WorkOrders = workorders.attach(self.core, DEFAULT_DEPARTMENTS)

    def at(self, when: datetime) -> None:
        self.clock.advance((when - self.clock.now()).total_seconds())

    def file(self, at: datetime, seq: int = 1) -> str:
        c = ComplaintPayload(terminal="t01", seq=seq, session=1, id=new_id(), category="办不成事",
                             matter="营业执照变更材料齐全却被要求补交证明",
                             phone_sealed=seal_phone(PUBLIC, "13955501234"), filed_at=at)
        assert self.core.process([c]) == [("accepted", True)]
        return c.id

    def row(self, cid: str) -> Complaint:
        with self.core.sessions() as s:
            c = s.get(Complaint, cid)
            assert c is not None
            return c

    def steps(self, cid: str) -> list[tuple[str, str, str]]:
        return [(st["action"], st["state"], st["actor"]) for st in self.wo.get(cid)["steps"]]


@pytest.fixture
def make(db_url: str) -> Iterator[Any]:
    halls: list[Hall] = []

    def new(start: datetime) -> Hall:
        h = Hall(db_url, start)
        register(h, "t01")  # type: ignore[arg-type]  # the helper needs .core only
        halls.append(h)
        return h

    yield new
    for h in halls:
        for c in h.cores:
            c.sessions.kw["bind"].dispose()


def test_a_work_order_across_a_working_sunday_and_national_day_2025(make: Any) -> None:
    filed = datetime(2025, 9, 26, 16, 0, tzinfo=CST)  # Friday; Sunday 28th was a working day (调休)
    h = make(filed + timedelta(minutes=5))
    cid = h.file(filed)
    o = h.wo.get(cid)
    assert (o["state"], o["due_at"], o["due_text"], o["department"]) == ("已受理", end_of(date(2025, 9, 28)),
                                                                         "2025-09-28 24:00", None)
    with pytest.raises(WorkOrderError, match="不在可交办的部门名单中") as bad:
        h.wo.assign(cid, "财务室", actor="wangmin")
    assert bad.value.status == 422
    o = h.wo.assign(cid, DEPT, actor="wangmin", note="请核实窗口要求")
    assert (o["state"], o["department"], o["due_at"]) == ("已交办", DEPT, end_of(date(2025, 9, 28)))  # the slip's
    with pytest.raises(WorkOrderError, match="只有“已受理”的工单可以交办"):
        h.wo.assign(cid, OTHER, actor="wangmin")
    with pytest.raises(WorkOrderError, match="延期原因"):
        h.wo.extend(cid, 1, "  ", actor="wangmin")
    o = h.wo.extend(cid, 1, "需调取档案", actor="zhaoli")
    assert (o["due_at"], o["extended_days"], o["extension_left"]) == (end_of(date(2025, 9, 29)), 1, 1)
    third_day = "延期累计不能超过 2 个工作日（本轮已延期 1 个工作日，最多还能延期 1 个工作日）"
    with pytest.raises(WorkOrderError, match=third_day):
        h.wo.extend(cid, 2, "还要等", actor="zhaoli")  # the third day
    o = h.wo.extend(cid, 1, "档案馆周一才开放", actor="zhaoli")
    assert (o["due_at"], o["extended_days"], o["extension_left"]) == (end_of(date(2025, 9, 30)), 2, 0)
    with pytest.raises(WorkOrderError, match="不能再延期") as third:
        h.wo.extend(cid, 1, "再等一天", actor="zhaoli")
    assert third.value.status == 409
    h.at(datetime(2025, 9, 30, 10, 0, tzinfo=CST))
    o = h.wo.answer(cid, "已电话联系当事人，补交证明的要求撤回", actor="zhaoli")
    assert (o["state"], o["answer_pending"], o["overdue"]) == ("已答复", False, False)
    # not satisfied: back to the department, due the first working day after today — after National Day
    with pytest.raises(WorkOrderError, match="详细记录原因"):
        h.wo.call_back(cid, False, "", actor="zhaoli")
    o = h.wo.call_back(cid, False, "执照仍未变更", actor="zhaoli")
    assert (o["state"], o["round"], o["department"], o["extended_days"]) == ("已交办", 2, DEPT, 0)
    assert o["due_at"] == end_of(date(2025, 10, 9)) and o["due_basis"] == "official"
    h.at(datetime(2025, 10, 9, 15, 0, tzinfo=CST))
    h.wo.answer(cid, "已当场办结变更登记", actor="zhaoli")
    o = h.wo.call_back(cid, True, "当事人满意", actor="zhaoli")
    assert (o["state"], o["closed_at"], o["answer_pending"]) == ("已回访", h.clock.now(), False)
    assert h.steps(cid) == [("assigned", "已交办", "wangmin"), ("extended", "已交办", "zhaoli"),
                            ("extended", "已交办", "zhaoli"), ("answered", "已答复", "zhaoli"),
                            ("called_back", "已答复", "zhaoli"), ("assigned", "已交办", "zhaoli"),
                            ("answered", "已答复", "zhaoli"), ("called_back", "已回访", "zhaoli")]
    steps = h.wo.get(cid)["steps"]
    assert [s["due_text"] for s in steps[:3]] == ["2025-09-28 24:00", "2025-09-29 24:00", "2025-09-30 24:00"]
    assert steps[1]["days"] == 1 and steps[1]["text"] == "需调取档案" and steps[4]["satisfied"] is False
    assert [(st["due_text"], st["late"]) for st in steps if st["action"] == "answered"] == [
        ("2025-09-30 24:00", False), ("2025-10-09 24:00", False)]
    with pytest.raises(WorkOrderError, match="只有“已答复”的工单可以登记回访结果"):
        h.wo.call_back(cid, True, "", actor="zhaoli")
    with h.core.sessions() as s:
        q = select(AuditEntry).where(AuditEntry.target == f"complaint:{cid}").order_by(AuditEntry.id)
        audit = [(a.actor, a.action) for a in s.scalars(q)]
    assert audit == [("wangmin", "complaint.assign"), ("zhaoli", "complaint.extend"), ("zhaoli", "complaint.extend"),
                     ("zhaoli", "complaint.answer"), ("zhaoli", "complaint.call_back"),
                     ("zhaoli", "complaint.answer"), ("zhaoli", "complaint.call_back")]
    assert h.alerts == []  # never overdue


def test_the_history_is_append_only_in_the_database(make: Any) -> None:
    h = make(datetime(2026, 3, 2, 9, 0, tzinfo=CST))
    cid = h.file(datetime(2026, 3, 2, 8, 50, tzinfo=CST))
    h.wo.assign(cid, DEPT, actor="wangmin")
    engine = h.core.sessions.kw["bind"]
    for sql in ("UPDATE complaint_steps SET actor = 'someone'", "DELETE FROM complaint_steps"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(sa.text(sql))
    assert h.steps(cid) == [("assigned", "已交办", "wangmin")]


def test_overdue_is_flagged_and_alerted_to_the_centre_once_whatever_restarts(make: Any) -> None:
    filed = datetime(2026, 2, 13, 16, 0, tzinfo=CST)  # Friday; Saturday 14th worked, then the Spring Festival
    h = make(filed)
    cid, other = h.file(filed), h.file(filed, seq=2)
    h.wo.assign(cid, DEPT, actor="wangmin")
    h.wo.assign(other, OTHER, actor="wangmin")
    h.wo.extend(other, 2, "春节后办理", actor="wangmin")  # due 25 February
    h.at(datetime(2026, 2, 14, 23, 59, tzinfo=CST))
    h.core.tick()
    assert h.alerts == [] and h.wo.rows(Filters(overdue=True)) == []
    h.at(datetime(2026, 2, 15, 0, 1, tzinfo=CST))
    h.core.tick()
    h.core.tick()
    assert len(h.alerts) == 1
    [late] = h.wo.rows(Filters(overdue=True))
    assert (late["id"], late["overdue"]) == (cid, True) and late["seconds_left"] < 0
    assert [o["id"] for o in h.wo.rows(Filters(overdue=False))] == [other]
    with h.core.sessions() as s:
        alert = s.get(Alert, h.alerts[0])
        assert alert is not None and (alert.role, alert.kind, alert.incident_id) == ("centre", "overdue", None)
        assert "投诉超期" in alert.title and DEPT in alert.body and "2026-02-14 24:00" in alert.body
    h.restart()  # a new process on the same database: not alerted again
    h.core.tick()
    assert len(h.alerts) == 1 and h.wo.counts()["overdue"] == 1
    with pytest.raises(WorkOrderError, match="答复期限已过，不能再延期"):
        h.wo.extend(cid, 1, "晚了", actor="wangmin")
    h.wo.answer(cid, "节后答复", actor="wangmin")  # late, but recorded, and said so
    [answered] = [st for st in h.wo.get(cid)["steps"] if st["action"] == "answered"]
    assert answered["late"] is True and answered["due_text"] == "2026-02-14 24:00"
    assert h.wo.counts()["overdue"] == 0
    # sent back: a new round, overdue again later is a new alert (once for that round)
    h.wo.call_back(cid, False, "不满意", actor="wangmin")
    assert h.row(cid).due_at == end_of(date(2026, 2, 24))
    h.at(datetime(2026, 2, 26, 9, 0, tzinfo=CST))
    h.core.tick()
    h.core.tick()
    assert len(h.alerts) == 3  # round 2 of cid, and other (due 25 February)
    with h.core.sessions() as s:
        assert sorted((o.complaint_id == cid, o.round) for o in s.scalars(select(ComplaintOverdue))) == [
            (False, 1), (True, 1), (True, 2)]
    assert ("overdue", "已交办", "system") in h.steps(cid)


def test_provisional_due_times_of_assigned_extended_and_sent_back_orders_are_recomputed(
        make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ground import workdays

    filed = datetime(2026, 9, 25, 16, 0, tzinfo=CST)  # a Friday, Mid-Autumn Festival (a holiday of 2026)
    h = make(filed)
    monkeypatch.setattr(workdays, "_KNOWN", range(2004, 2026))  # as if 2026 were not published yet
    a, b, c = h.file(filed), h.file(filed, seq=2), h.file(filed, seq=3)
    o = h.wo.get(a)
    assert (o["due_basis"], o["calendar_unknown"], o["due_at"]) == ("provisional", True, end_of(date(2026, 9, 28)))
    assert "2026" in o["due_note"] and "暂按周一至周五计算" in o["due_note"]
    for cid in (a, b, c):
        h.wo.assign(cid, DEPT, actor="wangmin")
    h.wo.extend(b, 2, "需现场核查", actor="wangmin")
    assert h.row(b).due_at == end_of(date(2026, 9, 30)) and h.row(b).due_basis == "provisional"
    h.at(datetime(2026, 9, 28, 10, 0, tzinfo=CST))
    h.wo.answer(c, "已答复", actor="wangmin")
    h.at(datetime(2026, 9, 30, 10, 0, tzinfo=CST))
    h.wo.call_back(c, False, "仍未解决", actor="wangmin")
    assert h.row(c).due_at == end_of(date(2026, 10, 1)) and h.row(c).due_basis == "provisional"
    monkeypatch.undo()  # a newer chinesecalendar, the hall restarted
    h.restart()
    # Sunday 27 September is no working day in 2026 (the 20th is): a is due Monday 28th still; b counts 28, 29, 30;
    # c was sent back on 30 September: National Day, due Thursday 8 October
    assert [(h.row(x).due_at, h.row(x).due_basis, h.row(x).due_note) for x in (a, b, c)] == [
        (end_of(date(2026, 9, 28)), "official", ""), (end_of(date(2026, 9, 30)), "official", ""),
        (end_of(date(2026, 10, 8)), "official", "")]
    recomputed = [st for st in h.wo.get(c)["steps"] if st["action"] == "recomputed"]
    assert len(recomputed) == 1 and "2026-10-01 24:00" in recomputed[0]["text"] and "2026-10-08 24:00" in \
        recomputed[0]["text"]
    h.restart()  # nothing provisional left: nothing recomputed twice
    assert len([st for st in h.wo.get(c)["steps"] if st["action"] == "recomputed"]) == 1


def test_unknown_work_orders_and_other_halls_are_not_found(make: Any) -> None:
    h = make(datetime(2026, 3, 2, 9, 0, tzinfo=CST))
    for step in (lambda: h.wo.get(new_id()), lambda: h.wo.assign(new_id(), DEPT, actor="wangmin"),
                 lambda: h.wo.answer(new_id(), "x", actor="wangmin")):
        with pytest.raises(NotFound):
            step()
    cid = h.file(datetime(2026, 3, 2, 8, 0, tzinfo=CST))
    with h.core.sessions.begin() as s:
        s.execute(sa.update(Complaint).where(Complaint.id == cid).values(hall="h2"))
    with pytest.raises(NotFound):
        h.wo.assign(cid, DEPT, actor="wangmin")
    assert accounts.audit_entries(h.core.sessions) == []
    with h.core.sessions() as s:
        assert s.scalar(select(sa.func.count()).select_from(ComplaintStep)) == 0
