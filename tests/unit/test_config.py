from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from drivers.locker.config import LockerConfig
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
    assert msg.splitlines()[1] == ("  key devices.printer.connection.port: bad value 70000; "
                                   "expected: an integer, at least 1 and at most 65535")


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


def test_every_problem_of_a_file_in_one_message(tmp_path: Path) -> None:
    p = _write(tmp_path, """
[terminal]
id = "T 01"
nmae = "x"
[devices.printer]
columns = "48"
[devices.printer.connection]
connector = "serial"
[devices.locker]
device = "/dev/zizhu/locker"
boards = [{ address = 1 }, { address = 2, slots = 20 }]
[devices.camera]
source = "/dev/video0"
sizes = { passport = { width = 400 } }
[mqtt]
port = "1883"
[agent]
reconnect_min_s = 10
reconnect_max_s = 5
""")
    with pytest.raises(ConfigError) as ei:
        load_terminal(p)
    lines = str(ei.value).splitlines()
    assert lines[0] == f"{p}: invalid configuration (9 problems)"
    for expected in [
        "key terminal.id: bad value 'T 01'; expected: an id: lower-case letters",
        "key terminal.nmae: unknown key (value 'x'); check the spelling",
        "key terminal.hall: missing; expected: an id",
        "key devices.printer.columns: bad value '48'; expected: an integer, at least 16 and at most 64",
        "key devices.printer.connection: a serial printer needs 'device'",
        "key devices.locker.boards.1.slots: bad value 20; expected: one of 12, 16, 24, 32",
        "key devices.camera.sizes.passport: unknown key; expected one of 'resident_id', 'one_inch'",
        "key mqtt.port: bad value '1883'; expected: an integer",  # strict: a string is not a number
        "key agent: reconnect_max_s must not be below reconnect_min_s",
    ]:
        assert any(line.startswith("  " + expected) for line in lines[1:]), (expected, lines)


def test_string_values_are_stripped(tmp_path: Path) -> None:
    cfg = load_terminal(_write(tmp_path, '[terminal]\nid = " t01 "\nhall = "h1\t"\nname = "  一号机 "\n'))
    assert (cfg.terminal.id, cfg.terminal.hall, cfg.terminal.name) == ("t01", "h1", "一号机")


def test_a_path_must_be_text(tmp_path: Path) -> None:
    p = _write(tmp_path, '[terminal]\nid = "t01"\nhall = "h1"\n[devices.locker]\ndevice = "/dev/null"\n'
                         "record_path = 5\n")
    with pytest.raises(ConfigError, match=r"key devices\.locker\.record_path: bad value 5; expected: a path"):
        load_terminal(p)
    with pytest.raises(msgspec.ValidationError, match="path"):
        LockerConfig.from_data({"device": "/dev/null", "record_path": 5})
    assert LockerConfig.from_data({"device": "/dev/null", "record_path": "/tmp/o.sqlite3"}).record_path == \
        Path("/tmp/o.sqlite3")


def test_config_modules_do_not_load_pydantic() -> None:
    """The fleet agent must stay small: its configuration costs no pydantic (~12 MB)."""
    code = ("import sys, zizhu.config, terminal.config, hall_server.config, hall_server.faults, "
            "hall_server.registry, drivers.printer.config, drivers.printer.slips, drivers.idcard.config, "
            "drivers.locker.config, drivers.camera.config; print(sorted(m for m in sys.modules if 'pydantic' in m))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]"


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
