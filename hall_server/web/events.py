"""Live updates: the core says which topics a unit of work changed; each open page hears of it by SSE.

The bus is fed from any thread (``HallCore(on_change=bus.publish)`` calls it after each commit) and
read by the ``/events`` stream of each browser, on the HTTP server's event loop. Nothing but topic
names travel: a page that hears ``incidents`` fetches the fragments it shows again (htmx
``hx-trigger="sse:incidents"``), so what it shows always comes from the same routes that drew it,
and a half-filled form elsewhere on the page is left alone.

Topics (the core's and the domains'): ``terminals``, ``incidents``, ``shutdowns``, ``notices``,
``inspections``, ``rectifications`` (ratings and their cases), ``recordings``, and whatever else a
unit of work names in ``changed``. A burst of changes (a status snapshot every tick, a hall going
dark) reaches a page as at most one event per topic every :data:`COALESCE_S`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterable

COALESCE_S = 0.4  # changes within this are sent as one event per topic
KEEPALIVE_S = 15.0  # a comment line this often: proxies keep the stream open, a gone browser is noticed
RETRY_MS = 2000  # what the browser waits before it reconnects a dropped stream


class Subscriber:
    """One open stream: the topics changed since it last sent, and a wake-up on its event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.pending: set[str] = set()
        self.wake = asyncio.Event()
        self.closed = False


class EventBus:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subs: set[Subscriber] = set()
        self._closed = False
        self.published = 0  # units of work announced (for tests and /metrics)

    def publish(self, topics: Iterable[str]) -> None:
        """Thread-safe: ``topics`` changed (called after the commit, never inside a unit of work's lock)."""
        changed = set(topics)
        if not changed:
            return
        with self._lock:
            self.published += 1
            subs = list(self._subs)
            for sub in subs:
                sub.pending |= changed
        for sub in subs:
            self._wake(sub)

    def _wake(self, sub: Subscriber) -> None:
        try:
            sub.loop.call_soon_threadsafe(sub.wake.set)
        except RuntimeError:  # its loop is closed: the server stopped under it
            with self._lock:
                self._subs.discard(sub)

    def subscribe(self) -> Subscriber:
        sub = Subscriber(asyncio.get_running_loop())
        with self._lock:
            if self._closed:
                sub.closed = True
            else:
                self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        with self._lock:
            self._subs.discard(sub)

    @property
    def subscribers(self) -> int:
        with self._lock:
            return len(self._subs)

    def close(self) -> None:
        """The server stops: every stream ends (an endless response would hold up its shutdown)."""
        with self._lock:
            self._closed = True
            subs = list(self._subs)
            self._subs.clear()
            for sub in subs:
                sub.closed = True
        for sub in subs:
            self._wake(sub)

    def _take(self, sub: Subscriber) -> set[str]:
        with self._lock:
            topics, sub.pending = sub.pending, set()
            sub.wake.clear()
            return topics

    async def stream(self, sub: Subscriber, keepalive_s: float = KEEPALIVE_S,
                     coalesce_s: float = COALESCE_S) -> AsyncIterator[str]:
        """The text/event-stream of one subscriber: ``event: <topic>`` per change, comments to keep alive."""
        try:
            yield f"retry: {RETRY_MS}\n: connected\n\n"
            while not sub.closed:
                try:
                    await asyncio.wait_for(sub.wake.wait(), keepalive_s)
                except TimeoutError:
                    yield ": keepalive\n\n"
                    continue
                if sub.closed:
                    break
                await asyncio.sleep(coalesce_s)
                for topic in sorted(self._take(sub)):
                    yield f"event: {topic}\ndata: {topic}\n\n"
        finally:
            self.unsubscribe(sub)
