"""The reports over HTTP: the JSON API, the CSV tables and the pages, on the known hall history
(tests/hall/report_history.py) of a hall server app driven in-process with a fake clock."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import UserRole
from hall_server.config import FeedbackConfig, HallConfig, HallInfo, HallServerConfig, ReportsConfig
from hall_server.service import HallService
from hall_server.web.app import create_app
from tests.hall.report_history import START, History

PERIOD = {"since": "2026-03-02", "until": "2026-03-04"}
HTML = {"Accept": "text/html"}


@dataclass
class App:
    service: HallService
    client: TestClient
    token: str

    def get(self, path: str, params: dict[str, str] | None = None, **headers: str) -> Any:
        return self.client.get(path, params=params, headers={"Authorization": f"Bearer {self.token}", **headers})


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    mp = pytest.MonkeyPatch()
    mp.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    tmp: Path = tmp_path_factory.mktemp("reports-api")
    clock = FakeClock(START)
    cfg = HallConfig(hall=HallInfo(id="h1", name="测试大厅"),
                     server=HallServerConfig(database_url=f"sqlite:///{tmp}/hall.sqlite3", http_port=0),
                     feedback=FeedbackConfig(rectification_days=1), reports=ReportsConfig(weekly_summary="off"))
    service = HallService(cfg, clock=clock, tick=False)
    History(service.core, clock, service.inspections).build()
    accounts.create_user(service.sessions, "viewer", UserRole.VIEWER, "a long password", display_name="查看甲")
    token = accounts.issue_token(service.sessions, "viewer", "tests")
    accounts.create_user(service.sessions, "li", UserRole.MAINTENANCE, "a long password", display_name="李强")
    yield App(service, TestClient(create_app(service), follow_redirects=False), token)
    service.engine.dispose()
    mp.undo()


def test_the_api_answers_each_report_with_its_figures(app: App) -> None:
    av = app.get("/api/reports/availability", PERIOD).json()
    assert av["period"]["since"] == "2026-03-02" and av["period"]["until"] == "2026-03-04"
    assert [(t["terminal_id"], t["down_s"], t["planned_s"]) for t in av["terminals"]] == [
        ("t01", 0.0, 0.0), ("t02", 7200.0, 7200.0), ("t03", 3600.0, 0.0)]
    assert round(av["terminals"][1]["availability"], 6) == round(1 - 2 / 70, 6)
    inc = app.get("/api/reports/incidents", PERIOD).json()
    assert [(t["tier"], t["opened"], t["within"], t["late"], t["p50_s"], t["p90_s"]) for t in inc["tiers"]] == [
        ("general", 3, 2, 1, 1200.0, 2700.0), ("comms_mechanical", 3, 2, 1, 3600.0, 7200.0),
        ("system", 0, 0, 0, None, None)]
    ins = app.get("/api/reports/inspections", PERIOD).json()
    assert (ins["due"], ins["on_time"], ins["late"], ins["missed"]) == (18, 5, 1, 12)
    paper = app.get("/api/reports/paper", PERIOD).json()
    assert [(r["terminal_id"], round(r["days_left"], 4)) for r in paper["rolls"]] == [
        ("t01", round((25 + 40 / 60) / 24, 4)), ("t02", round(2 / 24, 4))]
    fb = app.get("/api/reports/feedback", PERIOD).json()
    assert (fb["ratings"], fb["bad"], fb["levels"], fb["rectification"]["share"]) == (
        5, 2, {"5": 2, "4": 1, "3": 0, "2": 1, "1": 1}, 0.5)


def test_each_table_downloads_as_csv_with_chinese_headers(app: App) -> None:
    r = app.get("/reports/availability.csv", {**PERIOD, "table": "outages"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="report-availability-outages-2026-03-02-2026-03-04.csv"' in r.headers["content-disposition"]
    assert r.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows == [["终端", "工单", "离线开始", "离线结束", "是否恢复", "计入时长（小时）"],
                    ["t02", rows[1][1], "2026-03-03 08:00", "2026-03-03 10:00", "已恢复", "2.00"],
                    ["t03", rows[2][1], "2026-03-03 12:00", "2026-03-03 13:00", "已恢复", "1.00"]]
    tiers = list(csv.reader(io.StringIO(app.get("/reports/incidents.csv", PERIOD).text.lstrip("\ufeff"))))
    assert tiers[0][:3] == ["级别", "时限（分钟）", "发生"] and tiers[1][:8] == [
        "一般故障", "30", "3", "3", "2", "1", "0", "66.7%"]
    people = list(csv.reader(io.StringIO(app.get("/reports/inspections.csv", {**PERIOD, "table": "inspectors"})
                                         .text.lstrip("\ufeff"))))
    assert people[1:] == [["李强（li）", "4", "0", "1", "1"], ["wang", "2", "1", "0", "0"]]  # the name people know
    for name, tables in (("inspections", ("slots", "inspectors", "readiness")), ("paper", ("rolls", "days")),
                         ("feedback", ("items", "terminals", "days", "summary"))):
        for table in tables:
            got = app.get(f"/reports/{name}.csv", {**PERIOD, "table": table})
            assert got.status_code == 200 and got.text.count("\r\n") >= 2, (name, table)


@pytest.mark.parametrize(("params", "words"), [
    ({"since": "2026-03-04", "until": "2026-03-02"}, "早于开始日期"),
    ({"since": "0026-03-02", "until": "2026-03-04"}, "年份不合理"),
    ({"since": "2026-03-02", "until": "9999-03-04"}, "年份不合理"),
    ({"since": "2024-01-01", "until": "2026-03-04"}, "最多统计 366 天"),
    ({"since": "yesterday"}, "格式不对"),
])
def test_bad_periods_are_refused_in_words(app: App, params: dict[str, str], words: str) -> None:
    for path in ("/api/reports/incidents", "/reports/paper.csv"):
        r = app.get(path, params)
        assert r.status_code == 422 and words in r.json()["detail"], (path, r.text)
    page = app.get("/reports/feedback", params, **HTML)
    assert page.status_code == 422 and words in page.text and "text/html" in page.headers["content-type"]


def test_an_unknown_table_and_an_overlong_query_are_4xx(app: App) -> None:
    r = app.get("/reports/paper.csv", {"table": "nope"})
    assert r.status_code == 422 and "rolls（纸卷预测）" in r.json()["detail"]
    assert app.get("/api/reports/paper", {"since": "x" * 100}).status_code == 422


def test_pages_show_the_figures_with_a_strict_policy_and_no_inline_script(app: App) -> None:
    for path in ("/reports", "/reports/availability", "/reports/incidents", "/reports/inspections",
                 "/reports/paper", "/reports/feedback"):
        r = app.get(path, PERIOD, **HTML)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        # scripts only by src, or the charts' JSON (not executed); no on… handlers
        for tag in re.findall(r"<script[^>]*>", r.text):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+=", r.text), path
        assert "2026-03-02 至 2026-03-04" in r.text
    page = app.get("/reports/availability", PERIOD, **HTML).text
    assert "97.14%" in page
    assert re.search(r'<a href="/reports" aria-current="page">报表</a>', page)  # the dashboard's nav names it
    overview = app.get("/reports", PERIOD, **HTML).text
    assert "好差评：5 条，差评 2 条（40.0%）；整改按时 1/2" in overview
    assert "本大厅已关闭周报" in overview


def test_the_default_period_is_the_last_seven_days(app: App) -> None:
    av = app.get("/api/reports/availability").json()
    assert (av["period"]["since"], av["period"]["until"]) == ("2026-02-27", "2026-03-05")
    start = app.service.core.clock.now() - timedelta(days=6, hours=9)
    assert av["period"]["start"].startswith(start.strftime("%Y-%m-%dT%H:%M"))
