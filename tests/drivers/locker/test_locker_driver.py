"""The production locker driver against its simulator over a real pseudo-terminal, both dialects."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from msgspec import ValidationError
from msgspec.structs import replace

from drivers.base import DeviceOffline
from drivers.locker import codec as lc
from drivers.locker.config import LockerBoard, LockerConfig
from drivers.locker.driver import BoardSilent, Locker, SlotJammed
from drivers.locker.journal import AlreadyOpened, OpenJournal
from drivers.locker.sim import LockerSimulator
from wire.status import DeviceState, DoorState

Make = Callable[..., tuple[LockerSimulator, Locker]]


class Clock:
    """A clock the test moves by hand, for door-open timers measured in minutes."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def make(tmp_path: Path) -> Iterator[Make]:
    opened: list[tuple[LockerSimulator, Locker]] = []

    def factory(dialect: str = "generic", boards: list[tuple[int, int]] | None = None,
                polarity: str = "closed_is_11", clock: Callable[[], float] = time.monotonic,
                driver_polarity: str | None = None, **sim_kw: Any) -> tuple[LockerSimulator, Locker]:
        boards = boards or ([(1, 24)] if dialect == "generic" else [(0, 16)])
        sim_kw.setdefault("auto_close_s", 0.3)
        sim = LockerSimulator(dialect, boards, polarity, **sim_kw)
        sim.start()
        cfg = LockerConfig(device=sim.path, dialect=dialect, feedback_polarity=driver_polarity or polarity,
                           boards=[LockerBoard(address=a, slots=n) for a, n in boards], timeout_s=0.5,
                           open_confirm_s=1.0, close_confirm_s=3.0, door_open_alarm_s=120, stuck_open_s=900,
                           record_path=tmp_path / "opens.sqlite3")
        locker = Locker(cfg, clock=clock)
        locker.open()
        opened.append((sim, locker))
        return sim, locker

    yield factory
    for sim, locker in opened:
        locker.close()
        sim.stop()


DIALECTS = [("generic", "closed_is_11"), ("generic", "closed_is_00"), ("kerong", "closed_is_11"),
            ("kerong", "closed_is_00")]


@pytest.mark.parametrize(("dialect", "polarity"), DIALECTS)
def test_open_confirm_and_close_again(make: Make, dialect: str, polarity: str) -> None:
    sim, locker = make(dialect, polarity=polarity)
    assert locker.status().state == DeviceState.ONLINE
    rec = locker.open_slot(3, why="pickup:A-0001", session="s1")
    assert rec.outcome == "opened" and rec.slot == 3 and rec.session == "s1"
    expected = lc.encode_open(1, 3) if dialect == "generic" else lc.kr_unlock(0, 3)
    assert expected in sim.received and sim.opens == [3]
    assert locker.status().slots["03"].door == DoorState.OPEN
    assert locker.wait_closed(3, within_s=5)
    st = locker.status()
    assert st.slots["03"].door == DoorState.CLOSED and st.faults() == []


@pytest.mark.parametrize("dialect", ["generic", "kerong"])
def test_wrong_polarity_in_config_reads_every_door_open(make: Make, dialect: str) -> None:
    """Why polarity is configuration: the same bytes mean the opposite on the other wiring."""
    _, locker = make(dialect, polarity="closed_is_11", driver_polarity="closed_is_00")
    st = locker.status()
    assert {s.door for s in st.slots.values()} == {DoorState.OPEN}


@pytest.mark.parametrize("channels", [24, 32])
def test_query_all_bitmaps(make: Make, channels: int) -> None:
    sim, locker = make(boards=[(1, channels)])
    for slot in (1, 9, 17, channels):
        sim.apply_event("door", {"slot": slot, "state": "open"})
    readings = locker.query_all()
    assert sorted(n for n, r in readings.items() if r.door is DoorState.OPEN) == [1, 9, 17, channels]
    assert lc.encode_query_all(1) in sim.received
    assert all(r.occupied is None for r in readings.values())  # the 8A/80 board has no item sensor


def test_several_boards_on_one_bus(make: Make) -> None:
    sim, locker = make(boards=[(1, 24), (2, 32), (7, 12)])
    assert len(locker.slots) == 68
    locker.open_slot(25, why="pickup:B", session="s1")  # board 2, lock 1
    locker.open_slot(60, why="pickup:C", session="s1")  # board 7, lock 4
    assert lc.encode_open(2, 1) in sim.received and lc.encode_open(7, 4) in sim.received
    st = locker.status()
    assert [b.address for b in st.boards] == [1, 2, 7] and all(b.responding for b in st.boards)
    assert st.slots["25"].door == DoorState.OPEN and st.slots["60"].door == DoorState.OPEN
    assert st.slots["01"].door == DoorState.CLOSED


def test_kerong_item_sensors_and_two_boards(make: Make) -> None:
    sim, locker = make("kerong", boards=[(0, 16), (3, 12)])
    sim.apply_event("item", {"slot": 2, "present": True})
    sim.apply_event("item", {"slot": 20, "present": True})  # board 3, lock 4
    st = locker.status()
    assert st.slots["02"].occupied is True and st.slots["20"].occupied is True
    assert st.slots["01"].occupied is False
    locker.open_slot(20, why="pickup:K", session="s1")
    assert lc.kr_unlock(3, 4) in sim.received and lc.kr_status(3) in sim.received


@pytest.mark.parametrize("dialect", ["generic", "kerong"])
def test_a_slot_that_does_not_open_is_jammed(make: Make, dialect: str) -> None:
    sim, locker = make(dialect)
    sim.apply_event("jam", {"slot": 5, "mode": "no_open"})
    t0 = time.monotonic()
    with pytest.raises(SlotJammed) as exc:
        locker.open_slot(5, why="pickup:J", session="s1")
    assert time.monotonic() - t0 < 1.0 + 1.0
    assert exc.value.reason == "05号柜门未能打开，请联系工作人员"
    assert locker.journal.records(why="pickup:J")[0].outcome == "jammed"
    st = locker.status()
    assert st.slots["05"].door == DoorState.JAMMED and st.state == DeviceState.HARDWARE_ERROR
    assert "locker.slot.05.jammed" in st.faults() and "05号柜门卡住" in st.reason
    # The latch is fixed: the citizen may try again (a jammed open did not hand anything out).
    sim.apply_event("jam", {"slot": 5, "mode": "none"})
    assert locker.open_slot(5, why="pickup:J", session="s1").outcome == "opened"
    assert "locker.slot.05.jammed" not in locker.status().faults()


def test_a_slow_latch_is_confirmed_by_polling(make: Make) -> None:
    sim, locker = make(open_delay_s=0.3)
    rec = locker.open_slot(2, why="pickup:slow", session="s1")
    assert rec.outcome == "opened" and sim.opens == [2]
    assert lc.encode_query(1, 2) in sim.received  # the reply said closed; the query saw it open


def test_door_left_open_then_never_closing(make: Make) -> None:
    clock = Clock()
    sim, locker = make(clock=clock)
    sim.apply_event("door", {"slot": 7, "state": "open"})  # held open by someone
    assert locker.status().state == DeviceState.ONLINE
    clock.t += 121
    st = locker.status()
    assert st.slots["07"].open_too_long and "locker.slot.07.door_open" in st.faults()
    assert st.state == DeviceState.USER_ERROR and st.reason == "07号柜门长时间未关"
    clock.t += 800
    st = locker.status()
    assert st.slots["07"].door == DoorState.JAMMED and "locker.slot.07.jammed" in st.faults()
    sim.apply_event("door", {"slot": 7, "state": "closed"})
    assert locker.status().faults() == []


def test_a_silent_board_is_reported_and_the_open_recorded_as_unconfirmed(make: Make) -> None:
    sim, locker = make(boards=[(1, 24), (2, 24)])
    locker.config = replace(locker.config, timeout_s=0.2, open_confirm_s=0.5)
    sim.apply_event("silent", {"board": 2})
    with pytest.raises(BoardSilent) as exc:
        locker.open_slot(30, why="pickup:S", session="s1")
    assert exc.value.reason == "02号锁控板无响应"
    assert locker.journal.records(why="pickup:S")[0].outcome == "unconfirmed"
    with pytest.raises(AlreadyOpened):  # it may have opened: a person must look first
        locker.open_slot(30, why="pickup:S", session="s2")
    st = locker.status()
    assert "locker.board.02.silent" in st.faults() and st.state == DeviceState.HARDWARE_ERROR
    assert st.slots["30"].door == DoorState.UNKNOWN and st.slots["01"].door == DoorState.CLOSED
    assert locker.open_slot(1, why="pickup:T", session="s1").outcome == "opened"  # board 1 still works
    sim.apply_event("silent", {"board": 2, "on": False})
    assert locker.status().faults() == []


def test_all_boards_silent_is_offline(make: Make) -> None:
    sim, locker = make()
    sim.apply_event("silent", {"board": 1})
    st = locker.status()
    assert st.state == DeviceState.OFFLINE and st.faults() == ["locker.board.01.silent", "locker.offline"]


@pytest.mark.parametrize("kind", ["checksum", "truncate", "garbage"])
def test_one_corrupted_reply_is_asked_again(make: Make, kind: str) -> None:
    sim, locker = make()
    sim.apply_event("corrupt", {"kind": kind, "count": 1})
    assert locker.query_slot(1).door is DoorState.CLOSED
    assert sim.received.count(lc.encode_query(1, 1)) == 2


def test_a_corrupted_open_reply_is_never_answered_by_a_second_open(make: Make) -> None:
    sim, locker = make()
    sim.apply_event("corrupt", {"kind": "checksum", "count": 1})
    assert locker.open_slot(4, why="pickup:X", session="s1").outcome == "opened"
    assert sim.received.count(lc.encode_open(1, 4)) == 1 and sim.opens == [4]


def test_a_bus_that_keeps_garbling_is_a_typed_fault(make: Make) -> None:
    sim, locker = make()
    sim.apply_event("corrupt", {"kind": "checksum", "count": 100})
    with pytest.raises(lc.BadChecksum):
        locker.query_slot(1)
    st = locker.status()
    assert st.state == DeviceState.HARDWARE_ERROR and st.reason == "01号锁控板通信故障"
    assert "locker.board.01.silent" in st.faults()  # no usable answer: the model's "silent"


def test_every_open_is_recorded_and_a_pickup_is_not_repeated(make: Make, tmp_path: Path) -> None:
    _, locker = make()
    locker.open_slot(6, why="pickup:P-1", session="kiosk-17")
    with pytest.raises(AlreadyOpened) as exc:
        locker.open_slot(6, why="pickup:P-1", session="kiosk-18")
    assert "不能重复开箱" in exc.value.reason
    locker.open_slot(6, why="maintenance", session="tech", once=False)
    locker.open_slot(6, why="maintenance", session="tech", once=False)
    recs = locker.journal.records()
    assert [(r.why, r.session, r.outcome) for r in recs] == [
        ("maintenance", "tech", "opened"), ("maintenance", "tech", "opened"), ("pickup:P-1", "kiosk-17", "opened")]
    # Another process (a second journal on the same file) sees the same record.
    other = OpenJournal(tmp_path / "opens.sqlite3")
    with pytest.raises(AlreadyOpened):
        other.begin(6, board=1, lock=6, why="pickup:P-1", session="x", once=True)
    other.close()


def test_an_open_interrupted_by_a_crash_is_not_lost(make: Make, tmp_path: Path) -> None:
    journal = OpenJournal(tmp_path / "opens.sqlite3")
    rec = journal.begin(9, board=1, lock=9, why="pickup:crash", session="s1", once=True)
    journal.close()  # the kiosk died before it learnt the outcome
    _, locker = make()
    assert [r.id for r in locker.interrupted] == [rec.id]
    assert locker.journal.get(rec.id).outcome == "interrupted"
    with pytest.raises(AlreadyOpened):
        locker.open_slot(9, why="pickup:crash", session="s2")


def test_self_test_opens_sees_open_and_closed_each_slot(make: Make) -> None:
    _, locker = make(boards=[(1, 12), (2, 12)], auto_close_s=0.05)
    result = locker.self_test()
    assert result.ok, result.summary
    assert result.summary == "24个格口均能打开并重新关闭"
    assert list(result.details["slots"].values()) == ["ok"] * 24
    assert len(locker.journal.records(why="self_test")) == 24


def test_self_test_reports_jams_stuck_doors_and_silent_boards(make: Make) -> None:
    sim, locker = make(boards=[(1, 12), (2, 12)], auto_close_s=0.05)
    # A silent board costs its timeouts on every try: keep them short here.
    locker.config = replace(locker.config, close_confirm_s=0.5, timeout_s=0.2, open_confirm_s=0.5)
    sim.apply_event("jam", {"slot": 2, "mode": "no_open"})
    sim.apply_event("jam", {"slot": 3, "mode": "stuck_open"})
    sim.apply_event("silent", {"board": 2})
    result = locker.self_test()
    assert not result.ok
    assert result.details["slots"]["02"] == "jammed" and result.details["slots"]["03"] == "not_closed"
    assert result.details["slots"]["13"] == result.details["slots"]["24"] == "board_silent"
    assert result.summary == "02号未能打开；03号未能重新关闭；02号锁控板无响应（13–24号未测）"
    assert result.status is not None
    assert {"locker.slot.02.jammed", "locker.slot.03.jammed", "locker.board.02.silent"} <= set(
        result.status.faults())


def test_missing_port(tmp_path: Path) -> None:
    cfg = LockerConfig(device="/nonexistent/zizhu-locker", record_path=tmp_path / "o.sqlite3")
    locker = Locker(cfg)
    with pytest.raises(DeviceOffline) as exc:
        locker.open()
    assert exc.value.reason == "文件柜未连接"
    assert locker.status().state == DeviceState.NO_DEVICE
    with pytest.raises(DeviceOffline):
        locker.open_slot(1, why="pickup:none", session="s")
    assert locker.journal.records() == []  # nothing sent, nothing recorded
    result = locker.self_test()
    assert not result.ok and result.summary == "文件柜未连接（01–24号未测）"


def test_logs_mask_personal_numbers_in_the_reason(make: Make, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    _, locker = make()
    locker.open_slot(1, why="pickup:13812345678", session="s1")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "pickup:138****5678" in text and "13812345678" not in text


def test_unknown_slot_is_a_clear_error(make: Make) -> None:
    _, locker = make()
    with pytest.raises(ValueError, match="slots 1-24"):
        locker.open_slot(25, why="x", session="s")


@pytest.mark.parametrize(("update", "message"), [
    ({"dialect": "kerong", "boards": [{"address": 16, "slots": 16}]}, "KR-CU16 addresses are 0-15"),
    ({"dialect": "kerong", "boards": [{"address": 1, "slots": 24}]}, "at most 16 slots"),
    ({"boards": [{"address": 1}, {"address": 1}]}, "unique"),
    ({"boards": [{"address": 0}]}, "start at 1"),
    ({"door_open_alarm_s": 1000, "stuck_open_s": 900}, "stuck_open_s"),
])
def test_config_rejects_impossible_buses(update: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        LockerConfig.from_data({"device": "/dev/null", **update})
