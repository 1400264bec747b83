"""Fuzzing: every decoder of untrusted input, for a given number of inputs per target.

``python -m bench fuzz [--inputs N] [--seconds S] [--target NAME ...] [--engine E] [--seed K]
[--crashes DIR]`` runs each target of :mod:`bench.fuzz_targets` for ``N`` inputs (default 10^6)
or ``S`` seconds (default 120), whichever comes first, and prints per target the inputs tried,
the crashes (and how many distinct ones), and the slowest input (its time and size). Crashing
inputs go to ``DIR/<target>/`` (default: ``zizhu-fuzz-crashes`` in the temporary folder), each
with its traceback beside it; copied to ``tests/fuzz/corpus/<target>/`` they become regression
tests. Engines: ``atheris`` (coverage-guided, the default when installed), ``mutate`` (the
seeded mutator the tests use). ``http`` is driven by schemathesis whatever the engine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import Result
from bench.fuzz_engine import Report, atheris_available, fuzz_atheris, fuzz_mutate
from bench.fuzz_targets import TARGETS

DEFAULT_INPUTS = 10**6
DEFAULT_SECONDS = 120.0


def default_crash_dir() -> Path:
    return Path(tempfile.gettempdir()) / "zizhu-fuzz-crashes"


def fuzz_one(name: str, inputs: int, seconds: float, *, engine: str, seed: int, crash_dir: Path | None) -> Report:
    target = TARGETS[name]
    if target.run is not None:
        return target.run(inputs, seconds, seed, crash_dir)
    if engine == "atheris":
        return fuzz_atheris(target, inputs, seconds, seed, crash_dir)
    return fuzz_mutate(target, inputs, seconds, seed, crash_dir)


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench fuzz", description=__doc__.split("\n\n")[0])
    p.add_argument("--inputs", type=int, default=DEFAULT_INPUTS, help="inputs per target (default 10^6)")
    p.add_argument("--seconds", type=float, default=DEFAULT_SECONDS, help="time bound per target (default 120)")
    p.add_argument("--target", action="append", choices=sorted(TARGETS), help="only this target (repeatable)")
    p.add_argument("--engine", choices=("atheris", "mutate"),
                   default="atheris" if atheris_available() else "mutate")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--crashes", type=Path, default=default_crash_dir(), help="where crashing inputs are written")
    return p.parse_args(argv)


def run(argv: list[str] | None = None) -> Result:
    args = parse(argv or [])
    res = Result("fuzz")
    total_crashes = 0
    for name in args.target or list(TARGETS):
        rep = fuzz_one(name, args.inputs, args.seconds, engine=args.engine, seed=args.seed, crash_dir=args.crashes)
        total_crashes += rep.crashes
        label = f"{name} [{rep.engine}]"
        if rep.error:
            res.add(f"{label}: FAILED", rep.error[:300])
            continue
        rate = rep.inputs / rep.elapsed_s if rep.elapsed_s else 0.0
        res.add(f"{label}: inputs tried", rep.inputs, key=f"{name}_inputs")
        res.add(f"{label}: crashes ({len(rep.signatures)} distinct)", rep.crashes, key=f"{name}_crashes")
        res.add(f"{label}: slowest input", f"{rep.slowest_s * 1000:.2f} ms, {rep.slowest_size} bytes")
        res.figures[f"{name}_slowest_ms"] = round(rep.slowest_s * 1000, 3)
        res.figures[f"{name}_slowest_bytes"] = rep.slowest_size
        res.add(f"{label}: rate", rate, "inputs/s", digits=0)
        for sig, n in sorted(rep.signatures.items(), key=lambda kv: -kv[1]):
            res.add(f"{label}:   {n} ×", sig[:200])
    res.add("crashing inputs written to", str(args.crashes))
    res.add("crashes, all targets", total_crashes, key="crashes")
    return res


def main(argv: list[str]) -> int:
    res = run(argv)
    res.print()
    return 1 if res.figures.get("crashes") else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
