"""The kiosk with a real fleet agent on a real Mosquitto: what the hall sees and what it can make the kiosk do.

The agent runs in this process (as tests/agent do) on the kiosk's socket path; the kiosk owns the
simulated printer and ID card reader (the agent runs without ``--devices``); a :class:`Watcher`
plays the hall — it reads the terminal's status and command results, sends commands, and
publishes the retained public notice exactly as the hall server does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fleet_agent.agent import Agent, command
from terminal.config import load_terminal
from tests.agent.harness import HALL, TERM, Watcher, write_config
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, really_visible, spin, wait_for, walk
from wire.contract import CommandAction, CommandResultPayload, Kind, NoticePayload, StatusPayload, notice_topic
from wire.status import DeviceState
from zizhu.broker import MosquittoBroker

pytestmark = pytest.mark.timeout(60)

# The kiosk beats often and polls its devices often, so the hall sees it within a second or two.
KIOSK_KEYS = 'tts_engine = "mock"\nheartbeat_s = 0.5\npoll_s = 0.5'


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk=KIOSK_KEYS, camera=False, locker=False).start()
    yield r
    r.stop()


@pytest.fixture
def agent(broker: MosquittoBroker, tmp_path: Path) -> Iterator[Agent]:
    """The terminal's agent, expecting an app, with no devices of its own (the kiosk owns them)."""
    home = tmp_path / "agent"  # beside the rig's files: its own terminal.toml, socket and spool
    home.mkdir()
    a = Agent(load_terminal(write_config(home, broker.port, frozen_after_s=5)))
    a.start()
    yield a
    a.stop()


@pytest.fixture
def hall(broker: MosquittoBroker) -> Iterator[Watcher]:
    w = Watcher(broker.port)
    yield w
    w.close()


def start_kiosk(rig: Any, agent: Agent) -> Any:
    app = make_app(rig, socket_path=str(agent.cfg.agent.socket_path))
    app.start()
    Citizen(app).wait_page("home")
    return app


@pytest.fixture
def kiosk(qapp: Any, rig: Any, agent: Agent) -> Iterator[Citizen]:
    app = start_kiosk(rig, agent)
    assert app.client is not None and app.client.wait_connected(10)
    yield Citizen(app)
    app.stop()
    spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings


def closed_texts(c: Citizen) -> str | None:
    """The words on the full-screen closed screen, or None while it is not shown."""
    screen = c.find("closedScreen")
    if screen is None:
        return None
    return "\n".join(str(it.property("text")) for it in walk(screen)
                     if it.inherits("QQuickText") and really_visible(it) and it.property("text"))


def wait_closed(c: Citizen, fragment: str = "咨询电话：") -> str:
    words: str = wait_for(lambda: (t := closed_texts(c)) is not None and fragment in t and t, 10,
                          f"the closed screen showing {fragment!r}")
    return words


def wait_open(c: Citizen) -> None:
    wait_for(lambda: c.find("closedScreen") is None and c.app.availability.closed is None, 10,
             "the closed screen gone")


def heard(w: Watcher, kind: Kind, pred: Callable[[Any], bool], timeout: float = 15.0) -> Any:
    """What the hall received, waited for with the kiosk's event loop turning (Watcher.wait_for
    blocks it: the kiosk's heartbeats, sent from the UI thread, would stop — a frozen app)."""
    return wait_for(lambda: next((p for p in w.of(kind) if pred(p)), None), timeout, f"a {kind.value} at the hall")


def result_of(w: Watcher, cmd_id: str) -> CommandResultPayload:
    r = heard(w, Kind.CMD_RESULT, lambda p: isinstance(p, CommandResultPayload) and p.id == cmd_id)
    assert isinstance(r, CommandResultPayload)
    return r


def kiosk_seen(p: Any) -> bool:
    """The app running on its heartbeats (not only just connected) and both its devices online."""
    if not isinstance(p, StatusPayload) or p.status.app.state != "running" or p.status.app.last_heartbeat is None:
        return False
    devices = {name: p.status.device(name) for name in ("printer", "idcard")}
    return all(d is not None and d.state == DeviceState.ONLINE for d in devices.values())


def test_the_hall_sees_the_kiosk_alive_with_its_devices(kiosk: Citizen, agent: Agent, hall: Watcher) -> None:
    status = heard(hall, Kind.STATUS, kiosk_seen)
    assert status.terminal == TERM and not status.out_of_service
    assert not [f for f in status.faults if f.startswith(("printer.", "idcard.", "app."))], status.faults
    with agent.local.lock:
        peers = list(agent.local.peers.values())
    assert len(peers) == 1
    hello = peers[0].hello
    assert hello is not None and hello.role == "kiosk" and hello.pid == os.getpid()
    assert peers[0].device_names == {"printer", "idcard"}
    first = peers[0].last_heartbeat  # and the heartbeats go on, from the UI thread's timer
    wait_for(lambda: peers[0].last_heartbeat != first, 5, "another heartbeat")


def test_a_hall_self_test_of_the_printer_is_answered_by_the_kiosk(kiosk: Citizen, hall: Watcher) -> None:
    heard(hall, Kind.STATUS, kiosk_seen)
    before = len(kiosk.app.demo_rig.printer_model.slips())
    hall.send_command(command(TERM, CommandAction.SELF_TEST, cmd_id="kst-1", device="printer"))
    r = result_of(hall, "kst-1")
    assert r.ok, r.detail
    assert r.action == CommandAction.SELF_TEST and r.detail.startswith("测试页已打印")
    assert r.data["device"] == "printer" and r.data["ok"] is True
    assert len(kiosk.app.demo_rig.printer_model.slips()) == before + 1  # the test page, on the kiosk's paper

    hall.send_command(command(TERM, CommandAction.SELF_TEST, cmd_id="kst-2", device="locker"))
    assert not result_of(hall, "kst-2").ok  # a device nobody reports here


def test_out_of_service_closes_the_terminal_and_ends_the_session(kiosk: Citizen, hall: Watcher) -> None:
    kiosk.app.demo_rig.place_card("resident")
    kiosk.wait_text("您好，")
    assert kiosk.app.session.state.value == "active"

    hall.send_command(command(TERM, CommandAction.OUT_OF_SERVICE, cmd_id="oos-on", params={"on": True}))
    assert result_of(hall, "oos-on").ok
    words = wait_closed(kiosk)
    assert "咨询电话：" + kiosk.app.hall_info.hotline in words  # the hall's hotline, from the back end
    wait_for(lambda: kiosk.app.session.state.value == "idle", what="the session ended")
    assert kiosk.app.identity.card is None and kiosk.app.session.get("card") is None
    assert "您好，" not in kiosk.screen_text()
    # The kiosk tells the agent it shows the closed screen; the hall sees the terminal out of service.
    heard(hall, Kind.STATUS, lambda p: p.out_of_service and p.status.app.out_of_service)
    kiosk.tap("service_guide")  # under the closed screen: the touch goes nowhere
    spin(0.3)
    assert kiosk.shown_page() == "home"

    hall.send_command(command(TERM, CommandAction.OUT_OF_SERVICE, cmd_id="oos-off", params={"on": False}))
    assert result_of(hall, "oos-off").ok
    wait_open(kiosk)
    kiosk.tap("service_guide")
    kiosk.wait_page("guide")


def test_the_halls_retained_notice_closes_the_terminal_until_cleared(kiosk: Citizen, hall: Watcher) -> None:
    notice = NoticePayload(hall=HALL, title="业务系统维护中", message="预计今晚22时恢复，请到人工窗口办理")
    hall.publish(notice_topic(HALL), notice.encode(), retain=True)
    words = wait_closed(kiosk, "业务系统维护中")
    assert "预计今晚22时恢复" in words and "咨询电话：" in words
    hall.publish(notice_topic(HALL), b"", retain=True)  # the hall withdraws it: an empty retained payload
    wait_open(kiosk)
    kiosk.tap("service_progress")
    kiosk.wait_page("progress")


def test_a_restarted_kiosk_comes_back_in_the_state_the_hall_left_it(qapp: Any, rig: Any, agent: Agent,
                                                                     hall: Watcher) -> None:
    """The agent keeps out-of-service and the retained notice; a kiosk that restarts (restart_app,
    a crash) must come back closed, not open to citizens while the hall thinks it is closed."""
    hall.send_command(command(TERM, CommandAction.OUT_OF_SERVICE, cmd_id="oos-1", params={"on": True}))
    assert result_of(hall, "oos-1").ok
    first = start_kiosk(rig, agent)
    try:
        c = Citizen(first)
        wait_closed(c)  # told by the agent's welcome: no command comes again
        hall.send_command(command(TERM, CommandAction.OUT_OF_SERVICE, cmd_id="oos-2", params={"on": False}))
        wait_open(c)
    finally:
        first.stop()
        spin(0.05)
    hall.publish(notice_topic(HALL), NoticePayload(hall=HALL, title="停电检修", message="").encode(), retain=True)
    wait_for(lambda: agent._notice is not None, 10, "the agent holding the notice")
    second = start_kiosk(rig, agent)
    try:
        wait_closed(Citizen(second), "停电检修")  # the notice the agent sends on the kiosk's hello
    finally:
        second.stop()
        spin(0.05)
    assert first.qml_warnings == [] and second.qml_warnings == [], first.qml_warnings + second.qml_warnings
