"""``zizhu hall keygen``: the private half 0600 in the file the hall config names, the public half on
stdout for the terminals, never an existing key overwritten; the terminal config refuses a bad key."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from hall_server.keys import KeyFileError, read_private_key
from terminal.config import KioskConfig
from wire.feedback import open_phone, public_key_of, seal_phone

ROOT = Path(__file__).resolve().parents[2]


def keygen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zizhu", "hall", "keygen", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)


def test_keygen_writes_the_private_half_0600_and_prints_the_public_half(tmp_path: Path) -> None:
    key = tmp_path / "etc" / "hall-feedback.key"
    hall = tmp_path / "hall.toml"
    hall.write_text(f'kind = "hall"\n[hall]\nid = "h1"\n[feedback]\nprivate_key_file = "{key}"\n', encoding="utf-8")
    made = keygen("--config", str(hall))
    assert made.returncode == 0, made.stderr
    line = made.stdout.strip()
    assert line.startswith('hall_public_key = "') and "[kiosk]" in made.stderr
    public = line.split('"')[1]
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    private = read_private_key(key)
    assert private not in made.stdout + made.stderr and public_key_of(private) == public
    assert open_phone(private, seal_phone(public, "13955501234")) == "13955501234"
    KioskConfig(hall_public_key=public)  # what the terminal config takes
    again = keygen("--config", str(hall))
    assert again.returncode == 2 and "exists already" in again.stderr and read_private_key(key) == private
    shown = keygen("--config", str(hall), "--show")
    assert shown.returncode == 0 and shown.stdout.strip() == line


def test_keygen_refuses_without_a_key_file_and_a_bad_key_is_named(tmp_path: Path) -> None:
    hall = tmp_path / "hall.toml"
    hall.write_text('kind = "hall"\n[hall]\nid = "h1"\n', encoding="utf-8")
    refused = keygen("--config", str(hall))
    assert refused.returncode == 2 and "private_key_file" in refused.stderr
    assert keygen("--out", str(tmp_path / "missing.key"), "--show").returncode == 2
    bad = tmp_path / "bad.key"
    bad.write_text("not a key\n", encoding="ascii")
    with pytest.raises(KeyFileError, match="not a private key"):
        read_private_key(bad)
    with pytest.raises(msgspec.ValidationError, match="hall_public_key"):
        msgspec.convert({"hall_public_key": "c2hvcnQ="}, KioskConfig)
