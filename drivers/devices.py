"""The ``[devices]`` table of a terminal file: which devices the terminal has and how each is reached."""

from __future__ import annotations

from pathlib import Path

from drivers.a4printer.config import A4PrinterConfig
from drivers.camera.config import CameraConfig
from drivers.idcard.config import IdCardConfig
from drivers.locker.config import LockerConfig
from drivers.printer.config import PrinterConfig
from ground.configbase import Section
from ground.configfile import read_toml, validate


class DevicesConfig(Section, frozen=True, kw_only=True):
    printer: PrinterConfig | None = None
    idcard: IdCardConfig | None = None
    locker: LockerConfig | None = None
    camera: CameraConfig | None = None
    a4printer: A4PrinterConfig | None = None


def _check_kinds() -> None:
    """Each kind of drivers.kinds has its typed field here, of its config class, in the same order."""
    from typing import get_type_hints

    from drivers.kinds import KINDS

    hints = get_type_hints(DevicesConfig)
    fields = DevicesConfig.__struct_fields__
    wanted = tuple(k.name for k in KINDS)
    if fields != wanted or any(hints[k.name] != (k.config | None) for k in KINDS):
        raise RuntimeError(f"DevicesConfig's fields {fields} must be drivers.kinds' {wanted}, "
                           "each `<its config> | None`")


_check_kinds()


class _DevicesOnly(Section, frozen=True, kw_only=True, forbid_unknown_fields=False):
    """A terminal file read for its devices alone (a simulator's ``--config``): other tables are not looked at."""

    devices: DevicesConfig = DevicesConfig()


def load_devices(path: str | Path) -> DevicesConfig:
    """The ``[devices]`` table of a terminal file, validated; raises :class:`ground.configfile.ConfigError`."""
    return validate(path, read_toml(path), _DevicesOnly).devices
