from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

import bench
from bench.common import Result

NOT_BENCHES = {"common", "__main__", "fuzz_engine", "fuzz_targets"}  # fuzz: the bench is bench.fuzz


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(Path(bench.__file__).parent)])
                  if m.name not in NOT_BENCHES and not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    # `python -m bench chaos --quick`: what follows the first option goes to the benches named before it
    first_option = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
    argv, options = argv[:first_option], argv[first_option:]
    names = argv or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available())}",
              file=sys.stderr)
        return 2
    failed = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        t0 = time.monotonic()
        try:
            result: Result = module.run(options) if options else module.run()
        except Exception as exc:  # one failing bench must not hide the others' figures
            print(f"== bench {name}: FAILED: {exc!r}", file=sys.stderr)
            failed += 1
            continue
        result.add("wall time of this bench", time.monotonic() - t0, "s", digits=1)
        result.print()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
