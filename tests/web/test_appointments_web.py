"""A Saturday's appointments in a real browser (docs/appointments.md), on a hall of its own with a fake clock.

Two bookings come from a wire-contract terminal over the real broker as service requests, name and phone
sealed with the hall's key as the kiosk seals them; a third is booked and then cancelled. On Saturday
2026-10-17 at 08:00 the administrator sees them per item, the phones masked; at 09:30 the one not arrived is
flagged 待联系, its phone shown for the call (and logged), the contact recorded; the other is marked arrived;
at 10:00 the first becomes 未到（视为放弃）. The page fits a phone's width too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.config import FeedbackConfig
from hall_server.db import ServiceRequest
from hall_server.keys import write_keypair
from hall_server.registry import RegistryEntry
from hall_server.simulate import WebhookReceiver
from tests.hall.harness import HALL
from tests.support import wait_until
from tests.web import test_workorders_web as workorders_web
from tests.web.harness import PHONE, WebHall, login, new_page, shot, start_hall
from tests.web.test_workorders_web import no_sideways_scroll
from wire.contract import Kind, RequestPayload
from wire.feedback import new_id, seal_record
from zizhu.broker import MosquittoBroker

CST = timezone(timedelta(hours=8))
DAY = date(2026, 10, 17)
CALLER = "13904821234"


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 10, 17, 8, 0, tzinfo=CST).astimezone(UTC))


webhook = workorders_web.webhook  # the fixture: a webhook receiver for the hall's alerts


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory, webhook: WebhookReceiver, clock: FakeClock) -> Iterator[WebHall]:
    tmp = tmp_path_factory.mktemp("appointments-hall")
    key = tmp / "hall-feedback.key"
    public = write_keypair(key)
    with MosquittoBroker(hall=HALL) as broker:
        h = start_hall(tmp, broker, webhook, clock=clock, feedback=FeedbackConfig(private_key_file=key))
        h.public_key = public  # type: ignore[attr-defined]
        try:
            h.service.core.import_registry([RegistryEntry(id="t71", name="2号自助终端", location="一楼24小时自助区")])
            h.terminal("t71")
            yield h
        finally:
            h.close()


def send(hall: WebHall, service: str, ref: str, item: tuple[str, str], name: str) -> None:
    t = hall.terminal("t71")
    t.seq += 1
    rid = new_id()
    personal = {"name": name, "phone": CALLER} if service == "appointment" else {"name": name}
    t.publish(Kind.REQUEST, RequestPayload(
        terminal="t71", seq=t.seq, session=t.session, id=rid, service=service, ref=ref,  # type: ignore[arg-type]
        item_code=item[0], item_name=item[1], day=DAY, name_masked=name[0] + "*" * (len(name) - 1),
        sealed=seal_record(hall.public_key, personal),  # type: ignore[attr-defined]
        made_at=datetime(2026, 10, 14, 15, 0, tzinfo=CST)).encode())

    def stored() -> bool:
        with hall.service.sessions() as s:
            return s.get(ServiceRequest, rid) is not None

    wait_until(stored, what=f"{service} {ref} stored at the hall")


def at(hall: WebHall, clock: FakeClock, hh: int, mm: int) -> None:
    clock.advance((datetime(2026, 10, 17, hh, mm, tzinfo=CST) - clock.now()).total_seconds())
    hall.service.core.tick()


def test_a_saturday_of_appointments_contact_arrival_and_no_show(hall: WebHall, clock: FakeClock, desk: Page,
                                                                browser: Browser, screenshots: Path) -> None:
    insurance = ("150602-YB-0001", "城乡居民基本医疗保险参保登记")
    card = ("150602-RS-0004", "社会保障卡申领")
    send(hall, "appointment", "YS202610170001", insurance, "张小明")
    send(hall, "appointment", "YS202610170002", card, "李华")
    send(hall, "appointment", "YS202610170003", insurance, "王芳")
    send(hall, "appointment_cancel", "YS202610170003", insurance, "王芳")

    login(desk, hall, "admin", "/appointments")
    first, second, gone = (desk.locator(f"tr[data-booking='YS20261017000{n}']") for n in (1, 2, 3))
    expect(first).to_contain_text("已预约")
    expect(first).to_contain_text("张**")
    expect(first).to_contain_text("139****1234")
    expect(gone).to_contain_text("已取消")
    expect(desk.locator("#ap-table")).to_contain_text(card[1])
    assert CALLER not in desk.content()

    at(hall, clock, 9, 30)
    login(desk, hall, "admin", "/appointments")  # 90 minutes idle on the hall's clock: the session ended
    expect(first).to_contain_text("待联系")
    expect(desk.locator("#ap-to-contact")).to_have_text("2")
    first.locator("button", has_text="显示号码").click()
    expect(first.locator(".phone-clear")).to_have_text(CALLER)
    seen = [e for e in accounts.audit_entries(hall.service.sessions) if e.action == "appointment.phone_shown"]
    assert len(seen) == 1
    first.locator("input[name=note]").fill("已电话联系，预计10:20到")
    first.locator("button", has_text="已联系").click()
    expect(desk.locator("#ap-table .ok")).to_contain_text("预约 YS202610170001 已登记联系情况")
    expect(first).to_contain_text("已电话联系，预计10:20到")
    second.locator("button", has_text="已到场").click()
    expect(second).to_contain_text("已到场")
    expect(desk.locator("#ap-to-contact")).to_have_text("1")
    shot(desk, screenshots, "appointments-list-desk", full_page=True)

    at(hall, clock, 10, 0)
    desk.reload()
    expect(first).to_contain_text("未到（视为放弃）")
    expect(second).to_contain_text("已到场")
    expect(first.locator("button", has_text="已到场")).to_have_count(0)  # after the hour: given up

    phone = new_page(browser, PHONE)
    try:
        login(phone, hall, "viewer", "/appointments")
        expect(phone.locator("tr[data-booking='YS202610170001']")).to_contain_text("未到（视为放弃）")
        expect(phone.locator("button", has_text="已到场")).to_have_count(0)  # a viewer only sees
        no_sideways_scroll(phone)
        shot(phone, screenshots, "appointments-list-phone", full_page=True)
    finally:
        phone.context.close()
