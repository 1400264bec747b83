"""Ratings counted (好差评统计): per service item, per terminal, per day of a period, per level and tag;
and a terminal's ratings hour by hour beside the incidents open in each hour. Reading only.

Days and hours are the hall's local ones (the dashboard's time zone, ``[inspections] timezone``). A
bad review (差评) is a rating of level 1 or 2. The incidents of an hour are those of the terminal and
the hall-wide ones (a back end unreachable from every terminal is why all of them were rated badly),
open at any moment of the hour: opened before its end and not resolved before its start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hall_server.db import Incident, Rating, Rectification
from hall_server.domain.rectifications import CaseState

HALL_SCOPE = "@hall"
BAD_LEVELS = (1, 2)
MAX_DAYS = 366


@dataclass
class Tally:
    """How many ratings, and of each level (``levels[0]`` is level 1, 非常不满意 … ``levels[4]`` level 5)."""

    levels: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])

    def add(self, level: int) -> None:
        self.levels[level - 1] += 1

    @property
    def count(self) -> int:
        return sum(self.levels)

    @property
    def bad(self) -> int:
        return self.levels[0] + self.levels[1]

    @property
    def bad_share(self) -> float | None:
        return self.bad / self.count if self.count else None

    @property
    def average(self) -> float | None:
        return sum((i + 1) * n for i, n in enumerate(self.levels)) / self.count if self.count else None

    def public(self) -> dict[str, Any]:
        return {"count": self.count, "bad": self.bad, "bad_share": self.bad_share, "average": self.average,
                "levels": {str(i + 1): n for i, n in enumerate(self.levels)}}


@dataclass
class Series:
    """One row of a table (an item, a terminal): its tally over the period and per day (the trend)."""

    key: str
    name: str
    total: Tally
    days: list[Tally]

    @property
    def peak(self) -> int:
        return max((d.count for d in self.days), default=0)


@dataclass
class TagCount:
    tag: str
    count: int
    bad: int  # in bad reviews


@dataclass
class CaseCounts:
    """The rectification cases of the period's bad reviews."""

    total: int = 0
    open: int = 0  # not closed
    overdue: int = 0  # not closed, past the deadline
    closed: int = 0
    closed_late: int = 0
    unfounded: int = 0  # found unfounded on verification


@dataclass
class Summary:
    since: date
    until: date
    terminal_id: str | None
    item_code: str | None
    dates: list[date]
    total: Tally
    days: list[Tally]
    items: list[Series]
    terminals: list[Series]
    tags: list[TagCount]
    cases: CaseCounts

    @property
    def peak(self) -> int:
        return max((d.count for d in self.days), default=0)


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The start and end of the hall's local ``day``, in UTC."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def summary(s: Session, hall: str, tz: tzinfo, since: date, until: date, *, now: datetime,
            terminal_id: str | None = None, item_code: str | None = None) -> Summary:
    """Every rating of the days ``since`` … ``until`` (inclusive, the hall's local days), counted."""
    if until < since:
        raise ValueError("until before since")
    dates = [since + timedelta(days=i) for i in range((until - since).days + 1)]
    index = {d: i for i, d in enumerate(dates)}
    a, _ = day_bounds(since, tz)
    _, b = day_bounds(until, tz)
    q = select(Rating.terminal_id, Rating.item_code, Rating.item_name, Rating.level, Rating.tags,
               Rating.rated_at).where(Rating.hall == hall, Rating.rated_at >= a, Rating.rated_at < b)
    if terminal_id is not None:
        q = q.where(Rating.terminal_id == terminal_id)
    if item_code is not None:
        q = q.where(Rating.item_code == item_code)
    total = Tally()
    days = [Tally() for _ in dates]
    items: dict[str, Series] = {}
    terminals: dict[str, Series] = {}
    tags: dict[str, TagCount] = {}
    for tid, code, name, level, tag_list, at in s.execute(q.order_by(Rating.rated_at)):
        i = index.get(at.astimezone(tz).date())
        if i is None or not 1 <= level <= 5:  # not one of the period's days (cannot be), or not a level
            continue
        total.add(level)
        days[i].add(level)
        item = items.get(code)
        if item is None:
            item = items[code] = Series(code, name, Tally(), [Tally() for _ in dates])
        item.name = name  # the newest name a terminal gave the item
        item.total.add(level)
        item.days[i].add(level)
        term = terminals.get(tid)
        if term is None:
            term = terminals[tid] = Series(tid, tid, Tally(), [Tally() for _ in dates])
        term.total.add(level)
        term.days[i].add(level)
        for tag in dict.fromkeys(tag_list or []):
            t = tags.get(tag)
            if t is None:
                t = tags[tag] = TagCount(tag, 0, 0)
            t.count += 1
            t.bad += level in BAD_LEVELS
    cases = _cases(s, hall, a, b, now=now, terminal_id=terminal_id, item_code=item_code)
    by_count = lambda x: (-x.total.count, x.key)  # noqa: E731
    return Summary(since=since, until=until, terminal_id=terminal_id, item_code=item_code, dates=dates,
                   total=total, days=days, items=sorted(items.values(), key=by_count),
                   terminals=sorted(terminals.values(), key=by_count),
                   tags=sorted(tags.values(), key=lambda t: (-t.count, t.tag)), cases=cases)


def _cases(s: Session, hall: str, a: datetime, b: datetime, *, now: datetime, terminal_id: str | None,
           item_code: str | None) -> CaseCounts:
    q = select(Rectification.state, Rectification.deadline, Rectification.closed_at, Rectification.founded).join(
        Rating, Rating.id == Rectification.rating_id).where(Rectification.hall == hall, Rating.rated_at >= a,
                                                            Rating.rated_at < b)
    if terminal_id is not None:
        q = q.where(Rating.terminal_id == terminal_id)
    if item_code is not None:
        q = q.where(Rating.item_code == item_code)
    out = CaseCounts()
    for state, deadline, closed_at, founded in s.execute(q):
        out.total += 1
        if state == CaseState.CLOSED:
            out.closed += 1
            out.closed_late += closed_at is not None and closed_at > deadline
        else:
            out.open += 1
            out.overdue += deadline <= now
        out.unfounded += founded is False
    return out


# ---- a terminal, hour by hour ----------------------------------------------------------------------
@dataclass(frozen=True)
class RatingBrief:
    id: str
    at: datetime
    item_code: str
    item_name: str
    level: int
    tags: tuple[str, ...]
    case_id: int | None


@dataclass(frozen=True)
class IncidentBrief:
    id: int
    scope: str
    fault_code: str
    tier: str
    title: str
    opened_at: datetime
    resolved_at: datetime | None


@dataclass
class Hour:
    start: datetime  # UTC
    end: datetime
    tally: Tally
    ratings: list[RatingBrief]
    incidents: list[IncidentBrief]


def terminal_hours(s: Session, hall: str, tz: tzinfo, terminal_id: str, day: date, *, now: datetime) -> list[Hour]:
    """The hall's local ``day`` at ``terminal_id``, hour by hour: its ratings and the incidents open then
    (an incident not resolved yet is open until ``now``, not in the hours still to come)."""
    a, b = day_bounds(day, tz)
    hours: list[Hour] = []
    t = a
    while t < b:
        hours.append(Hour(start=t, end=t + timedelta(hours=1), tally=Tally(), ratings=[], incidents=[]))
        t += timedelta(hours=1)
    rows = s.execute(select(Rating, Rectification.id).outerjoin(Rectification, Rectification.rating_id == Rating.id)
                     .where(Rating.hall == hall, Rating.terminal_id == terminal_id, Rating.rated_at >= a,
                            Rating.rated_at < b).order_by(Rating.rated_at, Rating.id)).all()
    for r, case_id in rows:
        h = hours[min(int((r.rated_at - a).total_seconds() // 3600), len(hours) - 1)]
        if 1 <= r.level <= 5:
            h.tally.add(r.level)
        h.ratings.append(RatingBrief(id=r.id, at=r.rated_at, item_code=r.item_code, item_name=r.item_name,
                                     level=r.level, tags=tuple(r.tags or ()), case_id=case_id))
    incidents = s.scalars(select(Incident).where(
        Incident.hall == hall, Incident.scope.in_((terminal_id, HALL_SCOPE)), Incident.opened_at < b,
        or_(Incident.resolved_at.is_(None), and_(Incident.resolved_at.is_not(None), Incident.resolved_at > a)))
        .order_by(Incident.opened_at, Incident.id)).all()
    for inc in incidents:
        brief = IncidentBrief(id=inc.id, scope=inc.scope, fault_code=inc.fault_code, tier=inc.tier, title=inc.title,
                              opened_at=inc.opened_at, resolved_at=inc.resolved_at)
        until = inc.resolved_at or now
        for h in hours:
            if inc.opened_at < h.end and until > h.start:
                h.incidents.append(brief)
    return hours


__all__ = ["MAX_DAYS", "CaseCounts", "Hour", "IncidentBrief", "RatingBrief", "Series", "Summary", "TagCount", "Tally",
           "day_bounds", "summary", "terminal_hours"]
