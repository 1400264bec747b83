"""Availability (可用率): a terminal's share of a period in service, read from the stored history."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from hall_server.db import Incident, PlannedShutdown
from hall_server.domain.terminals import OFFLINE


def availability(sessions: sessionmaker[Session], hall: str, terminal_id: str, since: datetime,
                 until: datetime) -> float:
    """Share of the period in service: unplanned offline time over the period less approved windows."""
    with sessions() as s:
        down = timedelta()
        for inc in s.scalars(select(Incident).where(
                Incident.hall == hall, Incident.scope == terminal_id, Incident.fault_code == OFFLINE,
                Incident.opened_at < until, or_(Incident.resolved_at.is_(None), Incident.resolved_at > since))):
            down += min(inc.resolved_at or until, until) - max(inc.opened_at, since)
        planned = timedelta()
        for sd in s.scalars(select(PlannedShutdown).where(
                PlannedShutdown.hall == hall, PlannedShutdown.state == "approved",
                or_(PlannedShutdown.terminal_id == terminal_id, PlannedShutdown.terminal_id.is_(None)),
                PlannedShutdown.starts_at < until, PlannedShutdown.ends_at > since)):
            planned += min(sd.ends_at, until) - max(sd.starts_at, since)
    span = (until - since) - planned
    if span <= timedelta():
        return 1.0
    return max(0.0, 1.0 - down / span)
