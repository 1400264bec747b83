"""The printer simulator: its own decoding and rendering, scenarios, and `zizhu sim printer` as a process."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.printer import codec
from drivers.printer.config import PrinterConfig
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.simmodel import PrinterModel
from drivers.printer.slips import render
from drivers.scenario import Scenario, ScenarioError, ScenarioPlayer
from wire.status import DeviceState, PaperLevel

ROOT = Path(__file__).resolve().parents[3]


def test_model_prints_what_python_escpos_sends() -> None:
    from drivers.printer.escposlib import load as load_escpos

    d = load_escpos().Dummy()
    d.hw("INIT")
    d.set(align="center", bold=True, double_height=True, double_width=True)
    d.text("办事大厅 No.1\n")  # python-escpos sends GB18030 as raw bytes when a CJK ideograph is present
    d.qr("1234", native=True)
    d.cut()
    m = PrinterModel()
    assert m.receive(d.output) == b""
    assert m.printed_lines()[0] == "办事大厅 No.1"
    assert m.printed[0].align == 1 and m.printed[0].segments[0].width == 2 and m.printed[0].segments[0].bold
    assert "[QR] 1234" in m.printed_lines()
    assert len(m.slips()) == 1


def test_needs_fs_printer_prints_mojibake_without_fs_and_and_chinese_with_it() -> None:
    plain = render("locker_pickup", _locker(), chinese_mode=False).payload
    wrapped = render("locker_pickup", _locker(), chinese_mode=True).payload
    assert codec.FS_CHINESE_ON in wrapped and codec.FS_CHINESE_ON not in plain
    needs_fs = PrinterModel(chinese_default=False)
    needs_fs.receive(plain)
    assert "取件凭条" not in needs_fs.printed_text()
    needs_fs = PrinterModel(chinese_default=False)
    needs_fs.receive(wrapped)
    assert needs_fs.slips()[0].startswith("取件凭条")


def test_gbk_printer_reads_a_gbk_slip() -> None:
    m = PrinterModel(encoding="gbk")
    m.receive(render("locker_pickup", _locker(), encoding="gbk").payload)
    assert "A号柜 07号格口" in m.slips()[0]


def test_paper_is_used_line_by_line_near_end_then_out() -> None:
    m = PrinterModel(roll_lines=60, near_end_lines=30)
    payload = render("locker_pickup", _locker()).payload
    m.receive(codec.dle_eot(4))
    assert m.receive(codec.dle_eot(4)) == b"\x12"
    m.receive(payload)
    assert 0 < m.paper_lines <= 60 - 10
    replies = []
    while not m.paper_out:
        before = m.lines_printed
        m.receive(payload)
        replies.append(m.receive(codec.dle_eot(4)))
        if m.lines_printed == before:
            break
    assert b"\x1e" in replies  # near end on the way
    assert replies[-1] == b"\x7e"  # then paper end (with the near-end sensor still tripped)
    assert m.receive(codec.STATUS_QUERY) == bytes((0x1A, 0x32, 0x12, 0x7E))
    assert m.receive(codec.PROGRESS_MARKER) == b""  # GS r is not real time: held while stopped
    m.apply_event("paper", {"value": "full"})  # refilled: the held data prints, then GS r is answered
    assert m.receive(codec.dle_eot(4)) == b"\x12"


def test_layout_text_aligns_as_on_paper() -> None:
    m = PrinterModel(columns=32)
    m.receive(render("locker_pickup", _locker()).payload)
    lines = m.layout_text().splitlines()
    assert lines[0].startswith("        取") and lines[0].rstrip().endswith("条")  # 2×2 title, centred
    assert lines[1] == "       东胜区政务服务中心"


def test_png_shows_the_slip_and_its_qr_code_scans(tmp_path: Path) -> None:
    import cv2

    data = {"hall_name": "东胜区政务服务中心", "case_no": "DS-1", "matter": "营业执照变更", "applicant": "李四",
            "current_status": "审核中", "steps": [{"time": "11-20 09:12", "step": "受理", "result": "通过"}],
            "expected_date": "2026年11月25日", "progress_url": "https://zwfw.example.gov.cn/p/DS-1",
            "printed_at": "2026-11-22 06:00"}
    m = PrinterModel()
    m.receive(render("progress", data).payload)
    path = tmp_path / "slip.png"
    img = m.render_png(path)
    assert img.width == 32 * 12 + 48
    decoded, _points, _ = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(path)))
    assert decoded == "https://zwfw.example.gov.cn/p/DS-1"
    # ink where the text is: the title band is not blank paper
    gray = img.convert("L")
    assert gray.crop((24, 24, img.width - 24, 70)).getextrema()[0] < 100


def test_scenario_events_are_checked_on_load(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[step]]\nat = 1\nevent = "explode"\n')
    with pytest.raises(ScenarioError, match="unknown event 'explode'"):
        ScenarioPlayer(Scenario.load(bad), {"printer": PrinterModel()})
    m = PrinterModel()
    with pytest.raises(ScenarioError, match="bad value 'ajar'"):
        m.apply_event("cover", {"value": "ajar"})


@pytest.mark.parametrize("name", ["printer-demo", "printer-faults"])
def test_shipped_scenarios_play(name: str) -> None:
    m = PrinterModel()
    player = ScenarioPlayer(Scenario.load(ROOT / "drivers" / "scenarios" / f"{name}.toml"), {"printer": m})
    player.advance_to(1000)
    assert player.finished
    assert m.can_print  # every shipped scenario ends with the printer healthy again


def test_scenario_drives_the_driver_through_near_end_out_and_back(tcp_rig: Any, slip_data: dict[str, Any]) -> None:
    scenario = Scenario.load(ROOT / "drivers" / "scenarios" / "printer-demo.toml")
    player = ScenarioPlayer(scenario, {"printer": tcp_rig.model})
    seen = []
    with tcp_rig.printer() as printer:
        player.advance_to(0)
        assert printer.print_slip("notification", slip_data).ok
        seen.append(printer.status().stations["receipt"].paper)
        for t in (3, 5, 6, 7):
            player.advance_to(t)
            st = printer.status()
            seen.append((st.state, st.stations["receipt"].paper, st.cover_open))
    assert seen == [PaperLevel.LOW,
                    (DeviceState.USER_ERROR, PaperLevel.OUT, False),
                    (DeviceState.USER_ERROR, PaperLevel.OUT, True),
                    (DeviceState.USER_ERROR, PaperLevel.FULL, True),
                    (DeviceState.ONLINE, PaperLevel.FULL, False)]


# ---- `zizhu sim printer` as a process ------------------------------------------------------

class Proc:
    """A subprocess whose stdout lines we can wait for, with a deadline."""

    def __init__(self, args: list[str]) -> None:
        self.p = subprocess.Popen([sys.executable, "-m", "zizhu", *args], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.p.stdout is not None
        for line in self.p.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, pred: Callable[[str], bool], timeout: float = 20.0) -> str:
        import time

        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no matching line within {timeout} s; saw: {self.seen}") from None
            self.seen.append(line)
            if pred(line):
                return line

    def stop(self) -> int:
        self.p.terminate()
        try:
            return self.p.wait(timeout=10)
        finally:
            if self.p.stdout:
                self.p.stdout.close()


@pytest.fixture
def proc_factory() -> Iterator[Callable[[list[str]], Proc]]:
    procs: list[Proc] = []

    def make(args: list[str]) -> Proc:
        procs.append(Proc(args))
        return procs[-1]

    yield make
    for p in procs:
        if p.p.poll() is None:
            p.stop()


@pytest.mark.parametrize("serial", [False, True])
def test_cli_simulator_with_the_real_driver(proc_factory: Callable[[list[str]], Proc], serial: bool,
                                            slip_data: dict[str, Any], tmp_path: Path) -> None:
    args = ["sim", "printer", "--listen", "127.0.0.1:0", "--out", str(tmp_path), "--roll-lines", "400",
            "--near-end-lines", "380"]
    if serial:
        args.append("--serial")
    proc = proc_factory(args)
    where = proc.expect(lambda s: "listening on" in s).split("listening on ")[1]
    if serial:
        assert where.startswith("/dev/pts/")
        conn: dict[str, Any] = {"connector": "serial", "device": where}
    else:
        host, port = where.removeprefix("tcp://").split(":")
        conn = {"connector": "network", "host": host, "port": int(port)}
    cfg = PrinterConfig.from_data({"connection": conn, "timeout_s": 5})
    with ReceiptPrinter(cfg) as printer:
        assert printer.status().state == DeviceState.ONLINE
        job = printer.print_slip("notification", slip_data)
        assert job.ok, job.reason
        assert printer.status().stations["receipt"].paper == PaperLevel.LOW
    proc.expect(lambda s: s.startswith("status: paper=near_end"))
    proc.expect(lambda s: s == "---- slip 1 ----")
    assert proc.expect(lambda s: True) == "一次性告知书"
    assert proc.stop() == 0
    assert (tmp_path / "slip-1.txt").read_text(encoding="utf-8").startswith("一次性告知书\n")
    assert (tmp_path / "slip-1.png").stat().st_size > 1000


def test_cli_simulator_plays_a_scenario(proc_factory: Callable[[list[str]], Proc], tmp_path: Path) -> None:
    sc = tmp_path / "s.toml"
    sc.write_text('[[step]]\nat = 0\nevent = "paper"\nvalue = "out"\n[[step]]\nat = 0.2\nevent = "cover"\n'
                  'value = "open"\n')
    proc = proc_factory(["sim", "printer", "--listen", "127.0.0.1:0", "--scenario", str(sc), "--duration", "30"])
    proc.expect(lambda s: "status: paper=out" in s)
    proc.expect(lambda s: "cover=open" in s)
    assert proc.stop() == 0


def test_cli_simulator_rejects_bad_arguments(tmp_path: Path) -> None:
    bad = subprocess.run([sys.executable, "-m", "zizhu", "sim", "printer", "--listen", "nonsense"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "expected HOST:PORT" in bad.stderr
    sc = tmp_path / "s.toml"
    sc.write_text('[[step]]\nat = 0\nevent = "explode"\n')
    bad = subprocess.run([sys.executable, "-m", "zizhu", "sim", "printer", "--listen", "127.0.0.1:0",
                          "--scenario", str(sc)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "unknown event 'explode'" in bad.stderr


def _locker() -> dict[str, Any]:
    return {"hall_name": "东胜区政务服务中心", "locker": "A", "slot": "07", "item": "营业执照（正本）",
            "case_no": "DS-1", "applicant": "李四", "picked_up_at": "2026-11-22 02:13", "hall_phone": "0477-8581234"}
