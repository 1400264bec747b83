"""The fault table (hall_server/data/faults.toml and overrides) and the terminal registry import."""

from __future__ import annotations

from pathlib import Path

import pytest

from hall_server.faults import Role, Tier, load_fault_table
from hall_server.registry import load_registry, parse_csv
from wire.status import (
    A4PrinterStatus,
    DeviceState,
    HostHealth,
    LockerSlot,
    LockerStatus,
    PaperLevel,
    PrinterStatus,
    TerminalStatus,
)
from zizhu.config import ConfigError


@pytest.mark.parametrize(("code", "tier"), [
    ("printer.receipt.paper_out", Tier.GENERAL),
    ("printer.journal.paper_out", Tier.GENERAL),
    ("printer.cover_open", Tier.GENERAL),
    ("locker.slot.07.door_open", Tier.GENERAL),
    ("app.frozen", Tier.GENERAL),
    ("host.power.mains_lost", Tier.GENERAL),
    ("terminal.offline", Tier.COMMS_MECHANICAL),
    ("locker.slot.07.jammed", Tier.COMMS_MECHANICAL),
    ("locker.board.02.silent", Tier.COMMS_MECHANICAL),
    ("idcard.sam_error", Tier.COMMS_MECHANICAL),
    ("camera.missing", Tier.COMMS_MECHANICAL),
    ("printer.journal.offline", Tier.COMMS_MECHANICAL),
    ("host.disk.full", Tier.SYSTEM),
    ("hall.terminals_down", Tier.SYSTEM),
    ("printer.receipt.paper_near_end", Tier.WARNING),
    ("host.power.battery_low", Tier.WARNING),
    ("something.nobody.knows", Tier.COMMS_MECHANICAL),
    ("a4printer.paper_out", Tier.GENERAL),
    ("a4printer.jammed", Tier.GENERAL),
    ("a4printer.cover_open", Tier.GENERAL),
    ("a4printer.toner_out", Tier.GENERAL),
    ("a4printer.offline", Tier.COMMS_MECHANICAL),
    ("a4printer.missing", Tier.COMMS_MECHANICAL),
    ("a4printer.stopped", Tier.COMMS_MECHANICAL),
    ("a4printer.hardware_error", Tier.COMMS_MECHANICAL),
    ("a4printer.paper_near_end", Tier.WARNING),
    ("a4printer.toner_low", Tier.WARNING),
])
def test_default_table_follows_the_hall_rules(code: str, tier: Tier) -> None:
    assert load_fault_table().classify(code).tier == tier


def test_every_code_the_status_model_emits_has_a_titled_rule() -> None:
    st = TerminalStatus(
        devices=[PrinterStatus(name="printer", state=DeviceState.HARDWARE_ERROR, cover_open=True, cutter_error=True),
                 LockerStatus(name="locker", slots={"03": LockerSlot(open_too_long=True)}),
                 A4PrinterStatus(name="a4printer", state=DeviceState.OFFLINE, queue="stopped", paper=PaperLevel.OUT,
                                 cover_open=True, toner="low")],
        host=HostHealth(power="battery", battery_percent=10, network_link=False, backend_reachable=False,
                        disk_free_percent=1.0, disk_read_only=True))
    table = load_fault_table()
    for code in st.faults():
        assert table.classify(code).title != code, f"{code} falls through to the default"


def test_tiers_deadlines_and_escalation() -> None:
    table = load_fault_table()
    assert table.tiers[Tier.GENERAL].deadline_minutes == 30
    assert table.tiers[Tier.COMMS_MECHANICAL].deadline_minutes == 24 * 60
    assert table.tiers[Tier.WARNING].deadline is None
    assert [Role.ADMIN.escalated(), Role.MAINTENANCE.escalated(), Role.CENTRE.escalated()] == [
        Role.MAINTENANCE, Role.CENTRE, Role.CENTRE]
    assert table.correlation_for("terminal.offline") is not None
    assert table.correlation_for("printer.receipt.paper_out") is None


def test_override_file_wins_and_bad_file_is_named(tmp_path: Path) -> None:
    over = tmp_path / "faults.toml"
    over.write_text('[[fault]]\npattern = "printer.*.paper_out"\ntier = "comms_mechanical"\n'
                    '[tiers.general]\ntitle = "一般"\nrole = "admin"\ndeadline_minutes = 15\n', encoding="utf-8")
    table = load_fault_table(over)
    assert table.classify("printer.receipt.paper_out").tier == Tier.COMMS_MECHANICAL
    assert table.tiers[Tier.GENERAL].deadline_minutes == 15
    assert table.classify("app.frozen").tier == Tier.GENERAL  # the rest of the default stays
    over.write_text('[[fault]]\npattern = "Printer Out"\ntier = "urgent"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"(?s)faults.toml.*fault\.0\.pattern"):
        load_fault_table(over)


def test_registry_from_toml_and_csv(repo_root: Path) -> None:
    entries = load_registry(repo_root / "hall_server" / "data" / "registry.example.toml")
    assert len(entries) >= 3 and entries[0].phone
    csv_entries = load_registry(repo_root / "hall_server" / "data" / "registry.example.csv")
    assert [e.id for e in csv_entries] == [e.id for e in entries]
    assert csv_entries[0].devices == entries[0].devices


def test_bad_csv_names_line_and_key() -> None:
    with pytest.raises(ConfigError, match=r"(?s)line 3.*key id"):
        parse_csv("id,name,phone\nt01,一号机,13812345678\nT 02,二号机,\n")
    with pytest.raises(ConfigError, match="header"):
        parse_csv("terminal,name\nt01,x\n")
    with pytest.raises(ConfigError, match="twice"):
        parse_csv("id\nt01\nt01\n")
