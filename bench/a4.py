"""A4 printing: a certificate and a blank form rendered to PDF (ReportLab, the CJK font subset
embedded), the first render of a process (imports and the font) apart; and a certificate printed
through a private CUPS to the simulated printer — submitted, followed and purged (python -m bench a4).
"""

from __future__ import annotations

import time
from datetime import date

from bench.common import Result, summary_ms
from drivers.a4printer.config import A4PrinterConfig
from drivers.a4printer.driver import A4Printer
from drivers.a4printer.sim import CupsServer
from drivers.idcard.synthetic import CARDS

RENDERS = 30
PRINTS = 10


def run() -> Result:
    res = Result("a4")
    t0 = time.perf_counter()
    from kiosk.a4docs import certificate_pdf, form_pdf, forms_of, warm_up

    warm_up()
    res.add("first use: import ReportLab and register the CJK font", (time.perf_counter() - t0) * 1000, "ms",
            key="warm_up_ms", digits=0)
    from kiosk.backend.demo import DemoBackend

    backend = DemoBackend()
    hall = backend.hall()
    cert = backend.certificate("social_insurance", CARDS["resident"].number)
    item = next(i for i in backend.items() if forms_of(i))
    form = forms_of(item)[0]
    t0 = time.perf_counter()
    certificate_pdf(cert, hall)
    res.add("first certificate render after that", (time.perf_counter() - t0) * 1000, "ms",
            key="first_certificate_render_ms", digits=0)
    certs, forms = [], []
    size_c = size_f = 0
    for _ in range(RENDERS):
        t0 = time.perf_counter()
        size_c = len(certificate_pdf(cert, hall))
        certs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        size_f = len(form_pdf(item, form, hall, date.today()))
        forms.append(time.perf_counter() - t0)
    c, f = summary_ms(certs), summary_ms(forms)
    res.add(f"certificate PDF render p50 ({size_c // 1024} kB, {RENDERS} renders)", c["p50_ms"], "ms",
            key="certificate_render_p50_ms", digits=1)
    res.add("certificate PDF render p99", c["p99_ms"], "ms", key="certificate_render_p99_ms", digits=1)
    res.add(f"blank form PDF render p50 ({size_f // 1024} kB)", f["p50_ms"], "ms", key="form_render_p50_ms", digits=1)
    res.add("blank form PDF render p99", f["p99_ms"], "ms", key="form_render_p99_ms", digits=1)

    pdf = certificate_pdf(cert, hall)
    prints = []
    with CupsServer() as cups:
        cups.add_queue("a4")
        printer = A4Printer(A4PrinterConfig(queue="a4", server=cups.socket, poll_s=0.05))
        printer.open()
        for _ in range(PRINTS):
            t0 = time.perf_counter()
            job = printer.print_pdf(pdf, "zizhu-a4-certificate")
            prints.append(time.perf_counter() - t0)
            if not job.ok or not job.purged:
                raise RuntimeError(f"print failed: {job.reason or 'not purged'}")
        printer.close()
    p = summary_ms(prints)
    res.add(f"certificate through CUPS to the simulated printer, purged, p50 ({PRINTS} jobs)", p["p50_ms"], "ms",
            key="cups_print_p50_ms", digits=0)
    res.add("certificate through CUPS, purged, p99", p["p99_ms"], "ms", key="cups_print_p99_ms", digits=0)
    return res
