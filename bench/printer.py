"""Receipt printer: building and encoding the one-time notification slip, the status poll round trip
(DLE EOT 1–4 through the real driver to the simulator, over TCP and over a pty), and a whole slip
printed and confirmed (chunks + GS r 1) over TCP.
"""

from __future__ import annotations

import time
from typing import Any

from bench.common import Result, summary_ms
from drivers.printer.config import PrinterConfig
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.simmodel import PrinterModel
from drivers.printer.simserver import PrinterSimulator
from drivers.printer.slips import render
from drivers.printer.walkthrough import NOTIFICATION
from wire.status import DeviceState

RENDERS = 300
POLLS = 500
PRINTS = 30


def _config(sim: PrinterSimulator) -> PrinterConfig:
    conn: dict[str, Any] = ({"connector": "serial", "device": sim.pty_path, "baudrate": 115200} if sim.serial
                            else {"connector": "network", "host": sim.host, "port": sim.port})
    return PrinterConfig.from_data({"connection": conn, "timeout_s": 5, "status_timeout_s": 2})


def _polls(serial: bool) -> list[float]:
    out = []
    with PrinterSimulator(PrinterModel(), serial=serial) as sim, ReceiptPrinter(_config(sim)) as printer:
        printer.status()  # connect
        for _ in range(POLLS):
            t0 = time.perf_counter()
            st = printer.status()
            out.append(time.perf_counter() - t0)
            if st.state != DeviceState.ONLINE:
                raise RuntimeError(f"status poll failed: {st.reason}")
    return out


def run() -> Result:
    res = Result("printer")
    render("notification", NOTIFICATION)  # load the template once, as a running kiosk has
    builds = []
    size = 0
    for _ in range(RENDERS):
        t0 = time.perf_counter()
        size = len(render("notification", NOTIFICATION).payload)
        builds.append(time.perf_counter() - t0)
    b = summary_ms(builds)
    res.add(f"one-time notification slip: build + encode p50 ({size} bytes)", b["p50_ms"], "ms",
            key="slip_build_p50_ms", digits=3)
    res.add("one-time notification slip: build + encode p99", b["p99_ms"], "ms", key="slip_build_p99_ms", digits=3)

    for label, serial in (("TCP", False), ("pty", True)):
        p = summary_ms(_polls(serial))
        key = "tcp" if not serial else "pty"
        res.add(f"status poll round trip over {label} p50 ({POLLS} polls)", p["p50_ms"], "ms",
                key=f"status_poll_{key}_p50_ms", digits=3)
        res.add(f"status poll round trip over {label} p99", p["p99_ms"], "ms", key=f"status_poll_{key}_p99_ms",
                digits=3)

    prints = []
    with PrinterSimulator(PrinterModel()) as sim, ReceiptPrinter(_config(sim)) as printer:
        for _ in range(PRINTS):
            t0 = time.perf_counter()
            job = printer.print_slip("notification", NOTIFICATION)
            prints.append(time.perf_counter() - t0)
            if not job.ok:
                raise RuntimeError(f"print failed: {job.reason}")
    pr = summary_ms(prints)
    res.add(f"slip printed and confirmed over TCP p50 ({PRINTS} slips, instant mechanism)", pr["p50_ms"], "ms",
            key="slip_print_tcp_p50_ms", digits=2)
    res.add("slip printed and confirmed over TCP p99", pr["p99_ms"], "ms", key="slip_print_tcp_p99_ms", digits=2)
    return res
