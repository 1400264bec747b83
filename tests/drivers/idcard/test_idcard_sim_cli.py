"""`zizhu sim idcard` as a process, and the scenario files it plays."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from drivers.idcard.config import IdCardConfig
from drivers.idcard.driver import IdCardReader
from drivers.idcard.sim import IdCardSimulator
from drivers.idcard.synthetic import CARDS
from drivers.ptysim import read_pty_path
from drivers.scenario import Scenario, ScenarioPlayer

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = sorted((ROOT / "drivers" / "scenarios").glob("idcard-*.toml"))


def test_sim_process_serves_a_card_on_its_pty(tmp_path: Path) -> None:
    link = tmp_path / "idcard"
    proc = subprocess.Popen([sys.executable, "-m", "zizhu", "sim", "idcard", "--card", "hmt_permit",
                             "--link", str(link)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        path = read_pty_path(proc.stdout)
        assert path.startswith("/dev/pts/") and link.resolve() == Path(path)
        with IdCardReader(IdCardConfig(device=str(link), timeout_s=5)) as reader:
            assert reader.read_card().number == CARDS["hmt_permit"].number
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
    assert not link.exists()


def test_sim_process_rejects_a_bad_scenario(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[step]]\nat = 1\nevent = "explode"\n')
    proc = subprocess.run([sys.executable, "-m", "zizhu", "sim", "idcard", "--scenario", str(bad)],
                          cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "unknown event 'explode'" in proc.stderr


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_scenario_files_play_to_the_end(path: Path) -> None:
    sim = IdCardSimulator()
    player = ScenarioPlayer(Scenario.load(path), {"idcard": sim})
    player.advance_to(10_000)
    assert len(player.played) >= len(player.scenario.steps)


def test_scenario_drives_a_read(tmp_path: Path) -> None:
    with IdCardSimulator() as sim:
        player = ScenarioPlayer(Scenario.load(ROOT / "drivers/scenarios/idcard-citizens.toml"), {"idcard": sim})
        with IdCardReader(IdCardConfig(device=sim.path, timeout_s=3)) as reader:
            player.advance_to(2)
            assert reader.read_card().number == CARDS["resident"].number
            player.advance_to(14)  # a new card, whose first two selects fail
            t0 = time.monotonic()
            assert reader.read_card().number == CARDS["resident_long_term"].number
            assert time.monotonic() - t0 < 3
            assert sim.requests.count("select") >= 4
