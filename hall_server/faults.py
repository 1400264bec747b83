"""The fault table: which tier each fault code belongs to (三级故障: 一般 / 通讯机械 / 系统, plus warnings).

The default table is ``config/faults.toml`` (the one place it is written down); a hall's
``server.faults_file`` overrides it entry by entry. Both are validated on load, with the same clear
errors as every other configuration file.
"""

from __future__ import annotations

import functools
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, model_validator

from zizhu.config import ConfigError, read_toml, validate
from zizhu.configbase import Section

DEFAULT_FAULTS_FILE = Path(__file__).resolve().parent.parent / "config" / "faults.toml"

Pattern = Annotated[str, Field(pattern=r"^([a-z0-9_]+|\*)(\.([a-z0-9_]+|\*))+$", max_length=128)]


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


class TierRule(Section):
    title: str
    role: Role
    deadline_minutes: float | None = Field(None, gt=0, description="back in service within; none: no deadline")
    reminder_minutes: float | None = Field(None, gt=0, description="repeat the alert until acknowledged")

    @property
    def deadline(self) -> timedelta | None:
        return None if self.deadline_minutes is None else timedelta(minutes=self.deadline_minutes)

    @property
    def reminder(self) -> timedelta | None:
        return None if self.reminder_minutes is None else timedelta(minutes=self.reminder_minutes)


class FaultRule(Section):
    pattern: Pattern
    tier: Tier
    title: str = ""

    @property
    def wildcards(self) -> int:
        return self.pattern.split(".").count("*")


class CorrelationRule(Section):
    fault: Pattern
    system_fault: Pattern
    min_terminals: int = Field(3, ge=1)
    min_fraction: float = Field(0.5, ge=0, le=1)
    hold_seconds: float = Field(30, ge=0, le=3600)


class FaultTableFile(Section):
    """One faults TOML file; in an override file every key is optional."""

    tiers: dict[Tier, TierRule] = Field(default_factory=dict)
    default_tier: Tier | None = None
    fault: list[FaultRule] = Field(default_factory=list)
    correlation: list[CorrelationRule] | None = None


class Classification(Section):
    code: str
    tier: Tier
    title: str


class FaultTable(Section):
    """The merged, validated table."""

    tiers: dict[Tier, TierRule]
    default_tier: Tier
    fault: list[FaultRule]
    correlation: list[CorrelationRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete(self) -> FaultTable:
        missing = [t.value for t in Tier if t not in self.tiers]
        if missing:
            raise ValueError(f"tiers missing: {', '.join(missing)}")
        return self

    def classify(self, code: str) -> Classification:
        return _classify(self, code)

    def tier_of(self, code: str) -> TierRule:
        return self.tiers[self.classify(code).tier]

    def correlation_for(self, code: str) -> CorrelationRule | None:
        return next((c for c in self.correlation if _matches(c.fault, code)), None)

    def __hash__(self) -> int:  # frozen model: hashable by identity is enough for the lru cache
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


def _read(path: Path) -> FaultTableFile:
    return validate(path, read_toml(path), FaultTableFile)


def load_fault_table(override: str | Path | None = None, default: str | Path = DEFAULT_FAULTS_FILE) -> FaultTable:
    """The default table, with ``override`` merged over it (its patterns, tiers and correlations win)."""
    base = _read(Path(default))
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
    return validate(override or default, merged, FaultTable)
