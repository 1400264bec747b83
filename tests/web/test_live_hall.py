"""The live hall in a real browser: a paper-out arrives without a reload, is acknowledged and resolved, a
half-typed note survives the live updates, and the page's words match what the hall knows."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from hall_server.simulate import healthy_status
from tests.support import wait_until
from tests.web.harness import WebHall, login, shot
from wire.status import PaperLevel

PHONE_NUMBER = "13812345678"


def _register(hall: WebHall, tid: str, **fields: object) -> None:
    with hall.api("admin") as api:
        r = api.put(f"/api/terminals/{tid}", json={"name": f"{tid} 综合自助终端", "location": "一楼东侧",
                                                   "zone": "24小时自助区", "responsible": "张伟",
                                                   "phone": PHONE_NUMBER, "devices": ["printer"], **fields})
        assert r.status_code == 200, r.text


def _open_incident(hall: WebHall, tid: str, code: str) -> int:
    with hall.api("viewer") as api:
        found = wait_until(lambda: [i for i in api.get("/api/incidents", params={"terminal": tid}).json()
                                    if i["fault_code"] == code], what=f"{code} on {tid}")
    return int(found[0]["id"])


def test_paper_out_arrives_live_without_a_reload(web_hall: WebHall, desk: Page, screenshots: Path) -> None:
    _register(web_hall, "t11")
    t = web_hall.terminal("t11")
    login(desk, web_hall, "admin")
    card = desk.locator("[data-terminal=t11]")
    expect(card).to_have_attribute("data-state", "in_service")
    expect(card).to_contain_text("正常服务")
    desk.evaluate("window.zzMarker = 'still here'")
    loaded_at = desk.evaluate("window.zizhuLoadedAt")

    t.status(healthy_status(PaperLevel.OUT))  # 打印纸用完: 一般故障

    expect(card).to_have_attribute("data-state", "general", timeout=15_000)
    expect(card).to_contain_text("打印纸用完")
    expect(card).to_have_class(re.compile(r"\bred\b"))
    inc = _open_incident(web_hall, "t11", "printer.receipt.paper_out")
    row = desk.locator(f"#hall-incidents tr[data-incident='{inc}']")
    expect(row).to_contain_text("打印纸用完")
    expect(row).to_contain_text("一般故障")
    expect(row).to_contain_text("未确认")
    expect(row.locator(".countdown")).to_have_text(re.compile(r"剩 (2\d|30) 分钟"))
    # the same document all along: no navigation, the marker and the load time survive
    assert desk.evaluate("window.zzMarker") == "still here"
    assert desk.evaluate("window.zizhuLoadedAt") == loaded_at
    assert desk.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert PHONE_NUMBER not in desk.content()
    shot(desk, screenshots, "dashboard-hall-desk")

    t.status(healthy_status())  # new paper: the incident resolves itself, the card turns green, live
    expect(card).to_have_attribute("data-state", "in_service", timeout=15_000)
    expect(row).to_have_count(0)
    assert desk.evaluate("window.zzMarker") == "still here"


def test_acknowledge_then_resolve_with_a_note(web_hall: WebHall, desk: Page, screenshots: Path) -> None:
    _register(web_hall, "t12")
    t = web_hall.terminal("t12", healthy_status(PaperLevel.OUT))
    inc = _open_incident(web_hall, "t12", "printer.receipt.paper_out")
    login(desk, web_hall, "maintenance", then=f"/incidents/{inc}")
    expect(desk.locator("#incident-live .istate")).to_have_text("未确认")
    expect(desk.locator("#incident-live .countdown")).to_have_text(re.compile(r"剩 \d+ 分钟"))

    desk.fill("#ack-comment", "马上去换纸")
    desk.fill("#resolve-note", "半句说明")  # half-typed: a live update must leave it alone
    other = web_hall.terminal("t13")
    with desk.expect_response(lambda r: f"/fragments/incidents/{inc}" in r.url):
        other.status(healthy_status(PaperLevel.OUT))  # an incident elsewhere: every page hears "incidents"
    _open_incident(web_hall, "t13", "printer.receipt.paper_out")
    expect(desk.locator("#resolve-note")).to_have_value("半句说明")
    expect(desk.locator("#ack-comment")).to_have_value("马上去换纸")

    desk.click("#ack-form button[type=submit]")
    expect(desk.locator("#incident-actions .done")).to_have_text("已确认，请尽快处理")
    expect(desk.locator("#incident-live .istate")).to_have_text("已确认，处理中")
    expect(desk.locator("#incident-live .log")).to_contain_text("确认 liqiang：马上去换纸")

    desk.fill("#resolve-note", "")
    desk.click("#resolve-form button[type=submit]")
    expect(desk.locator("#incident-actions .error")).to_have_text("请填写处理说明")
    with web_hall.api() as api:
        assert api.get(f"/api/incidents/{inc}").json()["state"] == "acknowledged"  # refused: nothing changed

    desk.fill("#resolve-note", "已更换打印纸，测试页正常")
    desk.click("#resolve-form button[type=submit]")
    expect(desk.locator("#incident-live .istate")).to_have_text("已解决")
    expect(desk.locator("#incident-live .log")).to_contain_text("解决 liqiang：已更换打印纸，测试页正常")
    with web_hall.api() as api:
        done = api.get(f"/api/incidents/{inc}").json()
    assert done["state"] == "resolved" and done["resolved_by"] == "liqiang" and done["acknowledged_by"] == "liqiang"
    assert [e["actor"] for e in done["log"]][1:] == ["liqiang", "liqiang"]
    shot(desk, screenshots, "dashboard-incident-desk")
    t.status(healthy_status())
    other.status(healthy_status())
