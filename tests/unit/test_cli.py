from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from zizhu.cli import SIMULATORS, SUBCOMMANDS, main

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_every_subcommand() -> None:
    res = subprocess.run([sys.executable, "-m", "zizhu", "--help"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert res.returncode == 0
    for name in [*SUBCOMMANDS, "sim", "config"]:
        assert name in res.stdout


def test_subcommand_not_built_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    SUBCOMMANDS["_probe"] = ("zizhu._no_such_module", "probe")
    try:
        assert main(["_probe"]) == 2
    finally:
        del SUBCOMMANDS["_probe"]
    assert "not built yet" in capsys.readouterr().err
    assert set(SIMULATORS) == {"printer", "idcard", "locker", "camera", "a4printer"}


def test_ctrl_c_stops_a_command_started_with_sigint_ignored() -> None:
    """A shell's background job starts with SIGINT ignored; `zizhu` must still stop on Ctrl-C."""
    import signal

    shell = f'trap "" INT; exec "{sys.executable}" -m zizhu sim printer --listen 127.0.0.1:0'
    proc = subprocess.Popen(["sh", "-c", shell], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # the simulator says where it listens once it is up
            if "127.0.0.1:" in line:
                break
        else:
            raise AssertionError("the simulator never said where it listens")
        proc.send_signal(signal.SIGINT)
        out, _err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert "printer simulator stopped" in out
