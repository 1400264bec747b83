"""The reports (绩效考核) of a known hall history (tests/hall/report_history.py), on SQLite and PostgreSQL.

Every figure below is worked out by hand from that history; the comments say how. The period is
Monday 2026-03-02 to Wednesday 2026-03-04 (72 hours of hall time); the clock stands on Thursday 09:00.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from ground.clock import FakeClock
from hall_server.config import ReportsConfig
from hall_server.core import HallCore
from hall_server.db import Alert
from hall_server.inspections import Inspections, attach
from hall_server.reports import (
    SUMMARY_KIND,
    Period,
    ReportError,
    Reports,
    csv_text,
    make_period,
    parse_period,
    percentile,
    table_rows,
)
from tests.hall.conftest import _pg_database
from tests.hall.harness import make_core
from tests.hall.report_history import MON, START, THU, TUE, WED, History, hall_time

H = 3600.0


@dataclass
class Built:
    url: str
    clock: FakeClock
    core: HallCore
    inspections: Inspections
    reports: Reports
    alerts: list[int]
    period: Period


def _reports(core: HallCore, inspections: Inspections) -> Reports:
    return Reports(core, inspections, ReportsConfig(weekly_summary="thu 09:00"))


def _build(url: str) -> Built:
    clock = FakeClock(START)
    alerts: list[int] = []
    core = make_core(url, clock, alerts, [], rectification=timedelta(days=1))
    insp = attach(core)
    History(core, clock, insp).build()
    reports = _reports(core, insp)
    return Built(url, clock, core, insp, reports, alerts, make_period(MON, WED, reports.tz, clock.now()))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def history(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The history built once per backend for the tests that only read it."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('reports')}/hall.sqlite3"])
    else:
        urls = _pg_database()
    url = next(urls)
    b = _build(url)
    yield b
    b.core.sessions.kw["bind"].dispose()
    next(urls, None)  # drops the PostgreSQL database


@pytest.fixture
def built(history: Built) -> Built:
    return history


@pytest.fixture
def fresh(db_url: str) -> Iterator[Built]:
    """A history of its own, for a test that moves the clock or writes."""
    b = _build(db_url)
    yield b
    b.core.sessions.kw["bind"].dispose()


def test_availability_counts_unapproved_downtime_and_leaves_approved_shutdowns_out(built: Built) -> None:
    with built.core.sessions() as s:
        rep = built.reports.availability(s, built.period)
    rows = {r.terminal_id: r for r in rep.terminals}
    assert [r.span_s for r in rep.terminals] == [72 * H] * 3
    # t01 never offline; t02: 20:00–22:00 Monday approved (out of the denominator), 08:00–10:00 Tuesday not;
    # t03: 12:00–13:00 Tuesday not approved.
    assert (rows["t01"].planned_s, rows["t01"].down_s, rows["t01"].availability) == (0, 0, 1.0)
    assert (rows["t02"].planned_s, rows["t02"].down_s) == (2 * H, 2 * H)
    assert rows["t02"].availability == pytest.approx(1 - 2 / 70)
    assert (rows["t03"].planned_s, rows["t03"].down_s) == (0, 1 * H)
    assert rows["t03"].availability == pytest.approx(1 - 1 / 72)
    assert rep.average == pytest.approx((1 + (1 - 2 / 70) + (1 - 1 / 72)) / 3)
    assert [(o.terminal_id, o.start, o.end, o.restored, o.down_s) for o in rep.outages] == [
        ("t02", hall_time(TUE, 8), hall_time(TUE, 10), True, 2 * H),
        ("t03", hall_time(TUE, 12), hall_time(TUE, 13), True, 1 * H)]
    # the same rule as the terminal page's availability (one home): the core says the same
    assert built.core.availability("t02", built.period.start, built.period.end) == rows["t02"].availability


def test_incidents_per_tier_against_30_minutes_and_24_hours(built: Built) -> None:
    with built.core.sessions() as s:
        rep = built.reports.incidents(s, built.period)
    general, comms, system = rep.tiers
    # paper out: t01 Mon 10:00–10:20 (20 min), t02 Mon 11:00–11:45 (45 min, past 30: escalated at 11:30),
    # t01 Wed 10:20–10:40 (20 min). Nearest rank: p50 of [20, 20, 45] is the 2nd, p90 the 3rd.
    assert (general.label, general.deadline_s, general.opened, general.restored) == ("一般故障", 1800, 3, 3)
    assert (general.within, general.late, general.pending, general.escalated) == (2, 1, 0, 1)
    assert general.within_share == pytest.approx(2 / 3)
    assert (general.p50_s, general.p90_s) == (1200, 2700)
    # t03's cutter error from Tue 00:00, still open: past 24 h (escalated Wed 00:01); offline t02 2 h, t03 1 h.
    assert (comms.label, comms.deadline_s, comms.opened, comms.restored) == ("通讯/机械故障", 86400, 3, 2)
    assert (comms.within, comms.late, comms.pending, comms.escalated) == (2, 1, 0, 1)
    assert (comms.p50_s, comms.p90_s) == (1 * H, 2 * H)
    assert (system.opened, system.within_share, system.p50_s) == (0, None, None)
    assert [(w.scope, w.fault_code, w.restore_s, w.within) for w in rep.worst] == [
        ("t03", "printer.cutter_error", 57 * H, False),  # still open: measured to now (Tue 00:00 → Thu 09:00)
        ("t02", "terminal.offline", 2 * H, True), ("t03", "terminal.offline", 1 * H, True),
        ("t02", "printer.receipt.paper_out", 2700, False),
        ("t01", "printer.receipt.paper_out", 1200, True), ("t01", "printer.receipt.paper_out", 1200, True)]
    assert [(k.label, k.opened, k.by_tier, k.restored, k.p50_s) for k in rep.kinds] == [
        ("打印机", 4, {"general": 3, "comms_mechanical": 1}, 3, 1200), ("终端离线", 2, {"comms_mechanical": 2}, 2, H)]
    # the inspection log's own incidents (a failed item, missed rounds) escalate too, but are not device faults
    assert [(e.scope, e.title, e.at, e.tier_label, e.detail) for e in rep.escalations] == [
        ("t02", "打印纸用完", hall_time(MON, 11, 30), "一般故障", "超过时限，大厅管理员 → 运维"),
        ("t03", "打印机切刀故障", hall_time(WED, 0, 1), "通讯/机械故障", "超过时限，运维 → 中心")]
    assert rep.warnings == 2  # paper near end: t01 Tue 22:20, t02 Wed 23:00


def test_inspections_due_and_done_per_slot_and_inspector(built: Built) -> None:
    with built.core.sessions() as s:
        rep = built.reports.inspection_figures(s, built.period)
    assert [(x.day, x.slot, x.due, x.on_time, x.late, x.missed, x.pending) for x in rep.slots] == [
        (MON, "morning", 3, 2, 1, 0, 0),  # t03 signed at 12:30, after the slot: 补检
        (MON, "afternoon", 3, 2, 0, 1, 0),
        (TUE, "morning", 3, 0, 0, 3, 0), (TUE, "afternoon", 3, 0, 0, 3, 0),
        (WED, "morning", 3, 1, 0, 2, 0), (WED, "afternoon", 3, 0, 0, 3, 0)]
    assert (rep.due, rep.on_time, rep.late, rep.missed) == (18, 5, 1, 12)
    assert [(i.inspector, i.signed, i.late, i.failed, i.corrections) for i in rep.inspectors] == [
        ("li", 4, 0, 1, 1), ("wang", 2, 1, 0, 0)]
    assert [(r.day, r.terminals, r.confirmed, r.by) for r in rep.readiness] == [
        (MON, 3, 2, {"li": 1, "wang": 1}), (TUE, 3, 0, {}), (WED, 3, 0, {})]


def test_paper_per_day_and_the_days_to_empty_of_each_roll(built: Built) -> None:
    with built.core.sessions() as s:
        rep = built.reports.paper(s, built.period)
    assert [(d.terminal_id, d.day, d.rolls_loaded, d.near_end, d.out, d.out_s) for d in rep.days] == [
        ("t01", MON, 1, 0, 1, 1200), ("t01", TUE, 0, 1, 0, 0), ("t01", WED, 1, 0, 1, 1200),
        ("t02", MON, 1, 0, 1, 2700), ("t02", TUE, 0, 0, 0, 0), ("t02", WED, 0, 1, 0, 0)]
    assert rep.loaded == 3
    t01, t02 = rep.rolls  # t03 never spoke of its paper: no row
    # t01's roll of Mon 10:20 ran out Wed 10:20 (2 days; near end after 36 h): the new one of Wed 10:40 is
    # expected out Fri 10:40, 25 h 40 min after Thursday 09:00.
    assert (t01.terminal_id, t01.station, t01.loaded_at, t01.near_end_at) == ("t01", "receipt", hall_time(WED, 10, 40),
                                                                              None)
    assert t01.expected_out == hall_time(date(2026, 3, 6), 10, 40)
    assert t01.days_left == pytest.approx((25 + 40 / 60) / 24)
    assert t01.rolls_per_day == pytest.approx(0.5)
    assert t01.basis == "按本机近 1 卷从换纸到用完的中位时长 2 天"
    # t02's roll of Mon 11:45 is near its end since Wed 23:00; t02 never ran a roll from near end to out, the
    # hall did (t01: 12 h): out expected Thu 11:00, 2 h from now.
    assert (t02.loaded_at, t02.near_end_at, t02.expected_out) == (hall_time(MON, 11, 45), hall_time(WED, 23),
                                                                  hall_time(THU, 11))
    assert t02.days_left == pytest.approx(2 / 24)
    assert t02.basis == "已报将尽；按全厅 1 卷从将尽到用完的中位时长 12 小时"


def test_ratings_complaints_and_on_time_rates(built: Built) -> None:
    with built.core.sessions() as s:
        rep = built.reports.feedback(s, built.period)
    assert (rep.ratings, rep.bad, rep.bad_share) == (5, 2, pytest.approx(0.4))
    assert rep.levels == {5: 2, 4: 1, 3: 0, 2: 1, 1: 1}
    assert [(c.label, c.total, c.bad) for c in rep.by_item] == [("社保查询", 4, 1), ("不动产登记", 1, 1)]
    assert [(c.key, c.total, c.bad) for c in rep.by_terminal] == [("t01", 3, 1), ("t02", 2, 1)]
    assert rep.tags == {"态度不好": 1, "等待时间长": 1}
    assert rep.by_day == ((MON, 1, 1), (TUE, 2, 1), (WED, 2, 0))
    # rectification due a day after the rating (this hall's rectification_days): rating 1's closed Mon 15:00,
    # before its deadline Tue 10:00; rating 2's (Tue 09:00) still open on Thursday: late.
    r = built.reports.feedback(built.core.sessions(), built.period).rectification
    assert (r.total, r.on_time, r.late, r.pending, r.unknown, r.share) == (2, 1, 1, 0, 0, 0.5)
    # c1 (Mon) due at the end of Tuesday, the next working day: answered Tue 16:00, in time; c2 (Wed) due end of Thu
    c = rep.complaint_answers
    assert (c.total, c.on_time, c.late, c.pending, c.unknown, c.share) == (2, 1, 0, 1, 0, 1.0)
    assert rep.categories == {"办不成事": 1, "蜗牛办事": 1}


def test_complaint_answer_times_plug_in(built: Built) -> None:
    """The work-order steps will know when each was answered: a function of (session, complaints)."""
    def answered(_s: object, complaints: list) -> dict:  # type: ignore[type-arg]
        return {c.id: (c.due_at - timedelta(hours=1), c.due_at) for c in complaints}

    reports = Reports(built.core, built.inspections, answers=answered)
    with built.core.sessions() as s:
        c = reports.feedback(s, built.period).complaint_answers
    assert (c.total, c.on_time, c.late, c.pending, c.share) == (2, 2, 0, 0, 1.0)


def test_tables_and_csv_have_chinese_headers_and_the_figures(built: Built) -> None:
    with built.core.sessions() as s:
        header, rows = table_rows(built.reports.availability(s, built.period), "terminals", built.reports.tz)
    assert header[0] == "终端" and rows[1] == ["t02", "2号自助终端", "72.00", "2.00", "2.00", "1", "97.14%"]
    text = csv_text(header, rows)
    assert text.startswith("\ufeff终端,名称,") and text.endswith("\r\n")


def test_a_period_is_whole_local_days_and_bad_ones_are_refused_in_words(built: Built) -> None:
    tz, now = built.reports.tz, built.clock.now()
    p = parse_period("", "", tz, now)  # the last 7 days up to today (Thursday)
    assert (p.since, p.until, p.start, p.end) == (date(2026, 2, 27), THU, hall_time(date(2026, 2, 27), 0), now)
    for since, until, words in (("2026-03-04", "2026-03-02", "早于开始日期"), ("0026-03-02", "", "年份不合理"),
                                ("2025-01-01", "2026-03-04", "最多统计 366 天"), ("2026-3-2", "", "格式不对"),
                                ("", "9999-12-31", "年份不合理"), ("", "2026-03-06", "晚于今天")):
        with pytest.raises(ReportError, match=words):
            parse_period(since, until, tz, now)
    assert percentile([], 50) is None and percentile([3.0, 1.0, 2.0], 50) == 2.0 and percentile([1.0, 2.0], 90) == 2.0


def test_the_weekly_summary_goes_to_the_centre_once_even_across_a_restart(fresh: Built) -> None:
    built = fresh
    reports, core = built.reports, built.core
    core.add_tick(reports.tick)
    core.tick()  # Thursday 09:00: this hall's summary time
    with core.sessions() as s:
        sent = list(s.scalars(select(Alert).where(Alert.kind == SUMMARY_KIND)))
    assert len(sent) == 1 and sent[0].role == "centre" and sent[0].id in built.alerts
    assert sent[0].title == "【周报】测试大厅 02-26 至 03-04"  # the seven days before Thursday
    lines = sent[0].body.splitlines()
    # over the 7 days (168 h): t02 1 − 2/(168 − 2), t03 1 − 1/168
    average = (1 + (1 - 2 / 166) + (1 - 1 / 168)) / 3
    assert lines[0] == (f"可用率：平均 {average * 100:.1f}%，最低 t02 {(1 - 2 / 166) * 100:.1f}%；"
                        "未经批准离线 2 次，共 3 小时")
    assert lines[1] == ("故障：一般故障 3 起（时限内恢复 67%），通讯/机械故障 3 起（时限内恢复 67%），系统故障 0 起；"
                        "升级 2 起")
    assert lines[2] == "巡检：应检 18 次，按时 5，补检 1，漏检 12；投入运行确认 2/9"  # the log began on Monday
    assert lines[3] == "纸卷：t02 凭条纸约 0.1 天后用完，t01 凭条纸约 1.1 天后用完"
    assert lines[4:] == ["好差评：5 条，差评 2 条（40.0%）；整改按时 1/2", "投诉：2 件，逾期未答复 0 件"]
    built.clock.advance(60)
    core.tick()
    restarted = make_core(built.url, built.clock, built.alerts, [], rectification=timedelta(days=1))
    again = _reports(restarted, attach(restarted))
    restarted.add_tick(again.tick)
    restarted.tick()
    with restarted.sessions() as s:
        assert len(list(s.scalars(select(Alert).where(Alert.kind == SUMMARY_KIND)))) == 1
    restarted.sessions.kw["bind"].dispose()


def test_the_summary_moment_and_a_hall_that_was_down_too_long(fresh: Built) -> None:
    built = fresh
    r = Reports(built.core, built.inspections, ReportsConfig(weekly_summary="mon 08:00"))
    now = built.clock.now()  # Thursday 09:00
    assert r.summary_moment(now) == hall_time(MON, 8)
    assert r.summary_moment(hall_time(MON, 7, 59)) == hall_time(date(2026, 2, 23), 8)
    assert r.summary_period(hall_time(MON, 8)).label == "2026-02-23 至 2026-03-01"
    assert Reports(built.core, built.inspections, ReportsConfig(weekly_summary="off")).summary_moment(now) is None
    with built.core.unit() as u:  # Monday 08:00 was three days ago: past the grace, not sent late
        r.tick(u)
    with built.core.sessions() as s:
        assert s.scalars(select(Alert).where(Alert.kind == SUMMARY_KIND)).first() is None
    assert datetime(2026, 3, 5, 1, 0, tzinfo=UTC) == now


def test_a_new_hall_sends_no_summary_of_the_week_before_it_began(db_url: str) -> None:
    clock = FakeClock(START)  # Monday 09:00, an hour after this hall's summary time
    core = make_core(db_url, clock, [], [])
    insp = attach(core)
    reports = Reports(core, insp, ReportsConfig(weekly_summary="mon 08:00"))
    core.add_tick(reports.tick)
    History(core, clock, insp).online("t01")  # first seen now: after the week to summarise
    core.tick()
    with core.sessions() as s:
        assert s.scalars(select(Alert).where(Alert.kind == SUMMARY_KIND)).first() is None
    core.sessions.kw["bind"].dispose()
