"""Recordings access on the hall server's API and forms (SQLite and PostgreSQL): the roles, self-approval,
an expired grant, bad input in Chinese words (never a 500), the register as JSON and as CSV, the audit log.

The hall server app is driven in-process (not started: no broker needed) with a fake clock at Monday
2026-03-02 09:00 in the hall.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import AuditEntry
from hall_server.config import HallConfig, HallInfo, HallServerConfig
from hall_server.db import RecordingRegister
from hall_server.registry import RegistryEntry
from hall_server.service import HallService
from hall_server.web.app import create_app

PASSWORD = "the right password"
HTML = {"Accept": "text/html,application/xhtml+xml"}
# username → role: two of the centre, so that one may approve what the other asked for
USERS = {"wangmin": "admin", "liqiang": "maintenance", "zhaoli": "centre", "sunwei": "centre", "zhoujing": "viewer"}
RANGE = {"starts_at": "2026-03-02T08:00:00+08:00", "ends_at": "2026-03-02T08:30:00+08:00"}


@dataclass
class Hall:
    service: HallService
    clock: FakeClock
    client: TestClient
    tokens: dict[str, str]

    def as_(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}", "Accept": "application/json"}

    def post(self, user: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(path, json=body or {}, headers=self.as_(user))

    def ask(self, user: str = "liqiang", **body: Any) -> Any:
        return self.post(user, "/api/recordings",
                         {"terminal_id": "t01", "reason": "群众反映扣款未出凭条", **RANGE, **body})


@pytest.fixture
def hall(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hall]:
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    clock = FakeClock()
    cfg = HallConfig(hall=HallInfo(id="h1", name="测试大厅"),
                     server=HallServerConfig(database_url=db_url, http_port=0, secret_file=tmp_path / "key"))
    svc = HallService(cfg, clock=clock, tick=False)
    svc.core.import_registry([RegistryEntry(id="t01", name="1号综合自助终端")])
    tokens = {}
    for user, role in USERS.items():
        accounts.create_user(svc.sessions, user, role, PASSWORD)
        tokens[user] = accounts.issue_token(svc.sessions, user, "tests")
    with TestClient(create_app(svc), follow_redirects=False) as client:
        yield Hall(svc, clock, client, tokens)
    svc.engine.dispose()


def test_request_approve_view_through_the_api_by_the_right_people_only(hall: Hall) -> None:
    assert hall.client.post("/api/recordings", json={"terminal_id": "t01", "reason": "x", **RANGE}).status_code == 401
    r = hall.ask("zhoujing")
    assert r.status_code == 403 and "申请查阅监控录像" in r.json()["detail"]  # a viewer may not ask
    r = hall.ask()
    assert r.status_code == 200, r.text
    made = r.json()
    assert (made["status"], made["status_label"], made["requested_by"], made["target"]) == (
        "requested", "待审批", "liqiang", "终端 t01（1号综合自助终端）")
    rid = made["id"]

    # Approving: the centre only (APPROVE_RECORDING), never the administrator or maintenance.
    for user in ("wangmin", "liqiang"):
        r = hall.post(user, f"/api/recordings/{rid}/approve", {"note": "同意"})
        assert r.status_code == 403 and "中心" in r.json()["detail"], r.text
    assert [x["id"] for x in hall.client.get("/api/recordings?box=pending", headers=hall.as_("zhaoli")).json()] == [rid]
    hall.clock.advance(300)
    r = hall.post("zhaoli", f"/api/recordings/{rid}/approve", {"note": "同意，限核实该笔业务"})
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["decided_by"], r.json()["grant_expires_at"]) == (
        "approved", "zhaoli", "2026-03-03T01:05:00Z")
    r = hall.post("sunwei", f"/api/recordings/{rid}/reject", {"note": "晚了"})
    assert r.status_code == 409 and "已由 zhaoli 批准" in r.json()["detail"]

    # Viewing: the requester only.
    r = hall.post("wangmin", f"/api/recordings/{rid}/view")
    assert r.status_code == 403 and "查阅授权属于申请人 liqiang" in r.json()["detail"]
    r = hall.post("liqiang", f"/api/recordings/{rid}/view")
    assert r.status_code == 200, r.text
    seen = r.json()
    assert seen["url"] is None and seen["details"]["录像时段"] == "2026-03-02 08:00 至 2026-03-02 08:30"
    assert seen["request"]["views"] == 1

    detail = hall.client.get(f"/api/recordings/{rid}", headers=hall.as_("zhoujing")).json()
    assert [(x["action"], x["actor"]) for x in detail["log"]] == [("requested", "liqiang"), ("approved", "zhaoli"),
                                                                  ("viewed", "liqiang")]
    reg = hall.client.get("/api/recordings/register", headers=hall.as_("zhoujing")).json()
    assert [x["id"] for x in reg] == [x["id"] for x in detail["log"]]
    assert [x["action_label"] for x in reg] == ["申请", "批准", "查看"]
    rules = hall.client.get("/api/recordings/rules", headers=hall.as_("zhoujing")).json()
    assert (rules["retention_days"], rules["grant_hours"], rules["max_span_hours"]) == (92, 24, 24)

    # The audit log names the logged-in actor of every step (the domain's entries and the request's).
    with hall.service.sessions() as s:
        entries = [(e.actor, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert [e for e in entries if e[1].startswith("recording.")] == [
        ("liqiang", "recording.requested"), ("zhaoli", "recording.approved"), ("liqiang", "recording.viewed")]
    assert ("zhaoli", f"POST /api/recordings/{rid}/approve") in entries


def test_self_approval_is_refused_and_another_centre_user_may(hall: Hall) -> None:
    rid = hall.ask("zhaoli").json()["id"]
    r = hall.post("zhaoli", f"/api/recordings/{rid}/approve", {"note": ""})
    assert r.status_code == 403 and r.json()["detail"] == "不能审批自己的申请：须由另一位中心审批人审批"
    r = hall.post("zhaoli", f"/api/recordings/{rid}/reject", {"note": "撤回"})
    assert r.status_code == 403
    assert hall.client.get("/api/recordings?box=pending", headers=hall.as_("zhaoli")).json() == []
    r = hall.post("sunwei", f"/api/recordings/{rid}/reject", {"note": ""})
    assert r.status_code == 422 and "驳回需填写审批意见" in r.json()["detail"]
    r = hall.post("sunwei", f"/api/recordings/{rid}/approve", {})
    assert r.status_code == 200 and r.json()["decided_by"] == "sunwei"


def test_an_expired_grant_is_refused(hall: Hall) -> None:
    rid = hall.ask().json()["id"]
    assert hall.post("zhaoli", f"/api/recordings/{rid}/approve", {"note": "同意"}).status_code == 200
    hall.clock.advance(24 * 3600)
    r = hall.post("liqiang", f"/api/recordings/{rid}/view")
    assert r.status_code == 403 and r.json()["detail"] == "查阅授权已于 2026-03-03 09:00 过期，如需查看请重新申请"
    got = hall.client.get(f"/api/recordings/{rid}", headers=hall.as_("liqiang")).json()
    assert (got["status"], got["views"]) == ("expired", 0)
    with hall.service.sessions() as s:
        assert list(s.scalars(select(RecordingRegister.action).where(RecordingRegister.request_id == rid))) == [
            "requested", "approved"]
        refused = s.scalars(select(AuditEntry).where(AuditEntry.action == "recording.view_refused")).one()
        assert refused.actor == "liqiang" and "过期" in refused.detail


BAD_REQUESTS: list[tuple[dict[str, Any], int, str]] = [
    ({"starts_at": "2025-11-01T08:00:00+08:00", "ends_at": "2025-11-01T09:00:00+08:00"}, 422,
     "录像仅保留 92 天，所选时段已超出保存期限"),
    ({"starts_at": "2026-03-02T10:00:00+08:00", "ends_at": "2026-03-02T10:30:00+08:00"}, 422, "这段录像尚未产生"),
    ({"starts_at": "2026-03-02T08:00:00+08:00", "ends_at": "2026-03-02T07:00:00+08:00"}, 422, "结束时间应晚于开始时间"),
    ({"starts_at": "2026-02-27T08:00:00+08:00"}, 422, "一次最多申请查阅 24 小时的录像"),
    ({"terminal_id": "t77"}, 422, "没有已登记的终端 t77"),
    ({"terminal_id": None, "area": "机房"}, 422, "没有监控区域“机房”"),
    ({"area": "填单台"}, 422, "二选一"),
    ({"incident_id": 55}, 422, "没有故障工单 #55"),
    ({"complaint": "T01-20260302-ABCDEF"}, 422, "没有投诉工单"),
    ({"reason": "  "}, 422, "请填写查阅原因"),
]


def test_bad_requests_are_refused_with_words(hall: Hall) -> None:
    for body, status, words in BAD_REQUESTS:
        r = hall.ask(**body)
        assert r.status_code == status and words in r.json()["detail"], (body, r.text)
    assert hall.client.get("/api/recordings", headers=hall.as_("zhoujing")).json() == []


MALFORMED: list[dict[str, Any]] = [
    {"starts_at": "2026-03-02T08:00:00"},  # no offset
    {"starts_at": "not a time"},
    {"incident_id": 0}, {"incident_id": 2**63},
    {"reason": "\ud800"}, {"reason": "x" * 2001},
    {"terminal_id": "t" * 64},
]


def test_malformed_bodies_are_a_422(hall: Hall) -> None:
    for body in MALFORMED:
        full = {"terminal_id": "t01", "reason": "核实", **RANGE, **body}
        # as the bytes a script could send: a lone surrogate escaped (\\ud800) is valid JSON, not valid text
        r = hall.client.post("/api/recordings", content=json.dumps(full), headers=hall.as_("liqiang") | {
            "Content-Type": "application/json"})
        assert r.status_code == 422, (body, r.text)


BAD_QUERIES = [
    ("/api/recordings?box=everything", "列表应为 mine"),
    ("/api/recordings/register?since=2026-13-01", "开始日期格式不对"),
    ("/api/recordings/register?since=2026-03-02&until=2026-03-01", "结束日期不能早于开始日期"),
    ("/api/recordings/register?since=2024-01-01&until=2026-03-01", "一次最多查询 366 天"),
    ("/recordings/register.csv?until=x", "结束日期格式不对"),
    ("/api/recordings/987654", "没有查阅申请 #987654"),
]


def test_bad_query_strings_are_refused_in_words(hall: Hall) -> None:
    for path, words in BAD_QUERIES:
        r = hall.client.get(path, headers=hall.as_("zhoujing"))
        assert 400 <= r.status_code < 500 and words in r.json()["detail"], (path, r.text)


def test_the_register_as_csv_opens_in_a_spreadsheet(hall: Hall) -> None:
    rid = hall.ask().json()["id"]
    hall.post("zhaoli", f"/api/recordings/{rid}/approve", {"note": "同意"})
    hall.post("liqiang", f"/api/recordings/{rid}/view")
    r = hall.client.get("/recordings/register.csv?since=2026-03-02&until=2026-03-02", headers=hall.as_("zhoujing"))
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="recordings-register-h1-20260302-20260302.csv"'
    assert r.content.startswith("\ufeff登记号,登记时间,事项,申请单号".encode())  # UTF-8 with its byte-order mark
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row[2] for row in rows[1:]] == ["申请", "批准", "查看"] and rows[1][5] == "终端 t01（1号综合自助终端）"


def _session(hall: Hall, user: str) -> str:
    """Log the test client in as ``user`` through the form; its CSRF token."""
    form = hall.client.get("/login", headers=HTML)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token
    r = hall.client.post("/login", data={"username": user, "password": PASSWORD, "next": "/recordings",
                                         "csrf_token": token.group(1)}, headers=HTML)
    assert r.status_code == 303, r.text
    page = hall.client.get("/recordings/new", headers=HTML)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def test_the_forms_keep_what_was_typed_and_say_why(hall: Hall) -> None:
    csrf = _session(hall, "liqiang")
    form = {"csrf_token": csrf, "target": "terminal:t01", "starts_at": "2025-10-01T08:00",
            "ends_at": "2025-10-01T09:00", "reason": "核实扣款", "incident": "", "complaint": ""}
    r = hall.client.post("/recordings", data=form, headers=HTML)
    assert r.status_code == 422 and "录像仅保留 92 天，所选时段已超出保存期限" in r.text and "核实扣款" in r.text
    r = hall.client.post("/recordings", data=form | {"incident": "abc", "starts_at": "x"}, headers=HTML)
    assert r.status_code == 422 and "故障工单号应为数字" in r.text and "开始时间格式不对" in r.text
    r = hall.client.post("/recordings", data=form | {"target": "bogus"}, headers=HTML)
    assert r.status_code == 422 and "请选择一台终端或一个监控区域" in r.text
    assert hall.client.get("/api/recordings", headers=hall.as_("zhoujing")).json() == []
    r = hall.client.post("/recordings", data=form | {"starts_at": "2026-03-02T08:00", "ends_at": "2026-03-02T08:20"},
                         headers=HTML)
    assert r.status_code == 303 and re.fullmatch(r"/recordings/\d+\?done=requested", r.headers["location"])
    page = hall.client.get(r.headers["location"], headers=HTML)
    assert page.status_code == 200 and "已提交查阅申请，等待中心审批" in page.text and "待审批" in page.text
    # no CSRF token: refused, nothing made
    r = hall.client.post("/recordings", data={k: v for k, v in form.items() if k != "csrf_token"}, headers=HTML)
    assert r.status_code == 403
    assert len(hall.client.get("/api/recordings", headers=hall.as_("zhoujing")).json()) == 1
    for path in ("/recordings?box=x", "/recordings/register?since=2026-02-30"):
        r = hall.client.get(path, headers=HTML)
        assert r.status_code == 422 and "text/html" in r.headers["content-type"], path
