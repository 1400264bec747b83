"""The hall server's ratings and complaints: through its ingest (an unknown kind of message ignored
with a count, ingest carrying on), on its API with the phone masked for everyone, in clear only for
the roles that call back, and every showing in the audit log. A real hall server on a real broker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import msgspec
import pytest
from argon2 import PasswordHasher

from hall_server import accounts
from hall_server.accounts import UserRole
from hall_server.config import FeedbackConfig
from hall_server.keys import write_keypair
from hall_server.service import HallService
from tests.hall.harness import HALL, hall_config
from tests.support import wait_until
from wire.contract import ComplaintPayload, Kind, RatingPayload, terminal_topic
from wire.feedback import new_id, seal_phone
from zizhu.broker import MosquittoBroker

CST = timezone(timedelta(hours=8))
PHONE = "13955501234"


@pytest.fixture
def svc(broker: MosquittoBroker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HallService]:
    key = tmp_path / "hall-feedback.key"
    public = write_keypair(key)
    cfg = hall_config(tmp_path, broker.port, None)
    cfg = msgspec.structs.replace(cfg, feedback=FeedbackConfig(private_key_file=key, rectification_days=7))
    s = HallService(cfg)
    s.public_key = public  # type: ignore[attr-defined]  # for the tests below
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s.start()
    wait_until(s.ingest.connected.is_set, what="hall connected")
    yield s
    s.stop()


def feed(svc: HallService, topic: str, payload: bytes) -> None:
    """Hand one message to the hall's ingest exactly as its MQTT link does (connection, mid, qos, topic, body)."""
    svc.ingest._on_messages([(0, 0, 0, topic, payload)])


def token(svc: HallService, role: UserRole) -> dict[str, str]:
    accounts.create_user(svc.sessions, role.value, role, "the right password")
    return {"Authorization": f"Bearer {accounts.issue_token(svc.sessions, role.value, 'tests')}"}


def test_an_unknown_kind_is_ignored_with_a_count_and_ingest_carries_on(svc: HallService) -> None:
    feed(svc, f"zizhu/v1/{HALL}/t01/survey", b'{"v":1,"terminal":"t01","seq":1,"answers":[1,2]}')
    feed(svc, f"zizhu/v1/{HALL}/t01/rating/v2", b"\xff not even json")
    assert svc.ingest.unknown_kinds == 2 and svc.ingest.tally()[("unknown_kind", "ignored")] == 2
    r = RatingPayload(terminal="t01", seq=1, session=1, id=new_id(), item_code="x", item_name="事项", level=4,
                      rated_at=datetime(2026, 12, 4, 10, 0, tzinfo=CST))
    feed(svc, terminal_topic(HALL, "t01", Kind.RATING), r.encode())
    wait_until(lambda: svc.ingest.tally().get(("rating", "accepted")) == 1, what="the next rating stored")
    assert svc.healthy()


def test_the_api_masks_the_phone_and_shows_it_only_to_call_back_roles_with_an_audit_entry(
        svc: HallService) -> None:
    at = datetime(2026, 2, 13, 16, 0, tzinfo=CST)
    c = ComplaintPayload(terminal="t01", seq=2, session=1, id=new_id(), category="办不成事", matter="材料齐全仍被退回",
                         phone_sealed=seal_phone(svc.public_key, PHONE), case_no="2026-0042",  # type: ignore[attr-defined]
                         filed_at=at)
    bad = RatingPayload(terminal="t01", seq=1, session=1, id=new_id(), item_code="150100-001", item_name="社保卡补换",
                        level=1, tags=["等待太久"], rated_at=at)
    assert [o for o, _ in svc.core.process([bad, c])] == ["accepted", "accepted"]
    viewer, admin, centre, maint = (token(svc, r) for r in (UserRole.VIEWER, UserRole.ADMIN, UserRole.CENTRE,
                                                              UserRole.MAINTENANCE))
    with httpx.Client(base_url=svc.base_url, timeout=10) as http:
        ratings = http.get("/api/ratings", params={"bad": "true"}, headers=viewer).json()
        assert [(r["id"], r["level"], r["rectification"]["state"]) for r in ratings] == [(bad.id, 1, "待核实")]
        assert datetime.fromisoformat(ratings[0]["rectification"]["deadline"]) == at + timedelta(days=7)
        assert http.get("/api/ratings", params={"level": 5}, headers=viewer).json() == []
        assert http.get("/api/ratings", params={"level": 9}, headers=viewer).status_code == 422
        assert http.get("/api/ratings", params={"since": "2026-02-14", "until": "2026-02-13"},
                        headers=viewer).status_code == 422
        for far in ({"since": "0001-01-01", "until": "0004-04-03"}, {"until": "9999-12-31"}):  # found by the fuzzer
            for route in ("/api/ratings", "/api/complaints"):
                r = http.get(route, params=far, headers=viewer)
                assert r.status_code == 422 and "1970-01-01" in r.text, (route, far, r.text)
        listed = http.get("/api/complaints", params={"category": "办不成事", "since": "2026-02-13"}, headers=viewer)
        assert listed.status_code == 200, listed.text
        [one] = listed.json()
        assert (one["order_no"], one["state"], one["phone"], one["phone_masked"]) == (
            f"T01-20260213-{c.id.replace('-', '')[:6].upper()}", "已受理", "139****1234", True)
        assert datetime.fromisoformat(one["due_at"]) == datetime(2026, 2, 15, 0, 0, tzinfo=CST)
        for who in (admin, centre):  # the administrators' and the centre's lists are masked too
            assert PHONE not in http.get("/api/complaints", headers=who).text
            assert PHONE not in http.get(f"/api/complaints/{c.id}", headers=who).text
        for who in (viewer, maint):
            refused = http.get(f"/api/complaints/{c.id}/phone", headers=who)
            assert refused.status_code == 403 and "回访" in refused.json()["detail"]
        shown = http.get(f"/api/complaints/{c.id}/phone", headers=centre)
        assert shown.status_code == 200 and shown.json()["phone"] == PHONE
        assert http.get(f"/api/complaints/{new_id()}/phone", headers=admin).status_code == 404
    entries = [e for e in accounts.audit_entries(svc.sessions) if e.action == "complaint.phone_shown"]
    assert [(e.actor, e.target) for e in entries] == [("centre", f"complaint:{c.id}")]
    assert PHONE not in entries[0].detail
