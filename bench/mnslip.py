"""Mongolian on paper: what a Mongolian reader's one-time notification slip costs (docs/mongolian-slips.md).

The slip built with its Mongolian lines drawn as GS v 0 raster (Pillow + libraqm, on the printer's
device thread in the kiosk) on a 58 mm and an 80 mm roll, against the Chinese slip alone: build time,
bytes, paper; then printed and confirmed (chunks + GS r 1) through the real driver to the simulator
over TCP.
"""

from __future__ import annotations

import time
from typing import Any

from bench.common import Result, summary_ms
from drivers.printer import slips
from drivers.printer.config import PrinterConfig
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.simmodel import PrinterModel
from drivers.printer.simserver import PrinterSimulator
from drivers.printer.walkthrough import NOTIFICATION

MARGIN = 24  # the simulator's PNG: white above and below the paper (drivers/printer/simrender.py)
RENDERS = 30
PRINTS = 10


def _words() -> dict[str, str]:
    from PySide6.QtCore import QTranslator

    from kiosk.i18n import qm_file, slip_translations

    tr = QTranslator()
    if not tr.load(str(qm_file("mn"))):
        raise RuntimeError("cannot load the Mongolian translation")

    def translate(context: str, source: str) -> str | None:  # the two arguments the kiosk passes
        return tr.translate(context, source)

    return slip_translations("notification", translate)


def _paper_dots(payload: bytes, columns: int) -> int:
    """Dots of paper the slip takes, to its cut: the simulator's drawing, less its margins."""
    m = PrinterModel(columns=columns)
    m.receive(payload)
    return int(m.render_png(end=m.cut_positions()[-1]).height) - 2 * MARGIN


def run() -> Result:
    res = Result("mnslip")
    words = _words()
    for roll, columns in (("58 mm", 32), ("80 mm", 48)):
        mn = slips.Mongolian(words, columns * 12, 128)
        slips.render("notification", NOTIFICATION, columns=columns, mn=mn)  # fonts loaded, as a running kiosk has
        times = []
        out: Any = None
        for _ in range(RENDERS):
            t0 = time.perf_counter()
            out = slips.render("notification", NOTIFICATION, columns=columns, mn=mn)
            times.append(time.perf_counter() - t0)
        chinese = slips.render("notification", NOTIFICATION, columns=columns)
        s = summary_ms(times)
        key = roll.split()[0]
        res.add(f"{roll}: Mongolian notification slip built, raster drawn, p50 ({RENDERS} builds)", s["p50_ms"],
                "ms", key=f"mn_slip_build_{key}_p50_ms", digits=1)
        res.add(f"{roll}: the same, p99", s["p99_ms"], "ms", key=f"mn_slip_build_{key}_p99_ms", digits=1)
        res.add(f"{roll}: bytes, Mongolian slip / Chinese slip", f"{len(out.payload)} / {len(chinese.payload)}",
                key=f"mn_slip_bytes_{key}")
        mm = 25.4 / 203
        res.add(f"{roll}: paper, Mongolian slip / Chinese slip",
                f"{_paper_dots(out.payload, columns) * mm:.0f} / {_paper_dots(chinese.payload, columns) * mm:.0f}",
                "mm", key=f"mn_slip_paper_{key}_mm")
    prints = []
    with PrinterSimulator(PrinterModel()) as sim:
        cfg = PrinterConfig.from_data({"connection": {"connector": "network", "host": sim.host, "port": sim.port},
                                       "timeout_s": 10, "status_timeout_s": 2})
        with ReceiptPrinter(cfg) as printer:
            for _ in range(PRINTS):
                t0 = time.perf_counter()
                job = printer.print_slip("notification", NOTIFICATION, mongolian=words)
                prints.append(time.perf_counter() - t0)
                if not job.ok:
                    raise RuntimeError(f"print failed: {job.reason}")
    p = summary_ms(prints)
    res.add(f"58 mm Mongolian slip built, printed and confirmed over TCP p50 ({PRINTS} slips, instant mechanism)",
            p["p50_ms"], "ms", key="mn_slip_print_tcp_p50_ms", digits=1)
    return res
