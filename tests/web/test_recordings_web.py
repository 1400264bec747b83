"""CCTV recordings access in a real browser (监控录像查阅): a range beyond the retention refused with the
reason; a request by one centre user, approved by a second (never by the first), viewed by the
requester; the register on its page, as CSV and printable. On the shared hall, with the real clock."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from hall_server import accounts
from hall_server.registry import RegistryEntry
from tests.web.harness import WebHall, login, shot

SHANGHAI = ZoneInfo("Asia/Shanghai")
SECOND_CENTRE = ("sunwei", "孙伟", "centre-pass-2")  # the approver: another centre account


def _local(dt: datetime) -> str:
    return dt.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def _requests(hall: WebHall) -> list[dict[str, Any]]:
    with hall.api("viewer") as api:
        found: list[dict[str, Any]] = api.get("/api/recordings").json()
    return found


def _login_second_centre(page: Page, hall: WebHall, then: str) -> None:
    username, display, password = SECOND_CENTRE
    if accounts.get_user(hall.service.sessions, username) is None:
        accounts.create_user(hall.service.sessions, username, "centre", password, display)
    page.goto(hall.url("/login?next=" + then))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(lambda u: "/login" not in u)


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url}: {width}px wide"  # type: ignore[index]


def test_request_approve_view_and_the_register(web_hall: WebHall, desk: Page, phone: Page, screenshots: Path) -> None:
    web_hall.service.core.import_registry([RegistryEntry(id="t61", name="61号综合自助终端",
                                                         location="一楼24小时自助区")])
    before = len(_requests(web_hall))
    now = datetime.now(SHANGHAI)

    # The approver's list is open on a desk; it hears of the new request without a reload.
    _login_second_centre(desk, web_hall, "/recordings")
    expect(desk.locator(".tabs a[aria-current=page]")).to_contain_text("待我审批")
    desk.evaluate("window.zzMarker = 'no reload'")

    # A range older than the retention: refused with the reason, what was typed kept, nothing stored.
    login(phone, web_hall, "centre", "/recordings/new")
    form = phone.locator("#recording-form")
    form.locator("select[name=target]").select_option("terminal:t61")
    form.locator("input[name=starts_at]").fill(_local(now - timedelta(days=100)))
    form.locator("input[name=ends_at]").fill(_local(now - timedelta(days=100) + timedelta(minutes=30)))
    form.locator("textarea[name=reason]").fill("群众反映在 t61 缴费后未出凭条，核实当时的操作过程")
    form.locator("input[name=incident]").fill("")
    form.locator("button[type=submit]").click()
    error = phone.locator("#recording-form .error")
    expect(error).to_have_count(1)
    expect(error).to_contain_text("录像仅保留 92 天，所选时段已超出保存期限")
    expect(phone.locator("textarea[name=reason]")).to_have_value("群众反映在 t61 缴费后未出凭条，核实当时的操作过程")
    expect(phone.locator("select[name=target]")).to_have_value("terminal:t61")
    assert len(_requests(web_hall)) == before
    _no_sideways_scroll(phone)
    shot(phone, screenshots, "recordings-refused-phone", full_page=True)

    # Within the retention: the request is made and waits for another centre user.
    phone.locator("input[name=starts_at]").fill(_local(now - timedelta(hours=2)))
    phone.locator("input[name=ends_at]").fill(_local(now - timedelta(hours=1, minutes=30)))
    phone.locator("#recording-form button[type=submit]").click()
    expect(phone.get_by_role("status")).to_have_text("已提交查阅申请，等待中心审批")
    [made] = [r for r in _requests(web_hall) if r["terminal_id"] == "t61"]
    assert (made["requested_by"], made["status"]) == ("zhaoli", "requested")
    rid = made["id"]
    expect(phone.locator("h1 .rstate")).to_have_text("待审批")
    expect(phone.locator("#decide-form")).to_have_count(0)  # one's own request: no decision form
    expect(phone.locator("#recording-actions")).to_contain_text("这是您本人的申请，须由另一位中心审批人审批")
    csrf = phone.evaluate("document.querySelector('input[name=csrf_token]').value")
    r = phone.request.post(web_hall.url(f"/recordings/{rid}/approve"), form={"note": "自己批"},
                           headers={"X-CSRF-Token": csrf})
    assert r.status == 403 and "不能审批自己的申请" in r.text()
    _no_sideways_scroll(phone)
    shot(phone, screenshots, "recordings-request-phone", full_page=True)

    # The centre hears of it through its alert channel.
    assert web_hall.webhook.wait(lambda got: any(path.endswith("centre") and f"【录像查阅】待审批 #{rid}" in str(body)
                                                 for _t, path, body in got)), "no alert to the centre"

    # The second centre user approves, from the list that showed the request live.
    row = desk.locator(f"tr[data-request='{rid}']")
    expect(row).to_contain_text("待审批", timeout=15_000)
    assert desk.evaluate("window.zzMarker") == "no reload"
    shot(desk, screenshots, "recordings-list-desk")
    row.locator("a", has_text=f"#{rid}").click()
    desk.locator("#decide-form textarea[name=note]").fill("同意，限核实该笔缴费业务")
    shot(desk, screenshots, "recordings-decide-desk")
    desk.locator("#decide-form button", has_text="批准查阅").click()
    expect(desk.get_by_role("status")).to_have_text("已批准：申请人可在授权有效期内查看录像")
    expect(desk.locator("h1 .rstate")).to_have_text("已批准，可查看")
    expect(desk.locator("#view-form")).to_have_count(0)  # the grant is the requester's
    expect(desk.locator("#recording-actions")).to_contain_text("查阅授权属于申请人 赵丽（zhaoli）")

    # The requester views: registered, then told what to give the recorder's operator.
    phone.reload()
    expect(phone.locator("h1 .rstate")).to_have_text("已批准，可查看")
    phone.locator("#view-form button", has_text="查看录像").click()
    expect(phone.get_by_role("status")).to_contain_text("已登记本次查看")
    details = phone.locator("#viewer-details")
    expect(details).to_contain_text("终端 t61（61号综合自助终端）")
    expect(details).to_contain_text(f"{(now - timedelta(hours=2)):%Y-%m-%d %H:%M} 至 "
                                    f"{(now - timedelta(hours=1, minutes=30)):%Y-%m-%d %H:%M}")
    expect(details).to_contain_text("孙伟（sunwei）")
    expect(phone.locator("#request-log li")).to_have_count(3)
    _no_sideways_scroll(phone)
    phone.locator("#viewing").scroll_into_view_if_needed()
    shot(phone, screenshots, "recordings-view-phone", full_page=True)

    # The register: every step a row; its CSV opens in a spreadsheet; a printable page.
    desk.goto(web_hall.url("/recordings/register"))
    mine = desk.locator("#register tbody tr", has=desk.locator(f"a[href='/recordings/{rid}']"))
    expect(mine).to_have_count(3)
    assert [mine.nth(i).locator("td").nth(2).inner_text() for i in range(3)] == ["申请", "批准", "查看"]
    expect(mine.nth(1)).to_contain_text("孙伟（sunwei）")
    shot(desk, screenshots, "recordings-register-desk", full_page=True)
    with desk.expect_download() as dl:
        desk.locator("#register-csv").click()
    assert re.fullmatch(r"recordings-register-h1-\d{8}-\d{8}\.csv", dl.value.suggested_filename)
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark: Excel reads the Chinese right
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["登记号", "登记时间", "事项", "申请单号", "操作人", "查阅对象", "录像开始", "录像结束", "说明"]
    ours = [r for r in rows[1:] if r[3] == f"#{rid}"]
    assert [(r[2], r[4]) for r in ours] == [("申请", "赵丽（zhaoli）"), ("批准", "孙伟（sunwei）"),
                                            ("查看", "赵丽（zhaoli）")]
    assert "群众反映在 t61 缴费后未出凭条" in ours[0][8] and "同意，限核实该笔缴费业务" in ours[1][8]
    desk.locator("#register-print").click()
    expect(desk.locator("h1")).to_contain_text("监控录像查阅登记簿")
    expect(desk.locator("table tbody tr", has_text=f"#{rid}")).to_have_count(3)
    shot(desk, screenshots, "recordings-register-print")

    phone.goto(web_hall.url("/recordings/register"))
    expect(phone.locator("#register tbody tr", has=phone.locator(f"a[href='/recordings/{rid}']"))).to_have_count(3)
    _no_sideways_scroll(phone)
    shot(phone, screenshots, "recordings-register-phone", full_page=True)
