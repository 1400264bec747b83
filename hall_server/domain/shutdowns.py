"""Planned shutdowns (计划停机): requested with a reason and a window, approved or rejected by a person.

A terminal offline inside an approved window is not a fault (see :mod:`hall_server.domain.terminals`);
one still offline when its window ends is.
"""

from __future__ import annotations

import logging
from collections.abc import Container
from datetime import datetime

from sqlalchemy import or_, select

from hall_server.db import PlannedShutdown
from hall_server.domain.base import IncidentError, NotFound
from hall_server.domain.unit import SHUTDOWNS, Unit, UnitOfWork

log = logging.getLogger("zizhu.hall")


class Shutdowns:
    def __init__(self, uow: UnitOfWork, hall: str, terminals: Container[str]) -> None:
        self.uow = uow
        self.hall = hall
        self.terminals = terminals  # the ids the hall knows

    def request(self, u: Unit, terminal_id: str | None, reason: str, starts_at: datetime, ends_at: datetime, *,
                by: str) -> PlannedShutdown:
        """A request for one terminal, or for the whole hall (``terminal_id`` None)."""
        if not reason.strip() or not by.strip():
            raise IncidentError("a shutdown request needs a reason and the name of who asks")
        if ends_at <= starts_at:
            raise IncidentError("the shutdown window must end after it starts")
        if terminal_id is not None and terminal_id not in self.terminals:
            raise NotFound(f"no terminal {terminal_id}")
        sd = PlannedShutdown(hall=self.hall, terminal_id=terminal_id, reason=reason.strip(), starts_at=starts_at,
                             ends_at=ends_at, requested_by=by.strip(), requested_at=u.now, state="requested",
                             decision_note="")
        u.s.add(sd)
        u.s.flush()
        u.changed.add(SHUTDOWNS)
        return sd

    def decide(self, u: Unit, shutdown_id: int, by: str, approve: bool, note: str = "") -> PlannedShutdown:
        if not by.strip():
            raise IncidentError("approving needs the name of the administrator")
        sd = u.s.get(PlannedShutdown, shutdown_id)
        if sd is None or sd.hall != self.hall:
            raise NotFound(f"no shutdown request #{shutdown_id}")
        if sd.state != "requested":
            raise IncidentError(f"shutdown request #{shutdown_id} is already {sd.state}")
        sd.state = "approved" if approve else "rejected"
        sd.decided_by, sd.decided_at, sd.decision_note = by.strip(), u.now, note
        log.info("shutdown request %d %s by %s", sd.id, sd.state, sd.decided_by)
        u.changed.add(SHUTDOWNS)
        return sd

    def approved_window(self, u: Unit, terminal_id: str, at: datetime) -> PlannedShutdown | None:
        """The approved window (the terminal's own or the hall's) that ``at`` falls in, if any."""
        return u.s.scalars(select(PlannedShutdown).where(
            PlannedShutdown.hall == self.hall, PlannedShutdown.state == "approved",
            or_(PlannedShutdown.terminal_id == terminal_id, PlannedShutdown.terminal_id.is_(None)),
            PlannedShutdown.starts_at <= at, PlannedShutdown.ends_at > at).limit(1)).first()
