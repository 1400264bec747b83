"""Frames of RS-485 lock-control boards (锁控板): a pure codec, no I/O (docs/protocols/locker.md).

Two dialects, chosen by config:

* ``generic`` — the common "8A/80" board, 9600 baud: ``HDR BOARD LOCK FUNC BCC`` with
  BCC = XOR of the four bytes before it. Open ``8A bb ll 11``, query ``80 bb ll 33``; query all
  (lock 00) answers a bitmap, highest locks first (24 channels: S1 = 17–24, S2 = 9–16, S3 = 1–8).
* ``kerong`` — Kerong KR-CU16, 19200 baud: ``02 ADDR CMD 03 SUM`` with SUM = low byte of the sum;
  ADDR = board (high nibble) and lock 0–F (low nibble). Status answers 9 bytes: hook bits of
  locks 1–8/9–16 and the infrared item-present bits.

What a feedback bit means depends on how the lock is wired (sources disagree:
docs/protocols/locker.md §Feedback polarity), so this module returns raw "feedback active" flags
and :class:`Polarity` turns them into open/closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from drivers.base import DeviceError, DeviceProtocolError

LINK_REASON = "锁控板通信故障"


class Dialect(StrEnum):
    GENERIC = "generic"
    KERONG = "kerong"


DEFAULT_BAUD: dict[Dialect, int] = {Dialect.GENERIC: 9600, Dialect.KERONG: 19200}


class Polarity(StrEnum):
    """Which raw feedback value means "closed": ``11``/bit set (the default) or ``00``/bit clear."""

    CLOSED_IS_11 = "closed_is_11"
    CLOSED_IS_00 = "closed_is_00"

    def is_closed(self, active: bool) -> bool:
        return active if self is Polarity.CLOSED_IS_11 else not active

    def raw_for(self, closed: bool) -> bool:
        """The raw flag a board sends for a door in state ``closed`` (for the simulator)."""
        return closed if self is Polarity.CLOSED_IS_11 else not closed


class LockerError(DeviceError):
    """Mixin of every error of the locker."""


class LockerFrameError(LockerError, DeviceProtocolError):
    """A reply that is not a well-formed frame for the request sent."""


class BadChecksum(LockerFrameError):
    pass


class BadLength(LockerFrameError):
    pass


class WrongReply(LockerFrameError):
    """A well-formed frame that answers something else (another board, lock or command)."""


def _frame_error(cls: type[LockerFrameError], message: str) -> LockerFrameError:
    return cls(message, LINK_REASON)


# ---- generic 8A/80 -----------------------------------------------------------------------------

HDR_OPEN = 0x8A
HDR_QUERY = 0x80
FUNC_OPEN = 0x11
FUNC_QUERY = 0x33
RAW_ACTIVE = 0x11
RAW_INACTIVE = 0x00
GENERIC_HEADERS = (HDR_OPEN, HDR_QUERY)
GENERIC_LEN = 5


def bcc(data: bytes) -> int:
    x = 0
    for b in data:
        x ^= b
    return x


def _with_bcc(*values: int) -> bytes:
    body = bytes(values)
    return body + bytes([bcc(body)])


def _check_address(board: int, lock: int, max_lock: int = 32) -> None:
    if not 0 <= board <= 0xFF:
        raise ValueError(f"board address {board} outside 0..255")
    if not 1 <= lock <= max_lock:
        raise ValueError(f"lock {lock} outside 1..{max_lock}")


def encode_open(board: int, lock: int) -> bytes:
    """``8A 01 01 11 9B``: open lock 1 of board 1."""
    _check_address(board, lock)
    return _with_bcc(HDR_OPEN, board, lock, FUNC_OPEN)


def encode_open_all(board: int) -> bytes:
    return _with_bcc(HDR_OPEN, board, 0, FUNC_OPEN)


def encode_query(board: int, lock: int) -> bytes:
    """``80 01 01 33 B3``: feedback of lock 1 of board 1."""
    _check_address(board, lock)
    return _with_bcc(HDR_QUERY, board, lock, FUNC_QUERY)


def encode_query_all(board: int) -> bytes:
    """``80 01 00 33 B2``: feedback of every lock of board 1."""
    return _with_bcc(HDR_QUERY, board, 0, FUNC_QUERY)


def bitmap_bytes(channels: int) -> int:
    """Query-all bitmap size: 3 bytes up to 24 channels, 4 bytes for a 32-channel board."""
    return 4 if channels > 24 else 3


def query_all_reply_len(channels: int) -> int:
    return 4 + bitmap_bytes(channels)


def encode_feedback_reply(header: int, board: int, lock: int, active: bool) -> bytes:
    """A board's answer to open (header 8A) or query one (80): ``8A 01 01 00 8A``."""
    return _with_bcc(header, board, lock, RAW_ACTIVE if active else RAW_INACTIVE)


def encode_query_all_reply(board: int, active: list[bool]) -> bytes:
    """``80 bb S1 S2 S3 33 x``; ``active[0]`` is lock 1 (bit 0 of the last bitmap byte)."""
    n = bitmap_bytes(len(active))
    value = sum(1 << i for i, a in enumerate(active) if a)
    return _with_bcc(HDR_QUERY, board, *value.to_bytes(n, "big"), FUNC_QUERY)


def _check_generic(frame: bytes, length: int) -> None:
    if len(frame) != length:
        raise _frame_error(BadLength, f"reply of {len(frame)} bytes, expected {length}")
    if bcc(frame[:-1]) != frame[-1]:
        raise _frame_error(BadChecksum, f"BCC 0x{frame[-1]:02X}, computed 0x{bcc(frame[:-1]):02X}")


def decode_feedback_reply(frame: bytes, header: int, board: int, lock: int) -> bool:
    """The raw feedback flag of an open or query-one reply (``11`` → True, ``00`` → False)."""
    _check_generic(frame, GENERIC_LEN)
    if frame[0] != header or frame[1] != board or frame[2] != lock:
        raise _frame_error(WrongReply, f"reply {frame.hex(' ')} does not answer "
                                       f"{header:02X} board {board} lock {lock}")
    if frame[3] not in (RAW_ACTIVE, RAW_INACTIVE):
        raise _frame_error(WrongReply, f"feedback byte 0x{frame[3]:02X} is neither 00 nor 11")
    return frame[3] == RAW_ACTIVE


def decode_query_all_reply(frame: bytes, board: int, channels: int) -> list[bool]:
    """Raw feedback flags of locks 1..``channels`` from a query-all reply."""
    n = bitmap_bytes(channels)
    _check_generic(frame, 4 + n)
    if frame[0] != HDR_QUERY or frame[1] != board or frame[-2] != FUNC_QUERY:
        raise _frame_error(WrongReply, f"reply {frame.hex(' ')} does not answer query all of board {board}")
    value = int.from_bytes(frame[2:2 + n], "big")
    return [bool(value >> i & 1) for i in range(channels)]


@dataclass(frozen=True)
class GenericRequest:
    header: int
    board: int
    lock: int  # 0 = all
    func: int


def decode_generic_request(frame: bytes) -> GenericRequest:
    _check_generic(frame, GENERIC_LEN)
    return GenericRequest(frame[0], frame[1], frame[2], frame[3])


# ---- Kerong KR-CU16 ----------------------------------------------------------------------------

STX = 0x02
ETX = 0x03
KR_STATUS = 0x30
KR_UNLOCK = 0x31
KR_BUS_QUERY = 0x32
KR_UNLOCK_ALL = 0x33
KR_BROADCAST = 0xF0
KR_REQUEST_LEN = 5
KR_STATUS_LEN = 9
KR_MAX_BOARD = 0x0F
KR_LOCKS = 16


def sum8(data: bytes) -> int:
    return sum(data) & 0xFF


def _with_sum(*values: int) -> bytes:
    body = bytes(values)
    return body + bytes([sum8(body)])


def kr_address(board: int, lock: int = 1) -> int:
    if not 0 <= board <= KR_MAX_BOARD:
        raise ValueError(f"KR-CU16 board {board} outside 0..{KR_MAX_BOARD}")
    if not 1 <= lock <= KR_LOCKS:
        raise ValueError(f"KR-CU16 lock {lock} outside 1..{KR_LOCKS}")
    return board << 4 | (lock - 1)


def kr_encode(addr: int, cmd: int) -> bytes:
    return _with_sum(STX, addr, cmd, ETX)


def kr_unlock(board: int, lock: int) -> bytes:
    """``02 00 31 03 36``: unlock lock 1 of board 0."""
    return kr_encode(kr_address(board, lock), KR_UNLOCK)


def kr_status(board: int) -> bytes:
    """``02 00 30 03 35``: hook and infrared bits of every lock of board 0."""
    return kr_encode(kr_address(board), KR_STATUS)


def kr_unlock_all(board: int) -> bytes:
    return kr_encode(kr_address(board), KR_UNLOCK_ALL)


def kr_bus_query() -> bytes:
    return kr_encode(KR_BROADCAST, KR_BUS_QUERY)


@dataclass(frozen=True)
class KrState:
    """Raw bits of one KR-CU16 board; index 0 is lock 1."""

    hooks: tuple[bool, ...]  # set = hook engaged (locked, in the default polarity)
    infrared: tuple[bool, ...]  # set = item present


def _bits16(lo: int, hi: int) -> tuple[bool, ...]:
    v = lo | hi << 8
    return tuple(bool(v >> i & 1) for i in range(KR_LOCKS))


def _bytes16(bits: list[bool] | tuple[bool, ...]) -> tuple[int, int]:
    v = sum(1 << i for i, b in enumerate(bits[:KR_LOCKS]) if b)
    return v & 0xFF, v >> 8


def kr_encode_status_reply(addr: int, cmd: int, hooks: list[bool], infrared: list[bool]) -> bytes:
    h1, h2 = _bytes16(hooks)
    i1, i2 = _bytes16(infrared)
    return _with_sum(STX, addr, cmd, h1, h2, i1, i2, ETX)


def kr_decode_status_reply(frame: bytes, addr: int, cmds: tuple[int, ...] = (KR_STATUS,)) -> KrState:
    """A 9-byte status frame. Unlock is answered the same way; whether its CMD byte echoes 31 or
    reads 30 is unconfirmed (docs/protocols/locker.md §Open questions), so callers pass the CMD values they accept."""
    if len(frame) != KR_STATUS_LEN:
        raise _frame_error(BadLength, f"reply of {len(frame)} bytes, expected {KR_STATUS_LEN}")
    if frame[0] != STX or frame[-2] != ETX:
        raise _frame_error(LockerFrameError, f"reply {frame.hex(' ')} lacks STX/ETX")
    if sum8(frame[:-1]) != frame[-1]:
        raise _frame_error(BadChecksum, f"SUM 0x{frame[-1]:02X}, computed 0x{sum8(frame[:-1]):02X}")
    if frame[1] != addr or frame[2] not in cmds:
        raise _frame_error(WrongReply, f"reply {frame.hex(' ')} does not answer address 0x{addr:02X}")
    return KrState(_bits16(frame[3], frame[4]), _bits16(frame[5], frame[6]))


@dataclass(frozen=True)
class KrRequest:
    addr: int
    cmd: int

    @property
    def board(self) -> int:
        return self.addr >> 4

    @property
    def lock(self) -> int:
        return (self.addr & 0x0F) + 1


def kr_decode_request(frame: bytes) -> KrRequest:
    if len(frame) != KR_REQUEST_LEN:
        raise _frame_error(BadLength, f"request of {len(frame)} bytes, expected {KR_REQUEST_LEN}")
    if frame[0] != STX or frame[3] != ETX:
        raise _frame_error(LockerFrameError, f"request {frame.hex(' ')} lacks STX/ETX")
    if sum8(frame[:-1]) != frame[-1]:
        raise _frame_error(BadChecksum, f"SUM 0x{frame[-1]:02X}, computed 0x{sum8(frame[:-1]):02X}")
    return KrRequest(frame[1], frame[2])


# ---- cutting frames out of a byte stream -------------------------------------------------------


def take_frame(buf: bytearray, headers: tuple[int, ...], length: int) -> bytes | None:
    """Drop bytes before the first byte in ``headers``; return and remove ``length`` bytes from there,
    or ``None`` while they have not all arrived."""
    start = next((i for i, b in enumerate(buf) if b in headers), len(buf))
    del buf[:start]
    if len(buf) < length:
        return None
    frame = bytes(buf[:length])
    del buf[:length]
    return frame


def request_headers(dialect: Dialect) -> tuple[int, ...]:
    return GENERIC_HEADERS if dialect is Dialect.GENERIC else (STX,)


def split_requests(buf: bytearray, dialect: Dialect) -> list[bytes]:
    """Whole, checksum-correct 5-byte requests from the start of ``buf`` (the simulator's side).
    A window that fails its checksum loses one byte and the hunt goes on: the bus is noisy."""
    out: list[bytes] = []
    headers = request_headers(dialect)
    check = bcc if dialect is Dialect.GENERIC else sum8
    while True:
        frame = take_frame(buf, headers, GENERIC_LEN)
        if frame is None:
            return out
        if check(frame[:-1]) == frame[-1]:
            out.append(frame)
        else:
            buf[:0] = frame[1:]
