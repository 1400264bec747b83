"""Simulators of serial devices on a real pseudo-terminal, and the `zizhu sim` loop they share.

The simulator holds the pty master; the driver under test opens the slave path with pyserial,
exactly as it opens ``/dev/ttyUSB0`` on a terminal. The simulator keeps its own slave descriptor
open so the master never sees EIO when a driver closes and reopens the port.

:func:`serve` is the whole `zizhu sim DEVICE` loop of a pty simulator. A simulator with its own
loop (the printer, on TCP or a pty) builds it from the same parts: :func:`scenario_player` and
:func:`stop_on_signals`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import select
import signal
import sys
import threading
import time
import tty
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from drivers.scenario import EventTarget, Scenario, ScenarioError, ScenarioPlayer, Step


class PtySimulator(ABC):
    """Base of a device simulator: a thread reads what the driver writes and calls :meth:`on_bytes`."""

    EVENTS: Mapping[str, str] = {}

    def __init__(self, link: str | None = None) -> None:
        self.link = link
        self.path = ""
        self._master = -1
        self._slave = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._write_lock = threading.Lock()
        self.lock = threading.RLock()  # guards the simulated device's state

    # --- life cycle
    def start(self) -> str:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF translation before pyserial configures the port
        os.set_blocking(self._master, False)
        self.path = os.ttyname(self._slave)
        if self.link:
            link = Path(self.link)
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
            link.symlink_to(self.path)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name=f"sim:{type(self).__name__}", daemon=True)
        self._thread.start()
        return self.path

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = -1
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                Path(self.link).unlink()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # --- I/O for subclasses
    def send(self, data: bytes) -> None:
        """Write to the driver; bytes nobody reads within 2 s are dropped, like on a real line."""
        with self._write_lock:
            view = memoryview(data)
            deadline = time.monotonic() + 2.0
            while view and not self._stop.is_set() and time.monotonic() < deadline:
                try:
                    n = os.write(self._master, view)
                except BlockingIOError:
                    select.select([], [self._master], [], 0.05)
                    continue
                except OSError:
                    return
                view = view[n:]

    def pause(self, seconds: float) -> bool:
        """Wait like the device would; False when the simulator is stopping."""
        return not self._stop.wait(seconds)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self._master], [], [], 0.05)
                data = os.read(self._master, 4096) if ready else b""
            except BlockingIOError:
                data = b""
            except OSError:
                if self._stop.wait(0.05):
                    return
                continue
            if data:
                self.on_bytes(data)
            self.on_tick()

    @abstractmethod
    def on_bytes(self, data: bytes) -> None:
        """Bytes the driver wrote."""

    def on_tick(self) -> None:
        """Called at least every 0.05 s (doors that close by themselves, …); nothing by default."""
        return

    @abstractmethod
    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        """A scenario step (see :mod:`drivers.scenario`)."""


class ScriptedReplies(PtySimulator):
    """A device that answers whatever it is sent with ``reply``: noise, a cut frame, a near miss.
    For tests that feed a driver garbage over a real pty."""

    def __init__(self, reply: bytes = b"", link: str | None = None) -> None:
        super().__init__(link)
        self.reply = reply

    def on_bytes(self, data: bytes) -> None:
        if self.reply:
            self.send(self.reply)

    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        raise ScenarioError(f"a scripted-reply device plays no scenario (got {event!r})")


def read_pty_path(stdout: IO[str], within_s: float = 20.0) -> str:
    """The pty path a `zizhu sim` process prints first, waiting at most ``within_s``."""
    ready, _, _ = select.select([stdout], [], [], within_s)
    if not ready:
        raise TimeoutError(f"the simulator printed no pty path in {within_s} s")
    return stdout.readline().strip()


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", metavar="FILE",
                        help="scenario to play: a file, or one shipped in drivers/scenarios/ by name (idcard-faults)")
    parser.add_argument("--link", metavar="PATH", help="also make PATH a symlink to the pty (a stable name)")


def scenario_player(path: str | Path | None, targets: Mapping[str, EventTarget],
                    on_step: Callable[[Step], None] | None = None) -> ScenarioPlayer | None:
    """The player of the scenario file at ``path`` (None without one), checked against ``targets``.

    Raises :class:`ScenarioError` naming the file and step, before anything runs.
    """
    if not path:
        return None
    return ScenarioPlayer(Scenario.load(path), targets, on_step=on_step)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """Within the block, Ctrl-C (SIGINT) and SIGTERM only set the event it yields; the old handlers
    are back after it.

    Enter it before the simulator says where it listens: a supervisor that signals as soon as it
    reads that line then gets a clean stop, not a KeyboardInterrupt traceback or a kill mid-way.
    """
    stopping = threading.Event()

    def on_signal(_sig: int, _frame: object) -> None:
        stopping.set()

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stopping
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def serve(sim: PtySimulator, args: argparse.Namespace, device: str) -> int:
    """Run a simulator until SIGINT/SIGTERM: the pty path is the first line on stdout."""
    try:
        player = scenario_player(args.scenario, {device: sim})
    except ScenarioError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    path = sim.start()
    with stop_on_signals() as stopping:
        try:
            print(path, flush=True)
            print(f"zizhu sim {device}: serving on {path}" + (f" (link {sim.link})" if sim.link else "")
                  + (f", playing {args.scenario}" if player else ""), file=sys.stderr, flush=True)
            if player is not None:
                player.start()
            stopping.wait()
        finally:
            if player is not None:
                player.stop()
            sim.stop()
    return 0
