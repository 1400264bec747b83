"""The locker's flows without Qt (kiosk/flows_locker.py): a fake locker that raises what the driver
raises, the real demo back end, jobs that answer at once, and timers on a fake clock — the cases the
simulator tests cannot reach quickly or at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pytest

from drivers.idcard.synthetic import CARDS
from drivers.locker.driver import BoardSilent, SlotReading
from drivers.locker.journal import AlreadyOpened, OpenRecord
from ground.clock import FakeClock
from kiosk.availability import Availability
from kiosk.backend.demo import DemoBackend
from kiosk.backend.locker import PickupStatus
from kiosk.backend.model import BackendError
from kiosk.flows_locker import DepositFlow, LockerTiming, PickupFlow
from kiosk.session import EndReason, Session
from tests.kiosk.test_flows import FakePrinter, SyncJobs
from wire.status import DoorState, LockerSlot, LockerStatus

TODAY = date(2026, 12, 3)
CODE = "52817364"


class FakeLocker:
    """Opens what it is told; ``fail`` is raised by the next open; the door closes after ``closes_after`` polls."""

    def __init__(self) -> None:
        self.opened: list[tuple[int, str]] = []
        self.fail: BaseException | None = None
        self.closes_after = 2
        self.polls = 0
        self.silent = False
        self.refuse: set[str] = set()  # reasons already opened once (the journal's rule)

    def open_slot(self, slot: int, why: str, session: str, once: bool = True) -> OpenRecord:
        if self.fail is not None:
            exc, self.fail = self.fail, None
            raise exc
        if once and why in self.refuse:
            raise AlreadyOpened("already", "该件的格口已打开过")
        self.refuse.add(why)
        self.opened.append((slot, why))
        return OpenRecord(id=len(self.opened), requested_at="", finished_at="", slot=slot, board=1, lock=slot,
                          why=why, session=session, once=once, outcome="opened", detail="")

    def query_slot(self, slot: int) -> SlotReading:
        if self.silent:
            raise BoardSilent("silent", "01号锁控板无响应")
        self.polls += 1
        return SlotReading(DoorState.CLOSED if self.polls >= self.closes_after else DoorState.OPEN)

    def status(self) -> LockerStatus:
        return LockerStatus(name="locker", slots={f"{n:02d}": LockerSlot(door=DoorState.CLOSED) for n in range(1, 4)})


@dataclass
class Timers:
    """``later`` on a fake clock: :meth:`run` advances it and fires what is due, in order."""

    t: float = 0.0
    due: list[tuple[float, Callable[[], None]]] = field(default_factory=list)

    def later(self, delay_s: float, fn: Callable[[], None]) -> None:
        self.due.append((self.t + delay_s, fn))

    def clock(self) -> float:
        return self.t

    def run(self, seconds: float) -> None:
        end = self.t + seconds
        while True:
            self.due.sort(key=lambda d: d[0])
            if not self.due or self.due[0][0] > end:
                break
            self.t, fn = self.due.pop(0)
            fn()
        self.t = end


@pytest.fixture
def world() -> dict[str, Any]:
    demo = DemoBackend(today=TODAY)
    locker, printer, timers = FakeLocker(), FakePrinter(), Timers()
    jobs = SyncJobs(demo, devices={"locker": locker, "printer": printer})
    session = Session(clock=FakeClock())
    session.touch()
    avail = Availability(configured=frozenset({"locker", "printer", "idcard"}))
    kw: dict[str, Any] = {"timing": LockerTiming(terminal="t01", poll_s=0.5, close_wait_s=5, silent_s=2),
                          "later": timers.later, "clock": timers.clock, "now": lambda: datetime(2026, 12, 3, 21, 0)}
    hall = demo.hall
    return {"demo": demo, "locker": locker, "printer": printer, "timers": timers, "session": session,
            "pickup": PickupFlow(jobs, avail, hall, session, **kw),
            "deposit": DepositFlow(jobs, avail, hall, session, **kw)}


def _enter(flow: PickupFlow, code: str) -> None:
    flow.open()
    for d in code:
        flow.key(d)
    flow.submit()


def test_a_board_silent_at_the_open_is_never_opened_again(world: dict[str, Any]) -> None:
    p: PickupFlow = world["pickup"]
    world["session"].keep("card", CARDS["resident"])
    world["locker"].fail = BoardSilent("silent during open", "01号锁控板无响应")
    _enter(p, CODE)
    assert (p.state, p.error) == ("error", "locker_silent")
    assert world["demo"]._locker.pickups[0].status is PickupStatus.WAITING  # not told collected: nobody knows
    world["locker"].fail = AlreadyOpened("the journal holds an unconfirmed open", "该件的格口已打开过")
    _enter(p, CODE)
    assert (p.state, p.error) == ("error", "pickup_collected")


def test_a_session_that_ends_with_the_door_open_still_records(world: dict[str, Any]) -> None:
    p: PickupFlow = world["pickup"]
    world["session"].keep("card", CARDS["resident"])
    world["locker"].closes_after = 4
    _enter(p, CODE)
    assert p.state == "door_open" and p.door_open
    world["session"].end(EndReason.ENDED)
    p.reset()
    assert p.state == "start" and p.pickup is None and p.code == ""
    world["timers"].run(3)
    got = world["demo"]._locker.pickups[0]
    assert got.status is PickupStatus.COLLECTED and got.key == ("t01", 1)
    assert p.state == "start" and not world["printer"].rendered  # nobody there: no slip


def test_the_platform_failing_to_record_is_said(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    p: PickupFlow = world["pickup"]
    world["session"].keep("card", CARDS["resident"])

    def broken(*_a: Any) -> Any:
        raise BackendError("down")

    monkeypatch.setattr(world["demo"], "record_pickup", broken)
    _enter(p, CODE)
    world["timers"].run(3)
    assert (p.state, p.error) == ("error", "pickup_not_recorded")


def test_silent_while_the_door_is_open(world: dict[str, Any]) -> None:
    p: PickupFlow = world["pickup"]
    world["session"].keep("card", CARDS["resident"])
    _enter(p, CODE)
    world["locker"].silent = True
    world["timers"].run(4)
    assert (p.state, p.error) == ("error", "locker_silent_open")
    assert world["demo"]._locker.pickups[0].status is PickupStatus.COLLECTED


def test_a_full_locker_opens_nothing(world: dict[str, Any]) -> None:
    d: DepositFlow = world["deposit"]
    world["demo"]._locker.deposits.clear()
    world["locker"].status = lambda: LockerStatus(name="locker", slots={"03": LockerSlot(door=DoorState.CLOSED)})
    d.open()
    for k in "1506020800001156":
        d.key(k)
    d.find_number()
    assert d.state == "confirm"
    d.start_deposit()
    assert (d.state, d.error) == ("error", "locker_full")  # slot 3 holds a pickup
    assert world["locker"].opened == []


def test_a_deposit_by_card_lists_only_open_cases(world: dict[str, Any]) -> None:
    d: DepositFlow = world["deposit"]
    world["session"].keep("card", CARDS["resident"])
    d.open()
    d.find_by_card()
    assert d.state == "list" and d.cases
    assert all(c.status.value in ("submitted", "accepted", "in_review", "correction") for c in d.cases)
    d.choose(d.cases[0].case_no)
    d.start_deposit()
    assert d.state == "door_open" and world["locker"].opened[0][0] == 1
    world["timers"].run(2)
    assert d.state == "done" and d.deposit is not None and d.print_state == "printed"
    assert "材料存放凭条" in world["printer"].flat and d.deposit.retrieval_code in world["printer"].flat
    d.reset()
    assert d.view()["retrievalCode"] == "" and d.cases == []


def test_the_reader_is_asked_again_after_a_card_it_refused(world: dict[str, Any]) -> None:
    p: PickupFlow = world["pickup"]
    asked: list[int] = []
    p.need_card = lambda: asked.append(1)
    _enter(p, CODE)  # no card yet: the reader is started
    assert p.state == "card" and asked == [1]
    p.card_failed("card_already_read")  # the refused card is still on the reader
    assert (p.state, p.error) == ("card", "card_already_read")
    world["timers"].run(1.1)
    assert asked == [1, 1]  # asked again: the agent's card will be read when it comes
    p.card_read(CARDS["resident_long_term"])
    assert p.state == "door_open" and p.role == "agent"
