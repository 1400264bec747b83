"""Saturday appointments on a real hall server's API and page (docs/appointments.md): the day's list per
item with name and phone masked, 待联系 at 09:30 and the no-show at 10:00 on the hall's tick, arrived and
contacted by HANDLE_APPOINTMENTS only (the wrong role refused), bad input a 4xx in words, the phone in
clear for CALL_BACK only and audited. SQLite and PostgreSQL, a real broker, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import httpx
import msgspec
import pytest
from argon2 import PasswordHasher

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import UserRole
from hall_server.config import FeedbackConfig
from hall_server.keys import write_keypair
from hall_server.service import HallService
from tests.hall.harness import hall_config
from tests.hall.test_core import register
from tests.hall.test_workorders_api import token
from tests.support import wait_until
from wire.contract import RequestPayload
from wire.feedback import new_id, seal_record
from zizhu.broker import MosquittoBroker

CST = timezone(timedelta(hours=8))
DAY = date(2026, 10, 17)
PHONE = "13904821234"
HTML = {"Accept": "text/html"}


@pytest.fixture
def svc(broker: MosquittoBroker, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[HallService]:
    key = tmp_path / "hall-feedback.key"
    public = write_keypair(key)
    cfg = hall_config(tmp_path, broker.port, None, db_url=db_url)
    cfg = msgspec.structs.replace(cfg, feedback=FeedbackConfig(private_key_file=key, departments=["区医疗保障局"]))
    s = HallService(cfg, clock=FakeClock(datetime(2026, 10, 17, 8, 0, tzinfo=CST).astimezone(UTC)), tick=False)
    s.public_key = public  # type: ignore[attr-defined]
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s.start()
    wait_until(s.ingest.connected.is_set, what="hall connected")
    register(s, "t01")  # type: ignore[arg-type]  # the helper needs .core only
    yield s
    s.stop()


def book(svc: HallService, seq: int, no: str) -> None:
    r = RequestPayload(terminal="t01", seq=seq, session=1, id=new_id(), service="appointment", ref=no,
                       item_code="150602-YB-0001", item_name="城乡居民基本医疗保险参保登记", day=DAY,
                       name_masked="张**",
                       sealed=seal_record(svc.public_key, {"name": "张小明", "phone": PHONE}),  # type: ignore[attr-defined]
                       made_at=datetime(2026, 10, 12, 10, 0, tzinfo=CST))
    assert svc.core.process([r])[0][0] == "accepted"


def test_the_list_the_clock_and_the_steps(svc: HallService) -> None:
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
        svc.core.clock.advance(minutes=90)  # 09:30
        svc.core.tick()
        late = http.get(f"/api/appointments/{second}", headers=viewer).json()
        assert late["to_contact"] and late["state"] == "booked"
        assert "待联系" in http.get("/appointments?day=2026-10-17", headers={**viewer, **HTML}).text
        assert http.post(f"/api/appointments/{second}/phone", headers=centre).json()["phone"] == PHONE
        assert http.post(f"/api/appointments/{second}/contacted", json={"note": " "}, headers=centre).status_code == 422
        r = http.post(f"/api/appointments/{second}/contacted", json={"note": "电话联系，10点前到"}, headers=centre)
        assert r.json()["contact_note"] == "电话联系，10点前到"
        svc.core.clock.advance(minutes=30)  # 10:00
        svc.core.tick()
        listed = http.get("/api/appointments?day=2026-10-17", headers=viewer).json()
        states = {r["booking_no"]: r["state"] for r in listed}
        assert states == {"YS202610170001": "arrived", "YS202610170002": "no_show"}
    audit = [e.action for e in accounts.audit_entries(svc.sessions)]
    assert {"appointment.arrived", "appointment.phone_shown", "appointment.contacted",
            "appointment.no_show"} <= set(audit)
