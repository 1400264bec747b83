"""The agent against a real Mosquitto: birth, status, events, broker restarts, the spool, credentials."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fleet_agent.agent import Agent
from fleet_agent.spool import Spool
from terminal.client import AgentClient
from tests.agent.harness import HALL, TERM, Watcher, make_ca_and_server_cert
from tests.support import wait_until
from wire.contract import EventPayload, Kind, StatePayload, StatusPayload
from wire.status import DeviceState, PaperLevel, PrinterStation, PrinterStatus
from zizhu.broker import MosquittoBroker
from zizhu.config import TerminalConfig


def printer(paper: PaperLevel) -> PrinterStatus:
    return PrinterStatus(name="printer", state=DeviceState.ONLINE,
                         stations={"receipt": PrinterStation(paper=paper, online=True)})


@pytest.fixture
def agents() -> Iterator[list[Agent]]:
    made: list[Agent] = []
    yield made
    for a in made:
        a.stop()


@pytest.fixture
def clients() -> Iterator[list[AgentClient]]:
    made: list[AgentClient] = []
    yield made
    for c in made:
        c.close()


def start(agents: list[Agent], cfg: TerminalConfig) -> Agent:
    a = Agent(cfg)
    agents.append(a)
    a.start()
    return a


def kiosk(clients: list[AgentClient], cfg: TerminalConfig) -> AgentClient:
    c = AgentClient(cfg.agent.socket_path, role="kiosk", reconnect_s=0.1)
    clients.append(c)
    c.start()
    assert c.wait_connected(10)
    return c


def events(w: Watcher) -> list[EventPayload]:
    return [e for e in w.of(Kind.EVENT) if isinstance(e, EventPayload)]


def test_birth_status_and_fault_events(broker: MosquittoBroker, config_for: Callable[..., TerminalConfig],
                                       watcher_for: Callable[..., Watcher], agents: list[Agent],
                                       clients: list[AgentClient]) -> None:
    cfg = config_for(broker.port)
    w = watcher_for(broker.port)
    a = start(agents, cfg)
    birth = w.wait_for(Kind.STATE, lambda p: p.online)
    assert isinstance(birth, StatePayload) and birth.session >= 1 and birth.keepalive_s == 2
    c = kiosk(clients, cfg)
    c.heartbeat()
    c.devices([printer(PaperLevel.OUT)])
    ev = w.wait_for(Kind.EVENT, lambda e: e.fault == "printer.receipt.paper_out")
    assert ev.action == "raised" and ev.session == birth.session and ev.seq >= 1
    st = w.wait_for(Kind.STATUS, lambda s: "printer.receipt.paper_out" in s.faults)
    assert isinstance(st, StatusPayload) and st.status.app.state == "running"
    assert st.status.device("printer") is not None and st.session == birth.session
    c.devices([printer(PaperLevel.FULL)])
    cleared = w.wait_for(Kind.EVENT, lambda e: e.action == "cleared")
    assert cleared.fault == "printer.receipt.paper_out" and cleared.seq == ev.seq + 1
    # Retained: a hall server that subscribes later still gets the birth and the newest status.
    late = watcher_for(broker.port)
    assert late.wait_for(Kind.STATE).online
    wait_until(lambda: any(r for t, _, r in late.messages if t.endswith("/status")), what="retained status")
    assert a.spool.pending() == 0 or wait_until(lambda: a.spool.pending() == 0, what="spool drained")


def test_kiosk_that_stops_heartbeats_raises_app_frozen(broker: MosquittoBroker,
                                                       config_for: Callable[..., TerminalConfig],
                                                       watcher_for: Callable[..., Watcher],
                                                       agents: list[Agent], clients: list[AgentClient]) -> None:
    cfg = config_for(broker.port)
    w = watcher_for(broker.port)
    start(agents, cfg)
    c = kiosk(clients, cfg)
    c.heartbeat()
    w.wait_for(Kind.STATUS, lambda s: s.status.app.state == "running")
    # No more heartbeats (the kiosk's UI thread hangs; its socket stays open) → frozen after 2 s.
    frozen = w.wait_for(Kind.EVENT, lambda e: e.fault == "app.frozen" and e.action == "raised")
    assert frozen.detail == ""
    c.heartbeat()
    w.wait_for(Kind.EVENT, lambda e: e.fault == "app.frozen" and e.action == "cleared")
    c.close()  # the app goes away entirely → crashed (down)
    w.wait_for(Kind.EVENT, lambda e: e.fault == "app.crashed" and e.action == "raised")


def test_broker_restart_delivers_every_event_once_in_order(
        persistent_broker: MosquittoBroker, config_for: Callable[..., TerminalConfig],
        watcher_for: Callable[..., Watcher], agents: list[Agent], clients: list[AgentClient]) -> None:
    b = persistent_broker
    cfg = config_for(b.port, frozen_after_s=60)  # a slow machine must not add an app.frozen event
    w = watcher_for(b.port, topics=f"zizhu/v1/{HALL}/{TERM}/event", persistent=True)
    a = start(agents, cfg)
    c = kiosk(clients, cfg)
    c.heartbeat()
    c.devices([printer(PaperLevel.OUT)])
    wait_until(lambda: len(events(w)) == 1, what="first event")
    wait_until(lambda: a.spool.pending() == 0, what="first event acknowledged")
    b.stop()
    wait_until(lambda: not a.link.connected, what="agent notices the broker is gone")
    first = a.link.session
    wait_until(lambda: a.link.session > first, what="a reconnect attempt (a new session) while the broker is down")
    # While the broker is down, the printer flaps: 10 more events, all into the spool.
    for i in range(10):
        c.heartbeat()
        c.devices([printer(PaperLevel.FULL if i % 2 == 0 else PaperLevel.OUT)])
        wait_until(lambda i=i: a.spool.pending() == i + 1, what=f"event {i + 2} spooled")
    b.start()  # same port, same persistent session of the watcher
    w.client.reconnect()
    wait_until(lambda: len(events(w)) >= 11, timeout=30, what="backlog delivered")
    wait_until(lambda: a.spool.pending() == 0, what="backlog acknowledged")
    seqs = [e.seq for e in events(w)]
    assert seqs == list(range(seqs[0], seqs[0] + 11)), seqs  # exactly once, in order, no gap
    assert [e.action for e in events(w)] == ["raised", "cleared"] * 5 + ["raised"]
    sessions = [e.session for e in events(w)]
    assert sessions == sorted(sessions) and sessions[-1] > sessions[0]  # each names the session it was seen in


def test_restart_with_a_full_store_loses_nothing(broker: MosquittoBroker, tmp_path: Path,
                                                 config_for: Callable[..., TerminalConfig],
                                                 watcher_for: Callable[..., Watcher], agents: list[Agent]) -> None:
    cfg = config_for(broker.port, agent_extra="expect_app = false")  # only the stored events, no app.crashed
    # An agent that ran offline earlier left 2,000 events in its store, and its counters.
    spool = Spool(cfg.agent.spool_path, cfg.agent.spool_max_events)
    spool.next_session()
    for i in range(2000):
        spool.append("event", lambda seq, i=i: EventPayload(
            terminal=TERM, seq=seq or 0, session=1, fault="printer.receipt.paper_out",
            action="raised" if i % 2 == 0 else "cleared").encode())
    spool.close()
    w = watcher_for(broker.port, topics=f"zizhu/v1/{HALL}/{TERM}/+")
    a = start(agents, cfg)
    birth = w.wait_for(Kind.STATE, lambda p: p.online)
    assert birth.session == 2  # continues the stored session number
    wait_until(lambda: len(events(w)) >= 2000, timeout=60, what="stored events delivered")
    assert [e.seq for e in events(w)] == list(range(1, 2001))
    wait_until(lambda: a.spool.pending() == 0, what="store emptied on PUBACK")
    assert 1 < a.link.peak_inflight <= cfg.agent.max_inflight  # fed out gradually, never all at once
    st = w.wait_for(Kind.STATUS, lambda s: s.last_seq == 2000)
    assert st.spool_dropped == 0


def test_spool_bound_drops_oldest_counted_and_logged(broker: MosquittoBroker,
                                                     config_for: Callable[..., TerminalConfig],
                                                     watcher_for: Callable[..., Watcher], agents: list[Agent],
                                                     caplog: pytest.LogCaptureFixture) -> None:
    cfg = config_for(broker.port, agent_extra="spool_max_events = 100\nexpect_app = false")
    spool = Spool(cfg.agent.spool_path, cfg.agent.spool_max_events)
    with caplog.at_level(logging.WARNING, logger="zizhu.agent.spool"):
        for _ in range(150):
            spool.append("event", lambda seq: EventPayload(terminal=TERM, seq=seq or 0, session=1,
                                                         fault="host.disk.filling", action="raised").encode())
    assert spool.pending() == 100 and spool.dropped == 50
    assert any("dropped the oldest" in r.getMessage() for r in caplog.records)
    spool.close()
    w = watcher_for(broker.port)
    start(agents, cfg)
    wait_until(lambda: len(events(w)) >= 100, what="the newest 100 delivered")
    assert [e.seq for e in events(w)] == list(range(51, 151))
    st = w.wait_for(Kind.STATUS, lambda s: s.spool_dropped == 50)
    assert st.last_seq == 150


def test_wrong_credentials_give_one_clear_error_per_attempt(password_broker: MosquittoBroker,
                                                            config_for: Callable[..., TerminalConfig],
                                                            agents: list[Agent],
                                                            caplog: pytest.LogCaptureFixture) -> None:
    b = password_broker
    cfg = config_for(b.port, mqtt_extra=f'username = "{TERM}"\npassword = "wrong"')
    with caplog.at_level(logging.ERROR, logger="zizhu.agent.mqtt"):
        a = start(agents, cfg)
        wait_until(lambda: a.link.refusals >= 3, what="three refused attempts")
        assert not a.link.connected and all(t.is_alive() for t in a._threads)
        a.stop()
        agents.remove(a)
    refused = [r for r in caplog.records if "refused the connection" in r.getMessage()]
    assert len(refused) == a.link.refusals  # one error per attempt, not a flood, not silence
    assert "username and password" in refused[0].getMessage()
    assert "wrong" not in refused[0].getMessage()  # the password is never logged
    # The right password, same broker: connects.
    cfg2 = config_for(b.port, mqtt_extra=f'username = "{TERM}"\npassword = "right-secret"')
    good = start(agents, cfg2)
    wait_until(lambda: good.link.connected, what="connected with the right password")


def test_tls_with_the_hall_ca_and_a_refused_certificate(tmp_path: Path, config_for: Callable[..., TerminalConfig],
                                                        agents: list[Agent],
                                                        caplog: pytest.LogCaptureFixture) -> None:
    with tempfile.TemporaryDirectory(prefix="zizhu-tls-") as d:
        os.chmod(d, 0o755)
        ca, cert, key = make_ca_and_server_cert(Path(d))
        other_ca, _, _ = make_ca_and_server_cert(Path(d), "other")
        # the shipped configuration's TLS listener (hall_server/data/mosquitto.conf), with this CA
        with MosquittoBroker(tls=(ca, cert, key)) as b:
            assert b.tls_port is not None
            tls_port = b.tls_port
            w = Watcher(b.port)  # the hall side, on the plain listener
            try:
                good = start(agents, config_for(tls_port, mqtt_extra=f'tls = true\nca_file = "{ca}"'))
                assert w.wait_for(Kind.STATE, lambda p: p.online).terminal == TERM
                assert good.link.connected
                good.stop()
                agents.remove(good)
                # A broker whose certificate is not signed by the configured CA: refused, said, retried.
                with caplog.at_level(logging.WARNING, logger="zizhu.agent.mqtt"):
                    bad = start(agents, config_for(tls_port, mqtt_extra=f'tls = true\nca_file = "{other_ca}"'))
                    wait_until(lambda: bad.link.last_error and "CERTIFICATE_VERIFY_FAILED" in bad.link.last_error,
                               what="certificate refused")
                    wait_until(lambda: sum("CERTIFICATE_VERIFY_FAILED" in r.getMessage()
                                           for r in caplog.records) >= 2, what="retried with backoff")
                assert not bad.link.connected and all(t.is_alive() for t in bad._threads)
            finally:
                w.close()
