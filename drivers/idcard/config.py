"""Configuration of the second-generation ID card reader (二代身份证阅读器, GA 467 serial)."""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta

from ground.configbase import Section


class IdCardConfig(Section, frozen=True, kw_only=True):
    device: Annotated[str, Meta(description="serial port, e.g. /dev/zizhu/idcard")]
    baudrate: Literal[115200, 57600, 38400, 19200, 9600] = 115200
    timeout_s: Annotated[float, Meta(gt=0, le=60, description="the wait for a card; a card found is read to "
                                                          "its end, command_timeout_s per command")] = 3.0
    command_timeout_s: Annotated[float, Meta(gt=0, le=30)] = 2.0
    photo_decoder: Annotated[str | None, Meta(
        description='licensed WLT photo decoder adapter, "module:Class" (see drivers.idcard.photo)')] = None
