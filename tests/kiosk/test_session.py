"""The citizen's session on a fake clock: it starts on a touch, warns after ``idle_s``, ends after a
countdown of ``countdown_s`` that only 继续 extends (at least ``max_extensions`` times, WCAG 2.2.1),
and every end forgets what was kept and runs every wipe hook, even when one of them fails."""

from __future__ import annotations

import logging

import pytest

from ground.clock import FakeClock
from kiosk.session import EndReason, Session, SessionState

IDLE_S, COUNTDOWN_S, MAX_EXT = 60.0, 30.0, 10


class Recorder:
    """A session with its on_change / on_end / wipe calls written down."""

    def __init__(self, max_extensions: int = MAX_EXT) -> None:
        self.clock = FakeClock()
        self.session = Session(idle_s=IDLE_S, countdown_s=COUNTDOWN_S, max_extensions=max_extensions,
                               clock=self.clock)
        self.changes: list[SessionState] = []
        self.ends: list[EndReason] = []
        self.wiped = 0
        self.session.on_change = self.changes.append
        self.session.on_end = self.ends.append
        self.session.on_wipe(self._wipe)

    def _wipe(self) -> None:
        self.wiped += 1

    def wait(self, seconds: float) -> None:
        """Let ``seconds`` pass, ticking once a second as the app does."""
        whole = int(seconds)
        for _ in range(whole):
            self.clock.advance(1)
            self.session.tick()
        if seconds - whole:
            self.clock.advance(seconds - whole)
            self.session.tick()

    def to_warning(self) -> None:
        assert self.session.state is SessionState.ACTIVE
        self.wait(IDLE_S)
        assert self.session.state is SessionState.WARNING


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


# -- start ---------------------------------------------------------------------------------------

def test_nothing_happens_until_a_touch(rec: Recorder) -> None:
    rec.wait(IDLE_S + COUNTDOWN_S + 5)
    assert rec.session.state is SessionState.IDLE
    assert rec.session.started is None
    assert rec.session.count == 0
    assert rec.changes == [] and rec.ends == [] and rec.wiped == 0


def test_a_touch_starts_a_session(rec: Recorder) -> None:
    rec.clock.advance(3)
    rec.session.touch()
    assert rec.session.state is SessionState.ACTIVE
    assert rec.session.started == rec.clock.now()
    assert rec.session.count == 1
    assert rec.session.extensions == 0
    assert rec.changes == [SessionState.ACTIVE]
    rec.session.touch()  # a second touch keeps it alive, it does not start another
    assert rec.session.count == 1
    assert rec.changes == [SessionState.ACTIVE]


# -- idle, countdown, timeout ----------------------------------------------------------------------

def test_countdown_starts_after_idle_s_without_activity(rec: Recorder) -> None:
    rec.session.touch()
    rec.wait(IDLE_S - 1)
    assert rec.session.state is SessionState.ACTIVE
    assert rec.session.seconds_left() == COUNTDOWN_S  # no countdown running yet
    rec.wait(1)
    assert rec.session.state is SessionState.WARNING
    assert rec.changes == [SessionState.ACTIVE, SessionState.WARNING]
    assert rec.session.seconds_left() == COUNTDOWN_S
    rec.wait(12)
    assert rec.session.seconds_left() == pytest.approx(COUNTDOWN_S - 12)


def test_activity_restarts_the_idle_time(rec: Recorder) -> None:
    rec.session.touch()
    rec.wait(IDLE_S - 5)
    rec.session.touch()
    rec.wait(IDLE_S - 1)
    assert rec.session.state is SessionState.ACTIVE  # 2 * idle_s - 6 since the start, idle_s - 1 since the touch
    rec.wait(1)
    assert rec.session.state is SessionState.WARNING


def test_the_countdown_ends_the_session_with_timeout_and_wipes(rec: Recorder) -> None:
    rec.session.touch()
    rec.session.keep("card", object())
    rec.session.keep("typed_case_no", "150602")
    rec.to_warning()
    rec.wait(COUNTDOWN_S - 1)
    assert rec.session.state is SessionState.WARNING
    assert rec.session.seconds_left() == pytest.approx(1)
    assert rec.ends == [] and rec.wiped == 0
    assert rec.session.get("card") is not None
    rec.wait(1)
    assert rec.session.state is SessionState.IDLE
    assert rec.ends == [EndReason.TIMEOUT]
    assert rec.wiped == 1
    assert rec.session.get("card") is None and rec.session.get("typed_case_no") is None
    assert rec.session.started is None
    assert rec.changes == [SessionState.ACTIVE, SessionState.WARNING, SessionState.IDLE]
    rec.wait(IDLE_S + COUNTDOWN_S)  # and it stays ended
    assert rec.ends == [EndReason.TIMEOUT] and rec.wiped == 1


def test_a_touch_during_the_countdown_does_not_extend(rec: Recorder) -> None:
    rec.session.touch()
    rec.to_warning()
    for _ in range(int(COUNTDOWN_S) - 1):  # a hand resting on the screen
        rec.session.touch()
        rec.wait(1)
    assert rec.session.state is SessionState.WARNING
    assert rec.session.extensions == 0
    rec.session.touch()
    rec.wait(1)
    assert rec.session.state is SessionState.IDLE
    assert rec.ends == [EndReason.TIMEOUT]


# -- 继续 ------------------------------------------------------------------------------------------

def test_extend_restarts_the_idle_time(rec: Recorder) -> None:
    rec.session.touch()
    rec.to_warning()
    rec.wait(COUNTDOWN_S - 2)
    assert rec.session.extend() is True
    assert rec.session.state is SessionState.ACTIVE
    assert rec.session.extensions == 1 and rec.session.extensions_left == MAX_EXT - 1
    assert rec.session.seconds_left() == COUNTDOWN_S
    rec.wait(IDLE_S - 1)
    assert rec.session.state is SessionState.ACTIVE  # a whole idle time again, the countdown long past
    rec.wait(1)
    assert rec.session.state is SessionState.WARNING
    assert rec.session.seconds_left() == COUNTDOWN_S  # and a whole countdown
    assert rec.ends == []


def test_extend_works_max_extensions_times_and_then_no_more(rec: Recorder) -> None:
    rec.session.touch()
    for n in range(1, MAX_EXT + 1):
        rec.to_warning()
        rec.wait(COUNTDOWN_S - 1)  # as late as it gets
        assert rec.session.extend() is True, f"extension {n}"
        assert rec.session.extensions == n
    assert rec.session.extensions_left == 0
    rec.to_warning()
    assert rec.session.extend() is False
    assert rec.session.state is SessionState.WARNING
    assert rec.session.extensions == MAX_EXT
    rec.wait(COUNTDOWN_S)
    assert rec.session.state is SessionState.IDLE
    assert rec.ends == [EndReason.TIMEOUT]


def test_more_extensions_when_configured() -> None:
    rec = Recorder(max_extensions=25)
    rec.session.touch()
    for _ in range(25):
        rec.to_warning()
        assert rec.session.extend() is True
    rec.to_warning()
    assert rec.session.extend() is False


def test_extend_outside_the_countdown_counts_nothing(rec: Recorder) -> None:
    assert rec.session.extend() is False  # idle: nothing to extend
    assert rec.session.state is SessionState.IDLE
    rec.session.touch()
    assert rec.session.extend() is True  # active: nothing to do, and nothing used up
    assert rec.session.extensions == 0


def test_a_new_session_has_every_extension_again(rec: Recorder) -> None:
    rec.session.touch()
    rec.to_warning()
    rec.session.extend()
    rec.to_warning()
    rec.wait(COUNTDOWN_S)
    assert rec.session.state is SessionState.IDLE
    assert rec.session.extensions == 0
    rec.session.touch()
    assert rec.session.count == 2
    assert rec.session.extensions_left == MAX_EXT
    assert rec.session.started == rec.clock.now()


def test_a_session_started_long_after_construction_is_not_idle_at_once() -> None:
    rec = Recorder()
    rec.clock.advance(3600)  # the terminal stood idle for an hour
    rec.session.touch()
    rec.session.tick()
    assert rec.session.state is SessionState.ACTIVE


# -- the constructor's bounds (WCAG 2.2.1) -----------------------------------------------------------

@pytest.mark.parametrize("countdown_s", [0, 10, 19.9])
def test_constructor_refuses_a_countdown_under_20_s(countdown_s: float) -> None:
    with pytest.raises(ValueError, match="countdown_s"):
        Session(countdown_s=countdown_s, clock=FakeClock())


@pytest.mark.parametrize("max_extensions", [0, 1, 9])
def test_constructor_refuses_fewer_than_10_extensions(max_extensions: int) -> None:
    with pytest.raises(ValueError, match="max_extensions"):
        Session(max_extensions=max_extensions, clock=FakeClock())


def test_constructor_accepts_the_bounds_themselves() -> None:
    s = Session(idle_s=5, countdown_s=20, max_extensions=10, clock=FakeClock())
    assert (s.countdown_s, s.max_extensions, s.extensions_left) == (20, 10, 10)
    assert s.state is SessionState.IDLE


# -- end: forget everything --------------------------------------------------------------------------

def test_end_clears_kept_data_and_runs_every_wiper_even_if_one_raises(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    s = Session(clock=clock)
    ran: list[str] = []

    def first() -> None:
        ran.append("first")

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("model gone")

    def last() -> None:
        ran.append("last")

    for fn in (first, broken, last):
        s.on_wipe(fn)
    ends: list[EndReason] = []
    s.on_end = ends.append
    s.touch()
    s.keep("card", "a card")
    s.keep("typed_case_no", "1506020800001156")
    assert s.get("card") == "a card"
    with caplog.at_level(logging.ERROR, logger="zizhu.kiosk.session"):
        s.end(EndReason.ENDED)
    assert ran == ["first", "broken", "last"]
    assert any("wipe hook failed" in r.getMessage() for r in caplog.records)
    assert s.get("card") is None and s.get("typed_case_no") is None
    assert s.get("card", "gone") == "gone"
    assert s.state is SessionState.IDLE and s.started is None
    assert ends == [EndReason.ENDED]
    s.end(EndReason.COMPLETED)  # the wipers run at every end
    assert ran == ["first", "broken", "last"] * 2


def test_end_during_the_countdown_stops_it() -> None:
    clock = FakeClock()
    s = Session(idle_s=10, countdown_s=20, clock=clock)
    ends: list[EndReason] = []
    s.on_end = ends.append
    s.touch()
    clock.advance(10)
    s.tick()
    assert s.state is SessionState.WARNING
    s.end(EndReason.OUT_OF_SERVICE)
    assert s.state is SessionState.IDLE
    assert s.seconds_left() == 20
    clock.advance(60)
    s.tick()
    assert ends == [EndReason.OUT_OF_SERVICE]  # no timeout after the end
