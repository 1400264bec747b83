"""The reports (报表) in a real browser against a real hall server, on the known hall history.

The hall (its own broker and fake clock) is given the three days of tests/hall/report_history.py
through its core; the clock then stands on Thursday 2026-03-05 09:00, this hall's weekly summary
time. Each report is opened for Monday–Wednesday, its figures read off the page, a CSV downloaded,
and the print layout checked as a PDF; screenshots on a desk, a phone and in print.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ground.clock import FakeClock
from hall_server.config import FeedbackConfig, ReportsConfig
from hall_server.simulate import WebhookReceiver
from tests.hall.harness import HALL
from tests.hall.report_history import START, History
from tests.web.harness import WebHall, login, shot, start_hall
from zizhu.broker import MosquittoBroker

PERIOD = "since=2026-03-02&until=2026-03-04"


@pytest.fixture(scope="module")
def webhook() -> Iterator[WebhookReceiver]:
    w = WebhookReceiver().start()
    yield w
    w.stop()


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory, webhook: WebhookReceiver) -> Iterator[WebHall]:
    clock = FakeClock(START)
    with MosquittoBroker(hall=HALL) as broker:
        h = start_hall(tmp_path_factory.mktemp("reports-hall"), broker, webhook, clock=clock,
                       feedback=FeedbackConfig(rectification_days=1), reports=ReportsConfig(weekly_summary="thu 09:00"))
        try:
            History(h.service.core, clock, h.service.inspections).build()
            yield h
        finally:
            h.close()


def errors_of(page: Page) -> list[str]:
    """Console errors (a refused script or style says so there) and uncaught exceptions of ``page``."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def cells(page: Page, table: str, row: int) -> list[str]:
    return [c.strip() for c in page.locator(f"#table-{table} tbody tr").nth(row).locator("td").all_inner_texts()]


def test_the_weekly_summary_reached_the_centre(hall: WebHall, webhook: WebhookReceiver) -> None:
    """Through the centre's channel; alerts for one role close together leave as one message (alerts.py)."""
    title = "【周报】测试大厅 02-26 至 03-04"

    def summary(received: list[tuple[float, str, dict[str, object]]]) -> bool:
        return any(path.endswith("/centre") and title in f"{body.get('title')}\n{body.get('message')}"
                   for _t, path, body in received)

    assert webhook.wait(summary), [b.get("title") for _t, _p, b in webhook.received]
    [text] = [f"{b.get('title')}\n{b.get('message')}" for _t, _p, b in webhook.received
              if title in f"{b.get('title')}\n{b.get('message')}"]
    assert "好差评：5 条，差评 2 条（40.0%）；整改按时 1/2" in text


def test_each_report_on_a_desk_with_its_figures_charts_and_csv(hall: WebHall, desk: Page, screenshots: Path,
                                                               tmp_path: Path) -> None:
    errors = errors_of(desk)
    login(desk, hall, "centre", "/reports")
    desk.goto(hall.url(f"/reports?{PERIOD}"))
    expect(desk.locator("h1")).to_have_text("报表总览")
    expect(desk.locator("#rep-period")).to_have_text("2026-03-02 至 2026-03-04")
    expect(desk.locator(".rep-summary")).to_contain_text("巡检：应检 18 次，按时 5，补检 1，漏检 12；投入运行确认 2/9")
    shot(desk, screenshots, "reports-overview-desk", full_page=True)

    desk.get_by_role("link", name="终端可用率").first.click()
    expect(desk.locator("h1")).to_have_text("终端可用率")
    assert cells(desk, "terminals", 1) == ["t02", "2号自助终端", "72.00", "2.00", "2.00", "1", "97.14%"]
    assert cells(desk, "terminals", 2)[-1] == "98.61%"
    assert cells(desk, "outages", 0)[2:4] == ["2026-03-03 08:00", "2026-03-03 10:00"]
    expect(desk.locator("#chart-availability[data-drawn=true] svg")).to_have_count(1)
    with desk.expect_download() as dl:
        desk.locator("#table-outages a.csv").click()
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    assert saved.name == "report-availability-outages-2026-03-02-2026-03-04.csv"
    raw = saved.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "终端" and [r[0] for r in rows[1:]] == ["t02", "t03"] and rows[2][-1] == "1.00"
    shot(desk, screenshots, "reports-availability-desk", full_page=True)

    desk.goto(hall.url(f"/reports/incidents?{PERIOD}"))
    assert cells(desk, "tiers", 0)[:8] == ["一般故障", "30", "3", "3", "2", "1", "0", "66.7%"]
    assert cells(desk, "tiers", 1)[7:10] == ["66.7%", "60.0", "120.0"]
    assert cells(desk, "worst", 0)[2:4] == ["打印机切刀故障", "printer.cutter_error"]
    expect(desk.locator(".rep-chart .chart[data-drawn=true]")).to_have_count(2)
    shot(desk, screenshots, "reports-incidents-desk", full_page=True)

    desk.goto(hall.url(f"/reports/inspections?{PERIOD}"))
    assert cells(desk, "slots", 0) == ["2026-03-02", "上午", "3", "2", "1", "0", "0"]
    assert cells(desk, "inspectors", 0) == ["li", "4", "0", "1", "1"]
    assert cells(desk, "readiness", 0)[:3] == ["2026-03-02", "3", "2"]
    shot(desk, screenshots, "reports-inspections-desk", full_page=True)

    desk.goto(hall.url(f"/reports/paper?{PERIOD}"))
    assert cells(desk, "rolls", 0)[5:8] == ["2026-03-06 10:40", "1.1", "0.50"]
    assert cells(desk, "rolls", 1)[6] == "0.1"
    expect(desk.locator(".rep-card.bad").first).to_contain_text("一天内用完")
    shot(desk, screenshots, "reports-paper-desk", full_page=True)

    desk.goto(hall.url(f"/reports/feedback?{PERIOD}"))
    assert cells(desk, "items", 0) == ["社保查询", "4", "1", "25.0%"]
    expect(desk.locator(".rep-cards")).to_contain_text("差评率")
    expect(desk.locator(".rep-cards")).to_contain_text("40.0%")
    expect(desk.locator(".rep-chart .chart[data-drawn=true]")).to_have_count(2)
    shot(desk, screenshots, "reports-feedback-desk", full_page=True)

    assert errors == [], errors  # nothing refused by the page's Content-Security-Policy, no script error

    # a period the other way round: said in words, on the page (answered 422)
    desk.goto(hall.url("/reports/paper?since=2026-03-04&until=2026-03-02"))
    expect(desk.get_by_role("alert")).to_contain_text("结束日期 2026-03-02 早于开始日期 2026-03-04")


def test_reports_fit_a_phone(hall: WebHall, phone: Page, screenshots: Path) -> None:
    errors = errors_of(phone)
    login(phone, hall, "viewer", "/reports")
    for path in ("/reports", "/reports/availability", "/reports/incidents", "/reports/inspections", "/reports/paper",
                 "/reports/feedback"):
        phone.goto(hall.url(f"{path}?{PERIOD}"))
        expect(phone.locator("h1")).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    phone.goto(hall.url(f"/reports/incidents?{PERIOD}"))
    expect(phone.locator(".rep-chart .chart[data-drawn=true] svg")).to_have_count(2)
    shot(phone, screenshots, "reports-incidents-phone")
    phone.locator("#table-worst").scroll_into_view_if_needed()
    shot(phone, screenshots, "reports-incidents-phone-table")
    assert errors == [], errors


def test_a_report_prints_on_a4_without_the_nav_and_with_its_charts(hall: WebHall, desk: Page,
                                                                    screenshots: Path, tmp_path: Path) -> None:
    login(desk, hall, "admin", "/reports")
    desk.goto(hall.url(f"/reports/incidents?{PERIOD}"))
    expect(desk.locator(".rep-chart .chart[data-drawn=true]")).to_have_count(2)
    desk.emulate_media(media="print")
    expect(desk.locator("header.top")).to_be_hidden()
    expect(desk.locator(".rep-form")).to_be_hidden()
    expect(desk.locator("#table-tiers a.csv")).to_be_hidden()
    # A4 less its margins is 190 mm wide: about 718 CSS pixels. Lay the page out at that width, as printing does.
    desk.set_viewport_size({"width": 718, "height": 1000})
    for box in desk.locator(".rep-chart svg").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)"):
        assert 0 < box <= 718
    pdf = desk.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    out = screenshots / "reports-incidents-print.pdf"
    out.write_bytes(pdf)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert 1 <= len(pages) <= 4, len(pages)
    shot(desk, screenshots, "reports-incidents-print", full_page=True)
    desk.emulate_media(media="screen")
