"""The store-and-forward spool on real SQLite files."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from fleet_agent.spool import Spool
from wire.contract import EventPayload, Kind, decode


def add_event(spool: Spool, fault: str = "printer.receipt.paper_out") -> int:
    item = spool.append("event", lambda seq: EventPayload(terminal="t01", seq=seq or 0, session=1, fault=fault,
                                                          action="raised").encode())
    assert item.seq is not None
    return item.seq


def test_order_ack_and_counters_survive_reopen(tmp_path: Path) -> None:
    path = tmp_path / "spool.sqlite3"
    s = Spool(path, max_events=1000)
    assert (s.next_session(), s.next_session()) == (1, 2)
    seqs = [add_event(s) for _ in range(5)]
    assert seqs == [1, 2, 3, 4, 5]
    batch = s.peek(0, 3)
    assert [m.seq for m in batch] == [1, 2, 3]
    assert [m.seq for m in s.peek(batch[-1].id, 10)] == [4, 5]
    s.ack([batch[1].id])  # PUBACKs may come out of order
    assert [m.seq for m in s.peek(0, 10)] == [1, 3, 4, 5] and s.pending() == 4
    s.set_flag("out_of_service", True)
    s.set_memo("faults", "app.frozen")
    s.close()
    again = Spool(path, max_events=1000)
    assert again.next_session() == 3
    assert [m.seq for m in again.peek(0, 10)] == [1, 3, 4, 5]
    assert add_event(again) == 6
    assert again.get_flag("out_of_service") and again.get_memo("faults") == "app.frozen"
    decoded = decode(Kind.EVENT, again.peek(0, 1)[0].payload)
    assert isinstance(decoded, EventPayload) and decoded.seq == 1
    again.close()


def test_seq_never_goes_back_even_if_its_counter_was_lost(tmp_path: Path) -> None:
    path = tmp_path / "spool.sqlite3"
    s = Spool(path)
    for _ in range(3):
        add_event(s)
    s.close()
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE key = 'seq'")
    again = Spool(path)
    assert add_event(again) == 4  # from the rows still in the spool
    again.close()


def test_bound_drops_oldest_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    s = Spool(tmp_path / "spool.sqlite3", max_events=100)
    with caplog.at_level(logging.WARNING, logger="zizhu.agent.spool"):
        for _ in range(103):
            add_event(s)
    assert s.pending() == 100 and s.dropped == 3
    assert [m.seq for m in s.peek(0, 2)] == [4, 5]
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 3 and "seq 3..3" in warnings[-1] and "3 dropped so far" in warnings[-1]
    s.close()


def test_a_disk_that_refuses_writes_falls_back_to_memory_in_order(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "spool.sqlite3"
    s = Spool(path, max_events=1000)
    add_event(s)
    add_event(s)
    # The disk goes read-only under the agent (SQLite refuses writes even to root in this mode).
    assert s._db is not None
    s._db.close()
    s._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None)
    with caplog.at_level(logging.ERROR, logger="zizhu.agent.spool"):
        assert add_event(s) == 3
        assert add_event(s) == 4
    assert s.in_memory == 2 and s.write_errors >= 1
    assert sum("refuses writes" in r.getMessage() for r in caplog.records) == 1  # once, not per event
    assert [m.seq for m in s.peek(0, 10)] == [1, 2, 3, 4] and s.pending() == 4
    # Delivered: the memory part goes, the disk part cannot be deleted yet but is never sent twice.
    s.ack([m.id for m in s.peek(0, 10)])
    assert s.peek(0, 10) == [] and s.in_memory == 0
    s.close()


def test_unopenable_file_keeps_working_in_memory(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    with caplog.at_level(logging.ERROR, logger="zizhu.agent.spool"):
        s = Spool(blocker / "spool.sqlite3")
    assert any("cannot open" in r.getMessage() for r in caplog.records)
    assert s.next_session() > 1_000_000_000  # from the clock: still outranks any earlier session
    # Sequence numbers from the clock too (ms): above any the hall has stored, so never taken for duplicates.
    seq = add_event(s)
    assert seq > 1_000_000_000_000 and s.pending() == 1
    assert s.floor() == seq - 1  # the hall may step over the jump: nothing below it is held
    assert s.ack_upto(seq) == 1 and s.pending() == 0 and s.floor() == seq
    s.close()
