"""The files the programs read are package data, found through the package (tests/test_wheel.py
proves it for an installed wheel): no program module reaches into the checkout's config/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drivers.printer.slips import load_template, template_names
from drivers.scenario import Scenario, ScenarioError, shipped, shipped_names
from hall_server.faults import DEFAULT_FAULTS_FILE, load_fault_table
from zizhu.broker import SHIPPED_CONF

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("zizhu", "kiosk", "fleet_agent", "drivers", "hall_server", "bench")


def test_shipped_scenarios_load_by_name_and_by_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = shipped_names()
    assert {"printer-demo", "demo-paper", "idcard-faults", "locker-kerong", "camera-faults"} <= set(names)
    for name in names:
        assert Scenario.load(name).steps
        assert Scenario.load(f"{name}.toml").steps == Scenario.load(shipped(name)).steps
    monkeypatch.chdir(tmp_path)
    (tmp_path / "printer-demo.toml").write_text('name = "mine"\n', encoding="utf-8")
    assert Scenario.load("printer-demo.toml").name == "mine"  # a file here wins over the shipped one
    with pytest.raises(ScenarioError, match="printer-demo"):
        Scenario.load("no-such-scenario")  # the message lists the shipped ones
    with pytest.raises(ScenarioError, match="no shipped scenario"):
        shipped("../faults")


def test_the_other_data_files_are_in_the_packages() -> None:
    assert str(DEFAULT_FAULTS_FILE).startswith(str(ROOT / "hall_server" / "data"))
    assert load_fault_table().tiers
    assert "allow_anonymous false" in SHIPPED_CONF.read_text(encoding="utf-8")
    assert "notification" in template_names()
    assert load_template("notification").block


def test_no_program_reads_the_checkouts_config_folder() -> None:
    bad = re.compile(r"""["']config["']\s*/|["']config/(?!check)|parents\[\d\]\s*/\s*["']config""")
    found = [f"{p.relative_to(ROOT)}:{i}" for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if bad.search(line) and not line.lstrip().startswith("#")]
    assert not found, "read package data (importlib.resources) instead: " + ", ".join(found)
