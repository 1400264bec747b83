"""The unit of work: one input of the hall (a batch of messages, a tick, a person's action) at a time.

A unit holds the hall's one lock and one write transaction. Memory (terminals, open incidents) and
the database change together: every change to memory inside a unit is journalled (:meth:`Unit.journal`,
:meth:`Unit.on_undo`) and undone when the database refuses the change — the whole unit, or one
:meth:`Unit.savepoint` of it. What the world hears of a unit (alerts to send, the notice to publish,
acknowledgements, the topics for live pages) leaves only after the commit, through the hooks each
domain registers with :meth:`UnitOfWork.after_commit`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from ground.clock import Clock
from hall_server.db import write_sessions

# Topics of ``Unit.changed``: what a unit changed, told to ``HallCore(on_change=…)`` after the commit.
# A domain of its own may add any other name (``u.changed.add("inspections")``).
TERMINALS = "terminals"
INCIDENTS = "incidents"
SHUTDOWNS = "shutdowns"
NOTICES = "notices"


@dataclass
class Unit:
    """One unit of work: its session (inside a transaction), its time, and what to do after the commit."""

    s: Session
    now: datetime
    alerts: list[int] = field(default_factory=list)  # alert ids to hand to the sender after the commit
    acks: set[str] = field(default_factory=set)  # terminals whose ack to publish after the commit
    changed: set[str] = field(default_factory=set)  # topics changed (TERMINALS, …); "notices" republishes
    undo: list[Callable[[], None]] = field(default_factory=list)  # run backwards if the database refuses
    touched: set[int] = field(default_factory=set)  # id() of the objects journalled in this scope

    def on_undo(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` if the database refuses what this unit (or the savepoint now open) did."""
        self.undo.append(fn)

    def journal(self, obj: object) -> None:
        """Save ``obj``'s fields before changing them, once per scope: the database may still refuse.

        Only the fields' values are saved: a set or dict changed in place must be journalled apart
        (:meth:`on_undo`). (The undo keeps ``obj`` alive, so its ``id()`` names it for the scope.)
        """
        if id(obj) in self.touched:
            return
        self.touched.add(id(obj))
        saved = dict(vars(obj))
        self.undo.append(lambda: vars(obj).update(saved))

    def rollback_memory(self, mark: int = 0) -> None:
        """Undo the memory changes journalled since ``mark`` (newest first)."""
        while len(self.undo) > mark:
            self.undo.pop()()
        self.touched = set()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A part of the unit that may fail alone: the database and memory go back to where it began,
        and so do the alerts and topics it added; the exception goes on to the caller.

        (Acknowledgements it asked for stay: publishing a terminal's count once more is harmless.)
        """
        mark, alerts, changed = len(self.undo), len(self.alerts), set(self.changed)
        self.touched = set()
        try:
            with self.s.begin_nested():
                yield
                self.s.flush()  # the database's refusal comes here, inside the savepoint
        except BaseException:
            self.rollback_memory(mark)
            del self.alerts[alerts:]
            self.changed = changed
            raise
        finally:
            self.touched = set()


class UnitOfWork:
    """Opens units: the lock, the write session, the clock, and the side effects sent after each commit."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self.sessions = sessions
        self.write_sessions = write_sessions(sessions)
        self.clock = clock
        self.lock = threading.RLock()
        self._after: list[Callable[[Unit], None]] = []
        self._open: Unit | None = None  # the unit in progress (only its lock holder reads this)

    def after_commit(self, fn: Callable[[Unit], None]) -> None:
        """Call ``fn(unit)`` after each commit, in the order registered, still under the lock."""
        self._after.append(fn)

    @contextmanager
    def unit(self) -> Iterator[Unit]:
        """A unit of work; units do not nest (a domain called inside one is given it as ``u``)."""
        with self.lock:
            if self._open is not None:
                raise RuntimeError("a unit of work is already open on this thread: pass its `u` on instead")
            u: Unit | None = None
            try:
                with self.write_sessions() as s, s.begin():
                    u = self._open = Unit(s=s, now=self.clock.now())
                    yield u
            except BaseException:
                if u is not None:
                    u.rollback_memory()  # the database refused: memory goes back to what it holds
                raise
            finally:
                self._open = None
            # committed: now the world may hear of it
            for fn in self._after:
                fn(u)
