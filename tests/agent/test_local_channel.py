"""The local Unix-socket channel: schema, garbage, the client class; and remote commands through it."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fleet_agent.agent import Agent, command
from fleet_agent.devicehost import DeviceHost
from terminal.client import AgentClient
from tests.agent.harness import TERM, FakePrinter, Watcher
from tests.support import wait_until
from wire.contract import CommandAction, CommandResultPayload, Kind, StatusPayload
from wire.status import PaperLevel
from zizhu.broker import MosquittoBroker
from zizhu.config import TerminalConfig


@pytest.fixture
def agent_on(broker: MosquittoBroker, config_for: Callable[..., TerminalConfig]) -> Iterator[Agent]:
    a = Agent(config_for(broker.port))
    a.start()
    yield a
    a.stop()


def raw_connect(path: Path) -> socket.socket:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(str(path))
    return s


def read_lines(s: socket.socket, n: int) -> list[dict[str, object]]:
    buf = b""
    while buf.count(b"\n") < n:
        chunk = s.recv(65536)
        assert chunk, "agent closed the channel"
        buf += chunk
    return [json.loads(line) for line in buf.split(b"\n")[:n]]


def test_garbage_is_refused_logged_without_content_and_the_agent_carries_on(
        agent_on: Agent, watcher_for: Callable[..., Watcher], broker: MosquittoBroker,
        caplog: pytest.LogCaptureFixture) -> None:
    w = watcher_for(broker.port)
    s = raw_connect(agent_on.cfg.agent.socket_path)
    with s, caplog.at_level(logging.WARNING, logger="zizhu.agent.local"):
        assert read_lines(s, 1)[0]["type"] == "welcome"
        garbage = [
            b"hello agent, 150102199001011234\n",                # not JSON, carries an ID number
            b"\xff\xfe\x00\n",                                   # not UTF-8
            b"[1, 2, 3]\n",                                      # not an object
            b'{"type": "reboot"}\n',                             # unknown type
            b'{"type": "devices", "devices": [{"kind": "printer"}]}\n',   # device without a name
            b'{"type": "heartbeat", "out_of_service": "yes", "x": 1}\n',  # extra key, wrong type
            b"x" * (1024 * 1024 + 10) + b"\n",                   # over MAX_LINE
        ]
        for line in garbage:
            s.sendall(line)
        replies = read_lines(s, len(garbage))
        assert [r["type"] for r in replies] == ["error"] * len(garbage)
        assert "longer than" in str(replies[-1]["reason"])
        # The same connection still works: a valid heartbeat makes the app "running".
        s.sendall(b'{"type": "hello", "role": "kiosk", "pid": 1}\n{"type": "heartbeat"}\n')
        w.wait_for(Kind.STATUS, lambda p: p.status.app.state == "running")
    assert agent_on.local.refused_lines == len(garbage)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert logged.count("refused a line") == len(garbage)
    assert "150102199001011234" not in logged and "hello agent" not in logged
    assert all(t.is_alive() for t in agent_on._threads)


def test_client_reconnects_and_resends_its_devices(broker: MosquittoBroker,
                                                   config_for: Callable[..., TerminalConfig],
                                                   watcher_for: Callable[..., Watcher]) -> None:
    cfg = config_for(broker.port)
    w = watcher_for(broker.port)
    client = AgentClient(cfg.agent.socket_path, reconnect_s=0.1)
    client.start()  # before the agent: it waits for it
    fake = FakePrinter()
    assert client.devices([fake.status()]) is False
    a = Agent(cfg)
    a.start()
    try:
        assert client.wait_connected(20)
        client.heartbeat()
        w.wait_for(Kind.STATUS, lambda p: p.status.device("printer") is not None)
    finally:
        a.stop()
    wait_until(lambda: not client.connected, what="client notices the agent left")
    a2 = Agent(cfg)  # restarted agent, same socket path
    a2.start()
    try:
        assert client.wait_connected(20)
        client.heartbeat()
        wait_until(lambda: a2._status.device("printer") is not None, what="devices re-sent after reconnect")
    finally:
        client.close()
        a2.stop()


def result_of(w: Watcher, cmd_id: str) -> CommandResultPayload:
    r = w.wait_for(Kind.CMD_RESULT, lambda p: isinstance(p, CommandResultPayload) and p.id == cmd_id)
    assert isinstance(r, CommandResultPayload)
    return r


def test_remote_commands_through_the_device_host(agent_on: Agent, broker: MosquittoBroker,
                                                 watcher_for: Callable[..., Watcher]) -> None:
    w = watcher_for(broker.port)
    fake = FakePrinter()
    host = DeviceHost([("printer", fake)], str(agent_on.cfg.agent.socket_path), poll_s=0.2, heartbeat_s=0.5)
    host.start()
    try:
        assert host.client.wait_connected(20)
        host.client.heartbeat()
        w.wait_for(Kind.STATUS, lambda p: p.status.device("printer") is not None)
        # The device host polls: paper out on the device becomes a raised fault.
        fake.paper = PaperLevel.OUT
        ev = w.wait_for(Kind.EVENT, lambda e: e.fault == "printer.receipt.paper_out")
        assert ev.detail == "缺纸"

        w.send_command(command(TERM, CommandAction.SELF_TEST, cmd_id="st-1", device="printer"))
        r = result_of(w, "st-1")
        assert r.ok and r.action == CommandAction.SELF_TEST and r.data["summary"] == "自检通过"
        assert fake.self_tests == 1

        w.send_command(command(TERM, CommandAction.PRINT_TEST_PAGE, cmd_id="tp-1", device="printer"))
        assert result_of(w, "tp-1").ok  # a printer without print_test_page(): its self-test prints it
        assert fake.self_tests == 2

        w.send_command(command(TERM, CommandAction.SELF_TEST, cmd_id="st-2", device="camera"))
        assert "camera" in result_of(w, "st-2").detail

        w.send_command(command(TERM, CommandAction.OUT_OF_SERVICE, cmd_id="oos-1", params={"on": True}))
        assert result_of(w, "oos-1").ok
        w.wait_for(Kind.STATUS, lambda p: p.out_of_service)
        wait_until(lambda: host.client.out_of_service, what="the app told")
        w.send_command(command(TERM, CommandAction.OUT_OF_SERVICE, cmd_id="oos-2", params={"on": "maybe"}))
        assert not result_of(w, "oos-2").ok

        w.send_command(command(TERM, CommandAction.REPORT_DIAGNOSTICS, cmd_id="diag-1"))
        diag = result_of(w, "diag-1")
        assert diag.ok and diag.data["agent"]["mqtt_connected"] is True
        assert diag.data["apps"][0]["role"] == "devicehost"

        # restart_app_command = [] here: the agent asks the app, and the device host declines.
        w.send_command(command(TERM, CommandAction.RESTART_APP, cmd_id="rs-1"))
        assert not result_of(w, "rs-1").ok

        # Stale, malformed and unknown commands: answered with a failure, never executed.
        w.send_command(command(TERM, CommandAction.SELF_TEST, cmd_id="old-1", device="printer", ttl_s=-5),
                       expiry_s=None)
        assert "expired" in result_of(w, "old-1").detail
        w.send_command(b"{not json")
        assert not result_of(w, "invalid").ok
        bad = command(TERM, CommandAction.SELF_TEST, cmd_id="rm-1", device="printer").encode()
        w.send_command(bad.replace(b"self_test", b"rm_rf"))
        assert not result_of(w, "rm-1").ok
        assert fake.self_tests == 2
        # A command delivered twice (QoS 1 may) runs once.
        again = command(TERM, CommandAction.SELF_TEST, cmd_id="st-3", device="printer")
        w.send_command(again)
        w.send_command(again)
        assert result_of(w, "st-3").ok
        wait_until(lambda: fake.self_tests == 3, what="third self-test")
        st = w.wait_for(Kind.STATUS, lambda p: isinstance(p, StatusPayload) and p.out_of_service)
        assert st.terminal == TERM
        assert sum(1 for p in w.of(Kind.CMD_RESULT) if p.id == "st-3") == 1
    finally:
        host.stop()


def test_personal_data_in_a_device_reason_never_leaves_the_terminal(
        agent_on: Agent, broker: MosquittoBroker, watcher_for: Callable[..., Watcher]) -> None:
    from wire.status import DeviceState, IdCardReaderStatus

    w = watcher_for(broker.port)
    client = AgentClient(agent_on.cfg.agent.socket_path, reconnect_s=0.1)
    client.start()
    try:
        assert client.wait_connected(20)
        client.heartbeat()
        # A careless driver put the last card's number into its reason.
        client.devices([IdCardReaderStatus(name="idcard", state=DeviceState.HARDWARE_ERROR,
                                           reason="读卡失败 150102199001011234 13812345678")])
        w.wait_for(Kind.EVENT, lambda e: e.fault == "idcard.hardware_error")
        w.wait_for(Kind.STATUS, lambda p: p.status.device("idcard") is not None)
    finally:
        client.close()
    everything = b"".join(body for _t, body in w.raw)
    assert b"150102199001011234" not in everything and b"13812345678" not in everything
    assert b"1501**********1234" in everything


def test_a_flood_of_garbage_is_counted_but_not_logged_line_by_line(agent_on: Agent,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    s = raw_connect(agent_on.cfg.agent.socket_path)
    with s, caplog.at_level(logging.WARNING, logger="zizhu.agent.local"):
        read_lines(s, 1)  # welcome
        s.sendall(b"junk\n" * 300)
        replies = read_lines(s, 300)
        assert {r["type"] for r in replies} == {"error"}
    wait_until(lambda: agent_on.local.refused_lines == 300, what="all refused")
    logged = [r for r in caplog.records if "refused a line" in r.getMessage()]
    assert len(logged) == 10 + 3  # the first ten, then the 100th, 200th and 300th
