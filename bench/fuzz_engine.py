"""The fuzzing engines behind ``python -m bench fuzz`` and ``tests/fuzz``: one loop, two sources of inputs.

A *target* (:mod:`bench.fuzz_targets`) is a function of one input (bytes). It returns when the
input was handled as its contract says: accepted, or refused with the target's own typed error.
Anything else it raises is a crash: an exception of another type, or :class:`Violation` (a
property that does not hold, e.g. "what decodes encodes again").

Two engines feed a target:

* ``mutate`` — seeded and deterministic: byte and JSON-aware mutations of the target's seed
  corpus (bit flips, interesting integers, huge numbers, lone surrogate escapes, invalid UTF-8,
  deep nesting, splices, the target's dictionary). What the test suite runs.
* ``atheris`` — coverage-guided (libFuzzer through atheris, the project's code instrumented),
  one subprocess per target (libFuzzer owns its process); what the bench uses when atheris is
  installed.

Every crashing input is counted; the first few of each distinct crash (exception type and the
line it came from) are written to ``<crash dir>/<target>/crash-<sha1>`` with a ``.txt`` beside it
holding the traceback: copy the input to ``tests/fuzz/corpus/<target>/`` and it is replayed by the
suite from then on.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

INSTRUMENTED = ("wire.contract", "wire.local", "wire.status", "ground.logs", "hall_server.core",
                "hall_server.db", "hall_server.faults", "hall_server.registry", "hall_server.web.app",
                "hall_server.web.models", "hall_server.web.views",
                "drivers.printer.codec", "drivers.idcard.codec", "drivers.idcard.card", "drivers.locker.codec")
KEEP_PER_SIGNATURE = 3  # crashing inputs written per distinct crash
MAX_INPUT = 64 * 1024  # what the mutator grows an input to at most


class Violation(AssertionError):
    """A property of the target does not hold for this input."""


OneInput = Callable[[bytes], None]


@dataclass(frozen=True)
class Target:
    """One fuzz target. ``open()`` is a context manager yielding the function of one input."""

    name: str
    about: str
    open: Callable[[], contextlib.AbstractContextManager[OneInput]]
    seeds: Callable[[], list[bytes]]
    tokens: tuple[bytes, ...] = ()
    # Instead of bytes: drives itself (schemathesis through hypothesis) and returns a report.
    run: Callable[[int, float, int, Path | None], Report] | None = None


@dataclass
class Report:
    target: str
    engine: str
    inputs: int = 0
    crashes: int = 0
    signatures: dict[str, int] = field(default_factory=dict)  # distinct crash → how many inputs
    saved: list[str] = field(default_factory=list)  # files written
    slowest_s: float = 0.0
    slowest_size: int = 0
    elapsed_s: float = 0.0
    error: str = ""  # the engine itself failed (not a crash of the target)


class Recorder:
    """Counts inputs and crashes, keeps the slowest, writes crashing inputs (a few per signature)."""

    def __init__(self, target: str, engine: str, crash_dir: Path | None) -> None:
        self.report = Report(target, engine)
        self.dir = crash_dir / target if crash_dir is not None else None
        self.first_crash: tuple[bytes, str] | None = None

    def run_one(self, one: OneInput, data: bytes) -> bool:
        """Run one input; ``True`` if it crashed."""
        t0 = time.perf_counter()
        crashed = False
        try:
            one(data)
        except Exception as exc:
            crashed = True
            self.crash(data, exc)
        dt = time.perf_counter() - t0
        r = self.report
        r.inputs += 1
        if dt > r.slowest_s:
            r.slowest_s, r.slowest_size = dt, len(data)
        return crashed

    def crash(self, data: bytes, exc: BaseException, suffix: str = "") -> None:
        r = self.report
        r.crashes += 1
        sig = signature(exc)
        n = r.signatures.get(sig, 0) + 1
        r.signatures[sig] = n
        tb = "".join(traceback.format_exception(exc))
        if self.first_crash is None:
            self.first_crash = (data, tb)
        if self.dir is not None and n <= KEEP_PER_SIGNATURE:
            self.dir.mkdir(parents=True, exist_ok=True)
            path = self.dir / f"crash-{hashlib.sha1(data).hexdigest()[:16]}{suffix}"
            path.write_bytes(data)
            path.with_name(path.name + ".txt").write_text(f"{sig}\n\n{tb}", encoding="utf-8")
            r.saved.append(str(path))


def signature(exc: BaseException) -> str:
    """What makes two crashes the same: the exception's type and the innermost frame of our code."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(_REPO) and "/.venv/" not in f.filename
            and not Path(f.filename).name.startswith("fuzz_")]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    at = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
    # a violation's kind is its message up to the first colon (what follows is this input's detail)
    msg = str(exc).splitlines()[0].split(":")[0][:120] if isinstance(exc, Violation) else ""
    return f"{type(exc).__name__} at {at}" + (f": {msg}" if msg else "")


_REPO = str(Path(__file__).resolve().parent.parent)


# ---- the seeded mutator ------------------------------------------------------------------------

INTERESTING_INTS = (b"0", b"-1", b"1", b"255", b"256", b"65535", b"65536", b"2147483648", b"4294967296",
                    b"9223372036854775807", b"9223372036854775808", b"-9223372036854775809",
                    b"18446744073709551616", b"1" + b"0" * 40, b"1e308", b"1e400", b"-1e400", b"1.5",
                    b"-0", b"0.0000001", b"NaN", b"Infinity")
JSON_TOKENS = (b'"\\ud800"', b'"\\udfff"', b'"\\ud800\\u0041"', b'"\\u0000"', b'"\xff"', b'"\xc3"',
               b'"\xed\xa0\x80"', b"null", b"true", b"false", b"[]", b"{}", b'""', b'"' + b"x" * 70 + b'"',
               b'"2024-01-01T00:00:00"', b'"2024-01-01T00:00:00+08:00"', b'"9999-12-31T23:59:59Z"',
               b'"0001-01-01T00:00:00Z"', b'"A 1"', b'"Printer"', b'"a.b"', b'"\\n"', b"\n")


def _json_spans(data: bytes) -> list[tuple[int, int]]:
    """Rough spans of JSON scalars (strings and numbers) in ``data``: where a value may be replaced."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(data)
    while i < n and len(spans) < 256:
        c = data[i]
        if c == 0x22:  # "
            j = i + 1
            while j < n and data[j] != 0x22:
                j += 2 if data[j] == 0x5C else 1
            spans.append((i, min(j + 1, n)))
            i = j + 1
        elif c == 0x2D or 0x30 <= c <= 0x39:
            j = i + 1
            while j < n and data[j] in b"0123456789.eE+-":
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


class Mutator:
    """Deterministic under ``seed``: the same seeds and seed give the same inputs, in order."""

    def __init__(self, seeds: Sequence[bytes], tokens: Sequence[bytes] = (), seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.corpus = [s for s in seeds] or [b""]
        self.tokens = tuple(tokens) + JSON_TOKENS + INTERESTING_INTS

    def inputs(self) -> Iterator[bytes]:
        yield from self.corpus  # every seed once, as it is
        while True:
            yield self.next()

    def next(self) -> bytes:
        rng = self.rng
        data = bytearray(rng.choice(self.corpus))
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4, 8))):
            self._mutate_once(data)
        return bytes(data[:MAX_INPUT])

    def _mutate_once(self, data: bytearray) -> None:
        rng = self.rng
        op = rng.randrange(12)
        n = len(data)
        if n == 0 or op == 0:  # insert a token
            pos = rng.randint(0, n)
            data[pos:pos] = rng.choice(self.tokens)
        elif op == 1:  # flip a bit
            i = rng.randrange(n)
            data[i] ^= 1 << rng.randrange(8)
        elif op == 2:  # set a byte to something interesting
            data[rng.randrange(n)] = rng.choice((0x00, 0x01, 0x0A, 0x22, 0x5C, 0x7F, 0x80, 0xC0, 0xED, 0xFF,
                                                 rng.randrange(256)))
        elif op == 3:  # delete a chunk
            i = rng.randrange(n)
            del data[i:i + rng.randint(1, max(1, min(32, n - i)))]
        elif op == 4:  # duplicate a chunk
            i = rng.randrange(n)
            chunk = data[i:i + rng.randint(1, 64)]
            pos = rng.randint(0, n)
            data[pos:pos] = chunk * rng.choice((1, 1, 2, 16))
        elif op == 5:  # splice with another corpus entry
            other = rng.choice(self.corpus)
            if other:
                j = rng.randrange(len(other))
                i = rng.randrange(n)
                data[i:] = other[j:]
        elif op in (6, 7, 8):  # replace a JSON value with an interesting one
            spans = _json_spans(bytes(data))
            if spans:
                a, b = rng.choice(spans)
                data[a:b] = rng.choice(self.tokens)
            else:
                data[rng.randrange(n)] = rng.randrange(256)
        elif op == 9:  # deep nesting
            depth = rng.choice((64, 1000, 5000, 100_000 // 2))
            pos = rng.randint(0, n)
            opener, closer = (b"[", b"]") if rng.random() < 0.5 else (b'{"a":', b"}")
            data[pos:pos] = opener * depth + b"1" + closer * depth
        elif op == 10:  # an invalid UTF-8 byte inside a string
            spans = [s for s in _json_spans(bytes(data)) if data[s[0]] == 0x22 and s[1] - s[0] >= 2]
            if spans:
                a, b = rng.choice(spans)
                pos = rng.randint(a + 1, b - 1)
                data[pos:pos] = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"))
        else:  # overwrite a run with random bytes
            i = rng.randrange(n)
            for k in range(i, min(n, i + rng.randint(1, 8))):
                data[k] = rng.randrange(256)


def fuzz_mutate(target: Target, inputs: int, seconds: float, seed: int = 0,
                crash_dir: Path | None = None) -> Report:
    """Run ``target`` on ``inputs`` inputs of the seeded mutator (or until ``seconds`` have passed)."""
    rec = Recorder(target.name, "mutate", crash_dir)
    t0 = time.monotonic()
    deadline = t0 + seconds
    with target.open() as one:
        for k, data in enumerate(Mutator(target.seeds(), target.tokens, seed).inputs()):
            if k >= inputs or (k % 16 == 0 and time.monotonic() > deadline):
                break
            rec.run_one(one, data)
    rec.report.elapsed_s = time.monotonic() - t0
    return rec.report


# ---- atheris (coverage-guided), one process per target -----------------------------------------

def atheris_available() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def fuzz_atheris(target: Target, inputs: int, seconds: float, seed: int = 0,
                 crash_dir: Path | None = None) -> Report:
    """Run ``target`` under libFuzzer in a subprocess (``python -m bench.fuzz_engine``)."""
    with tempfile.TemporaryDirectory(prefix="zizhu-fuzz-") as tmp:
        report_path = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "bench.fuzz_engine", target.name, "--inputs", str(inputs),
               "--seconds", str(seconds), "--seed", str(seed), "--report", str(report_path),
               "--workdir", tmp]
        if crash_dir is not None:
            cmd += ["--crashes", str(crash_dir)]
        t0 = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120,
                              cwd=Path(__file__).resolve().parent.parent)
        if report_path.exists():
            return Report(**json.loads(report_path.read_text(encoding="utf-8")))
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-12:]
        return Report(target.name, "atheris", elapsed_s=time.monotonic() - t0,
                      error=f"worker exited {proc.returncode} without a report: " + " | ".join(tail))


def _atheris_worker(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fuzz_engine")
    p.add_argument("target")
    p.add_argument("--inputs", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--report", type=Path, required=True)
    p.add_argument("--workdir", type=Path, required=True)
    p.add_argument("--crashes", type=Path)
    args = p.parse_args(argv)

    import atheris

    # The project's own code is instrumented for coverage (libraries in C, such as msgspec, cannot be).
    # The project's modules a target reaches are imported here, under instrumentation; the
    # targets import them lazily (a codec target never loads the hall's SQLAlchemy).
    with atheris.instrument_imports(include=["fleet_agent", "hall_server", "drivers", "zizhu"]):
        for module in INSTRUMENTED:
            importlib.import_module(module)
    from bench.fuzz_targets import TARGETS

    target = TARGETS[args.target]
    corpus = args.workdir / "corpus"
    corpus.mkdir()
    for i, s in enumerate(target.seeds()):
        (corpus / f"seed-{i:04d}").write_bytes(s)
    dictionary = args.workdir / "tokens.dict"
    dictionary.write_text("".join(f'"{_dict_escape(t)}"\n' for t in (*target.tokens, *JSON_TOKENS,
                                                                     *INTERESTING_INTS)), encoding="ascii")
    rec = Recorder(target.name, "atheris", args.crashes)
    t0 = time.monotonic()
    deadline = t0 + args.seconds

    def finish() -> None:
        rec.report.elapsed_s = time.monotonic() - t0
        args.report.write_text(json.dumps(asdict(rec.report)), encoding="utf-8")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)  # libFuzzer owns the process: leave without unwinding into it

    with target.open() as one:
        def test_one(data: bytes) -> None:
            rec.run_one(one, data)
            r = rec.report
            if r.inputs >= args.inputs or (r.inputs % 16 == 0 and time.monotonic() > deadline):
                finish()

        atheris.Setup([sys.argv[0], f"-seed={args.seed + 1}", f"-max_len={MAX_INPUT}", "-rss_limit_mb=4096",
                       "-timeout=60", f"-dict={dictionary}", "-print_final_stats=0",
                       str(corpus)], test_one)
        atheris.Fuzz()
    finish()
    return 0


def _dict_escape(token: bytes) -> str:
    return "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else f"\\x{b:02X}" for b in token)


if __name__ == "__main__":
    # Through the module's real name: the targets raise bench.fuzz_engine.Violation, not __main__'s.
    from bench.fuzz_engine import _atheris_worker as worker
    raise SystemExit(worker(sys.argv[1:]))

