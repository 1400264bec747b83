"""Ratings counted: per level, the hall's local day, service item, terminal and tag, the period's cases;
and a terminal's day hour by hour beside the incidents open in each hour (the printer out all morning is
why the morning was rated badly). On a real database with a fake clock (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from hall_server.db import Rectification
from hall_server.domain import rating_stats as stats
from hall_server.domain.rectifications import StepInput
from hall_server.faults import Tier
from tests.hall.harness import Harness
from tests.hall.test_core import register, state, status
from wire.contract import RatingPayload
from wire.feedback import new_id
from wire.status import PaperLevel

CST = timezone(timedelta(hours=8))
TZ = ZoneInfo("Asia/Shanghai")


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 3, day, hh, mm, tzinfo=CST)


class Rater:
    def __init__(self, h: Harness) -> None:
        self.h, self.seq = h, 0

    def __call__(self, when: datetime, level: int, *, terminal: str = "t01", item: str = "150100-001",
                 name: str = "社保卡补换", tags: tuple[str, ...] = ()) -> str:
        self.seq += 1
        p = RatingPayload(terminal=terminal, seq=self.seq, session=1, id=new_id(), item_code=item, item_name=name,
                          level=level, tags=list(tags), rated_at=when)
        assert self.h.core.process([p])[0][0] == "accepted"
        return p.id


def to(h: Harness, when: datetime) -> None:
    """The hall's clock forward to ``when``."""
    assert when >= h.clock.now()
    h.clock.advance((when - h.clock.now()).total_seconds())


def test_a_period_is_counted_per_level_local_day_item_terminal_and_tag(hall: Harness) -> None:
    register(hall, "t01", "t02")
    to(hall, at(5, 9))
    rate = Rater(hall)
    rate(at(1, 23, 30), 5, tags=("效率", "效率"))  # the same tag twice in a rating counts once
    rate(at(2, 0, 30), 1, tags=("等待太久", "态度"))  # 16:30 UTC of 1 March: the hall's 2 March
    rate(at(2, 10), 2, terminal="t02", item="150200-003", name="公积金提取", tags=("等待太久",))
    rate(at(2, 11), 4, terminal="t02", item="150200-003", name="公积金提取（新）")
    rate(at(3, 9), 3)
    rate(at(4, 9), 1, item="150300-001", name="营业执照打印")  # after the period
    rate(datetime(2026, 3, 1, 15, 59, tzinfo=UTC), 2)  # 23:59 of 1 March in the hall, in the period
    with hall.core.sessions() as s:
        first_case = s.scalar(sa.select(sa.func.min(Rectification.id)))
    assert first_case is not None
    for step in (StepInput("verify", "不实", founded=False),
                 StepInput("feedback", "已说明", channel="当面", recipient="经办人"), StepInput("close", "办结")):
        hall.core.rectification_step(first_case, step, "zhaoli")
    with hall.core.sessions() as s:
        sm = stats.summary(s, "h1", TZ, date(2026, 3, 1), date(2026, 3, 3), now=hall.clock.now())
        only_t02 = stats.summary(s, "h1", TZ, date(2026, 3, 1), date(2026, 3, 3), now=hall.clock.now(),
                                 terminal_id="t02")
        one_item = stats.summary(s, "h1", TZ, date(2026, 3, 1), date(2026, 3, 3), now=hall.clock.now(),
                                 item_code="150100-001")
    assert sm.dates == [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)]
    assert (sm.total.count, sm.total.bad, sm.total.levels) == (6, 3, [1, 2, 1, 1, 1])
    assert sm.total.bad_share == pytest.approx(0.5) and sm.total.average == pytest.approx(17 / 6)
    assert [(d.count, d.bad) for d in sm.days] == [(2, 1), (3, 2), (1, 0)]
    assert [(x.key, x.name, x.total.count, [d.count for d in x.days]) for x in sm.items] == [
        ("150100-001", "社保卡补换", 4, [2, 1, 1]), ("150200-003", "公积金提取（新）", 2, [0, 2, 0])]
    assert [(x.key, x.total.count, x.total.bad) for x in sm.terminals] == [("t01", 4, 2), ("t02", 2, 1)]
    assert [(t.tag, t.count, t.bad) for t in sm.tags] == [("等待太久", 2, 2), ("态度", 1, 1), ("效率", 1, 0)]
    c = sm.cases
    assert (c.total, c.open, c.overdue, c.closed, c.closed_late, c.unfounded) == (3, 2, 0, 1, 0, 1)
    assert (only_t02.total.count, [x.key for x in only_t02.terminals], only_t02.cases.total) == (2, ["t02"], 1)
    assert (one_item.total.count, [x.key for x in one_item.items]) == (4, ["150100-001"])
    with hall.core.sessions() as s:
        empty = stats.summary(s, "h1", TZ, date(2025, 1, 1), date(2025, 1, 2), now=hall.clock.now())
    assert (empty.total.count, empty.total.average, empty.total.bad_share, empty.peak) == (0, None, None, 0)


def test_a_terminals_day_hour_by_hour_shows_its_ratings_beside_the_incidents_open_then(hall: Harness) -> None:
    register(hall, "t01", "t02")
    to(hall, at(3, 8, 10))
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.OUT)])  # the printer fails
    rate = Rater(hall)
    to(hall, at(3, 9, 15))
    bad = rate(at(3, 9, 15), 1, tags=("等待太久",))
    rate(at(3, 10, 30), 2)
    rate(at(3, 10, 40), 2, terminal="t02")  # another terminal's: not this one's hours
    to(hall, at(3, 11, 20))
    hall.core.process([status(hall, "t01")])  # paper back: resolved
    rate(at(3, 12, 5), 5)
    to(hall, at(3, 14, 0))
    with hall.core.unit() as u:  # the back end unreachable from the whole hall, not resolved yet
        hall.core.incidents.raise_(u, "@hall", "hall.backend_unreachable", detail="全部终端无法访问业务系统")
    to(hall, at(3, 15, 30))
    with hall.core.sessions() as s:
        hours = stats.terminal_hours(s, "h1", TZ, "t01", date(2026, 3, 3), now=hall.clock.now())
        case_of_bad = s.scalar(sa.select(Rectification.id).where(Rectification.rating_id == bad))
    assert len(hours) == 24 and hours[0].start == at(3, 0) and hours[-1].end == at(4, 0)
    by = {h.start.astimezone(CST).hour: h for h in hours}
    paper = {h: [i.fault_code for i in by[h].incidents] for h in range(24) if by[h].incidents}
    assert paper == {8: ["printer.receipt.paper_out"], 9: ["printer.receipt.paper_out"],
                     10: ["printer.receipt.paper_out"], 11: ["printer.receipt.paper_out"],
                     14: ["hall.backend_unreachable"], 15: ["hall.backend_unreachable"]}  # not the hours to come
    assert {h: (by[h].tally.count, by[h].tally.bad) for h in range(24) if by[h].tally.count} == {
        9: (1, 1), 10: (1, 1), 12: (1, 0)}
    [r] = by[9].ratings
    assert (r.id, r.level, r.tags, r.case_id) == (bad, 1, ("等待太久",), case_of_bad)
    [inc] = by[9].incidents
    assert (inc.scope, inc.tier, inc.opened_at.astimezone(CST).strftime("%H:%M")) == ("t01", Tier.GENERAL, "08:10")
    assert inc.resolved_at is not None and inc.resolved_at.astimezone(CST).strftime("%H:%M") == "11:20"
    assert by[14].incidents[0].scope == "@hall" and by[14].incidents[0].resolved_at is None
    with hall.core.sessions() as s:
        other_day = stats.terminal_hours(s, "h1", TZ, "t01", date(2026, 3, 2), now=hall.clock.now())
    assert not any(h.incidents or h.ratings for h in other_day)
