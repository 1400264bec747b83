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
    assert set(SIMULATORS) == {"printer", "idcard", "locker", "camera"}
