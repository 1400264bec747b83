"""The dashboard and the public status page as a browser shows them: Debian's Chromium, headless.

A real hall (Mosquitto, SQLite, HTTP on a free port) with terminals in trouble: one out of paper
(一般故障), one killed (通讯/机械故障), then two more killed, so most of the hall is down (系统故障 and
its public notice). Chromium loads ``/`` and ``/status``; the test reads the DOM Chromium built and
the screenshots it took. The screenshots stay in pytest's tmp_path and are copied to
``$ZIZHU_SCREENSHOT_DIR`` when that is set (``docs/dashboard.png`` and ``docs/status-page.png`` were
made that way), so a person can open them and look.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from PIL import Image

from hall_server.service import HallService
from hall_server.simulate import ContractTerminal, healthy_status
from tests.hall.harness import HALL, open_incidents
from tests.support import wait_until
from wire.status import PaperLevel
from zizhu.broker import MosquittoBroker

PHONE = "13812345678"
MASKED_PHONE = "138****5678"
WINDOW = (1400, 1000)
# The dashboard reloads itself every 5 s (<meta http-equiv=refresh>). Once Chromium's virtual time
# reaches that reload it writes no screenshot or never exits (seen with budgets of 5000 and 6000 ms),
# so the budget stays below it; the pages load nothing after their HTML.
VIRTUAL_TIME_BUDGET_MS = 3000
CHROMIUM_TIMEOUT_S = 60


def chromium_command(url: str, png: Path, profile: Path) -> list[str]:
    exe = shutil.which("chromium")
    if exe is None:
        pytest.fail("Debian's chromium is not installed (no `chromium` on PATH): bash scripts/bootstrap.sh "
                    "installs it (Debian package chromium, /usr/bin/chromium)")
    return [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-proxy-server",
            f"--user-data-dir={profile}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}", f"--screenshot={png}", "--dump-dom", url]


def render(url: str, png: Path) -> str:
    """Chromium loads ``url``, saves a screenshot to ``png`` and returns the DOM it built."""
    profile = png.with_suffix(".profile")  # a profile of its own: no lock shared with another Chromium
    cmd = chromium_command(url, png, profile)
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=CHROMIUM_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish {url} within {CHROMIUM_TIMEOUT_S} s: {' '.join(cmd)}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    err = proc.stderr.decode(errors="replace")[-2000:]
    assert proc.returncode == 0, f"chromium exited {proc.returncode} on {url}:\n{err}"
    assert png.is_file(), f"chromium wrote no screenshot of {url}:\n{err}"
    return proc.stdout.decode()


def keep(png: Path) -> None:
    """A copy where a person will look at it, when ZIZHU_SCREENSHOT_DIR says where."""
    where = os.environ.get("ZIZHU_SCREENSHOT_DIR")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(where) / png.name)


class Page(HTMLParser):
    """What a reader sees of a DOM: its text, the dashboard's terminal cards and its table rows."""

    def __init__(self, dom: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.cards: list[tuple[list[str], str]] = []  # (classes, text)
        self.dom = dom
        self.rows: list[list[str]] = []
        self.row_classes: list[list[str]] = []
        self._card: list[str] | None = None
        self._cell: list[str] | None = None
        self._hidden = 0
        self.feed(dom)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("style", "script", "title"):
            self._hidden += 1
        elif tag == "div" and "card" in classes:
            self._card = []
            self.cards.append((classes, ""))
        elif tag == "tr":
            self.rows.append([])
            self.row_classes.append(classes)
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._hidden -= 1
        elif tag == "div" and self._card is not None:
            self.cards[-1] = (self.cards[-1][0], " ".join("".join(self._card).split()))
            self._card = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._data(data)

    def _data(self, data: str) -> None:
        self.text.append(data)
        for part in (self._card, self._cell):
            if part is not None:
                part.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())

    def card(self, terminal: str) -> tuple[list[str], str]:
        found = [c for c in self.cards if c[1].split(" ", 1)[0] == terminal]
        assert len(found) == 1, f"one card for {terminal}, found {found} among {self.cards}"
        return found[0]


def pixels_near(png: Path, rgb: tuple[int, int, int], tolerance: int = 6) -> int:
    with Image.open(png) as im:
        return sum(n for n, px in im.convert("RGB").getcolors(WINDOW[0] * WINDOW[1]) or []
                   if all(abs(a - b) <= tolerance for a, b in zip(px, rgb, strict=True)))


def test_dashboard_and_status_page_in_chromium(broker: MosquittoBroker, service: HallService,
                                              tmp_path: Path) -> None:
    chromium_command("about:blank", tmp_path / "x.png", tmp_path)  # fails at once, and clearly, without chromium
    base = service.base_url
    # t01 is in the 设备备案登记表 (registered as an administrator does, through the API); t02..t05 are not
    r = httpx.put(f"{base}/api/terminals/t01", json={
        "name": "1号综合自助终端", "location": "一楼东侧", "zone": "24小时自助区", "responsible": "张伟",
        "phone": PHONE, "devices": ["printer"]})
    assert r.status_code == 200, r.text
    terms = [ContractTerminal(HALL, f"t{i:02d}", "127.0.0.1", broker.port) for i in range(1, 6)]
    try:
        for t in terms:
            t.start()
            t.status(healthy_status())
        wait_until(lambda: sum(bool(m.online) for m in service.core.terminals.values()) == 5, what="5 online")

        terms[0].status(healthy_status(PaperLevel.OUT))  # 打印纸用完: 一般故障
        terms[1].kill()  # 终端离线: 通讯/机械故障
        wait_until(lambda: sorted(i.fault_code for i in open_incidents(service))
                   == ["printer.receipt.paper_out", "terminal.offline"], what="paper out and t02 offline")
        for t in terms[2:4]:  # 3 of 5 down: 大厅多数终端离线, 系统故障, and the public notice
            t.kill()
        wait_until(lambda: any(i.fault_code == "hall.terminals_down" for i in open_incidents(service)),
                   what="system incident")
        wait_until(lambda: len([i for i in open_incidents(service) if i.fault_code == "terminal.offline"]) == 3,
                   what="3 offline")
        wait_until(service.core.notices_in_force, what="notice in force")
        system = next(i for i in open_incidents(service) if i.tier == "system")

        dash_png, status_png = tmp_path / "dashboard.png", tmp_path / "status-page.png"
        dash = Page(render(f"{base}/", dash_png))
        status = Page(render(f"{base}/status", status_png))
    finally:
        for t in terms:
            t.stop()
    keep(dash_png)
    keep(status_png)

    # -- the dashboard: one row per open incident, its title, where, and its tier as the table names it
    header, *rows = dash.rows
    assert header == ["工单", "终端", "故障", "级别", "发生", "时限", "通知", "确认"]
    seen = sorted((r[1], r[2].split(" ")[0], r[3]) for r in rows)
    assert seen == sorted([("全大厅", "大厅多数终端离线", "系统故障"), ("t01", "打印纸用完", "一般故障"),
                           ("t02", "终端离线", "通讯/机械故障"), ("t03", "终端离线", "通讯/机械故障"),
                           ("t04", "终端离线", "通讯/机械故障")]), rows
    for r in rows:
        assert r[7] == "未确认" and r[6], r  # who was told, and nobody acknowledged yet
        if r[2].startswith("终端离线"):
            assert r[0].endswith(f"↳#{system.id}"), r  # filed under the system incident
            assert re.search(r"剩 (23 小时 \d+|24 小时 0) 分钟$", r[5]), r  # 24 h to come back
        elif r[2].startswith("打印纸用完"):
            assert re.search(r"剩 ([12]?\d|30) 分钟$", r[5]), r  # 30 min for the administrator
    # each row is coloured by its tier (tr.system, tr.general in the stylesheet)
    assert sorted(c for cls in dash.row_classes[1:] for c in cls) == sorted(
        ["system", "general", "comms_mechanical", "comms_mechanical", "comms_mechanical"])
    # the cards: red where citizens cannot be served, yellow for the unregistered one still working
    assert dash.card("t01")[0] == ["card", "red"] and "1号综合自助终端" in dash.card("t01")[1]
    assert "一楼东侧" in dash.card("t01")[1] and "未登记" not in dash.card("t01")[1]
    assert "打印纸用完" in dash.card("t01")[1] and "paper_out" not in dash.card("t01")[1]  # the title, not the code
    for tid in ("t02", "t03", "t04"):
        assert dash.card(tid) == (["card", "red"], f"{tid} 未登记 · 离线")
    assert dash.card("t05") == (["card", "yellow"], "t05 未登记")
    assert "测试大厅 · 自助终端监控" in dash.visible and "未处理故障" in dash.visible

    # -- the public status page: the outage, the count, the notice the system incident published
    assert "测试大厅 · 24小时自助服务区" in status.visible
    assert "部分自助服务暂停" in status.visible and "自助服务正常" not in status.visible
    assert "可用终端 1 / 5" in status.visible
    assert "系统故障公告" in status.visible
    assert "自助服务区大厅多数终端离线，部分自助终端暂停服务" in status.visible
    assert "请到人工窗口办理或稍后再试" in status.visible

    # -- phones: stored as registered, shown masked (the API), never in full on either page
    assert httpx.get(f"{base}/api/terminals/t01").json()["phone"] == MASKED_PHONE
    for page in (dash, status):
        assert PHONE not in page.dom, "a phone number unmasked on a page"
    assert MASKED_PHONE not in status.dom, "the public page shows no phones at all"

    # -- the screenshots: the window's size, and the colours a person reads the state by
    for png in (dash_png, status_png):
        with Image.open(png) as im:
            assert im.size == WINDOW, png
    assert pixels_near(dash_png, (0xC6, 0x28, 0x28)) > 5000, "red terminal cards not painted"
    assert pixels_near(dash_png, (0xF9, 0xA8, 0x25)) > 1000, "the yellow card not painted"
    assert pixels_near(status_png, (0xC6, 0x28, 0x28)) > 500, "the outage line and notice not in red"
