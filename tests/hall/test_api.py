"""The HTTP API, the dashboard and the public status page, on a hall fed contract payloads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bench.fuzz_targets import admin_token
from ground.clock import FakeClock
from hall_server.registry import load_registry
from hall_server.service import HallService
from hall_server.simulate import healthy_status
from hall_server.web.app import create_app
from tests.hall.harness import hall_config
from wire.contract import StatePayload, StatusPayload
from wire.status import PaperLevel


@pytest.fixture
def svc(tmp_path: Path, repo_root: Path) -> Iterator[HallService]:
    service = HallService(hall_config(tmp_path, 1, None), clock=FakeClock(), tick=False)
    service.core.import_registry(load_registry(repo_root / "hall_server" / "data" / "registry.example.toml"))
    yield service
    service.engine.dispose()


@pytest.fixture
def api(svc: HallService) -> TestClient:
    """As a script calls the API: with an administrator's token (tests/hall/test_accounts* check the guards)."""
    return TestClient(create_app(svc), headers={"Authorization": f"Bearer {admin_token(svc)}"})


def feed(svc: HallService, term: str, paper: PaperLevel = PaperLevel.FULL, online: bool = True) -> None:
    clock = svc.core.clock
    assert isinstance(clock, FakeClock)
    clock.advance(1)
    st = healthy_status(paper)
    svc.core.process([StatePayload(terminal=term, online=online, session=1),
                      StatusPayload(terminal=term, session=1, status=st, faults=st.faults(), ts=clock.now())])


def test_terminals_masked_and_coloured(svc: HallService, api: TestClient) -> None:
    feed(svc, "t01")
    feed(svc, "t02", PaperLevel.OUT)
    feed(svc, "stray", PaperLevel.LOW)
    ts = {t["id"]: t for t in api.get("/api/terminals").json()}
    assert ts["t01"]["phone"] == "138****5678" and "13812345678" not in api.get("/api/terminals").text
    assert (ts["t01"]["colour"], ts["t02"]["colour"], ts["stray"]["colour"], ts["t03"]["colour"]) == (
        "green", "red", "yellow", "yellow")
    assert ts["stray"]["registered"] is False
    r = api.put("/api/terminals/stray", json={"name": "临时终端", "phone": "13900001111"})
    assert r.status_code == 200 and r.json()["registered"] is True and r.json()["phone"] == "139****1111"
    assert api.put("/api/terminals/stray", json={"phone": "call me"}).status_code == 422
    assert api.get("/api/terminals/t02").json()["last_status"] is not None
    assert api.get("/api/terminals/nope").status_code == 404


def test_acknowledge_and_resolve_through_api(svc: HallService, api: TestClient) -> None:
    feed(svc, "t01", PaperLevel.OUT)
    [inc] = api.get("/api/incidents").json()
    assert inc["tier"] == "general" and inc["deadline"]
    assert api.post(f"/api/incidents/{inc['id']}/acknowledge", json={"comment": 5}).status_code == 422
    r = api.post(f"/api/incidents/{inc['id']}/acknowledge", json={"comment": "马上换纸"})
    assert r.status_code == 200 and r.json()["state"] == "acknowledged"
    assert r.json()["acknowledged_by"] == "fuzz-admin"  # the token's user, not a name in the body
    assert api.post(f"/api/incidents/{inc['id']}/acknowledge", json={}).status_code == 409
    assert api.post(f"/api/incidents/{inc['id']}/resolve", json={"note": ""}).status_code == 422
    r = api.post(f"/api/incidents/{inc['id']}/resolve", json={"note": "已换纸", "by": "冒名者"})
    assert r.status_code == 200 and r.json()["resolution"] == "manual" and r.json()["resolved_by"] == "fuzz-admin"
    detail = api.get(f"/api/incidents/{inc['id']}").json()
    assert [e["action"] for e in detail["log"]] == ["opened", "acknowledged", "resolved"]
    assert detail["log"][1]["actor"] == "fuzz-admin" and detail["log"][1]["detail"] == "马上换纸"
    assert api.get("/api/incidents").json() == []
    assert len(api.get("/api/incidents?state=all").json()) == 1
    assert api.get("/api/incidents/999").status_code == 404


def test_shutdowns_and_notices(svc: HallService, api: TestClient) -> None:
    now = svc.core.clock.now()
    body = {"terminal_id": "t01", "reason": "季度保养", "starts_at": now.isoformat(),
            "ends_at": (now + timedelta(hours=2)).isoformat()}
    sd = api.post("/api/shutdowns", json=body).json()
    assert sd["state"] == "requested" and sd["requested_by"] == "fuzz-admin"
    assert api.post(f"/api/shutdowns/{sd['id']}/approve", json={}).json()["state"] == "approved"
    assert api.post(f"/api/shutdowns/{sd['id']}/reject", json={}).status_code == 409
    feed(svc, "t01", online=False)
    assert api.get("/api/incidents").json() == []
    assert [t["planned_offline"] for t in api.get("/api/terminals").json() if t["id"] == "t01"] == [True]
    assert api.post("/api/shutdowns", json={**body, "ends_at": now.isoformat()}).status_code == 422  # ends at its start

    notice = {"title": "系统升级", "message": "今晚22点至23点暂停自助服务"}
    n = api.post("/api/notices", json=notice).json()
    assert n["created_by"] == "fuzz-admin"
    assert api.get("/api/status").json()["notices"][0]["title"] == "系统升级"
    assert "今晚22点" in api.get("/status").text
    assert api.delete(f"/api/notices/{n['id']}").status_code == 200
    assert api.get("/api/notices").json() == []


def test_dashboard_openapi_metrics(svc: HallService, api: TestClient) -> None:
    feed(svc, "t01", PaperLevel.OUT)
    page = api.get("/").text
    assert "打印纸用完" in page and "card red" in page and "138****5678" not in page
    assert "<script>" not in page and "<script src=\"/static/vendor/htmx.min.js\"" in page
    spec = api.get("/openapi.json").json()
    assert {"/api/incidents/{incident_id}/acknowledge", "/api/shutdowns", "/api/notices", "/api/terminals"} <= set(
        spec["paths"])
    metrics = api.get("/metrics").text
    assert 'zizhu_hall_open_incidents{tier="general"} 1.0' in metrics
