"""The document locker's tasks as state machines: collect a pickup, deposit materials. No Qt here.

Like :mod:`kiosk.flows`: a flow hands every device and back-end call to :class:`Jobs` (off the UI
thread, bounded) and hears back on the owner's thread; the screens turn its codes into words
(kiosk/qml/Zizhu/LockerTexts.qml). Time comes in injected: ``clock`` (monotonic seconds) and
``later(delay_s, fn)`` (a timer on the owner's thread), so the tests run it on a fake clock.

A slot is opened by the locker's driver, which writes the open journal (开箱记录) before the
command goes on the wire and refuses a second ``once`` open for the same pickup; the flow then
asks the slot's door every ``poll_s`` — short device jobs, so status polls and prints go on
between them — until it is seen closed again, the door has been open ``close_wait_s`` (the
driver then reports it left open: a fault the agent sends on) or the board has not answered for
``silent_s``. Whatever happens after the door was seen open is recorded at the platform: the
slot did open, and the journal's record id is the record's key, so nothing is lost or counted
twice. A session that ends while a door is open still records it (only the non-personal facts —
pickup id, slot, record — are kept until then); everything personal goes at once.

Pickup: states ``start`` (the pad) → ``card`` (waiting for the ID card) → ``checking`` →
``opening`` → ``door_open`` → ``recording`` → ``done``; or ``mismatch`` (another card may be
placed), ``locked`` (five wrong codes in a row: a staffed window) and ``error``.

Deposit: ``start`` (by card or case number) → ``loading`` → ``list`` | ``confirm`` → ``opening``
→ ``door_open`` → ``recording`` → ``done``; or ``error``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol, cast

from drivers.base import DeviceError, DeviceOffline
from drivers.idcard.card import IdCard
from drivers.locker.driver import BoardSilent, SlotJammed
from drivers.locker.journal import AlreadyOpened, JournalError, OpenRecord
from ground.logs import mask_name
from kiosk.availability import Availability
from kiosk.backend.locker import (
    MAX_WRONG_CODES,
    CollectAnswer,
    Collection,
    CollectResult,
    Deposit,
    DepositRequest,
    FindResult,
    LockerBackend,
    Pickup,
    PickupAnswer,
)
from kiosk.backend.model import CASE_STATUS_LABELS, OPEN_STATUSES, BackendError, Case, HallInfo
from kiosk.flows import CASE_NO, Jobs, Outcome, ServiceDone, _Printing, backend_error, case_summary
from kiosk.session import Session
from wire.status import DoorState, LockerStatus

log = logging.getLogger("zizhu.kiosk.locker")

CODE = re.compile(r"[0-9]{4,12}\Z")


class Later(Protocol):
    def __call__(self, delay_s: float, fn: Callable[[], None]) -> None: ...


@dataclass(frozen=True)
class LockerTiming:
    terminal: str  # the terminal's id: with the open record, the key of the platform's records
    poll_s: float = 0.5  # how often the door is asked while it is open
    close_wait_s: float = 121.0  # give up waiting for the door (the driver's door_open_alarm_s + 1)
    silent_s: float = 4.0  # the board has not answered for this long while the door is open


def open_error(exc: BaseException | None) -> str:
    """The code of an open that failed."""
    if isinstance(exc, AlreadyOpened):
        return "pickup_collected"
    if isinstance(exc, SlotJammed):
        return "locker_jammed"
    if isinstance(exc, BoardSilent):
        return "locker_silent"
    if isinstance(exc, JournalError):
        return "locker_fault"
    if isinstance(exc, DeviceOffline):
        return "locker_offline"
    if isinstance(exc, ValueError):
        return "locker_no_slot"  # the platform names a slot this cabinet does not have
    if not isinstance(exc, DeviceError):
        log.error("locker open failed unexpectedly: %r", exc)
    return "locker_fault"


def free_slots(status: LockerStatus, in_use: set[int]) -> list[int]:
    """Slots a deposit may use: seen closed, not jammed, empty to the sensor if there is one, and
    not filled by the platform."""
    return sorted(int(label) for label, s in status.slots.items()
                  if s.door is DoorState.CLOSED and s.occupied is not True and int(label) not in in_use)


@dataclass
class _Door:
    """An open door being watched: nothing personal, so it outlives the session if it must."""

    slot: int
    record: int
    opened_at: datetime
    started: float  # clock()
    heard: float  # the last answer of the board
    generation: int  # the flow's, when opened: a later one means the citizen has gone
    finish: Callable[[_Door, str], None]  # called once: "closed", "open" (never closed) or "silent"


class _LockerFlow(_Printing):
    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo], session: Session, *,
                 timing: LockerTiming, later: Later, clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(jobs, availability, hall)
        self.session, self.timing, self.later, self.clock, self.now = session, timing, later, clock, now
        self.slot = 0
        self._door: _Door | None = None

    @property
    def door_open(self) -> bool:
        return self._door is not None

    def _open(self, slot: int, why: str, once: bool, finish: Callable[[_Door, str], None]) -> None:
        blocked = self.availability.device("locker")
        if blocked is not None:
            self._set("error", blocked)
            return
        self.slot = slot
        self._set("opening")
        session_no = str(self.session.count)
        gen = self._generation

        def job(locker: Any) -> OpenRecord:
            rec: OpenRecord = locker.open_slot(slot, why=why, session=session_no, once=once)
            return rec

        def opened(out: Outcome[OpenRecord]) -> None:
            if out.error is not None or out.value is None:
                if gen == self._generation:
                    self._set("error", open_error(out.error))
                return
            now = self.clock()
            door = _Door(slot, out.value.id, self.now(), now, now, gen, finish)
            self._door = door
            log.info("locker slot %02d open (record %d): waiting for the door to close", slot, door.record)
            if gen == self._generation:
                self._set("door_open")
            self.later(self.timing.poll_s, lambda: self._poll(door))

        # Not wrapped by _current: an open that succeeds after the session ended is still watched.
        self.jobs.device("locker", job, opened)

    def _poll(self, door: _Door) -> None:
        if door is not self._door:
            return
        slot = door.slot

        def job(locker: Any) -> DoorState:
            state: DoorState = locker.query_slot(slot).door
            return state

        self.jobs.device("locker", job, lambda out: self._polled(door, out))

    def _polled(self, door: _Door, out: Outcome[DoorState]) -> None:
        if door is not self._door:
            return
        now = self.clock()
        if out.error is None:
            door.heard = now
            if out.value is DoorState.CLOSED:
                self._end(door, "closed")
                return
        elif not isinstance(out.error, DeviceError):
            log.error("locker door query failed unexpectedly: %r", out.error)
        if now - door.heard >= self.timing.silent_s:
            log.warning("locker slot %02d: the board has not answered for %.0f s with the door open",
                        door.slot, now - door.heard)
            self._end(door, "silent")
            return
        if now - door.started >= self.timing.close_wait_s:
            log.warning("locker slot %02d: the door has been open %.0f s: left open", door.slot, now - door.started)
            self._end(door, "open")
            return
        if door.generation == self._generation:
            self.session.touch()  # the citizen is at the door: no countdown meanwhile
        self.later(self.timing.poll_s, lambda: self._poll(door))

    def _end(self, door: _Door, how: str) -> None:
        self._door = None
        door.finish(door, how)

    def _recorded(self, door: _Door, how: str, error: str = "") -> None:
        """After the platform's answer: done (and the slip), or the words of what went wrong."""
        if door.generation != self._generation:
            return  # the citizen has gone: recorded, nothing to show
        if error:
            self._set("error", error)
        elif how == "closed":
            self._set("done")
            self.print_slip()
        else:
            self._set("error", "locker_door_open" if how == "open" else "locker_silent_open")

    def print_slip(self) -> None:
        raise NotImplementedError

    def _print(self, template: str, data: dict[str, Any]) -> None:
        super()._print(template, data)
        if self.print_state == "failed":  # the printer was down before it began
            self._done_without_slip()

    def _printed(self, out: Outcome[Any]) -> None:
        super()._printed(out)  # printed: the service is done, with its slip (kiosk.flows._Printing)
        if self.print_state == "failed":
            self._done_without_slip()

    def _done_without_slip(self) -> None:
        """The document was collected (or deposited): a slip that did not print is no reason not to rate."""
        done = self._completed()
        if done is not None:
            self.service_done(done)

    def view(self) -> dict[str, Any]:
        out = super().view()
        out.update({"slot": f"{self.slot:02d}" if self.slot else "", "doorOpen": self.door_open})
        return out


# --------------------------------------------------------------------------------------------
# Pickup
# --------------------------------------------------------------------------------------------

class PickupFlow(_LockerFlow):
    """The pickup code on the pad, the ID card, the slot, the door, the record, the 取件凭条."""

    name = "pickup"

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.code = ""  # typed on the pad
        self.wrong = 0  # wrong codes in a row in this session
        self.attempts_left = MAX_WRONG_CODES
        self.pickup: Pickup | None = None
        self.role = ""
        self.need_card: Callable[[], None] | None = None  # the app starts the card reader

    def reset(self) -> None:
        self.code, self.wrong, self.attempts_left = "", 0, MAX_WRONG_CODES
        self.pickup, self.role, self.slot = None, "", 0
        self._clear_print()
        super().reset()  # a door being watched stays watched (self._door): it is not personal

    def open(self) -> None:
        self.code, self.pickup, self.role = "", None, ""
        self._clear_print()
        if self.wrong >= MAX_WRONG_CODES:
            self._set("locked")
            return
        self._set("start")

    def key(self, k: str) -> None:
        if self.state != "start":
            return
        if k == "back":
            self.code = self.code[:-1]
        elif k == "clear":
            self.code = ""
        elif k.isdigit() and k.isascii() and len(k) == 1 and len(self.code) < 12:
            self.code += k
        self.session.keep("typed_pickup_code", self.code)
        self._set("start")

    def submit(self) -> None:
        if self.state != "start":
            return
        if not CODE.match(self.code):
            self._set("start", "pickup_code_invalid")
            return
        blocked = self.availability.device("locker")
        if blocked is not None:
            self._set("error", blocked)
            return
        card: IdCard | None = self.session.get("card")
        if card is None:
            self._wait_card()
        else:
            self._check(card)

    def _wait_card(self) -> None:
        self._set("card")
        if self.need_card is not None:
            self.need_card()

    def other_card(self) -> None:
        """After a mismatch: another card (the agent's) may be placed."""
        if self.state == "mismatch":
            self._wait_card()

    def card_read(self, card: IdCard) -> None:
        if self.state == "card":
            self._check(card)

    def card_failed(self, error: str) -> None:
        """The reader could not read the card (expired, unreadable, the refused card still on it …):
        its words, and the reader asked again a moment later — the citizen is swapping cards."""
        if self.state != "card":
            return
        self._set("card", error)
        gen = self._generation

        def again() -> None:
            if self.state == "card" and gen == self._generation and self.need_card is not None:
                self.need_card()

        self.later(1.0, again)

    def _check(self, card: IdCard) -> None:
        code, number = self.code, card.number
        self._set("checking")
        self.jobs.backend(lambda b: cast(LockerBackend, b).find_pickup(code, number), self._current(self._found))

    def _found(self, out: Outcome[PickupAnswer]) -> None:
        if out.error is not None or out.value is None:
            self._set("start", backend_error(out.error or BackendError("no answer")))  # the code may be sent again
            return
        answer = out.value
        if answer.result is FindResult.MISMATCH:
            self._set("mismatch", "pickup_card_mismatch")  # the code stays for the next card (the agent's)
            return
        self.code = ""
        self.session.keep("typed_pickup_code", "")
        if answer.result is FindResult.WRONG_CODE:
            self.wrong += 1
            self.attempts_left = max(0, min(answer.attempts_left, MAX_WRONG_CODES - self.wrong))
            log.info("pickup: a wrong code (%d in a row)", self.wrong)
            if self.attempts_left <= 0:
                self.wrong = MAX_WRONG_CODES
                self._set("locked")
            else:
                self._set("start", "pickup_wrong_code")
            return
        if answer.result is FindResult.LOCKED:
            if self.wrong >= MAX_WRONG_CODES - 1:  # this code ended a streak of wrong ones: no more codes
                self.wrong = MAX_WRONG_CODES
            self._set("locked")
            return
        if answer.result is FindResult.COLLECTED:
            self._set("error", "pickup_collected")
            return
        pickup = answer.pickup
        if pickup is None:
            self._set("error", "backend_error")
            return
        self.wrong, self.attempts_left = 0, MAX_WRONG_CODES
        self.pickup, self.role = pickup, answer.role
        log.info("pickup %s: slot %02d, collected by the %s", pickup.pickup_id, pickup.slot, answer.role or "holder")
        collected_by: Literal["holder", "agent"] = "agent" if answer.role == "agent" else "holder"
        pickup_id, terminal = pickup.pickup_id, self.timing.terminal

        def finish(door: _Door, how: str) -> None:
            closed = how == "closed"
            rec = Collection(terminal=terminal, open_record=door.record, slot=door.slot, collected_by=collected_by,
                             opened_at=door.opened_at, closed_at=self.now() if closed else None, door_closed=closed)
            if door.generation == self._generation:
                self._set("recording")

            def done(out: Outcome[CollectAnswer]) -> None:
                error = ""
                if out.error is not None or out.value is None:
                    log.error("pickup %s was collected (record %d) but the platform did not record it: %s; "
                              "a person must", pickup_id, door.record, out.error)
                    error = "pickup_not_recorded"
                elif out.value.result is not CollectResult.OK:
                    log.error("pickup %s: the platform answered %s to its collection (record %d)", pickup_id,
                              out.value.result.value, door.record)
                    error = "pickup_not_recorded"
                else:
                    log.info("pickup %s recorded (record %d, door %s)", pickup_id, door.record, how)
                self._recorded(door, how, error)

            self.jobs.backend(lambda b: cast(LockerBackend, b).record_pickup(pickup_id, rec), done)

        self._open(pickup.slot, f"pickup:{pickup_id}", True, finish)

    def print_slip(self) -> None:
        p = self.pickup
        if p is None:
            return
        hall = self.hall()
        collector = p.agent_name if self.role == "agent" and p.agent_name else p.holder_name
        data = {"hall_name": hall.name, "locker": p.locker, "slot": f"{p.slot:02d}", "item": p.item,
                "case_no": p.case_no, "applicant": collector, "picked_up_at": f"{self.now():%Y-%m-%d %H:%M}",
                "hall_phone": hall.hotline, "agent_of": p.holder_name if self.role == "agent" else ""}
        self._print("locker_pickup", data)

    def _completed(self) -> ServiceDone | None:
        p = self.pickup
        return None if p is None else ServiceDone(p.item_code or "locker_pickup", p.item, p.case_no)

    def view(self) -> dict[str, Any]:
        out = super().view()
        p = self.pickup
        out.update({
            "codeLength": len(self.code),  # the screen shows dots: the code is not for onlookers
            "attemptsLeft": self.attempts_left,
            "hasCard": self.session.get("card") is not None,
            "pickup": {} if p is None else {
                "item": p.item, "locker": p.locker, "slot": f"{p.slot:02d}", "caseNo": p.case_no,
                "holder": mask_name(p.holder_name), "agent": self.role == "agent"},
        })
        return out


# --------------------------------------------------------------------------------------------
# Deposit
# --------------------------------------------------------------------------------------------

class DepositFlow(_LockerFlow):
    """A case by the card or its number, a free slot, the door, the record, the receipt."""

    name = "deposit"

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.number = ""
        self.cases: list[Case] = []
        self.case: Case | None = None
        self.deposit: Deposit | None = None

    def reset(self) -> None:
        self.number, self.cases, self.case, self.deposit, self.slot = "", [], None, None, 0
        self._clear_print()
        super().reset()

    def open(self) -> None:
        self.number, self.cases, self.case, self.deposit, self.slot = "", [], None, None, 0
        self._clear_print()
        self._set("start")

    def key(self, k: str) -> None:
        if self.state != "start":
            return
        if k == "back":
            self.number = self.number[:-1]
        elif k == "clear":
            self.number = ""
        elif k.isdigit() and k.isascii() and len(k) == 1 and len(self.number) < 24:
            self.number += k
        self.session.keep("typed_case_no", self.number)
        self._set("start")

    def find_number(self) -> None:
        no = self.number
        if not CASE_NO.match(no):
            self._set("start", "case_no_invalid")
            return
        self._set("loading")
        self.jobs.backend(lambda b: b.case(no), self._current(self._got_case))

    def find_by_card(self) -> None:
        card: IdCard | None = self.session.get("card")
        if card is None:
            self._set("start", "no_card")
            return
        number = card.number
        self._set("loading")
        self.jobs.backend(lambda b: b.cases_of(number), self._current(self._got_cases))

    def _got_case(self, out: Outcome[Case]) -> None:
        if out.error is not None or out.value is None:
            self._set("start", backend_error(out.error or BackendError("no case")))
            return
        self._confirm(out.value)

    def _got_cases(self, out: Outcome[list[Case]]) -> None:
        if out.error is not None or out.value is None:
            self._set("start", backend_error(out.error or BackendError("no cases")))
            return
        self.cases = [c for c in out.value if c.status in OPEN_STATUSES]
        self._set("list")

    def choose(self, case_no: str) -> None:
        found = next((c for c in self.cases if c.case_no == case_no), None)
        if found is not None:
            self._confirm(found)

    def _confirm(self, case: Case) -> None:
        if case.status not in OPEN_STATUSES:
            self._set("start", "deposit_case_closed")
            return
        self.case = case
        self._set("confirm")

    def back(self) -> None:
        if self.state == "confirm" and self.cases:
            self.case = None
            self._set("list")
        elif self.state in ("confirm", "list", "error", "start"):
            self.open()

    def start_deposit(self) -> None:
        case = self.case
        if self.state != "confirm" or case is None:
            return
        blocked = self.availability.device("locker")
        if blocked is not None:
            self._set("error", blocked)
            return
        self._set("opening")
        self.jobs.backend(lambda b: cast(LockerBackend, b).slots_in_use(), self._current(self._in_use))

    def _in_use(self, out: Outcome[list[int]]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no slots")))
            return
        used = set(out.value)

        def job(locker: Any) -> list[int]:
            return free_slots(locker.status(), used)

        self.jobs.device("locker", job, self._current(self._free))

    def _free(self, out: Outcome[list[int]]) -> None:
        case = self.case
        if case is None:
            return
        if out.error is not None or out.value is None:
            self._set("error", open_error(out.error))
            return
        if not out.value:
            self._set("error", "locker_full")
            return
        case_no, terminal = case.case_no, self.timing.terminal

        def finish(door: _Door, how: str) -> None:
            closed = how == "closed"
            req = DepositRequest(terminal=terminal, open_record=door.record, case_no=case_no, slot=door.slot,
                                 deposited_at=self.now(), door_closed=closed)
            if door.generation == self._generation:
                self._set("recording")

            def done(out: Outcome[Deposit]) -> None:
                if out.error is not None or out.value is None:
                    log.error("materials for case %s are in slot %02d (record %d) but the platform did not record "
                              "them: %s; a person must", case_no, door.slot, door.record, out.error)
                    self._recorded(door, how, "deposit_not_recorded")
                    return
                log.info("deposit %s: case %s in slot %02d (record %d)", out.value.deposit_id, case_no, door.slot,
                         door.record)
                if door.generation == self._generation:
                    self.deposit = out.value
                self._recorded(door, how)

            self.jobs.backend(lambda b: cast(LockerBackend, b).record_deposit(req), done)

        self._open(out.value[0], f"deposit:{case_no}", False, finish)

    def print_slip(self) -> None:
        case, d = self.case, self.deposit
        if case is None or d is None:
            return
        hall = self.hall()
        data = {"hall_name": hall.name, "case_no": case.case_no, "matter": case.matter,
                "applicant": case.applicant_name, "status": CASE_STATUS_LABELS[case.status],
                "slot": f"{d.slot:02d}", "retrieval_code": d.retrieval_code,
                "deposited_at": f"{d.deposited_at:%Y-%m-%d %H:%M}", "hall_phone": hall.hotline}
        self._print("locker_deposit", data)

    def _completed(self) -> ServiceDone | None:
        c = self.case
        return None if c is None or self.deposit is None else ServiceDone(c.item_code, c.matter, c.case_no)

    def view(self) -> dict[str, Any]:
        out = super().view()
        c, d = self.case, self.deposit
        out.update({
            "number": self.number,
            "hasCard": self.session.get("card") is not None,
            "cases": [case_summary(x) for x in self.cases],
            "case": {} if c is None else {**case_summary(c), "applicant": mask_name(c.applicant_name)},
            "retrievalCode": d.retrieval_code if d is not None else "",
        })
        return out
