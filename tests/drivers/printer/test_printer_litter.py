"""The printer driver and simulator leave nothing in the temporary directory (python-escpos 3.1 would)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ("drivers", "zizhu", "fleet_agent", "hall_server", "kiosk", "bench", "tests", "scripts")
IMPORT_ESCPOS = re.compile(r"^\s*(import\s+escpos|from\s+escpos[\s.])", re.MULTILINE)


def _env(tmpdir: Path) -> dict[str, str]:
    tmpdir.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(ROOT)}


def _python(code: str, tmpdir: Path) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(tmpdir), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_nothing_imports_escpos_but_escposlib() -> None:
    """Every use of python-escpos goes through drivers.printer.escposlib, which cleans up after it."""
    found = [f"{path.relative_to(ROOT)}: {m.group(0).strip()}"
             for top in SOURCES if (ROOT / top).is_dir()
             for path in sorted((ROOT / top).rglob("*.py"))
             for m in IMPORT_ESCPOS.finditer(path.read_text(encoding="utf-8"))]
    assert found == [], "import python-escpos through drivers.printer.escposlib.load(), not directly"


def test_python_escpos_alone_still_litters(tmp_path: Path) -> None:
    """The reason for escposlib: when this fails, python-escpos stopped littering and the workaround can go."""
    _python("import escpos.printer", tmp_path / "tmp")
    assert [p.name for p in (tmp_path / "tmp").iterdir()] != []


def test_driver_import_and_escposlib_leave_nothing(tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    out = _python("import sys, drivers.printer.driver\n"
                  "from drivers.printer import escposlib\n"
                  "print(escposlib.load().Dummy().profile.profile_data['name'])\n"
                  "print('escpos.capabilities' in sys.modules)", tmpdir)
    assert out.split() == ["Default", "True"]  # the capabilities did load
    assert list(tmpdir.iterdir()) == []


def test_simulator_and_the_driver_talking_to_it_leave_nothing(tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    sim = subprocess.Popen([sys.executable, "-m", "zizhu", "sim", "printer", "--listen", "127.0.0.1:0",
                            "--duration", "60"], cwd=ROOT, env=_env(tmpdir), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    try:
        assert sim.stdout is not None
        first = sim.stdout.readline()
        assert "listening on tcp://" in first, first
        host, port = first.split("listening on tcp://")[1].strip().split(":")
        out = _python("from drivers.printer.config import PrinterConfig\n"
                      "from drivers.printer.driver import ReceiptPrinter\n"
                      f"cfg = PrinterConfig.from_data({{'connection': {{'connector': 'network', 'host': '{host}',"
                      f" 'port': {port}}}, 'timeout_s': 5}})\n"
                      "with ReceiptPrinter(cfg) as p:\n"
                      "    print(p.status().state.value)\n", tmpdir)
        assert out.strip() == "online"  # the driver opened a link: python-escpos was imported
    finally:
        sim.terminate()
        assert sim.wait(timeout=20) == 0
        if sim.stdout:
            sim.stdout.close()
    assert list(tmpdir.iterdir()) == []
