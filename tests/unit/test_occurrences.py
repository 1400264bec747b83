"""Occurrences on the wire (wire/contract.py, wire/local.py): an ``event`` of action ``occurred``
carries an occurrence code only (a new paper roll), never a fault; the local channel's ``event``
line is refused where it enters when its code is not an occurrence of the contract."""

from __future__ import annotations

import msgspec
import pytest

from wire import local
from wire.contract import ContractError, EventPayload, Kind, decode, is_fault_code, is_occurrence_code


def test_the_occurrence_codes_are_fault_shaped_and_only_the_roll_changes() -> None:
    for code in ("printer.receipt.roll_replaced", "printer.journal.roll_replaced"):
        assert is_occurrence_code(code) and is_fault_code(code)
    for code in ("printer.receipt.paper_out", "printer.ribbon.roll_replaced", "locker.roll_replaced",
                 "printer.receipt.roll_replaced.x"):
        assert not is_occurrence_code(code)


def test_an_occurrence_travels_and_a_mismatch_is_out_of_contract() -> None:
    ok = EventPayload(terminal="t01", seq=3, session=1, fault="printer.receipt.roll_replaced", action="occurred",
                      detail="technician T01")
    back = decode(Kind.EVENT, ok.encode())
    assert isinstance(back, EventPayload) and back.action == "occurred" and back.fault == ok.fault
    with pytest.raises((ContractError, ValueError)):
        EventPayload(terminal="t01", seq=4, session=1, fault="printer.receipt.paper_out", action="occurred").encode()
    with pytest.raises((ContractError, ValueError)):
        EventPayload(terminal="t01", seq=5, session=1, fault="printer.receipt.roll_replaced", action="raised").encode()


def test_the_local_event_line_is_checked_where_it_enters() -> None:
    line = local.encode(local.Event(code="printer.journal.roll_replaced", detail="technician T01"))
    msg = local.APP_MESSAGE.decode(line)
    assert isinstance(msg, local.Event) and local.out_of_contract(msg) is None
    bad = local.APP_MESSAGE.decode(b'{"type": "event", "code": "printer.receipt.paper_out"}')
    assert local.out_of_contract(bad) == "event: code is not an occurrence of the contract"
    with pytest.raises(msgspec.ValidationError):
        local.APP_MESSAGE.decode(b'{"type": "event", "code": "printer.receipt.roll_replaced", "by": "x"}')
