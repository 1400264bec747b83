"""Saturday appointments on a real hall server's API and page (docs/appointments.md): the day's list per
item with name and phone masked, 待联系 at 09:30 and the no-show at 10:00 on the hall's tick, arrived and
contacted by HANDLE_APPOINTMENTS only (the wrong role refused), bad input a 4xx in words, the phone in
clear for CALL_BACK only and audited. SQLite and PostgreSQL, a real broker, a fake clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import httpx

from hall_server import accounts
from hall_server.accounts import UserRole
from hall_server.service import HallService
from tests.hall import test_workorders_api as workorders
from wire.contract import RequestPayload
from wire.feedback import new_id, seal_record

CST = timezone(timedelta(hours=8))
DAY = date(2026, 10, 17)
PHONE = "13904821234"
HTML = {"Accept": "text/html"}
svc = workorders.svc  # the work orders' hall server (a real broker, its feedback key, a fake clock): the fixture
token = workorders.token


def to_saturday_8(svc: HallService) -> None:
    """The hall's clock (the work orders' fixture starts it in February) to the Saturday, 08:00."""
    target = datetime(2026, 10, 17, 8, 0, tzinfo=CST)
    svc.core.clock.advance((target - svc.core.clock.now()).total_seconds())  # type: ignore[attr-defined]


def book(svc: HallService, seq: int, no: str) -> None:
    r = RequestPayload(terminal="t01", seq=seq, session=1, id=new_id(), service="appointment", ref=no,
                       item_code="150602-YB-0001", item_name="城乡居民基本医疗保险参保登记", day=DAY,
                       name_masked="张**",
                       sealed=seal_record(svc.public_key, {"name": "张小明", "phone": PHONE}),  # type: ignore[attr-defined]
                       made_at=datetime(2026, 10, 12, 10, 0, tzinfo=CST))
    assert svc.core.process([r])[0][0] == "accepted"


def test_the_list_the_clock_and_the_steps(svc: HallService) -> None:
    to_saturday_8(svc)
    book(svc, 1, "YS202610170001")
    book(svc, 2, "YS202610170002")
    admin, centre, maint, viewer = (token(svc, r) for r in (UserRole.ADMIN, UserRole.CENTRE, UserRole.MAINTENANCE,
                                                              UserRole.VIEWER))
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        rows = http.get("/api/appointments", headers=viewer).json()  # the default day: today's Saturday
        assert [(r["booking_no"], r["state"], r["phone"], r["name"]) for r in rows] == [
            ("YS202610170001", "booked", "139****1234", "张**"), ("YS202610170002", "booked", "139****1234", "张**")]
        first, second = rows[0]["id"], rows[1]["id"]
        page = http.get("/appointments?day=2026-10-17", headers={**viewer, **HTML})
        assert page.status_code == 200 and "城乡居民基本医疗保险参保登记" in page.text and PHONE not in page.text
        assert http.get("/api/appointments?day=10/17", headers=viewer).status_code == 422
        for who in (maint, viewer):
            r = http.post(f"/api/appointments/{first}/arrived", headers=who)
            assert r.status_code == 403 and "办理延时服务预约" in r.json()["detail"]
            assert http.post(f"/api/appointments/{first}/phone", headers=who).status_code == 403
        assert http.post(f"/api/appointments/{first}/arrived", headers=admin).json()["state"] == "arrived"
        assert http.post(f"/api/appointments/{first}/arrived", headers=admin).status_code == 409
        assert http.post("/api/appointments/not-a-uuid/arrived", headers=admin).status_code == 422
        assert http.post(f"/api/appointments/{new_id()}/arrived", headers=admin).status_code == 404
        svc.core.clock.advance(minutes=90)  # type: ignore[attr-defined]  # 09:30
        svc.core.tick()
        late = http.get(f"/api/appointments/{second}", headers=viewer).json()
        assert late["to_contact"] and late["state"] == "booked"
        assert "待联系" in http.get("/appointments?day=2026-10-17", headers={**viewer, **HTML}).text
        assert http.post(f"/api/appointments/{second}/phone", headers=centre).json()["phone"] == PHONE
        assert http.post(f"/api/appointments/{second}/contacted", json={"note": " "}, headers=centre).status_code == 422
        r = http.post(f"/api/appointments/{second}/contacted", json={"note": "电话联系，10点前到"}, headers=centre)
        assert r.json()["contact_note"] == "电话联系，10点前到"
        svc.core.clock.advance(minutes=30)  # type: ignore[attr-defined]  # 10:00
        svc.core.tick()
        listed = http.get("/api/appointments?day=2026-10-17", headers=viewer).json()
        states = {r["booking_no"]: r["state"] for r in listed}
        assert states == {"YS202610170001": "arrived", "YS202610170002": "no_show"}
    audit = [e.action for e in accounts.audit_entries(svc.sessions)]
    assert {"appointment.arrived", "appointment.phone_shown", "appointment.contacted",
            "appointment.no_show"} <= set(audit)
