"""政务专递 on a real hall server's API and pages (docs/mailing.md): a terminal's mailing request in the list,
masked; 寄出 → 送达 / 退回 by HANDLE_COMPLAINTS roles only (the wrong role refused), bad input a 4xx in Chinese;
the address in clear only to those roles, each showing audited. SQLite and PostgreSQL, a real broker."""

from __future__ import annotations

from datetime import datetime

import httpx

from hall_server import accounts
from hall_server.accounts import UserRole
from hall_server.service import HallService
from tests.hall.test_workorders_api import CST, HTML, svc, token  # noqa: F401  (svc: the fixture)
from wire.contract import RequestPayload
from wire.feedback import new_id, seal_record

PERSONAL = {"recipient": "王小明", "phone": "13912345678", "region": "内蒙古自治区鄂尔多斯市东胜区",
            "street": "新迁路8号3单元401"}


def mail(svc: HallService, seq: int = 1) -> str:  # noqa: F811
    p = RequestPayload(terminal="t01", seq=seq, session=1, id=new_id(), service="mailing", ref=f"YJ20260213{seq:04d}",
                       item_code="150602-SC-0001", item_name="个体工商户设立登记", case_no="1506020500000213",
                       name_masked="王**", sealed=seal_record(svc.public_key, PERSONAL),  # type: ignore[attr-defined]
                       made_at=datetime(2026, 2, 13, 15, 0, tzinfo=CST))
    assert svc.core.process([p])[0][0] == "accepted"
    return p.id


def test_the_steps_on_the_api_with_roles_and_bad_input(svc: HallService) -> None:  # noqa: F811
    mid = mail(svc)
    admin, centre, maint, viewer = (token(svc, r) for r in (UserRole.ADMIN, UserRole.CENTRE, UserRole.MAINTENANCE,
                                                              UserRole.VIEWER))
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        [row] = http.get("/api/mailings", headers=viewer).json()
        assert (row["id"], row["state"], row["recipient"], row["phone"], row["street"]) == (
            mid, "requested", "王**", "139****5678", "新迁路8****")
        for who in (maint, viewer):
            r = http.post(f"/api/mailings/{mid}/send", json={"tracking_no": "1234567890123"}, headers=who)
            assert r.status_code == 403 and "办理投诉工单" in r.json()["detail"]
            assert http.get(f"/api/mailings/{mid}/address", headers=who).status_code == 403
        r = http.post(f"/api/mailings/{mid}/send", json={"tracking_no": "12"}, headers=admin)
        assert r.status_code == 422 and "邮件号应为8至30位" in r.json()["detail"]
        r = http.post(f"/api/mailings/{mid}/delivered", json={}, headers=admin)
        assert r.status_code == 409 and "只有“已寄出”的邮件可以登记送达" in r.json()["detail"]
        assert http.get("/api/mailings", params={"state": "lost"}, headers=viewer).status_code == 422
        r = http.post(f"/api/mailings/{new_id()}/send", json={"tracking_no": "1234567890123"}, headers=admin)
        assert r.status_code == 404 and "没有邮寄申请" in r.json()["detail"]
        r = http.post(f"/api/mailings/{mid}/send", json={"tracking_no": "ea123456789cn"}, headers=centre)
        assert r.status_code == 200 and (r.json()["state"], r.json()["tracking_no"]) == ("sent", "EA123456789CN")
        r = http.post(f"/api/mailings/{mid}/returned", json={"reason": " "}, headers=admin)
        assert r.status_code == 422 and "请填写退回原因" in r.json()["detail"]
        assert http.post(f"/api/mailings/{mid}/delivered", json={"note": "本人签收"}, headers=admin).json()[
            "state"] == "delivered"
        one = http.get(f"/api/mailings/{mid}", headers=viewer).json()
        assert [(s["action"], s["actor"]) for s in one["steps"]] == [
            ("requested", "system"), ("sent", "centre"), ("delivered", "admin")]
        assert [m["id"] for m in http.get("/api/mailings", params={"state": "delivered"}, headers=viewer).json()] \
            == [mid]
        assert not any(v in http.get(f"/api/mailings/{mid}", headers=admin).text for v in PERSONAL.values()
                       if v != PERSONAL["region"])
        shown = http.get(f"/api/mailings/{mid}/address", headers=centre)
        assert shown.status_code == 200 and {k: shown.json()[k] for k in PERSONAL} == PERSONAL
    actions = [(e.actor, e.action) for e in accounts.audit_entries(svc.sessions, target=f"mailing:{mid}")]
    assert sorted(actions) == [("admin", "mailing.delivered"), ("centre", "mailing.address_shown"),
                               ("centre", "mailing.sent")]


def test_the_pages_forms_and_the_address_button(svc: HallService) -> None:  # noqa: F811
    mid = mail(svc)
    admin, maint = token(svc, UserRole.ADMIN), token(svc, UserRole.MAINTENANCE)
    hx = {"HX-Request": "true", **HTML}
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        listed = http.get("/mailings", headers={**maint, **HTML})
        assert listed.status_code == 200 and "YJ202602130001" in listed.text and "139****5678" in listed.text
        assert not any(v in listed.text for v in ("王小明", "13912345678", "新迁路8号3单元401"))
        assert http.get("/mailings", params={"state": "lost"}, headers={**maint, **HTML}).status_code == 422
        detail = http.get(f"/mailings/{mid}", headers={**maint, **HTML})
        assert detail.status_code == 200 and "您的角色只能查看邮寄申请" in detail.text
        assert "显示完整收件信息" not in detail.text
        assert http.post(f"/mailings/{mid}/send", data={"tracking_no": "1234567890123"},
                         headers={**maint, **HTML}).status_code == 403
        r = http.post(f"/mailings/{mid}/send", data={"tracking_no": ""}, headers={**admin, **HTML})
        assert r.status_code == 422 and "请填写邮件号" in r.text
        r = http.post(f"/mailings/{mid}/send", data={"tracking_no": "1234567890123"}, headers={**admin, **HTML})
        assert r.status_code == 200 and "已寄出，邮件号 1234567890123" in r.text and 'id="delivered-form"' in r.text
        r = http.post(f"/mailings/{mid}/returned", data={"reason": "查无此人"}, headers={**admin, **HTML})
        assert r.status_code == 200 and "已登记退回" in r.text and 'id="send-form"' in r.text
        page = http.get(f"/mailings/{mid}", headers={**admin, **HTML}).text
        assert "显示完整收件信息" in page and "新迁路8号3单元401" not in page
        assert http.post(f"/mailings/{mid}/address", headers={**maint, **hx}).status_code == 403
        shown = http.post(f"/mailings/{mid}/address", headers={**admin, **hx})
        assert shown.status_code == 200 and "新迁路8号3单元401" in shown.text and "13912345678" in shown.text
    seen = [e.actor for e in accounts.audit_entries(svc.sessions, target=f"mailing:{mid}")
            if e.action == "mailing.address_shown"]
    assert seen == ["admin"]
