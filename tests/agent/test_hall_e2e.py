"""The real agent and the real hall server on one Mosquitto: fault → incident, command → result, notice → app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fleet_agent.agent import Agent, command
from hall_server.db import Incident
from hall_server.service import HallService
from terminal.client import AgentClient
from tests.agent.harness import TERM
from tests.hall.harness import HALL, hall_config
from tests.support import wait_until
from wire.contract import CommandAction, NoticePayload
from wire.status import DeviceState, PaperLevel, PrinterStation, PrinterStatus
from zizhu.broker import MosquittoBroker
from zizhu.config import TerminalConfig


def printer(paper: PaperLevel) -> PrinterStatus:
    return PrinterStatus(name="printer", state=DeviceState.ONLINE,
                         stations={"receipt": PrinterStation(paper=paper, online=True)})


def incidents(svc: HallService, state: str | None = None) -> list[Incident]:
    with svc.sessions() as s:
        q = select(Incident).where(Incident.fault_code == "printer.receipt.paper_out")
        if state is not None:
            q = q.where(Incident.state == state)
        return list(s.scalars(q))


def test_agent_and_hall_server_end_to_end(broker: MosquittoBroker, tmp_path: Path,
                                          config_for: Callable[..., TerminalConfig]) -> None:
    hall_dir = tmp_path / "hall"
    hall_dir.mkdir()
    svc = HallService(hall_config(hall_dir, broker.port, None))
    svc.start(http=False)
    agent = Agent(config_for(broker.port))
    notices: list[dict[str, Any] | None] = []
    client = AgentClient(agent.cfg.agent.socket_path, on_notice=notices.append, reconnect_s=0.1)
    try:
        wait_until(svc.ingest.connected.is_set, what="hall connected")
        agent.start()
        client.start()
        assert client.wait_connected(20)
        client.heartbeat()
        client.devices([printer(PaperLevel.OUT)])
        wait_until(lambda: incidents(svc, "open"), what="the hall opens an incident for paper out")

        svc.ingest.send_command(command(TERM, CommandAction.REPORT_DIAGNOSTICS, cmd_id="e2e-diag"))
        wait_until(lambda: "e2e-diag" in svc.ingest.results, what="the diagnostics result at the hall")
        assert svc.ingest.results["e2e-diag"].ok

        svc.ingest.publish_notice(NoticePayload(hall=HALL, title="系统维护", message="自助服务暂停"))
        wait_until(lambda: notices and notices[-1] is not None and notices[-1]["title"] == "系统维护",
                   what="the hall's notice reaches the app through the agent")

        client.heartbeat()
        client.devices([printer(PaperLevel.FULL)])
        wait_until(lambda: incidents(svc, "resolved"), what="the paper refilled resolves the incident")
    finally:
        client.close()
        agent.stop()
        svc.stop()
