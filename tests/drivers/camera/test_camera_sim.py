"""`zizhu sim camera`: its scenario file, its command line, its HTTP surface."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drivers.camera.config import CameraConfig
from drivers.camera.driver import Camera
from drivers.camera.sim import CameraSim
from drivers.scenario import Scenario, ScenarioError, ScenarioPlayer
from wire.status import DeviceState

ROOT = Path(__file__).resolve().parents[3]
FAULTS = ROOT / "drivers" / "scenarios" / "camera-faults.toml"
Wait = Callable[..., Any]


def test_shipped_scenario_walks_the_driver_through_every_fault(wait_until: Wait) -> None:
    """Played by hand (advance_to), so the test does not depend on the machine's speed."""
    expected = {0: DeviceState.ONLINE, 8: DeviceState.HARDWARE_ERROR, 16: DeviceState.ONLINE,
                18: DeviceState.USER_ERROR, 26: DeviceState.ONLINE, 28: DeviceState.NO_DEVICE,
                36: DeviceState.ONLINE, 37: DeviceState.HARDWARE_ERROR, 39: DeviceState.ONLINE}
    photo_reason = {40: "画面中只能有一个人", 46: "光线太暗", 52: ""}
    with CameraSim(fps=15) as sim:
        player = ScenarioPlayer(Scenario.load(FAULTS), {"camera": sim})
        with Camera(CameraConfig(source=sim.url, timeout_s=2.0, reconnect_s=0.2)) as cam:
            for t in sorted({s.at for s in player.scenario.steps}):
                assert player.advance_to(t)
                if t in expected:
                    wait_until(lambda t=t: cam.status().state == expected[t], what=f"state at t={t}")
                if t in photo_reason:
                    wait_until(lambda t=t: cam.take_photo().reason == photo_reason[t], what=f"photo at t={t}")
    assert len(player.played) == len(player.scenario.steps)


def test_scenario_with_an_unknown_event_is_rejected_before_anything_runs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[step]]\nat = 1\nevent = "explode"\n', encoding="utf-8")
    with CameraSim() as sim, pytest.raises(ScenarioError, match="unknown event 'explode'"):
        ScenarioPlayer(Scenario.load(bad), {"camera": sim})
    res = subprocess.run([sys.executable, "-m", "zizhu", "sim", "camera", "--scenario", str(bad)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and "unknown event 'explode'" in res.stderr


def test_bad_event_values_are_errors() -> None:
    with CameraSim() as sim:
        with pytest.raises(ValueError, match="unknown scene"):
            sim.apply_event("scene", {"value": "moon"})
        with pytest.raises(ValueError, match="cannot read image"):
            sim.apply_event("scene", {"file": "/nonexistent.png"})
        with pytest.raises(ValueError, match="fps"):
            sim.apply_event("fps", {"value": 0})


def test_http_surface_unplugged_is_503_and_wrong_path_404() -> None:
    with CameraSim() as sim:
        base = sim.url.rsplit("/", 1)[0]
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/other", timeout=5)
        assert err.value.code == 404
        sim.apply_event("unplug", {})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(sim.url, timeout=5)
        assert err.value.code == 503
        sim.apply_event("plug", {})
        with urllib.request.urlopen(sim.url, timeout=5) as resp:
            assert resp.headers["Content-Type"].startswith("multipart/x-mixed-replace")
            head = resp.read(200)
        assert b"Content-Type: image/jpeg" in head and b"\xff\xd8" in head  # a JPEG starts here


def test_command_line_sim_serves_the_driver_and_plays_a_scenario(tmp_path: Path, wait_until: Wait) -> None:
    scenario = tmp_path / "unplug.toml"
    scenario.write_text('[[step]]\nat = 3\nevent = "unplug"\n', encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "zizhu", "sim", "camera", "--scenario", str(scenario)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        ready = json.loads(proc.stdout.readline())
        assert ready["sim"] == "camera" and ready["url"].startswith("http://127.0.0.1:")
        with Camera(CameraConfig(source=ready["url"], timeout_s=2.0, reconnect_s=0.2)) as cam:
            step = json.loads(proc.stdout.readline())  # the simulator says when it plays a step
            assert step["event"] == "unplug"
            wait_until(lambda: cam.status().state == DeviceState.NO_DEVICE, what="unplugged")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode == 0
