"""`zizhu sim locker` as a process, and the scenario files it plays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drivers.locker.config import LockerBoard, LockerConfig
from drivers.locker.driver import Locker
from drivers.locker.sim import LockerSimulator
from drivers.ptysim import read_pty_path
from drivers.scenario import Scenario, ScenarioPlayer
from wire.status import DeviceState, DoorState

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = sorted((ROOT / "drivers" / "scenarios").glob("locker-*.toml"))


@pytest.mark.parametrize("dialect", ["generic", "kerong"])
def test_sim_process_opens_a_slot(tmp_path: Path, dialect: str) -> None:
    boards = "1:24,2:32" if dialect == "generic" else "0:16,1:12"
    proc = subprocess.Popen([sys.executable, "-m", "zizhu", "sim", "locker", "--dialect", dialect, "--boards", boards,
                             "--auto-close", "0.2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        path = read_pty_path(proc.stdout)
        assert path.startswith("/dev/pts/")
        layout = [LockerBoard(address=int(a), slots=int(n)) for a, n in (b.split(":") for b in boards.split(","))]
        cfg = LockerConfig(device=path, dialect=dialect, boards=layout, record_path=tmp_path / "o.sqlite3")
        with Locker(cfg) as locker:
            assert locker.open_slot(20, why="pickup:cli", session="s").outcome == "opened"
            assert locker.wait_closed(20, within_s=10)
            assert locker.status().state == DeviceState.ONLINE
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


def test_sim_takes_its_bus_from_a_terminal_config(tmp_path: Path) -> None:
    conf = tmp_path / "terminal.toml"
    conf.write_text('[terminal]\nid = "t9"\nhall = "h"\n[devices.locker]\ndevice = "/dev/null"\n'
                    'dialect = "kerong"\nfeedback_polarity = "closed_is_00"\nboards = [{ address = 2, slots = 12 }]\n')
    proc = subprocess.Popen([sys.executable, "-m", "zizhu", "sim", "locker", "--config", str(conf)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        path = read_pty_path(proc.stdout)
        cfg = LockerConfig(device=path, dialect="kerong", feedback_polarity="closed_is_00",
                           boards=[LockerBoard(address=2, slots=12)], record_path=tmp_path / "o.sqlite3")
        with Locker(cfg) as locker:
            st = locker.status()
            assert st.state == DeviceState.ONLINE and {s.door for s in st.slots.values()} == {DoorState.CLOSED}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_scenario_files_play_to_the_end(path: Path) -> None:
    dialect = "kerong" if "kerong" in path.name else "generic"
    boards = [(0, 16)] if dialect == "kerong" else [(1, 24), (2, 24)]
    sim = LockerSimulator(dialect, boards)
    player = ScenarioPlayer(Scenario.load(path), {"locker": sim})
    player.advance_to(10_000)
    assert len(player.played) >= len(player.scenario.steps)


def test_fault_scenario_reaches_the_status_model(tmp_path: Path) -> None:
    with LockerSimulator("generic", [(1, 24), (2, 24)]) as sim:
        player = ScenarioPlayer(Scenario.load(ROOT / "drivers/scenarios/locker-faults.toml"), {"locker": sim})
        cfg = LockerConfig(device=sim.path, boards=[LockerBoard(address=1), LockerBoard(address=2)], open_confirm_s=0.5,
                           record_path=tmp_path / "o.sqlite3")
        with Locker(cfg) as locker:
            player.advance_to(40)
            st = locker.status()
            assert "locker.board.02.silent" in st.faults()
            assert "02号锁控板无响应" in st.reason
