"""The flows' :class:`kiosk.flows.Jobs` for the Qt app: work off the UI thread, answers on it.

Device calls go to the terminal's :class:`terminal.poller.DevicePoller` (its one device thread,
every driver call bounded by the driver's timeout); back-end calls to a small thread pool. Each
answer comes back to the UI thread through a queued signal, once: a back-end call that has not
answered within ``backend_bound_s`` is answered with :class:`BackendTimeout` by a UI-thread timer,
and its late result is dropped, so a hung platform can never leave a screen waiting.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.base import DeviceOffline
from kiosk.backend.model import Backend, BackendTimeout
from kiosk.flows import Outcome
from terminal.poller import DevicePoller

log = logging.getLogger("zizhu.kiosk.jobs")

T = TypeVar("T")


class QtJobs(QObject):
    _answer = Signal(int, object)  # ticket, Outcome — emitted from worker threads, queued to the UI

    def __init__(self, poller: DevicePoller, backend: Backend, backend_bound_s: float = 10.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.poller = poller
        self.backend_ = backend
        self.backend_bound_s = backend_bound_s
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="zizhu-backend")
        self._pending: dict[int, Callable[[Outcome[Any]], None]] = {}
        self._tickets = itertools.count(1)
        self._answer.connect(self._deliver)

    def _ticket(self, done: Callable[[Outcome[T]], None]) -> int:
        ticket = next(self._tickets)
        self._pending[ticket] = done
        return ticket

    def _post(self, ticket: int, fut: Future[Any]) -> None:
        try:
            out: Outcome[Any] = Outcome(value=fut.result())
        except BaseException as exc:
            out = Outcome(error=exc)
        self._answer.emit(ticket, out)

    @Slot(int, object)
    def _deliver(self, ticket: int, out: Outcome[Any]) -> None:
        done = self._pending.pop(ticket, None)
        if done is None:
            return  # answered already (timed out) or dropped at shutdown
        try:
            done(out)
        except Exception:
            log.exception("a flow's callback failed")

    def device(self, kind: str, fn: Callable[[Any], T], done: Callable[[Outcome[T]], None]) -> None:
        ticket = self._ticket(done)
        name = self.poller.by_kind(kind)
        if name is None:
            self._answer.emit(ticket, Outcome(error=DeviceOffline(f"no {kind} configured", f"{kind} missing")))
            return
        self.poller.call(name, fn).add_done_callback(lambda f: self._post(ticket, f))

    def backend(self, fn: Callable[[Backend], T], done: Callable[[Outcome[T]], None]) -> None:
        ticket = self._ticket(done)
        fut = self._pool.submit(fn, self.backend_)
        fut.add_done_callback(lambda f: self._post(ticket, f))
        QTimer.singleShot(int(self.backend_bound_s * 1000), self, lambda: self._deliver(
            ticket, Outcome(error=BackendTimeout(f"no answer within {self.backend_bound_s:.0f} s"))))

    def shutdown(self) -> None:
        self._pending.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)
