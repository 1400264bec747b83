"""Open-and-confirm time of a locker slot, both dialects, over a real pty.

One open = the journal row (SQLite, synchronous=FULL) + the open frame + the board's reply +
the journal update. With ``--wire-timing`` the simulator answers after the bytes would have
crossed the line (9600 baud generic, 19200 KR-CU16); a slow latch adds polling on top.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import Result, summary_ms
from drivers.locker.codec import DEFAULT_BAUD, Dialect
from drivers.locker.config import LockerBoard, LockerConfig
from drivers.locker.driver import Locker
from drivers.locker.sim import LockerSimulator

OPENS = 60


def _measure(tmp: Path, dialect: Dialect, *, wire: bool, open_delay_s: float = 0.0, n: int = OPENS) -> \
        tuple[dict[str, float], dict[str, float]]:
    boards = [(1, 24)] if dialect is Dialect.GENERIC else [(0, 16)]
    with LockerSimulator(dialect, boards, auto_close_s=0.0, open_delay_s=open_delay_s, wire_timing=wire) as sim:
        layout = [LockerBoard.from_data({"address": a, "slots": s}) for a, s in boards]
        cfg = LockerConfig(device=sim.path, dialect=dialect.value, boards=layout,
                           record_path=tmp / f"{dialect}-{wire}-{open_delay_s}.sqlite3")
        opens, queries = [], []
        with Locker(cfg) as locker:
            slots = len(locker.slots)
            for i in range(n):
                slot = i % slots + 1
                sim.apply_event("door", {"slot": slot, "state": "closed"})
                t0 = time.perf_counter()
                locker.open_slot(slot, why="bench", session="bench", once=False)
                opens.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                locker.query_all()
                queries.append(time.perf_counter() - t0)
    return summary_ms(opens), summary_ms(queries)


def run() -> Result:
    res = Result("locker")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for dialect in Dialect:
            baud = DEFAULT_BAUD[dialect]
            fast, q_fast = _measure(tmp, dialect, wire=False)
            paced, q_paced = _measure(tmp, dialect, wire=True)
            wire_ms = 10 * 10 / baud * 1000 if dialect is Dialect.GENERIC else (5 + 9) * 10 / baud * 1000
            res.add(f"{dialect}: open + confirm, instant board p50", fast["p50_ms"], "ms",
                    key=f"{dialect}_open_p50_ms", digits=2)
            res.add(f"{dialect}: open + confirm, instant board p99", fast["p99_ms"], "ms",
                    key=f"{dialect}_open_p99_ms", digits=2)
            res.add(f"{dialect}: open + confirm at {baud} baud p50 (wire {wire_ms:.1f} ms)", paced["p50_ms"], "ms",
                    key=f"{dialect}_open_wire_p50_ms", digits=2)
            res.add(f"{dialect}: query all slots at {baud} baud p50", q_paced["p50_ms"], "ms",
                    key=f"{dialect}_query_all_wire_p50_ms", digits=2)
            res.add(f"{dialect}: query all slots, instant board p50", q_fast["p50_ms"], "ms",
                    key=f"{dialect}_query_all_p50_ms", digits=2)
        slow, _ = _measure(tmp, Dialect.GENERIC, wire=True, open_delay_s=0.3, n=10)
        res.add("generic: latch releasing after 300 ms, confirmed by polling p50", slow["p50_ms"], "ms",
                key="generic_slow_latch_p50_ms", digits=1)
    res.add("opens per case", OPENS, key="opens")
    return res
