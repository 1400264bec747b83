"""The demo back end's appointments (kiosk.backend.appointments), in memory.

The rule of the Saturdays is :mod:`ground.extended_hours`'; ``capacity`` bookings per item and
Saturday. The demo platform keeps the holder's ID number and phone with each booking (a real
platform does too: its departments call the citizen); they are never logged.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ground.extended_hours import can_cancel, saturday
from ground.workdays import CalendarUnknown
from kiosk.backend.appointments import AppointmentRefused, Booking, BookingRequest
from kiosk.backend.model import ServiceItem
from wire.feedback import PhoneError, check_phone

CAPACITY = 10


@dataclass
class _Held:
    booking: Booking
    id_number: str
    phone: str
    request_id: str


class DemoAppointments:
    def __init__(self, item: Callable[[str], ServiceItem], now: Callable[[], datetime],
                 capacity: int = CAPACITY) -> None:
        self.item = item  # raises NotFound
        self.now = now
        self.capacity = capacity
        self._lock = threading.Lock()
        self._count = 0
        self.held: dict[str, _Held] = {}  # booking number → the booking and its holder

    def book(self, r: BookingRequest) -> Booking:
        item = self.item(r.item_code)
        now = self.now()
        try:
            check_phone(r.phone)
        except PhoneError:
            raise AppointmentRefused("phone_invalid") from None
        if r.day.weekday() != 5:
            raise AppointmentRefused("not_saturday")
        if r.day <= now.date():
            raise AppointmentRefused("past")
        try:
            status = saturday(r.day, now).status
        except CalendarUnknown:
            raise AppointmentRefused("unknown") from None
        if status != "open":
            raise AppointmentRefused(status)
        wanted = _card(r.id_number)
        with self._lock:
            again = next((h.booking for h in self.held.values() if h.request_id == r.request_id), None)
            if again is not None:
                return again  # a repeat after a lost answer: the same booking
            live = [h for h in self.held.values() if h.booking.state == "booked" and h.booking.day == r.day
                    and h.booking.item_code == item.code]
            if any(h.id_number == wanted for h in live):
                raise AppointmentRefused("already_booked")
            if len(live) >= self.capacity:
                raise AppointmentRefused("full")
            self._count += 1
            no = f"YS{r.day:%Y%m%d}{self._count:04d}"
            b = Booking(booking_no=no, item_code=item.code, item_name=item.name, department=item.department,
                        day=r.day, booked_at=now.replace(tzinfo=None, microsecond=0))
            self.held[no] = _Held(b, wanted, r.phone, r.request_id)
            return b

    def bookings_of(self, id_number: str) -> list[Booking]:
        wanted, today = _card(id_number), self.now().date()
        with self._lock:
            mine = [h.booking for h in self.held.values()
                    if h.id_number == wanted and h.booking.state == "booked" and h.booking.day >= today]
        return sorted(mine, key=lambda b: (b.day, b.booking_no))

    def cancel(self, booking_no: str, id_number: str) -> Booking:
        with self._lock:
            h = self.held.get(booking_no.strip().upper())
            if h is None or h.id_number != _card(id_number):
                raise AppointmentRefused("not_yours")
            if h.booking.state == "cancelled":
                return h.booking  # a repeat after a lost answer
            if not can_cancel(h.booking.day, self.now()):
                raise AppointmentRefused("too_late")
            h.booking = _cancelled(h.booking)
            return h.booking

    def phone_of(self, booking_no: str) -> str:
        """The platform's record (tests): the phone the booking was made with."""
        with self._lock:
            return self.held[booking_no].phone


def _card(number: str) -> str:
    return re.sub(r"\s", "", number).upper()


def _cancelled(b: Booking) -> Booking:
    import msgspec

    return msgspec.structs.replace(b, state="cancelled")


def today_of(today: date | None) -> Callable[[], datetime]:
    """The demo's clock: ``today`` (fixed, tests) with the wall clock's time, or now."""
    if today is None:
        return datetime.now
    return lambda: datetime.combine(today, datetime.now().time())
