"""A short, seeded run of every fuzz target (``python -m bench fuzz`` runs them long): no crash.

The mutator is deterministic under its seed and the runs are bounded by input count, not time,
so a failure here is the same failure on every machine; its first crashing input and traceback
are in the assertion message (copy the input to ``corpus/<target>/`` to keep it as a regression).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.fuzz_engine import Mutator, Report, fuzz_mutate
from bench.fuzz_targets import TARGETS

SEED = 15
# Inputs per target: a few thousand where an input costs microseconds; fewer where each is a
# database transaction or an HTTP request (the whole folder stays well under a minute).
SHORT_RUN = {"contract": 4000, "local": 4000, "printer_status": 4000, "printer_escpos": 1500, "idcard": 3000,
             "locker": 4000, "http_raw": 1200, "hall": 300}
HTTP_CASES = 250


def _first_crash(rep: Report, crash_dir: Path) -> str:
    texts = sorted(crash_dir.rglob("*.txt"))
    return texts[0].read_text(encoding="utf-8")[-3000:] if texts else ""


@pytest.mark.parametrize("name", sorted(SHORT_RUN))
def test_short_run_has_no_crash(name: str, tmp_path: Path) -> None:
    rep = fuzz_mutate(TARGETS[name], SHORT_RUN[name], seconds=math.inf, seed=SEED, crash_dir=tmp_path)
    assert rep.inputs == SHORT_RUN[name]
    assert rep.crashes == 0, f"{rep.signatures}\n{_first_crash(rep, tmp_path)}"


def test_http_schemathesis_short_run_has_no_server_error(tmp_path: Path) -> None:
    target = TARGETS["http"]
    assert target.run is not None
    rep = target.run(HTTP_CASES, math.inf, SEED, tmp_path)
    assert rep.inputs == HTTP_CASES
    assert rep.crashes == 0, f"{rep.signatures}\n{_first_crash(rep, tmp_path)}"


def test_every_target_is_run_here() -> None:
    assert set(TARGETS) == set(SHORT_RUN) | {"http"}


def test_mutator_is_deterministic_under_its_seed() -> None:
    seeds = TARGETS["contract"].seeds()

    def first(seed: int) -> list[bytes]:
        gen = Mutator(seeds, seed=seed).inputs()
        return [next(gen) for _ in range(500)]

    assert first(SEED) == first(SEED)
    assert first(SEED) != first(SEED + 1)


def test_seeds_are_accepted_inputs() -> None:
    """Every target's seeds run clean: the mutations start from inputs the targets really handle."""
    for name, target in TARGETS.items():
        with target.open() as one:
            for s in target.seeds():
                one(s)
        assert target.seeds() or target.run is not None, name


def test_a_crash_is_counted_and_written(tmp_path: Path) -> None:
    """The engine's own bookkeeping: a target that fails on some inputs is caught and its inputs kept."""
    import contextlib

    from bench.fuzz_engine import Target, Violation

    def one(data: bytes) -> None:
        if b"\xff" in data:
            raise Violation("no 0xff: this input holds one")
        if data[:1] == b"{":
            raise KeyError("boom")

    target = Target("toy", "toy", lambda: contextlib.nullcontext(one), lambda: [b"{}", b"ab"])
    rep = fuzz_mutate(target, 400, math.inf, seed=SEED, crash_dir=tmp_path)
    assert rep.inputs == 400 and rep.crashes > 0
    assert any(s.startswith("Violation") for s in rep.signatures) and any(s.startswith("KeyError")
                                                                         for s in rep.signatures)
    saved = [Path(p) for p in rep.saved]
    assert saved and all(p.exists() and p.with_name(p.name + ".txt").exists() for p in saved)
    assert rep.slowest_size >= 0 and rep.slowest_s > 0
