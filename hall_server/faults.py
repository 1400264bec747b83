"""The fault table: which tier each fault code belongs to (三级故障: 一般 / 通讯机械 / 系统, plus warnings).

The default table is ``hall_server/data/faults.toml``, package data (the one place it is written down); a hall's
``server.faults_file`` overrides it entry by entry. Both are validated on load, with the same clear
errors as every other configuration file.
"""

from __future__ import annotations

import functools
import tomllib
from datetime import timedelta
from enum import StrEnum
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from ground.configbase import EXPECTED, Section
from ground.configfile import ConfigError, read_toml, validate

# Package data: found the same way in a checkout and in an installed wheel.
DEFAULT_FAULTS_FILE: Traversable = files("hall_server").joinpath("data", "faults.toml")

Pattern = Annotated[str, Meta(
    pattern=r"^([a-z0-9_]+|\*)(\.([a-z0-9_]+|\*))+\Z", max_length=128,
    extra={EXPECTED: "a fault code pattern: two or more parts of a-z, 0-9 and '_' joined by dots, '*' for any "
                     "one part (e.g. printer.*.paper_out), at most 128 characters"})]


class Tier(StrEnum):
    GENERAL = "general"  # 一般故障
    COMMS_MECHANICAL = "comms_mechanical"  # 通讯故障、机械故障
    SYSTEM = "system"  # 系统故障
    WARNING = "warning"  # 预警


class Role(StrEnum):
    """Who is alerted, in escalation order (大厅管理员 → 运维 → 中心)."""

    ADMIN = "admin"
    MAINTENANCE = "maintenance"
    CENTRE = "centre"

    @property
    def label(self) -> str:
        return {"admin": "大厅管理员", "maintenance": "运维", "centre": "中心"}[self.value]

    def escalated(self) -> Role:
        order = list(Role)
        return order[min(order.index(self) + 1, len(order) - 1)]


class TierRule(Section, frozen=True, kw_only=True):
    title: str
    role: Role
    deadline_minutes: Annotated[float, Meta(gt=0, description="back in service within; none: no deadline")] \
        | None = None
    reminder_minutes: Annotated[float, Meta(gt=0, description="repeat the alert until acknowledged")] | None = None

    @property
    def deadline(self) -> timedelta | None:
        return None if self.deadline_minutes is None else timedelta(minutes=self.deadline_minutes)

    @property
    def reminder(self) -> timedelta | None:
        return None if self.reminder_minutes is None else timedelta(minutes=self.reminder_minutes)


class FaultRule(Section, frozen=True, kw_only=True):
    pattern: Pattern
    tier: Tier
    title: str = ""

    @property
    def wildcards(self) -> int:
        return self.pattern.split(".").count("*")


class CorrelationRule(Section, frozen=True, kw_only=True):
    fault: Pattern
    system_fault: Pattern
    min_terminals: Annotated[int, Meta(ge=1)] = 3
    min_fraction: Annotated[float, Meta(ge=0, le=1)] = 0.5
    hold_seconds: Annotated[float, Meta(ge=0, le=3600)] = 30


class FaultTableFile(Section, frozen=True, kw_only=True):
    """One faults TOML file; in an override file every key is optional."""

    tiers: dict[Tier, TierRule] = msgspec.field(default_factory=dict)
    default_tier: Tier | None = None
    fault: list[FaultRule] = msgspec.field(default_factory=list)
    correlation: list[CorrelationRule] | None = None


class Classification(Section, frozen=True, kw_only=True):
    code: str
    tier: Tier
    title: str


class FaultTable(Section, frozen=True, kw_only=True):
    """The merged, validated table."""

    tiers: dict[Tier, TierRule]
    default_tier: Tier
    fault: list[FaultRule]
    correlation: list[CorrelationRule] = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        missing = [t.value for t in Tier if t not in self.tiers]
        if missing:
            raise ValueError(f"tiers missing: {', '.join(missing)}")

    def classify(self, code: str) -> Classification:
        return _classify(self, code)

    def tier_of(self, code: str) -> TierRule:
        return self.tiers[self.classify(code).tier]

    def correlation_for(self, code: str) -> CorrelationRule | None:
        return next((c for c in self.correlation if _matches(c.fault, code)), None)

    def __hash__(self) -> int:  # its lists are not hashable; by identity is enough for the lru cache
        return id(self)


def _matches(pattern: str, code: str) -> bool:
    p, c = pattern.split("."), code.split(".")
    return len(p) == len(c) and all(a in ("*", b) for a, b in zip(p, c, strict=True))


@functools.lru_cache(maxsize=4096)
def _classify(table: FaultTable, code: str) -> Classification:
    best: FaultRule | None = None
    for rule in table.fault:  # most specific (fewest wildcards) wins; file order breaks ties
        if _matches(rule.pattern, code) and (best is None or rule.wildcards < best.wildcards):
            best = rule
    if best is None:
        return Classification(code=code, tier=table.default_tier, title=code)
    return Classification(code=code, tier=best.tier, title=best.title or code)


def _read(path: str | Path | Traversable) -> FaultTableFile:
    if isinstance(path, str | PurePath):
        return validate(path, read_toml(path), FaultTableFile)
    try:  # package data that is not a plain file (e.g. inside a zip)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return validate(str(path), data, FaultTableFile)


def load_fault_table(override: str | Path | None = None,
                     default: str | Path | Traversable = DEFAULT_FAULTS_FILE) -> FaultTable:
    """The default table, with ``override`` merged over it (its patterns, tiers and correlations win)."""
    base = _read(default)
    merged: dict[str, Any] = {
        "tiers": dict(base.tiers), "default_tier": base.default_tier,
        "fault": list(base.fault), "correlation": list(base.correlation or []),
    }
    if override is not None:
        over = _read(Path(override))
        merged["tiers"].update(over.tiers)
        if over.default_tier is not None:
            merged["default_tier"] = over.default_tier
        replaced = {r.pattern for r in over.fault}
        merged["fault"] = [r for r in merged["fault"] if r.pattern not in replaced] + list(over.fault)
        if over.correlation is not None:
            merged["correlation"] = list(over.correlation)
    if merged["default_tier"] is None:
        raise ConfigError(f"{default}: key default_tier: missing")
    return validate(override or str(default), merged, FaultTable)
