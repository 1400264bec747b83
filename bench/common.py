"""Shared helpers for benchmarks: results, percentiles, tables."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    """Rows for the readable table, and the figures for the JSON line."""

    name: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    def add(self, label: str, value: float | int | str, unit: str = "", key: str | None = None,
            digits: int = 3) -> None:
        if isinstance(value, float):
            shown = f"{value:.{digits}f}"
        else:
            shown = str(value)
        self.rows.append((label, f"{shown} {unit}".strip()))
        if key is not None:
            self.figures[key] = round(value, 6) if isinstance(value, float) else value

    def print(self) -> None:
        width = max((len(r[0]) for r in self.rows), default=10)
        print(f"== bench {self.name}")
        for label, value in self.rows:
            print(f"  {label:<{width}}  {value}")
        print(json.dumps({"bench": self.name, **self.figures}, ensure_ascii=False))


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile, ``p`` in 0..100."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {"p50_ms": percentile(ms, 50), "p99_ms": percentile(ms, 99), "mean_ms": statistics.fmean(ms)}
