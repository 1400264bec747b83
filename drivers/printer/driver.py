"""The receipt printer driver (凭条打印机): ESC/POS over USB, serial or TCP, two paper stations.

Threads: each printer (the receipt printer, and a journal printer if there is one) has one worker
thread that owns its link; callers hand it work and wait at most their timeout. A print job is
sent in chunks, each followed by ``GS r 1``, which the printer answers only when it has printed
everything before it; when an answer is slow, a real-time ``DLE EOT`` poll tells whether the
printer has stopped (paper out, cover open, cutter jam) so the job fails at once with that reason
instead of at its timeout, and ``DLE ENQ 2`` clears what is left in the printer's buffer. Failed
jobs stay in the job store and can be printed again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from drivers.base import (
    Device,
    DeviceError,
    DeviceHardwareError,
    DeviceOffline,
    DeviceProtocolError,
    DeviceTimeout,
    SelfTestResult,
)
from drivers.printer import codec, slips
from drivers.printer import reasons as texts
from drivers.printer.config import PrinterConfig, PrinterConnection
from drivers.printer.jobs import JobStore, PrintJob
from drivers.printer.link import Link, make_link, remaining
from wire.status import DeviceState, PaperLevel, PrinterStation, PrinterStatus

log = logging.getLogger(__name__)
T = TypeVar("T")

StationName = Literal["receipt", "journal"]
PAPER_NAME: dict[str, str] = {"receipt": "凭条纸", "journal": "流水纸"}
# How long an unanswered GS r may take before we ask the printer in real time whether it stopped.
PROGRESS_POLL_S = 0.3


# --------------------------------------------------------------------------------------------
# Decoded status → reasons, errors and the status model
# --------------------------------------------------------------------------------------------

def blocking_fault(rt: codec.RealtimeStatus, station: StationName = "receipt") -> DeviceError | None:
    """The error that stops this printer from printing now, or None. Most specific cause first."""
    paper = PAPER_NAME[station]
    if rt.paper_end or rt.stopped_by_paper_end:
        return DeviceHardwareError(f"{station} paper out", f"{paper}用完，请联系工作人员更换")
    if rt.cover_open:
        return DeviceHardwareError("printer cover open", texts.COVER_OPEN)
    if rt.cutter_error:
        return DeviceHardwareError("auto-cutter error", texts.CUTTER_ERROR)
    if rt.unrecoverable:
        return DeviceHardwareError("unrecoverable printer error", "打印机发生不可恢复的故障，需要维修")
    if rt.mechanical_error:
        return DeviceHardwareError("mechanical error", "打印机机械故障")
    if rt.auto_recoverable:
        return DeviceHardwareError("auto-recoverable error", "打印机暂时故障（如打印头过热），请稍后再试")
    if rt.offline or rt.error_occurred:
        return DeviceOffline("printer offline", "打印机脱机")
    return None


def paper_level(rt: codec.RealtimeStatus) -> PaperLevel:
    if rt.paper_end or rt.stopped_by_paper_end:
        return PaperLevel.OUT
    if rt.paper_near_end:
        return PaperLevel.LOW
    return PaperLevel.FULL


def compose_status(name: str, receipt: codec.RealtimeStatus | DeviceError | None, *,
                   journal: PrinterStation | None = None, journal_reason: str = "",
                   busy: bool = False, missing: bool = False) -> PrinterStatus:
    """One :class:`PrinterStatus` from the receipt printer's decoded replies (or why there are
    none, or None: a job is printing and has not polled yet) and the journal station."""
    stations: dict[Literal["receipt", "journal"], PrinterStation] = {}
    reasons: list[str] = []
    fields: dict[str, Any] = {}
    if receipt is None:
        state = DeviceState.BUSY
        stations["receipt"] = PrinterStation(paper=PaperLevel.UNKNOWN, online=None)
        reasons.append("正在打印")
    elif isinstance(receipt, DeviceError):
        state = DeviceState.NO_DEVICE if missing else DeviceState.OFFLINE
        stations["receipt"] = PrinterStation(paper=PaperLevel.UNKNOWN, online=False)
        reasons.append(receipt.reason)
    else:
        rt = receipt
        fault = blocking_fault(rt)
        if rt.unrecoverable or rt.cutter_error or rt.mechanical_error:
            state = DeviceState.HARDWARE_ERROR
        elif rt.paper_end or rt.stopped_by_paper_end or rt.cover_open:
            state = DeviceState.USER_ERROR  # a person (the hall administrator) fixes it: 一般故障
        elif rt.auto_recoverable:
            state = DeviceState.BUSY
        elif fault is not None:
            state = DeviceState.OFFLINE
        else:
            state = DeviceState.BUSY if busy else DeviceState.ONLINE
        if fault is not None:
            reasons.append(fault.reason)
        # Every condition present, not only the first: a technician sees all of them.
        for present, text in ((rt.cover_open, texts.COVER_OPEN), (rt.cutter_error, texts.CUTTER_ERROR),
                              (rt.paper_near_end and not rt.paper_end, texts.PAPER_NEAR_END)):
            if present and text not in " ".join(reasons):
                reasons.append(text)
        stations["receipt"] = PrinterStation(paper=paper_level(rt), online=not rt.offline)
        fields = {"cover_open": rt.cover_open, "cutter_error": rt.cutter_error,
                  "unrecoverable_error": rt.unrecoverable or rt.mechanical_error,
                  "recoverable_error": rt.auto_recoverable}
    if journal is not None:
        stations["journal"] = journal
        if journal_reason:
            reasons.append(journal_reason)
    return PrinterStatus(name=name, state=state, reason="；".join(reasons), stations=stations, **fields)


# --------------------------------------------------------------------------------------------
# One printer on one link, with the one thread that talks to it
# --------------------------------------------------------------------------------------------

class _Replies:
    """Sorts the printer's answers: DLE EOT replies, GS r replies, and garbage (an error)."""

    def __init__(self, link: Link, address: str) -> None:
        self.link = link
        self.address = address
        self.status = bytearray()
        self.markers = bytearray()

    def reset(self) -> None:
        self.status.clear()
        self.markers.clear()

    def pump(self, deadline: float) -> bool:
        data = self.link.read(deadline)
        if not data:
            return False
        for b in data:
            if codec.is_realtime_status_byte(b):
                self.status.append(b)
            elif codec.is_transmit_status_byte(b):
                self.markers.append(b)
            else:
                self.link.close()
                raise DeviceProtocolError(f"{self.address}: not a status reply: {data.hex(' ')}",
                                          texts.GARBLED_STATUS)
        return True

    def realtime(self, deadline: float) -> codec.RealtimeStatus:
        while len(self.status) < 4:
            if not self.pump(deadline):
                got = bytes(self.status)
                self.link.close()
                if got:
                    raise DeviceProtocolError(f"{self.address}: only {len(got)} of 4 status bytes ({got.hex(' ')})",
                                              "打印机状态应答不完整")
                raise DeviceTimeout(f"{self.address}: no answer to DLE EOT", texts.NO_ANSWER)
        replies = bytes(self.status[:4])
        del self.status[:4]
        return codec.RealtimeStatus.decode(replies)


class _Station:
    """A printer (receipt or journal) on its own link and worker thread."""

    def __init__(self, station: StationName, conn: PrinterConnection, label: str) -> None:
        self.station = station
        self.conn = conn
        self.link = make_link(conn)
        self.replies = _Replies(self.link, self.link.address)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{label}-{station}")
        self.busy = threading.Event()
        self.last: codec.RealtimeStatus | DeviceError | None = None
        self.paper_sensor = 0  # the last GS r 1 answer: the paper as the job ended

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        return self._executor.submit(fn)

    def call(self, fn: Callable[[], T], deadline: float) -> T:
        """Run ``fn`` on the worker; wait no longer than the deadline."""
        fut = self.submit(fn)
        try:
            return fut.result(timeout=max(0.0, remaining(deadline)))
        except TimeoutError:
            fut.cancel()
            raise DeviceTimeout(f"{self.link.address}: no answer before the deadline", texts.NO_ANSWER) from None

    def missing(self) -> bool:
        return self.link.not_found

    # The rest runs on the worker thread only.

    def poll(self, deadline: float) -> codec.RealtimeStatus:
        try:
            self.link.open(deadline)
            self.link.drain()
            self.replies.reset()
            self.link.write(codec.STATUS_QUERY, deadline)
            rt = self.replies.realtime(deadline)
        except DeviceError as exc:
            self.last = exc
            raise
        except codec.StatusReplyError as exc:
            self.link.close()
            self.last = DeviceProtocolError(f"{self.link.address}: {exc}", texts.GARBLED_STATUS)
            raise self.last from None
        self.last = rt
        return rt

    def print_chunks(self, chunks: list[bytes], deadline: float, use_marker: bool,
                     warnings: list[str]) -> None:
        """Send a job; return when printed, raise the reason when not."""
        rt = self.poll(deadline)
        fault = blocking_fault(rt, self.station)
        if fault is not None:
            raise fault
        sent = 0
        try:
            for chunk in chunks:
                self.link.write(chunk + (codec.PROGRESS_MARKER if use_marker else b""), deadline)
                sent += 1
                if use_marker:
                    self._await_marker(deadline)
            if not use_marker:
                rt = self.poll(deadline)
                fault = blocking_fault(rt, self.station)
                if fault is not None:
                    raise fault
        except DeviceError as exc:
            if not sent:
                raise
            self._clear_buffer()
            # a new error: the one raised may also be this station's last status (shown without the prefix)
            raise type(exc)(str(exc), f"打印中断：{exc.reason}") from exc
        last = self.last
        near_end = (self.paper_sensor & codec.GSR1_NEAR_END) if use_marker else 0
        if near_end or (isinstance(last, codec.RealtimeStatus) and last.paper_near_end and not use_marker):
            warnings.append(f"{PAPER_NAME[self.station]}将尽")

    def _await_marker(self, deadline: float) -> None:
        while True:
            slice_end = min(deadline, time.monotonic() + PROGRESS_POLL_S)
            while not self.replies.markers:
                if not self.replies.pump(slice_end):
                    break
            if self.replies.markers:
                self.paper_sensor = self.replies.markers.pop(0)
                return
            if remaining(deadline) <= 0:
                raise DeviceTimeout(f"{self.link.address}: job not confirmed in time",
                                    texts.JOB_TIMED_OUT)
            # No progress for a while: has the printer stopped? (DLE EOT is answered at once.)
            self.link.write(codec.STATUS_QUERY, deadline)
            try:
                rt = self.replies.realtime(deadline)
            except codec.StatusReplyError as exc:
                raise DeviceProtocolError(str(exc), texts.GARBLED_STATUS) from None
            self.last = rt
            fault = blocking_fault(rt, self.station)
            if fault is not None:
                raise fault

    def _clear_buffer(self) -> None:
        try:
            self.link.write(codec.RECOVER_CLEAR, time.monotonic() + 0.5)
        except DeviceError as exc:
            log.info("could not clear the printer's buffer after a failed job: %s", exc)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self.link.abort()  # wakes a worker blocked on the link; then its work ends within moments
        self._executor.shutdown(wait=True)


# --------------------------------------------------------------------------------------------
# The journal station
# --------------------------------------------------------------------------------------------

class _FileJournal:
    """The electronic journal (电子流水): one line per print job, appended to a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error = ""

    def write(self, line: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line + "\n")
            self.error = ""
        except OSError as exc:
            if not self.error:
                log.warning("electronic journal %s cannot be written: %s", self.path, exc)
            self.error = f"电子流水无法写入（{exc.strerror or exc}）"

    def station(self) -> tuple[PrinterStation, str]:
        if self.path.exists():
            writable = self.path.is_file() and os.access(self.path, os.W_OK)
        else:  # it will be created in the first existing ancestor, which must be a writable directory
            d = self.path.parent
            while not d.exists() and d != d.parent:
                d = d.parent
            writable = d.is_dir() and os.access(d, os.W_OK)
        writable = writable and not self.error
        reason = "" if writable else (self.error or f"电子流水无法写入（{self.path}）")
        return PrinterStation(paper=PaperLevel.FULL, online=writable), reason


# --------------------------------------------------------------------------------------------
# The driver
# --------------------------------------------------------------------------------------------

class ReceiptPrinter(Device):
    """ESC/POS receipt printer with a receipt station and a journal station (printer or file)."""

    def __init__(self, config: PrinterConfig, name: str = "printer", terminal: str = "") -> None:
        self.config = config
        self.name = name
        self.terminal = terminal
        self._journal_file: _FileJournal | None = None
        if config.journal.kind == "file" and config.journal.path is not None:
            self._journal_file = _FileJournal(config.journal.path)
        self._receipt, self._journal_printer = self._stations()
        self.jobs = JobStore(config.job_dir, keep=config.keep_jobs)
        self._pending: set[PrintJob] = set()
        self._pending_lock = threading.Lock()
        self._closed = False

    def _stations(self) -> tuple[_Station, _Station | None]:
        journal = self.config.journal
        jp = None
        if journal.kind == "printer" and journal.connection is not None:
            jp = _Station("journal", journal.connection, self.name)
        return _Station("receipt", self.config.connection, self.name), jp

    # -- Device ----------------------------------------------------------------------------

    def open(self) -> None:
        deadline = time.monotonic() + self.config.timeout_s
        if self._closed:  # opened again after close(): fresh threads and links
            self._receipt, self._journal_printer = self._stations()
            self._closed = False
        self._receipt.call(lambda: self._receipt.link.open(deadline), deadline)

    def close(self) -> None:
        self._closed = True
        for station in (self._receipt, self._journal_printer):
            if station is not None:
                station.shutdown()
        with self._pending_lock:
            pending, self._pending = list(self._pending), set()
        for job in pending:
            self._settle(job, DeviceOffline("printer closed before the job ran", texts.CLOSED_NOT_PRINTED))

    def status(self) -> PrinterStatus:
        """Poll every station once, within ``status_timeout_s``. Never raises."""
        deadline = time.monotonic() + self.config.status_timeout_s
        journal_fut: Future[codec.RealtimeStatus] | None = None
        jp = self._journal_printer
        if jp is not None and not jp.busy.is_set():
            journal_fut = jp.submit(lambda: jp.poll(deadline))
        receipt, busy = self._station_status(self._receipt, None, deadline)
        journal, journal_reason = self._journal_status(journal_fut, deadline)
        return compose_status(self.name, receipt, journal=journal, journal_reason=journal_reason, busy=busy,
                              missing=isinstance(receipt, DeviceError) and self._receipt.missing())

    def _station_status(self, st: _Station, fut: Future[codec.RealtimeStatus] | None,
                        deadline: float) -> tuple[codec.RealtimeStatus | DeviceError | None, bool]:
        if st.busy.is_set():  # a job is on the link and polls as it goes: report what it last saw
            return (st.last if isinstance(st.last, codec.RealtimeStatus) else None), True
        try:
            if fut is None:
                return st.call(lambda: st.poll(deadline), deadline), False
            return fut.result(timeout=max(0.0, remaining(deadline))), False
        except TimeoutError:
            return DeviceTimeout(f"{st.link.address}: status timed out", texts.NO_ANSWER), False
        except DeviceError as exc:
            return exc, False
        except RuntimeError as exc:  # the executor is shut down: the driver was closed
            return DeviceOffline(str(exc), texts.CLOSED), False

    def _journal_status(self, fut: Future[codec.RealtimeStatus] | None,
                        deadline: float) -> tuple[PrinterStation | None, str]:
        if self._journal_file is not None:
            return self._journal_file.station()
        jp = self._journal_printer
        if jp is None:
            return None, ""
        rt = self._station_status(jp, fut, deadline)[0] if fut is not None else jp.last
        if rt is None:
            return PrinterStation(paper=PaperLevel.UNKNOWN, online=None), ""
        if isinstance(rt, DeviceError):
            return PrinterStation(paper=PaperLevel.UNKNOWN, online=False), f"流水打印机：{rt.reason}"
        fault = blocking_fault(rt, "journal")
        reason = f"流水打印机：{fault.reason}" if fault is not None else ("流水纸将尽" if rt.paper_near_end else "")
        return PrinterStation(paper=paper_level(rt), online=fault is None), reason

    def self_test(self) -> SelfTestResult:
        """Status, then the technician's test page. A failure is a result, not an exception."""
        before = self.status()
        if before.state != DeviceState.ONLINE:
            return SelfTestResult(self.name, False, before.reason or before.state.value,
                                  {"faults": before.faults()}, before)
        job = self.print_slip("test_page", self._test_page_data())
        after = self.status()
        details = {"job": job.id, "faults": after.faults(), "warnings": job.warnings}
        if not job.ok:
            return SelfTestResult(self.name, False, job.reason, details, after)
        summary = "；".join(["测试页已打印", *job.warnings])
        return SelfTestResult(self.name, True, summary, details, after)

    def _test_page_data(self) -> dict[str, Any]:
        c = self.config
        return {"terminal": self.terminal or "-", "device": f"{self.name} ({self._receipt.link.address})",
                "encoding": c.encoding, "chinese_mode": "FS & … FS ." if c.chinese_mode else "否",
                "columns": c.columns, "printed_at": datetime.now().strftime("%Y-%m-%d %H:%M")}

    # -- printing ------------------------------------------------------------------------------

    def render(self, template: str | slips.SlipTemplate, data: Mapping[str, Any],
               mongolian: Mapping[str, str] | None = None) -> slips.Rendered:
        """Template + data → bytes for this printer (its encoding, Chinese mode and width).

        ``mongolian``: the translations of the template's Mongolian strings (:func:`slips.translatable`)
        for a citizen who reads Mongolian; they print as raster images unless the printer is
        ``chinese_only``. Rendering Mongolian takes tens of milliseconds: call this off the UI thread.
        """
        c = self.config
        mn = None
        if mongolian and not c.chinese_only:
            mn = slips.Mongolian(mongolian, c.width_dots, c.raster_band_rows)
        return slips.render(template, data, encoding=c.encoding, chinese_mode=c.chinese_mode, columns=c.columns,
                            mn=mn)

    def submit(self, rendered: slips.Rendered, timeout: float | None = None) -> PrintJob:
        """Queue a slip and return its job at once; ``job.wait()`` to follow it."""
        if rendered.replaced:
            log.info("slip %s: characters the printer cannot print were replaced: %s", rendered.template,
                     ", ".join(f"{a!r}→{b!r}" for a, b in rendered.replaced))
        job = PrintJob(title=rendered.title, template=rendered.template, payload=rendered.payload,
                       text=rendered.text, chunks=rendered.chunks())
        if rendered.not_in_mongolian:
            log.warning("slip %s: Mongolian left out: %s", rendered.template, "; ".join(rendered.not_in_mongolian))
            job.notes.append("部分蒙古文未能打印")
        self.jobs.add(job)
        self._enqueue(job, timeout)
        return job

    def print_slip(self, template: str, data: Mapping[str, Any], timeout: float | None = None,
                   mongolian: Mapping[str, str] | None = None) -> PrintJob:
        """Render and print; returns the settled job within ``timeout`` (config ``timeout_s``).

        ``mongolian``: see :meth:`render` (the slip of a citizen who chose Mongolian).

        Raises only :class:`slips.TemplateError` (bad data: nothing sent). A printer failure is
        ``job.error`` (typed), with ``job.reason`` for the citizen; the job stays in ``jobs``.
        """
        return self.print_rendered(self.render(template, data, mongolian), timeout)

    def print_rendered(self, rendered: slips.Rendered, timeout: float | None = None) -> PrintJob:
        t = self.config.timeout_s if timeout is None else timeout
        deadline = time.monotonic() + t
        job = self.submit(rendered, t)
        return self._wait(job, deadline)

    def reprint(self, job_id: str, timeout: float | None = None) -> PrintJob:
        """Print a kept job again (same bytes); returns it settled, like :meth:`print_slip`."""
        job = self.jobs.get(job_id)
        if job is None:
            raise KeyError(f"no print job {job_id!r} in the store")
        t = self.config.timeout_s if timeout is None else timeout
        deadline = time.monotonic() + t
        self._enqueue(job, t)
        return self._wait(job, deadline)

    def _enqueue(self, job: PrintJob, timeout: float | None) -> None:
        deadline = time.monotonic() + (self.config.timeout_s if timeout is None else timeout)
        job.start_attempt()
        if self._closed:
            self._settle(job, DeviceOffline("printer closed", texts.CLOSED_NOT_PRINTED))
            return
        with self._pending_lock:
            self._pending.add(job)
        try:
            attempt = job.attempts
            self._receipt.submit(lambda: self._run(job, attempt, deadline))
        except RuntimeError:  # shut down between the check and here
            self._settle(job, DeviceOffline("printer closed", texts.CLOSED_NOT_PRINTED))

    def _wait(self, job: PrintJob, deadline: float) -> PrintJob:
        if not job.wait(max(0.0, remaining(deadline))):
            self._settle(job, DeviceTimeout(f"print job {job.id} timed out", texts.JOB_TIMED_OUT))
        return job

    def _settle(self, job: PrintJob, error: DeviceError | None, attempt: int | None = None) -> bool:
        """Settle one attempt: saved, logged and journalled before the caller waiting on it wakes."""

        def record(j: PrintJob) -> None:
            self.jobs.save(j)
            if error is None:
                log.info("print job %s (%s) printed, attempt %d", j.id, j.title, j.attempts)
            else:
                log.warning("print job %s (%s) failed: %s [%s]", j.id, j.title, error.reason, error)
            self._write_journal(j)

        settled = job.finish(error, attempt, before_release=record)
        with self._pending_lock:
            self._pending.discard(job)
        return settled

    def _run(self, job: PrintJob, attempt: int, deadline: float) -> None:
        """On the receipt worker: print one attempt of a job, then write the journal."""
        st = self._receipt
        st.busy.set()  # before the job shows as printing: a status() that sees it does not queue
        if remaining(deadline) <= 0 or not job.mark_printing(attempt):
            st.busy.clear()
            self._settle(job, DeviceTimeout("job waited in the queue past its deadline", "打印超时，凭条未打印"),
                         attempt)
            return
        warnings: list[str] = []
        error: DeviceError | None = None
        try:
            st.print_chunks(job.chunks, deadline, self.config.progress_marker, warnings)
        except DeviceError as exc:
            error = exc
        except Exception as exc:  # a bug or an unexpected library error must still settle the job
            log.exception("print job %s: unexpected error", job.id)
            error = DeviceError(f"unexpected: {exc!r}", "打印机驱动内部错误")
        finally:
            st.busy.clear()
        job.warnings.extend(warnings)
        if not self._settle(job, error, attempt) and error is None:
            log.warning("print job %s printed after its caller stopped waiting (reported as timed out)", job.id)

    def _write_journal(self, job: PrintJob) -> None:
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        result = "已打印" if job.ok else f"未打印（{job.reason}）"
        line = f"{stamp} {self.terminal or self.name} {job.title} #{job.id} 第{job.attempts}次 {result}"
        if self._journal_file is not None:
            self._journal_file.write(line)
        elif self._journal_printer is not None:
            jp = self._journal_printer
            enc = codec.TextEncoder(self.config.encoding, self.config.chinese_mode)
            lines = codec.wrap(line, self.config.columns, enc, indent=2)
            data = codec.INIT + enc.encode("\n".join(lines) + "\n")
            deadline = time.monotonic() + self.config.timeout_s

            def send() -> None:
                jp.busy.set()
                try:
                    jp.print_chunks([data], deadline, self.config.progress_marker, [])
                except DeviceError as exc:
                    log.warning("journal printer: record of job %s not printed: %s", job.id, exc.reason)
                finally:
                    jp.busy.clear()

            try:
                jp.submit(send)
            except RuntimeError:
                log.warning("journal printer closed: record of job %s not printed", job.id)
