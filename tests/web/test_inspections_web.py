"""The twice-daily inspection log in a real browser, on a hall of its own with a fake clock.

The clock starts on Monday 2026-03-02 at 09:00 in the hall (Asia/Shanghai), inside the morning slot,
and only moves forward (:func:`at_least`): each test brings it to the time it needs, so they pass
in any order. Terminals t41–t44 are registered; each test uses its own.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from ground.clock import FakeClock
from hall_server import inspections
from hall_server.config import InspectionsConfig
from hall_server.db import Incident
from hall_server.inspections import Inspection
from hall_server.registry import RegistryEntry
from hall_server.simulate import WebhookReceiver
from tests.hall.harness import HALL
from tests.support import wait_until
from tests.web.harness import WebHall, login, shot, start_hall
from zizhu.broker import MosquittoBroker

DAY = "2026-03-02"
TERMINALS = ("t41", "t42", "t43", "t44")


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def webhook() -> Iterator[WebhookReceiver]:
    w = WebhookReceiver().start()
    yield w
    w.stop()


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory, webhook: WebhookReceiver, clock: FakeClock) -> Iterator[WebHall]:
    # A broker of its own: a second hall h1 on the shared broker would take the shared hall's client id.
    with MosquittoBroker(hall=HALL) as broker:
        h = start_hall(tmp_path_factory.mktemp("inspections-hall"), broker, webhook, clock=clock,
                       inspections=InspectionsConfig())
        try:
            h.service.core.import_registry([RegistryEntry(id=t, name=f"{t[-1]}号自助终端", location="一楼24小时自助区")
                                            for t in TERMINALS])
            for t in TERMINALS:
                h.terminal(t)
            yield h
        finally:
            h.close()


def at_least(clock: FakeClock, hh: int, mm: int = 0) -> None:
    """The hall's local time to at least hh:mm of the day (never backwards)."""
    target = datetime(2026, 3, 2, hh, mm, tzinfo=UTC) - timedelta(hours=8)
    if clock.now() < target:
        clock.advance((target - clock.now()).total_seconds())


def card(page: Page, tid: str) -> Locator:
    return page.locator(f"#card-{tid}")


def choose(c: Locator, item: str, label: str, note: str | None = None) -> None:
    c.locator(f"[data-item={item}] label", has_text=re.compile(f"^{label}$")).click()
    if note is not None:
        c.locator(f"input[name=note_{item}]").fill(note)


def open_incidents(hall: WebHall, tid: str) -> list[Incident]:
    with hall.service.sessions() as s:
        return list(s.query(Incident).filter(Incident.scope == tid, Incident.state != "resolved")
                    .order_by(Incident.id))


def records(hall: WebHall, tid: str) -> list[Inspection]:
    with hall.service.sessions() as s:
        return list(s.query(Inspection).filter(Inspection.terminal_id == tid).order_by(Inspection.id))


def test_both_rounds_of_a_day_on_a_phone_and_an_override_opens_its_incident(
        hall: WebHall, clock: FakeClock, phone: Page, screenshots: Path) -> None:
    login(phone, hall, "maintenance", "/inspections")
    expect(phone.locator("h1")).to_contain_text(f"每日巡检 · {DAY}（今天）")
    c41, c42 = card(phone, "t41"), card(phone, "t42")
    expect(c41.locator("[data-slot=morning]")).to_have_attribute("data-status", "open")
    # prefilled from telemetry: healthy power, comms, receipt paper, mechanical; this printer has no journal station
    for item in ("power", "comms", "receipt_paper", "mechanical"):
        expect(c41.locator(f"[data-item={item}] input.ok")).to_be_checked()
    expect(c41.locator("[data-item=journal_paper] input:checked")).to_have_count(0)
    expect(c41.locator("[data-item=journal_paper] .src")).to_contain_text("打印机未上报流水纸状态（请人工确认）")
    shot(phone, screenshots, "inspections-day-phone")

    # Bad input: the journal paper not chosen. The card says so, keeps what was typed, stores nothing.
    c41.locator("input[name=note]").fill("上午巡检")
    c41.get_by_role("button", name=re.compile("签名提交")).click()
    expect(c41.get_by_role("alert")).to_contain_text("请选择流水纸的结果")
    expect(c41.locator("input[name=note]")).to_have_value("上午巡检")
    assert records(hall, "t41") == []
    choose(c41, "journal_paper", "充足")
    c41.get_by_role("button", name=re.compile("签名提交")).click()
    expect(c41.get_by_role("status")).to_contain_text("上午巡检已签名")
    expect(c41.locator("[data-slot=morning]")).to_have_attribute("data-status", "done")
    expect(c41.locator("[data-slot=morning]")).to_contain_text("李强")

    # The printer says the receipt roll is full; the inspector sees it nearly gone: an override needs a note.
    choose(c42, "journal_paper", "充足")
    choose(c42, "receipt_paper", "不足")
    expect(c42.locator("[data-item=receipt_paper] .hint")).to_be_visible()
    c42.get_by_role("button", name=re.compile("签名提交")).click()
    expect(c42.get_by_role("alert")).to_contain_text("客户凭条纸：实时状态为充足")
    assert records(hall, "t42") == []
    c42.locator("input[name=note_receipt_paper]").fill("凭条纸只剩薄薄一层")
    c42.get_by_role("button", name=re.compile("签名提交")).click()
    expect(c42.get_by_role("status")).to_contain_text("有异常项，已生成故障工单")
    [inc] = [i for i in open_incidents(hall, "t42") if i.fault_code == "inspection.receipt_paper"]
    assert (inc.tier, inc.role, inc.title) == ("general", "admin", "巡检发现客户凭条纸不足")
    phone.goto(hall.url(f"/incidents/{inc.id}"))
    expect(phone.locator("main")).to_contain_text("巡检发现客户凭条纸不足")
    expect(phone.locator("main")).to_contain_text("凭条纸只剩薄薄一层")

    # Noon: t43 was not inspected this morning; its card says so live, without a reload.
    at_least(clock, 11, 59)
    login(phone, hall, "maintenance", "/inspections")  # hours later: the morning's session has expired
    expect(card(phone, "t43").locator("[data-slot=morning]")).to_have_attribute("data-status", "open")
    phone.evaluate("window.zzMarker = 'no reload'")
    at_least(clock, 12, 1)
    expect(card(phone, "t43").locator("[data-slot=morning]")).to_have_attribute("data-status", "missed",
                                                                                timeout=15_000)
    expect(card(phone, "t43").locator("[data-missed=open]")).to_be_visible()
    assert phone.evaluate("window.zzMarker") == "no reload"
    assert phone.evaluate("performance.getEntriesByType('navigation').length") == 1
    card(phone, "t43").scroll_into_view_if_needed()
    shot(phone, screenshots, "inspections-missed-phone")

    # The afternoon: both terminals again; the roll was changed, so t42's incident is resolved.
    at_least(clock, 14, 30)
    login(phone, hall, "maintenance", "/inspections")  # hours later: the morning's session has expired
    for tid in ("t41", "t42"):
        c = card(phone, tid)
        expect(c.locator("input[name=slot][value=afternoon]")).to_be_checked()
        choose(c, "journal_paper", "充足")
        c.get_by_role("button", name=re.compile("签名提交")).click()
        expect(c.get_by_role("status")).to_contain_text("下午巡检已签名")
        expect(c.locator("[data-slot=afternoon]")).to_have_attribute("data-status", "done")
        expect(c).to_contain_text("今日上午、下午巡检均已完成")
    wait_until(lambda: not [i for i in open_incidents(hall, "t42") if i.fault_code == "inspection.receipt_paper"],
               what="the receipt-paper incident resolved by the afternoon round")
    assert [(r.slot, r.result, r.inspector) for r in records(hall, "t42")] == [
        ("morning", "fail", "liqiang"), ("afternoon", "ok", "liqiang")]
    c41.scroll_into_view_if_needed()
    shot(phone, screenshots, "inspections-done-phone")


def test_a_missed_slot_alerts_the_administrator_live_and_a_late_round_clears_it(
        hall: WebHall, clock: FakeClock, desk: Page, webhook: WebhookReceiver, screenshots: Path) -> None:
    at_least(clock, 12, 1)
    wait_until(lambda: [i for i in open_incidents(hall, "t43") if i.fault_code == "inspection.missed"],
               what="the missed-slot check of the tick")
    login(desk, hall, "admin", "/inspections")
    c43 = card(desk, "t43")
    expect(c43.locator("[data-slot=morning]")).to_have_attribute("data-status", "missed")
    expect(c43.locator("[data-slot=morning]")).to_contain_text("未巡检（已告警）")
    expect(c43.locator("[data-missed=open]")).to_be_visible()
    [inc] = [i for i in open_incidents(hall, "t43") if i.fault_code == "inspection.missed"]
    assert (inc.tier, inc.role) == ("warning", "admin") and "终端 t43 未巡检" in inc.detail
    assert webhook.wait(lambda got: any(path.endswith("admin") and "巡检时段结束仍未巡检" in str(body)
                                            for _t, path, body in got)), "no alert to the administrator"
    shot(desk, screenshots, "inspections-missed-desk")
    desk.goto(hall.url("/incidents"))
    expect(desk.locator("main")).to_contain_text("巡检时段结束仍未巡检")

    # A late morning round: the alert is resolved, the miss stays in the log.
    desk.goto(hall.url("/inspections"))
    c43 = card(desk, "t43")
    if c43.locator("input[name=slot][value=morning]").count():
        c43.locator("input[name=slot][value=morning]").check()
    choose(c43, "journal_paper", "充足")
    c43.get_by_role("button", name=re.compile("签名提交")).click()
    expect(c43.get_by_role("status")).to_contain_text("巡检已签名")
    expect(c43.locator("[data-missed=open]")).to_have_count(0)
    wait_until(lambda: not [i for i in open_incidents(hall, "t43") if i.fault_code == "inspection.missed"],
               what="the missed-slot alert resolved by the late round")
    with hall.service.sessions() as s:
        assert s.query(inspections.InspectionMiss).filter_by(terminal_id="t43", slot="morning").count() == 1


def test_a_correction_shows_both_versions_and_the_export_has_them(
        hall: WebHall, desk: Page, phone: Page, screenshots: Path) -> None:
    login(desk, hall, "admin", "/inspections")
    c44 = card(desk, "t44")
    slot = c44.locator("input[name=slot]:checked").get_attribute("value")
    choose(c44, "journal_paper", "充足")
    choose(c44, "mechanical", "有故障", "出票口卡住")
    c44.get_by_role("button", name=re.compile("签名提交")).click()
    expect(c44.get_by_role("status")).to_contain_text("巡检已签名")
    first = records(hall, "t44")[0]
    assert [i.fault_code for i in open_incidents(hall, "t44")] == ["inspection.mechanical"]

    c44.locator(f"[data-slot={slot}] a").click()
    expect(desk.locator("h1")).to_contain_text("巡检记录 · t44")
    form = desk.locator("#correct")
    choose(form, "mechanical", "无故障", "是票据没撕下，出票口正常")
    form.get_by_role("button", name=re.compile("提交更正")).click()
    expect(desk.get_by_role("alert")).to_contain_text("请填写更正原因")  # bad input: nothing stored
    assert len(records(hall, "t44")) == 1
    form = desk.locator("#correct")
    form.locator("input[name=note]").fill("复查：出票口无故障")
    form.get_by_role("button", name=re.compile("提交更正")).click()
    second = records(hall, "t44")[1]
    expect(desk.get_by_role("status")).to_contain_text(f"已更正：新版本 #{second.id}，原记录 #{first.id} 保留")
    expect(desk.locator(f"[data-record='{second.id}']")).to_have_attribute("data-current", "yes")
    expect(desk.locator(f"[data-record='{first.id}']")).to_have_attribute("data-current", "no")
    expect(desk.locator(f"[data-record='{first.id}']")).to_contain_text(f"已被 #{second.id} 更正")
    expect(desk.locator(f"[data-record='{first.id}'] [data-item=mechanical]")).to_contain_text("有故障")
    expect(desk.locator(f"[data-record='{second.id}'] [data-item=mechanical]")).to_contain_text("无故障")
    assert second.corrects_id == first.id and open_incidents(hall, "t44") == []
    shot(desk, screenshots, "inspections-record-desk", full_page=True)

    # Export: the CSV link of the history page downloads both versions.
    desk.goto(hall.url(f"/inspections/history?since={DAY}&until={DAY}&terminal=t44"))
    expect(desk.locator("#history tbody tr:not(.missed)")).to_have_count(2)
    shot(desk, screenshots, "inspections-history-desk")
    with desk.expect_download() as dl:
        desk.get_by_role("link", name="导出 CSV").click()
    assert dl.value.suggested_filename == "inspections-h1-20260302-20260302.csv"
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeff日期,时段,终端")
    rows = [r for r in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) if r[2] == "t44" and r[4]]
    assert [(r[4], r[5], r[6], r[13]) for r in rows] == [
        (str(first.id), f"已被 #{second.id} 更正", "王敏（wangmin）", "有故障：出票口卡住"),
        (str(second.id), "有效", "王敏（wangmin）", "无故障：是票据没撕下，出票口正常")]

    desk.goto(hall.url(f"/inspections/report?since={DAY}&until={DAY}"))
    expect(desk.locator("h1")).to_contain_text("24小时自助服务区设备巡检记录")
    assert "size: A4" in desk.content()
    shot(desk, screenshots, "inspections-report-desk", full_page=True)
    login(phone, hall, "viewer", f"/inspections/records/{second.id}")
    expect(phone.locator("#correct")).to_have_count(0)  # a viewer reads, does not correct
    shot(phone, screenshots, "inspections-record-phone")


def test_readiness_is_confirmed_by_the_administrator_only(hall: WebHall, desk: Page, phone: Page) -> None:
    login(phone, hall, "maintenance", "/inspections")
    expect(card(phone, "t41").locator("[data-ready=no]")).to_be_visible()
    expect(card(phone, "t41").get_by_role("button", name="确认设备能够投入正常运行")).to_have_count(0)
    login(desk, hall, "admin", "/inspections")
    c = card(desk, "t41")
    c.get_by_role("button", name="确认设备能够投入正常运行").click()
    expect(c.get_by_role("status")).to_contain_text("已确认今日可投入正常运行")
    expect(c.locator("[data-ready=yes]")).to_contain_text("王敏")
    assert "t41" in inspections.readiness_today(hall.service)


def test_the_log_refuses_the_wrong_role_and_anonymous_requests(hall: WebHall) -> None:
    with hall.api("viewer") as api:
        assert api.get("/api/inspections", params={"since": DAY, "until": DAY}).status_code == 200
        got = api.get("/inspections/export.csv", params={"since": DAY, "until": DAY})
        assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
        assert api.post("/inspections/t41/sign", data={"item_power": "ok"}).status_code == 403
        assert api.post("/inspections/t41/readiness").status_code == 403
        assert api.get("/inspections/export.csv", params={"since": "2026-03-05", "until": DAY}).status_code == 422
        far = api.get("/api/inspections", params={"since": "0001-01-01", "until": "0001-01-02"})
        assert far.status_code == 422 and "1970-01-01" in far.text  # not an OverflowError at the day's bounds
    with hall.api("maintenance") as api:
        assert api.post("/inspections/t41/readiness").status_code == 403
    anonymous = httpx.get(hall.url("/api/inspections"), timeout=10)
    assert anonymous.status_code == 401


def test_a_terminals_page_shows_its_inspections(hall: WebHall, desk: Page) -> None:
    tid = "t42"
    log = inspections.of(hall.service)
    if not records(hall, tid):  # run alone: a round of its own, signed as the maintenance account would
        items = {i.key: inspections.ItemInput("ok") for i in inspections.ITEMS}
        log.sign(tid, items, inspector="liqiang")
    current = [r for r in log.records(log.today(), log.today(), tid) if r.current]
    login(desk, hall, "viewer", f"/terminals/{tid}")
    section = desk.locator("#terminal-inspections")
    expect(section).to_contain_text("今日未确认可投入运行")
    expect(section.locator("tbody tr")).to_have_count(len(current))
    newest = section.locator("tbody tr").first
    expect(newest.get_by_role("link")).to_have_attribute("href", f"/inspections/records/{current[-1].id}")
    expect(newest).to_contain_text("李强")
