"""A hall in trouble as Chromium shows it (a hall of its own: most of it goes dark). Five terminals: one out
of paper (一般故障), one killed (通讯/机械故障), then two more, so most of the hall is down (系统故障
and its public notice). The live hall's table and cards, the incidents list's filters, and the public
status page — traditional Mongolian first (vertical) and Chinese beside it at the same size — on a
desk and on a phone; screenshots of each page at both sizes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from hall_server.simulate import ContractTerminal, WebhookReceiver, healthy_status
from tests.hall.harness import HALL, open_incidents
from tests.support import wait_until
from tests.web.harness import DESK, PHONE, WebHall, login, new_page, shot, start_hall
from wire.status import PaperLevel
from zizhu.broker import MosquittoBroker

PHONE_NUMBER, MASKED = "13812345678", "138****5678"


@pytest.fixture(scope="module")
def dark_hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebHall]:
    with MosquittoBroker(hall=HALL) as broker:
        webhook = WebhookReceiver().start()
        hall = start_hall(tmp_path_factory.mktemp("dark-hall"), broker, webhook)
        try:
            with hall.api("admin") as api:
                assert api.put("/api/terminals/t01", json={
                    "name": "1号综合自助终端", "location": "一楼东侧", "zone": "24小时自助区", "responsible": "张伟",
                    "phone": PHONE_NUMBER, "devices": ["printer"]}).status_code == 200
            terms: list[ContractTerminal] = [hall.terminal(f"t{i:02d}") for i in range(1, 6)]
            svc = hall.service
            terms[0].status(healthy_status(PaperLevel.OUT))
            terms[1].kill()
            wait_until(lambda: sorted(i.fault_code for i in open_incidents(svc))
                       == ["printer.receipt.paper_out", "terminal.offline"], what="paper out and t02 offline")
            for t in terms[2:4]:
                t.kill()
            wait_until(lambda: any(i.fault_code == "hall.terminals_down" for i in open_incidents(svc)),
                       what="system incident")
            wait_until(lambda: len([i for i in open_incidents(svc) if i.fault_code == "terminal.offline"]) == 3,
                       what="3 offline")
            wait_until(svc.core.notices_in_force, what="notice in force")
            for t in (terms[1], terms[2], terms[3]):
                hall.terminals.pop(t.terminal)  # killed: nothing to stop
            yield hall
        finally:
            hall.close()
            webhook.stop()


def _red_pixels(png: Path) -> int:
    with Image.open(png) as im:
        return sum(n for n, px in im.convert("RGB").getcolors(im.width * im.height) or []
                   if all(abs(a - b) <= 6 for a, b in zip(px, (0xC6, 0x28, 0x28), strict=True)))


def test_the_live_hall_of_a_dark_hall(dark_hall: WebHall, desk: Page, screenshots: Path) -> None:
    login(desk, dark_hall, "centre")
    rows = desk.locator("#hall-incidents table.incidents tbody tr")
    expect(rows).to_have_count(5)
    header = desk.locator("#hall-incidents table.incidents thead th").all_inner_texts()
    assert header == ["工单", "终端", "故障", "级别", "发生", "时限", "通知", "确认"]
    seen = sorted((r.locator("td").nth(1).inner_text(), r.locator("td").nth(2).inner_text().split("\n")[0],
                   r.locator(".tier").inner_text()) for r in rows.all())
    assert seen == sorted([("全大厅", "大厅多数终端离线", "系统故障"), ("t01", "打印纸用完", "一般故障"),
                           ("t02", "终端离线", "通讯/机械故障"), ("t03", "终端离线", "通讯/机械故障"),
                           ("t04", "终端离线", "通讯/机械故障")]), seen
    system = next(i for i in open_incidents(dark_hall.service) if i.tier == "system")
    for r in rows.all():
        text = r.inner_text()
        assert "未确认" in text
        if r.locator("td").nth(2).inner_text().startswith("终端离线"):
            assert f"↳#{system.id}" in r.locator("td").first.inner_text()  # filed under the system incident
            assert re.search(r"剩 (23 小时 \d+|24 小时 0) 分钟", r.locator(".countdown").inner_text())
    for tid in ("t02", "t03", "t04"):
        card = desk.locator(f"[data-terminal={tid}]")
        expect(card).to_have_attribute("data-state", "offline")
        expect(card).to_contain_text("未登记")
    expect(desk.locator("[data-terminal=t01]")).to_contain_text("1号综合自助终端")
    expect(desk.locator("[data-terminal=t01]")).to_contain_text("打印纸用完")
    expect(desk.locator("[data-terminal=t05]")).to_have_class(re.compile(r"\byellow\b"))  # unregistered, working
    expect(desk.locator("#hall-incidents aside")).to_contain_text("系统故障公告")
    assert PHONE_NUMBER not in desk.content()
    png = shot(desk, screenshots, "dashboard-outage-desk")
    assert _red_pixels(png) > 5000, "red terminal cards not painted"

    desk.goto(dark_hall.url("/terminals/t01"))
    expect(desk.locator("#terminal-live")).to_contain_text(MASKED)
    assert PHONE_NUMBER not in desk.content()


def test_incident_filters(dark_hall: WebHall, desk: Page, phone: Page, screenshots: Path) -> None:
    login(desk, dark_hall, "viewer", then="/incidents")
    table = desk.locator("#incident-table tbody tr")
    expect(table).to_have_count(5)
    desk.select_option("#filters select[name=tier]", "comms_mechanical")
    expect(table).to_have_count(3)
    desk.select_option("#filters select[name=terminal]", "t03")
    expect(table).to_have_count(1)
    expect(table.first).to_contain_text("终端离线")
    desk.select_option("#filters select[name=tier]", "")
    desk.select_option("#filters select[name=terminal]", "@hall")
    expect(table).to_have_count(1)
    expect(table.first).to_contain_text("大厅多数终端离线")
    desk.select_option("#filters select[name=terminal]", "")
    desk.select_option("#filters select[name=role]", "admin")
    expect(table).to_have_count(1)
    expect(table.first).to_contain_text("打印纸用完")
    shot(desk, screenshots, "dashboard-incidents-desk")
    # a person filter with nobody: nothing; a bad value in the address narrows nothing and breaks nothing
    r = desk.request.get(dark_hall.url("/fragments/incidents?state=closed&tier=%ED%A0%80&person=nobody"))
    assert r.status == 200 and "没有符合条件的工单" in r.text()
    login(phone, dark_hall, "viewer", then="/incidents")
    expect(phone.locator("#incident-table tbody tr")).to_have_count(5)
    shot(phone, screenshots, "dashboard-incidents-phone", full_page=True)
    phone.goto(dark_hall.url("/"))
    expect(phone.locator("[data-terminal=t01]")).to_be_visible()
    shot(phone, screenshots, "dashboard-outage-phone", full_page=True)


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_public_status_page_bilingual(dark_hall: WebHall, browser: Browser, screenshots: Path, size: str) -> None:
    page = new_page(browser, DESK if size == "desk" else PHONE,
                    **({"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if size == "phone" else {}))
    try:
        page.goto(dark_hall.url("/status"))  # public: no log-in
        zh = page.locator(".bi.state .zh")
        expect(zh).to_contain_text("部分自助服务暂停")
        expect(zh).to_contain_text("可用终端 1 / 5")
        expect(page.locator(".bi.head .zh")).to_have_text("测试大厅 · 24小时自助服务区")
        notice = page.locator(".bi.notice .zh")
        expect(notice).to_contain_text("系统故障公告")
        expect(notice).to_contain_text("自助服务区大厅多数终端离线，部分自助终端暂停服务")
        expect(notice).to_contain_text("请到人工窗口办理或稍后再试")
        assert PHONE_NUMBER not in page.content() and MASKED not in page.content()  # the public sees no phones
        for pair in page.locator(".bi").all():
            mn, zh_side = pair.locator(".mn").first, pair.locator(".zh").first
            style = mn.evaluate("e => [getComputedStyle(e).writingMode, getComputedStyle(e).fontSize, "
                                "getComputedStyle(e).fontFamily]")
            assert style[0] == "vertical-lr" and "Noto Sans Mongolian" in style[2], style
            assert style[1] == zh_side.evaluate("e => getComputedStyle(e).fontSize")  # the same size
            m_box, z_box = mn.bounding_box(), zh_side.bounding_box()
            assert m_box and z_box and m_box["x"] + m_box["width"] <= z_box["x"] + 1  # Mongolian first (left)
            text = mn.inner_text()
            assert any("\u1800" <= c <= "\u18af" for c in text), text  # traditional Mongolian script
        assert page.evaluate("document.fonts.check('20px \"Noto Sans Mongolian\"', 'ᠮᠡᠳᠡᠭᠳᠡᠯ')")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"] if page.viewport_size else True, "no sideways scrolling"
        png = shot(page, screenshots, f"status-page-{size}", full_page=size == "phone")
        assert _red_pixels(png) > 500, "the outage line and the notice not in red"
    finally:
        page.context.close()
