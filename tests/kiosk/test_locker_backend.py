"""The locker's part of the back end (kiosk.backend.locker): the demo's pickups and deposits, and the
same calls through the HTTP adapter and the stand-in server — no code or ID number in any URL or log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from drivers.idcard.synthetic import CARDS
from kiosk.backend.demo import DemoBackend
from kiosk.backend.http import HttpBackend
from kiosk.backend.locker import (
    MAX_WRONG_CODES,
    Collection,
    CollectResult,
    DepositRequest,
    FindResult,
    PickupStatus,
)
from kiosk.backend.model import BackendError, NotFound
from kiosk.backend.server import BackendServer

TODAY = date(2026, 12, 3)
CODE, COLLECTED_CODE = "52817364", "40962718"
HOLDER, AGENT, STRANGER = (CARDS[k].number for k in ("resident", "resident_long_term", "foreign_pr_2023"))
OPENED = datetime(2026, 12, 3, 21, 5)


def collection(record: int = 1, terminal: str = "t01") -> Collection:
    return Collection(terminal=terminal, open_record=record, slot=3, collected_by="holder", opened_at=OPENED,
                      closed_at=datetime(2026, 12, 3, 21, 6))


@pytest.fixture
def demo() -> DemoBackend:
    return DemoBackend(today=TODAY)


def test_the_holder_and_the_agent_may_collect_nobody_else(demo: DemoBackend) -> None:
    got = demo.find_pickup(CODE, HOLDER)
    assert got.result is FindResult.OK and got.role == "holder" and got.pickup is not None
    assert got.pickup.slot == 3 and got.pickup.status is PickupStatus.WAITING
    assert got.pickup.holder_name not in repr(got.pickup)  # masked in logs
    assert demo.find_pickup(CODE, AGENT.lower()).role == "agent"
    refused = demo.find_pickup(CODE, STRANGER)
    assert refused.result is FindResult.MISMATCH and refused.pickup is None


def test_five_wrong_codes_in_a_row_lock_the_pickup(demo: DemoBackend) -> None:
    lefts = [demo.find_pickup("11110000", HOLDER).attempts_left for _ in range(MAX_WRONG_CODES - 1)]
    assert lefts == [4, 3, 2, 1]
    assert demo.find_pickup("11110000", HOLDER).result is FindResult.LOCKED
    assert demo.find_pickup(CODE, HOLDER).result is FindResult.LOCKED  # the right code no longer opens it


def test_a_right_code_resets_the_count(demo: DemoBackend) -> None:
    for _ in range(MAX_WRONG_CODES - 1):
        demo.find_pickup("11110000", HOLDER)
    assert demo.find_pickup(CODE, HOLDER).result is FindResult.OK
    assert demo.find_pickup("11110000", HOLDER).attempts_left == MAX_WRONG_CODES - 1


def test_collected_once_a_repeat_is_the_same_answer(demo: DemoBackend) -> None:
    assert demo.find_pickup(COLLECTED_CODE, HOLDER).result is FindResult.COLLECTED
    first = demo.record_pickup("P-0001", collection())
    assert first.result is CollectResult.OK and first.pickup is not None
    assert first.pickup.status is PickupStatus.COLLECTED and first.pickup.collected_by == "holder"
    assert demo.record_pickup("P-0001", collection()) == first  # the same open record: a repeat
    assert demo.record_pickup("P-0001", collection(record=2)).result is CollectResult.COLLECTED
    assert demo.find_pickup(CODE, HOLDER).result is FindResult.COLLECTED
    assert demo.record_pickup("P-9999", collection()).result is CollectResult.NOT_FOUND
    assert 3 not in demo.slots_in_use()


def test_deposits_for_open_cases_fill_slots(demo: DemoBackend) -> None:
    assert demo.slots_in_use() == [3]
    req = DepositRequest(terminal="t01", open_record=7, case_no="1506020800001156", slot=1, deposited_at=OPENED)
    d = demo.record_deposit(req)
    assert d.slot == 1 and len(d.retrieval_code) == 8 and d.retrieval_code.isdigit()
    assert demo.record_deposit(req) == d
    assert demo.slots_in_use() == [1, 3]
    with pytest.raises(BackendError):  # a case already done takes no materials
        demo.record_deposit(DepositRequest(terminal="t01", open_record=8, case_no="1506020300004471", slot=2,
                                           deposited_at=OPENED))
    with pytest.raises(NotFound):
        demo.record_deposit(DepositRequest(terminal="t01", open_record=9, case_no="999999", slot=2,
                                           deposited_at=OPENED))


@pytest.fixture
def over_http(demo: DemoBackend) -> Iterator[tuple[HttpBackend, BackendServer]]:
    with BackendServer(demo, base_path="/kiosk/v1") as server:
        backend = HttpBackend(server.url, timeout_s=3)
        yield backend, server
        backend.close()


def test_the_locker_over_http(over_http: tuple[HttpBackend, BackendServer], caplog: pytest.LogCaptureFixture) -> None:
    backend, server = over_http
    caplog.set_level(logging.DEBUG)
    assert backend.find_pickup("11110000", HOLDER).attempts_left == MAX_WRONG_CODES - 1
    got = backend.find_pickup(CODE, HOLDER)
    assert got.result is FindResult.OK and got.pickup is not None and got.pickup.pickup_id == "P-0001"
    assert backend.record_pickup("P-0001", collection()).result is CollectResult.OK
    assert backend.record_pickup("P-0001", collection()).result is CollectResult.OK  # retried safely
    assert backend.slots_in_use() == []
    d = backend.record_deposit(DepositRequest(terminal="t01", open_record=2, case_no="1506020800001156", slot=4,
                                              deposited_at=OPENED))
    assert d.slot == 4 and backend.slots_in_use() == [4]
    with pytest.raises(NotFound):
        backend.record_pickup("no/such", collection())
    secrets = (CODE, HOLDER, got.pickup.holder_name)
    for line in server.requests + [r.getMessage() for r in caplog.records]:
        assert not any(s in line for s in secrets), line


def test_the_code_check_is_not_retried(over_http: tuple[HttpBackend, BackendServer]) -> None:
    backend, server = over_http
    server.status_override, server.override_times = 503, 1
    with pytest.raises(BackendError):
        backend.find_pickup(CODE, HOLDER)
    assert sum("pickups/find" in r for r in server.requests) == 1
    server.status_override, server.override_times = 503, 1
    assert backend.slots_in_use() == [3]  # a read is retried
