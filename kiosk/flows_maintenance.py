"""The technician's maintenance screen (维护模式) as a state machine. No Qt here.

``closed`` → (the hidden long-press) ``pin`` → the right PIN or a registered technician's card →
``open``; ``leave()`` or ``idle_s`` (5 minutes) without a touch → ``closed``. While ``open`` the
terminal is out of service for citizens (:attr:`MaintenanceFlow.out_of_service`, which the app's
heartbeat carries to the agent and the hall). ``pin`` itself closes after ``PIN_IDLE_S`` untouched.

Wrong PINs: each is refused in words (``pin_wrong`` with the attempts left); ``max_attempts`` in a
row lock the entry for ``lockout_s`` (``locked``, with the time left), the screen closed meanwhile
and a card refused too. The count survives closing the screen, not a restart of the app.

Open, the technician can, one at a time (``busy`` names the job running):

* self-test a device: :func:`terminal.selftest.self_test_open` on the device the app's poller owns —
  the same guard ``zizhu diag`` runs around the driver's ``self_test()``;
* print a test page (the printer's self-test is its test page, as for the hall's command);
* open a chosen locker slot for maintenance: ``Locker.open_slot`` with ``why`` ``maintenance:<id>``
  (the technician's staff id in the locker's open journal), never ``once``;
* confirm a new paper roll of a station: ``report(code)`` with ``printer.<station>.roll_replaced``
  (the app hands it to the agent);
* the terminal's open incidents from the hall: ``incidents()`` through the injected fetcher.

Every device job is also bounded here (``later``): an answer that has not come in time is given
up as ``timeout`` and its late result dropped. Nothing personal is kept or logged: a card is
hashed and compared, then forgotten; PINs are never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from drivers.base import DeviceError, SelfTestResult
from drivers.locker.journal import OpenRecord
from ground.clock import Clock
from ground.logs import mask_text
from kiosk.flows import Flow, Jobs, Outcome
from terminal.pinhash import verify
from terminal.selftest import failure, guarded, self_test_open

log = logging.getLogger("zizhu.kiosk.maintenance")

PIN_IDLE_S = 60.0  # the PIN pad left untouched closes
PIN_MAX = 12
TEST_PAGE_S = 30.0
SLOT_OPEN_S = 20.0
REPORT_S = 5.0  # the agent's answer to a roll change (it is on its disk, or refused)
ROLL_REPORT_S = REPORT_S + 2.0  # the flow's bound around that wait
STATIONS = ("receipt", "journal")


@dataclass(frozen=True)
class TechnicianEntry:
    id: str
    name: str
    pin_hash: str | None = None
    card_hash: str | None = None


@dataclass(frozen=True)
class MaintenanceRules:
    technicians: tuple[TechnicianEntry, ...] = ()
    idle_s: float = 300.0
    max_attempts: int = 5
    lockout_s: float = 300.0
    self_test_timeout_s: float = 120.0

    @classmethod
    def from_config(cls, m: Any) -> MaintenanceRules:
        return cls(tuple(TechnicianEntry(t.id, t.name, t.pin_hash, t.card_hash) for t in m.technicians),
                   m.idle_s, m.max_attempts, m.lockout_s, m.self_test_timeout_s)


def result_view(kind: str, r: SelfTestResult, elapsed_s: float) -> dict[str, Any]:
    """What the screen shows of one self-test (as diag's report has it), personal numbers masked."""
    faults = [] if r.status is None else r.status.faults()
    return {"kind": kind, "ok": r.ok, "summary": mask_text(r.summary), "faults": faults,
            "elapsed": round(elapsed_s, 1)}


class MaintenanceFlow(Flow):
    name = "maintenance"

    def __init__(self, jobs: Jobs, rules: MaintenanceRules, clock: Clock, *,
                 later: Callable[[float, Callable[[], None]], None],
                 devices: Callable[[], dict[str, Any]],
                 report: Callable[[str, dict[str, Any]], None],
                 incidents: Callable[[Callable[[Outcome[list[dict[str, Any]]]], None]], None] | None = None) -> None:
        super().__init__()
        self.jobs, self.rules, self.clock, self.later = jobs, rules, clock, later
        self.devices = devices  # kind → the newest device status (the app's availability)
        self.report = report  # (code, detail): returns once the agent has it, raises if not (off the UI thread)
        self.fetch_incidents = incidents
        self.state = "closed"
        self.pin = ""
        self.checking = False  # a PIN or card being compared with the hashes
        self.wrong = 0  # wrong PINs in a row
        self.locked_until: datetime | None = None
        self.technician: TechnicianEntry | None = None
        self.busy = ""
        self.results: dict[str, dict[str, Any]] = {}  # kind → the last self-test's view
        self.notice = ""  # the last action's outcome code (words in MaintenanceTexts.qml)
        self.notice_args: list[str] = []
        self.incident_list: list[dict[str, Any]] = []
        self.incidents_state = ""  # "" | loading | ok | unreachable | unconfigured
        self._last = clock.now()
        self._job = 0

    # -- what the app tells it -------------------------------------------------------------
    @property
    def out_of_service(self) -> bool:
        """While open, the terminal is out of service for citizens."""
        return self.state == "open"

    @property
    def engaged(self) -> bool:
        """The maintenance screen is on (the PIN pad or open): touches are the technician's."""
        return self.state in ("pin", "open", "locked")

    def touch(self) -> None:
        self._last = self.clock.now()

    def tick(self) -> None:
        now = self.clock.now()
        idle = (now - self._last).total_seconds()
        if self.state == "open" and idle >= self.rules.idle_s:
            log.info("maintenance screen closed after %.0f s without a touch", idle)
            self.leave()
        elif self.state in ("pin", "locked") and idle >= PIN_IDLE_S:
            self._close()
        elif self.state == "locked":
            self._changed()  # the minutes left

    # -- entry -------------------------------------------------------------------------------
    def lock_left_s(self) -> float:
        if self.locked_until is None:
            return 0.0
        return max(0.0, (self.locked_until - self.clock.now()).total_seconds())

    def enter(self) -> None:
        """The hidden long-press: the PIN pad, or the lock's time left."""
        if self.state == "open":
            return
        self.touch()
        self.pin = ""
        if not self.rules.technicians:
            self._set("pin", "no_technicians")
        elif self.lock_left_s() > 0:
            self._set("locked", "pin_locked")
        else:
            self.locked_until = None
            self._set("pin")

    def key(self, key: str) -> None:
        if self.state != "pin":
            return
        self.touch()
        if key == "back":
            self.pin = self.pin[:-1]
        elif key == "clear":
            self.pin = ""
        elif key.isdigit() and len(key) == 1 and len(self.pin) < PIN_MAX:
            self.pin += key
        self._set("pin", self.error if self.error == "no_technicians" else "")

    def submit(self) -> None:
        if self.state != "pin" or not self.rules.technicians or self.checking:
            return
        self.touch()
        pin, self.pin = self.pin, ""
        if self.lock_left_s() > 0:
            self._set("locked", "pin_locked")
            return
        techs = self.rules.technicians
        self._check(lambda: next((t for t in techs if t.pin_hash and pin and verify(pin, t.pin_hash)), None),
                    self._wrong)

    def card(self, number: str) -> None:
        """A card read while the PIN pad is up: opens when it is a registered technician's."""
        if self.state != "pin" or not number or self.checking:
            return
        techs, key = self.rules.technicians, number.upper()
        self._check(lambda: next((t for t in techs if t.card_hash and verify(key, t.card_hash)), None),
                    lambda: self._set("pin", "card_unknown"))

    def _check(self, find: Callable[[], TechnicianEntry | None], refused: Callable[[], None]) -> None:
        """The hashes are compared off the UI thread (scrypt: tens of ms each), in the jobs runner's pool."""
        self.checking = True
        self._changed()

        def done(out: Outcome[TechnicianEntry | None]) -> None:
            self.checking = False
            if self.state != "pin":
                self._changed()
            elif out.error is not None:  # the check itself failed (timed out): not a wrong PIN
                log.error("maintenance: the PIN check failed: %r", out.error)
                self._changed()
            elif out.value is None:
                refused()
            else:
                self._open(out.value)

        self.jobs.backend(lambda _b: find(), self._current(done))

    def _wrong(self) -> None:
        self.wrong += 1
        log.warning("maintenance: wrong PIN (%d in a row)", self.wrong)
        if self.wrong >= self.rules.max_attempts:
            self.wrong = 0
            self.locked_until = self.clock.now() + timedelta(seconds=self.rules.lockout_s)
            log.warning("maintenance: entry locked for %.0f s", self.rules.lockout_s)
            self._set("locked", "pin_locked")
        else:
            self._set("pin", "pin_wrong")

    def _open(self, tech: TechnicianEntry) -> None:
        self.wrong = 0
        self.technician = tech
        self.results, self.notice, self.notice_args = {}, "", []
        self.incident_list, self.incidents_state = [], ""
        log.info("maintenance screen opened by technician %s: terminal out of service", tech.id)
        self._set("open")
        self.incidents()

    def leave(self) -> None:
        if self.state == "open":
            log.info("maintenance screen closed: terminal back in service")
        self._close()

    def _close(self) -> None:
        self._generation += 1  # answers still on their way are dropped
        self._job += 1
        self.pin, self.busy, self.technician, self.checking = "", "", None, False
        self.results, self.notice, self.notice_args = {}, "", []
        self.incident_list, self.incidents_state = [], ""
        self._set("closed")

    def reset(self) -> None:
        """A citizen's session ending does not close the technician's screen."""

    # -- device jobs, one at a time ------------------------------------------------------------
    def _run(self, busy: str, kind: str, fn: Callable[[Any], Any], bound_s: float,
             done: Callable[[Outcome[Any], float], None]) -> None:
        self._start(busy, bound_s, done, lambda answer: self.jobs.device(kind, fn, answer))

    def _start(self, busy: str, bound_s: float, done: Callable[[Outcome[Any], float], None],
               submit: Callable[[Callable[[Outcome[Any]], None]], None]) -> None:
        """One job at a time (``busy``), bounded by ``bound_s``; ``done`` hears its outcome or the timeout."""
        if self.state != "open" or self.busy:
            return
        self.touch()
        self._job += 1
        job, t0 = self._job, self.clock.now()
        self.busy, self.notice, self.notice_args = busy, "", []
        self._changed()

        def answer(out: Outcome[Any]) -> None:
            if job != self._job or self.busy != busy:
                return  # timed out already, or the screen was left
            self.busy = ""
            done(out, (self.clock.now() - t0).total_seconds())
            self._changed()

        def give_up() -> None:
            if job == self._job and self.busy == busy:
                log.warning("maintenance: %s gave no answer within %.0f s", busy, bound_s)
                self._job += 1
                self.busy = ""
                done(Outcome(error=TimeoutError(f"no answer within {bound_s:.0f} s")), bound_s)
                self._changed()

        submit(self._current(answer))
        self.later(bound_s, give_up)

    def self_test(self, kind: str) -> None:
        def done(out: Outcome[Any], took: float) -> None:
            r = out.value if isinstance(out.value, SelfTestResult) else _failed(kind, out.error)
            self.results[kind] = result_view(kind, r, took)
            self.notice = "test_ok" if r.ok else "test_failed"
            self.notice_args = [kind]

        self._run("self_test:" + kind, kind, lambda dev: self_test_open(dev, kind),
                  self.rules.self_test_timeout_s, done)

    def test_page(self) -> None:
        def done(out: Outcome[Any], took: float) -> None:
            r = out.value if isinstance(out.value, SelfTestResult) else _failed("printer", out.error)
            self.results["printer"] = result_view("printer", r, took)
            self.notice = "page_printed" if r.ok else "page_failed"
            self.notice_args = [mask_text(r.summary)]

        # The receipt printer's self-test is its test page (as for the hall's print_test_page).
        self._run("test_page", "printer", lambda dev: self_test_open(dev, "printer"), TEST_PAGE_S, done)

    def slots(self) -> list[dict[str, Any]]:
        st = self.devices().get("locker")
        slots = getattr(st, "slots", None) or {}
        return [{"slot": int(k), "door": v.door.value, "occupied": v.occupied is True}
                for k, v in sorted(slots.items())]

    def open_slot(self, slot: str) -> None:
        tech = self.technician
        if tech is None or not slot.isdigit():
            return
        n = int(slot)

        def job(dev: Any) -> OpenRecord:
            return guarded_open(dev, n, tech.id)

        def done(out: Outcome[Any], _took: float) -> None:
            if out.error is None:
                log.info("maintenance: slot %02d opened by technician %s", n, tech.id)
                self.notice, self.notice_args = "slot_opened", [str(n)]
            else:
                log.warning("maintenance: slot %02d did not open: %s", n, out.error)
                reason = out.error.reason if isinstance(out.error, DeviceError) else str(out.error)
                self.notice, self.notice_args = "slot_failed", [str(n), mask_text(reason)]

        self._run(f"slot:{n}", "locker", job, SLOT_OPEN_S, done)

    # -- paper and incidents ---------------------------------------------------------------------
    def roll_replaced(self, station: str) -> None:
        if self.state != "open" or station not in STATIONS or self.technician is None or self.busy:
            return
        code, tech = f"printer.{station}.roll_replaced", self.technician.id

        def done(out: Outcome[Any], _took: float) -> None:
            ok = out.error is None
            log.info("maintenance: new %s roll confirmed by %s (%s)", station, tech,
                     "in the agent's spool" if ok else f"not taken by the agent: {out.error!r}")
            self.notice, self.notice_args = ("roll_reported" if ok else "roll_not_sent"), [station]

        # Said 已报告 only once the agent has it on disk (it then reaches the hall); otherwise the
        # technician is told it was not sent, and confirms again.
        self._start("roll:" + station, ROLL_REPORT_S, done, lambda answer: self.jobs.backend(
            lambda _b: self.report(code, {"station": station, "technician": tech}), answer))

    def incidents(self) -> None:
        if self.state != "open" or self.fetch_incidents is None or self.incidents_state == "loading":
            return
        self.touch()
        self.incidents_state = "loading"
        self._changed()

        def done(out: Outcome[list[dict[str, Any]]]) -> None:
            if self.state != "open":
                return
            if out.error is not None or out.value is None:
                unset = getattr(out.error, "unconfigured", False)
                self.incidents_state, self.incident_list = ("unconfigured" if unset else "unreachable"), []
            else:
                self.incidents_state, self.incident_list = "ok", list(out.value)
            self._changed()

        self.fetch_incidents(self._current(done))

    # -- the screen ------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._set(self.state, self.error)

    def view(self) -> dict[str, Any]:
        out = super().view()
        devs = self.devices()
        out.update({
            "pinLength": len(self.pin),
            "checking": self.checking,
            "attemptsLeft": self.rules.max_attempts - self.wrong,
            "maxAttempts": self.rules.max_attempts,
            "idleMinutes": round(self.rules.idle_s / 60),
            "lockMinutes": int(self.lock_left_s() // 60) + (1 if self.lock_left_s() % 60 else 0),
            "technician": (self.technician.name or self.technician.id) if self.technician else "",
            "busy": self.busy,
            "notice": self.notice,
            "noticeArgs": list(self.notice_args),
            "devices": [{"kind": kind, "state": st.state.value if st is not None else "unknown",
                         "reason": mask_text(getattr(st, "reason", "") or ""),
                         "faults": st.faults() if st is not None else [],
                         "result": self.results.get(kind, {})} for kind, st in devs.items()],
            "slots": self.slots() if self.state == "open" else [],
            "stations": [s for s in STATIONS if _has_station(devs.get("printer"), s)],
            "incidents": list(self.incident_list),
            "incidentsState": self.incidents_state,
        })
        return out


def guarded_open(dev: Any, slot: int, technician: str) -> OpenRecord:
    """Open one locker slot for maintenance: the journal names the technician; never ``once``."""
    rec: OpenRecord = dev.open_slot(slot, why=f"maintenance:{technician}", session="maintenance", once=False)
    return rec


def _failed(kind: str, exc: BaseException | None) -> SelfTestResult:
    if isinstance(exc, TimeoutError):
        return failure(kind, "自检超时 self-test did not finish in time")
    return guarded(kind, lambda: _raise(exc))


def _raise(exc: BaseException | None) -> SelfTestResult:
    raise exc if exc is not None else RuntimeError("no result")


def _has_station(status: Any, station: str) -> bool:
    stations = getattr(status, "stations", None)
    if not stations:
        return station == "receipt" and status is not None
    return station in stations

