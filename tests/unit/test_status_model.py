from __future__ import annotations

import msgspec
import pytest

from wire.status import (
    AppLiveness,
    CameraStatus,
    DeviceState,
    DoorState,
    HostHealth,
    IdCardReaderStatus,
    LockerBoardStatus,
    LockerSlot,
    LockerStatus,
    PaperLevel,
    PrinterStation,
    PrinterStatus,
    StatusError,
    TerminalStatus,
    status_from_json,
    status_to_json,
    to_json,
    validate,
)

STATUSES = [
    PrinterStatus(name="printer", state=DeviceState.ONLINE, cover_open=False,
                  stations={"receipt": PrinterStation(paper=PaperLevel.LOW, online=True),
                            "journal": PrinterStation(paper=PaperLevel.OUT, online=True)}),
    IdCardReaderStatus(name="idcard", state=DeviceState.HARDWARE_ERROR, sam="error",
                       reason="读卡器安全模块故障"),
    CameraStatus(name="camera", state=DeviceState.ONLINE, present=True, obstructed=True),
    LockerStatus(name="locker", state=DeviceState.ONLINE,
                 boards=[LockerBoardStatus(address=1), LockerBoardStatus(address=2, responding=False)],
                 slots={"07": LockerSlot(door=DoorState.JAMMED), "08": LockerSlot(door=DoorState.OPEN,
                                                                                  open_too_long=True)}),
]


@pytest.mark.parametrize("status", STATUSES, ids=lambda s: s.kind)
def test_json_round_trip(status: object) -> None:
    text = status_to_json(status)  # type: ignore[arg-type]
    back = status_from_json(text)
    assert back == status


def test_fault_codes() -> None:
    p, i, c, lk = STATUSES
    assert p.faults() == ["printer.journal.paper_out", "printer.receipt.paper_near_end"]
    assert i.faults() == ["idcard.hardware_error", "idcard.sam_error"]
    assert c.faults() == ["camera.obstructed"]
    assert lk.faults() == ["locker.board.02.silent", "locker.slot.07.jammed", "locker.slot.08.door_open"]
    assert CameraStatus(name="camera", state=DeviceState.NO_DEVICE).faults() == ["camera.missing"]
    assert PrinterStatus(name="printer", state=DeviceState.OFFLINE).faults() == ["printer.offline"]


def test_terminal_status_collects_all_faults() -> None:
    ts = TerminalStatus(devices=list(STATUSES),
                        host=HostHealth(power="ups", battery_percent=90, disk_free_percent=1),
                        app=AppLiveness(state="frozen"))
    faults = ts.faults()
    assert "host.power.mains_lost" in faults and "host.disk.full" in faults and "app.frozen" in faults
    assert "host.power.battery_low" not in faults
    assert msgspec.json.decode(to_json(ts), type=TerminalStatus) == ts


def test_bad_json_is_rejected() -> None:
    with pytest.raises(StatusError, match=r"state"):
        status_from_json('{"kind": "printer", "name": "p", "state": "on fire"}')
    with pytest.raises(StatusError, match=r"kind"):
        status_from_json('{"kind": "toaster", "name": "p"}')
    with pytest.raises(StatusError, match=r"unknown field `colour`"):
        status_from_json('{"kind": "camera", "name": "c", "colour": "red"}')
    with pytest.raises(StatusError, match="truncated"):
        status_from_json('{"kind": "camera", "name": ')


def test_models_built_in_python_are_checked_by_validate() -> None:
    """Structs do not check themselves when built; validate() (and the contract's encode) does."""
    assert validate(STATUSES[0]) == STATUSES[0]
    with pytest.raises(StatusError, match=r"name"):
        validate(CameraStatus(name=""))
    with pytest.raises(StatusError, match=r"stations"):
        validate(PrinterStatus(name="p", stations={"roll": PrinterStation()}))  # type: ignore[dict-item]


def test_models_are_frozen() -> None:
    with pytest.raises(AttributeError):
        STATUSES[0].state = DeviceState.OFFLINE  # type: ignore[misc]
