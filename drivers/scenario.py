"""Scenario files: a timeline of device events that a simulator plays, for CI and the demo.

One format for every simulator (printer, ID card reader, locker, camera)::

    name = "paper runs out, then refilled"
    loop_after_s = 60          # optional: start again this long after the start

    [[step]]
    at = 2.0                   # seconds from the start
    device = "printer"         # optional when the scenario drives one simulator
    event = "paper"            # an event the simulator declares in its EVENTS
    value = "out"              # any further keys are the event's parameters

    [[step]]
    at = 10
    event = "paper"
    value = "full"

Each simulator declares ``EVENTS`` (event name → one-line description) and implements
``apply_event(event, params)``; a scenario naming an unknown device or event is rejected on load,
with the file and step named, before anything runs.

The scenarios the project ships (for the demo, the walk-through and CI) are package data in
``drivers/scenarios/``; :meth:`Scenario.load` takes one by its name (``printer-faults``) as well as
any file by its path, so ``zizhu sim printer --scenario printer-faults`` works from an installed wheel.
"""

from __future__ import annotations

import threading
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath
from typing import Any, Protocol

SHIPPED: Traversable = files("drivers").joinpath("scenarios")


class ScenarioError(Exception):
    """A scenario file that cannot be played."""


def shipped_names() -> list[str]:
    """The names of the scenarios shipped in ``drivers/scenarios/`` (``printer-demo``, …)."""
    return sorted(p.name.removesuffix(".toml") for p in SHIPPED.iterdir() if p.name.endswith(".toml"))


def shipped(name: str) -> Traversable:
    """The shipped scenario ``name`` (with or without ``.toml``)."""
    stem = name.removesuffix(".toml")
    p = SHIPPED.joinpath(f"{stem}.toml")
    if "/" in stem or not stem or not p.is_file():
        raise ScenarioError(f"no shipped scenario {name!r}; shipped: {', '.join(shipped_names())}")
    return p


def _resolve(path: str | Path | Traversable) -> Path | Traversable:
    """A file by its path; a bare name that is no file here, the shipped scenario of that name."""
    if not isinstance(path, str | PurePath):
        return path
    p = Path(path)
    if p.exists() or len(p.parts) != 1:
        return p
    try:
        return shipped(str(p))
    except ScenarioError:
        return p


class EventTarget(Protocol):
    EVENTS: Mapping[str, str]

    def apply_event(self, event: str, params: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class Step:
    at: float
    event: str
    device: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    name: str
    steps: tuple[Step, ...]
    loop_after_s: float | None = None
    source: str = "<memory>"

    @classmethod
    def load(cls, path: str | Path | Traversable) -> Scenario:
        """The scenario file at ``path``, or the shipped scenario named ``path`` (see :func:`shipped`)."""
        p = _resolve(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ScenarioError(f"{p}: no such scenario file (shipped scenarios, by name: "
                                f"{', '.join(shipped_names())})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ScenarioError(f"{p}: not valid TOML: {exc}") from None
        return cls.from_dict(data, source=str(p))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<memory>") -> Scenario:
        unknown = set(data) - {"name", "description", "loop_after_s", "step"}
        if unknown:
            raise ScenarioError(f"{source}: unknown key(s) {', '.join(sorted(unknown))}; "
                                "expected name, description, loop_after_s and [[step]] tables")
        raw_steps = data.get("step", [])
        if not isinstance(raw_steps, list):
            raise ScenarioError(f"{source}: key step: expected [[step]] tables")
        steps: list[Step] = []
        for i, raw in enumerate(raw_steps, 1):
            if not isinstance(raw, dict):
                raise ScenarioError(f"{source}: step {i}: expected a table")
            params = dict(raw)
            at = params.pop("at", None)
            event = params.pop("event", None)
            device = params.pop("device", None)
            if not isinstance(at, int | float) or isinstance(at, bool) or at < 0:
                raise ScenarioError(f"{source}: step {i}: key at: bad value {at!r}; "
                                    "expected seconds from the start (a number ≥ 0)")
            if not isinstance(event, str) or not event:
                raise ScenarioError(f"{source}: step {i}: key event: bad value {event!r}; expected an event name")
            if device is not None and not isinstance(device, str):
                raise ScenarioError(f"{source}: step {i}: key device: bad value {device!r}; expected a name")
            steps.append(Step(at=float(at), event=event, device=device, params=params))
        loop = data.get("loop_after_s")
        if loop is not None and (not isinstance(loop, int | float) or loop <= 0):
            raise ScenarioError(f"{source}: key loop_after_s: bad value {loop!r}; expected seconds > 0")
        if loop is not None and steps and max(s.at for s in steps) >= loop:
            raise ScenarioError(f"{source}: key loop_after_s: {loop} is not after the last step")
        steps.sort(key=lambda s: s.at)
        return cls(name=str(data.get("name", Path(source).stem)), steps=tuple(steps),
                   loop_after_s=None if loop is None else float(loop), source=source)

    def check_targets(self, targets: Mapping[str, EventTarget]) -> None:
        """Reject steps naming a device or event no simulator here knows."""
        for i, step in enumerate(self.steps, 1):
            target = self._target_for(step, targets, i)
            if step.event not in target.EVENTS:
                raise ScenarioError(
                    f"{self.source}: step {i}: unknown event {step.event!r} for {step.device or 'the device'}; "
                    f"known: {', '.join(sorted(target.EVENTS))}")

    def _target_for(self, step: Step, targets: Mapping[str, EventTarget], i: int) -> EventTarget:
        if step.device is None:
            if len(targets) != 1:
                raise ScenarioError(f"{self.source}: step {i}: name the device (one of {', '.join(targets)})")
            return next(iter(targets.values()))
        try:
            return targets[step.device]
        except KeyError:
            raise ScenarioError(f"{self.source}: step {i}: unknown device {step.device!r}; "
                                f"known: {', '.join(targets)}") from None


class ScenarioPlayer:
    """Plays a scenario against simulators, in a thread (``start``) or by hand (``advance_to``)."""

    def __init__(self, scenario: Scenario, targets: Mapping[str, EventTarget],
                 clock: Callable[[], float] = time.monotonic,
                 on_step: Callable[[Step], None] | None = None) -> None:
        scenario.check_targets(targets)
        self.scenario = scenario
        self.targets = dict(targets)
        self._clock = clock
        self._on_step = on_step
        self._next = 0
        self._cycle_start = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.played: list[Step] = []

    def advance_to(self, t: float) -> list[Step]:
        """Apply every step due at ``t`` seconds since the start; returns the steps applied."""
        applied: list[Step] = []
        while True:
            if self._next >= len(self.scenario.steps):
                loop = self.scenario.loop_after_s
                if loop is None or t < self._cycle_start + loop:
                    return applied
                self._cycle_start += loop
                self._next = 0
                if not self.scenario.steps:
                    return applied
            step = self.scenario.steps[self._next]
            if self._cycle_start + step.at > t:
                return applied
            self._next += 1
            target = self.scenario._target_for(step, self.targets, self._next)
            target.apply_event(step.event, dict(step.params))
            self.played.append(step)
            applied.append(step)
            if self._on_step is not None:
                self._on_step(step)

    @property
    def finished(self) -> bool:
        return self.scenario.loop_after_s is None and self._next >= len(self.scenario.steps)

    def start(self) -> None:
        start = self._clock()

        def loop() -> None:
            while not self._stop.is_set() and not self.finished:
                self.advance_to(self._clock() - start)
                self._stop.wait(0.02)

        self._thread = threading.Thread(target=loop, name=f"scenario:{self.scenario.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
