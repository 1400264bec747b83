"""Appointments (kiosk.backend.appointments): the demo platform books by the Saturday rule of
ground/extended_hours.py, lists the card's bookings, cancels up to the day before; over HTTP the
same, a refusal a 409 with its code, bad bodies a 400, and the person never in a URL or a log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, datetime

import httpx
import pytest

from drivers.idcard.synthetic import CARDS
from kiosk.backend.appointments import AppointmentBackend, AppointmentRefused, Booking, BookingRequest
from kiosk.backend.demo import DemoBackend
from kiosk.backend.http import HttpBackend
from kiosk.backend.model import NotFound
from kiosk.backend.server import BackendServer

MONDAY = datetime(2026, 9, 21, 10, 0)  # 26 Sep 中秋节, 3 Oct 国庆节, 10 Oct 调休, 17 Oct open
OPEN = date(2026, 10, 17)
ITEM = "150602-YB-0001"
CARD = CARDS["resident"]
OTHER = CARDS["resident_long_term"]
PHONE = "13912345678"


def request(rid: str = "a" * 32, day: date = OPEN, item: str = ITEM, number: str = CARD.number,
            phone: str = PHONE) -> BookingRequest:
    return BookingRequest(request_id=rid, item_code=item, day=day, name=CARD.name, id_number=number, phone=phone)


@pytest.fixture
def demo() -> DemoBackend:
    d = DemoBackend(today=MONDAY.date())
    d.appointments.now = lambda: MONDAY
    return d


@pytest.fixture
def http(demo: DemoBackend) -> Iterator[tuple[BackendServer, HttpBackend]]:
    with BackendServer(demo, base_path="/kiosk/v1") as s, HttpBackend(s.url, timeout_s=5.0, retries=0) as b:
        yield s, b


def test_the_demo_books_lists_and_cancels(demo: DemoBackend) -> None:
    b: AppointmentBackend = demo
    got = b.book(request())
    assert (got.day, got.item_code, got.state, got.department) == (OPEN, ITEM, "booked", demo.item(ITEM).department)
    assert got.booking_no.startswith("YS20261017")
    assert b.book(request()) == got  # the same request again: the same booking
    with pytest.raises(AppointmentRefused) as again:
        b.book(request("b" * 32))
    assert again.value.code == "already_booked"
    assert b.bookings_of(CARD.number) == [got] and b.bookings_of(OTHER.number) == []
    with pytest.raises(AppointmentRefused) as theirs:
        b.cancel_booking(got.booking_no, OTHER.number)
    assert theirs.value.code == "not_yours"
    done = b.cancel_booking(got.booking_no, CARD.number)
    assert done.state == "cancelled" and b.bookings_of(CARD.number) == []
    assert demo.appointments.phone_of(got.booking_no) == PHONE


@pytest.mark.parametrize(("day", "code"), [(date(2026, 9, 26), "holiday"), (date(2026, 10, 3), "holiday"),
                                           (date(2026, 10, 10), "workday"), (date(2026, 10, 16), "not_saturday"),
                                           (date(2026, 9, 19), "past"), (date(2027, 1, 2), "unknown")])
def test_the_demo_refuses_what_the_calendar_refuses(demo: DemoBackend, day: date, code: str) -> None:
    with pytest.raises(AppointmentRefused) as err:
        demo.book(request(day=day))
    assert err.value.code == code and err.value.reason


def test_closed_full_bad_phone_unknown_item(demo: DemoBackend) -> None:
    demo.appointments.now = lambda: datetime(2026, 10, 16, 12, 0)  # Friday noon: the 17th is closed
    with pytest.raises(AppointmentRefused, match="closed"):
        demo.book(request())
    demo.appointments.now = lambda: MONDAY
    with pytest.raises(AppointmentRefused, match="phone_invalid"):
        demo.book(request(phone="12345"))
    with pytest.raises(NotFound):
        demo.book(request(item="nope"))
    demo.appointments.capacity = 1
    demo.book(request())
    with pytest.raises(AppointmentRefused, match="full"):
        demo.book(request("c" * 32, number=OTHER.number))


def test_cancel_up_to_the_day_before(demo: DemoBackend) -> None:
    got = demo.book(request())
    demo.appointments.now = lambda: datetime(2026, 10, 17, 8, 0)  # the Saturday itself
    with pytest.raises(AppointmentRefused) as err:
        demo.cancel_booking(got.booking_no, CARD.number)
    assert err.value.code == "too_late" and "当天" in err.value.reason
    demo.appointments.now = lambda: datetime(2026, 10, 16, 23, 0)
    assert demo.cancel_booking(got.booking_no, CARD.number).state == "cancelled"


def test_over_http(http: tuple[BackendServer, HttpBackend], demo: DemoBackend,
                   caplog: pytest.LogCaptureFixture) -> None:
    server, b = http
    caplog.set_level(logging.DEBUG)
    got = b.book(request())
    assert isinstance(got, Booking) and b.book(request()) == got
    assert b.bookings_of(CARD.number) == [got]
    with pytest.raises(AppointmentRefused) as err:
        b.book(request("d" * 32, day=date(2026, 10, 3)))
    assert err.value.code == "holiday" and err.value.reason == "该日为法定节假日，不提供延时服务"
    with pytest.raises(NotFound):
        b.book(request("e" * 32, item="nope"))
    with pytest.raises(AppointmentRefused) as bad:
        b.cancel_booking("../hall", CARD.number)  # not a booking number: never sent
    assert bad.value.code == "not_yours"
    assert b.cancel_booking(got.booking_no, CARD.number).state == "cancelled"
    assert b.cancel_booking(got.booking_no, CARD.number).state == "cancelled"  # a repeat answers the same
    assert server.requests == ["POST /kiosk/v1/appointments HTTP/1.1"] * 2 + [
        "POST /kiosk/v1/appointments/search HTTP/1.1", "POST /kiosk/v1/appointments HTTP/1.1",
        "POST /kiosk/v1/appointments HTTP/1.1"] + [f"POST /kiosk/v1/appointments/{got.booking_no}/cancel HTTP/1.1"] * 2
    for secret in (CARD.number, CARD.name, PHONE):
        assert secret not in caplog.text and all(secret not in line for line in server.requests)


def test_bad_bodies_are_400_and_wrong_methods_405(http: tuple[BackendServer, HttpBackend]) -> None:
    server, _b = http
    base = server.url
    assert httpx.post(f"{base}/appointments", content=b'{"item_code": 1}').status_code == 400
    assert httpx.post(f"{base}/appointments/search", content=b"{}").status_code == 400
    answer = httpx.post(f"{base}/appointments", content=b'{"request_id": "' + b"f" * 32 + b'", "item_code": "'
                        + ITEM.encode() + b'", "day": "2026-10-10", "name": "x", "id_number": "'
                        + CARD.number.encode() + b'", "phone": "13912345678"}')
    assert answer.status_code == 409 and answer.json()["code"] == "workday"
    assert httpx.get(f"{base}/appointments").status_code == 405
