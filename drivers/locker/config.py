"""Configuration of the document locker (智能文件柜) and its RS-485 lock-control boards (锁控板)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from ground.configbase import Section


class LockerBoard(Section, frozen=True, kw_only=True):
    address: Annotated[int, Meta(ge=0, le=0xFF, description="DIP-switch address (KR-CU16: 0-15)")]
    slots: Literal[12, 16, 24, 32] = 24


class LockerConfig(Section, frozen=True, kw_only=True):
    device: Annotated[str, Meta(description="serial port of the RS-485 bus, e.g. /dev/zizhu/locker")]
    dialect: Literal["generic", "kerong"] = "generic"
    baudrate: Annotated[int | None, Meta(description="default: 9600 (generic) or 19200 (kerong)")] = None
    # Sources disagree on what 00/11 mean: it depends on how the lock's feedback is wired.
    # For bitmaps (query all, KR-CU16 hook bits) "11" reads "bit set".
    feedback_polarity: Literal["closed_is_11", "closed_is_00"] = "closed_is_11"
    boards: list[LockerBoard] = msgspec.field(default_factory=lambda: [LockerBoard(address=1)])
    open_confirm_s: Annotated[float, Meta(gt=0, le=30,
                                          description="time for a slot to show open after the command")] = 2.0
    door_open_alarm_s: Annotated[float, Meta(gt=0, description="a door open longer than this is reported")] = 120.0
    stuck_open_s: Annotated[float, Meta(
        gt=0, description="a door open longer than this never closes again: jammed")] = 900.0
    close_confirm_s: Annotated[float, Meta(
        gt=0, le=600, description="self-test: time for each opened door to be seen closed again")] = 30.0
    timeout_s: Annotated[float, Meta(gt=0, le=10, description="reply timeout per frame")] = 0.75
    record_path: Annotated[Path, Meta(description="SQLite file recording every open (slot, why, session)")] = Path(
        "/var/lib/zizhu/locker-opens.sqlite3")

    def __post_init__(self) -> None:
        addresses = [b.address for b in self.boards]
        if not self.boards:
            raise ValueError("boards: at least one board is needed")
        if len(set(addresses)) != len(addresses):
            raise ValueError(f"boards: addresses must be unique on one bus, got {addresses}")
        if self.dialect == "kerong":
            bad = [b.address for b in self.boards if b.address > 0x0F]
            if bad:
                raise ValueError(f"boards: KR-CU16 addresses are 0-15 (one hex digit), got {bad}")
            if any(b.slots > 16 for b in self.boards):
                raise ValueError("boards: a KR-CU16 board has at most 16 slots")
        elif 0 in addresses:
            raise ValueError("boards: generic board addresses start at 1 (lock 0 / board 0 mean 'all')")
        if self.stuck_open_s <= self.door_open_alarm_s:
            raise ValueError("stuck_open_s must be longer than door_open_alarm_s")
