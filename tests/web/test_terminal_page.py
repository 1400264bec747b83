"""A terminal's page with a real fleet agent (the production printer driver against the simulator): its
devices as the status model reports them, remote self-test and out-of-service whose answers appear on
the page, a paper-out shown live; the viewer sees no command buttons and the API refuses them."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.web.harness import WebHall, login, shot


def test_remote_self_test_and_out_of_service(web_hall: WebHall, desk: Page, screenshots: Path) -> None:
    agent = web_hall.agent("t21")
    login(desk, web_hall, "maintenance", then="/terminals/t21")
    printer = desk.locator("#terminal-live [data-device=printer]")
    expect(printer).to_contain_text("打印机")
    expect(printer.locator("[data-station=receipt]")).to_have_text("充足")
    expect(desk.locator("#terminal-live .head-state .state")).to_have_text("正常服务")
    desk.evaluate("window.zzMarker = 1")

    desk.click("#commands button[value='self_test:printer']")
    expect(desk.locator("#command-results .cmd.pending")).to_contain_text("远程自检（打印机）：已下发")
    result = desk.locator("#command-results .cmd.ok")
    expect(result).to_contain_text("远程自检（打印机）：成功", timeout=20_000)

    agent.paper("out")  # the simulator's roll runs out: the driver reports it, the page shows it, live
    expect(printer.locator("[data-station=receipt]")).to_have_text("用完", timeout=20_000)
    expect(desk.locator("#terminal-live .head-state .state")).to_have_text("一般故障")
    expect(desk.locator("#terminal-records")).to_contain_text("打印纸用完")
    shot(desk, screenshots, "dashboard-terminal-desk", full_page=True)

    desk.click("#commands button[value=out_of_service]")
    expect(desk.locator("#command-results .cmd.ok").first).to_contain_text("暂停服务：成功", timeout=20_000)
    expect(desk.locator("#terminal-live .head-state")).to_contain_text("暂停服务", timeout=20_000)
    desk.click("#commands button[value=back_in_service]")
    expect(desk.locator("#command-results .cmd.ok").first).to_contain_text("恢复服务：成功", timeout=20_000)
    agent.paper("full")
    expect(desk.locator("#terminal-live .head-state .state")).to_have_text("正常服务", timeout=20_000)
    expect(desk.locator("#terminal-records .timeline")).to_contain_text(re.compile("命令 远程自检：成功"))
    assert desk.evaluate("window.zzMarker") == 1  # all of it without a reload
    with web_hall.api() as api:
        audit = [e for e in api.get("/api/incidents", params={"terminal": "t21", "state": "all"}).json()]
    assert any(i["fault_code"] == "printer.receipt.paper_out" and i["state"] == "resolved" for i in audit)


def test_a_viewer_sees_no_command_buttons(web_hall: WebHall, phone: Page, screenshots: Path) -> None:
    web_hall.agent("t21")
    login(phone, web_hall, "viewer", then="/terminals/t21")
    expect(phone.locator("#terminal-live [data-device=printer]")).to_be_visible()
    expect(phone.locator("#commands")).to_have_count(0)
    shot(phone, screenshots, "dashboard-terminal-phone", full_page=True)
    r = phone.request.post(web_hall.url("/terminals/t21/commands"), form={"button": "self_test"})
    assert r.status == 403  # the page hides the buttons; the server refuses the role anyway
    with web_hall.api("viewer") as api:
        assert api.post("/api/terminals/t21/commands", json={"action": "self_test"}).status_code == 403
    with web_hall.api("maintenance") as api:
        r2 = api.post("/terminals/t21/commands", data={"button": "format_disk"})
        assert r2.status_code == 422 and "没有这个命令" in r2.text
        r3 = api.post("/terminals/t21/commands", data={"button": "self_test:camera"})
        assert r3.status_code == 409 and "没有报告设备“camera”" in r3.text
