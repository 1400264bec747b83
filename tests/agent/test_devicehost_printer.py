"""The device host with the production receipt printer driver against its TCP simulator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drivers.base import make_device
from drivers.printer.config import PrinterConfig
from drivers.printer.simmodel import PrinterModel
from drivers.printer.simserver import PrinterSimulator
from fleet_agent.agent import Agent, command
from fleet_agent.devicehost import DeviceHost
from tests.agent.harness import TERM, Watcher
from wire.contract import CommandAction, CommandResultPayload, Kind
from wire.status import DeviceState
from zizhu.broker import MosquittoBroker
from zizhu.config import TerminalConfig


def test_paper_out_and_a_remote_test_page_on_a_real_printer(broker: MosquittoBroker, tmp_path: Path,
                                                             config_for: Callable[..., TerminalConfig],
                                                             watcher_for: Callable[..., Watcher]) -> None:
    sim = PrinterSimulator(PrinterModel())
    sim.start()
    agent = Agent(config_for(broker.port))
    cfg = PrinterConfig.from_data({"connection": {"connector": "network", "host": "127.0.0.1",
                                                       "port": sim.port}, "timeout_s": 5.0,
                                        "status_timeout_s": 2.0})
    host = DeviceHost([("printer", make_device("printer", cfg))], str(agent.cfg.agent.socket_path),
                      poll_s=0.3, heartbeat_s=0.5)
    w = watcher_for(broker.port)
    try:
        agent.start()
        host.start()
        w.wait_for(Kind.STATUS, lambda p: p.status.device("printer") is not None
                   and p.status.device("printer").state == DeviceState.ONLINE)
        w.send_command(command(TERM, CommandAction.PRINT_TEST_PAGE, cmd_id="tp-1", device="printer"))
        r = w.wait_for(Kind.CMD_RESULT, lambda p: isinstance(p, CommandResultPayload) and p.id == "tp-1", timeout=60)
        assert r.ok, r.detail
        assert sim.model.lines_printed > 0  # the test page really went over the wire
        sim.model.apply_event("paper", {"value": "out"})
        ev = w.wait_for(Kind.EVENT, lambda e: e.fault == "printer.receipt.paper_out")
        assert ev.action == "raised" and ev.detail  # the driver's reason, for the administrator
        sim.model.apply_event("paper", {"value": "full"})
        w.wait_for(Kind.EVENT, lambda e: e.fault == "printer.receipt.paper_out" and e.action == "cleared")
    finally:
        host.stop()
        agent.stop()
        sim.stop()
