"""The ratings' and rectification cases' HTTP side on a real hall server: the API (response models, filters,
the steps as RECTIFY, 409 out of order, 4xx for every bad input, 401/403), the audit log naming who took
each step, the pages and their forms (htmx fragments, the words of a refusal), and the overdue case
alerted to the centre's channel once, seen on the list and the live hall."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import UserRole
from hall_server.registry import RegistryEntry
from hall_server.service import HallService
from hall_server.simulate import WebhookReceiver
from tests.hall.harness import hall_config
from tests.support import wait_until
from wire.contract import RatingPayload
from wire.feedback import new_id
from zizhu.broker import MosquittoBroker

CST = timezone(timedelta(hours=8))
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in the hall


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def svc(broker: MosquittoBroker, webhook: WebhookReceiver, tmp_path: Path, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[HallService]:
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s = HallService(hall_config(tmp_path, broker.port, webhook), clock=clock)
    s.core.import_registry([RegistryEntry(id=t, name=f"{t} 自助终端") for t in ("t01", "t02")])
    s.start()
    wait_until(s.ingest.connected.is_set, what="hall connected")
    yield s
    s.stop()


def headers(svc: HallService, role: UserRole) -> dict[str, str]:
    name = f"{role.value}1"
    accounts.create_user(svc.sessions, name, role, "the right password", {"admin": "王敏", "centre": "赵丽"}.get(
        role.value, ""))
    return {"Authorization": f"Bearer {accounts.issue_token(svc.sessions, name, 'tests')}"}


class Terminal:
    def __init__(self, svc: HallService, tid: str = "t01") -> None:
        self.svc, self.tid, self.seq = svc, tid, 0

    def rate(self, level: int, when: datetime | None = None, item: str = "150100-001",
             name: str = "社保卡补换") -> str:
        self.seq += 1
        p = RatingPayload(terminal=self.tid, seq=self.seq, session=1, id=new_id(), item_code=item, item_name=name,
                          level=level, tags=["等待太久"] if level <= 2 else [],
                          rated_at=when or self.svc.core.clock.now().astimezone(CST))
        assert self.svc.core.process([p])[0][0] == "accepted"
        return p.id


def step(http: httpx.Client, case_id: int, who: dict[str, str], **body: object) -> httpx.Response:
    return http.post(f"/api/ratings/cases/{case_id}/steps", json=body, headers=who)


def test_the_steps_through_the_api_in_order_as_rectify_roles_with_409_and_words_out_of_order(svc: HallService) -> None:
    viewer, maint, admin, centre = (headers(svc, r) for r in (UserRole.VIEWER, UserRole.MAINTENANCE, UserRole.ADMIN,
                                                              UserRole.CENTRE))
    t = Terminal(svc)
    rid = t.rate(1)
    t.rate(5)
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        [c] = http.get("/api/ratings/cases", headers=viewer).json()
        assert (c["rating_id"], c["state"], c["next_step"], c["level"], c["tags"]) == (rid, "待核实", "verify", 1,
                                                                                        ["等待太久"])
        assert datetime.fromisoformat(c["deadline"]) == START + timedelta(days=7) and c["overdue"] is False
        cid = c["id"]
        # wrong roles: looking is VIEW, a step is RECTIFY (the hall administrator and the centre)
        for who in (viewer, maint):
            r = step(http, cid, who, step="verify", note="x", founded=True)
            assert r.status_code == 403
            assert "差评整改" in r.json()["detail"] and "大厅管理员、中心" in r.json()["detail"]
        assert step(http, cid, {}, step="verify", note="x", founded=True).status_code == 401
        # out of order: 409 with words, nothing changes
        r = step(http, cid, admin, step="close", note="办结")
        assert r.status_code == 409
        assert r.json()["detail"] == f"整改案件 #{cid} 当前状态为「待核实」，尚未核实、整改、反馈：请先核实，再办结"
        r = step(http, cid, centre, step="verify", note="调阅录像，属实", founded=True)
        assert r.status_code == 200, r.text
        assert (r.json()["state"], r.json()["founded"], r.json()["next_step"]) == ("已核实", True, "rectify")
        assert step(http, cid, admin, step="verify", note="再核实", founded=False).status_code == 409
        assert step(http, cid, admin, step="rectify", note="增开窗口").status_code == 200
        r = step(http, cid, centre, step="feedback", note="已电话告知", channel="电话回访", recipient="办件申请人")
        assert r.status_code == 200 and r.json()["state"] == "已反馈"
        r = step(http, cid, centre, step="close", note="整改完成")
        detail = r.json()
        assert r.status_code == 200 and (detail["state"], detail["next_step"]) == ("已办结", None)
        assert [(s["step"], s["actor"], s["to_state"]) for s in detail["steps"]] == [
            ("verify", "centre1", "已核实"), ("rectify", "admin1", "已整改"), ("feedback", "centre1", "已反馈"),
            ("close", "centre1", "已办结")]
        assert step(http, cid, centre, step="close", note="again").json()["detail"] == \
            f"整改案件 #{cid} 已办结（centre1），不能再办结"
        assert http.get(f"/api/ratings/cases/{cid}", headers=viewer).json() == detail
        assert http.get("/api/ratings/cases", headers=viewer).json() == []  # not closed: by default
        assert [x["id"] for x in http.get("/api/ratings/cases", params={"state": "已办结"}, headers=viewer).json()] \
            == [cid]
    mine = [(e.actor, e.action, e.target) for e in reversed(accounts.audit_entries(svc.sessions))
            if e.action.startswith("rectification.")]
    assert mine == [("centre1", "rectification.verify", f"rectification:{cid}"),
                    ("admin1", "rectification.rectify", f"rectification:{cid}"),
                    ("centre1", "rectification.feedback", f"rectification:{cid}"),
                    ("centre1", "rectification.close", f"rectification:{cid}")]
    requests = [e for e in accounts.audit_entries(svc.sessions) if e.action.startswith("POST /api/ratings/cases")]
    assert len(requests) == 4  # the middleware's line per successful change, the refused ones not


@pytest.mark.parametrize(("body", "why"), [
    ({"note": "x", "founded": True}, "step"),
    ({"step": "approve", "note": "x"}, "step"),
    ({"step": "verify", "founded": True}, "note"),
    ({"step": "verify", "note": "", "founded": True}, "note"),
    ({"step": "verify", "note": "x" * 2001, "founded": True}, "note"),
    ({"step": "verify", "note": "\ud800", "founded": True}, "note"),
    ({"step": "verify", "note": "x", "founded": "maybe"}, "founded"),
    ({"step": "feedback", "note": "x", "channel": "微信", "recipient": "他"}, "channel"),
    ({"step": "feedback", "note": "x", "channel": "短信", "recipient": "人" * 201}, "recipient"),
])
def test_bad_input_to_a_step_is_a_422_that_names_the_field(svc: HallService, body: dict[str, object], why: str) -> None:
    admin = headers(svc, UserRole.ADMIN)
    Terminal(svc).rate(1)
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        raw = json.dumps(body).encode()  # as ASCII escapes: a lone surrogate too, as a script might send it
        r = http.post("/api/ratings/cases/1/steps", content=raw, headers={**admin, "Content-Type": "application/json"})
        assert r.status_code == 422, r.text
        assert any(why in d["loc"] for d in r.json()["detail"]), r.json()
        assert http.get("/api/ratings/cases/1", headers=admin).json()["steps"] == []


def test_bad_input_the_models_let_through_is_refused_in_words_and_unknown_ids_are_404(svc: HallService) -> None:
    admin = headers(svc, UserRole.ADMIN)
    Terminal(svc).rate(2)
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        r = step(http, 1, admin, step="verify", note="查了")  # no finding
        assert r.status_code == 422 and r.json()["detail"] == "请选择核实结论：差评属实，或不属实"
        assert step(http, 1, admin, step="verify", note="属实", founded=True).status_code == 200
        assert step(http, 1, admin, step="rectify", note="改了").status_code == 200
        r = step(http, 1, admin, step="feedback", note="已告知")  # how and to whom missing
        assert r.status_code == 422 and r.json()["detail"].startswith("请选择反馈方式")
        r = step(http, 1, admin, step="feedback", note="已告知", channel="短信", recipient="   ")
        assert r.status_code == 422 and r.json()["detail"] == "请填写反馈对象"
        assert http.post("/api/ratings/cases/1/steps", content=b"{not json", headers={
            **admin, "Content-Type": "application/json"}).status_code == 422
        assert step(http, 999, admin, step="verify", note="x", founded=True).status_code == 404
        for bad in ("0", "-1", "x", str(2**64)):
            assert step(http, bad, admin, step="verify", note="x", founded=True).status_code == 422  # type: ignore[arg-type]
        assert http.get("/api/ratings/cases/999", headers=admin).status_code == 404
        for params in ({"state": "done"}, {"terminal_id": "T 01"}, {"limit": 0}, {"limit": 5000}, {"offset": -1},
                       {"overdue": "sometimes"}):
            assert http.get("/api/ratings/cases", params=params, headers=admin).status_code == 422, params


def test_the_summary_and_a_terminals_hours_on_the_api_with_their_bounds(svc: HallService, clock: FakeClock) -> None:
    viewer = headers(svc, UserRole.VIEWER)
    t1, t2 = Terminal(svc, "t01"), Terminal(svc, "t02")
    t1.rate(1, datetime(2026, 3, 1, 23, 30, tzinfo=CST))
    t1.rate(4, datetime(2026, 3, 2, 8, 30, tzinfo=CST))
    t2.rate(5, datetime(2026, 3, 2, 8, 45, tzinfo=CST), item="150200-003", name="公积金提取")
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        sm = http.get("/api/ratings/summary", headers=viewer).json()
        assert (sm["since"], sm["until"]) == ("2026-02-01", "2026-03-02")  # the last 30 days, today included
        assert len(sm["days"]) == 30 and sm["days"][-1] == {
            "day": "2026-03-02", "count": 2, "bad": 0, "bad_share": 0.0, "average": 4.5,
            "levels": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}}
        assert (sm["total"]["count"], sm["total"]["bad"], sm["cases"]["open"]) == (3, 1, 1)
        assert [(x["key"], x["total"]["count"], x["counts"][-2:], x["bad"][-2:]) for x in sm["terminals"]] == [
            ("t01", 2, [1, 1], [1, 0]), ("t02", 1, [0, 1], [0, 0])]
        assert sm["tags"] == [{"tag": "等待太久", "count": 1, "bad": 1}]
        one = http.get("/api/ratings/summary", params={"since": "2026-03-02", "until": "2026-03-02",
                                                       "item_code": "150200-003"}, headers=viewer).json()
        assert (one["total"]["count"], [x["name"] for x in one["items"]]) == (1, ["公积金提取"])
        for params, words in (({"since": "2026-13-01"}, "开始日期格式不对"),
                              ({"since": "2026-03-02", "until": "2026-03-01"}, "结束日期不能早于开始日期"),
                              ({"since": "2025-01-01", "until": "2026-03-02"}, "一次最多统计 366 天"),
                              ({"until": "0001-01-01"}, "结束日期应在"), ({"terminal_id": "T 01"}, "终端编号"),
                              ({"item_code": "x" * 65}, "事项编码")):
            r = http.get("/api/ratings/summary", params=params, headers=viewer)
            assert r.status_code == 422 and words in r.json()["detail"], (params, r.text)
        hours = http.get("/api/ratings/terminals/t01/hours", params={"day": "2026-03-01"}, headers=viewer).json()
        assert hours["day"] == "2026-03-01" and len(hours["hours"]) == 24
        [h23] = [h for h in hours["hours"] if h["rated"]]
        assert datetime.fromisoformat(h23["start"]) == datetime(2026, 3, 1, 23, 0, tzinfo=CST)
        assert h23["ratings"]["bad"] == 1 and h23["rated"][0]["case_id"] == 1 and h23["incidents"] == []
        assert http.get("/api/ratings/terminals/T01/hours", headers=viewer).status_code == 422
        assert http.get("/api/ratings/terminals/t01/hours", params={"day": "yesterday"},
                        headers=viewer).status_code == 422
        assert http.get("/api/ratings/summary").status_code == 401
    doc = httpx.get(svc.base_url + "/openapi.json", headers=viewer).json()
    for path in ("/api/ratings/summary", "/api/ratings/terminals/{terminal_id}/hours", "/api/ratings/cases",
                 "/api/ratings/cases/{case_id}", "/api/ratings/cases/{case_id}/steps"):
        assert path in doc["paths"], path
    assert "/ratings" not in doc["paths"]  # the pages are not the API


def test_the_pages_and_the_step_form_with_htmx_and_the_words_of_a_refusal(svc: HallService) -> None:
    viewer, centre = headers(svc, UserRole.VIEWER), headers(svc, UserRole.CENTRE)
    Terminal(svc).rate(1)
    html = {"Accept": "text/html"}
    hx = {"HX-Request": "true"}
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        for path in ("/ratings", "/ratings?since=2026-03-01&until=2026-03-02&terminal=t01&item=150100-001",
                     "/ratings/terminals/t01", "/ratings/terminals/t01?day=2026-03-01", "/ratings/cases",
                     "/ratings/cases?state=all&terminal=t01&overdue=1", "/ratings/cases/1",
                     "/fragments/ratings/cases/1", "/"):
            r = http.get(path, headers={**viewer, **html})
            assert r.status_code == 200 and "差评" in r.text, path
        assert 'href="/ratings"' in http.get("/", headers={**viewer, **html}).text  # in the nav
        page = http.get("/ratings/cases/1", headers={**viewer, **html}).text
        assert "您的角色只能查看" in page and 'id="step-form"' not in page
        page = http.get("/ratings/cases/1", headers={**centre, **html}).text
        assert 'data-step="verify"' in page and "差评属实，需整改" in page
        assert http.get("/ratings?since=2026-02-30", headers={**viewer, **html}).status_code == 422
        assert http.get("/ratings/cases/77", headers={**viewer, **html}).status_code == 404
        r = http.post("/ratings/cases/1/steps", data={"step": "verify", "note": "属实", "founded": "yes"},
                      headers={**viewer, **hx})
        assert r.status_code == 403
        r = http.post("/ratings/cases/1/steps", data={"step": "verify", "note": ""}, headers={**centre, **hx})
        assert r.status_code == 422 and "请填写核实情况" in r.text and "请选择核实结论" in r.text
        r = http.post("/ratings/cases/1/steps", data={"step": "close", "note": "办结"}, headers={**centre, **hx})
        assert r.status_code == 409 and "尚未核实、整改、反馈：请先核实，再办结" in r.text
        r = http.post("/ratings/cases/1/steps", data={"step": "verify", "note": "属实", "founded": "yes"},
                      headers={**centre, **hx})
        assert r.status_code == 200 and "已核实（赵丽）" in r.text and 'data-step="rectify"' in r.text
        assert 'hx-swap-oob="innerHTML"' in r.text  # the case's facts and history, out of band
        r = http.post("/ratings/cases/1/steps", data={"step": "rectify", "note": "增开窗口"}, headers=centre)
        assert r.status_code == 200 and "<html" in r.text and 'hx-swap-oob' not in r.text  # no htmx: the page
        r = http.post("/ratings/cases/1/steps", data={"step": "feedback", "note": "已告知", "channel": "飞鸽"},
                      headers={**centre, **hx})
        assert r.status_code == 422 and "请选择反馈方式" in r.text and "请填写反馈对象" in r.text


def test_an_overdue_case_is_alerted_to_the_centre_once_and_flagged_on_the_list_and_the_live_hall(
        svc: HallService, clock: FakeClock, webhook: WebhookReceiver) -> None:
    viewer = headers(svc, UserRole.VIEWER)
    Terminal(svc).rate(2)
    clock.advance(days=7, seconds=5)
    wait_until(lambda: any(path.endswith("centre") for _t, path, _b in webhook.received),
               what="the overdue alert to the centre")
    [(_, path, body)] = [x for x in webhook.received if "差评整改逾期" in str(x[2])]
    assert path.endswith("centre") and "整改案件 #1" in str(body) and "已逾期" in str(body)
    clock.advance(hours=2)
    svc.core.tick()  # and the ticker's own, meanwhile: never a second alert
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        def overdue_alerts() -> list[tuple[str, int | None, str]]:
            return [(a["role"], a["incident_id"], a["status"]) for a in http.get("/api/alerts", headers=viewer).json()
                    if a["kind"] == "overdue"]

        wait_until(lambda: overdue_alerts() == [("centre", None, "sent")], what="the alert recorded as sent, once")
        assert len([x for x in webhook.received if "差评整改逾期" in str(x[2])]) == 1
        [c] = http.get("/api/ratings/cases", params={"overdue": "true"}, headers=viewer).json()
        assert c["overdue"] is True and c["overdue_alerted_at"] is not None
        assert [s["step"] for s in http.get("/api/ratings/cases/1", headers=viewer).json()["steps"]] == ["overdue"]
        table = http.get("/fragments/ratings/cases", params={"overdue": "1"}, headers=viewer).text
        assert 'data-overdue="1"' in table and "逾期" in table
        hall = http.get("/fragments/hall/incidents", headers=viewer).text
        assert "差评整改" in hall and 'data-case="1"' in hall and "逾期未办结 1 件" in hall
