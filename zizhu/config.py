"""Terminal and hall configuration: TOML files validated on load.

An invalid file is reported in one message naming the file, the key, the bad value and what was
expected, and the caller exits non-zero before touching any device.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from drivers.camera.config import CameraConfig
from drivers.idcard.config import IdCardConfig
from drivers.locker.config import LockerConfig
from drivers.printer.config import PrinterConfig
from fleet_agent.config import AgentConfig
from hall_server.config import AlertsConfig, HallServerConfig
from zizhu.configbase import Section

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]


class ConfigError(Exception):
    """A configuration file that cannot be used. ``str()`` is the message for the technician."""


class MqttConfig(Section):
    """How to reach the hall's MQTT broker."""

    host: str = "127.0.0.1"
    port: int = Field(1883, ge=1, le=65535)
    username: str | None = None
    password: str | None = None
    tls: bool = False
    ca_file: Path | None = None
    keepalive_s: int = Field(10, ge=2, le=3600)


class TerminalInfo(Section):
    id: Identifier
    hall: Identifier
    name: str = ""


class DevicesConfig(Section):
    printer: PrinterConfig | None = None
    idcard: IdCardConfig | None = None
    locker: LockerConfig | None = None
    camera: CameraConfig | None = None


class TerminalConfig(Section):
    """One terminal: its identity, its devices, and how its agent reports."""

    kind: Literal["terminal"] = "terminal"
    terminal: TerminalInfo
    devices: DevicesConfig = DevicesConfig()
    mqtt: MqttConfig = MqttConfig()
    agent: AgentConfig = AgentConfig()


class HallInfo(Section):
    id: Identifier
    name: str = ""


class HallConfig(Section):
    """One hall server."""

    kind: Literal["hall"] = "hall"
    hall: HallInfo
    mqtt: MqttConfig = MqttConfig()
    server: HallServerConfig = HallServerConfig()
    alerts: AlertsConfig = AlertsConfig()


M = TypeVar("M", bound=BaseModel)


def _describe_value(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def format_validation_error(path: str | Path, exc: ValidationError) -> str:
    lines = [f"{path}: invalid configuration ({exc.error_count()} problem{'s' if exc.error_count() > 1 else ''})"]
    for err in exc.errors(include_url=False):
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        if err["type"] == "missing":
            lines.append(f"  key {key}: missing; {err['msg'].lower()}")
        elif err["type"] == "extra_forbidden":
            lines.append(f"  key {key}: unknown key (value {_describe_value(err['input'])}); check the spelling")
        else:
            lines.append(f"  key {key}: bad value {_describe_value(err['input'])}; expected: {err['msg']}")
    return "\n".join(lines)


def read_toml(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        with p.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read: {exc.strerror}") from None


def validate(path: str | Path, data: dict[str, Any], model: type[M]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(path, exc)) from None


def load_terminal(path: str | Path) -> TerminalConfig:
    return validate(path, read_toml(path), TerminalConfig)


def load_hall(path: str | Path) -> HallConfig:
    return validate(path, read_toml(path), HallConfig)


def load_any(path: str | Path) -> tuple[str, TerminalConfig | HallConfig]:
    """Load a file whose kind is given by its top-level ``kind`` key or guessed from its tables."""
    data = read_toml(path)
    kind = data.get("kind")
    if kind is None:
        kind = "hall" if "hall" in data and "terminal" not in data else "terminal"
    if kind == "terminal":
        return kind, validate(path, data, TerminalConfig)
    if kind == "hall":
        return kind, validate(path, data, HallConfig)
    raise ConfigError(f"{path}: key kind: bad value {kind!r}; expected 'terminal' or 'hall'")
