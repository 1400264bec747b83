"""The technician's maintenance screen by touch (kiosk/flows_maintenance.py, MaintenanceScreen.qml):
the hidden long-press, the PIN refused and accepted, a card, the terminal out of service while it
is open — at the hall, through a real agent on a real Mosquitto — a self-test and a test page on the
printer simulator, a locker slot opened for maintenance (the journal names the technician), a new
paper roll reported to the hall, and the return to service on leaving and after 5 minutes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from drivers.idcard.synthetic import CARDS
from fleet_agent.agent import Agent
from ground.clock import FakeClock
from terminal.config import load_terminal
from terminal.pinhash import make_hash
from tests.agent.harness import Watcher, write_config
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_agent import heard
from wire.contract import EventPayload, Kind, StatusPayload
from zizhu.broker import MosquittoBroker

pytestmark = pytest.mark.timeout(60)

PIN = "2468"
TECH = "T01"
KEYS = 'tts_engine = "mock"\nheartbeat_s = 0.5\npoll_s = 0.5'
LOCKER_KEYS = "door_open_alarm_s = 5.0\nopen_confirm_s = 1.0\ntimeout_s = 0.3"
_HASHES: dict[str, str] = {}


def technicians(card: str | None = None) -> str:
    """[kiosk.maintenance] with technician T01 (PIN 2468, and ``card``'s ID number when given)."""
    if "pin" not in _HASHES:
        _HASHES["pin"] = make_hash(PIN)
    out = f'[[kiosk.maintenance.technicians]]\nid = "{TECH}"\nname = "王工"\npin_hash = "{_HASHES["pin"]}"\n'
    if card is not None:
        out += f'card_hash = "{make_hash(CARDS[card].number)}"\n'
    return out


def make_rig(tmp_path: Path, *, locker: bool = False, card: str | None = None, extra: str = "") -> Any:
    """The simulators, with ``extra`` [kiosk.maintenance] keys before the technician."""
    from kiosk.simrig import SimRig

    return SimRig(workdir=tmp_path, today=TODAY, kiosk=KEYS, camera=False, locker=locker, locker_extra=LOCKER_KEYS,
                  maintenance=extra + technicians(card)).start()


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Any]:
    r = make_rig(tmp_path, locker=True)
    yield r
    r.stop()


def started(app: Any) -> Citizen:
    app.start()
    c = Citizen(app)
    c.wait_page("home")
    return c


def finish(app: Any) -> None:
    app.stop()
    spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings


def long_press(c: Citizen, name: str = "maintenanceCorner", seconds: float = 3.3) -> None:
    item = c.get(name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    at = QPoint(int(centre.x()), int(centre.y()))
    QTest.mousePress(c.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    spin(seconds)
    QTest.mouseRelease(c.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    spin(0.05)


def type_pin(c: Citizen, pin: str) -> None:
    for d in pin:
        c.tap(f"key_{d}")
    c.tap("maintenanceSubmit")


def open_maintenance(c: Citizen) -> None:
    long_press(c)
    c.wait_text("请输入维护密码，或放置技术员证件")
    type_pin(c, PIN)
    c.wait_text("维护中：本终端已暂停对外服务")


def journal(rig: Any) -> list[tuple[int, str, str, str]]:
    with sqlite3.connect(Path(rig.dir) / "locker.sqlite3") as db:
        return list(db.execute("SELECT slot, why, session, outcome FROM opens ORDER BY id"))


# -- with a real agent and the hall on the broker ---------------------------------------------------
@pytest.fixture
def agent(broker: MosquittoBroker, tmp_path: Path) -> Iterator[Agent]:
    home = tmp_path / "agent"
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


def test_pin_out_of_service_at_the_hall_self_test_test_page_roll_and_back(
        qapp: Any, tmp_path: Path, agent: Agent, hall: Watcher) -> None:
    (tmp_path / "rig").mkdir()
    rig = make_rig(tmp_path / "rig")
    app = make_app(rig, socket_path=str(agent.cfg.agent.socket_path))
    try:
        c = started(app)
        assert app.client is not None and app.client.wait_connected(10)
        heard(hall, Kind.STATUS, lambda p: isinstance(p, StatusPayload) and p.status.app.state == "running"
              and not p.out_of_service)
        c.tap("service_guide")  # a short tap is not the long press, wherever it lands
        c.wait_page("guide")
        c.tap("homeButton")
        c.wait_page("home")
        assert c.find("maintenanceScreen") is None

        long_press(c)
        c.wait_text("请输入维护密码，或放置技术员证件")
        type_pin(c, "1357")
        c.wait_text("维护密码错误，还可输入4次")
        assert c.find("maintenanceOutOfService") is None and not app.maintenance.flow.out_of_service
        type_pin(c, PIN)
        c.wait_text("维护中：本终端已暂停对外服务，退出维护或5分钟无操作后恢复服务")
        assert "王工" in c.screen_text()
        # The hall sees the terminal out of service, the one flag it shows for its own command too.
        heard(hall, Kind.STATUS, lambda p: isinstance(p, StatusPayload) and p.out_of_service
              and p.status.app.out_of_service)

        c.tap("selfTest_printer")  # zizhu diag's guard around the driver's self-test (its test page)
        c.wait_text("凭条打印机自检通过", 20)
        assert "测试页已打印" in c.screen_text()
        jobs_before = len(list((Path(rig.dir) / "print-jobs").glob("*")))
        c.tap("testPage")
        wait_for(lambda: app.maintenance.flow.notice == "page_printed" and not app.maintenance.flow.busy, 20,
                 "the test page printed")
        wait_for(lambda: len(list((Path(rig.dir) / "print-jobs").glob("*"))) > jobs_before, 10, "a new print job")

        c.tap("roll_receipt")
        c.wait_text("已确认更换凭条纸卷，已报告大厅")
        ev = heard(hall, Kind.EVENT, lambda p: isinstance(p, EventPayload) and p.action == "occurred")
        assert ev.fault == "printer.receipt.roll_replaced" and ev.detail == f"technician {TECH}"
        assert "无法连接大厅服务器" not in c.screen_text()  # no hall_url here: said as not configured
        assert "未配置大厅服务器地址，看不到故障单" in c.screen_text()

        c.tap("maintenanceLeave")
        wait_for(lambda: c.find("maintenanceScreen") is None, 5, "the maintenance screen gone")
        heard(hall, Kind.STATUS, lambda p: isinstance(p, StatusPayload) and not p.out_of_service
              and not p.status.app.out_of_service and p.status.app.state == "running")
        c.tap("service_guide")  # citizens again
        c.wait_page("guide")
    finally:
        finish(app)
        rig.stop()


# -- the kiosk alone ----------------------------------------------------------------------------
def test_a_slot_opened_for_maintenance_is_in_the_journal_with_the_technician(qapp: Any, rig: Any) -> None:
    app = make_app(rig)
    c = started(app)
    try:
        wait_for(lambda: "locker" in app.availability.devices, what="the locker polled")
        open_maintenance(c)
        # the slots' grid is laid out at the next frame (a tap before it lands on a button still at 0,0)
        wait_for(lambda: (b := c.find("slot_5")) is not None and b.parentItem().width() > 0, 5, "the slots laid out")
        c.tap("slot_5")
        c.wait_text("5号格口已打开，已记入开箱记录", 15)
        assert journal(rig) == [(5, f"maintenance:{TECH}", "maintenance", "opened")]
        c.wait_text("门开", 5)  # the next poll shows it open
        rig.locker.apply_event("door", {"slot": 5, "state": "closed"})
        c.tap("slot_5")  # again: a maintenance open is never "once"
        wait_for(lambda: len(journal(rig)) == 2, 15, "the second open journalled")
        c.tap("maintenanceLeave")
    finally:
        finish(app)


def test_five_minutes_untouched_return_the_terminal_to_service(qapp: Any, rig: Any) -> None:
    clock = FakeClock()
    app = make_app(rig, clock=clock)
    c = started(app)
    try:
        c.app.demo_rig.place_card("resident")  # a citizen was there: forgotten when the screen opens
        c.wait_text("您好，")
        open_maintenance(c)
        wait_for(lambda: app.session.state.value == "idle" and app.identity.card is None, 5, "the citizen forgotten")
        clock.advance(240)
        c.tap("selfTest_printer")  # a touch: the five minutes start again
        wait_for(lambda: not app.maintenance.flow.busy, 20, "the printer's self-test done")
        clock.advance(240)
        spin(0.6)
        assert app.maintenance.flow.out_of_service and c.find("maintenanceScreen") is not None
        assert app.session.state.value == "idle"  # the technician's touches start no citizen's session
        clock.advance(61)
        wait_for(lambda: c.find("maintenanceScreen") is None, 5, "the screen closed after 5 minutes")
        assert not app.maintenance.flow.out_of_service
        c.tap("service_guide")
        c.wait_page("guide")
    finally:
        finish(app)


def test_a_technicians_card_opens_the_screen_and_is_forgotten(qapp: Any, tmp_path: Path) -> None:
    rig = make_rig(tmp_path, card="resident")
    app = make_app(rig)
    c = started(app)
    try:
        long_press(c)
        c.wait_text("请输入维护密码，或放置技术员证件")
        rig.place_card("foreign_pr_2023")
        c.wait_text("此证件未登记为技术员证件", 10)
        assert app.identity.card is None and not app.maintenance.flow.out_of_service
        rig.remove_card()
        spin(0.5)
        rig.place_card("resident")
        c.wait_text("维护中：本终端已暂停对外服务", 20)
        assert app.identity.card is None and app.session.get("card") is None
        assert CARDS["resident"].name not in c.screen_text()
        c.tap("maintenanceLeave")
    finally:
        finish(app)
        rig.stop()
