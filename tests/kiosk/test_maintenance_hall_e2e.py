"""The maintenance screen end to end: the kiosk on the simulators, a real fleet agent, a real
Mosquitto and a real hall server (ingest, database, HTTP API). The hall shows the terminal out of
service while the screen is open and back in service after; the printer's paper runs out, the hall
opens its incident and the screen lists it through the hall's API with a viewer's token; a new
receipt roll confirmed on the screen is stored at the hall as an occurrence, and opens no incident."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from fleet_agent.agent import Agent
from hall_server import accounts
from hall_server.db import EventSeen
from hall_server.service import HallService
from terminal.config import load_terminal
from tests.agent.harness import TERM, write_config
from tests.hall.harness import hall_config, open_incidents
from tests.kiosk.conftest import make_app
from tests.kiosk.kioskharness import wait_for
from tests.kiosk.test_kiosk_maintenance import finish, make_rig, open_maintenance, started
from zizhu.broker import MosquittoBroker

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def hall(broker: MosquittoBroker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HallService]:
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    d = tmp_path / "hall"
    d.mkdir()
    svc = HallService(hall_config(d, broker.port, None))
    svc.start()
    wait_for(svc.ingest.connected.is_set, 20, "the hall on the broker")
    yield svc
    svc.stop()


@pytest.fixture
def agent(broker: MosquittoBroker, tmp_path: Path) -> Iterator[Agent]:
    home = tmp_path / "agent"
    home.mkdir()
    a = Agent(load_terminal(write_config(home, broker.port, frozen_after_s=5)))
    a.start()
    yield a
    a.stop()


def snapshot_oos(svc: HallService) -> bool | None:
    mem = svc.core.terminals.get(TERM)
    return None if mem is None or mem.snapshot is None else bool(mem.snapshot.out_of_service)


def test_the_hall_sees_maintenance_lists_its_incident_and_stores_the_roll_change(
        qapp: Any, tmp_path: Path, hall: HallService, agent: Agent) -> None:
    accounts.create_user(hall.sessions, "viewer", accounts.UserRole.VIEWER, "the right password")
    token = accounts.issue_token(hall.sessions, "viewer", "terminal maintenance screen")
    assert hall.http_port
    (tmp_path / "rig").mkdir()
    rig = make_rig(tmp_path / "rig", extra=f'hall_url = "http://127.0.0.1:{hall.http_port}"\nhall_token = "{token}"\n')
    app = make_app(rig, socket_path=str(agent.cfg.agent.socket_path))
    try:
        c = started(app)
        wait_for(lambda: snapshot_oos(hall) is False, 30, "the terminal in service at the hall")
        rig.printer_model.apply_event("paper", {"value": "out"})
        wait_for(lambda: any(i.fault_code == "printer.receipt.paper_out" for i in open_incidents(hall)), 30,
                 "the hall's incident for the paper")

        open_maintenance(c)
        wait_for(lambda: snapshot_oos(hall) is True, 20, "the terminal out of service at the hall")
        c.wait_text("printer.receipt.paper_out", 15)  # the hall's open incident, by its code …
        assert "无法连接大厅服务器" not in c.screen_text()

        rig.printer_model.apply_event("paper", {"value": "full"})  # the technician puts a new roll in …
        wait_for(lambda: "receipt" in app.maintenance.flow.view()["stations"], 5, "the printer's stations")
        c.tap("roll_receipt")  # … and says so
        c.wait_text("已确认更换凭条纸卷，已报告大厅")

        def roll_rows() -> list[EventSeen]:
            with hall.sessions() as s:
                return list(s.scalars(select(EventSeen).where(EventSeen.action == "occurred")))

        rows = wait_for(roll_rows, 20, "the roll change stored at the hall")
        assert [(r.terminal_id, r.fault) for r in rows] == [(TERM, "printer.receipt.roll_replaced")]
        assert not any(i.fault_code.endswith("roll_replaced") for i in open_incidents(hall))

        c.tap("incidentsRefresh")  # the paper is back: the hall resolves its incident, the list says so
        wait_for(lambda: not any(i.fault_code == "printer.receipt.paper_out" for i in open_incidents(hall)), 30,
                 "the paper incident resolved at the hall")
        c.tap("incidentsRefresh")
        c.wait_text("没有未处理的故障", 15)

        c.tap("maintenanceLeave")
        wait_for(lambda: snapshot_oos(hall) is False, 20, "the terminal back in service at the hall")
    finally:
        finish(app)
        rig.stop()
