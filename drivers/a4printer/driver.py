"""The A4 printer (A4打印机) through CUPS, with pycups (OpenPrinting's binding of libcups).

``A4Printer(config, name=...)`` implements :class:`drivers.base.Device`. CUPS owns the printer:
this driver talks to one queue of a CUPS server (the terminal's own ``cupsd`` over its socket, or
any server by host and port) and never to the printer itself. Its status is an
:class:`~wire.status.A4PrinterStatus` made of the queue's attributes (``printer-state``,
``printer-state-reasons``, ``printer-is-accepting-jobs``, ``queued-job-count``).

A document is sent from memory (Create-Job, Send-Document: no file is written on the terminal),
then followed one short call at a time (:meth:`A4Printer.follow`), so the caller's device thread
is never held for a whole job: status polls and other devices' calls go on between. A job that
the printer holds — paper out, jam, cover open, printer offline, queue stopped — is cancelled
after ``stuck_s`` (the citizen who was told to go to a staffed window must not find their
certificate printed for the next person), and every job, printed or not, is purged from CUPS'
history once it has ended (Cancel-Job with ``purge-job``): its attributes go with it, and with
``PreserveJobFiles No`` the document was already deleted when it finished.

pycups is not thread-safe and has no timeout of its own: every CUPS call runs on this driver's
one worker thread, and the caller waits at most ``timeout_s`` for it.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from drivers.a4printer.config import A4PrinterConfig
from drivers.base import (
    Device,
    DeviceError,
    DeviceOffline,
    DeviceTimeout,
    SelfTestResult,
)
from wire.status import A4PrinterStatus, DeviceState, PaperLevel

log = logging.getLogger(__name__)
T = TypeVar("T")

# IPP enums (RFC 8011): printer-state and job-state.
PRINTER_IDLE, PRINTER_PROCESSING, PRINTER_STOPPED = 3, 4, 5
JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED, JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = 3, 4, 5, 6, 7, 8, 9
IPP_NOT_FOUND = 0x0406  # client-error-not-found

REASON_NO_SERVER = "打印服务（CUPS）无法连接"
REASON_NO_QUEUE = "A4打印机未安装（打印队列{queue}不存在）"
REASON_STOPPED = "A4打印机的打印队列已停止"
REASON_REJECTING = "A4打印机的打印队列不接受新任务"
REASON_OFFLINE = "A4打印机脱机（未开机或连接线断开）"
REASON_PAPER_OUT = "A4打印机缺纸"
REASON_PAPER_LOW = "A4打印纸将尽"
REASON_JAM = "A4打印机卡纸"
REASON_COVER = "A4打印机盖门未关好"
REASON_TONER_OUT = "A4打印机墨粉（墨盒）用完"
REASON_TONER_LOW = "A4打印机墨粉（墨盒）将尽"
REASON_TIMEOUT = "打印超时，文件可能未打印"
REASON_ABORTED = "打印机未能打印该文件"
REASON_CANCELLED = "打印任务已被取消"
REASON_LOST = "打印任务已不在打印队列中，结果未知"

_KEYWORD = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")  # what the status model keeps of a reason (others dropped)
_PRINTER_ATTRS = ["printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs",
                  "queued-job-count"]
_JOB_ATTRS = ["job-state", "job-state-reasons", "job-printer-state-message"]

# What holds a job at the printer, most specific first: (CUPS reason keyword without its
# -error/-warning/-report suffix, the code the screens turn into words, the reason for people).
BLOCKING: tuple[tuple[str, str, str], ...] = (
    ("offline", "offline", REASON_OFFLINE),
    ("media-empty", "paper_out", REASON_PAPER_OUT),
    ("media-needed", "paper_out", REASON_PAPER_OUT),
    ("media-jam", "jammed", REASON_JAM),
    ("door-open", "cover_open", REASON_COVER),
    ("cover-open", "cover_open", REASON_COVER),
    ("toner-empty", "toner_out", REASON_TONER_OUT),
    ("marker-supply-empty", "toner_out", REASON_TONER_OUT),
)
CODE_REASONS: dict[str, str] = {code: text for _, code, text in BLOCKING} | {
    "stopped": REASON_STOPPED, "rejecting": REASON_REJECTING, "missing": REASON_NO_QUEUE,
    "no_server": REASON_NO_SERVER, "timeout": REASON_TIMEOUT, "aborted": REASON_ABORTED,
    "cancelled": REASON_CANCELLED, "lost": REASON_LOST}


def keyword(reason: str) -> str:
    """``media-empty-error`` → ``media-empty`` (RFC 8011 section 5.4.12, the severity suffixes)."""
    for suffix in ("-error", "-warning", "-report"):
        if reason.endswith(suffix):
            return reason[: -len(suffix)]
    return reason


def blocking_cause(reasons: Iterable[str], printer_state: int | None = None,
                   accepting: bool | None = True) -> str | None:
    """The code of what stops the queue from printing now, or None."""
    words = {keyword(r) for r in reasons if not r.endswith("-warning")}
    for kw, code, _text in BLOCKING:
        if kw in words:
            return code
    if printer_state == PRINTER_STOPPED or "paused" in words:
        return "stopped"
    if accepting is False:
        return "rejecting"
    return None


def compose_status(name: str, attrs: dict[str, Any], queue: str = "") -> A4PrinterStatus:
    """An :class:`A4PrinterStatus` from a queue's Get-Printer-Attributes answer."""
    raw = attrs.get("printer-state-reasons") or []
    reasons = [raw] if isinstance(raw, str) else list(raw)
    reasons = [r for r in reasons if r and r != "none"]
    words = {keyword(r) for r in reasons}
    pstate = int(attrs.get("printer-state", 0) or 0)
    accepting = attrs.get("printer-is-accepting-jobs")
    accepting = bool(accepting) if accepting is not None else None
    stopped = pstate == PRINTER_STOPPED or "paused" in words
    paper = PaperLevel.FULL
    if words & {"media-empty", "media-needed"}:
        paper = PaperLevel.OUT
    elif "media-jam" in words:
        paper = PaperLevel.JAMMED
    elif "media-low" in words:
        paper = PaperLevel.LOW
    toner: Literal["ok", "low", "out", "unknown"] = "ok"
    if words & {"toner-empty", "marker-supply-empty"}:
        toner = "out"
    elif words & {"toner-low", "marker-supply-low"}:
        toner = "low"
    cover = bool(words & {"door-open", "cover-open"})
    offline = "offline" in words
    texts: list[str] = []
    if offline:
        state = DeviceState.OFFLINE
        texts.append(REASON_OFFLINE)
    elif stopped or accepting is False:
        state = DeviceState.HARDWARE_ERROR
    elif paper in (PaperLevel.OUT, PaperLevel.JAMMED) or cover or toner == "out":
        state = DeviceState.USER_ERROR  # the hall administrator fixes it: 一般故障
    elif pstate == PRINTER_PROCESSING:
        state = DeviceState.BUSY
    else:
        state = DeviceState.ONLINE
    if stopped:
        message = str(attrs.get("printer-state-message") or "").strip()
        texts.append(REASON_STOPPED + (f"（{message}）" if message else ""))
    elif accepting is False:
        texts.append(REASON_REJECTING)
    for present, text in ((paper is PaperLevel.OUT, REASON_PAPER_OUT), (paper is PaperLevel.JAMMED, REASON_JAM),
                          (paper is PaperLevel.LOW, REASON_PAPER_LOW), (cover, REASON_COVER),
                          (toner == "out", REASON_TONER_OUT), (toner == "low", REASON_TONER_LOW)):
        if present:
            texts.append(text)
    if state == DeviceState.BUSY and not texts:
        texts.append("正在打印")
    return A4PrinterStatus(
        name=name, state=state, reason="；".join(texts)[:500],
        queue="stopped" if stopped else ("printing" if pstate == PRINTER_PROCESSING else "idle"),
        accepting=accepting, paper=paper, cover_open=cover, toner=toner, printer_offline=offline,
        jobs=max(0, int(attrs.get("queued-job-count", 0) or 0)),
        reasons=[r for r in reasons if _KEYWORD.fullmatch(r)][:32])


@dataclass
class A4Job:
    """One document sent to the queue, as far as it is known. ``code`` says why it failed."""

    id: int
    title: str
    state: Literal["printing", "completed", "failed"] = "printing"
    code: str = ""  # "" while printing or when printed; else a key of CODE_REASONS
    reason: str = ""  # for people (Chinese)
    held: str = ""  # printing, but held by this cause for now (paper_out, stopped …)
    purged: bool = False
    submitted_at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.state == "completed"

    @property
    def done(self) -> bool:
        return self.state != "printing"


@dataclass
class _Tracked:
    job: A4Job
    deadline: float
    held_since: float | None = None


class A4Printer(Device):
    def __init__(self, config: A4PrinterConfig, name: str = "a4printer") -> None:
        self.config = config
        self.name = name
        self._executor: ThreadPoolExecutor | None = None
        self._conn: Any = None  # cups.Connection, used on the worker thread only
        self._tracked: dict[int, _Tracked] = {}
        self._last_state: DeviceState | None = None

    # -- the worker ----------------------------------------------------------------------------
    def _call(self, fn: Callable[[Any], T], timeout: float | None = None) -> T:
        """``fn(connection)`` on the worker thread, within ``timeout`` (``timeout_s``).

        Raises DeviceOffline when CUPS cannot be reached, DeviceTimeout when it does not answer in
        time; cups.IPPError comes through for the caller to read (not found …)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"cups-{self.name}")
        fut = self._executor.submit(self._on_worker, fn)
        try:
            return fut.result(timeout=self.config.timeout_s if timeout is None else timeout)
        except FutureTimeout:
            fut.cancel()
            raise DeviceTimeout(f"CUPS {self.config.server or '(default)'}: no answer in {self.config.timeout_s:g} s",
                                "打印服务（CUPS）无应答") from None

    def _on_worker(self, fn: Callable[[Any], T]) -> T:
        import cups

        if self._conn is None:
            host, port = self.config.host_port
            kwargs: dict[str, Any] = {}
            if host is not None:
                kwargs["host"] = host
            if port is not None:
                kwargs["port"] = port
            try:
                self._conn = cups.Connection(**kwargs)
            except RuntimeError as exc:
                raise DeviceOffline(f"CUPS {self.config.server or '(default)'}: {exc}", REASON_NO_SERVER) from None
        try:
            return fn(self._conn)
        except cups.HTTPError as exc:
            self._conn = None
            raise DeviceOffline(f"CUPS: HTTP error {exc.args}", REASON_NO_SERVER) from None
        except cups.IPPError as exc:
            status = exc.args[0] if exc.args else 0
            if status in (cups.IPP_SERVICE_UNAVAILABLE, getattr(cups, "IPP_INTERNAL_ERROR", -1)) and _server_gone(exc):
                self._conn = None
                raise DeviceOffline(f"CUPS: {exc.args}", REASON_NO_SERVER) from None
            raise
        except RuntimeError as exc:  # pycups says a lost connection this way
            self._conn = None
            raise DeviceOffline(f"CUPS: {exc}", REASON_NO_SERVER) from None

    # -- Device --------------------------------------------------------------------------------
    def open(self) -> None:
        """Reach the CUPS server (the queue may be missing: that is a status, not an open failure)."""
        self._call(lambda c: c.getPrinters())

    def close(self) -> None:
        ex, self._executor = self._executor, None
        if ex is not None:
            def drop() -> None:
                self._conn = None

            ex.submit(drop)
            ex.shutdown(wait=False)

    def status(self) -> A4PrinterStatus:
        try:
            st = self._status()
        except Exception as exc:  # status() never raises: a failure is a status
            log.exception("a4printer %s: status failed", self.name)
            st = A4PrinterStatus(name=self.name, state=DeviceState.UNKNOWN, reason=f"状态未知: {exc}"[:500])
        if st.state != self._last_state:
            self._last_state = st.state
            level = logging.INFO if st.state in (DeviceState.ONLINE, DeviceState.BUSY) else logging.WARNING
            log.log(level, "a4printer %s: %s %s", self.name, st.state.value, st.reason)
        return st

    def _status(self) -> A4PrinterStatus:
        import cups

        q = self.config.queue
        try:
            attrs = self._call(lambda c: c.getPrinterAttributes(q, requested_attributes=_PRINTER_ATTRS))
        except DeviceOffline as exc:
            return A4PrinterStatus(name=self.name, state=DeviceState.OFFLINE, reason=exc.reason)
        except DeviceTimeout as exc:
            return A4PrinterStatus(name=self.name, state=DeviceState.OFFLINE, reason=exc.reason)
        except cups.IPPError as exc:
            if exc.args and exc.args[0] == IPP_NOT_FOUND:
                return A4PrinterStatus(name=self.name, state=DeviceState.NO_DEVICE,
                                       reason=REASON_NO_QUEUE.format(queue=q))
            raise
        return compose_status(self.name, attrs, q)

    def self_test(self) -> SelfTestResult:
        """The queue's state and the server's job-history settings; no paper used (the test page does)."""
        st = self.status()
        details: dict[str, Any] = {"server": self.config.server or "(default)", "queue": self.config.queue,
                                   "reasons": st.reasons, "jobs": st.jobs}
        try:
            settings = self._call(lambda c: c.adminGetServerSettings())
            details["server_settings"] = {k: v for k, v in settings.items() if not k.startswith("_")}
        except Exception as exc:  # a bonus for the technician: the status is the finding
            details["server_settings"] = f"unavailable: {exc}"
        if st.state not in (DeviceState.ONLINE, DeviceState.BUSY):
            return SelfTestResult(self.name, False, st.reason or st.state.value, details, st)
        return SelfTestResult(self.name, True, f"A4打印机就绪（队列 {self.config.queue}）", details, st)

    def print_test_page(self) -> SelfTestResult:
        """One page through the whole chain (and a stale paper-out of CUPS' cleared by a job that prints)."""
        from drivers.a4printer.pdf import technician_page

        job = self.print_pdf(technician_page(self.name, self.config.queue), "zizhu-a4-test-page")
        st = self.status()
        details = {"job": job.id, "code": job.code, "purged": job.purged}
        if not job.ok:
            return SelfTestResult(self.name, False, job.reason, details, st)
        return SelfTestResult(self.name, True, "测试页已打印", details, st)

    # -- printing ----------------------------------------------------------------------------
    def submit(self, pdf: bytes, title: str) -> A4Job:
        """Send ``pdf`` (kept in memory) as a new job; returns it at once, ``printing`` or failed.

        ``title`` is the job's name in CUPS: never anything personal (``zizhu-a4-certificate``)."""
        import cups

        q = self.config.queue
        why = self._refusal()
        if why is not None:
            return A4Job(0, title, "failed", why, CODE_REASONS[why].format(queue=q))

        def send(c: Any) -> int:
            job_id = int(c.createJob(q, title, {"job-sheets": "none"}))
            try:
                c.startDocument(q, job_id, title, "application/pdf", 1)
                c.writeRequestData(pdf, len(pdf))
                status = c.finishDocument(q)
            except BaseException:
                _purge(c, job_id)
                raise
            if status not in (0, getattr(cups, "HTTP_STATUS_OK", 200), 200):
                _purge(c, job_id)
                raise DeviceError(f"CUPS: sending the document failed (status {status})", REASON_ABORTED)
            return job_id

        try:
            job_id = self._call(send, timeout=max(self.config.timeout_s, 2 * self.config.timeout_s))
        except DeviceOffline as exc:
            return A4Job(0, title, "failed", "no_server", exc.reason)
        except DeviceError as exc:
            return A4Job(0, title, "failed", "aborted", exc.reason)
        except cups.IPPError as exc:
            log.warning("a4printer %s: job refused by CUPS: %s", self.name, exc.args)
            return A4Job(0, title, "failed", "aborted", REASON_ABORTED)
        job = A4Job(job_id, title)
        self._tracked[job_id] = _Tracked(job, time.monotonic() + self.config.job_timeout_s)
        log.info("a4printer %s: job %d (%s, %d bytes) queued on %s", self.name, job_id, title, len(pdf), q)
        return job

    def _refusal(self) -> str | None:
        """Why a new job would not print now (queue missing, stopped, rejecting; CUPS away)."""
        st = self.status()
        if st.state == DeviceState.NO_DEVICE:
            return "missing"
        if st.state == DeviceState.OFFLINE and not st.printer_offline:
            return "no_server"
        if st.accepting is False:
            return "rejecting"
        if st.queue == "stopped":
            return "stopped"
        return None

    def follow(self, job_id: int) -> A4Job:
        """Ask once how job ``job_id`` goes; settles it (and purges it) when it has ended, is held
        past ``stuck_s`` or is past ``job_timeout_s``. Call again while ``not job.done``."""
        import cups

        t = self._tracked.get(job_id)
        if t is None:
            return A4Job(job_id, "", "failed", "lost", REASON_LOST)
        job = t.job
        if job.done:
            return job
        q = self.config.queue

        def ask(c: Any) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
            try:
                ja = c.getJobAttributes(job_id, requested_attributes=_JOB_ATTRS)
            except cups.IPPError as exc:
                if exc.args and exc.args[0] == IPP_NOT_FOUND:
                    ja = None
                else:
                    raise
            try:
                pa = c.getPrinterAttributes(q, requested_attributes=_PRINTER_ATTRS)
            except cups.IPPError as exc:
                if exc.args and exc.args[0] == IPP_NOT_FOUND:
                    pa = None
                else:
                    raise
            return ja, pa

        now = time.monotonic()
        cause: str | None = None
        try:
            ja, pa = self._call(ask)
        except (DeviceOffline, DeviceTimeout) as exc:
            cause = "no_server"
            ja, pa = {"job-state": JOB_PENDING}, None
            log.warning("a4printer %s: following job %d: %s", self.name, job_id, exc)
        if ja is None:
            return self._settle(t, "failed", "lost", purge=False)
        js = int(ja.get("job-state", 0) or 0)
        if js == JOB_COMPLETED:
            return self._settle(t, "completed", "")
        if js in (JOB_CANCELED, JOB_ABORTED):
            printer_reasons = _as_list(pa.get("printer-state-reasons")) if pa else []
            why = blocking_cause(printer_reasons) or ("cancelled" if js == JOB_CANCELED else "aborted")
            return self._settle(t, "failed", why)
        if pa is None and cause is None:
            cause = "missing"
        elif pa is not None:
            # a queue that rejects new jobs still prints the ones it has: only its state and reasons count
            cause = cause or blocking_cause(_as_list(pa.get("printer-state-reasons")), int(pa.get("printer-state", 0)))
            if cause is None and js in (JOB_HELD, JOB_STOPPED):
                cause = "stopped"
        job.held = cause or ""
        if cause is not None:
            t.held_since = t.held_since if t.held_since is not None else now
            if now - t.held_since >= self.config.stuck_s:
                log.warning("a4printer %s: job %d held by %s for %.0f s: cancelled", self.name, job_id, cause,
                            now - t.held_since)
                return self._settle(t, "failed", cause, cancel=True)
        else:
            t.held_since = None
        if now >= t.deadline:
            return self._settle(t, "failed", "timeout", cancel=True)
        return job

    def cancel(self, job_id: int) -> A4Job:
        """Cancel and purge a job (the citizen left, the session ended)."""
        t = self._tracked.get(job_id)
        if t is None:
            return A4Job(job_id, "", "failed", "cancelled", REASON_CANCELLED)
        if t.job.done:
            return t.job
        return self._settle(t, "failed", "cancelled", cancel=True)

    def print_pdf(self, pdf: bytes, title: str, timeout: float | None = None) -> A4Job:
        """Submit and follow to the end (within ``timeout``, default ``job_timeout_s``): for the
        self-test and the tests. The kiosk follows a job in short steps instead (:meth:`follow`)."""
        job = self.submit(pdf, title)
        if job.done:
            return job
        t = self._tracked[job.id]
        if timeout is not None:
            t.deadline = min(t.deadline, time.monotonic() + timeout)
        while not job.done:
            time.sleep(self.config.poll_s)
            job = self.follow(job.id)
        return job

    def _settle(self, t: _Tracked, state: Literal["completed", "failed"], code: str,
                *, cancel: bool = False, purge: bool = True) -> A4Job:
        job = t.job
        job_id = job.id
        if cancel or purge:
            try:
                job.purged = self._call(lambda c: _cancel_and_purge(c, job_id, cancel, self.config.timeout_s),
                                        timeout=self.config.timeout_s * 2)
            except DeviceError as exc:
                log.warning("a4printer %s: job %d could not be purged: %s", self.name, job_id, exc)
        job.state, job.code, job.held = state, code, ""
        job.reason = CODE_REASONS[code].format(queue=self.config.queue) if code else ""
        self._tracked.pop(job_id, None)
        if state == "completed":
            log.info("a4printer %s: job %d printed%s", self.name, job_id, "" if job.purged else " (not purged)")
        else:
            log.warning("a4printer %s: job %d not printed: %s%s", self.name, job_id, job.reason,
                        "" if job.purged else " (not purged)")
        return job


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v]


def _server_gone(exc: Exception) -> bool:
    text = " ".join(str(a) for a in exc.args).lower()
    return "connect" in text or "unavailable" in text


def _purge(c: Any, job_id: int) -> bool:
    import cups

    try:
        c.cancelJob(job_id, purge_job=True)
    except cups.IPPError as exc:
        if exc.args and exc.args[0] == IPP_NOT_FOUND:
            return True
        log.warning("CUPS job %d: purge refused: %s", job_id, exc.args)
        return False
    return True


def _cancel_and_purge(c: Any, job_id: int, cancel: bool, wait_s: float) -> bool:
    """Cancel (when still active) and purge ``job_id``: True once CUPS no longer knows it.

    A job still printing is first cancelled (its backend is stopped), then purged once it has
    ended; a job that ended is purged at once."""
    import cups

    end = time.monotonic() + wait_s
    if cancel:
        _purge(c, job_id)
    while True:
        try:
            js = int(c.getJobAttributes(job_id, requested_attributes=["job-state"]).get("job-state", 0))
        except cups.IPPError as exc:
            if exc.args and exc.args[0] == IPP_NOT_FOUND:
                return True
            raise
        if js >= JOB_CANCELED:
            _purge(c, job_id)
        if time.monotonic() >= end:
            return False
        time.sleep(0.05)

