"""A complaint work order carried to its end in a real browser (docs/workorders.md), on a hall of its own with a
fake clock, across a weekend day that was worked (调休) and across a public holiday.

The complaint comes from a wire-contract terminal over the real broker, its phone sealed with the hall's key as
the kiosk seals it. Filed on Friday 2025-09-26 at 16:00: Saturday 27th is a rest day, Sunday 28th was worked, so
the answer is due on 2025-09-28 24:00. The administrator assigns it, extends it by one working day with a reason
(2025-09-29 24:00; two more refused: at most 2 in all), shows the phone for the call-back, records the answer;
the citizen is not satisfied on 30 September, so it goes back to the department — due on 2025-10-09 24:00,
after National Day (1–8 October off). Not answered by then, it is flagged overdue and the centre alerted; then
answered late and called back, satisfied.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.config import FeedbackConfig
from hall_server.db import Complaint
from hall_server.keys import write_keypair
from hall_server.registry import RegistryEntry
from hall_server.simulate import WebhookReceiver
from tests.hall.harness import HALL
from tests.support import wait_until
from tests.web.harness import DESK, PHONE, WebHall, login, new_page, shot, start_hall
from wire.contract import ComplaintPayload, Kind
from wire.feedback import new_id, seal_phone
from zizhu.broker import MosquittoBroker

CST = timezone(timedelta(hours=8))
FILED = datetime(2025, 9, 26, 16, 0, tzinfo=CST)
CALLER = "13955501234"
DEPT = "区市场监督管理局"
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock((FILED + timedelta(minutes=5)).astimezone(UTC))


@pytest.fixture(scope="module")
def webhook() -> Iterator[WebhookReceiver]:
    w = WebhookReceiver().start()
    yield w
    w.stop()


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory, webhook: WebhookReceiver, clock: FakeClock) -> Iterator[WebHall]:
    tmp = tmp_path_factory.mktemp("workorders-hall")
    key = tmp / "hall-feedback.key"
    public = write_keypair(key)
    with MosquittoBroker(hall=HALL) as broker:  # a broker of its own: the shared hall h1 keeps its client id
        h = start_hall(tmp, broker, webhook, clock=clock, feedback=FeedbackConfig(private_key_file=key))
        h.public_key = public  # type: ignore[attr-defined]
        try:
            h.service.core.import_registry([RegistryEntry(id="t61", name="1号自助终端", location="一楼24小时自助区")])
            h.terminal("t61")
            yield h
        finally:
            h.close()


def at(clock: FakeClock, when: datetime) -> None:
    clock.advance((when - clock.now()).total_seconds())


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_complaint_through_assignment_extension_answer_and_call_back(
        hall: WebHall, clock: FakeClock, webhook: WebhookReceiver, desk: Page, screenshots: Path) -> None:
    # the terminal files the complaint: the wire contract's message over the real broker, the phone sealed
    cid = new_id()
    t = hall.terminal("t61")
    t.seq += 1
    t.publish(Kind.COMPLAINT, ComplaintPayload(
        terminal="t61", seq=t.seq, session=t.session, id=cid, category="办不成事",
        matter="办理营业执照变更，材料齐全却被要求补交房屋证明", case_no="2025-0926-017",
        phone_sealed=seal_phone(hall.public_key, CALLER), filed_at=FILED).encode())  # type: ignore[attr-defined]
    wait_until(lambda: _stored(hall, cid), what="the complaint stored at the hall")

    login(desk, hall, "admin", "/complaints")
    row = desk.locator(f"tr[data-order='{cid}']")
    expect(row).to_contain_text("已受理")
    expect(row).to_contain_text("2025-09-28 24:00")  # Saturday rests, Sunday 28th was worked (调休)
    expect(row).not_to_contain_text("139")  # no phone in the list, not even masked
    row.locator("a").first.click()
    desk.wait_for_url(f"**/complaints/{cid}")
    expect(desk.locator("#wo-due")).to_contain_text("2025-09-28 24:00")

    # 交办
    desk.select_option("#assign-department", DEPT)
    desk.click("#assign-form button[type=submit]")
    expect(desk.locator("#wo-state")).to_have_text("已交办")
    expect(desk.locator("#wo-department")).to_contain_text(DEPT)
    expect(desk.locator("#wo-due")).to_contain_text("2025-09-28 24:00")  # the slip's promise stands

    # 延期 one working day with its reason: Monday 29th. A second tab opened before still offers 2 more days:
    # refused in words (at most 2 in all), while the first offers only the 1 day left.
    stale = desk.context.new_page()
    stale.goto(hall.url(f"/complaints/{cid}"))
    desk.select_option("#extend-days", "1")
    desk.fill("#extend-reason", "需调取2019年档案核对房屋信息")
    desk.click("#extend-form button[type=submit]")
    expect(desk.locator("#wo-due")).to_contain_text("2025-09-29 24:00")
    expect(desk.locator("#wo-history")).to_contain_text("延期 1 个工作日，原因：需调取2019年档案核对房屋信息")
    expect(desk.locator("#extend-days option")).to_have_text(["1 个工作日"])
    stale.select_option("#extend-days", "2")
    stale.fill("#extend-reason", "档案馆排队")
    stale.click("#extend-form button[type=submit]")
    expect(stale.locator("#extend-form .error")).to_contain_text(
        "延期累计不能超过 2 个工作日（本轮已延期 1 个工作日，最多还能延期 1 个工作日）")
    expect(stale.locator("#extend-reason")).to_have_value("档案馆排队")  # nothing typed is lost
    expect(stale.locator("#wo-due")).to_contain_text("2025-09-29 24:00")
    shot(stale, screenshots, "workorders-extension-refused", full_page=True)
    stale.close()

    # the phone, shown by the button for the call-back (and logged)
    expect(desk.locator("#phone")).to_contain_text("139****1234")
    desk.click("#phone button")
    expect(desk.locator("#phone .phone-clear")).to_have_text(CALLER)
    seen = [e for e in accounts.audit_entries(hall.service.sessions, target=f"complaint:{cid}")
            if e.action == "complaint.phone_shown"]
    assert [e.actor for e in seen] == ["wangmin"]

    # 答复 on Monday 29th
    at(clock, datetime(2025, 9, 29, 10, 0, tzinfo=CST))
    login(desk, hall, "admin", f"/complaints/{cid}")  # a session does not outlive days on the hall's clock
    desk.fill("#answer-text", "经核实，房屋证明可由部门内部核验，已通知当事人无需补交")
    desk.click("#answer-form button[type=submit]")
    expect(desk.locator("#wo-state")).to_have_text("已答复")

    # 回访 on Tuesday 30th: not satisfied — back to the department, due after National Day
    at(clock, datetime(2025, 9, 30, 10, 0, tzinfo=CST))
    login(desk, hall, "admin", f"/complaints/{cid}")
    desk.check("#callback-form input[value=no]")
    desk.fill("#callback-note", "当事人称窗口仍未受理变更")
    desk.click("#callback-form button[type=submit]")
    expect(desk.locator("#wo-state")).to_have_text("已交办")
    expect(desk.locator("#wo-department")).to_contain_text("第 2 轮")
    expect(desk.locator("#wo-due")).to_contain_text("2025-10-09 24:00")  # 1–8 October off

    # not answered by the end of 9 October: overdue, flagged, the centre alerted once
    at(clock, datetime(2025, 10, 10, 9, 0, tzinfo=CST))
    assert webhook.wait(lambda got: any(path.endswith("centre") and "投诉超期" in str(body)
                                        for _t, path, body in got)), "the centre was not alerted"
    login(desk, hall, "admin", "/complaints?overdue=yes")
    expect(desk.locator(f"tr[data-order='{cid}'] .wo-flag")).to_contain_text("已超期 9 小时")
    expect(desk.locator(".chip.wo-overdue")).to_contain_text("1")
    shot(desk, screenshots, "workorders-list-overdue")
    desk.goto(hall.url("/"))
    expect(desk.locator("#hall-complaints-overdue")).to_have_text("1")  # the live hall flags it too
    mobile = new_page(desk.context.browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)  # type: ignore[arg-type]
    try:
        login(mobile, hall, "centre", "/complaints")
        expect(mobile.locator(f"tr[data-order='{cid}'] .wo-flag")).to_be_visible()
        no_sideways_scroll(mobile)
        shot(mobile, screenshots, "workorders-list-phone")
        mobile.goto(hall.url(f"/complaints/{cid}"))
        expect(mobile.locator(".wo-overdue-banner")).to_be_visible()
        no_sideways_scroll(mobile)
        shot(mobile, screenshots, "workorders-detail-phone", full_page=True)
    finally:
        mobile.context.close()

    # answered late, called back: satisfied, closed
    desk.goto(hall.url(f"/complaints/{cid}"))
    desk.fill("#answer-text", "已当场办结营业执照变更")
    desk.click("#answer-form button[type=submit]")
    expect(desk.locator("#wo-state")).to_have_text("已答复")
    desk.check("#callback-form input[value=yes]")
    desk.fill("#callback-note", "当事人满意")
    desk.click("#callback-form button[type=submit]")
    expect(desk.locator("#wo-state")).to_have_text("已回访")
    expect(desk.locator("#wo-due")).to_contain_text("已办结")
    history = desk.locator("#wo-history li")
    expect(history).to_have_count(9)  # 受理, 交办, 延期, 答复, 回访, 交办, 超期告警, 答复, 回访
    expect(desk.locator("#wo-history")).to_contain_text("超期告警")
    expect(desk.locator("#wo-history li[data-action=answered]").last).to_contain_text("逾期答复")
    expect(desk.locator("#wo-history li[data-action=answered]").first).not_to_contain_text("逾期")
    shot(desk, screenshots, "workorders-detail-closed", full_page=True)
    alerts = [b for _t, p, b in webhook.received if p.endswith("centre") and "投诉超期" in str(b)]
    assert len(alerts) == 1
    assert desk.viewport_size == DESK


def _stored(hall: WebHall, cid: str) -> bool:
    with hall.service.sessions() as s:
        return s.get(Complaint, cid) is not None
