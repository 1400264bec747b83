"""Helpers every test area shares (imported as ``tests.support``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float = 20.0, what: str = "condition",
               interval: float = 0.02) -> T:
    """Poll ``predicate`` until it returns something truthy and return that; fail after ``timeout`` s.

    The deadlines are generous because the machine is shared; tests wait on a condition, never sleep.
    """
    deadline = time.monotonic() + timeout
    pause = threading.Event()  # never set: wait() is the poll interval
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what} (last value {value!r})")
        pause.wait(interval)
