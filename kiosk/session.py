"""A citizen's session: when it starts, when it warns, when it ends — and that it wipes.

Pure Python on an injected clock (no Qt): the app feeds it activity (``touch``) and time
(``tick``), and reacts to its state. A session starts at the first touch or card, ends on
completion, on 结束 or after ``idle_s`` without activity followed by a countdown of
``countdown_s`` (at least 20 s) that 继续 extends, at least ``max_extensions`` times (WCAG 2.2.1).

Everything personal the session gathers is registered here (:meth:`Session.keep`) and dropped by
:meth:`Session.end`, which also runs every wipe hook the app registered (list models, the
keyboard's dictionary, the flows): one place to forget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

from ground.clock import Clock, SystemClock

log = logging.getLogger("zizhu.kiosk.session")


class SessionState(StrEnum):
    IDLE = "idle"  # the home screen, nobody there
    ACTIVE = "active"
    WARNING = "warning"  # the countdown is on screen


class EndReason(StrEnum):
    COMPLETED = "completed"
    ENDED = "ended"  # the citizen pressed 结束
    TIMEOUT = "timeout"
    OUT_OF_SERVICE = "out_of_service"
    LANGUAGE = "language"  # a language change rebuilds the page stack from home


class Session:
    def __init__(self, idle_s: float = 60.0, countdown_s: float = 30.0, max_extensions: int = 20,
                 clock: Clock | None = None) -> None:
        if countdown_s < 20:
            raise ValueError("countdown_s must be at least 20 s (WCAG 2.2.1)")
        if max_extensions < 10:
            raise ValueError("max_extensions must be at least 10 (WCAG 2.2.1)")
        self.idle_s = idle_s
        self.countdown_s = countdown_s
        self.max_extensions = max_extensions
        self.clock: Clock = clock or SystemClock()
        self.state = SessionState.IDLE
        self.extensions = 0
        self.started: datetime | None = None
        self.count = 0  # sessions so far (for the bench and the log, never personal)
        self._last: datetime = self.clock.now()
        self._warned_at: datetime | None = None
        self._data: dict[str, Any] = {}
        self._wipers: list[Callable[[], None]] = []
        self.on_change: Callable[[SessionState], None] | None = None
        self.on_end: Callable[[EndReason], None] | None = None

    # -- what the app tells it -------------------------------------------------------------
    def touch(self) -> None:
        """Any touch, press, key, wheel or card: starts a session or keeps it alive.

        During the countdown a touch elsewhere does not extend: only 继续 does, so a session
        cannot be kept open forever by a hand resting on the screen.
        """
        now = self.clock.now()
        if self.state is SessionState.IDLE:
            self.state = SessionState.ACTIVE
            self.started = now
            self.extensions = 0
            self.count += 1
            log.info("session %d started", self.count)
            self._changed()
        if self.state is SessionState.ACTIVE:
            self._last = now

    def extend(self) -> bool:
        """继续: back to an active session, if extensions are left. False when none are."""
        if self.state is not SessionState.WARNING:
            return self.state is SessionState.ACTIVE
        if self.extensions >= self.max_extensions:
            return False
        self.extensions += 1
        self.state = SessionState.ACTIVE
        self._last = self.clock.now()
        self._warned_at = None
        self._changed()
        return True

    def tick(self) -> None:
        """Called about once a second: moves to the countdown, or ends the session."""
        now = self.clock.now()
        if self.state is SessionState.ACTIVE and (now - self._last).total_seconds() >= self.idle_s:
            self.state = SessionState.WARNING
            self._warned_at = now
            self._changed()
        elif self.state is SessionState.WARNING and self.seconds_left() <= 0:
            self.end(EndReason.TIMEOUT)

    def seconds_left(self) -> float:
        """Of the countdown; the whole countdown when none is running."""
        if self._warned_at is None:
            return self.countdown_s
        return max(0.0, self.countdown_s - (self.clock.now() - self._warned_at).total_seconds())

    @property
    def extensions_left(self) -> int:
        return self.max_extensions - self.extensions

    # -- personal data ---------------------------------------------------------------------
    def keep(self, key: str, value: Any) -> None:
        """Hold a personal thing (the card, a typed number) for this session only."""
        self._data[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def on_wipe(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` at the end of every session (clear a model, a keyboard dictionary …)."""
        self._wipers.append(fn)

    def end(self, reason: EndReason) -> None:
        """End the session (if any), wipe every personal thing, and go home."""
        was = self.state
        self._data.clear()
        for fn in self._wipers:
            try:
                fn()
            except Exception:  # one failing wiper must not keep the others from running
                log.exception("a wipe hook failed")
        self.state = SessionState.IDLE
        self._warned_at = None
        self.extensions = 0
        self.started = None
        if was is not SessionState.IDLE:
            log.info("session %d ended: %s", self.count, reason.value)
            self._changed()
        if self.on_end is not None:
            self.on_end(reason)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self.state)
