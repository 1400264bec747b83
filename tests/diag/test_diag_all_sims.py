"""End to end: every simulator as its own process, `zizhu diag --json` against all of them.

The printer over TCP (its test page checked on the simulated paper), the ID card reader and
the locker on pseudo-terminals, the camera as an MJPEG stream, the A4 printer as a private cupsd
with its simulated queue — each driven by its production
driver through `zizhu diag`, exactly as a technician runs it on a terminal.
"""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "drivers" / "scenarios"


class Sims:
    """Starts simulators as `zizhu sim …` processes and stops them all at the end."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[str]] = []

    def start(self, *argv: str, within_s: float = 30) -> str:
        """Start one simulator; return the first line it prints (its address)."""
        proc = subprocess.Popen([sys.executable, "-m", "zizhu", "sim", *argv], cwd=ROOT, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], within_s)
        assert ready, f"zizhu sim {argv[0]} printed nothing in {within_s} s"
        return proc.stdout.readline().strip()

    def stop(self) -> list[int | None]:
        for proc in self.procs:
            proc.terminate()
        codes = []
        for proc in self.procs:
            try:
                codes.append(proc.wait(timeout=15))
            except subprocess.TimeoutExpired:
                proc.kill()
                codes.append(proc.wait(timeout=15))
        return codes


@pytest.fixture
def sims() -> Iterator[Sims]:
    s = Sims()
    try:
        yield s
    finally:
        assert s.stop() == [0] * len(s.procs)  # every simulator shut down cleanly


def _write_config(tmp_path: Path, *, printer: str, idcard: str, locker: str, camera: str, a4: str,
                  camera_timeout_s: float = 2.0, a4_queue: str = "a4") -> Path:
    a4m = re.fullmatch(r"CUPS at (\S+) .*", a4)
    assert a4m, f"A4 printer simulator said {a4!r}"
    m = re.fullmatch(r".*listening on tcp://([0-9.]+):(\d+)", printer)
    assert m, f"printer simulator said {printer!r}"
    cfg = tmp_path / "terminal.toml"
    cfg.write_text(f"""
[terminal]
id = "ci01"
hall = "ci-hall"
name = "CI 自助终端"

[devices.printer.connection]
connector = "network"
host = "{m[1]}"
port = {m[2]}

[devices.idcard]
device = "{idcard}"

[devices.locker]
device = "{locker}"
boards = [{{ address = 1, slots = 12 }}]
record_path = "{tmp_path / 'locker-opens.sqlite3'}"

[devices.camera]
source = "{camera}"
timeout_s = {camera_timeout_s}

[devices.a4printer]
server = "{a4m[1]}"
queue = "{a4_queue}"
""", encoding="utf-8")
    return cfg


def _diag(cfg: Path) -> tuple[int, dict[str, Any], str]:
    res = subprocess.run([sys.executable, "-m", "zizhu", "diag", "--config", str(cfg), "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=180)
    return res.returncode, json.loads(res.stdout), res.stdout


def _idcard(sims: Sims) -> str:
    return sims.start("idcard", "--scenario", str(SCENARIOS / "idcard-diag.toml"))


def _printer(sims: Sims, *extra: str) -> str:
    return sims.start("printer", "--listen", "127.0.0.1:0", *extra)


def test_diag_json_against_every_simulator(tmp_path: Path, sims: Sims, wait_until: Callable[..., Any]) -> None:
    paper = tmp_path / "paper"
    cfg = _write_config(tmp_path, printer=_printer(sims, "--out", str(paper)), idcard=_idcard(sims),
                        locker=sims.start("locker", "--boards", "1:12", "--auto-close", "0.2"),
                        camera=json.loads(sims.start("camera"))["url"], a4=sims.start("a4printer"))
    code, doc, out = _diag(cfg)
    assert code == 0, json.dumps(doc, ensure_ascii=False, indent=1)
    assert doc["ok"] is True and doc["failed"] == []
    devices = {d["device"]: d for d in doc["devices"]}
    assert list(devices) == ["printer", "idcard", "locker", "camera", "a4printer"]
    for d in devices.values():
        assert d["ok"] is True and d["faults"] == [] and d["status"]["state"] == "online", d

    printer = devices["printer"]
    assert printer["summary"].startswith("测试页已打印")
    assert printer["status"]["stations"]["receipt"]["paper"] == "full"
    slip = paper / "slip-1.txt"  # what came out of the simulated printer, decoded from its ESC/POS bytes
    wait_until(slip.exists, what="the test page out of the printer")
    assert "打印机测试页" in slip.read_text(encoding="utf-8")

    idcard = devices["idcard"]
    assert idcard["details"]["sam_id"]  # the SAM answered with its id
    assert idcard["status"]["last_read"] == "ok"  # and the test card was read …
    assert "测试甲" not in out  # … with its holder's name masked

    assert devices["locker"]["details"]["slots"] == {f"{n:02d}": "ok" for n in range(1, 13)}

    photo = devices["camera"]["details"]["photo"]
    assert photo["ok"] is True and photo["measures"]["face_width_px"] == 207

    a4 = devices["a4printer"]  # the queue on a private cupsd: its state, no paper used
    assert a4["summary"] == "A4打印机就绪（队列 a4）" and a4["status"]["queue"] == "idle"


def test_diag_reports_each_broken_device_with_its_reason(tmp_path: Path, sims: Sims) -> None:
    # The printer is out of paper, the locker's port is gone and nobody serves the camera's
    # stream; the card reader is fine.
    out_of_paper = tmp_path / "out-of-paper.toml"
    out_of_paper.write_text('[[step]]\nat = 0\nevent = "paper"\nvalue = "out"\n', encoding="utf-8")
    cfg = _write_config(tmp_path, printer=_printer(sims, "--scenario", str(out_of_paper)), idcard=_idcard(sims),
                        locker="/dev/zizhu-ci-no-such-port", camera="http://127.0.0.1:9/video.mjpg",
                        camera_timeout_s=1.0, a4=sims.start("a4printer"), a4_queue="not-installed")
    code, doc, _ = _diag(cfg)
    assert code == 1
    assert doc["failed"] == ["printer", "locker", "camera", "a4printer"]
    devices = {d["device"]: d for d in doc["devices"]}
    assert "printer.receipt.paper_out" in devices["printer"]["faults"]
    assert devices["idcard"]["ok"] is True
    assert devices["locker"]["summary"] and devices["locker"]["faults"]
    camera = devices["camera"]
    assert camera["summary"].startswith("未检测到摄像头") and camera["faults"] == ["camera.missing"]
    a4 = devices["a4printer"]
    assert a4["summary"] == "A4打印机未安装（打印队列not-installed不存在）" and a4["faults"] == ["a4printer.missing"]
