"""How a program reaches the hall's MQTT broker: the ``[mqtt]`` table of a terminal or hall file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from msgspec import Meta

from ground.configbase import Section


class MqttConfig(Section, frozen=True, kw_only=True):
    """How to reach the hall's MQTT broker."""

    host: str = "127.0.0.1"
    port: Annotated[int, Meta(ge=1, le=65535)] = 1883
    username: str | None = None
    password: str | None = None
    tls: bool = False
    ca_file: Path | None = None
    keepalive_s: Annotated[int, Meta(ge=2, le=3600)] = 10
