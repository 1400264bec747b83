"""Every bad HTTP input is a 4xx, never a 500: ids past 64 bits, lone surrogates, naive or reversed
shutdown windows, bad enum values, huge bodies, values JSON cannot carry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bench.fuzz_targets import admin_token, hall_service
from hall_server.service import HallService
from hall_server.web.app import MAX_BODY_BYTES, create_app

BIG_IDS = ["9223372036854775808", "18446744073709551616", "99999999999999999999", "-9223372036854775809", "0", "-1"]
WINDOW = {"terminal_id": "t01", "reason": "季度保养", "starts_at": "2024-05-01T22:00:00+08:00",
          "ends_at": "2024-05-01T23:00:00+08:00"}


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[HallService]:
    with hall_service(tmp_path) as service:  # registry example, t01 with paper out (incident #1)
        yield service


@pytest.fixture
def api(svc: HallService) -> Iterator[TestClient]:
    with TestClient(create_app(svc), raise_server_exceptions=True,
                    headers={"Authorization": f"Bearer {admin_token(svc)}"}) as client:
        yield client


def _is_4xx(status: int) -> bool:
    return 400 <= status < 500


@pytest.mark.parametrize("big", BIG_IDS)
def test_ids_past_64_bits_are_refused(api: TestClient, big: str) -> None:
    calls = [("GET", f"/api/incidents/{big}", None),
             ("POST", f"/api/incidents/{big}/acknowledge", {}),
             ("POST", f"/api/incidents/{big}/resolve", {"note": "已处理"}),
             ("DELETE", f"/api/notices/{big}", None),
             ("POST", f"/api/shutdowns/{big}/approve", {}),
             ("POST", f"/api/shutdowns/{big}/reject", {}),
             ("GET", f"/incidents/{big}", None),
             ("POST", f"/incidents/{big}/acknowledge", None),
             ("POST", f"/shutdowns/{big}/approve", None),
             ("POST", f"/notices/{big}/clear", None)]
    for method, url, body in calls:
        r = api.request(method, url, json=body)
        assert _is_4xx(r.status_code), (method, url, r.status_code, r.text)
        if big.lstrip("-").isdigit() and abs(int(big)) >= 2**63:
            assert r.status_code == 422, (method, url)


def test_ids_within_64_bits_are_not_found_not_refused(api: TestClient) -> None:
    assert api.get(f"/api/incidents/{2**63 - 1}").status_code == 404
    assert api.delete(f"/api/notices/{2**63 - 1}").status_code == 404


@pytest.mark.parametrize(("method", "url", "body"), [
    ("POST", "/api/incidents/1/acknowledge", {"comment": "\ud800"}),
    ("POST", "/api/incidents/1/acknowledge", {"comment": "a\udfffb"}),
    ("POST", "/api/incidents/1/resolve", {"note": "\ud800"}),
    ("POST", "/api/notices", {"title": "\ud800", "message": "m"}),
    ("POST", "/api/notices", {"title": "t", "message": "\ud83d"}),
    ("POST", "/api/shutdowns", {**WINDOW, "reason": "\ud800"}),
    ("POST", "/api/shutdowns", {**WINDOW, "terminal_id": "\ud800"}),
    ("POST", "/api/shutdowns/1/approve", {"note": "\ud800"}),
    ("PUT", "/api/terminals/t09", {"name": "\ud800"}),
    ("PUT", "/api/terminals/t09", {"devices": ["printer", "\ud800"]}),
    ("POST", "/api/terminals/t01/commands", {"action": "self_test", "device": "\ud800"}),
    ("POST", "/api/terminals/t01/commands", {"action": "out_of_service", "params": {"on": "\ud800"}}),
])
def test_lone_surrogates_are_refused(api: TestClient, method: str, url: str, body: dict[str, object]) -> None:
    # httpx would refuse to encode a surrogate; the bytes a hostile client sends are JSON escapes
    raw = _json_with_escapes(body)
    r = api.request(method, url, content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422, (url, r.status_code, r.text)


def test_surrogates_in_queries_never_reach_the_database(api: TestClient) -> None:
    for url in ("/api/incidents?terminal=%ED%A0%80", "/api/notices/1?by=%ED%A0%80", "/api/terminals/%ED%A0%80",
                "/incidents?terminal=%ED%A0%80&person=%ED%A0%80", "/terminals/%ED%A0%80"):
        method = "DELETE" if url.startswith("/api/notices") else "GET"
        r = api.request(method, url)
        assert r.status_code < 500, (url, r.status_code)


def test_naive_shutdown_times_are_refused(api: TestClient) -> None:
    for field in ("starts_at", "ends_at"):
        r = api.post("/api/shutdowns", json={**WINDOW, field: "2024-05-01T22:30:00"})
        assert r.status_code == 422 and field in r.text, r.text


def test_shutdown_ending_before_it_starts_is_refused(api: TestClient) -> None:
    r = api.post("/api/shutdowns", json={**WINDOW, "ends_at": "2024-05-01T21:00:00+08:00"})
    assert r.status_code == 422 and "end after it starts" in r.text
    r = api.post("/api/shutdowns", json={**WINDOW, "ends_at": WINDOW["starts_at"]})
    assert r.status_code == 422


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "1999-12-31T00:00:00Z",
                                  "not a time", "1e400"])
def test_shutdown_times_out_of_range_are_refused(api: TestClient, when: str) -> None:
    r = api.post("/api/shutdowns", json={**WINDOW, "starts_at": when})
    assert r.status_code == 422, r.text


def test_a_good_shutdown_still_works(api: TestClient) -> None:
    r = api.post("/api/shutdowns", json=WINDOW)
    assert r.status_code == 200, r.text
    assert r.json()["starts_at"].startswith("2024-05-01T14:00:00")  # stored in UTC


@pytest.mark.parametrize(("method", "url", "body"), [
    ("GET", "/api/incidents?state=closed", None),
    ("GET", "/api/incidents?limit=0", None),
    ("GET", "/api/incidents?limit=99999999999999999999", None),
    ("GET", "/api/alerts?limit=-1", None),
    ("GET", "/api/terminals/t01/availability?days=nan", None),
    ("GET", "/api/terminals/t01/availability?days=inf", None),
    ("GET", "/api/terminals/t01/availability?days=1e400", None),
    ("POST", "/api/terminals/t01/commands", {"action": "format_disk"}),
    ("POST", "/api/terminals/t01/commands", {"action": "self_test", "expires_s": 2**70}),
    ("POST", "/api/terminals/t01/commands", {"action": "self_test", "device": "p" * 65}),
    ("PUT", "/api/terminals/T%20X", {"name": "x"}),
    ("PUT", "/api/terminals/" + "t" * 64, {"name": "x"}),
    ("PUT", "/api/terminals/t09", {"phone": "call me"}),
    ("POST", "/api/shutdowns", {**WINDOW, "starts_at": 12}),
])
def test_bad_values_are_refused(api: TestClient, method: str, url: str, body: object) -> None:
    r = api.request(method, url, json=body)
    assert _is_4xx(r.status_code), (url, r.status_code, r.text)


@pytest.mark.parametrize("raw", [b'{"comment":NaN}', b'{"comment":Infinity}',
                                 b'{"comment":-Infinity}', b'{"comment":1e400}',
                                 b'{"x":1,' + b'"c":[' * 5000 + b']' * 5000 + b"}", b'{"comment":"x"', b"\xff\xfe",
                                 b'{"comment":"\xff"}', b"[]", b"null"])
def test_bodies_json_cannot_carry_are_refused(api: TestClient, raw: bytes) -> None:
    r = api.post("/api/incidents/1/acknowledge", content=raw, headers={"content-type": "application/json"})
    assert _is_4xx(r.status_code), (raw[:40], r.status_code, r.text)
    r.json()  # the refusal itself is JSON


def test_huge_bodies_are_refused(api: TestClient) -> None:
    big = b'{"title":"t","message":"' + b"x" * (MAX_BODY_BYTES + 10) + b'"}'
    r = api.post("/api/notices", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413

    def chunks() -> Iterator[bytes]:  # no content-length: counted as it streams
        yield b'{"title":"t","message":"'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    r = api.post("/api/notices", content=chunks(), headers={"content-type": "application/json"})
    assert _is_4xx(r.status_code)
    assert api.get("/api/notices").json() == []


def test_non_finite_floats_from_a_terminal_do_not_break_the_api(svc: HallService, api: TestClient) -> None:
    """A status whose float is not finite (built in memory; JSON cannot carry one) still renders."""
    from wire.contract import StatusPayload
    from wire.status import HostHealth, TerminalStatus

    clock = svc.core.clock
    clock.advance(5)  # type: ignore[attr-defined]
    st = TerminalStatus(host=HostHealth(power="ac", battery_percent=float("inf"), cpu_temp_c=float("nan")))
    svc.core.process([StatusPayload(terminal="t02", session=1, status=st, ts=clock.now())])
    r = api.get("/api/terminals/t02")
    assert r.status_code == 200, r.text
    host = r.json()["last_status"]["status"]["host"]
    assert host["battery_percent"] is None and host["cpu_temp_c"] is None


def _json_with_escapes(body: dict[str, object]) -> bytes:
    import json
    return json.dumps(body, ensure_ascii=True).encode("ascii")
