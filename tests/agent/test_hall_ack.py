"""The agent's side of end-to-end acknowledgement, and hostile messages on the topics it reads.

A real Mosquitto; the hall is played by the harness's Watcher, with its own acknowledgements off
(``acks=False``) wherever a test publishes the hall's acks by hand.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fleet_agent import link
from fleet_agent.agent import Agent
from terminal.client import AgentClient
from tests.agent.harness import HALL, TERM, Watcher
from tests.agent.test_agent_mqtt import agents, clients, kiosk, printer, start
from tests.support import wait_until
from wire.contract import AckPayload, EventPayload, Kind, NoticePayload, notice_topic, terminal_topic
from wire.status import PaperLevel
from zizhu.broker import MosquittoBroker
from zizhu.config import TerminalConfig

__all__ = ["agents", "clients"]  # fixtures, used by name

ACK_TOPIC = terminal_topic(HALL, TERM, Kind.ACK)


def seqs(w: Watcher) -> list[int]:
    return [e.seq for e in w.of(Kind.EVENT) if isinstance(e, EventPayload)]


def flap(c: AgentClient, a: Agent, n: int) -> None:
    """``n`` fault events: the printer's paper out, in, out, …"""
    first = a.spool.last_seq
    for i in range(n):
        c.heartbeat()
        c.devices([printer(PaperLevel.OUT if i % 2 == 0 else PaperLevel.FULL)])
        wait_until(lambda i=i: a.spool.last_seq >= first + i + 1, what=f"event {i + 1} accepted")


def ack(w: Watcher, seq: int, epoch: int = 1, resend: bool = False) -> None:
    w.publish(ACK_TOPIC, AckPayload(terminal=TERM, seq=seq, epoch=epoch, resend=resend).encode(), retain=True)


def test_events_stay_until_the_hall_has_stored_them(
        broker: MosquittoBroker, config_for: Callable[..., TerminalConfig], watcher_for: Callable[..., Watcher],
        agents: list[Agent], clients: list[AgentClient]) -> None:
    cfg = config_for(broker.port, agent_extra="hall_ack_timeout_s = 600\nexpect_app = false")
    w = watcher_for(broker.port, acks=False)
    a = start(agents, cfg)
    c = kiosk(clients, cfg)
    flap(c, a, 4)
    wait_until(lambda: len(seqs(w)) >= 4, what="four events delivered")
    assert a.spool.pending() == 4  # the broker acknowledged all four; the hall stored none
    ack(w, 2)
    wait_until(lambda: a.spool.pending() == 2, what="the two stored forgotten")
    assert a.spool.hall_acked == 2 and a.spool.floor() == 2
    st = w.wait_for(Kind.STATUS, lambda s: s.spool_floor == 2 and s.spool_pending == 2)
    assert st.last_seq == 4
    # An ack beyond anything we numbered is not believed: nothing is forgotten on its word.
    bad = a.link.bad_acks
    ack(w, 10_000)
    wait_until(lambda: a.link.bad_acks == bad + 1, what="the impossible ack refused")
    assert a.spool.pending() == 2
    ack(w, 4)
    wait_until(lambda: a.spool.pending() == 0, what="all stored")


@pytest.fixture
def eager_rewind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each request to send again is heard, however close together (the agent allows one a second)."""
    monkeypatch.setattr(link, "REWIND_MIN_INTERVAL_S", 0.0)


@pytest.mark.usefixtures("eager_rewind")
def test_a_new_hall_epoch_or_a_resend_request_sends_again_what_is_not_stored(
        broker: MosquittoBroker, config_for: Callable[..., TerminalConfig], watcher_for: Callable[..., Watcher],
        agents: list[Agent], clients: list[AgentClient]) -> None:
    cfg = config_for(broker.port, agent_extra="hall_ack_timeout_s = 600\nexpect_app = false")
    w = watcher_for(broker.port, acks=False)
    a = start(agents, cfg)
    c = kiosk(clients, cfg)
    flap(c, a, 3)
    wait_until(lambda: len(seqs(w)) >= 3, what="three events delivered")
    ack(w, 1, epoch=7)
    wait_until(lambda: a.spool.pending() == 2, what="the first stored")
    assert sorted(seqs(w)) == [1, 2, 3]
    ack(w, 1, epoch=8)  # the hall reconnected: whatever the broker held for it may be gone
    wait_until(lambda: seqs(w).count(2) == 2 and seqs(w).count(3) == 2, what="2 and 3 sent again")
    assert seqs(w).count(1) == 1 and a.link.resends == 1
    ack(w, 2, epoch=8, resend=True)  # the hall saw a gap above 2
    wait_until(lambda: seqs(w).count(3) == 3, what="3 sent again on request")
    assert seqs(w).count(2) == 2


def test_silence_from_the_hall_sends_again_after_the_timeout(
        broker: MosquittoBroker, config_for: Callable[..., TerminalConfig], watcher_for: Callable[..., Watcher],
        agents: list[Agent], clients: list[AgentClient]) -> None:
    cfg = config_for(broker.port, agent_extra="hall_ack_timeout_s = 1\nexpect_app = false")
    w = watcher_for(broker.port, acks=False)
    a = start(agents, cfg)
    c = kiosk(clients, cfg)
    flap(c, a, 1)
    wait_until(lambda: seqs(w).count(1) >= 2, what="event 1 sent again when the hall said nothing")
    n = a.link.resends
    ack(w, 1)
    wait_until(lambda: a.spool.pending() == 0, what="stored at last")
    assert a.link.resends == n  # nothing more once stored


def test_hostile_notices_and_acks_do_not_stop_the_link(
        broker: MosquittoBroker, config_for: Callable[..., TerminalConfig], watcher_for: Callable[..., Watcher],
        agents: list[Agent], clients: list[AgentClient]) -> None:
    """A retained notice with an invalid UTF-8 byte killed every agent's MQTT thread, at every restart."""
    w = watcher_for(broker.port, acks=False)
    w.publish(notice_topic(HALL), b'{"hall":"h1","title":"\xff","message":""}', retain=True)
    w.publish(ACK_TOPIC, b'{"terminal":"t01","seq":"\xff"}', retain=True)
    cfg = config_for(broker.port, agent_extra="expect_app = false")
    a = start(agents, cfg)
    c = kiosk(clients, cfg)
    wait_until(lambda: a.link.subscribed, what="connected and subscribed")  # else a bad ack could beat SUBACK
    for bad in (b"\xff\xfe", b'{"terminal":"t01","seq":1,"epoch":1,"extra":1}', b"[1,2]",
                b'{"terminal":"t01","seq":' + b"9" * 30 + b',"epoch":1}'):
        w.publish(ACK_TOPIC, bad)
    wait_until(lambda: a.link.bad_acks >= 5, what="every bad ack counted")
    good = NoticePayload(hall=HALL, title="系统维护", message="部分终端暂停服务")
    w.publish(notice_topic(HALL), good.encode(), retain=True)
    wait_until(lambda: (a._notice or {}).get("title") == "系统维护", what="the good notice taken")
    assert a.healthy() and a.link.connected and a.link.loop_errors == 0
    flap(c, a, 1)
    wait_until(lambda: seqs(w) == [1], what="events still flow")
