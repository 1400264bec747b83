"""`zizhu demo` runs a whole hall and shows faults of every tier becoming incidents and alerts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_demo_hall_every_tier(repo_root: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "zizhu", "demo", "--duration", "28", "--pace", "4", "--http-port", "0",
         "--workdir", str(tmp_path)],
        cwd=repo_root, capture_output=True, text=True, timeout=100)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "dashboard      http://127.0.0.1:" in out
    for tier in ("[warning]", "[general]", "[comms_mechanical]", "[system]"):
        assert tier in out, f"no {tier} incident in the demo:\n{out[-4000:]}"
    assert "告警 → 大厅管理员" in out and "告警 → 运维" in out and "告警 → 中心" in out
    assert "hall.backend_unreachable" in out and "terminal.offline" in out
    assert "incidents by tier:" in out.splitlines()[-2]
    assert (tmp_path / "hall.sqlite3").exists()
    # the system incident reaches every terminal as the retained notice, and is withdrawn again
    assert "公告 → 所有终端与公众状态页" in out and "公告已撤销" in out
    # stopping the demo is not an outage: nothing is alerted after "stopping …"
    after_stop = out.split("stopping …", 1)[1]
    assert "告警 →" not in after_stop, after_stop
