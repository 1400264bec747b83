"""Saturday appointments at the hall (hall_server/domain/appointments.py): recorded from the terminals'
service requests (name and phone masked, the phone sealed), cancelled by the booking number (also when
the cancellation comes first), flagged to contact at 09:30, a no-show at 10:00 unless marked arrived,
staff's steps audited. Contract payloads on a real database with a fake clock (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from hall_server import accounts
from hall_server.db import Appointment
from hall_server.domain import appointments
from hall_server.domain.appointments import AppointmentError
from tests.hall.test_feedback import PRIVATE, PUBLIC, Hall, register_all
from wire.contract import RequestPayload
from wire.feedback import new_id, seal_record

CST = timezone(timedelta(hours=8))
DAY = date(2026, 10, 17)
PHONE = "13904821234"


@pytest.fixture
def h(db_url: str) -> Iterator[Hall]:
    hall = Hall(db_url, private_key=PRIVATE)
    register_all(hall)
    appointments.attach(hall.core)
    yield hall
    for c in hall.cores:
        c.sessions.kw["bind"].dispose()


def request(seq: int, service: str, ref: str, rid: str | None = None) -> RequestPayload:
    personal = {"name": "张小明", "phone": PHONE} if service == "appointment" else {"name": "张小明"}
    return RequestPayload(terminal="t01", seq=seq, session=1, id=rid or new_id(), service=service, ref=ref,
                          item_code="150602-YB-0001", item_name="城乡居民基本医疗保险参保登记", day=DAY,
                          name_masked="张**", sealed=seal_record(PUBLIC, personal),
                          made_at=datetime(2026, 10, 12, 10, 0, tzinfo=CST))


def at(h: Hall, hh: int, mm: int) -> None:
    """The fake clock to ``DAY`` at hh:mm China time, then a tick."""
    target = datetime.combine(DAY, datetime.min.time(), tzinfo=CST).replace(hour=hh, minute=mm)
    h.clock.advance((target - h.clock.now()).total_seconds())
    h.core.tick()


def test_booked_then_cancelled_by_its_number(h: Hall) -> None:
    svc = appointments.attach(h.core)
    assert [o for o, _ in h.core.process([request(1, "appointment", "YS202610170001")])] == ["accepted"]
    [row] = svc.rows(DAY)
    assert (row["booking_no"], row["state"], row["name"], row["phone"]) == ("YS202610170001", "booked", "张**",
                                                                            "139****1234")
    assert row["starts_at"] == datetime(2026, 10, 17, 9, 0, tzinfo=CST)
    assert svc.days() == [DAY] and svc.items(DAY) == [("150602-YB-0001", "城乡居民基本医疗保险参保登记")]
    assert svc.reveal_phone(row["id"], actor="admin")["phone"] == PHONE
    assert any(e.action == "appointment.phone_shown" for e in accounts.audit_entries(h.core.sessions))
    h.core.process([request(2, "appointment_cancel", "YS202610170001")])
    assert svc.rows(DAY)[0]["state"] == "cancelled"
    at(h, 10, 30)
    assert svc.rows(DAY)[0]["state"] == "cancelled"  # a cancelled one is never a no-show


def test_a_cancellation_before_its_booking_is_not_lost(h: Hall) -> None:
    svc = appointments.attach(h.core)
    h.core.process([request(1, "appointment_cancel", "YS202610170002")])
    h.core.process([request(2, "appointment", "YS202610170002")])
    assert svc.rows(DAY)[0]["state"] == "cancelled"


def test_the_same_booking_twice_is_one_appointment(h: Hall) -> None:
    svc = appointments.attach(h.core)
    rid = new_id()
    h.core.process([request(1, "appointment", "YS202610170003", rid)])
    assert h.core.process([request(2, "appointment", "YS202610170003", rid)])[0][0] == "duplicate"
    h.core.process([request(3, "appointment", "YS202610170003")])  # another copy, another id: still one
    assert len(svc.rows(DAY)) == 1


def test_contact_at_30_minutes_and_no_show_at_60(h: Hall) -> None:
    svc = appointments.attach(h.core)
    h.core.process([request(1, "appointment", "YS202610170004"), request(2, "appointment", "YS202610170005")])
    late, came = sorted(svc.rows(DAY), key=lambda r: r["booking_no"])
    at(h, 9, 29)
    assert not any(r["to_contact"] for r in svc.rows(DAY))
    svc.arrived(came["id"], actor="desk")
    at(h, 9, 30)
    rows = {r["booking_no"]: r for r in svc.rows(DAY)}
    assert rows["YS202610170004"]["to_contact"] and rows["YS202610170004"]["contact_flagged_at"] is not None
    assert rows["YS202610170005"]["state"] == "arrived" and not rows["YS202610170005"]["to_contact"]
    with pytest.raises(AppointmentError):
        svc.contacted(late["id"], "  ", actor="desk")
    svc.contacted(late["id"], "已电话联系，无人接听", actor="desk")
    at(h, 9, 59)
    assert {r["booking_no"]: r["state"] for r in svc.rows(DAY)} == {"YS202610170004": "booked",
                                                                    "YS202610170005": "arrived"}
    at(h, 10, 0)
    rows = {r["booking_no"]: r for r in svc.rows(DAY)}
    assert rows["YS202610170004"]["state"] == "no_show" and rows["YS202610170004"]["contacted_by"] == "desk"
    assert rows["YS202610170005"]["state"] == "arrived"
    with pytest.raises(AppointmentError, match="不能登记到场"):
        svc.arrived(late["id"], actor="desk")  # after the hour: given up, per the seed
    actions = [e.action for e in accounts.audit_entries(h.core.sessions)]
    assert {"appointment.arrived", "appointment.contacted", "appointment.no_show"} <= set(actions)
    with h.core.sessions() as s:
        a = s.scalar(select(Appointment).where(Appointment.booking_no == "YS202610170004"))
        assert a is not None and PHONE not in repr(vars(a))  # the phone in clear stays sealed
