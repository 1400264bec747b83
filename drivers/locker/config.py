"""Configuration of the document locker (智能文件柜) and its RS-485 lock-control boards (锁控板)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from zizhu.configbase import Section


class LockerBoard(Section):
    address: int = Field(ge=0, le=0xFF)
    slots: Literal[12, 16, 24, 32] = 24


class LockerConfig(Section):
    device: str = Field(description="serial port of the RS-485 bus, e.g. /dev/zizhu/locker")
    dialect: Literal["generic", "kerong"] = "generic"
    baudrate: int | None = Field(None, description="default: 9600 (generic) or 19200 (kerong)")
    # Sources disagree on what 00/11 mean: it depends on how the lock's feedback is wired.
    feedback_polarity: Literal["closed_is_11", "closed_is_00"] = "closed_is_11"
    boards: list[LockerBoard] = [LockerBoard(address=1)]
    open_confirm_s: float = Field(2.0, gt=0, le=30, description="time for a slot to show open after the command")
    door_open_alarm_s: float = Field(120.0, gt=0, description="a door open longer than this is reported")
    timeout_s: float = Field(0.75, gt=0, le=10, description="reply timeout per frame")
