"""The hall's side of end-to-end acknowledgement, memory that follows the database, and silence.

Driven by contract payloads and a fake clock on SQLite and PostgreSQL, like the other core tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import SessionTransaction

from hall_server.core import OFFLINE
from hall_server.db import CommandResult, EventSeen, Terminal
from tests.hall.harness import Harness
from tests.hall.test_core import incidents, register, state, status
from wire.contract import CommandAction, CommandResultPayload, EventPayload, StatePayload, StatusPayload
from wire.status import PaperLevel

Acks = list[tuple[str, int, bool]]


def capture_acks(h: Harness) -> Acks:
    got: Acks = []

    def publish(acks: Sequence[tuple[str, int, bool]]) -> None:
        got.extend(acks)

    h.core.publish_acks = publish
    return got


def event(seq: int, fault: str = "printer.receipt.paper_out", action: str = "raised", session: int = 1,
          term: str = "t01") -> EventPayload:
    return EventPayload(terminal=term, seq=seq, session=session, fault=fault,
                        action="raised" if action == "raised" else "cleared")


def stored_seqs(h: Harness, term: str = "t01") -> list[int]:
    with h.core.sessions() as s:
        return sorted(s.scalars(select(EventSeen.seq).where(EventSeen.terminal_id == term)))


def test_the_ack_is_the_contiguous_count_published_after_the_commit(hall: Harness) -> None:
    register(hall, "t01")
    acks = capture_acks(hall)
    hall.core.process([state("t01", True), event(1), event(2, action="cleared")])
    assert acks == [("t01", 2, False)]
    with hall.core.sessions() as s:
        assert s.get(Terminal, "t01").acked_seq == 2  # type: ignore[union-attr]
    # A gap: 3 never arrived, 4 and 5 did. The count stays, and the agent is asked to send again.
    acks.clear()
    hall.core.process([event(4), event(5, action="cleared")])
    assert acks == [("t01", 2, True)]
    assert hall.core.terminals["t01"].above == {4, 5}
    # Asked at most every RESEND_INTERVAL_S: the next message above the gap only acknowledges.
    acks.clear()
    hall.core.process([event(6)])
    assert acks == [("t01", 2, False)]
    # The agent's re-send fills the gap: the count jumps over everything stored above it.
    acks.clear()
    hall.core.process([event(3, action="cleared"), event(4), event(5, action="cleared")])
    assert acks[-1] == ("t01", 6, False) and hall.core.terminals["t01"].above == set()
    assert stored_seqs(hall) == [1, 2, 3, 4, 5, 6]  # each once: duplicates of 4 and 5 were not stored again


def test_a_duplicate_is_acknowledged_again(hall: Harness) -> None:
    """The agent sends again when our ack did not reach it: it must get one, or it sends forever."""
    acks = capture_acks(hall)
    hall.core.process([state("t01", True), event(1)])
    acks.clear()
    assert hall.core.process([event(1)]) == [("duplicate", False)]
    assert acks == [("t01", 1, False)]


def test_the_agents_floor_steps_over_what_its_full_spool_dropped(hall: Harness) -> None:
    acks = capture_acks(hall)
    hall.core.process([state("t01", True), event(1)])
    hall.core.process([event(60), event(61, action="cleared")])  # 2..59 were dropped by the agent
    assert hall.core.terminals["t01"].acked == 1
    st = status(hall, "t01")
    floored = StatusPayload(terminal="t01", session=1, status=st.status, faults=st.faults, ts=st.ts,
                            spool_floor=59, spool_dropped=58)
    acks.clear()
    hall.core.process([floored])
    assert hall.core.terminals["t01"].acked == 61 and acks[-1] == ("t01", 61, False)


def test_command_results_are_stored_numbered_with_the_events(hall: Harness) -> None:
    acks = capture_acks(hall)
    res = CommandResultPayload(terminal="t01", id="c1", ok=True, detail="自检通过", data={"paper": "full"},
                               action=CommandAction.SELF_TEST, seq=2)
    assert hall.core.process([state("t01", True), event(1), res]) == [("accepted", False)] * 3
    assert acks[-1] == ("t01", 2, False)
    assert hall.core.process([res]) == [("duplicate", False)]
    with hall.core.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CommandResult)) == 1
    got = hall.core.command_result("c1")
    assert got is not None and got["ok"] is True and got["data"] == {"paper": "full"} and got["seq"] == 2


def test_counts_and_numbers_above_a_gap_survive_a_restart(hall: Harness) -> None:
    hall.core.process([state("t01", True), event(1), event(2, action="cleared"), event(5)])
    core = hall.restart()
    mem = core.terminals["t01"]
    assert mem.acked == 2 and mem.above == {5}
    acks = capture_acks(hall)
    core.process([event(3, action="cleared"), event(4)])
    assert acks[-1] == ("t01", 5, False)


def test_a_message_the_database_refuses_leaves_memory_as_the_database_has_it(hall: Harness) -> None:
    """Built in Python a payload is not checked: a session past 64 bits reaches the database, which refuses.

    (Decoded from the wire the contract refuses it first.) Memory must not keep the refused session, or
    every real birth and will of the terminal would be `replayed` until the hall restarts.
    """
    register(hall, "t01")
    assert hall.core.process([state("t01", True, session=3)]) == [("accepted", True)]
    huge = StatePayload(terminal="t01", online=False, session=2**64)
    hall.core.process([huge, state("t02", True)])  # the refused one, and one of another terminal that sticks
    mem = hall.core.terminals["t01"]
    assert (mem.session, mem.online) == (3, True)
    assert "t02" in hall.core.terminals
    assert hall.core.process([state("t01", False, session=3)]) == [("accepted", True)]
    assert hall.core.process([state("t01", True, session=4)]) == [("accepted", True)]
    assert [i.state for i in incidents(hall, fault_code=OFFLINE)] == ["resolved"]
    fresh = hall.restart()
    assert (fresh.terminals["t01"].session, fresh.terminals["t01"].online) == (4, True)


def test_a_failed_commit_puts_memory_back(hall: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    register(hall, "t01")
    hall.core.process([state("t01", True)])
    before = (hall.core.terminals["t01"].session, dict(hall.core.open))

    def refuse(self: object) -> None:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(SessionTransaction, "commit", refuse)
    with pytest.raises(RuntimeError):
        hall.core.process([state("t01", False), state("t01", True, session=2), status(hall, "t01", session=2,
                                                                                        paper=PaperLevel.OUT)])
    monkeypatch.undo()
    assert (hall.core.terminals["t01"].session, dict(hall.core.open)) == before
    assert hall.core.terminals["t01"].faults == frozenset()


def test_a_silent_terminal_goes_offline_on_the_halls_clock_and_comes_back(hall: Harness) -> None:
    register(hall, "t01")
    hall.core.broker_state(connected=True)
    birth = StatePayload(terminal="t01", online=True, session=1, keepalive_s=10, heartbeat_s=1.0)
    hall.core.process([birth, status(hall, "t01")])
    hall.clock.advance(2.9)  # two heartbeats + the 1 s margin not yet over
    hall.core.tick()
    assert hall.core.terminals["t01"].online is True
    hall.clock.advance(0.2)
    hall.core.tick()
    assert hall.core.terminals["t01"].online is False
    [inc] = incidents(hall, fault_code=OFFLINE)
    assert inc.state == "open" and "心跳" in inc.detail
    # Its will comes late (the broker's timing): nothing new.
    assert hall.core.process([state("t01", False)]) == [("duplicate", True)]
    # It was only slow: its next snapshot of the same session brings it back.
    hall.core.process([status(hall, "t01")])
    assert hall.core.terminals["t01"].online is True
    [inc] = incidents(hall, fault_code=OFFLINE)
    assert inc.state == "resolved"


def test_silence_is_not_judged_while_the_hall_itself_has_no_broker(hall: Harness) -> None:
    hall.core.broker_state(connected=True)
    hall.core.process([StatePayload(terminal="t01", online=True, session=1, heartbeat_s=1.0)])
    hall.core.broker_state(connected=False)
    hall.clock.advance(60)
    hall.core.tick()
    assert hall.core.terminals["t01"].online is True
    hall.core.broker_state(connected=True)  # from the reconnect on, the terminal has its 2 beats + margin
    hall.clock.advance(2)
    hall.core.tick()
    assert hall.core.terminals["t01"].online is True
    hall.clock.advance(1.5)
    hall.core.tick()
    assert hall.core.terminals["t01"].online is False
