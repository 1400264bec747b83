"""Ratings (好差评) and complaint work orders (办不成事 / 蜗牛办事) from the terminals.

Stored inside the unit of work of the terminal message that brought them (:mod:`.terminals` calls
:meth:`Feedback.rating` and :meth:`Feedback.complaint`), so a message is acknowledged to its agent
only once it is committed. Each is kept **once per kiosk id** (the idempotency key): the same id
again — under the same ``seq`` or, after an agent restart, another — is a duplicate whose number
still counts as stored.

- A rating of level 1 or 2 (非常不满意, 不满意) opens a rectification case (整改, state 待核实) due
  :attr:`CoreSettings.rectification` after the rating (seed 002 第三十八条: 7 days).
- A complaint is a work order in state 已受理, due at the end of the first working day after it was
  filed on China's official calendar (:func:`answer_deadline`, the day :func:`wire.feedback.answer_due` prints on
  the slip; the terminal's local day). Its life after that (交办, 延期, 答复, 回访) is :mod:`.workorders`.
  In a year whose calendar is not published the due time is *provisional* — the next Monday to
  Friday, weekends only — and says so (``due_basis``, ``due_note``); it is recomputed whenever the
  hall starts with a calendar that knows the year (:meth:`Feedback.recompute_provisional`), whatever step of
  its life the work order is at while its answer is awaited (assigned, extended, sent back).
- The call-back phone stays sealed at rest; the masked form (``138****5678``) is worked out when the
  complaint arrives. A number that cannot be opened (no key, another hall's key, garbage) is kept
  sealed with ``phone_problem`` saying why — the complaint is never lost for it. Opening it for a
  call-back is :meth:`Feedback.reveal_phone` (the caller audits).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ground.logs import mask_phone
from ground.workdays import CalendarUnknown, add_workdays
from hall_server.db import Complaint, ComplaintStep, Rating, Rectification
from hall_server.domain.base import CoreSettings, NotFound
from hall_server.domain.unit import Unit
from wire.contract import ComplaintPayload, RatingPayload
from wire.feedback import ANSWER_WORKDAYS, SealError, open_phone, work_order_no

log = logging.getLogger("zizhu.hall.feedback")

ACCEPTED, DUPLICATE = "accepted", "duplicate"
BAD_LEVELS = (1, 2)
OPEN_CASE = "待核实"
ANSWER_PENDING = ("已受理", "已交办")  # a work order's answer is awaited: its due time counts


def _offset_min(at: datetime) -> int:
    off = at.utcoffset()
    return 0 if off is None else int(off.total_seconds() // 60)


def due_time(filed_at: datetime) -> tuple[datetime, str, str]:
    """When a complaint filed at ``filed_at`` (terminal-local, with offset) is due: ``(due_at, basis, note)``.

    ``basis`` is ``official`` — the end (24:00 local) of the first working day after filing — or
    ``provisional`` when the calendar of that year is not published: then the next Monday to Friday,
    and ``note`` says so in Chinese, for the administrator.
    """
    return answer_deadline(filed_at.date(), ANSWER_WORKDAYS, filed_at.tzinfo or UTC)


def answer_deadline(start: date, workdays: int, tz: Any) -> tuple[datetime, str, str]:
    """The end (24:00 in ``tz``) of the ``workdays``-th working day after ``start`` (not counted): ``(due_at,
    basis, note)``, the working-day clock of every work order's answer (docs/workorders.md).

    ``basis`` is ``official`` (China's published calendar, 调休 included) or ``provisional``: the count reaches a
    year whose calendar is not published, so Monday to Friday are counted meanwhile and ``note`` says so (Chinese).
    """
    try:
        day, basis, note = add_workdays(start, workdays), "official", ""
    except CalendarUnknown as exc:
        day, left = start, workdays
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        basis, note = "provisional", f"{exc.reason}：暂按周一至周五计算，日历公布后重新计算"
    return _end_of(day, tz), basis, note


def order_tz(c: Complaint) -> timezone:
    """The terminal's local zone when the complaint was filed: the days of its work order are counted in it."""
    return timezone(timedelta(minutes=c.utc_offset_min))


def order_due(c: Complaint) -> tuple[datetime, str, str]:
    """The answer due of a work order now: 1 working day (seed 000) plus its extensions, counted from the day its
    round began (filing, or the day an unsatisfied call-back sent it back: ``due_from``)."""
    tz = order_tz(c)
    start = c.due_from or c.filed_at.astimezone(tz).date()
    return answer_deadline(start, ANSWER_WORKDAYS + (c.extended_days or 0), tz)


def _end_of(day: date, tz: Any) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz).astimezone(UTC)


def due_text(at: datetime, c: Complaint) -> str:
    """A due time as people write it, in the terminal's local day: the end of a day is ``2025-09-29 24:00``."""
    local = at.astimezone(order_tz(c))
    if local.timetz().replace(tzinfo=None) == time(0, 0):
        return f"{local.date() - timedelta(days=1):%Y-%m-%d} 24:00"
    return f"{local:%Y-%m-%d %H:%M}"


class Feedback:
    """Ratings and complaints of one hall, on the core's units of work."""

    def __init__(self, settings: CoreSettings) -> None:
        self.settings = settings
        self.hall = settings.hall
        self.unreadable_phones = 0

    # ---- from the terminals -------------------------------------------------------------------
    def rating(self, u: Unit, p: RatingPayload) -> str:
        if u.s.get(Rating, p.id) is not None:
            return DUPLICATE
        r = Rating(id=p.id, hall=self.hall, terminal_id=p.terminal, seq=p.seq, item_code=p.item_code,
                   item_name=p.item_name, level=p.level, tags=list(p.tags), case_no=p.case_no,
                   rated_at=p.rated_at.astimezone(UTC), utc_offset_min=_offset_min(p.rated_at), received_at=u.now)
        u.s.add(r)
        if p.level in BAD_LEVELS:
            u.s.flush()  # the case refers to the rating
            u.s.add(Rectification(rating_id=p.id, hall=self.hall, terminal_id=p.terminal, state=OPEN_CASE,
                                  opened_at=u.now, deadline=r.rated_at + self.settings.rectification))
            u.changed.add("rectifications")
        u.changed.add("ratings")
        log.info("rating %s from %s stored (level %d)", p.id, p.terminal, p.level)
        return ACCEPTED

    def complaint(self, u: Unit, p: ComplaintPayload) -> str:
        if u.s.get(Complaint, p.id) is not None:
            return DUPLICATE
        masked, problem = "", None
        try:
            masked = mask_phone(self._open(p.phone_sealed))
        except SealError as exc:
            problem = str(exc)[:200]
            self.unreadable_phones += 1
            log.error("complaint %s from %s: the call-back phone cannot be opened (%d so far): %s",
                      p.id, p.terminal, self.unreadable_phones, problem)
        due_at, basis, note = due_time(p.filed_at)
        u.s.add(Complaint(id=p.id, order_no=work_order_no(p.terminal, p.filed_at, p.id), hall=self.hall,
                          terminal_id=p.terminal, seq=p.seq, category=p.category, matter=p.matter,
                          phone_sealed=p.phone_sealed, phone_masked=masked, phone_problem=problem,
                          case_no=p.case_no, filed_at=p.filed_at.astimezone(UTC),
                          utc_offset_min=_offset_min(p.filed_at), received_at=u.now, state="已受理",
                          due_at=due_at, due_basis=basis, due_note=note))
        u.changed.add("complaints")
        log.info("complaint %s from %s stored (已受理, due %s, %s)", p.id, p.terminal, due_at.isoformat(), basis)
        return ACCEPTED

    def _open(self, sealed: str) -> str:
        if self.settings.private_key is None:
            raise SealError("the hall has no private key ([feedback] private_key_file)")
        return open_phone(self.settings.private_key, sealed)

    # ---- the calendar ---------------------------------------------------------------------------
    def recompute_provisional(self, u: Unit) -> int:
        """Work orders awaiting their answer (已受理, 已交办 — extended or sent back included) due on a provisional
        date whose year the calendar now knows: due again, officially, with a step in their history."""
        n = 0
        for c in u.s.scalars(select(Complaint).where(Complaint.hall == self.hall, Complaint.due_basis == "provisional",
                                                     Complaint.state.in_(ANSWER_PENDING))):
            due_at, basis, note = order_due(c)
            if basis == "official":
                log.info("complaint %s: the calendar is known now; due %s (was provisional %s)",
                         c.id, due_at.isoformat(), c.due_at.isoformat())
                u.s.add(ComplaintStep(complaint_id=c.id, round=c.round, at=u.now, actor="system", action="recomputed",
                                      state=c.state, department=c.department,
                                      text=f"日历已公布，期限由 {due_text(c.due_at, c)} 重新计算为 "
                                           f"{due_text(due_at, c)}",
                                      due_at=due_at, due_basis=basis))
                c.due_at, c.due_basis, c.due_note = due_at, basis, note
                n += 1
        if n:
            u.changed.add("complaints")
        return n

    def reopen_unreadable(self, u: Unit) -> int:
        """Complaints whose phone could not be opened when they came (no key then): try again with today's key."""
        if self.settings.private_key is None:
            return 0
        n = 0
        unread = select(Complaint).where(Complaint.hall == self.hall, Complaint.phone_problem.is_not(None))
        for c in u.s.scalars(unread):
            try:
                c.phone_masked, c.phone_problem = mask_phone(self._open(c.phone_sealed)), None
                n += 1
            except SealError as exc:  # still not ours to open: stays sealed, with today's reason
                c.phone_problem = str(exc)[:200]
        if n:
            log.info("%d complaint(s) whose phone could not be opened before: opened with the hall's key now", n)
            u.changed.add("complaints")
        return n

    # ---- call-back ------------------------------------------------------------------------------
    def reveal_phone(self, s: Session, complaint_id: str) -> str:
        """The phone of a complaint in clear, for a call-back; :class:`NotFound` or :class:`SealError`."""
        c = s.get(Complaint, complaint_id)
        if c is None or c.hall != self.hall:
            raise NotFound(f"没有工单 {complaint_id}")
        return self._open(c.phone_sealed)


def rating_public(r: Rating, case: Rectification | None) -> dict[str, Any]:
    local = r.rated_at.astimezone(timezone(timedelta(minutes=r.utc_offset_min)))
    return {"id": r.id, "terminal_id": r.terminal_id, "item_code": r.item_code, "item_name": r.item_name,
            "level": r.level, "tags": list(r.tags or []), "case_no": r.case_no, "rated_at": local,
            "received_at": r.received_at,
            "rectification": None if case is None else {"id": case.id, "state": case.state, "deadline": case.deadline,
                                                        "closed_at": case.closed_at}}


def complaint_public(c: Complaint, phone: str | None = None) -> dict[str, Any]:
    """A work order as the API shows it: the phone masked unless ``phone`` (a call-back role's view) is given."""
    local = c.filed_at.astimezone(timezone(timedelta(minutes=c.utc_offset_min)))
    return {"id": c.id, "order_no": c.order_no, "terminal_id": c.terminal_id, "category": c.category,
            "matter": c.matter, "phone": phone if phone is not None else c.phone_masked,
            "phone_masked": phone is None, "phone_problem": c.phone_problem, "case_no": c.case_no,
            "filed_at": local, "received_at": c.received_at, "state": c.state, "due_at": c.due_at,
            "due_basis": c.due_basis, "due_note": c.due_note}
