"""`zizhu agent --devices` with the production locker driver against its pty simulator."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from drivers.locker.sim import LockerSimulator
from fleet_agent.agent import command
from tests.agent.harness import TERM, Watcher, start_agent_process, write_config
from wire.contract import CommandAction, CommandResultPayload, Kind
from wire.status import DeviceState
from zizhu.broker import MosquittoBroker


def result_of(w: Watcher, cmd_id: str) -> CommandResultPayload:
    r = w.wait_for(Kind.CMD_RESULT, lambda p: isinstance(p, CommandResultPayload) and p.id == cmd_id, timeout=60)
    assert isinstance(r, CommandResultPayload)
    return r


def test_headless_device_host_reports_a_real_locker(broker: MosquittoBroker, tmp_path: Path,
                                                    watcher_for: Callable[..., Watcher]) -> None:
    with LockerSimulator("generic", [(1, 12)], auto_close_s=0.05) as sim:
        config = write_config(tmp_path, broker.port, devices=f"""
[devices.locker]
device = "{sim.path}"
boards = [{{ address = 1, slots = 12 }}]
timeout_s = 0.3
open_confirm_s = 1.0
close_confirm_s = 3.0
record_path = "{tmp_path / 'opens.sqlite3'}"
""")
        w = watcher_for(broker.port)
        proc = start_agent_process(config, "--devices")
        try:
            st = w.wait_for(Kind.STATUS, lambda p: p.status.device("locker") is not None
                            and p.status.device("locker").state == DeviceState.ONLINE, timeout=30)
            assert st.status.app.state == "running"  # the device host heartbeats like the kiosk
            sim.apply_event("silent", {"board": 1, "on": True})
            w.wait_for(Kind.EVENT, lambda e: e.fault == "locker.board.01.silent" and e.action == "raised")
            w.send_command(command(TERM, CommandAction.SELF_TEST, cmd_id="lk-1", device="locker"))
            silent = result_of(w, "lk-1")
            assert not silent.ok and silent.data["device"] == "locker"
            sim.apply_event("silent", {"board": 1, "on": False})
            w.wait_for(Kind.EVENT, lambda e: e.fault == "locker.board.01.silent" and e.action == "cleared")
            w.send_command(command(TERM, CommandAction.SELF_TEST, cmd_id="lk-2", device="locker"))
            good = result_of(w, "lk-2")
            assert good.ok, good.detail
            assert sim.opens == list(range(1, 13))  # every door really opened, over the wire
            w.send_command(command(TERM, CommandAction.PRINT_TEST_PAGE, cmd_id="lk-3", device="locker"))
            assert "cannot print a test page" in result_of(w, "lk-3").detail  # said so, not pretended
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                rc = proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                rc = proc.wait()
        assert rc == 0
