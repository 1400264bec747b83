"""The terminal registry (设备备案登记表): import from TOML or CSV, validated like any configuration.

TOML: one ``[[terminal]]`` table per terminal. CSV: a header row with the same keys; ``devices``
separated by ``;``. Phones are stored as given and masked wherever they are shown or logged.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from ground.configbase import EXPECTED, Identifier, Section
from ground.configfile import ConfigError, read_toml, validate


class RegistryEntry(Section, frozen=True, kw_only=True):
    """One row of the 设备备案登记表."""

    id: Identifier
    name: Annotated[str, Meta(max_length=200)] = ""
    zone: Annotated[str, Meta(max_length=200, description="区域, e.g. 24小时自助区")] = ""
    location: Annotated[str, Meta(max_length=200)] = ""
    model: Annotated[str, Meta(max_length=200, description="设备型号")] = ""
    asset_number: Annotated[str, Meta(max_length=100, description="资产编号")] = ""
    responsible: Annotated[str, Meta(max_length=100, description="责任人")] = ""
    phone: Annotated[str, Meta(max_length=40, pattern=r"^[0-9+\- ]*\Z", description="联系电话", extra={
        EXPECTED: "a phone number: digits, '+', '-' and spaces, at most 40 characters"})] = ""
    devices: list[str] = msgspec.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Column name → value, as stored on the terminal's row."""
        return msgspec.structs.asdict(self)


class RegistryFile(Section, frozen=True, kw_only=True):
    terminal: list[RegistryEntry] = msgspec.field(default_factory=list)


FIELDS = [f.encode_name for f in msgspec.structs.fields(RegistryEntry)]


def registry_entry(data: dict[str, Any], where: str) -> RegistryEntry:
    """One entry from a CSV row or an API request; a :class:`ConfigError` naming ``where`` and every problem."""
    return validate(where, data, RegistryEntry)


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
        out.append(registry_entry(data, f"{where} line {line_no}"))
    _check_unique(out, where)
    return out


def _check_unique(entries: list[RegistryEntry], where: str) -> None:
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise ConfigError(f"{where}: terminal {e.id!r} registered twice")
        seen.add(e.id)
