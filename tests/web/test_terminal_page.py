"""A terminal's page with a real fleet agent (the production printer driver against the simulator): its
devices as the status model reports them, remote self-test and out-of-service whose answers appear on
the page, a paper-out shown live; the viewer sees no command buttons and the API refuses them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from hall_server.simulate import healthy_status
from tests.web.harness import DESK, PHONE, WebHall, login, new_page, shot
from wire.status import (
    CameraStatus,
    DeviceState,
    DoorState,
    IdCardReaderStatus,
    LockerBoardStatus,
    LockerSlot,
    LockerStatus,
    PaperLevel,
    PrinterStation,
    PrinterStatus,
    TerminalStatus,
)


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


def _four_devices() -> TerminalStatus:
    """A terminal with every kind the status model knows: both paper stations, a card reader with its
    SAM, a locker on two boards (one silent, one door left open too long, one slot occupied), a camera."""
    printer = PrinterStatus(name="printer", state=DeviceState.ONLINE, cover_open=False, stations={
        "receipt": PrinterStation(paper=PaperLevel.LOW, online=True),
        "journal": PrinterStation(paper=PaperLevel.FULL, online=True)})
    reader = IdCardReaderStatus(name="idcard", state=DeviceState.HARDWARE_ERROR, sam="error",
                                sam_id="05.01-20240101-0000000001-1234567890", reason="安全模块故障")
    locker = LockerStatus(name="locker", state=DeviceState.ONLINE,
                          boards=[LockerBoardStatus(address=1), LockerBoardStatus(address=2, responding=False)],
                          slots={"01": LockerSlot(door=DoorState.CLOSED, occupied=True),
                                 "02": LockerSlot(door=DoorState.OPEN, open_too_long=True),
                                 "03": LockerSlot(door=DoorState.JAMMED)})
    camera = CameraStatus(name="camera", state=DeviceState.ONLINE, present=True, obstructed=True)
    base = healthy_status()
    return TerminalStatus(devices=[printer, reader, locker, camera], host=base.host, app=base.app)


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_every_device_kind_is_shown_as_the_status_model_reports_it(
        web_hall: WebHall, browser: Browser, screenshots: Path, size: str) -> None:
    web_hall.terminal("t22", _four_devices())
    page = new_page(browser, DESK if size == "desk" else PHONE)
    try:
        login(page, web_hall, "admin", then="/terminals/t22")
        live = page.locator("#terminal-live")
        expect(live.locator("[data-device=printer] [data-station=receipt]")).to_have_text("将尽")
        expect(live.locator("[data-device=printer] [data-station=journal]")).to_have_text("充足")
        reader = live.locator("[data-device=idcard]")
        expect(reader).to_contain_text("硬件故障")
        expect(reader.locator(".sam-error")).to_contain_text("故障")
        expect(reader).to_contain_text("安全模块故障")
        locker = live.locator("[data-device=locker]")
        expect(locker).to_contain_text("#2 无响应")
        expect(locker.locator(".slot")).to_have_count(3)
        expect(locker.locator(".slot.door-open.too-long")).to_contain_text("02开")
        expect(locker.locator(".slot.occupied")).to_contain_text("01关·有物")
        expect(locker.locator(".slot.door-jammed")).to_contain_text("卡住")
        camera = live.locator("[data-device=camera]")
        expect(camera).to_contain_text("已连接")
        expect(camera.locator(".bad")).to_have_text("被遮挡")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (DESK if size == "desk" else PHONE)["width"], f"the page scrolls sideways ({width} px)"
        shot(page, screenshots, f"dashboard-terminal-devices-{size}", full_page=True)
    finally:
        page.context.close()
