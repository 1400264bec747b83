"""Ratings and bad-review rectification in a real browser, on the run's hall (a real broker, real clock).

A stand-in terminal (``hall_server.simulate.ContractTerminal``) publishes the wire contract's rating
message over the broker exactly as an agent forwards the kiosk's: the hall stores it, a bad one opens
its case, and the pages follow live. Terminals t61–t69 are this module's.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from hall_server.db import Incident, Rating, Rectification, RectificationStep
from hall_server.simulate import healthy_status
from tests.support import wait_until
from tests.web.harness import WebHall, login, shot
from wire.status import PaperLevel

CST = timezone(timedelta(hours=8))


def case_of(hall: WebHall, rating_id: str) -> int:
    """The case the hall opened for the rating (waits for the broker and the hall)."""
    def found() -> int | None:
        with hall.service.sessions() as s:
            return s.scalar(select(Rectification.id).where(Rectification.rating_id == rating_id))

    cid = wait_until(found, what=f"the case of rating {rating_id}")
    assert isinstance(cid, int)
    return cid


def submit(page: Page, words: str) -> None:
    page.locator("#step-form button[type=submit]").click()
    expect(page.locator("#case-actions [role=status]")).to_contain_text(words)


def test_a_bad_rating_from_a_terminal_is_carried_to_closed_on_a_phone_by_the_centre(
        web_hall: WebHall, phone: Page, screenshots: Path) -> None:
    t = web_hall.terminal("t61")
    t.status(healthy_status(PaperLevel.OUT)).wait_for_publish(10)  # the printer runs out: the hour's incident

    def paper_out() -> bool:
        with web_hall.service.sessions() as s:
            return s.scalar(select(Incident.id).where(Incident.scope == "t61", Incident.state != "resolved",
                                                      Incident.fault_code == "printer.receipt.paper_out")) is not None

    wait_until(paper_out, what="t61's paper-out incident")
    rating, sent = t.rate(1, tags=["等待太久", "操作便利"], case_no="2026-0042")  # 非常不满意, over the broker
    sent.wait_for_publish(10)
    cid = case_of(web_hall, rating.id)

    login(phone, web_hall, "centre", "/ratings/cases")
    row = phone.locator(f"tr[data-case='{cid}']")
    expect(row).to_have_attribute("data-state", "待核实")
    expect(row).to_contain_text("非常不满意")
    expect(row).to_contain_text("社保卡补换")
    expect(row).to_contain_text("核实")  # the next step
    row.get_by_role("link", name=f"#{cid}").click()
    phone.wait_for_url(re.compile(f"/ratings/cases/{cid}$"))
    expect(phone.locator("#case-state")).to_contain_text("待核实")
    expect(phone.locator("main")).to_contain_text("等待太久、操作便利")
    expect(phone.locator("main")).to_contain_text("2026-0042")
    shot(phone, screenshots, "ratings-case-open-phone", full_page=True)

    # 核实: without the finding it is refused in words, and nothing is stored
    form = phone.locator("#step-form")
    expect(form).to_have_attribute("data-step", "verify")
    phone.fill("#step-note", "调阅窗口录像并询问经办人：当时打印机缺纸，群众等候 20 分钟")
    form.locator("button[type=submit]").click()
    expect(phone.locator("#case-actions [role=alert]").first).to_contain_text("请选择核实结论")
    expect(phone.locator("#step-note")).to_have_value(re.compile("打印机缺纸"))  # what was typed survives
    with web_hall.service.sessions() as s:
        assert s.scalars(select(RectificationStep).where(RectificationStep.case_id == cid)).all() == []
    phone.get_by_text("差评属实，需整改").click()
    submit(phone, "已核实（赵丽）")
    expect(phone.locator("#case-state")).to_contain_text("已核实")

    # 整改, 反馈 (how and to whom), 办结: each form is the next one, the facts and history follow
    expect(phone.locator("#step-form")).to_have_attribute("data-step", "rectify")
    phone.fill("#step-note", "为 t61 增设缺纸预警，巡检时补足备用纸卷；对值班人员提醒谈话")
    submit(phone, "整改已记录")
    expect(phone.locator("#step-form")).to_have_attribute("data-step", "feedback")
    phone.select_option("#step-channel", "电话回访")
    phone.fill("#step-recipient", "办件申请人（办件编号 2026-0042）")
    phone.fill("#step-note", "已电话说明原因和整改措施，群众表示认可")
    shot(phone, screenshots, "ratings-case-feedback-phone", full_page=True)
    submit(phone, "反馈已记录")
    expect(phone.locator("#step-form")).to_have_attribute("data-step", "close")
    phone.fill("#step-note", "整改完成并已反馈，同意办结")
    submit(phone, "案件已办结")
    expect(phone.locator("#case-state")).to_contain_text("已办结")
    expect(phone.locator("#case-actions")).to_contain_text("案件已办结")
    expect(phone.locator("#step-form")).to_have_count(0)
    history = phone.locator("#case-history li[data-step]")
    expect(history).to_have_count(4)
    for i, (label, words) in enumerate((("核实", "结论：差评属实"), ("整改", "缺纸预警"),
                                        ("反馈", "反馈方式：电话回访 · 反馈对象：办件申请人"), ("办结", "同意办结"))):
        expect(history.nth(i)).to_contain_text(label)
        expect(history.nth(i)).to_contain_text("赵丽")
        expect(history.nth(i)).to_contain_text(words)
    expect(phone.locator(".stepper li.done")).to_have_count(5)
    with web_hall.service.sessions() as s:
        rows = s.scalars(select(RectificationStep).where(RectificationStep.case_id == cid)
                         .order_by(RectificationStep.id)).all()
        assert [(r.step, r.actor) for r in rows] == [("verify", "zhaoli"), ("rectify", "zhaoli"),
                                                     ("feedback", "zhaoli"), ("close", "zhaoli")]
    shot(phone, screenshots, "ratings-case-closed-phone", full_page=True)

    # the terminal's day, hour by hour: the bad rating beside the printer's incident of the same hour
    phone.get_by_role("link", name="当天逐小时评价与故障").click()
    hour = phone.locator(f"tr[data-hour='{rating.rated_at.astimezone(CST):%H}']")
    expect(hour).to_have_class(re.compile(r"\bhas-incident\b"))
    expect(hour).to_have_class(re.compile(r"\bhas-bad\b"))
    expect(hour).to_contain_text("非常不满意")
    expect(hour).to_contain_text("打印纸用完")
    expect(hour).to_contain_text(f"整改案件 #{cid}")
    hour.scroll_into_view_if_needed()
    shot(phone, screenshots, "ratings-terminal-hours-phone")
    t.status(healthy_status()).wait_for_publish(10)  # paper back, for whoever comes next


def test_the_ratings_page_on_a_desk_and_a_bad_review_arriving_live_on_the_cases_list(
        web_hall: WebHall, desk: Page, screenshots: Path) -> None:
    t = web_hall.terminal("t62")
    now = datetime.now(CST)
    for i, (level, item, name, tags) in enumerate((
            (5, "150100-001", "社保卡补换", ["办事快"]), (4, "150100-001", "社保卡补换", []),
            (5, "150200-003", "公积金提取", ["态度好"]), (2, "150200-003", "公积金提取", ["等待太久"]),
            (3, "150300-001", "营业执照打印", ["办事指南准确"]), (5, "150300-001", "营业执照打印", []))):
        when = now - timedelta(days=3 - i // 2, hours=i)
        t.rate(level, item_code=item, item_name=name, tags=tags, rated_at=when)[1].wait_for_publish(10)
    wait_until(lambda: len(_ratings(web_hall, "t62")) == 6, what="t62's six ratings stored")

    login(desk, web_hall, "viewer", "/ratings?terminal=t62")
    expect(desk.locator("#rt-summary")).to_contain_text("评价 6 次")
    expect(desk.locator("#rt-summary")).to_contain_text("差评 1 次（16.7%）")
    expect(desk.locator("#rt-levels tr[data-level='5'] td.num").first).to_have_text("3")
    expect(desk.locator("#rt-items tr[data-item='150200-003']")).to_contain_text("50.0%")
    expect(desk.locator("#rt-tags")).to_contain_text("等待太久")
    expect(desk.locator("nav a[aria-current=page]")).to_have_text("好差评")
    shot(desk, screenshots, "ratings-desk", full_page=True)

    # the viewer looks, but takes no step
    desk.goto(web_hall.url("/ratings/cases?terminal=t62"))
    [cid] = [c for c in _cases(web_hall, "t62")]
    desk.locator(f"tr[data-case='{cid}'] a").first.click()
    expect(desk.locator("#case-actions")).to_contain_text("您的角色只能查看")
    expect(desk.locator("#step-form")).to_have_count(0)

    # a bad review arrives while the list is open: its row appears without a reload
    desk.goto(web_hall.url("/ratings/cases?terminal=t62"))
    desk.evaluate("window.zzMarker = 'no reload'")
    rating, sent = t.rate(1, item_code="150300-001", item_name="营业执照打印", tags=["操作不便"])
    sent.wait_for_publish(10)
    new = case_of(web_hall, rating.id)
    expect(desk.locator(f"tr[data-case='{new}']")).to_contain_text("营业执照打印", timeout=15_000)
    assert desk.evaluate("window.zzMarker") == "no reload"
    assert desk.evaluate("performance.getEntriesByType('navigation').length") == 1
    shot(desk, screenshots, "ratings-cases-desk")


def test_a_case_past_its_deadline_is_alerted_to_the_centre_once_and_flagged_live_on_the_hall(
        web_hall: WebHall, desk: Page, screenshots: Path) -> None:
    t = web_hall.terminal("t63")
    login(desk, web_hall, "centre", "/")
    desk.evaluate("window.zzMarker = 'no reload'")
    # a rating that reached the hall late (the terminal was cut off for a week): due within seconds
    rated = datetime.now(CST) - timedelta(days=7) + timedelta(seconds=6)
    rating, sent = t.rate(2, item_code="150200-003", item_name="公积金提取", tags=["等待太久"], rated_at=rated)
    sent.wait_for_publish(10)
    cid = case_of(web_hall, rating.id)
    overdue = desk.locator(f"#hall-incidents li.overdue-case[data-case='{cid}']")
    expect(overdue).to_contain_text("逾期", timeout=30_000)
    expect(overdue).to_contain_text("t63 公积金提取")
    assert desk.evaluate("window.zzMarker") == "no reload"
    shot(desk, screenshots, "ratings-overdue-hall-desk")

    def alerts() -> list[str]:
        return [str(body) for _t, path, body in web_hall.webhook.received
                if path.endswith("centre") and f"整改案件 #{cid} " in str(body)]

    wait_until(alerts, what="the overdue alert to the centre")
    assert "[差评整改逾期]" in alerts()[0] and "已逾期" in alerts()[0]
    overdue.get_by_role("link").click()
    expect(desk.locator("#case-state .late-flag")).to_have_text("逾期")
    expect(desk.locator("#case-history li[data-step=overdue]")).to_contain_text("已告警中心")
    desk.goto(web_hall.url("/ratings/cases?overdue=1"))
    expect(desk.locator(f"tr[data-case='{cid}']")).to_have_attribute("data-overdue", "1")
    shot(desk, screenshots, "ratings-overdue-cases-desk")
    wait_until(lambda: web_hall.service.core.clock.now() > rated + timedelta(days=7, seconds=3), what="ticks pass")
    assert len(alerts()) == 1  # once


def _ratings(hall: WebHall, tid: str) -> list[str]:
    with hall.service.sessions() as s:
        return list(s.scalars(select(Rating.id).where(Rating.terminal_id == tid)))


def _cases(hall: WebHall, tid: str) -> list[int]:
    with hall.service.sessions() as s:
        return list(s.scalars(select(Rectification.id).where(Rectification.terminal_id == tid)))
