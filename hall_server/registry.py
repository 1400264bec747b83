"""The terminal registry (设备备案登记表): import from TOML or CSV, validated like any configuration.

TOML: one ``[[terminal]]`` table per terminal. CSV: a header row with the same keys; ``devices``
separated by ``;``. Phones are stored as given and masked wherever they are shown or logged.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from zizhu.config import ConfigError, format_validation_error, read_toml, validate
from zizhu.configbase import Section

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]


class RegistryEntry(Section):
    """One row of the 设备备案登记表."""

    id: Identifier
    name: str = Field("", max_length=200)
    zone: str = Field("", max_length=200, description="区域, e.g. 24小时自助区")
    location: str = Field("", max_length=200)
    model: str = Field("", max_length=200, description="设备型号")
    asset_number: str = Field("", max_length=100, description="资产编号")
    responsible: str = Field("", max_length=100, description="责任人")
    phone: str = Field("", max_length=40, pattern=r"^[0-9+\- ]*$", description="联系电话")
    devices: list[str] = Field(default_factory=list)


class RegistryFile(Section):
    terminal: list[RegistryEntry] = Field(default_factory=list)


FIELDS = list(RegistryEntry.model_fields)


def load_registry(path: str | Path) -> list[RegistryEntry]:
    p = Path(path)
    if p.suffix.lower() == ".csv":
        try:
            text = p.read_text(encoding="utf-8-sig")  # Excel writes a BOM
        except FileNotFoundError:
            raise ConfigError(f"{p}: no such registry file") from None
        return parse_csv(text, str(p))
    entries = validate(p, read_toml(p), RegistryFile).terminal
    _check_unique(entries, str(p))
    return entries


def parse_csv(text: str, where: str = "registry.csv") -> list[RegistryEntry]:
    reader = csv.DictReader(io.StringIO(text))
    unknown = [f for f in reader.fieldnames or [] if f not in FIELDS]
    if unknown or "id" not in (reader.fieldnames or []):
        raise ConfigError(f"{where}: header must name the columns {', '.join(FIELDS)} (unknown: "
                          f"{', '.join(unknown) or 'none'}; id is required)")
    out: list[RegistryEntry] = []
    for line_no, row in enumerate(reader, start=2):
        data: dict[str, object] = {k: (v or "").strip() for k, v in row.items() if k is not None}
        data["devices"] = [d.strip() for d in str(data.get("devices", "")).split(";") if d.strip()]
        try:
            out.append(RegistryEntry.model_validate(data))
        except ValidationError as exc:
            raise ConfigError(format_validation_error(f"{where} line {line_no}", exc)) from None
    _check_unique(out, where)
    return out


def _check_unique(entries: list[RegistryEntry], where: str) -> None:
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise ConfigError(f"{where}: terminal {e.id!r} registered twice")
        seen.add(e.id)
