"""The A4 printer driver against a real CUPS: Debian's cupsd, started by the test with its own
folders and socket (drivers/a4printer/sim.py), and a raw queue on the simulated printer backend.

What the printer puts out is read back (pypdf: the Chinese text is there, so the font is embedded
with its Unicode map); paper out, a stopped queue, a missing queue, a printer offline and CUPS
away each give their status, fault code and job outcome; and after every job CUPS keeps nothing:
no job in its history, no file in its spool.
"""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from drivers.a4printer.config import A4PrinterConfig
from drivers.a4printer.driver import JOB_PROCESSING, A4Printer
from drivers.a4printer.pdf import technician_page
from drivers.a4printer.sim import CupsServer
from drivers.base import DeviceOffline
from tests.support import wait_until
from wire.status import DeviceState, PaperLevel, validate

_names = itertools.count(1)


@pytest.fixture(scope="module")
def cupsd() -> Iterator[CupsServer]:
    with CupsServer() as server:
        yield server


@pytest.fixture
def queue(cupsd: CupsServer) -> Iterator[str]:
    """A fresh queue per test: conditions CUPS remembers from one test do not leak into the next."""
    name = f"a4t{next(_names)}"
    cupsd.add_queue(name)
    yield name
    try:
        cupsd.remove_queue(name)
    except Exception:  # a test that removed it itself
        pass


def printer(cupsd: CupsServer, queue: str, **kw: float) -> A4Printer:
    cfg = A4PrinterConfig(queue=queue, server=cupsd.socket, stuck_s=kw.get("stuck_s", 1.0),
                          poll_s=0.1, job_timeout_s=kw.get("job_timeout_s", 20.0))
    p = A4Printer(cfg)
    p.open()
    return p


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def assert_nothing_kept(cupsd: CupsServer) -> None:
    assert cupsd.job_history() == {}
    assert cupsd.spool_files() == []


def test_a_pdf_is_printed_as_sent_and_purged(cupsd: CupsServer, queue: str) -> None:
    p = printer(cupsd, queue)
    st = validate(p.status())
    assert (st.state, st.queue, st.accepting, st.faults()) == (DeviceState.ONLINE, "idle", True, [])
    pdf = technician_page("a4printer", queue)
    job = p.print_pdf(pdf, "zizhu-a4-test-page")
    assert job.ok and job.purged, job
    out = cupsd.printed(queue)
    assert len(out) == 1
    got = out[0].read_bytes()
    assert got == pdf  # a raw queue: the document as sent
    text = text_of(got)
    assert "自助终端 A4打印机测试页" in text and f"打印队列 queue: {queue}" in text
    assert_nothing_kept(cupsd)
    p.close()


def test_paper_out_holds_the_job_then_cancels_and_purges_it(cupsd: CupsServer, queue: str) -> None:
    p = printer(cupsd, queue)
    cupsd.set_condition(queue, "paper_out")
    t0 = time.monotonic()
    job = p.print_pdf(technician_page("a4printer", queue), "zizhu-a4-test-page")
    assert (job.state, job.code, job.reason) == ("failed", "paper_out", "A4打印机缺纸")
    assert 1.0 <= time.monotonic() - t0 < 8, "cancelled after stuck_s, not at the job's timeout"
    assert cupsd.printed(queue) == []  # nothing came out later either: the job is gone
    st = p.status()
    assert (st.state, st.paper) == (DeviceState.USER_ERROR, PaperLevel.OUT)
    assert st.faults() == ["a4printer.paper_out"]
    assert_nothing_kept(cupsd)
    # Paper loaded: CUPS still says empty until a job prints (as with a real printer's backend);
    # the test page (maintenance screen, the hall's command) clears it.
    cupsd.set_condition(queue, "paper_out", on=False)
    assert p.status().paper is PaperLevel.OUT
    result = p.print_test_page()
    assert result.ok, result
    assert p.status().faults() == []
    assert len(cupsd.printed(queue)) == 1
    p.close()


def test_a_stopped_queue_refuses_and_a_job_stopped_mid_way_is_cancelled(cupsd: CupsServer, queue: str) -> None:
    p = printer(cupsd, queue)
    cupsd.stop_queue(queue, "维护中")
    st = p.status()
    assert (st.state, st.queue) == (DeviceState.HARDWARE_ERROR, "stopped")
    assert st.faults() == ["a4printer.stopped"]
    assert "打印队列已停止" in st.reason and "维护中" in st.reason
    job = p.submit(technician_page("a4printer", queue), "zizhu-a4-test-page")
    assert (job.state, job.code, job.id) == ("failed", "stopped", 0)  # refused before anything is queued
    # Stopped with a job in it (the printer held it: paper out, then someone stops the queue).
    cupsd.start_queue(queue)
    cupsd.set_condition(queue, "paper_out")
    p2 = printer(cupsd, queue, stuck_s=2)
    first = p2.submit(technician_page("a4printer", queue), "zizhu-a4-test-page")
    second = p2.submit(technician_page("a4printer", queue), "zizhu-a4-test-page")
    assert first.state == second.state == "printing"
    # mid-job: once CUPS has the first one processing (its backend waits on the paper), not before
    wait_until(lambda: cupsd.connection().getJobAttributes(first.id, requested_attributes=["job-state"])
               ["job-state"] == JOB_PROCESSING, 15, "the first job processing in CUPS")
    cupsd.stop_queue(queue, "CUPS stopped mid-job")
    deadline = time.monotonic() + 15
    while not (first.done and second.done) and time.monotonic() < deadline:
        first, second = p2.follow(first.id), p2.follow(second.id)
        time.sleep(0.1)
    assert first.state == second.state == "failed", (first, second)
    assert {first.code, second.code} <= {"stopped", "paper_out"}
    assert cupsd.printed(queue) == []
    assert p2.cancel(second.id).state == "failed"
    assert_nothing_kept(cupsd)
    p.close()
    p2.close()


def test_a_missing_queue_and_cups_away(cupsd: CupsServer, queue: str, tmp_path: object) -> None:
    p = printer(cupsd, queue)
    cupsd.remove_queue(queue)
    st = p.status()
    assert st.state == DeviceState.NO_DEVICE and st.faults() == ["a4printer.missing"]
    assert queue in st.reason
    job = p.submit(b"%PDF-1.4", "zizhu-a4-form")
    assert (job.state, job.code) == ("failed", "missing")
    p.close()
    away = A4Printer(A4PrinterConfig(queue="a4", server=f"{cupsd.root}/no-such.sock"))
    st = away.status()
    assert st.state == DeviceState.OFFLINE and st.faults() == ["a4printer.offline"]
    assert st.reason == "打印服务（CUPS）无法连接"
    with pytest.raises(DeviceOffline):
        away.open()
    assert away.submit(b"%PDF-1.4", "zizhu-a4-form").code == "no_server"
    away.close()


def test_the_printer_offline_and_a_failing_printer(cupsd: CupsServer, queue: str) -> None:
    p = printer(cupsd, queue)
    cupsd.set_condition(queue, "offline")
    job = p.submit(technician_page("a4printer", queue), "zizhu-a4-test-page")
    deadline = time.monotonic() + 10
    while job.held != "offline" and time.monotonic() < deadline:
        time.sleep(0.1)
        job = p.follow(job.id)
    st = p.status()  # while the job is held: the printer said so
    assert st.printer_offline and st.state == DeviceState.OFFLINE and "a4printer.offline" in st.faults()
    while not job.done and time.monotonic() < deadline:
        time.sleep(0.1)
        job = p.follow(job.id)
    assert (job.state, job.code) == ("failed", "offline")
    # CUPS clears an -report reason when the job ends: the next job will tell again.
    assert not p.status().printer_offline
    cupsd.set_condition(queue, "offline", on=False)
    cupsd.set_condition(queue, "fail")
    job = p.print_pdf(technician_page("a4printer", queue), "zizhu-a4-test-page")
    assert (job.state, job.code) == ("failed", "aborted")  # ErrorPolicy abort-job: never printed later
    cupsd.set_condition(queue, "fail", on=False)
    cupsd.set_condition(queue, "paper_low")
    assert p.print_pdf(technician_page("a4printer", queue), "zizhu-a4-test-page").ok
    st = p.status()
    assert st.paper is PaperLevel.LOW and st.faults() == ["a4printer.paper_near_end"]
    assert_nothing_kept(cupsd)
    p.close()
