"""`zizhu diag --device idcard` against the simulator: the technician's view, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from drivers.idcard.sim import IdCardSimulator
from drivers.idcard.synthetic import CARDS

ROOT = Path(__file__).resolve().parents[3]


def diag(tmp_path: Path, device: str) -> tuple[int, dict[str, object]]:
    conf = tmp_path / "terminal.toml"
    conf.write_text(f'[terminal]\nid = "t01"\nhall = "h"\n[devices.idcard]\ndevice = "{device}"\n')
    proc = subprocess.run([sys.executable, "-m", "zizhu", "diag", "--config", str(conf), "--device", "idcard",
                           "--json", "--timeout", "30"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    return proc.returncode, json.loads(proc.stdout)


def test_diag_reads_the_test_card(tmp_path: Path) -> None:
    with IdCardSimulator(card="resident") as sim:
        code, report = diag(tmp_path, sim.path)
    assert code == 0, report
    (dev,) = report["devices"]
    assert dev["ok"] and dev["details"]["sam_id"] == "05-01-20260101-0000000001-1500000001"
    assert dev["status"]["state"] == "online" and dev["faults"] == []
    assert CARDS["resident"].number not in json.dumps(report, ensure_ascii=False)


def test_diag_reports_a_sam_failure(tmp_path: Path) -> None:
    with IdCardSimulator(card="resident") as sim:
        sim.apply_event("sam", {"ok": False})
        code, report = diag(tmp_path, sim.path)
    assert code == 1
    (dev,) = report["devices"]
    assert not dev["ok"] and "读卡器安全模块故障" in dev["summary"] and "idcard.sam_error" in dev["faults"]
