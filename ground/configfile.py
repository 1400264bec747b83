"""Reading a configuration file: TOML, validated on load, every problem named in one message.

An invalid file is reported in one message naming the file and, for every problem in it, the key,
the bad value and what was expected; the caller exits non-zero before touching any device.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from ground.configbase import Problem, convert, format_problems, problems

M = TypeVar("M")


class ConfigError(Exception):
    """A configuration file that cannot be used. ``str()`` is the message for the technician."""


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
