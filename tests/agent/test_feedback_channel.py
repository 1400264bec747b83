"""Ratings and complaints on the local channel: the kiosk hears ``accepted`` only once the message is
in the agent's durable spool; a refusal names the message; an absent agent is a clear failure."""

from __future__ import annotations

import json
import socket
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest

from fleet_agent.agent import Agent
from fleet_agent.spool import Spool
from terminal.client import AgentClient, AgentUnavailable, FeedbackRefused
from tests.agent.harness import TERM, Watcher
from tests.support import wait_until
from wire.contract import ComplaintPayload, Kind, RatingPayload
from wire.feedback import PhoneError, make_keypair, new_id, open_phone
from zizhu.broker import MosquittoBroker
from zizhu.config import TerminalConfig

CST = timezone(timedelta(hours=8))
PHONE = "13912345678"


@pytest.fixture
def agent_on(broker: MosquittoBroker, config_for: Callable[..., TerminalConfig]) -> Iterator[Agent]:
    a = Agent(config_for(broker.port))
    a.start()
    yield a
    a.stop()


@pytest.fixture
def client(agent_on: Agent) -> Iterator[AgentClient]:
    c = AgentClient(agent_on.cfg.agent.socket_path, role="kiosk", reconnect_s=0.1)
    c.start()
    assert c.wait_connected(10)
    yield c
    c.close()


def test_rating_and_complaint_are_accepted_once_spooled_and_reach_the_broker(
        agent_on: Agent, client: AgentClient, watcher_for: Callable[..., Watcher], broker: MosquittoBroker) -> None:
    private, public = make_keypair()
    w = watcher_for(broker.port)
    at = datetime(2026, 12, 4, 11, 30, tzinfo=CST)
    r = client.rate(item_code="150100-001", item_name="社保卡补换", level=2, tags=["等待太久"], rated_at=at)
    c = client.complain(category="办不成事", matter=f"材料齐全仍被退回，我的手机{PHONE}，身份证150102199001011234",
                        phone=PHONE, hall_public_key=public, case_no="2026-0042", filed_at=at)
    assert r.seq is not None and c.seq == r.seq + 1
    # accepted means on disk: a second reader of the spool file sees both rows now
    rows = Spool(agent_on.cfg.agent.spool_path).peek(0, 100)
    assert {row.kind for row in rows} >= {"rating", "complaint"}
    rating: RatingPayload = w.wait_for(Kind.RATING, lambda p: p.id == r.id)
    complaint: ComplaintPayload = w.wait_for(Kind.COMPLAINT, lambda p: p.id == c.id)
    assert (rating.terminal, rating.level, rating.tags, rating.item_name) == (TERM, 2, ["等待太久"], "社保卡补换")
    assert rating.rated_at == at and rating.rated_at.utcoffset() == timedelta(hours=8)
    assert complaint.category == "办不成事" and complaint.case_no == "2026-0042"
    # numbers typed into the matter are masked before the spool: only the sealed phone is whole
    assert complaint.matter == "材料齐全仍被退回，我的手机139****5678，身份证1501**********1234"
    assert PHONE not in complaint.phone_sealed and open_phone(private, complaint.phone_sealed) == PHONE
    assert not any(PHONE.encode() in raw for _, raw in w.raw)
    # the hall's acknowledgement covers them like events: the spool forgets them
    wait_until(lambda: agent_on.spool.hall_acked >= c.seq, 20, "the ratings acknowledged")
    assert agent_on.diagnostics()["agent"]["feedback_accepted"] == 2


def test_the_same_id_twice_is_one_spooled_message(agent_on: Agent, client: AgentClient) -> None:
    rid = new_id()
    first = client.rate(item_code="x1", item_name="事项", level=5, rating_id=rid)
    again = client.rate(item_code="x1", item_name="事项", level=5, rating_id=rid)
    assert first.seq == again.seq and agent_on.feedback_accepted == 1


def test_a_refused_rating_names_its_id_and_the_channel_carries_on(agent_on: Agent, client: AgentClient) -> None:
    rid = new_id()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(str(agent_on.cfg.agent.socket_path))
    with s:
        s.recv(65536)  # welcome
        s.sendall(json.dumps({"type": "rating", "id": rid, "item_code": "x", "item_name": "y", "level": 9,
                              "rated_at": "2026-12-04T11:30:00+08:00"}).encode() + b"\n")
        answer = json.loads(s.recv(65536).split(b"\n")[0])
    assert answer["type"] == "refused" and answer["id"] == rid and "level" in answer["reason"]
    # built in Python, the client checks before sending: the same refusal, nothing spooled
    with pytest.raises(FeedbackRefused) as refused:
        client.rate(item_code="x", item_name="y", level=0)
    assert "level" in refused.value.detail and refused.value.reason
    assert agent_on.feedback_accepted == 0
    assert client.rate(item_code="x", item_name="y", level=3).seq is not None


def test_a_phone_out_of_shape_is_refused_before_anything_is_sent(agent_on: Agent, client: AgentClient) -> None:
    _, public = make_keypair()
    with pytest.raises(PhoneError) as bad:
        client.complain(category="投诉", matter="m", phone="1391234567", hall_public_key=public)
    assert "11位" in bad.value.reason and "1391234567" not in str(bad.value)
    assert agent_on.feedback_accepted == 0


def test_without_an_agent_the_kiosk_is_told_at_once(tmp_path: object) -> None:
    c = AgentClient(f"{tmp_path}/absent.sock", reconnect_s=0.1)
    c.start()
    try:
        with pytest.raises(AgentUnavailable) as down:
            c.rate(item_code="x", item_name="y", level=4, timeout=1.0)
        assert "未能提交" in down.value.reason
    finally:
        c.close()


def test_a_spool_whose_disk_refuses_writes_promises_nothing(agent_on: Agent, client: AgentClient) -> None:
    spool = agent_on.spool
    assert client.rate(item_code="x", item_name="y", level=5).seq is not None
    # The disk goes read-only under the agent (SQLite refuses writes even to root in this mode).
    # Under the spool's lock: the link's thread reads through the same connection (closing it under a
    # read in flight crashed the interpreter now and then).
    with spool._lock:
        assert spool._db is not None
        spool._db.close()
        spool._db = sqlite3.connect(f"file:{spool.path}?mode=ro", uri=True, check_same_thread=False,
                                    isolation_level=None)
    with pytest.raises(AgentUnavailable) as held:
        client.rate(item_code="x", item_name="y", level=4)
    assert "not durable" in held.value.detail and "未能确认提交" in held.value.reason
    assert agent_on.feedback_refused == 1 and spool.in_memory == 1  # still held, may still go out


def test_two_sends_of_one_id_in_flight_both_hear_the_answer(agent_on: Agent, client: AgentClient) -> None:
    from wire import local

    msg = local.Rating(id=new_id(), item_code="x", item_name="y", level=5,
                       rated_at=datetime(2026, 12, 4, 9, 0, tzinfo=CST))
    first, second = client.submit(msg), client.submit(msg)
    assert first.result(10).id == second.result(10).id == msg.id
    assert first.result().seq == second.result().seq and agent_on.feedback_accepted == 1


def test_a_roll_change_with_an_id_is_answered_once_it_is_on_disk(
        agent_on: Agent, client: AgentClient, watcher_for: Callable[..., Watcher], broker: MosquittoBroker) -> None:
    from wire.contract import EventPayload

    w = watcher_for(broker.port)
    eid = new_id()
    first = client.occurred("printer.receipt.roll_replaced", "technician T07", event_id=eid)
    again = client.occurred("printer.receipt.roll_replaced", "technician T07", event_id=eid)  # not heard: sent again
    assert first.seq is not None and again.seq == first.seq
    rows = Spool(agent_on.cfg.agent.spool_path).peek(0, 100)  # accepted means on disk
    assert [row.seq for row in rows if row.kind == "event"].count(first.seq) == 1
    ev: EventPayload = w.wait_for(Kind.EVENT, lambda p: p.seq == first.seq)
    assert (ev.fault, ev.action, ev.detail) == ("printer.receipt.roll_replaced", "occurred", "technician T07")
    # a code that is not an occurrence is refused where it enters, with its id; nothing spooled
    with pytest.raises(FeedbackRefused):
        client.occurred("printer.receipt.paper_out", "x")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(str(agent_on.cfg.agent.socket_path))
    with s:
        s.recv(65536)  # welcome
        bad = new_id()
        s.sendall(json.dumps({"type": "event", "id": bad, "code": "printer.receipt.paper_out"}).encode() + b"\n")
        answer = json.loads(s.recv(65536).split(b"\n")[0])
    assert answer == {"type": "refused", "id": bad, "reason": "event: code is not an occurrence of the contract",
                      "retry": False}
    assert agent_on.events_accepted == 1


def test_without_an_agent_a_roll_change_is_not_promised(tmp_path: object) -> None:
    c = AgentClient(f"{tmp_path}/absent.sock", reconnect_s=0.1)
    c.start()
    try:
        with pytest.raises(AgentUnavailable):
            c.occurred("printer.journal.roll_replaced", "technician T07", timeout=1.0)
    finally:
        c.close()
