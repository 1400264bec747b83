"""Host health of a terminal (psutil, /proc, NUT's ``upsc``) → :class:`wire.status.HostHealth`.

Every probe has a short timeout and reports ``None`` (not known) rather than guessing: a
terminal without a battery sensor, a CPU sensor or a UPS reports those fields as unknown, which
raises no fault. A missing ``upsc`` is logged once, not once per poll.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import struct
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import psutil

from terminal.config import AgentConfig
from wire.status import HostHealth

log = logging.getLogger("zizhu.agent.health")

Power = Literal["ac", "battery", "ups", "unknown"]


def parse_upsc(text: str) -> dict[str, str]:
    """``upsc`` prints ``key: value`` lines (``ups.status: OB LB``); anything else is skipped."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and " " not in key.strip():
            out[key.strip()] = value.strip()
    return out


def power_from_ups(values: dict[str, str]) -> tuple[Power, float | None]:
    """NUT status flags: OL = on line (mains), OB = on battery; ``battery.charge`` in percent."""
    flags = values.get("ups.status", "").split()
    charge: float | None = None
    with contextlib.suppress(ValueError):
        charge = float(values["battery.charge"]) if "battery.charge" in values else None
    if "OB" in flags:
        return "ups", charge
    if "OL" in flags:
        return "ac", charge
    return "unknown", charge


def default_gateway(route_file: str = "/proc/net/route") -> str | None:
    """The IPv4 default gateway from the kernel's routing table, or None."""
    try:
        lines = Path(route_file).read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        parts = line.split()
        if len(parts) >= 4 and parts[1] == "00000000" and int(parts[3], 16) & 0x2:
            return socket.inet_ntoa(struct.pack("<L", int(parts[2], 16)))
    return None


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s: int = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def icmp_echo(host: str, timeout: float = 1.0) -> float | None:
    """One ICMP echo; round trip in ms, None if no answer. Raises PermissionError if not allowed."""
    ident = os.getpid() & 0xFFFF
    header = struct.pack("!BBHHH", 8, 0, 0, ident, 1)
    payload = b"zizhu-agent"
    packet = struct.pack("!BBHHH", 8, 0, _checksum(header + payload), ident, 1) + payload
    for kind in (socket.SOCK_DGRAM, socket.SOCK_RAW):  # unprivileged ping sockets first
        try:
            s = socket.socket(socket.AF_INET, kind, socket.IPPROTO_ICMP)
        except PermissionError:
            continue
        with s:
            s.settimeout(timeout)
            t0 = time.monotonic()
            try:
                s.sendto(packet, (host, 0))
                deadline = t0 + timeout
                while time.monotonic() < deadline:
                    s.settimeout(max(0.01, deadline - time.monotonic()))
                    data = s.recv(2048)
                    if kind == socket.SOCK_RAW:
                        data = data[(data[0] & 0x0F) * 4:]  # strip the IP header
                    if data[:1] == b"\x00":  # echo reply
                        return (time.monotonic() - t0) * 1000
            except OSError:
                return None
        return None
    raise PermissionError("no ICMP socket allowed")


def arp_complete(ip: str, arp_file: str = "/proc/net/arp") -> bool | None:
    """Whether the kernel holds a complete ARP entry for ``ip`` (it answered recently)."""
    try:
        lines = Path(arp_file).read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        parts = line.split()
        if len(parts) >= 3 and parts[0] == ip:
            return bool(int(parts[2], 16) & 0x2)
    return False


def tcp_reachable(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


class HostProbe:
    """Measures the host once per :meth:`measure` call (each probe bounded by a timeout)."""

    def __init__(self, cfg: AgentConfig, broker_rtt: Callable[[], float | None] = lambda: None,
                 disk_path: Path | None = None) -> None:
        self.cfg = cfg
        self.broker_rtt = broker_rtt
        self.disk_path = disk_path or cfg.spool_path.parent
        self._upsc = shutil.which("upsc")
        self._warned: set[str] = set()
        self._icmp_allowed = True

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning("%s", message)

    def power(self) -> tuple[Power, float | None]:
        if self.cfg.ups_name:
            if self._upsc is None:
                self._warn_once("upsc", "ups_name is set but NUT's upsc is not installed (Debian package 'nut-client')")
            else:
                try:
                    out = subprocess.run([self._upsc, self.cfg.ups_name], capture_output=True, text=True,
                                         timeout=3, check=False)
                    if out.returncode == 0:
                        self._warned.discard("upsc-fail")
                        return power_from_ups(parse_upsc(out.stdout))
                    self._warn_once("upsc-fail", f"upsc {self.cfg.ups_name} failed: {out.stderr.strip()[:200]}")
                except (OSError, subprocess.TimeoutExpired) as exc:
                    self._warn_once("upsc-fail", f"upsc {self.cfg.ups_name} failed: {exc}")
        try:
            battery = psutil.sensors_battery()
        except (OSError, RuntimeError):
            battery = None
        if battery is None:
            return "unknown", None
        return ("ac" if battery.power_plugged else "battery"), float(battery.percent)

    def network_link(self) -> bool | None:
        try:
            stats = psutil.net_if_stats()
        except OSError:
            return None
        real = {n: s for n, s in stats.items() if n != "lo" and not n.startswith(("docker", "veth", "virbr"))}
        if not real:
            return None
        return any(s.isup for s in real.values())

    def gateway_reachable(self) -> bool | None:
        gw = default_gateway()
        if gw is None:
            return None
        if self._icmp_allowed:
            try:
                return icmp_echo(gw, timeout=1.0) is not None
            except PermissionError:
                self._icmp_allowed = False
        return arp_complete(gw)

    def backend_reachable(self) -> bool | None:
        if not self.cfg.backend_url:
            return None
        u = urlsplit(self.cfg.backend_url)
        if not u.hostname:
            return None
        port = u.port or (443 if u.scheme == "https" else 80)
        return tcp_reachable(u.hostname, port)

    def disk(self) -> tuple[float | None, bool]:
        path = self.disk_path
        while not path.exists() and path != path.parent:
            path = path.parent
        try:
            usage = psutil.disk_usage(str(path))
            free = 100.0 - usage.percent
        except OSError:
            free = None
        read_only = False
        try:
            st = os.statvfs(path)
            read_only = bool(st.f_flag & os.ST_RDONLY)
        except OSError:
            pass
        return free, read_only

    @staticmethod
    def cpu_temp() -> float | None:
        try:
            temps = psutil.sensors_temperatures()
        except (OSError, AttributeError):
            return None
        for key in ("coretemp", "k10temp", "cpu_thermal", "soc_thermal", "acpitz"):
            readings = [t.current for t in temps.get(key, []) if t.current is not None]
            if readings:
                return float(max(readings))
        readings = [t.current for ts in temps.values() for t in ts if t.current is not None]
        return float(max(readings)) if readings else None

    def measure(self) -> HostHealth:
        power, percent = self.power()
        free, read_only = self.disk()
        rtt = self.broker_rtt()
        return HostHealth(
            power=power,
            battery_percent=percent,
            network_link=self.network_link(),
            gateway_reachable=self.gateway_reachable(),
            broker_rtt_ms=None if rtt is None else round(rtt, 2),
            backend_reachable=self.backend_reachable(),
            disk_free_percent=None if free is None else round(free, 1),
            disk_read_only=read_only,
            cpu_temp_c=self.cpu_temp(),
            memory_percent=psutil.virtual_memory().percent,
            uptime_s=round(time.time() - psutil.boot_time(), 0),
        )
