"""`zizhu diag` against the real camera driver (simulator, files) and test-only devices."""

from __future__ import annotations

import dataclasses
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import diag_fakes
import pytest

from drivers.camera import scenes
from drivers.camera.sim import CameraSim
from drivers.kinds import BY_NAME
from zizhu.cli import main

ROOT = Path(__file__).resolve().parents[2]
PRINTER = '[devices.printer.connection]\nconnector = "network"\nhost = "127.0.0.1"\nport = 9\n'


def _config(tmp_path: Path, *sections: str) -> Path:
    path = tmp_path / "terminal.toml"
    path.write_text('[terminal]\nid = "t09"\nhall = "test-hall"\nname = "测试终端"\n\n' + "\n".join(sections),
                    encoding="utf-8")
    return path


def _camera(source: str) -> str:
    return f'[devices.camera]\nsource = "{source}"\ntimeout_s = 2.0\nreconnect_s = 0.2\n'


@pytest.fixture
def fake_printer(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Put a test-only device where the printer driver goes; returns a setter for its behaviour."""
    diag_fakes.FakeDevice.built.clear()
    diag_fakes.FakeDevice.closed.clear()
    diag_fakes.Hangs.release.clear()

    def use(cls_name: str) -> None:
        fake = dataclasses.replace(BY_NAME["printer"], driver=f"diag_fakes:{cls_name}")
        monkeypatch.setitem(BY_NAME, "printer", fake)

    use("FakeDevice")
    yield use
    diag_fakes.Hangs.release.set()


@pytest.fixture
def sim() -> Iterator[CameraSim]:
    with CameraSim(fps=15) as s:
        yield s


def _diag(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    try:
        code = main(["diag", *argv])
    finally:
        # main() sets up the process's logging: a handler on this test's captured stderr, closed after
        # it, which later tests of the same worker would write to ("--- Logging error ---")
        root.setLevel(before[0])
        root.handlers[:] = before[1]
    out, err = capsys.readouterr()
    return code, out, err


def test_all_devices_pass(tmp_path: Path, sim: CameraSim, fake_printer: Any,
                          capsys: pytest.CaptureFixture[str]) -> None:
    cfg = _config(tmp_path, PRINTER, _camera(sim.url))
    code, out, _ = _diag(capsys, "--config", str(cfg), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "zizhu.diag/1" and doc["terminal"] == "t09"
    assert doc["ok"] is True and doc["failed"] == []
    by_name = {d["device"]: d for d in doc["devices"]}
    assert list(by_name) == ["printer", "camera"]  # the technician's walking order
    assert by_name["printer"]["summary"] == "测试页已打印 test page printed"
    camera = by_name["camera"]
    assert camera["ok"] and camera["status"]["state"] == "online" and camera["faults"] == []
    assert camera["details"]["photo"]["ok"] is True  # the snapshot went through the photo checks
    assert camera["details"]["photo"]["measures"]["face_width_px"] == 207
    assert diag_fakes.FakeDevice.closed == ["printer"]


def test_failures_carry_their_reason_per_device(tmp_path: Path, fake_printer: Any,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    fake_printer("OpenFails")
    cfg = _config(tmp_path, PRINTER, _camera(str(tmp_path / "gone.png")))
    code, out, _ = _diag(capsys, "--config", str(cfg), "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["ok"] is False and doc["failed"] == ["printer", "camera"]
    printer, camera = doc["devices"]
    assert printer["summary"] == "打印机未连接" and printer["details"]["error"] == "DeviceOffline"
    assert printer["status"]["state"] == "offline" and printer["faults"] == ["printer.offline"]
    assert camera["summary"].startswith("未检测到摄像头") and camera["faults"] == ["camera.missing"]

    code, text, _ = _diag(capsys, "--config", str(cfg))
    assert code == 1
    assert "[故障 FAIL] printer" in text and "打印机未连接" in text
    assert "[故障 FAIL] camera" in text and "camera.missing" in text
    assert "2 of 2 devices FAILED: printer, camera" in text


@pytest.mark.parametrize(("cls", "summary"), [
    ("Crashes", "自检异常 self-test crashed: RuntimeError('driver bug')"),
    ("CannotBuild", "驱动无法加载 driver cannot be loaded: libwlt2bmp.so: cannot open shared object file"),
])
def test_a_crashing_driver_is_a_failure_and_the_others_still_run(
        *, tmp_path: Path, sim: CameraSim, fake_printer: Any, capsys: pytest.CaptureFixture[str],
        cls: str, summary: str) -> None:
    fake_printer(cls)
    code, out, _ = _diag(capsys, "--config", str(_config(tmp_path, PRINTER, _camera(sim.url))), "--json")
    assert code == 1
    printer, camera = json.loads(out)["devices"]
    assert printer["ok"] is False and printer["summary"] == summary
    assert camera["ok"] is True


def test_a_hanging_self_test_is_abandoned_at_the_deadline(tmp_path: Path, fake_printer: Any,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    fake_printer("Hangs")
    code, out, _ = _diag(capsys, "--config", str(_config(tmp_path, PRINTER)), "--json", "--timeout", "1")
    assert code == 1
    [printer] = json.loads(out)["devices"]
    assert printer["summary"] == "自检超时 self-test did not finish in 1 s"
    assert 1.0 <= printer["elapsed_s"] < 30


def test_invalid_config_exits_2_and_touches_no_device(tmp_path: Path, fake_printer: Any,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    cfg = _config(tmp_path, PRINTER, _camera("x.png") + 'width = "wide"\n')
    code, out, err = _diag(capsys, "--config", str(cfg), "--json")
    assert code == 2 and out == ""
    assert "devices.camera.width" in err and "'wide'" in err
    assert diag_fakes.FakeDevice.built == []
    code, _, err = _diag(capsys, "--config", str(tmp_path / "nope.toml"))
    assert code == 2 and "no such configuration file" in err
    assert diag_fakes.FakeDevice.built == []


def test_device_filter(tmp_path: Path, fake_printer: Any, capsys: pytest.CaptureFixture[str]) -> None:
    img = tmp_path / "frame.png"
    cv2.imwrite(str(img), scenes.portrait())
    cfg = _config(tmp_path, PRINTER, _camera(str(img)))
    code, out, _ = _diag(capsys, "--config", str(cfg), "--json", "--device", "camera")
    assert code == 0
    assert [d["device"] for d in json.loads(out)["devices"]] == ["camera"]
    assert diag_fakes.FakeDevice.built == []
    code, _, err = _diag(capsys, "--config", str(cfg), "--device", "locker")
    assert code == 2 and "no [devices.locker] section" in err


def test_personal_numbers_never_leave_unmasked(tmp_path: Path, fake_printer: Any,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    fake_printer("EchoesACard")
    cfg = _config(tmp_path, PRINTER)
    for fmt in (["--json"], []):
        code, out, _ = _diag(capsys, "--config", str(cfg), "-v", *fmt)
        assert code == 0
        assert "110101199003071234" not in out and "1101**********1234" in out


def test_no_devices_configured_is_not_a_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _diag(capsys, "--config", str(_config(tmp_path)))
    assert code == 1 and "no device to test" in out


def test_command_line_against_the_camera_simulator(tmp_path: Path) -> None:
    sim = subprocess.Popen([sys.executable, "-m", "zizhu", "sim", "camera", "--scene", "two_faces"],
                           cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert sim.stdout is not None
        url = json.loads(sim.stdout.readline())["url"]
        res = subprocess.run([sys.executable, "-m", "zizhu", "diag", "--config",
                              str(_config(tmp_path, _camera(url))), "--json"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        sim.terminate()
        sim.wait(timeout=30)
    assert res.returncode == 0, res.stderr
    camera = json.loads(res.stdout)["devices"][0]
    assert camera["ok"] is True  # the camera works; nobody suitable stands in front of it
    assert camera["details"]["photo"]["reason"] == "画面中只能有一个人"
    assert camera["summary"] == "摄像头正常；照片检查：画面中只能有一个人"
