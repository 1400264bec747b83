"""The twice-daily inspection log on SQLite and PostgreSQL, with a fake clock.

The fake clock starts on Monday 2026-03-02 at 01:00 UTC: 09:00 in the hall (Asia/Shanghai), inside
the morning slot (08:30-12:00).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from hall_server.config import InspectionsConfig
from hall_server.core import CoreSettings, HallCore
from hall_server.db import Alert, Incident, open_database
from hall_server.faults import load_fault_table
from hall_server.inspections import (
    ITEMS,
    Inspection,
    InspectionError,
    InspectionMiss,
    Inspections,
    ItemInput,
    Readiness,
    Slot,
    Value,
    attach,
)
from hall_server.registry import RegistryEntry
from hall_server.simulate import healthy_status
from tests.hall.harness import HALL, Harness
from wire.contract import StatePayload, StatusPayload
from wire.status import PaperLevel, PrinterStation, PrinterStatus, TerminalStatus, replace

DAY = date(2026, 3, 2)


def local(h: Harness, hh: int, mm: int = 0, day: date = DAY) -> None:
    """Move the fake clock forward to hh:mm of the hall's local time on ``day``."""
    target = datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC) - timedelta(hours=8)
    assert target >= h.clock.now(), "the fake clock only moves forward"
    h.clock.advance((target - h.clock.now()).total_seconds())


def snapshot(h: Harness, term: str, *, receipt: PaperLevel = PaperLevel.FULL,
             journal: PaperLevel | None = PaperLevel.FULL, **host: object) -> StatusPayload:
    h.clock.advance(1)
    st = healthy_status(receipt, **host)
    if journal is not None:
        printer = st.devices[0]
        assert isinstance(printer, PrinterStatus)
        stations = dict(printer.stations) | {"journal": PrinterStation(paper=journal, online=True)}
        st = replace(st, devices=[replace(printer, stations=stations)])
    return StatusPayload(terminal=term, session=1, status=st, faults=st.faults(), ts=h.clock.now())


def online(h: Harness, *terms: str, **kw: object) -> None:
    h.core.import_registry([RegistryEntry(id=t, name=f"终端{t}", location="一楼自助区") for t in terms])
    for t in terms:
        h.core.process([StatePayload(terminal=t, online=True, session=1), snapshot(h, t, **kw)])  # type: ignore[arg-type]


def all_ok(**overrides: ItemInput) -> dict[str, ItemInput]:
    return {i.key: ItemInput("ok") for i in ITEMS} | overrides


def open_incidents(h: Harness, code: str | None = None) -> list[Incident]:
    with h.core.sessions() as s:
        q = select(Incident).where(Incident.state != "resolved").order_by(Incident.id)
        if code is not None:
            q = q.where(Incident.fault_code == code)
        return list(s.scalars(q))


def incident(h: Harness, incident_id: int) -> Incident:
    with h.core.sessions() as s:
        inc = s.get(Incident, incident_id)
        assert inc is not None
        return inc


def count(h: Harness, table: type[object]) -> int:
    with h.core.sessions() as s:
        return s.scalar(select(sa.func.count()).select_from(table)) or 0


@pytest.fixture
def log(hall: Harness) -> Inspections:
    return Inspections(hall.core, InspectionsConfig())


def test_slots_follow_the_hall_clock(hall: Harness, log: Inspections) -> None:
    assert log.today() == DAY and log.slot_at(hall.clock.now()) == Slot.MORNING
    start, end = log.window(DAY, Slot.AFTERNOON)
    assert (start.astimezone(UTC), end.astimezone(UTC)) == (datetime(2026, 3, 2, 6, 0, tzinfo=UTC),
                                                             datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    local(hall, 13, 59)
    assert log.slot_at(hall.clock.now()) == Slot.MORNING  # a late morning round, over lunch
    local(hall, 14, 0)
    assert log.slot_at(hall.clock.now()) == Slot.AFTERNOON
    local(hall, 23, 59)
    assert log.today() == DAY
    hall.clock.advance(60)
    assert log.today() == DAY + timedelta(days=1)  # local midnight is 16:00 UTC
    other = Inspections(hall.core, InspectionsConfig(morning="07:00-09:00", timezone="Asia/Urumqi"))
    assert other.window(DAY, Slot.MORNING)[1].astimezone(UTC) == datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def test_prefill_reads_the_telemetry(hall: Harness, log: Inspections) -> None:
    online(hall, "t01")
    p = {x.key: x for x in log.prefill("t01")}
    assert {k: x.value for k, x in p.items()} == {i.key: Value.OK for i in ITEMS}
    assert p["power"].source == "市电供电" and "消息服务器往返 3 ms" in p["comms"].source
    assert "流水纸充足" in p["journal_paper"].source and "凭条纸充足" in p["receipt_paper"].source

    hall.core.process([snapshot(hall, "t01", receipt=PaperLevel.LOW, journal=None, power="ups", battery_percent=64.0,
                                backend_reachable=False)])
    p = {x.key: x for x in log.prefill("t01")}
    assert (p["power"].value, p["power"].source) == (Value.FAIL, "市电断开，UPS供电，电量 64%")
    assert (p["comms"].value, p["comms"].source) == (Value.FAIL, "在线，但业务系统无法访问")
    assert p["journal_paper"].value == Value.UNKNOWN  # this printer reports no journal station
    assert (p["receipt_paper"].value, p["receipt_paper"].source) == (Value.FAIL, "凭条纸将尽")
    assert p["mechanical"].value == Value.OK

    jammed = snapshot(hall, "t01")
    printer = jammed.status.devices[0]
    assert isinstance(printer, PrinterStatus)
    st = TerminalStatus(devices=[replace(printer, cutter_error=True)], host=jammed.status.host, app=jammed.status.app)
    hall.core.process([replace(jammed, status=st, faults=st.faults())])
    p = {x.key: x for x in log.prefill("t01")}
    assert (p["mechanical"].value, p["mechanical"].source) == (Value.FAIL, "设备故障：打印机切刀故障")

    hall.core.process([StatePayload(terminal="t01", online=False, session=1)])
    p = {x.key: x for x in log.prefill("t01")}
    assert (p["comms"].value, p["comms"].source) == (Value.FAIL, "终端离线")
    assert p["mechanical"].value == Value.FAIL  # open faults stay what they were
    assert "终端离线，最后上报" in p["power"].source


def test_prefill_after_a_restart_comes_from_the_stored_snapshot(hall: Harness) -> None:
    online(hall, "t01", receipt=PaperLevel.OUT)
    hall.core.tick()  # snapshots are written by the tick
    core = hall.restart()
    p = {x.key: x for x in Inspections(core).prefill("t01")}
    assert p["receipt_paper"].value == Value.FAIL and p["power"].value == Value.OK


def test_both_slots_signed_and_an_override_opens_its_incident(hall: Harness, log: Inspections) -> None:
    online(hall, "t01", "t02")
    morning = log.sign("t01", all_ok(), inspector="王管理员")
    assert (morning.slot, morning.result, morning.late, morning.day) == (Slot.MORNING, "ok", False, DAY)
    assert [i.prefill for i in morning.items] == ["ok"] * 5 and not any(i.overridden for i in morning.items)
    assert open_incidents(hall) == []
    with pytest.raises(InspectionError, match=rf"t01 今日上午巡检已由 王管理员 签名（#{morning.id}），如需修改请更正"):
        log.sign("t01", all_ok(), inspector="李运维")

    # The receipt paper looks full to the printer, but the roll is nearly gone: the inspector says so.
    with pytest.raises(InspectionError, match=r"客户凭条纸：实时状态为充足.*改判需填写说明"):
        log.sign("t02", all_ok(receipt_paper=ItemInput("fail")), inspector="王管理员")
    assert count(hall, Inspection) == 1
    rec = log.sign("t02", all_ok(receipt_paper=ItemInput("fail", "纸卷只剩一点")), inspector="王管理员",
                   note="上午巡检")
    assert rec.result == "fail" and [i.overridden for i in rec.items] == [False, False, False, True, False]
    [inc] = open_incidents(hall)
    assert (inc.scope, inc.fault_code, inc.tier, inc.role) == ("t02", "inspection.receipt_paper", "general", "admin")
    assert inc.title == "巡检发现客户凭条纸不足" and "王管理员" in inc.detail and "纸卷只剩一点" in inc.detail
    with hall.core.sessions() as s:
        assert s.scalars(select(Alert.role).where(Alert.incident_id == inc.id)).all() == ["admin"]

    local(hall, 14, 30)
    afternoon = log.sign("t02", all_ok(), inspector="李运维")
    assert afternoon.slot == Slot.AFTERNOON
    done = incident(hall, inc.id)
    assert (done.state, done.resolved_by) == ("resolved", "李运维")
    log.sign("t01", all_ok(), inspector="李运维")
    view = {t.terminal_id: t for t in log.day_view()}
    assert [s.status for s in view["t01"].slots] == ["done", "done"] and view["t01"].signable == ()
    assert view["t02"].slots[0].record is not None and view["t02"].slots[0].record.result == "fail"
    [one] = log.day_view(None, "t02")  # one card's refresh reads one terminal
    assert one == view["t02"]


def test_bad_input_is_refused_and_changes_nothing(hall: Harness, log: Inspections) -> None:
    online(hall, "t01")
    bad: list[tuple[dict[str, object], str]] = [
        ({"items": {k: v for k, v in all_ok().items() if k != "power"}}, "电源：请选择正常或异常"),
        ({"items": all_ok(comms=ItemInput("maybe"))}, "通讯：请选择"),
        ({"items": all_ok() | {"coffee": ItemInput("ok")}}, "未知的检查项"),
        ({"items": all_ok(power=ItemInput("ok", "x" * 501))}, "不能超过 500 字"),
        ({"inspector": "  "}, "签名需要巡检人"),
        ({"slot": "evening"}, "巡检时段应为"),
        ({"slot": "afternoon"}, "下午巡检时段 14:00-17:30 尚未开始"),
        ({"terminal_id": "t99"}, "没有已登记的终端 t99"),
    ]
    for change, message in bad:
        args: dict[str, object] = {"terminal_id": "t01", "items": all_ok(), "inspector": "王管理员"} | change
        with pytest.raises(InspectionError, match=message):
            log.sign(**args)  # type: ignore[arg-type]
    assert count(hall, Inspection) == 0 and open_incidents(hall) == []


def test_a_slot_missed_is_alerted_once_even_across_restarts(hall: Harness, log: Inspections) -> None:
    online(hall, "t01", "t02")
    log.check_missed()  # the log begins now (09:00): this morning counts
    log.sign("t01", all_ok(), inspector="王管理员")
    local(hall, 11, 59)
    log.check_missed()
    assert open_incidents(hall) == []
    local(hall, 12, 0, )
    hall.clock.advance(1)
    log.check_missed()
    [inc] = open_incidents(hall)
    assert (inc.scope, inc.fault_code, inc.tier, inc.role) == ("t02", "inspection.missed", "warning", "admin")
    assert "上午巡检时段（08:30-12:00）结束，终端 t02 未巡检" in inc.detail
    alerts = len(hall.alerts)
    log.check_missed()
    core = hall.restart()
    again = Inspections(core)
    again.check_missed()
    assert [i.id for i in open_incidents(hall)] == [inc.id] and len(hall.alerts) == alerts
    assert count(hall, InspectionMiss) == 1
    view = {t.terminal_id: t for t in again.day_view()}
    assert [s.status for s in view["t02"].slots] == ["missed", "upcoming"] and view["t02"].missed_open
    assert view["t02"].signable == (Slot.MORNING,) and view["t01"].signable == ()

    late = again.sign("t02", all_ok(), inspector="王管理员", slot="morning")
    assert late.late and late.slot == Slot.MORNING
    assert incident(hall, inc.id).state == "resolved"
    view = {t.terminal_id: t for t in again.day_view()}
    assert view["t02"].slots[0].status == "late" and not view["t02"].missed_open
    # the miss stays in the log, beside the late record
    rows = again.export_rows(DAY, DAY)
    assert [(r[2], r[8]) for r in rows] == [("t01", "正常"), ("t02", "未巡检"), ("t02", "正常")]

    # Afternoon: nobody comes; each terminal is alerted once at 17:30.
    local(hall, 17, 31)
    again.check_missed()
    assert sorted(i.scope for i in open_incidents(hall, "inspection.missed")) == ["t01", "t02"]


def test_slots_before_the_log_began_and_in_approved_shutdowns_are_not_misses(hall: Harness) -> None:
    online(hall, "t01", "t02")
    local(hall, 13, 0)
    log = Inspections(hall.core)
    log.check_missed()  # begins at 13:00: this morning (and yesterday) were before the log
    assert open_incidents(hall) == []
    sd = hall.core.request_shutdown("t02", "更换打印机", hall.clock.now(), hall.clock.now() + timedelta(hours=6),
                                    by="王管理员")
    hall.core.decide_shutdown(sd["id"], by="张主任", approve=True)
    local(hall, 17, 31)
    log.check_missed()
    assert [i.scope for i in open_incidents(hall)] == ["t01"]


def test_a_correction_is_a_new_version_and_both_stay(hall: Harness, log: Inspections) -> None:
    online(hall, "t01")
    first = log.sign("t01", all_ok(), inspector="王管理员")
    with pytest.raises(InspectionError, match="更正需填写更正原因"):
        log.correct(first.id, all_ok(), inspector="王管理员", note="")
    hall.clock.advance(60)
    second = log.correct(first.id, all_ok(journal_paper=ItemInput("fail", "流水纸只剩半卷")),
                         inspector="王管理员", note="流水纸看错了")
    assert second.corrects_id == first.id and second.slot == Slot.MORNING and second.day == DAY
    [inc] = open_incidents(hall)
    assert inc.fault_code == "inspection.journal_paper"
    with pytest.raises(InspectionError, match=f"已被 #{second.id} 更正"):
        log.correct(first.id, all_ok(), inspector="王管理员", note="再改")
    third = log.correct(second.id, all_ok(journal_paper=ItemInput("ok", "已换新纸卷")), inspector="李运维",
                        note="已更换流水纸")
    assert incident(hall, inc.id).state == "resolved"
    assert [r.id for r in log.chain(first.id)] == [first.id, second.id, third.id]
    assert [r.id for r in log.chain(third.id)] == [first.id, second.id, third.id]
    versions = log.records(DAY, DAY)
    assert [(r.id, r.current, r.corrected_by) for r in versions] == [
        (first.id, False, second.id), (second.id, False, third.id), (third.id, True, None)]
    [t] = log.day_view()
    assert t.slots[0].record is not None and t.slots[0].record.id == third.id and t.slots[0].versions == 3

    text = log.export_csv(DAY, DAY)
    assert text.startswith("\ufeff日期,时段,终端,终端名称,记录号,版本,巡检人,签名时间,结果,"
                           "电源,通讯,流水纸,客户凭条纸,机械故障,说明,更正记录\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r[4:6] for r in rows[1:]] == [[str(first.id), f"已被 #{second.id} 更正"],
                                          [str(second.id), f"已被 #{third.id} 更正"], [str(third.id), "有效"]]
    assert rows[2][11] == "不足：流水纸只剩半卷" and rows[3][-1] == f"更正 #{second.id}"


def test_the_database_refuses_to_edit_or_delete_records(hall: Harness, log: Inspections) -> None:
    online(hall, "t01")
    rec = log.sign("t01", all_ok(), inspector="王管理员")
    ready = log.confirm_readiness("t01", by="王管理员")
    for sql in (f"UPDATE inspections SET inspector = 'x' WHERE id = {rec.id}",
                f"DELETE FROM inspections WHERE id = {rec.id}",
                f"UPDATE readiness SET confirmed_by = 'x' WHERE id = {ready.id}",
                f"DELETE FROM readiness WHERE id = {ready.id}"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), hall.core.sessions() as s, s.begin():
            s.execute(sa.text(sql))
    assert log.record(rec.id) == rec


def test_readiness_is_confirmed_once_a_day_and_can_be_withdrawn(hall: Harness, log: Inspections) -> None:
    online(hall, "t01", "t02", "t03")
    hall.core.process([StatePayload(terminal="t02", online=False, session=1)])
    with pytest.raises(InspectionError, match="终端 t02 不在线"):
        log.confirm_readiness("t02", by="王管理员")
    hall.core.process([snapshot(hall, "t03", receipt=PaperLevel.OUT)])
    with pytest.raises(InspectionError, match=r"有未排除的故障（打印纸用完）"):
        log.confirm_readiness("t03", by="王管理员")
    hall.core.process([snapshot(hall, "t03", receipt=PaperLevel.LOW)])  # a warning does not stop it
    log.confirm_readiness("t03", by="王管理员")
    r = log.confirm_readiness("t01", by="王管理员", note="开机自检正常")
    with pytest.raises(InspectionError, match="今日已由 王管理员 确认"):
        log.confirm_readiness("t01", by="李运维")
    assert sorted(log.readiness_today()) == ["t01", "t03"]
    assert log.readiness_today()["t01"].note == "开机自检正常"
    with pytest.raises(InspectionError, match="撤销确认需填写原因"):
        log.withdraw_readiness(r.id, by="王管理员", note=" ")
    w = log.withdraw_readiness(r.id, by="王管理员", note="屏幕触摸失灵")
    assert not w.ready and w.corrects_id == r.id and sorted(log.readiness_today()) == ["t03"]
    again = log.confirm_readiness("t01", by="王管理员", note="已修好")
    assert again.corrects_id == w.id and sorted(log.readiness_today()) == ["t01", "t03"]
    assert count(hall, Readiness) == 4
    local(hall, 8, 0, day=DAY + timedelta(days=1))
    assert log.readiness_today() == {}


def test_the_core_tick_checks_the_slots_and_the_pages_hear_of_it(hall: Harness) -> None:
    topics: list[frozenset[str]] = []
    _engine, sessions = open_database(hall.url)
    hall.engines.append(_engine)
    core = HallCore(sessions, load_fault_table(), CoreSettings(hall=HALL), clock=hall.clock,
                    on_change=topics.append)
    log = attach(core, InspectionsConfig())
    assert attach(core) is log  # once per core
    core.import_registry([RegistryEntry(id="t01", name="终端t01")])
    core.tick()  # the log begins
    local(hall, 12, 0)
    hall.clock.advance(1)
    topics.clear()
    core.tick()
    [inc] = [i for i in open_incidents(hall) if i.fault_code == "inspection.missed"]
    assert inc.scope == "t01" and any("inspections" in t and "incidents" in t for t in topics)
    topics.clear()
    core.tick()
    assert not any("inspections" in t for t in topics) and len(open_incidents(hall)) == 1
