"""Availability (可用率): a terminal's share of a period in service, read from the stored history.

The self-service area is open 24 hours (seed 000, 《24小时自助办理工作制度》), so the period counts whole.
Time inside an approved shutdown window (the terminal's own or the hall's, 计划停机) is taken out of the
denominator; time offline outside one (a ``terminal.offline`` incident, always an unapproved stop) is
down. Overlapping windows and incidents are merged first, so nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from hall_server.db import Incident, PlannedShutdown
from hall_server.domain.terminals import OFFLINE

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with overlapping or touching intervals joined; empty ones dropped."""
    out: list[Interval] = []
    for a, b in sorted(i for i in intervals if i[1] > i[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def total(intervals: Iterable[Interval]) -> timedelta:
    return sum((b - a for a, b in intervals), timedelta())


def minus(intervals: Sequence[Interval], cuts: Sequence[Interval]) -> list[Interval]:
    """``intervals`` less every part that ``cuts`` cover (both merged)."""
    out: list[Interval] = []
    for a, b in merge(intervals):
        start = a
        for c, d in merge(cuts):
            if d <= start or c >= b:
                continue
            if c > start:
                out.append((start, c))
            start = max(start, d)
            if start >= b:
                break
        if start < b:
            out.append((start, b))
    return out


@dataclass(frozen=True)
class Outage:
    """One stretch offline without approval (an incident ``terminal.offline``), clipped to the period."""

    incident_id: int
    start: datetime
    end: datetime  # the period's end when still offline then
    restored: bool
    down: timedelta  # inside the period and outside approved windows


@dataclass(frozen=True)
class Downtime:
    span: timedelta  # the period
    planned: timedelta  # inside approved shutdown windows
    down: timedelta  # offline outside them
    outages: tuple[Outage, ...]

    @property
    def share(self) -> float:
        """Availability: 1 − down / (span − planned); a period wholly planned counts as available."""
        basis = self.span - self.planned
        if basis <= timedelta():
            return 1.0
        return max(0.0, 1.0 - self.down / basis)


def downtime(s: Session, hall: str, terminal_id: str, since: datetime, until: datetime) -> Downtime:
    """The period's approved windows and unapproved offline time of one terminal."""
    if until <= since:
        return Downtime(timedelta(), timedelta(), timedelta(), ())
    approved = s.scalars(select(PlannedShutdown).where(
        PlannedShutdown.hall == hall, PlannedShutdown.state == "approved",
        or_(PlannedShutdown.terminal_id == terminal_id, PlannedShutdown.terminal_id.is_(None)),
        PlannedShutdown.starts_at < until, PlannedShutdown.ends_at > since))
    windows = merge((max(sd.starts_at, since), min(sd.ends_at, until)) for sd in approved)
    outages = []
    for inc in s.scalars(select(Incident).where(
            Incident.hall == hall, Incident.scope == terminal_id, Incident.fault_code == OFFLINE,
            Incident.opened_at < until, or_(Incident.resolved_at.is_(None), Incident.resolved_at > since))
            .order_by(Incident.opened_at, Incident.id)):
        a, b = max(inc.opened_at, since), min(inc.resolved_at or until, until)
        outages.append(Outage(incident_id=inc.id, start=a, end=b,
                              restored=inc.resolved_at is not None and inc.resolved_at <= until,
                              down=total(minus([(a, b)], windows))))
    down = total(minus([(o.start, o.end) for o in outages], windows))
    return Downtime(span=until - since, planned=total(windows), down=down, outages=tuple(outages))


def availability(sessions: sessionmaker[Session], hall: str, terminal_id: str, since: datetime,
                 until: datetime) -> float:
    """Share of the period in service: unplanned offline time over the period less approved windows."""
    with sessions() as s:
        return downtime(s, hall, terminal_id, since, until).share
