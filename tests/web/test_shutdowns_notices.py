"""Planned shutdowns and notices on their pages: a request with reason and window (bad input refused with
words, nothing stored), approved by the administrator only, then shown on the live hall and the
terminal's page; a notice posted, shown to the public, and cleared."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.web.harness import WebHall, login, shot

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _local(dt: datetime) -> str:
    return dt.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def _shutdowns(hall: WebHall) -> list[dict[str, object]]:
    with hall.api("viewer") as api:
        found: list[dict[str, object]] = api.get("/api/shutdowns").json()
    return found


def test_request_and_approve_a_shutdown(web_hall: WebHall, desk: Page, phone: Page, screenshots: Path) -> None:
    web_hall.terminal("t14")
    before = len(_shutdowns(web_hall))
    now = datetime.now(SHANGHAI)
    login(desk, web_hall, "maintenance", then="/shutdowns")
    form = desk.locator("#request-form")
    form.locator("select[name=terminal]").select_option("t14")
    form.locator("input[name=starts_at]").fill(_local(now - timedelta(minutes=5)))
    form.locator("input[name=ends_at]").fill(_local(now - timedelta(minutes=10)))
    form.locator("button[type=submit]").click()
    expect(desk.locator("#shutdown-form .error").first).to_be_visible()
    errors = desk.locator("#shutdown-form .error").all_inner_texts()
    assert errors == ["请填写停机原因", "结束时间应晚于开始时间"], errors
    assert len(_shutdowns(web_hall)) == before  # refused: nothing stored
    # what was typed is still there
    expect(desk.locator("#request-form select[name=terminal]")).to_have_value("t14")

    desk.locator("#request-form textarea[name=reason]").fill("季度保养：更换打印机")
    desk.locator("#request-form input[name=ends_at]").fill(_local(now + timedelta(hours=2)))
    desk.locator("#request-form button[type=submit]").click()
    expect(desk.locator("#shutdown-form .done")).to_have_text("已提交停机申请，等待大厅管理员审批")
    [sd] = [s for s in _shutdowns(web_hall) if s["terminal_id"] == "t14"]
    assert sd["state"] == "requested" and sd["requested_by"] == "liqiang" and sd["reason"] == "季度保养：更换打印机"
    item = desk.locator(f"#sd-{sd['id']}")
    expect(item).to_contain_text("待审批")
    expect(item.locator("form.decide")).to_have_count(0)  # maintenance may ask, not decide
    r = desk.request.post(web_hall.url(f"/shutdowns/{sd['id']}/approve"), form={"note": "x"},
                          headers={"X-CSRF-Token": desk.evaluate(
                              "document.querySelector('input[name=csrf_token]').value")})
    assert r.status == 403

    login(phone, web_hall, "admin", then="/shutdowns")
    card = phone.locator(f"#sd-{sd['id']}")
    card.locator("input[name=note]").fill("同意，请提前张贴告示")
    shot(phone, screenshots, "dashboard-shutdowns-phone", full_page=True)
    card.locator("button", has_text="批准").click()
    expect(phone.locator("#shutdowns-table .done")).to_have_text(f"已批准停机申请 #{sd['id']}")
    expect(phone.locator(f"#sd-{sd['id']}")).to_contain_text("已批准")
    expect(item).to_contain_text("已批准", timeout=15_000)  # the requester's page hears it live
    [sd] = [s for s in _shutdowns(web_hall) if s["id"] == sd["id"]]
    assert sd["decided_by"] == "wangmin" and sd["decision_note"] == "同意，请提前张贴告示"
    shot(desk, screenshots, "dashboard-shutdowns-desk", full_page=True)

    again = desk.request.post(web_hall.url(f"/shutdowns/{sd['id']}/reject"), form={},
                              headers={"Authorization": f"Bearer {web_hall.tokens['admin']}"})
    assert again.status == 409 and "已经审批过了" in again.text()

    desk.goto(web_hall.url("/"))
    expect(desk.locator("[data-terminal=t14]")).to_have_attribute("data-state", "planned")
    expect(desk.locator("#hall-incidents")).to_contain_text("t14 停机中")
    desk.goto(web_hall.url("/terminals/t14"))
    expect(desk.locator("#terminal-live .banner.planned-now")).to_contain_text("季度保养：更换打印机（wangmin 批准）")


def test_post_and_clear_a_notice(web_hall: WebHall, desk: Page, phone: Page, screenshots: Path) -> None:
    login(desk, web_hall, "centre", then="/notices")
    desk.locator("#post-notice button[type=submit]").click()
    # the form comes back through htmx: wait for it (a bare read raced the swap on a loaded machine)
    expect(desk.locator("#notice-form .error")).to_have_text(["请填写公告标题", "请填写公告内容"], use_inner_text=True)
    desk.fill("#n-title", "系统升级")
    desk.fill("#n-message", "今晚22点至23点暂停自助服务")
    desk.locator("#post-notice button[type=submit]").click()
    expect(desk.locator("#notice-form .done")).to_contain_text("公告已发布")
    expect(desk.locator("#n-title")).to_have_value("")
    notice = desk.locator("#notices-list .notice", has_text="系统升级")
    expect(notice).to_contain_text("zhaoli 发布于")
    shot(desk, screenshots, "dashboard-notices-desk")

    phone.goto(web_hall.url("/status"))  # public: no log-in
    expect(phone.locator(".bi.notice .zh")).to_contain_text("今晚22点至23点暂停自助服务")
    expect(phone.locator(".bi.notice .mn")).to_contain_text("ᠮᠡᠳᠡᠭᠳᠡᠯ")

    desk.once("dialog", lambda d: d.accept())
    notice.locator("button", has_text="撤销").click()
    expect(desk.locator("#notices-list .notice", has_text="系统升级")).to_have_count(0)
    with web_hall.api("viewer") as api:
        assert all(n["title"] != "系统升级" for n in api.get("/api/notices").json())
    phone.reload()
    expect(phone.locator(".bi.notice")).to_have_count(0)
