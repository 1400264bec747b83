"""Appointments for the Saturday extended hours (延时服务预约, seed 000; ground/extended_hours.py): the
platform books them, lists a citizen's, and cancels one (docs/kiosk-backend.md § Appointments)

A separate protocol beside :class:`kiosk.backend.model.Backend`, like the certificates': a platform
that takes no bookings at terminals need not serve it. Both back ends of the kiosk (the demo's, the
HTTP adapter) implement it.

The booking is the platform's; the hall gets its copy through the agent afterwards
(kiosk/flows_appointment.py). The citizen's name, ID number and phone travel in request bodies only,
never in a URL or a log line; ``repr`` masks them. ``request_id`` is the idempotency key of a booking:
a call repeated after a lost answer books once and answers the same booking.

A refusal the citizen can understand (the Saturday is a holiday, bookings closed, too late to cancel,
full) is :class:`AppointmentRefused` with a ``code`` the screen words; HTTP ``409`` with
``{"error": …, "code": …}``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Protocol

import msgspec
from msgspec import Meta

from kiosk.backend.model import BackendError

REQUEST_ID = r"^[0-9a-f]{32}\Z"
BOOKING_NO = r"^[A-Z0-9-]{6,32}\Z"
STATES = ("booked", "cancelled")

# Codes of a refusal, with the platform's words (Chinese; the kiosk has its own in AppointmentTexts.qml).
REFUSALS: dict[str, str] = {
    "holiday": "该日为法定节假日，不提供延时服务",
    "workday": "该日为调休工作日，窗口正常上班，无需预约",
    "closed": "该日预约已截止（截至前一天周五12:00）",
    "unknown": "该日所在年度的法定节假日安排尚未公布，暂不能预约",
    "not_saturday": "延时服务仅在周六上午提供",
    "past": "该日期已过",
    "full": "该日预约已满，请选择其他日期",
    "already_booked": "您已预约该日的该事项",
    "phone_invalid": "联系电话不正确",
    "too_late": "预约当天及之后不能取消，如需取消请拨打咨询电话",
    "not_yours": "未查询到您的该预约",
    "cancelled": "该预约已取消",
}


class AppointmentRefused(BackendError):
    """The platform answered, and said no: ``code`` (a key of :data:`REFUSALS`) says why."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(message or f"appointment refused: {code}", REFUSALS.get(code, "预约未成功，请到人工窗口办理"))
        self.code = code


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class BookingRequest(_Model, frozen=True, kw_only=True):
    """What the kiosk asks the platform to book. ``repr`` masks the person."""

    request_id: Annotated[str, Meta(pattern=REQUEST_ID, description="the kiosk's key for this booking")]
    item_code: Annotated[str, Meta(min_length=1, max_length=64)]
    day: Annotated[date, Meta(description="the Saturday")]
    name: Annotated[str, Meta(min_length=1, max_length=60, description="the card's name")]
    id_number: Annotated[str, Meta(min_length=6, max_length=32, description="the card's number")]
    phone: Annotated[str, Meta(min_length=5, max_length=20, description="mainland mobile or landline")]

    def __repr__(self) -> str:
        from ground.logs import mask_id_number, mask_name, mask_phone

        return (f"BookingRequest({self.item_code}, {self.day}, {mask_name(self.name)}, "
                f"{mask_id_number(self.id_number)}, {mask_phone(self.phone)})")

    __str__ = __repr__


class Booking(_Model, frozen=True, kw_only=True):
    """One booking as the platform keeps it (no personal field: the kiosk has them from the card)."""

    booking_no: Annotated[str, Meta(pattern=BOOKING_NO, description="预约编号")]
    item_code: str
    item_name: str
    department: str
    day: date
    state: Annotated[str, Meta(pattern=r"^(booked|cancelled)\Z")] = "booked"
    booked_at: datetime  # the hall's local time, naive


class CardLookup(_Model, frozen=True, kw_only=True):
    """The body of ``POST appointments/search`` and ``POST appointments/{no}/cancel``."""

    id_number: Annotated[str, Meta(min_length=6, max_length=32)]

    def __repr__(self) -> str:
        from ground.logs import mask_id_number

        return f"CardLookup({mask_id_number(self.id_number)})"

    __str__ = __repr__


class Refusal(_Model, frozen=True, kw_only=True):
    """The body of a ``409``."""

    error: str
    code: str


class AppointmentBackend(Protocol):
    def book(self, request: BookingRequest) -> Booking:
        """Book: :class:`~kiosk.backend.model.NotFound` for an unknown item, :class:`AppointmentRefused`
        when the Saturday cannot be booked (holiday, closed, full …)."""
        ...

    def bookings_of(self, id_number: str) -> list[Booking]:
        """The card holder's bookings still to come (booked, the Saturday today or later), soonest first."""
        ...

    def cancel_booking(self, booking_no: str, id_number: str) -> Booking:
        """Cancel the card holder's booking: :class:`AppointmentRefused` ``too_late`` on the day itself
        and after, ``not_yours`` for a number that is not the card's."""
        ...
