"""Production driver of the document locker: RS-485 lock-control boards, one or more on a bus.

Slots are numbered across the boards in config order (board 1's 24 slots are 01–24, board 2's
are 25–48), as printed on the cabinet. An open is recorded (drivers.locker.journal) before it is
sent, confirmed by the board's feedback within ``open_confirm_s``, and a slot that never shows
open is reported jammed. Doors open past ``door_open_alarm_s`` are reported; past
``stuck_open_s`` they never close again and are jammed. A board that does not answer is silent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from drivers.base import Device, DeviceError, DeviceHardwareError, DeviceOffline, DeviceTimeout, SelfTestResult
from drivers.locker import codec as lc
from drivers.locker.codec import Dialect, LockerError, LockerFrameError, Polarity
from drivers.locker.config import LockerBoard, LockerConfig
from drivers.locker.journal import OpenJournal, OpenRecord
from drivers.serialport import SerialLink
from ground.logs import mask_text
from wire.status import DeviceState, DoorState, LockerBoardStatus, LockerSlot, LockerStatus

log = logging.getLogger("zizhu.drivers.locker")

OFFLINE_REASON = "文件柜未连接"
SILENT_REASON = "锁控板无响应"
JAMMED_REASON = "柜门未能打开，请联系工作人员"
POLL_S = 0.05
T = TypeVar("T")


class SlotJammed(LockerError, DeviceHardwareError):
    """The slot did not show open after the open command."""


class BoardSilent(LockerError, DeviceTimeout):
    """The board did not answer."""


@dataclass(frozen=True)
class SlotRef:
    number: int  # 1-based, across boards
    board: LockerBoard
    lock: int  # 1-based on its board

    @property
    def label(self) -> str:
        return f"{self.number:02d}"


@dataclass(frozen=True)
class SlotReading:
    door: Literal[DoorState.OPEN, DoorState.CLOSED]
    occupied: bool | None = None  # item-present sensor (KR-CU16 infrared); None: the board has none


@dataclass
class _Jam:
    kind: Literal["no_open", "stuck_open"]
    since: float


class Locker(Device):
    def __init__(self, config: LockerConfig, name: str = "locker", clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.name = name
        self.dialect = Dialect(config.dialect)
        self.polarity = Polarity(config.feedback_polarity)
        baud = config.baudrate or lc.DEFAULT_BAUD[self.dialect]
        self.link = SerialLink(config.device, baud, OFFLINE_REASON)
        self.journal = OpenJournal(config.record_path)
        self.slots: dict[int, SlotRef] = {}
        n = 0
        for board in config.boards:
            for lock in range(1, board.slots + 1):
                n += 1
                self.slots[n] = SlotRef(n, board, lock)
        self._clock = clock
        self._bus = threading.Lock()
        self._silent: set[int] = set()  # board addresses that did not answer their last request
        self._garbled: set[int] = set()  # boards whose last answers were garbage even when asked again
        self._open_since: dict[int, float] = {}
        self._jams: dict[int, _Jam] = {}
        self._readings: dict[int, SlotReading] = {}
        self._reported: tuple[DeviceState, str] | None = None
        self.interrupted: list[OpenRecord] = []

    # ---- Device
    def open(self) -> None:
        # The port is exclusive: holding it, no other process can be in the middle of an open, so
        # every row still pending was left by a run that died.
        self.link.open()
        self.journal.open()
        self.interrupted = self.journal.recover()
        for rec in self.interrupted:
            log.warning("open of slot %02d (%s, session %s) was interrupted before its outcome was known; "
                        "record %d needs a person", rec.slot, mask_text(rec.why), rec.session, rec.id)

    def close(self) -> None:
        self.link.close()
        self.journal.close()

    # ---- one exchange on the bus
    def _exchange(self, board: int, request: bytes, reply_len: int, headers: tuple[int, ...],
                  decode: Callable[[bytes], T], *, attempts: int = 2) -> T:
        """Send ``request``, read one reply of ``reply_len`` bytes, decode it. A garbled or missing
        reply is asked for again (``attempts``); queries are harmless to repeat."""
        last: DeviceError | None = None
        for _ in range(attempts):
            try:
                result = self._once(request, reply_len, headers, decode)
            except (LockerFrameError, DeviceTimeout) as exc:
                last = exc
                continue
            if board in self._silent or board in self._garbled:
                log.info("locker board %02d answers again", board)
                self._silent.discard(board)
                self._garbled.discard(board)
            return result
        assert last is not None
        if isinstance(last, LockerFrameError):
            if board not in self._garbled:
                log.warning("locker board %02d answers garbage: %s", board, last)
            self._garbled.add(board)
        else:
            if board not in self._silent:
                log.warning("locker board %02d is silent: %s", board, last)
            self._silent.add(board)
            raise BoardSilent(f"board {board}: {last}", f"{board:02d}号{SILENT_REASON}")
        raise last

    def _once(self, request: bytes, reply_len: int, headers: tuple[int, ...], decode: Callable[[bytes], T]) -> T:
        if not self._bus.acquire(timeout=self.config.timeout_s * 4):
            raise DeviceTimeout("bus busy", SILENT_REASON)
        try:
            if not self.link.is_open:
                self.link.open()
            deadline = time.monotonic() + self.config.timeout_s
            self.link.discard_input()
            self.link.write(request)
            buf = bytearray()
            while True:
                frame = lc.take_frame(buf, headers, reply_len)
                if frame is not None:
                    return decode(frame)
                chunk = self.link.read_some(deadline)
                if not chunk:
                    if buf:
                        raise lc.BadLength(f"reply cut short: {len(buf)} of {reply_len} bytes", lc.LINK_REASON)
                    raise DeviceTimeout(f"no reply to {request.hex(' ')} within {self.config.timeout_s} s",
                                        SILENT_REASON)
                buf += chunk
        finally:
            self._bus.release()

    # ---- reading feedback
    def _reading(self, active: bool, occupied: bool | None = None) -> SlotReading:
        closed = self.polarity.is_closed(active)
        return SlotReading(DoorState.CLOSED if closed else DoorState.OPEN, occupied)

    def query_board(self, board: LockerBoard) -> dict[int, SlotReading]:
        """Every lock of one board (query all / KR-CU16 status), by lock number on the board."""
        if self.dialect is Dialect.GENERIC:
            flags = self._exchange(board.address, lc.encode_query_all(board.address),
                                   lc.query_all_reply_len(board.slots), (lc.HDR_QUERY,),
                                   lambda f: lc.decode_query_all_reply(f, board.address, board.slots))
            readings = {i + 1: self._reading(a) for i, a in enumerate(flags)}
        else:
            st = self._kr_status(board)
            readings = {i + 1: self._reading(st.hooks[i], st.infrared[i]) for i in range(board.slots)}
        base = next(s.number for s in self.slots.values() if s.board == board) - 1
        for lock, reading in readings.items():
            self._note(base + lock, reading)
        return readings

    def _kr_status(self, board: LockerBoard, request: bytes | None = None,
                   cmds: tuple[int, ...] = (lc.KR_STATUS,), attempts: int = 2) -> lc.KrState:
        """One KR-CU16 status frame, in answer to a status request or (``request``) an unlock;
        the reply's ADDR echoes the request's."""
        req = lc.kr_status(board.address) if request is None else request
        return self._exchange(board.address, req, lc.KR_STATUS_LEN, (lc.STX,),
                              lambda f: lc.kr_decode_status_reply(f, req[1], cmds), attempts=attempts)

    def query_slot(self, slot: int) -> SlotReading:
        ref = self._ref(slot)
        if self.dialect is Dialect.GENERIC:
            active = self._exchange(ref.board.address, lc.encode_query(ref.board.address, ref.lock), lc.GENERIC_LEN,
                                    (lc.HDR_QUERY,),
                                    lambda f: lc.decode_feedback_reply(f, lc.HDR_QUERY, ref.board.address, ref.lock))
            reading = self._reading(active)
        else:
            st = self._kr_status(ref.board)
            reading = self._reading(st.hooks[ref.lock - 1], st.infrared[ref.lock - 1])
        self._note(slot, reading)
        return reading

    def query_all(self) -> dict[int, SlotReading]:
        """Every slot of every board that answers (silent boards are left out and marked silent)."""
        out: dict[int, SlotReading] = {}
        for board in self.config.boards:
            try:
                readings = self.query_board(board)
            except (BoardSilent, LockerFrameError):
                continue  # recorded as silent or garbled: the other boards still count
            base = next(s.number for s in self.slots.values() if s.board == board) - 1
            out.update({base + lock: r for lock, r in readings.items()})
        return out

    def _ref(self, slot: int) -> SlotRef:
        try:
            return self.slots[slot]
        except KeyError:
            raise ValueError(f"no slot {slot}; this locker has slots 1-{len(self.slots)}") from None

    def _note(self, slot: int, reading: SlotReading) -> None:
        """Track how long each door has been open, and clear jams the feedback disproves."""
        now = self._clock()
        self._readings[slot] = reading
        jam = self._jams.get(slot)
        if reading.door is DoorState.OPEN:
            self._open_since.setdefault(slot, now)
            if now - self._open_since[slot] > self.config.stuck_open_s and jam is None:
                log.warning("locker slot %02d has been open %.0f s: it does not close again", slot,
                            now - self._open_since[slot])
                self._jams[slot] = _Jam("stuck_open", now)
        else:
            self._open_since.pop(slot, None)
            if jam is not None and jam.kind == "stuck_open":
                log.info("locker slot %02d is closed again", slot)
                del self._jams[slot]

    # ---- opening
    def open_slot(self, slot: int, why: str, session: str, once: bool = True) -> OpenRecord:
        """Open one slot and confirm it shows open. ``why`` names the reason ("pickup:<order>");
        with ``once`` a second open for the same reason is refused (journal.AlreadyOpened)."""
        ref = self._ref(slot)
        if not self.link.is_open:
            self.link.open()  # a missing port fails here, before anything is recorded or sent
        rec = self.journal.begin(slot, board=ref.board.address, lock=ref.lock, why=why, session=session,
                                 once=once)
        log.info("opening locker slot %02d for %s (session %s, record %d)", slot, mask_text(why), session, rec.id)
        try:
            return self._open_and_confirm(ref, rec)
        except BaseException as exc:
            if self.journal.get(rec.id).outcome == "pending":
                self.journal.finish(rec.id, "unconfirmed", f"{type(exc).__name__}: {exc}")
            raise

    def _open_and_confirm(self, ref: SlotRef, rec: OpenRecord) -> OpenRecord:
        slot = ref.number
        t0 = time.monotonic()
        answered = False
        try:
            shown_open = self._send_open(ref)
            answered = True
        except (LockerFrameError, BoardSilent) as exc:
            # Never send the open twice: whether it acted is learnt from the feedback below.
            log.warning("locker slot %02d: open command got no clean reply (%s); checking its feedback", slot, exc)
            shown_open = False
        deadline = t0 + self.config.open_confirm_s
        while not shown_open and time.monotonic() < deadline:
            threading.Event().wait(min(POLL_S, max(0.0, deadline - time.monotonic())))
            try:
                shown_open = self.query_slot(slot).door is DoorState.OPEN
                answered = True
            except (LockerFrameError, BoardSilent):
                continue
        took = time.monotonic() - t0
        if shown_open:
            self._jams.pop(slot, None)
            self._open_since[slot] = self._clock()
            occupied = self._readings[slot].occupied if slot in self._readings else None
            self._readings[slot] = SlotReading(DoorState.OPEN, occupied)
            return self.journal.finish(rec.id, "opened", f"confirmed open in {took:.3f} s")
        if not answered:
            self.journal.finish(rec.id, "unconfirmed", "the board did not answer: the door may or may not be open")
            raise BoardSilent(f"slot {slot}: board {ref.board.address} silent during open",
                              f"{ref.board.address:02d}号{SILENT_REASON}")
        self._jams[slot] = _Jam("no_open", self._clock())
        self.journal.finish(rec.id, "jammed", f"not seen open within {self.config.open_confirm_s} s")
        log.warning("locker slot %02d did not open within %.1f s: jammed", slot, self.config.open_confirm_s)
        raise SlotJammed(f"slot {slot} not seen open within {self.config.open_confirm_s} s",
                         f"{slot:02d}号{JAMMED_REASON}")

    def _send_open(self, ref: SlotRef) -> bool:
        """Send the open once; True when the reply already shows the door open."""
        a = ref.board.address
        if self.dialect is Dialect.GENERIC:
            active = self._exchange(a, lc.encode_open(a, ref.lock), lc.GENERIC_LEN, (lc.HDR_OPEN,),
                                    lambda f: lc.decode_feedback_reply(f, lc.HDR_OPEN, a, ref.lock), attempts=1)
            return not self.polarity.is_closed(active)
        # KR-CU16 answers an unlock with its status frame; whether CMD echoes 31 or reads 30 is unconfirmed.
        st = self._kr_status(ref.board, lc.kr_unlock(a, ref.lock), (lc.KR_UNLOCK, lc.KR_STATUS), attempts=1)
        return not self.polarity.is_closed(st.hooks[ref.lock - 1])

    def wait_closed(self, slot: int, within_s: float) -> bool:
        """Poll one slot until it shows closed or ``within_s`` passes."""
        deadline = time.monotonic() + within_s
        while True:
            try:
                if self.query_slot(slot).door is DoorState.CLOSED:
                    return True
            except (LockerFrameError, BoardSilent):
                pass
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            threading.Event().wait(min(POLL_S, left))

    # ---- status and self-test
    def status(self) -> LockerStatus:
        try:
            self.query_all()
        except DeviceOffline as exc:
            return self._status(DeviceState.NO_DEVICE, exc.reason)
        return self._status()

    def _status(self, forced: DeviceState | None = None, forced_reason: str = "") -> LockerStatus:
        now = self._clock()
        slots: dict[str, LockerSlot] = {}
        for n, ref in self.slots.items():
            reading = self._readings.get(n)
            unknown = reading is None or ref.board.address in self._silent | self._garbled
            door: DoorState = DoorState.UNKNOWN if unknown or reading is None else reading.door
            if n in self._jams:
                door = DoorState.JAMMED
            since = self._open_since.get(n)
            slots[ref.label] = LockerSlot(door=door, occupied=None if reading is None else reading.occupied,
                                          open_too_long=since is not None
                                          and now - since > self.config.door_open_alarm_s)
        # A board that answers only garbage is as useless as a silent one: both are "not responding".
        boards = [LockerBoardStatus(address=b.address, responding=b.address not in self._silent | self._garbled)
                  for b in self.config.boards]
        reasons: list[str] = []
        silent = [b.address for b in self.config.boards if b.address in self._silent]
        garbled = [b.address for b in self.config.boards if b.address in self._garbled]
        if silent:
            reasons.append("、".join(f"{a:02d}号" for a in silent) + SILENT_REASON)
        if garbled:
            reasons.append("、".join(f"{a:02d}号" for a in garbled) + lc.LINK_REASON)
        jammed = sorted(n for n in self._jams)
        if jammed:
            reasons.append("、".join(f"{n:02d}号" for n in jammed) + "柜门卡住")
        left_open = [k for k, s in slots.items() if s.open_too_long]
        if left_open:
            reasons.append("、".join(f"{k}号" for k in left_open) + "柜门长时间未关")
        if forced is not None:
            state, reason = forced, forced_reason
        elif silent and len(silent) == len(self.config.boards):
            state, reason = DeviceState.OFFLINE, "；".join(reasons)
        elif silent or garbled or jammed:
            state, reason = DeviceState.HARDWARE_ERROR, "；".join(reasons)
        elif left_open:
            state, reason = DeviceState.USER_ERROR, "；".join(reasons)
        else:
            state, reason = DeviceState.ONLINE, ""
        if self._reported != (state, reason):
            level = logging.INFO if state is DeviceState.ONLINE else logging.WARNING
            log.log(level, "locker %s is %s%s", self.name, state.value, f": {reason}" if reason else "")
            self._reported = (state, reason)
        return LockerStatus(name=self.name, state=state, reason=reason, boards=boards, slots=slots)

    def self_test(self) -> SelfTestResult:
        """Each slot opened, seen open and seen closed again (a technician closes each door)."""
        results: dict[str, str] = {}
        t0 = time.monotonic()
        for board in self.config.boards:
            given_up: str | None = None  # after a silent board or a missing port, don't try its other slots
            for ref in (s for s in self.slots.values() if s.board == board):
                results[ref.label] = given_up or self._test_slot(ref)
                if results[ref.label] in ("board_silent", "offline"):
                    given_up = results[ref.label]
        bad = {k: v for k, v in results.items() if v != "ok"}
        if not bad:
            summary = f"{len(results)}个格口均能打开并重新关闭"
        else:
            parts: list[str] = []
            for outcome, words in (("jammed", "未能打开"), ("not_closed", "未能重新关闭"),
                                   ("record_error", "开箱记录无法写入")):
                labels = [k for k, v in bad.items() if v == outcome]
                if labels:
                    parts.append("、".join(f"{k}号" for k in labels) + words)
            for board in self.config.boards:
                labels = [s.label for s in self.slots.values() if s.board == board and bad.get(s.label) in
                          ("board_silent", "offline")]
                if labels:
                    why = OFFLINE_REASON if bad[labels[0]] == "offline" else f"{board.address:02d}号{SILENT_REASON}"
                    parts.append(f"{why}（{labels[0]}–{labels[-1]}号未测）")
            summary = "；".join(parts)
        return SelfTestResult(device=self.name, ok=not bad, summary=summary, status=self._status(),
                              details={"slots": results, "seconds": round(time.monotonic() - t0, 3)})

    def _test_slot(self, ref: SlotRef) -> str:
        try:
            self.open_slot(ref.number, why="self_test", session="diag", once=False)
        except SlotJammed:
            return "jammed"
        except BoardSilent:
            return "board_silent"
        except DeviceOffline:
            return "offline"
        except DeviceError:
            return "record_error"
        if not self.wait_closed(ref.number, self.config.close_confirm_s):
            self._jams[ref.number] = _Jam("stuck_open", self._clock())
            return "not_closed"
        return "ok"
