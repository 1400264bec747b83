from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from zizhu.config import ConfigError, HallConfig, TerminalConfig, load_any, load_terminal

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["terminal.example.toml", "hall.example.toml"])
def test_examples_are_valid(name: str) -> None:
    kind, cfg = load_any(ROOT / "config" / name)
    assert kind in name
    assert isinstance(cfg, TerminalConfig if kind == "terminal" else HallConfig)


def test_terminal_example_devices() -> None:
    cfg = load_terminal(ROOT / "config" / "terminal.example.toml")
    assert cfg.devices.printer is not None
    assert cfg.devices.printer.connection.connector == "network"
    assert cfg.devices.locker is not None and cfg.devices.locker.boards[0].slots == 24


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "t.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_bad_value_names_file_key_value_and_expectation(tmp_path: Path) -> None:
    p = _write(tmp_path, """
[terminal]
id = "t01"
hall = "h1"
[devices.printer]
[devices.printer.connection]
connector = "network"
host = "127.0.0.1"
port = 70000
""")
    with pytest.raises(ConfigError) as ei:
        load_terminal(p)
    msg = str(ei.value)
    assert str(p) in msg
    assert "devices.printer.connection.port" in msg
    assert "70000" in msg
    assert "at most 65535" in msg


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    p = _write(tmp_path, '[terminal]\nid = "t01"\nhall = "h1"\nnmae = "x"\n')
    with pytest.raises(ConfigError, match=r"terminal\.nmae: unknown key"):
        load_terminal(p)


def test_missing_key_and_cross_field_rule(tmp_path: Path) -> None:
    p = _write(tmp_path, '[terminal]\nid = "t01"\n[devices.printer.connection]\nconnector = "serial"\n')
    with pytest.raises(ConfigError) as ei:
        load_terminal(p)
    msg = str(ei.value)
    assert "terminal.hall: missing" in msg
    assert "needs 'device'" in msg


def test_broken_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_any(_write(tmp_path, "[terminal\n"))
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_any(tmp_path / "nope.toml")


def test_cli_config_check_exit_codes(tmp_path: Path) -> None:
    good = subprocess.run([sys.executable, "-m", "zizhu", "config", "check",
                           str(ROOT / "config" / "terminal.example.toml")],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert good.returncode == 0, good.stderr
    assert "OK (terminal configuration)" in good.stdout
    bad = _write(tmp_path, '[terminal]\nid = "T 01"\nhall = "h1"\n')
    res = subprocess.run([sys.executable, "-m", "zizhu", "config", "check", str(bad)],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.returncode == 2
    assert "terminal.id" in res.stderr and "'T 01'" in res.stderr
