"""The supervisor of long-lived threads: a failure is logged and the loop runs again; endless failure gives up."""

from __future__ import annotations

import logging
import threading

import pytest

from ground.supervise import Supervised


def test_a_failing_loop_runs_again_and_is_counted(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[int] = []

    def body() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise KeyError("a bug")

    stop = threading.Event()
    with caplog.at_level(logging.ERROR, logger="zizhu.supervise"):
        s = Supervised("test-loop", body, stop, pause_s=0.01).start()
        s.join(5)
    assert len(calls) == 3 and s.failures == 2 and not s.gave_up
    assert [r.exc_info is not None for r in caplog.records] == [True, True]  # each failure with its traceback


def test_a_loop_that_never_stops_failing_gives_up_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    def body() -> None:
        raise RuntimeError("always")

    with caplog.at_level(logging.ERROR, logger="zizhu.supervise"):
        s = Supervised("doomed", body, threading.Event(), pause_s=0.0, give_up=5).start()
        s.join(5)
    assert s.gave_up and not s.alive() and s.failures == 5
    assert any(r.levelno == logging.CRITICAL and "giving up" in r.getMessage() for r in caplog.records)


def test_stop_ends_the_loop_between_runs() -> None:
    stop = threading.Event()

    def body() -> None:
        stop.set()
        raise RuntimeError("once")

    s = Supervised("stopping", body, stop, pause_s=10).start()
    s.join(5)
    assert not s.thread.is_alive() and s.failures == 1
