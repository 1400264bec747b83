"""Configuration of the second-generation ID card reader (二代身份证阅读器, GA 467 serial)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from zizhu.configbase import Section


class IdCardConfig(Section):
    device: str = Field(description="serial port, e.g. /dev/zizhu/idcard")
    baudrate: Literal[115200, 57600, 38400, 19200, 9600] = 115200
    timeout_s: float = Field(3.0, gt=0, le=60, description="whole read: find, select and read base")
    command_timeout_s: float = Field(2.0, gt=0, le=30)
    photo_decoder: str | None = Field(
        None, description='licensed WLT photo decoder adapter, "module:Class" (see drivers.idcard.photo)')
