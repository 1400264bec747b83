"""Production driver of the second-generation ID card reader (二代身份证阅读器), GA 467 over serial.

One read is find → select → read base (→ read newest appended address), all within the read's
timeout; a card or a clear, typed reason comes back, never a hang. A kiosk session
(:meth:`IdCardReader.new_session`) reads a card once: a card left on the reader is not read again
until the next session. Card contents are never logged unmasked and never kept past the session.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Literal

from drivers.base import Device, DeviceError, DeviceOffline, DeviceTimeout, DeviceUserError, SelfTestResult
from drivers.idcard import codec
from drivers.idcard.card import CardDataError, IdCard, decode_address, decode_text
from drivers.idcard.codec import (
    FrameBuffer,
    FrameError,
    IdCardError,
    NoCard,
    NoContent,
    Reply,
    SamError,
    TruncatedFrame,
)
from drivers.idcard.config import IdCardConfig
from drivers.idcard.photo import WltDecoder, decode_photo, load_decoder
from drivers.serialport import SerialLink
from wire.status import DeviceState, IdCardReaderStatus

log = logging.getLogger("zizhu.drivers.idcard")

OFFLINE_REASON = "读卡器未连接"
SILENT_REASON = "读卡器无响应"
ALREADY_READ_REASON = "本次业务已读取该证件，请取走身份证"
POLL_INTERVAL_S = 0.2
# Errors after which trying again within the same read may succeed (card moving in the field,
# a noisy line); anything else (SAM, bad card data, refused command) is reported at once.
RETRYABLE: tuple[type[DeviceError], ...] = (NoCard, codec.CardReadFailed, FrameError, DeviceTimeout)


class CardAlreadyRead(IdCardError, DeviceUserError):
    """This card was already read in the current session."""


@dataclass
class ReadSession:
    """One citizen's session at the kiosk. Keeps only digests of the numbers it has read."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    seen: set[str] = field(default_factory=set)


def _digest(card: IdCard) -> str:
    return hashlib.sha256(f"{card.kind}:{card.number}".encode()).hexdigest()


class IdCardReader(Device):
    def __init__(self, config: IdCardConfig, name: str = "idcard", photo_decoder: WltDecoder | None = None) -> None:
        self.config = config
        self.name = name
        self.link = SerialLink(config.device, config.baudrate, OFFLINE_REASON)
        self.photo_decoder = photo_decoder if photo_decoder is not None else load_decoder(config.photo_decoder)
        self.session = ReadSession()
        self._lock = threading.Lock()
        self._sam_id: str | None = None
        self._last_read: Literal["ok", "no_card", "failed", "none"] = "none"
        self._reported: tuple[DeviceState, str] | None = None
        self.timings: dict[str, float] = {}  # seconds of the last exchange per command (for bench)

    # ---- Device
    def open(self) -> None:
        self.link.open()

    def close(self) -> None:
        self.link.close()

    # ---- one exchange
    def command(self, name: str, data: bytes = b"", timeout_s: float | None = None) -> Reply:
        """Send one request, return the checked reply (SW3 OK), or raise a typed error."""
        timeout = self.config.command_timeout_s if timeout_s is None else timeout_s
        if not self._lock.acquire(timeout=max(timeout, 0.001)):
            raise DeviceTimeout(f"{name}: reader busy with another request", SILENT_REASON)
        try:
            return self._exchange(name, data, time.monotonic() + timeout)
        finally:
            self._lock.release()

    def _exchange(self, name: str, data: bytes, deadline: float) -> Reply:
        if not self.link.is_open:
            self.link.open()
        t0 = time.monotonic()
        self.link.discard_input()
        self.link.write(codec.request(name, data))
        fb = FrameBuffer()
        while True:
            chunk = self.link.read_some(deadline)
            if not chunk:
                got = fb.pending()
                if got:
                    want = fb.expected()
                    raise TruncatedFrame(f"{name}: reply cut short: {got} of {want or '?'} bytes",
                                         codec.LINK_REASON)
                raise DeviceTimeout(f"{name}: no reply within {deadline - t0:.2f} s", SILENT_REASON)
            frames = fb.feed(chunk)
            if frames:
                reply = codec.decode_reply(frames[0])
                self.timings[name] = time.monotonic() - t0
                return reply.raise_for_status(name)

    # ---- the reader's commands
    def reset(self) -> None:
        self.command("reset")

    def sam_status(self) -> None:
        self.command("sam_status")

    def sam_id(self) -> str:
        self._sam_id = codec.decode_sam_id(self.command("sam_id").data)
        return self._sam_id

    def find_card(self, timeout_s: float | None = None) -> None:
        self.command("find", timeout_s=timeout_s)

    def select_card(self, timeout_s: float | None = None) -> None:
        self.command("select", timeout_s=timeout_s)

    def read_base(self, timeout_s: float | None = None) -> IdCard:
        base = codec.decode_base_data(self.command("read_base", timeout_s=timeout_s).data)
        return decode_text(base.text, base.photo)

    def read_appended_address(self, timeout_s: float | None = None) -> str | None:
        """The newest address endorsed on the card, or None when it has none (SW3 91)."""
        try:
            reply = self.command("read_address", timeout_s=timeout_s)
        except NoContent:
            return None
        return decode_address(codec.decode_address_data(reply.data)) or None

    # ---- sessions and whole reads
    def new_session(self, session_id: str | None = None) -> ReadSession:
        """Start a kiosk session: forgets which cards were read."""
        self.session = ReadSession(session_id) if session_id else ReadSession()
        return self.session

    def end_session(self) -> None:
        self.session = ReadSession()

    def read_card(self, timeout_s: float | None = None, with_address: bool = True) -> IdCard:
        """Find, select and read a card within ``timeout_s`` (config ``timeout_s``): waits for a
        card to be placed, retries a card that moved, and raises the last reason when time is up."""
        total = self.config.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + total
        last: DeviceError | None = None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                card = self._read_once(deadline, with_address)
            except RETRYABLE as exc:
                # A reader latches a card it has sent: after a spoilt read, "no card" is not the
                # news: the earlier failure is, so it is kept.
                if last is None or not isinstance(exc, NoCard) or isinstance(last, NoCard | DeviceTimeout):
                    last = exc
                self._last_read = "no_card" if isinstance(exc, NoCard) else "failed"
                # Wait a little before asking again, but never past the deadline.
                pause = min(POLL_INTERVAL_S, deadline - time.monotonic())
                if pause > 0:
                    threading.Event().wait(pause)
                continue
            except DeviceError as exc:
                self._last_read = "failed"
                log.warning("card read failed: %s", exc)
                raise
            self._last_read = "ok"
            log.info("card read: %s", card)
            return card
        if last is None:
            last = DeviceTimeout(f"no read attempt fitted in {total:.2f} s", SILENT_REASON)
        log.info("no card read within %.1f s: %s", total, last)
        raise last

    def _read_once(self, deadline: float, with_address: bool) -> IdCard:
        def left() -> float:
            return max(0.001, min(self.config.command_timeout_s, deadline - time.monotonic()))

        self.find_card(left())
        # A card found is read to its end, each command with its own timeout: the read's window bounds
        # the wait for a card, not its reading. Cut mid-way (a card placed at the window's end), the
        # reader latches the card and finds none until it is lifted: the citizen's card went unread.
        each = self.config.command_timeout_s
        self.select_card(each)
        card = self.read_base(each)
        digest = _digest(card)
        if digest in self.session.seen:
            raise CardAlreadyRead(f"card {card} already read in session {self.session.id}", ALREADY_READ_REASON)
        if with_address:
            card = replace(card, appended_address=self.read_appended_address(each))
        self.session.seen.add(digest)
        return card

    def photo_bmp(self, card: IdCard) -> bytes:
        """The card photo as BMP, through the configured vendor adapter (PhotoUnavailable otherwise)."""
        return decode_photo(self.photo_decoder, card.photo_wlt)

    # ---- status and self-test
    def status(self) -> IdCardReaderStatus:
        if self._lock.locked():
            return self._status(DeviceState.BUSY, "", "unknown")
        try:
            self.sam_status()
        except SamError as exc:
            return self._status(DeviceState.HARDWARE_ERROR, exc.reason, "error")
        except DeviceOffline as exc:
            return self._status(DeviceState.NO_DEVICE, exc.reason, "unknown")
        except DeviceError as exc:
            return self._status(DeviceState.OFFLINE, exc.reason, "unknown")
        return self._status(DeviceState.ONLINE, "", "ok")

    def _status(self, state: DeviceState, reason: str, sam: Literal["ok", "error", "unknown"]) -> IdCardReaderStatus:
        if state is not DeviceState.BUSY and self._reported != (state, reason):
            # Report a change once, not once per poll.
            level = logging.INFO if state is DeviceState.ONLINE else logging.WARNING
            log.log(level, "card reader %s is %s%s", self.name, state.value, f": {reason}" if reason else "")
            self._reported = (state, reason)
        return IdCardReaderStatus(name=self.name, state=state, reason=reason, sam=sam, sam_id=self._sam_id,
                                  last_read=self._last_read)

    def self_test(self) -> SelfTestResult:
        """SAM status and id, then one read of the technician's test card (in a session of its own)."""
        details: dict[str, object] = {}
        saved = self.session
        try:
            self.sam_status()
            details["sam_id"] = self.sam_id()
            self.session = ReadSession("self-test")
            card = self.read_card()
            details["card"] = card.masked()
            ok, summary = True, f"安全模块正常 (SAM {details['sam_id']})，读卡正常：{card.kind_name}"
        except DeviceError as exc:
            details["error"] = str(exc)
            details["error_type"] = type(exc).__name__
            where = "安全模块" if "sam_id" not in details else "读卡"
            ok, summary = False, f"{where}失败：{exc.reason}"
        finally:
            self.session = saved
        return SelfTestResult(device=self.name, ok=ok, summary=summary, details=details, status=self.status())


__all__ = ["CardAlreadyRead", "CardDataError", "IdCardReader", "ReadSession"]
