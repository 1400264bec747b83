"""`zizhu diag`: the technician's self-test of every device configured on a terminal (设备自检).

For each ``[devices.*]`` section it builds the driver from the registry
(:func:`drivers.base.make_device`), opens it and runs its ``self_test()``: the printer prints a
test page and reports each station, the card reader its SAM id and one read, the camera a
snapshot through the photo checks, the locker opens each slot and sees it open and closed again.

* A device that cannot even be opened is a failure with its reason, not a crash; so is a
  driver that raises, or one whose self-test outlives ``--timeout`` (it runs in a worker thread
  and is abandoned, never waited for past the deadline).
* An invalid configuration exits 2 before any device is touched.
* Exit status 0 when every device passed, 1 when any failed.
* The report (Chinese and plain) or, with ``--json``, one JSON document on stdout. Personal
  numbers that a self-test might echo (a card read) are masked on the way out.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drivers.base import SelfTestResult, make_device
from drivers.kinds import KINDS as DEVICE_KINDS
from drivers.kinds import NAMES
from ground.logs import mask_text, setup_logging
from terminal.selftest import failure, guarded, open_and_test
from zizhu.config import ConfigError, TerminalConfig, load_terminal

log = logging.getLogger(__name__)

DEFAULT_CONFIG = Path("/etc/zizhu/terminal.toml")
KINDS = NAMES  # the order a technician walks the terminal
KIND_LABEL = {k.name: k.label for k in DEVICE_KINDS}
SCHEMA = "zizhu.diag/1"


@dataclass
class DeviceReport:
    kind: str
    result: SelfTestResult
    elapsed_s: float

    def to_dict(self) -> dict[str, Any]:
        out = {"kind": self.kind, **self.result.to_dict(), "elapsed_s": round(self.elapsed_s, 3)}
        out["faults"] = [] if self.result.status is None else self.result.status.faults()
        return out


@dataclass
class DiagReport:
    terminal: str
    terminal_name: str
    devices: list[DeviceReport] = field(default_factory=list)
    ts: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def ok(self) -> bool:
        return bool(self.devices) and all(d.result.ok for d in self.devices)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "terminal": self.terminal, "terminal_name": self.terminal_name,
                "ts": self.ts.isoformat(timespec="seconds"), "ok": self.ok,
                "failed": [d.result.device for d in self.devices if not d.result.ok],
                "devices": [d.to_dict() for d in self.devices]}


def _self_test(kind: str, section: Any, name: str) -> SelfTestResult:
    """Build, open, self-test, close — every way a driver can fail made a failed result
    (:mod:`terminal.selftest`, the same guard the kiosk's maintenance screen runs)."""
    try:
        dev = make_device(kind, section, name=name)
    except Exception as exc:
        log.warning("diag: cannot build the %s driver: %s", kind, exc, exc_info=log.isEnabledFor(logging.DEBUG))
        return failure(name, f"驱动无法加载 driver cannot be loaded: {exc}", error=type(exc).__name__)
    try:
        return guarded(name, lambda: open_and_test(dev, name))
    finally:
        try:
            dev.close()
        except Exception:
            log.warning("diag: closing %s raised", name, exc_info=True)


def run_one(kind: str, section: Any, name: str, timeout_s: float) -> DeviceReport:
    """One device's self-test in a worker thread, abandoned after ``timeout_s``."""
    box: list[SelfTestResult] = []
    worker = threading.Thread(target=lambda: box.append(_self_test(kind, section, name)),
                              name=f"diag:{name}", daemon=True)
    t0 = time.monotonic()
    worker.start()
    worker.join(timeout_s)
    elapsed = time.monotonic() - t0
    if not box:
        return DeviceReport(kind, failure(name, f"自检超时 self-test did not finish in {timeout_s:g} s"), elapsed)
    return DeviceReport(kind, box[0], elapsed)


def configured(cfg: TerminalConfig) -> dict[str, Any]:
    return {kind: section for kind in KINDS if (section := getattr(cfg.devices, kind)) is not None}


def run_diag(cfg: TerminalConfig, only: list[str] | None = None, timeout_s: float = 300.0) -> DiagReport:
    report = DiagReport(terminal=cfg.terminal.id, terminal_name=cfg.terminal.name)
    for kind, section in configured(cfg).items():
        if only and kind not in only:
            continue
        report.devices.append(run_one(kind, section, kind, timeout_s))
    return report


def _detail_lines(details: dict[str, Any], indent: str) -> list[str]:
    lines = []
    for key, value in details.items():
        shown = value if isinstance(value, str | int | float | bool) or value is None else \
            json.dumps(value, ensure_ascii=False, default=str)
        lines.append(f"{indent}{key}: {shown}")
    return lines


def format_text(report: DiagReport, verbose: bool = False) -> str:
    lines = [f"设备自检 Device self-test — 终端 terminal {report.terminal}"
             + (f" · {report.terminal_name}" if report.terminal_name else "")
             + f" · {report.ts:%Y-%m-%d %H:%M:%S} UTC", ""]
    for d in report.devices:
        r = d.result
        mark = "正常 OK  " if r.ok else "故障 FAIL"
        lines.append(f"[{mark}] {r.device:<8} {KIND_LABEL.get(d.kind, d.kind)}  ({d.elapsed_s:.1f} s)")
        lines.append(f"            {r.summary}")
        if r.status is not None:
            faults = ", ".join(r.status.faults()) or "—"
            lines.append(f"            状态 state: {r.status.state.value}; 故障码 faults: {faults}")
        if verbose or not r.ok:
            lines.extend(_detail_lines(r.details, "            "))
    failed = [d.result.device for d in report.devices if not d.result.ok]
    lines.append("")
    if not report.devices:
        lines.append("结果 Result: 没有可自检的设备 no device to test — FAILED")
    elif failed:
        lines.append(f"结果 Result: {len(failed)} 台设备故障 {len(failed)} of {len(report.devices)} devices "
                     f"FAILED: {', '.join(failed)}")
    else:
        lines.append(f"结果 Result: 全部正常 all {len(report.devices)} devices OK")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG,
                        help=f"terminal configuration (default {DEFAULT_CONFIG})")
    parser.add_argument("--device", action="append", choices=KINDS, metavar="NAME",
                        help=f"test only this device (repeatable): {', '.join(KINDS)}")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of the report")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds one device's self-test may take (default 300)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every detail, and debug logs")


def run(args: argparse.Namespace) -> int:
    setup_logging("DEBUG" if args.verbose else "WARNING")
    try:
        cfg = load_terminal(args.config)
    except ConfigError as exc:
        print(f"zizhu diag: {exc}", file=sys.stderr)
        return 2
    if args.timeout <= 0:
        print("zizhu diag: --timeout must be more than 0 seconds", file=sys.stderr)
        return 2
    present = configured(cfg)
    missing = [d for d in args.device or [] if d not in present]
    if missing:
        print(f"zizhu diag: {args.config}: no [devices.{missing[0]}] section; configured: "
              f"{', '.join(present) or 'none'}", file=sys.stderr)
        return 2
    report = run_diag(cfg, args.device, args.timeout)
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str) if args.json \
        else format_text(report, args.verbose)
    print(mask_text(text), flush=True)
    return 0 if report.ok else 1
