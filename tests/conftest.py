"""Shared fixtures. Ports come from one place; brokers are real Mosquitto processes."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from zizhu.broker import MosquittoBroker, free_port

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def broker() -> Iterator[MosquittoBroker]:
    """A private Mosquitto on a free port, stopped after the test."""
    with MosquittoBroker() as b:
        yield b


@pytest.fixture
def repo_root() -> Path:
    return ROOT


def _wait_until(predicate: Callable[[], T], timeout: float = 15.0, interval: float = 0.05,
                what: str = "condition") -> T:
    """Poll ``predicate`` until it returns something truthy; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what} (last value {value!r})")
        pause.wait(interval)


@pytest.fixture
def wait_until() -> Callable[..., Any]:
    """``wait_until(lambda: cond, timeout=15, what="…")``: poll with a generous deadline, never sleep."""
    return _wait_until
