"""Host health: NUT's upsc output, the routing table, and a real measurement of this machine."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from fleet_agent.health import HostProbe, arp_complete, default_gateway, parse_upsc, power_from_ups
from terminal.config import AgentConfig

UPSC_ON_BATTERY = """\
battery.charge: 27
battery.runtime: 540
device.mfr: EATON
Init SSL without certificate database
ups.status: OB LB
"""


def test_upsc_output_on_battery_and_on_line() -> None:
    values = parse_upsc(UPSC_ON_BATTERY)
    assert values["ups.status"] == "OB LB" and "Init SSL without certificate database" not in values
    assert power_from_ups(values) == ("ups", 27.0)
    assert power_from_ups(parse_upsc("ups.status: OL CHRG\nbattery.charge: 100\n")) == ("ac", 100.0)
    assert power_from_ups(parse_upsc("ups.status: \nbattery.charge: n/a\n")) == ("unknown", None)


def test_default_gateway_and_arp_from_kernel_tables(tmp_path: Path) -> None:
    route = tmp_path / "route"
    route.write_text("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n"
                     "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\n"
                     "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n")
    assert default_gateway(str(route)) == "192.0.2.1"
    (tmp_path / "noroute").write_text("Iface\tDestination\tGateway\n")
    assert default_gateway(str(tmp_path / "noroute")) is None
    arp = tmp_path / "arp"
    arp.write_text("IP address       HW type     Flags       HW address            Mask     Device\n"
                   "192.0.2.1        0x1         0x2         52:54:00:12:34:56     *        eth0\n"
                   "192.0.2.9        0x1         0x0         00:00:00:00:00:00     *        eth0\n")
    assert arp_complete("192.0.2.1", str(arp)) is True
    assert arp_complete("192.0.2.9", str(arp)) is False
    assert arp_complete("192.0.2.7", str(arp)) is False


def test_measure_this_host_and_a_missing_upsc_is_logged_once(tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    cfg = AgentConfig(spool_path=tmp_path / "spool.sqlite3", ups_name="ups@localhost",
                      backend_url="http://127.0.0.1:9/")  # discard port: nothing listens
    probe = HostProbe(cfg, broker_rtt=lambda: 1.234)
    probe._upsc = None  # as on a terminal without nut-client
    with caplog.at_level(logging.WARNING, logger="zizhu.agent.health"):
        first = probe.measure()
        probe.measure()
    assert sum("upsc" in r.getMessage() for r in caplog.records) == 1
    assert first.memory_percent is not None and 0 < first.memory_percent < 100
    assert first.uptime_s is not None and first.uptime_s > 0
    assert first.disk_free_percent is not None and not first.disk_read_only
    assert first.broker_rtt_ms == 1.23 and first.backend_reachable is False
    assert "host.backend.unreachable" in first.faults()
