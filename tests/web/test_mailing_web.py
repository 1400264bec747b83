"""政务专递 at the hall in a real browser (docs/mailing.md): a terminal's mailing request (the wire contract's
message over the real broker, the address sealed with the hall's key as the kiosk seals it) is in the list
masked; the administrator shows the address to post it (audited), records the tracking number, then the
delivery. On the work orders' hall (tests/web/test_workorders_web.py: its own broker, a fake clock)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from playwright.sync_api import Page, expect

from hall_server import accounts
from hall_server.db import Mailing
from tests.support import wait_until
from tests.web.harness import WebHall, login, shot
from tests.web.test_workorders_web import CST, clock, hall, webhook  # noqa: F401  (the fixtures)
from wire.contract import Kind, RequestPayload
from wire.feedback import new_id, seal_record

PERSONAL = {"recipient": "王小明", "phone": "13912345678", "region": "内蒙古自治区鄂尔多斯市东胜区",
            "street": "新迁路8号3单元401"}


def _stored(h: WebHall, mid: str) -> bool:
    with h.service.sessions() as s:
        return s.get(Mailing, mid) is not None


def test_a_mailing_request_posted_and_delivered(hall: WebHall, desk: Page, screenshots: Path) -> None:  # noqa: F811
    mid = new_id()
    t = hall.terminal("t61")
    t.seq += 1
    t.publish(Kind.REQUEST, RequestPayload(
        terminal="t61", seq=t.seq, session=t.session, id=mid, service="mailing", ref="YJ202509260001",
        item_code="150602-SC-0001", item_name="个体工商户设立登记", case_no="1506020500000213", name_masked="王**",
        sealed=seal_record(hall.public_key, PERSONAL),  # type: ignore[attr-defined]
        made_at=datetime(2025, 9, 26, 16, 0, tzinfo=CST)).encode())
    wait_until(lambda: _stored(hall, mid), what="the mailing at the hall")

    login(desk, hall, "admin", "/mailings")
    row = desk.locator(f"tr[data-mailing='{mid}']")
    expect(row).to_contain_text("已申请")
    expect(row).to_contain_text("139****5678")
    expect(row).to_contain_text("新迁路8****")
    expect(row).not_to_contain_text("新迁路8号")
    row.locator("a").first.click()
    desk.wait_for_url(f"**/mailings/{mid}")
    desk.click("#mailing-address button")
    expect(desk.locator("#mailing-address")).to_contain_text("新迁路8号3单元401")
    expect(desk.locator("#mailing-address")).to_contain_text("13912345678")
    desk.fill("#send-no", "EA123456789CN")
    desk.click("#send-form button[type=submit]")
    expect(desk.locator("#mailing-actions [role=status]")).to_contain_text("已寄出，邮件号 EA123456789CN")
    expect(desk.locator("#mailing-live")).to_contain_text("已寄出")
    shot(desk, screenshots, "mailing-sent-desk")
    desk.click("#delivered-form button[type=submit]")
    expect(desk.locator("#mailing-actions [role=status]")).to_contain_text("已登记送达")
    expect(desk.locator("#mailing-live .history")).to_contain_text("送达")
    actions = [e.action for e in accounts.audit_entries(hall.service.sessions, target=f"mailing:{mid}")]
    assert sorted(actions) == ["mailing.address_shown", "mailing.delivered", "mailing.sent"]
