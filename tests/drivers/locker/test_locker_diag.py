"""`zizhu diag --device locker` against the simulator: each slot opened, seen open, seen closed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from drivers.locker.sim import LockerSimulator

ROOT = Path(__file__).resolve().parents[3]


def diag(tmp_path: Path, device: str, dialect: str, boards: str) -> tuple[int, dict[str, object]]:
    conf = tmp_path / "terminal.toml"
    conf.write_text(f'[terminal]\nid = "t01"\nhall = "h"\n[devices.locker]\ndevice = "{device}"\n'
                    f'dialect = "{dialect}"\nboards = {boards}\nclose_confirm_s = 1\nopen_confirm_s = 1\n'
                    f'record_path = "{tmp_path / "opens.sqlite3"}"\n')
    proc = subprocess.run([sys.executable, "-m", "zizhu", "diag", "--config", str(conf), "--device", "locker",
                           "--json", "--timeout", "60"], cwd=ROOT, capture_output=True, text=True, timeout=90)
    return proc.returncode, json.loads(proc.stdout)


def test_diag_opens_every_slot_of_two_kerong_boards(tmp_path: Path) -> None:
    with LockerSimulator("kerong", [(0, 12), (1, 12)], auto_close_s=0.05) as sim:
        code, report = diag(tmp_path, sim.path, "kerong", "[{ address = 0, slots = 12 }, { address = 1, slots = 12 }]")
        assert sorted(set(sim.opens)) == list(range(1, 25))
    assert code == 0, report
    (dev,) = report["devices"]
    assert dev["ok"] and dev["summary"] == "24个格口均能打开并重新关闭" and dev["faults"] == []


def test_diag_names_a_jammed_slot(tmp_path: Path) -> None:
    with LockerSimulator("generic", [(1, 12)], auto_close_s=0.05) as sim:
        sim.apply_event("jam", {"slot": 4, "mode": "no_open"})
        code, report = diag(tmp_path, sim.path, "generic", "[{ address = 1, slots = 12 }]")
    assert code == 1
    (dev,) = report["devices"]
    assert dev["summary"] == "04号未能打开" and "locker.slot.04.jammed" in dev["faults"]
