"""Terminal and hall configuration: TOML files validated on load.

An invalid file is reported in one message naming the file and, for every problem in it, the key,
the bad value and what was expected; the caller exits non-zero before touching any device.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import msgspec
from msgspec import Meta

from drivers.camera.config import CameraConfig
from drivers.idcard.config import IdCardConfig
from drivers.locker.config import LockerConfig
from drivers.printer.config import PrinterConfig
from fleet_agent.config import AgentConfig
from hall_server.config import AlertsConfig, BrokerConfig, HallServerConfig
from zizhu.configbase import Identifier, Problem, Section, convert, format_problems, problems


class ConfigError(Exception):
    """A configuration file that cannot be used. ``str()`` is the message for the technician."""


class MqttConfig(Section, frozen=True, kw_only=True):
    """How to reach the hall's MQTT broker."""

    host: str = "127.0.0.1"
    port: Annotated[int, Meta(ge=1, le=65535)] = 1883
    username: str | None = None
    password: str | None = None
    tls: bool = False
    ca_file: Path | None = None
    keepalive_s: Annotated[int, Meta(ge=2, le=3600)] = 10


class TerminalInfo(Section, frozen=True, kw_only=True):
    id: Identifier
    hall: Identifier
    name: str = ""


class DevicesConfig(Section, frozen=True, kw_only=True):
    printer: PrinterConfig | None = None
    idcard: IdCardConfig | None = None
    locker: LockerConfig | None = None
    camera: CameraConfig | None = None


class TerminalConfig(Section, frozen=True, kw_only=True):
    """One terminal: its identity, its devices, and how its agent reports."""

    kind: Literal["terminal"] = "terminal"
    terminal: TerminalInfo
    devices: DevicesConfig = DevicesConfig()
    mqtt: MqttConfig = MqttConfig()
    agent: AgentConfig = AgentConfig()


class HallInfo(Section, frozen=True, kw_only=True):
    id: Identifier
    name: str = ""


class HallConfig(Section, frozen=True, kw_only=True):
    """One hall server."""

    kind: Literal["hall"] = "hall"
    hall: HallInfo
    mqtt: MqttConfig = MqttConfig()
    server: HallServerConfig = HallServerConfig()
    alerts: AlertsConfig = AlertsConfig()
    broker: BrokerConfig = BrokerConfig()


M = TypeVar("M")


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
    """``data`` (read from ``path``) as ``model``; a :class:`ConfigError` naming every problem if not.

    String values are stripped of surrounding whitespace first; types are strict (``"8080"`` is not
    a port).
    """
    try:
        return convert(data, model)
    except msgspec.ValidationError as exc:
        found = problems(data, model) or [Problem((), "rule", expected=str(exc))]  # if they ever disagree
        raise ConfigError(format_problems(path, found)) from None


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
