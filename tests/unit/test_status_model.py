from __future__ import annotations

import pytest
from pydantic import ValidationError

from drivers.status import (
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
    TerminalStatus,
    status_from_json,
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
    text = status.model_dump_json()  # type: ignore[attr-defined]
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
    assert TerminalStatus.model_validate_json(ts.model_dump_json()) == ts


def test_bad_json_is_rejected() -> None:
    with pytest.raises(ValidationError):
        status_from_json('{"kind": "printer", "name": "p", "state": "on fire"}')
    with pytest.raises(ValidationError):
        status_from_json('{"kind": "toaster", "name": "p"}')
