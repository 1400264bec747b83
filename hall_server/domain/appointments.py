"""Saturday extended-hours appointments (延时服务预约) at the hall: recorded, listed for the departments,
contacted, arrived or no-show (seed 000 《延时服务制度》, ground/extended_hours.py; docs/appointments.md).

A booking is made at a terminal with the platform; the terminal sends the hall its copy as a service
request (:mod:`.requests`, ``appointment``; its cancellation ``appointment_cancel`` with ``ref`` the booking
number). Both hook in here (:meth:`Requests.on`) and run in the unit of work that stores the request:

- ``appointment``: an :class:`~hall_server.db.Appointment` in state 已预约 (``booked``), the name and phone
  masked as the request was opened; the phone in clear stays sealed in the request.
- ``appointment_cancel``: the booking (by its number) 已取消 (``cancelled``); a cancellation that comes
  before its booking (another terminal's spool was faster) is found when the booking arrives.

The clock (a tick of the core, like the work orders' overdue check): 30 minutes after 09:00 an appointment
not marked arrived is flagged 待联系 — the department calls the citizen (五(三): 超过约定时间30分钟而未到达…
应主动与服务对象联系); 60 minutes after, it is 未到（视为放弃） (``no_show``): 超过预约时间1小时而未到场的视为
服务对象主动放弃. Staff mark 已到场 (arrived, before the no-show) and 已联系 (contacted, with a note); each
a logged-in user's step, in the audit log. The phone in clear is shown to the call-back roles only, audited.
"""

from __future__ import annotations

import logging
import weakref
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ground.extended_hours import CONTACT_AFTER, HOURS, NO_SHOW_AFTER, START
from hall_server import accounts
from hall_server.db import Appointment, ServiceRequest
from hall_server.domain import workorders
from hall_server.domain.base import NotFound
from hall_server.domain.requests import Requests
from hall_server.domain.unit import Unit
from hall_server.domain.workorders import WorkOrderError

log = logging.getLogger("zizhu.hall.appointments")

TOPIC = "appointments"
BOOKED, CANCELLED, ARRIVED, NO_SHOW = "booked", "cancelled", "arrived", "no_show"
STATE_WORDS = {BOOKED: "已预约", CANCELLED: "已取消", ARRIVED: "已到场", NO_SHOW: "未到（视为放弃）"}
NOTE_MAX = 500


class AppointmentError(WorkOrderError):
    """A step that does not fit the appointment's state; the message says why, in Chinese (``status`` 409,
    or 422 for input out of shape), as the work orders' steps."""


class Core(workorders.Core, Protocol):
    @property
    def requests(self) -> Requests: ...


class Appointments:
    """The appointments of one hall, on the core's units of work (see the module's docstring)."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.hall = core.hall
        core.requests.on("appointment", self.booked)
        core.requests.on("appointment_cancel", self.cancelled)
        core.add_tick(self.tick)

    # ---- what the terminals send -----------------------------------------------------------------
    def booked(self, u: Unit, r: ServiceRequest) -> None:
        if r.day is None:
            log.error("appointment %s (%s) from %s without its day: not recorded", r.id, r.ref, r.terminal_id)
            return
        if self._by_booking(u.s, r.ref) is not None:
            log.warning("appointment %s from %s: booking %s is recorded already", r.id, r.terminal_id, r.ref)
            return
        tz = timezone(timedelta(minutes=r.utc_offset_min))
        a = Appointment(id=r.id, hall=self.hall, terminal_id=r.terminal_id, booking_no=r.ref, item_code=r.item_code,
                        item_name=r.item_name, day=r.day,
                        starts_at=datetime.combine(r.day, START, tzinfo=tz).astimezone(UTC),
                        utc_offset_min=r.utc_offset_min, name_masked=r.name_masked or "",
                        phone_masked=(r.personal_masked or {}).get("phone", ""), state=BOOKED, created_at=u.now)
        earlier = u.s.scalar(select(ServiceRequest.id).where(
            ServiceRequest.hall == self.hall, ServiceRequest.service == "appointment_cancel",
            ServiceRequest.ref == r.ref).limit(1))
        if earlier is not None:  # its cancellation came first
            a.state, a.cancelled_at = CANCELLED, u.now
        u.s.add(a)
        u.changed.add(TOPIC)

    def cancelled(self, u: Unit, r: ServiceRequest) -> None:
        a = self._by_booking(u.s, r.ref)
        if a is None:
            log.warning("cancellation %s of booking %s from %s before the booking: kept for it", r.id, r.ref,
                        r.terminal_id)
            return
        if a.state == BOOKED:
            a.state, a.cancelled_at = CANCELLED, u.now
            u.changed.add(TOPIC)
        else:
            log.warning("cancellation of booking %s (%s) ignored", r.ref, a.state)

    # ---- the clock -------------------------------------------------------------------------------
    def tick(self, u: Unit) -> None:
        """09:30: flagged to contact; 10:00: no-show (each once; an arrived one is neither)."""
        late = u.s.scalars(select(Appointment).where(
            Appointment.hall == self.hall, Appointment.state == BOOKED,
            Appointment.starts_at <= u.now - CONTACT_AFTER)).all()
        for a in late:
            if a.starts_at + NO_SHOW_AFTER <= u.now:
                a.state, a.no_show_at = NO_SHOW, u.now
                a.contact_flagged_at = a.contact_flagged_at or u.now
                accounts.audit(u.s, "system", "appointment.no_show", f"appointment:{a.id}",
                               f"预约 {a.booking_no} 超过预约时间1小时未到场，视为放弃", now=u.now)
                log.info("appointment %s: no-show", a.booking_no)
            elif a.contact_flagged_at is None:
                a.contact_flagged_at = u.now
                log.info("appointment %s: 30 minutes late, to contact", a.booking_no)
            else:
                continue
            u.changed.add(TOPIC)

    # ---- staff's steps ---------------------------------------------------------------------------
    def arrived(self, appointment_id: str, *, actor: str) -> dict[str, Any]:
        with self.core.unit() as u:
            a = self._get(u, appointment_id)
            if a.state != BOOKED:
                raise AppointmentError(f"预约{STATE_WORDS.get(a.state, a.state)}，不能登记到场")
            a.state, a.arrived_at, a.arrived_by = ARRIVED, u.now, actor[:100]
            accounts.audit(u.s, actor, "appointment.arrived", f"appointment:{a.id}", f"预约 {a.booking_no} 已到场",
                           now=u.now)
            u.changed.add(TOPIC)
            return appointment_public(a, u.now)

    def contacted(self, appointment_id: str, note: str, *, actor: str) -> dict[str, Any]:
        text = " ".join(note.split())[:NOTE_MAX]
        if not text:
            raise AppointmentError("请填写联系情况（如：已电话联系，预计10:00前到达）", 422)
        with self.core.unit() as u:
            a = self._get(u, appointment_id)
            if a.state not in (BOOKED, NO_SHOW):
                raise AppointmentError(f"预约{STATE_WORDS.get(a.state, a.state)}，无需联系")
            a.contacted_at, a.contacted_by, a.contact_note = u.now, actor[:100], text
            accounts.audit(u.s, actor, "appointment.contacted", f"appointment:{a.id}",
                           f"预约 {a.booking_no} 已联系：{text}", now=u.now)
            u.changed.add(TOPIC)
            return appointment_public(a, u.now)

    def reveal_phone(self, appointment_id: str, *, actor: str) -> dict[str, Any]:
        """The phone in clear, for the call-back (audited); :class:`NotFound`, or ``SealError`` (no key)."""
        with self.core.sessions() as s:
            a = s.get(Appointment, appointment_id)
            r = s.get(ServiceRequest, appointment_id)
            if a is None or a.hall != self.hall or r is None:
                raise NotFound(f"没有预约 {appointment_id[:36]}")
            phone = self.core.requests.open(r.sealed).get("phone", "")
            no = a.booking_no
        accounts.record_audit(self.core.sessions, actor, "appointment.phone_shown", f"appointment:{appointment_id}",
                              f"预约 {no} 的联系电话（联系预约人）", now=self.core.clock.now())
        return {"id": appointment_id, "booking_no": no, "phone": phone}

    # ---- reading ---------------------------------------------------------------------------------
    def days(self) -> list[date]:
        """The Saturdays with appointments, soonest first."""
        with self.core.sessions() as s:
            return sorted(s.scalars(select(Appointment.day).where(Appointment.hall == self.hall).distinct()))

    def default_day(self, today: date) -> date | None:
        """The Saturday the list opens on: ``today`` (the hall's) or the next with appointments, else the last one."""
        days = self.days()
        return next((d for d in days if d >= today), days[-1] if days else None)

    def rows(self, day: date, item_code: str | None = None) -> list[dict[str, Any]]:
        now = self.core.clock.now()
        q = select(Appointment).where(Appointment.hall == self.hall, Appointment.day == day)
        if item_code:
            q = q.where(Appointment.item_code == item_code)
        with self.core.sessions() as s:
            found = s.scalars(q.order_by(Appointment.item_name, Appointment.booking_no)).all()
            return [appointment_public(a, now) for a in found]

    def items(self, day: date) -> list[tuple[str, str]]:
        """(code, name) of the items booked on ``day``: the list's groups and filter."""
        with self.core.sessions() as s:
            q = select(Appointment.item_code, Appointment.item_name).where(
                Appointment.hall == self.hall, Appointment.day == day).distinct()
            return sorted(((c or "", n or "") for c, n in s.execute(q)), key=lambda t: t[1])

    def get(self, appointment_id: str) -> dict[str, Any]:
        with self.core.sessions() as s:
            a = s.get(Appointment, appointment_id)
            if a is None or a.hall != self.hall:
                raise NotFound(f"没有预约 {appointment_id[:36]}")
            return appointment_public(a, self.core.clock.now())

    # ---- helpers ---------------------------------------------------------------------------------
    def _by_booking(self, s: Session, booking_no: str) -> Appointment | None:
        found: Appointment | None = s.scalar(select(Appointment).where(
            Appointment.hall == self.hall, Appointment.booking_no == booking_no).limit(1))
        return found

    def _get(self, u: Unit, appointment_id: str) -> Appointment:
        a = u.s.get(Appointment, appointment_id, with_for_update=True)
        if a is None or a.hall != self.hall:
            raise NotFound(f"没有预约 {appointment_id[:36]}")
        return a


def appointment_public(a: Appointment, now: datetime) -> dict[str, Any]:
    """An appointment as the API and the page show it (name and phone masked)."""
    tz = timezone(timedelta(minutes=a.utc_offset_min))
    starts = a.starts_at.astimezone(tz)
    to_contact = a.state == BOOKED and now >= a.starts_at + CONTACT_AFTER
    return {"id": a.id, "booking_no": a.booking_no, "terminal_id": a.terminal_id, "item_code": a.item_code,
            "item_name": a.item_name, "day": a.day, "hours": HOURS, "starts_at": starts,
            "contact_from": starts + CONTACT_AFTER, "no_show_from": starts + NO_SHOW_AFTER,
            "name": a.name_masked, "phone": a.phone_masked, "state": a.state,
            "state_label": STATE_WORDS.get(a.state, a.state), "to_contact": to_contact,
            "contact_flagged_at": a.contact_flagged_at, "contacted_at": a.contacted_at,
            "contacted_by": a.contacted_by, "contact_note": a.contact_note, "arrived_at": a.arrived_at,
            "arrived_by": a.arrived_by, "cancelled_at": a.cancelled_at, "no_show_at": a.no_show_at,
            "created_at": a.created_at}


_FOUND: weakref.WeakKeyDictionary[Any, Appointments] = weakref.WeakKeyDictionary()


def attach(core: Any) -> Appointments:
    """The appointments of ``core`` (a :class:`hall_server.core.HallCore`), made once: hooked to its service
    requests and its tick."""
    found = _FOUND.get(core)
    if found is None:
        found = _FOUND[core] = Appointments(core)
    return found


def of(svc: Any) -> Appointments:
    """The appointments of a running hall server (anything with ``core``)."""
    return attach(svc.core)
