"""Every crash the fuzzers found, replayed: each file of ``corpus/<target>/`` is one input.

Names say what the input was about. Inputs that crashed code outside this folder's owners are
kept here too, so that the fix is proven when it lands (``corpus/hall/resolve-by-hand-…``: a
resolve by hand takes the fault out of memory, not out of the terminal's row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.fuzz_targets import TARGETS

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted((p.parent.name, p) for p in CORPUS.glob("*/*") if p.is_file())


def test_corpus_names_real_targets() -> None:
    assert CASES
    assert {name for name, _ in CASES} <= set(TARGETS)


@pytest.mark.parametrize(("target", "path"), CASES, ids=[f"{t}/{p.name}" for t, p in CASES])
def test_crash_stays_fixed(target: str, path: Path) -> None:
    with TARGETS[target].open() as one:
        one(path.read_bytes())
