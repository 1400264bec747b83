"""Complaint work orders on a real hall server's API and pages (docs/workorders.md): every step by a user with
HANDLE_COMPLAINTS (the wrong role refused), bad input a 4xx in Chinese words, the third day of extension refused,
the list's filters, the phone never in lists and shown in clear only to CALL_BACK roles by the detail page's
button, each showing audited. SQLite and PostgreSQL, a real broker, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from argon2 import PasswordHasher

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import UserRole
from hall_server.config import FeedbackConfig
from hall_server.keys import write_keypair
from hall_server.service import HallService
from tests.hall.harness import hall_config
from tests.hall.test_core import register
from tests.support import wait_until
from wire.contract import ComplaintPayload
from wire.feedback import new_id, seal_phone
from zizhu.broker import MosquittoBroker

CST = timezone(timedelta(hours=8))
PHONE = "13955501234"
DEPTS = ["区市场监督管理局", "区医疗保障局"]
FILED = datetime(2026, 2, 13, 16, 0, tzinfo=CST)  # Friday: due Saturday 14th (worked), then the Spring Festival
HTML = {"Accept": "text/html"}


@pytest.fixture
def svc(broker: MosquittoBroker, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[HallService]:
    key = tmp_path / "hall-feedback.key"
    public = write_keypair(key)
    cfg = hall_config(tmp_path, broker.port, None, db_url=db_url)
    cfg = msgspec.structs.replace(cfg, feedback=FeedbackConfig(private_key_file=key, departments=DEPTS))
    s = HallService(cfg, clock=FakeClock((FILED + timedelta(minutes=10)).astimezone(UTC)))
    s.public_key = public  # type: ignore[attr-defined]
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s.start()
    wait_until(s.ingest.connected.is_set, what="hall connected")
    register(s, "t01")  # type: ignore[arg-type]  # the helper needs .core only
    yield s
    s.stop()


def token(svc: HallService, role: UserRole) -> dict[str, str]:
    accounts.create_user(svc.sessions, role.value, role, "the right password")
    return {"Authorization": f"Bearer {accounts.issue_token(svc.sessions, role.value, 'tests')}"}


def file(svc: HallService, seq: int = 1) -> str:
    c = ComplaintPayload(terminal="t01", seq=seq, session=1, id=new_id(), category="蜗牛办事",
                         matter="等了两个小时没人办",
                         phone_sealed=seal_phone(svc.public_key, PHONE), filed_at=FILED)  # type: ignore[attr-defined]
    assert svc.core.process([c])[0][0] == "accepted"
    return c.id


def test_the_steps_on_the_api_with_roles_and_bad_input(svc: HallService) -> None:
    cid = file(svc)
    admin, centre, maint, viewer = (token(svc, r) for r in (UserRole.ADMIN, UserRole.CENTRE, UserRole.MAINTENANCE,
                                                              UserRole.VIEWER))
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        assert http.get("/api/complaint-departments", headers=viewer).json() == DEPTS
        for who in (maint, viewer):
            r = http.post(f"/api/complaints/{cid}/assign", json={"department": DEPTS[0]}, headers=who)
            assert r.status_code == 403 and "办理投诉工单" in r.json()["detail"]
        r = http.post(f"/api/complaints/{cid}/assign", json={"department": "区教育局"}, headers=admin)
        assert r.status_code == 422 and "不在可交办的部门名单中" in r.json()["detail"]
        assert http.post(f"/api/complaints/{cid}/assign", json={}, headers=admin).status_code == 422
        assert http.post("/api/complaints/not-a-uuid/assign", json={"department": DEPTS[0]},
                         headers=admin).status_code == 422
        r = http.post(f"/api/complaints/{new_id()}/assign", json={"department": DEPTS[0]}, headers=admin)
        assert r.status_code == 404 and "没有工单" in r.json()["detail"]
        r = http.post(f"/api/complaints/{cid}/answer", json={"text": "太早了"}, headers=admin)
        assert r.status_code == 409 and "只有“已交办”的工单可以登记答复" in r.json()["detail"]
        r = http.post(f"/api/complaints/{cid}/assign", json={"department": DEPTS[0], "note": "加急"}, headers=admin)
        assert r.status_code == 200, r.text
        assert (r.json()["state"], r.json()["department"], r.json()["due_text"]) == ("已交办", DEPTS[0],
                                                                                    "2026-02-14 24:00")
        r = http.post(f"/api/complaints/{cid}/extend", json={"days": 1, "reason": " "}, headers=centre)
        assert r.status_code == 422 and "请填写延期原因" in r.json()["detail"]
        r = http.post(f"/api/complaints/{cid}/extend", json={"days": 3, "reason": "春节"}, headers=centre)
        assert r.status_code == 409 and "延期累计不能超过 2 个工作日" in r.json()["detail"]
        r = http.post(f"/api/complaints/{cid}/extend", json={"days": 2, "reason": "春节后到岗办理"}, headers=centre)
        assert r.status_code == 200 and r.json()["due_text"] == "2026-02-25 24:00"  # over the Spring Festival
        r = http.post(f"/api/complaints/{cid}/extend", json={"days": 1, "reason": "还要一天"}, headers=centre)
        assert r.status_code == 409 and "本轮已延期 2 个工作日，不能再延期" in r.json()["detail"]
        r = http.post(f"/api/complaints/{cid}/answer", json={"text": "已办结"}, headers=centre)
        assert r.status_code == 200 and r.json()["state"] == "已答复"
        r = http.post(f"/api/complaints/{cid}/call-back", json={"satisfied": False}, headers=centre)
        assert r.status_code == 422 and "详细记录原因" in r.json()["detail"]
        r = http.post(f"/api/complaints/{cid}/call-back", json={"satisfied": False, "note": "没解决",
                                                               "department": DEPTS[1]}, headers=centre)
        assert r.status_code == 200 and (r.json()["state"], r.json()["round"], r.json()["department"]) == (
            "已交办", 2, DEPTS[1])
        one = http.get(f"/api/complaints/{cid}", headers=viewer).json()
        assert [s["action"] for s in one["steps"]] == ["assigned", "extended", "answered", "called_back", "assigned"]
        assert one["steps"][1]["text"] == "春节后到岗办理" and one["steps"][1]["days"] == 2
        assert PHONE not in http.get(f"/api/complaints/{cid}", headers=admin).text
    actions = [e.action for e in accounts.audit_entries(svc.sessions, target=f"complaint:{cid}")]
    assert sorted(actions) == ["complaint.answer", "complaint.assign", "complaint.call_back", "complaint.extend"]


def test_the_list_filters_flags_overdue_and_never_shows_the_phone(svc: HallService) -> None:
    late, fresh = file(svc, 1), file(svc, 2)
    admin, viewer = token(svc, UserRole.ADMIN), token(svc, UserRole.VIEWER)
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        http.post(f"/api/complaints/{fresh}/assign", json={"department": DEPTS[0]}, headers=admin)
        http.post(f"/api/complaints/{fresh}/extend", json={"days": 2, "reason": "春节"}, headers=admin)
        svc.core.clock.advance(days=1, hours=8)  # Sunday 15th 00:10: late is overdue, fresh not
        wait_until(lambda: any(a.kind == "overdue" for a in _alerts(svc)), what="the overdue alert")
        over = http.get("/api/complaints", params={"overdue": "true"}, headers=viewer).json()
        assert [(o["id"], o["overdue"]) for o in over] == [(late, True)] and over[0]["seconds_left"] < 0
        assert [o["id"] for o in http.get("/api/complaints", params={"overdue": "false"}, headers=viewer).json()] \
            == [fresh]
        page = http.get("/complaints", params={"overdue": "yes"}, headers={**viewer, **HTML})
        assert page.status_code == 200 and "已超期" in page.text and late in page.text and fresh not in page.text
        page = http.get("/complaints", params={"state": "已交办"}, headers={**viewer, **HTML})
        assert fresh in page.text and late not in page.text and "2026-02-25 24:00" in page.text
        for bad in ({"state": "已关闭"}, {"overdue": "maybe"}, {"category": "表扬"}, {"terminal": "t 1"}):
            r = http.get("/complaints", params=bad, headers={**viewer, **HTML})
            assert r.status_code == 422 and ("请选择" in r.text or "格式不对" in r.text), (bad, r.status_code)
        everything = http.get("/complaints", headers={**admin, **HTML}).text
        assert PHONE not in everything and "139****1234" not in everything
    [alert] = [a for a in _alerts(svc) if a.kind == "overdue"]
    assert alert.role == "centre" and "投诉超期" in alert.title


def test_the_pages_forms_and_the_phone_button(svc: HallService) -> None:
    cid = file(svc)
    admin, centre, maint = token(svc, UserRole.ADMIN), token(svc, UserRole.CENTRE), token(svc, UserRole.MAINTENANCE)
    hx = {"HX-Request": "true", **HTML}
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        detail = http.get(f"/complaints/{cid}", headers={**maint, **HTML})
        assert detail.status_code == 200 and "您的角色只能查看投诉工单" in detail.text
        assert "显示完整号码" not in detail.text
        r = http.post(f"/complaints/{cid}/assign", data={"department": DEPTS[0]}, headers={**maint, **hx})
        assert r.status_code == 403
        r = http.post(f"/complaints/{cid}/assign", data={"department": ""}, headers={**admin, **hx})
        assert r.status_code == 422 and "请填写交办部门" in r.text
        r = http.post(f"/complaints/{cid}/assign", data={"department": DEPTS[0]}, headers={**admin, **hx})
        assert r.status_code == 200 and f"已交办 {DEPTS[0]}" in r.text and 'hx-swap-oob' in r.text
        r = http.post(f"/complaints/{cid}/extend", data={"days": "3", "reason": "x"}, headers={**admin, **hx})
        assert r.status_code == 422 and "请选择延期天数" in r.text
        r = http.post(f"/complaints/{cid}/extend", data={"days": "1", "reason": ""}, headers={**admin, **hx})
        assert r.status_code == 422 and "请填写延期原因" in r.text
        for _ in range(2):
            assert http.post(f"/complaints/{cid}/extend", data={"days": "1", "reason": "春节"},
                             headers={**admin, **hx}).status_code == 200
        r = http.post(f"/complaints/{cid}/extend", data={"days": "1", "reason": "春节"}, headers={**admin, **hx})
        assert r.status_code == 409 and "本轮已延期 2 个工作日，不能再延期" in r.text
        assert 'id="extend-form"' not in r.text  # no more extension offered
        page = http.get(f"/complaints/{cid}", headers={**admin, **HTML}).text
        assert "显示完整号码" in page and PHONE not in page and "139****1234" in page
        assert http.post(f"/complaints/{cid}/phone", headers={**maint, **hx}).status_code == 403
        shown = http.post(f"/complaints/{cid}/phone", headers={**centre, **hx})
        assert shown.status_code == 200 and PHONE in shown.text
    seen = [e for e in accounts.audit_entries(svc.sessions, target=f"complaint:{cid}")
            if e.action == "complaint.phone_shown"]
    assert [e.actor for e in seen] == ["centre"]


def _alerts(svc: HallService) -> list[Any]:
    from sqlalchemy import select

    from hall_server.db import Alert
    with svc.sessions() as s:
        return list(s.scalars(select(Alert)))


def test_a_calendar_not_published_is_said_on_the_list_and_the_work_order(
        svc: HallService, monkeypatch: pytest.MonkeyPatch) -> None:
    from ground import workdays

    monkeypatch.setattr(workdays, "_KNOWN", range(2004, 2026))  # as if 2026 were not published yet
    cid = file(svc)
    admin = token(svc, UserRole.ADMIN)
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        one = http.get(f"/api/complaints/{cid}", headers=admin).json()
        assert (one["calendar_unknown"], one["due_basis"], one["due_text"]) == (True, "provisional", "2026-02-16 24:00")
        listed = http.get("/complaints", headers={**admin, **HTML}).text
        assert "日历未公布" in listed and "2026-02-16 24:00" in listed  # Monday, weekends only meanwhile
        page = http.get(f"/complaints/{cid}", headers={**admin, **HTML}).text
        assert "日历未公布" in page and "尚无2026年法定节假日安排" in page and "暂按周一至周五计算" in page
