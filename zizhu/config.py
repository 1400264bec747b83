"""Terminal and hall configuration for the roof: either kind of file, and every model in one place.

Each program owns its own file's model (:mod:`terminal.config` the terminal's,
:mod:`hall_server.config` the hall's); reading and the error listing are :mod:`ground.configfile`.
This module adds :func:`load_any` (``zizhu config check``) and names them all for the command line,
the demo and the tests.
"""

from __future__ import annotations

from pathlib import Path

from drivers.devices import DevicesConfig
from ground.configfile import ConfigError, read_toml, validate
from hall_server.config import HallConfig, HallInfo, load_hall
from terminal.config import TerminalConfig, TerminalInfo, load_terminal
from wire.connection import MqttConfig

__all__ = ["ConfigError", "DevicesConfig", "HallConfig", "HallInfo", "MqttConfig", "TerminalConfig",
           "TerminalInfo", "load_any", "load_hall", "load_terminal", "read_toml", "validate"]


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
