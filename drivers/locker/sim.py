"""`zizhu sim locker`: N lock-control boards × M slots on one pseudo-terminal bus, byte for byte.

Speaks the generic 8A/80 protocol or Kerong KR-CU16 (``--dialect``), with either feedback
polarity. Doors open on command and close by themselves after ``auto_close_s`` (as if a citizen
shut them), unless a scenario holds them open. Scenario events script jams, doors left open,
items put in or taken out (KR-CU16 infrared), a silent board and corrupted replies.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from typing import Any

from drivers.locker import codec as lc
from drivers.locker.codec import Dialect, Polarity
from drivers.ptysim import PtySimulator, add_common_arguments, serve
from drivers.scenario import ScenarioError

JAM_MODES = ("none", "no_open", "stuck_open")


@dataclass
class SimSlot:
    closed: bool = True
    item: bool = False
    jam: str = "none"  # no_open: the latch never releases; stuck_open: opens but never closes again
    held: bool = False  # held open by someone (a scenario's "door left open")
    opens_at: float | None = None  # a latch that releases a little after the command
    opened_at: float | None = None


@dataclass
class SimBoard:
    address: int
    slots: list[SimSlot]
    silent: bool = False


@dataclass
class _Corruption:
    kind: str = "none"  # checksum | truncate | garbage
    remaining: int = 0


class LockerSimulator(PtySimulator):
    """``boards`` is a list of (address, slot count); slots are numbered across boards in order."""

    EVENTS = {
        "jam": "slot = N; mode = no_open | stuck_open | none",
        "door": "slot = N; state = open | closed; open doors stay open (held) until closed by an event",
        "item": "slot = N; present = true | false (KR-CU16 infrared sensor)",
        "silent": "board = ADDRESS; on = true | false",
        "corrupt": "next count = N replies spoilt: kind = checksum | truncate | garbage",
        "auto_close": "seconds = S after which an opened door closes by itself (0: never)",
    }

    def __init__(self, dialect: str | Dialect = Dialect.GENERIC, boards: list[tuple[int, int]] | None = None,
                 polarity: str | Polarity = Polarity.CLOSED_IS_11, *, auto_close_s: float = 3.0,
                 open_delay_s: float = 0.0, wire_timing: bool = False, link: str | None = None) -> None:
        super().__init__(link)
        self.dialect = Dialect(dialect)
        self.polarity = Polarity(polarity)
        self.auto_close_s = auto_close_s
        self.open_delay_s = open_delay_s
        self.wire_timing = wire_timing
        self.baudrate = lc.DEFAULT_BAUD[self.dialect]
        layout = boards if boards is not None else [(1 if self.dialect is Dialect.GENERIC else 0, 24 if
                                                     self.dialect is Dialect.GENERIC else 16)]
        self.boards = {a: SimBoard(a, [SimSlot() for _ in range(n)]) for a, n in layout}
        self._order = [a for a, _ in layout]
        self._corrupt = _Corruption()
        self._buf = bytearray()
        self.received: list[bytes] = []  # every well-formed request, for tests
        self.opens: list[int] = []  # global slot numbers opened by command, in order

    # ---- addressing
    def slot(self, number: int) -> SimSlot:
        board, lock = self.locate(number)
        return self.boards[board].slots[lock - 1]

    def locate(self, number: int) -> tuple[int, int]:
        n = number
        for a in self._order:
            count = len(self.boards[a].slots)
            if 1 <= n <= count:
                return a, n
            n -= count
        raise ScenarioError(f"no slot {number}; the simulated locker has "
                            f"{sum(len(b.slots) for b in self.boards.values())}")

    def number(self, board: int, lock: int) -> int:
        return sum(len(self.boards[a].slots) for a in self._order[: self._order.index(board)]) + lock

    # ---- scenario events
    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        with self.lock:
            match event:
                case "jam":
                    mode = str(params.get("mode", "no_open"))
                    if mode not in JAM_MODES:
                        raise ScenarioError(f"jam mode {mode!r}; known: {', '.join(JAM_MODES)}")
                    self.slot(int(params["slot"])).jam = mode
                case "door":
                    s = self.slot(int(params["slot"]))
                    state = str(params.get("state", "open"))
                    if state not in ("open", "closed"):
                        raise ScenarioError(f"door state {state!r}; expected open or closed")
                    s.closed, s.held = state == "closed", state == "open"
                    s.opened_at = None if s.closed else time.monotonic()
                case "item":
                    self.slot(int(params["slot"])).item = bool(params.get("present", True))
                case "silent":
                    address = int(params["board"])
                    if address not in self.boards:
                        raise ScenarioError(f"no board {address}; boards: {', '.join(map(str, self._order))}")
                    self.boards[address].silent = bool(params.get("on", True))
                case "corrupt":
                    kind = str(params.get("kind", "checksum"))
                    if kind not in ("checksum", "truncate", "garbage"):
                        raise ScenarioError(f"corrupt kind {kind!r}; expected checksum, truncate or garbage")
                    self._corrupt = _Corruption(kind, int(params.get("count", 1)))
                case "auto_close":
                    self.auto_close_s = float(params.get("seconds", 3.0))
                case _:
                    raise ScenarioError(f"locker simulator: unknown event {event!r}")

    # ---- the doors' own life
    def on_tick(self) -> None:
        now = time.monotonic()
        with self.lock:
            for board in self.boards.values():
                for s in board.slots:
                    if s.opens_at is not None and now >= s.opens_at:
                        s.opens_at, s.closed, s.opened_at = None, False, now
                    if (not s.closed and not s.held and s.jam != "stuck_open" and self.auto_close_s > 0
                            and s.opened_at is not None and now - s.opened_at >= self.auto_close_s):
                        s.closed, s.opened_at = True, None

    def _unlock(self, board: SimBoard, lock: int) -> None:
        s = board.slots[lock - 1]
        self.opens.append(self.number(board.address, lock))
        if s.jam == "no_open" or not s.closed:
            return
        if self.open_delay_s > 0:
            s.opens_at = time.monotonic() + self.open_delay_s
        else:
            s.closed, s.opened_at = False, time.monotonic()

    def _raw(self, s: SimSlot) -> bool:
        return self.polarity.raw_for(s.closed)

    # ---- the wire
    def on_bytes(self, data: bytes) -> None:
        self._buf += data
        for frame in lc.split_requests(self._buf, self.dialect):
            self.received.append(frame)
            with self.lock:
                reply = self._answer_generic(frame) if self.dialect is Dialect.GENERIC else self._answer_kerong(frame)
                reply = self._spoil(reply) if reply is not None else None
            if reply:
                if self.wire_timing and not self.pause((len(frame) + len(reply)) * 10 / self.baudrate):
                    return
                self.send(reply)

    def _answer_generic(self, frame: bytes) -> bytes | None:
        req = lc.decode_generic_request(frame)
        board = self.boards.get(req.board)
        if board is None or board.silent:
            return None
        n = len(board.slots)
        if req.header == lc.HDR_OPEN and req.func == lc.FUNC_OPEN:
            if req.lock == 0:
                for lock in range(1, n + 1):
                    self._unlock(board, lock)
                return lc.encode_feedback_reply(lc.HDR_OPEN, board.address, 0, False)
            if req.lock > n:
                return None
            self._unlock(board, req.lock)
            return lc.encode_feedback_reply(lc.HDR_OPEN, board.address, req.lock, self._raw(board.slots[req.lock - 1]))
        if req.header == lc.HDR_QUERY and req.func == lc.FUNC_QUERY:
            if req.lock == 0:
                return lc.encode_query_all_reply(board.address, [self._raw(s) for s in board.slots])
            if req.lock > n:
                return None
            return lc.encode_feedback_reply(lc.HDR_QUERY, board.address, req.lock, self._raw(board.slots[req.lock - 1]))
        return None  # a command this board does not know: real boards stay quiet

    def _answer_kerong(self, frame: bytes) -> bytes | None:
        req = lc.kr_decode_request(frame)
        board = self.boards.get(req.board)
        if board is None or board.silent:
            return None
        if req.cmd == lc.KR_UNLOCK:
            if req.lock > len(board.slots):
                return None
            self._unlock(board, req.lock)
        elif req.cmd == lc.KR_UNLOCK_ALL:
            for lock in range(1, len(board.slots) + 1):
                self._unlock(board, lock)
        elif req.cmd != lc.KR_STATUS:
            return None
        pad = [False] * (lc.KR_LOCKS - len(board.slots))
        return lc.kr_encode_status_reply(req.addr, req.cmd, [self._raw(s) for s in board.slots] + pad,
                                         [s.item for s in board.slots] + pad)

    def _spoil(self, reply: bytes) -> bytes:
        c = self._corrupt
        if c.remaining <= 0:
            return reply
        c.remaining -= 1
        if c.kind == "truncate":
            return reply[: len(reply) // 2]
        if c.kind == "garbage":
            return bytes((b * 7 + 0x5B) & 0xFF for b in reply)
        return reply[:-1] + bytes([reply[-1] ^ 0xA5])


def _boards(text: str) -> list[tuple[int, int]]:
    try:
        out = [(int(a, 0), int(n)) for a, _, n in (part.partition(":") for part in text.split(","))]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected ADDRESS:SLOTS[,ADDRESS:SLOTS…], e.g. 1:24,2:24") from None
    return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="take dialect, boards and polarity from a terminal config")
    parser.add_argument("--dialect", choices=[d.value for d in Dialect], default=None)
    parser.add_argument("--boards", type=_boards, default=None, help="ADDRESS:SLOTS,… (default 1:24; kerong 0:16)")
    parser.add_argument("--polarity", choices=[p.value for p in Polarity], default=None)
    parser.add_argument("--auto-close", type=float, default=3.0, metavar="S",
                        help="an opened door closes by itself after S seconds (0: never)")
    parser.add_argument("--open-delay", type=float, default=0.0, metavar="S", help="latch release delay")
    parser.add_argument("--wire-timing", action="store_true", help="take as long as the real line would")
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    dialect, boards, polarity = args.dialect, args.boards, args.polarity
    if args.config:
        from drivers.devices import load_devices
        from ground.configfile import ConfigError

        try:
            cfg = load_devices(args.config).locker
        except ConfigError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        if cfg is None:
            print(f"{args.config}: no [devices.locker] section", file=sys.stderr)
            return 2
        dialect = dialect or cfg.dialect
        boards = boards or [(b.address, b.slots) for b in cfg.boards]
        polarity = polarity or cfg.feedback_polarity
    sim = LockerSimulator(dialect or Dialect.GENERIC, boards, polarity or Polarity.CLOSED_IS_11,
                          auto_close_s=args.auto_close, open_delay_s=args.open_delay,
                          wire_timing=args.wire_timing, link=args.link)
    return serve(sim, args, "locker")
