"""Long-lived threads that outlive a bug: one supervisor for every loop of agent, hall and kiosk.

A thread that dies of an unexpected exception leaves a terminal silent or a hall deaf with nothing
in the log but one traceback, if that. :func:`supervised` runs the loop again after a pause, logs
each failure with its traceback and counts it (``Supervised.failures``); after ``give_up`` failures
in a row without one good minute it stops and says so, and :meth:`Supervised.alive` turns false, so
the process's health check (the systemd watchdog) restarts the process instead.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("zizhu.supervise")


class Supervised:
    """A daemon thread running ``body()`` until ``stop`` is set; ``body`` returning normally ends it."""

    def __init__(self, name: str, body: Callable[[], None], stop: threading.Event, *, pause_s: float = 1.0,
                 give_up: int = 20, logger: logging.Logger | None = None) -> None:
        self.name = name
        self.body = body
        self.stop = stop
        self.pause_s = pause_s
        self.give_up = give_up
        self.log = logger or log
        self.failures = 0
        self.gave_up = False
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Supervised:
        self.thread.start()
        return self

    def alive(self) -> bool:
        return self.thread.is_alive() and not self.gave_up

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)

    def _run(self) -> None:
        in_a_row = 0
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                self.body()
                return
            except Exception:
                self.failures += 1
                in_a_row = 1 if time.monotonic() - started > 60 else in_a_row + 1
                if in_a_row >= self.give_up:
                    self.gave_up = True
                    self.log.critical("thread %s failed %d times in a row; giving up (the process's health "
                                      "check restarts it)", self.name, in_a_row, exc_info=True)
                    return
                self.log.exception("thread %s failed (%d so far); running it again in %.1f s", self.name,
                                   self.failures, self.pause_s)
            self.stop.wait(self.pause_s)
