"""GA 467 "SAM" serial frames of the second-generation ID card reader: a pure codec, no I/O.

Request ``AA AA AA 96 69 | LEN(2, BE) | CMD PARA | DATA | CHK``, reply
``AA AA AA 96 69 | LEN(2, BE) | SW1 SW2 SW3 | DATA | CHK``. LEN counts every byte after itself,
CHK included; CHK is the XOR of every byte after the preamble (LEN included) up to CHK
(docs/protocols/idcard.md §Frames). SW3 is the reader's own status and the one we act on
(docs/protocols/idcard.md §SW3 codes).

The driver and the simulator both use this module: the driver encodes requests and decodes
replies, the simulator the other way round; :class:`FrameBuffer` cuts frames out of a byte stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from drivers.base import DeviceError, DeviceHardwareError, DeviceProtocolError, DeviceUserError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2  # preamble + LEN
# The longest legal reply is text + photo + 1024-byte fingerprint: 2321 bytes, LEN 2314. A LEN
# above this is garbage: waiting for up to 65 535 bytes would only turn a bad frame into a timeout.
MAX_LEN = 2321 - HEADER_LEN
TEXT_LEN = 256
PHOTO_LEN = 1024
ADDRESS_LEN = 70
SAM_ID_LEN = 16


class Command(IntEnum):
    """CMD bytes (the PARA byte completes them, see :data:`REQUESTS`)."""

    RESET = 0x10
    SAM_STATUS = 0x11
    SAM_ID = 0x12
    CARD = 0x20
    READ = 0x30
    BAUD = 0x60
    MAX_RF = 0x61


# (CMD, PARA) of every request this project sends. Names are the driver's operations.
REQUESTS: dict[str, tuple[int, int]] = {
    "reset": (Command.RESET, 0xFF),
    "sam_status": (Command.SAM_STATUS, 0xFF),
    "sam_id": (Command.SAM_ID, 0xFF),
    "find": (Command.CARD, 0x01),
    "select": (Command.CARD, 0x02),
    "read_base": (Command.READ, 0x01),
    "read_address": (Command.READ, 0x03),
    "read_fingerprint": (Command.READ, 0x10),
}
BAUD_PARA: dict[int, int] = {115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04}


class SW3(IntEnum):
    """The reader's status byte (docs/protocols/idcard.md §SW3 codes)."""

    OK = 0x90
    FIND_OK = 0x9F
    NO_CONTENT = 0x91
    RX_CHECKSUM = 0x10
    RX_LENGTH = 0x11
    BAD_COMMAND = 0x21
    UNAUTHORISED = 0x23
    UNRECOGNISED = 0x24
    CARD_AUTH_SAM = 0x31
    SAM_AUTH_CARD = 0x32
    VERIFY_FAILED = 0x33
    UNKNOWN_CARD = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELF_TEST = 0x60
    SAM_NOT_AUTHORISED = 0x66
    NO_CARD = 0x80
    SELECT_FAILED = 0x81


# ---- typed errors ------------------------------------------------------------------------------

NO_CARD_REASON = "请将身份证放在感应区"
READ_FAILED_REASON = "读卡失败，请重新放置"
SAM_REASON = "读卡器安全模块故障"
LINK_REASON = "读卡器通信故障"


class IdCardError(DeviceError):
    """Mixin of every error of the card reader; ``sw3`` is set when the reader gave a status."""

    sw3: int | None = None


class FrameError(IdCardError, DeviceProtocolError):
    """A reply that is not a well-formed GA 467 frame (preamble, length, checksum)."""


class BadChecksum(FrameError):
    pass


class BadLength(FrameError):
    pass


class TruncatedFrame(FrameError):
    """Fewer bytes arrived than the frame's LEN announced."""


class NoCard(IdCardError, DeviceUserError):
    """No card in the field (SW3 80)."""


class CardReadFailed(IdCardError, DeviceUserError):
    """The card is there but could not be read: moved, bent, not genuine. Placing it again may help."""


class UnknownCardType(IdCardError, DeviceUserError):
    pass


class NoContent(IdCardError, DeviceUserError):
    """SW3 91: the card holds nothing for this item (e.g. no appended address)."""


class SamError(IdCardError, DeviceHardwareError):
    """The reader's security module (SAM) failed: a technician must look at the reader."""


class ReaderRejected(IdCardError, DeviceProtocolError):
    """The reader refused our frame (checksum, length, command): a software or link fault."""


@dataclass(frozen=True)
class Sw3Meaning:
    error: type[IdCardError] | None
    text: str  # for logs
    reason: str  # for people, Chinese first


SW3_MEANINGS: dict[int, Sw3Meaning] = {
    SW3.OK: Sw3Meaning(None, "OK", ""),
    SW3.FIND_OK: Sw3Meaning(None, "card found", ""),
    SW3.NO_CONTENT: Sw3Meaning(NoContent, "no content for this item", "证/卡中此项无内容"),
    SW3.RX_CHECKSUM: Sw3Meaning(ReaderRejected, "reader got a frame with a bad checksum", LINK_REASON),
    SW3.RX_LENGTH: Sw3Meaning(ReaderRejected, "reader got a frame with a bad length", LINK_REASON),
    SW3.BAD_COMMAND: Sw3Meaning(ReaderRejected, "bad command or parameters", LINK_REASON),
    SW3.UNAUTHORISED: Sw3Meaning(SamError, "unauthorised operation", SAM_REASON),
    SW3.UNRECOGNISED: Sw3Meaning(ReaderRejected, "unrecognised error", LINK_REASON),
    SW3.CARD_AUTH_SAM: Sw3Meaning(CardReadFailed, "card failed to authenticate the SAM", READ_FAILED_REASON),
    SW3.SAM_AUTH_CARD: Sw3Meaning(CardReadFailed, "SAM failed to authenticate the card", READ_FAILED_REASON),
    SW3.VERIFY_FAILED: Sw3Meaning(CardReadFailed, "information verification error", READ_FAILED_REASON),
    SW3.UNKNOWN_CARD: Sw3Meaning(UnknownCardType, "unknown card type", "无法识别的卡片，请放置身份证件"),
    SW3.READ_FAILED: Sw3Meaning(CardReadFailed, "read failed", READ_FAILED_REASON),
    SW3.RANDOM_FAILED: Sw3Meaning(CardReadFailed, "get-random failed", READ_FAILED_REASON),
    SW3.SAM_SELF_TEST: Sw3Meaning(SamError, "SAM self-test failed", SAM_REASON),
    SW3.SAM_NOT_AUTHORISED: Sw3Meaning(SamError, "SAM not authorised", SAM_REASON),
    SW3.NO_CARD: Sw3Meaning(NoCard, "no card (find failed)", NO_CARD_REASON),
    SW3.SELECT_FAILED: Sw3Meaning(CardReadFailed, "select failed", READ_FAILED_REASON),
}


def sw3_error(sw3: int, context: str = "") -> IdCardError | None:
    """The typed error an SW3 code means, or ``None`` for OK / find OK."""
    meaning = SW3_MEANINGS.get(sw3)
    where = f"{context}: " if context else ""
    if meaning is None:
        err: IdCardError = ReaderRejected(f"{where}unknown SW3 0x{sw3:02X}", LINK_REASON)
    elif meaning.error is None:
        return None
    else:
        err = meaning.error(f"{where}SW3 0x{sw3:02X} {meaning.text}", meaning.reason)
    err.sw3 = sw3
    return err


# ---- frames ------------------------------------------------------------------------------------


def checksum(body: bytes) -> int:
    """XOR of ``body`` = every byte after the preamble up to (not including) CHK."""
    x = 0
    for b in body:
        x ^= b
    return x


def _frame(payload: bytes) -> bytes:
    length = len(payload) + 1
    if length > 0xFFFF:
        raise ValueError(f"payload of {len(payload)} bytes does not fit a GA 467 frame")
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


def encode_request(cmd: int, para: int, data: bytes = b"") -> bytes:
    return _frame(bytes([cmd, para]) + data)


def request(name: str, data: bytes = b"") -> bytes:
    """``request("find")`` → ``AA AA AA 96 69 00 03 20 01 22``."""
    cmd, para = REQUESTS[name]
    return encode_request(cmd, para, data)


def encode_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return _frame(bytes([sw1, sw2, sw3]) + data)


def frame_payload(frame: bytes) -> bytes:
    """Check preamble, length and checksum of one whole frame; return what lies between LEN and CHK."""
    if len(frame) < HEADER_LEN + 1:
        raise TruncatedFrame(f"frame of {len(frame)} bytes is shorter than a header", LINK_REASON)
    if frame[: len(PREAMBLE)] != PREAMBLE:
        raise FrameError(f"bad preamble {frame[:5].hex(' ')}", LINK_REASON)
    length = int.from_bytes(frame[5:7], "big")
    if length < 1 or length > MAX_LEN:
        raise BadLength(f"LEN {length} outside 1..{MAX_LEN}", LINK_REASON)
    want = HEADER_LEN + length
    if len(frame) < want:
        raise TruncatedFrame(f"frame cut short: {len(frame)} of {want} bytes", LINK_REASON)
    if len(frame) > want:
        raise BadLength(f"frame of {len(frame)} bytes, LEN says {want}", LINK_REASON)
    body, chk = frame[5:-1], frame[-1]
    if checksum(body) != chk:
        raise BadChecksum(f"checksum 0x{chk:02X}, computed 0x{checksum(body):02X}", LINK_REASON)
    return frame[HEADER_LEN:-1]


@dataclass(frozen=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    def raise_for_status(self, context: str = "") -> Reply:
        err = sw3_error(self.sw3, context)
        if err is not None:
            raise err
        return self


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes = b""

    @property
    def name(self) -> str | None:
        return next((n for n, cp in REQUESTS.items() if cp == (self.cmd, self.para)), None)


def decode_reply(frame: bytes) -> Reply:
    payload = frame_payload(frame)
    if len(payload) < 3:
        raise BadLength(f"reply of LEN {len(payload) + 1} has no SW1 SW2 SW3", LINK_REASON)
    return Reply(payload[0], payload[1], payload[2], payload[3:])


def decode_request(frame: bytes) -> Request:
    payload = frame_payload(frame)
    if len(payload) < 2:
        raise BadLength(f"request of LEN {len(payload) + 1} has no CMD PARA", LINK_REASON)
    return Request(payload[0], payload[1], payload[2:])


class FrameBuffer:
    """Cuts whole frames out of a byte stream; bytes before a preamble are dropped and counted.

    ``feed`` returns the complete frames so far (checksum not yet checked: :func:`decode_reply`
    does that). A LEN no frame can have drops that preamble and hunts for the next one.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.discarded = 0

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        frames: list[bytes] = []
        while True:
            start = self._buf.find(PREAMBLE)
            if start < 0:
                # Keep a tail that may be the start of a preamble split across reads.
                keep = next((k for k in range(len(PREAMBLE) - 1, 0, -1)
                             if self._buf.endswith(PREAMBLE[:k])), 0)
                self.discarded += len(self._buf) - keep
                del self._buf[: len(self._buf) - keep]
                return frames
            if start:
                self.discarded += start
                del self._buf[:start]
            if len(self._buf) < HEADER_LEN:
                return frames
            length = int.from_bytes(self._buf[5:7], "big")
            if length < 1 or length > MAX_LEN:
                self.discarded += 1
                del self._buf[:1]
                continue
            total = HEADER_LEN + length
            if len(self._buf) < total:
                return frames
            frames.append(bytes(self._buf[:total]))
            del self._buf[:total]

    def pending(self) -> int:
        """Bytes of an incomplete frame held back (for a 'truncated' diagnosis)."""
        return len(self._buf)

    def expected(self) -> int | None:
        """Total size of the frame being assembled, once its LEN has arrived."""
        if len(self._buf) >= HEADER_LEN and self._buf.startswith(PREAMBLE):
            return HEADER_LEN + int.from_bytes(self._buf[5:7], "big")
        return None

    def clear(self) -> None:
        self._buf.clear()


# ---- reply payloads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BaseMessage:
    """Reply data of read base (30 01): the 256-byte text block and the 1024-byte WLT photo."""

    text: bytes
    photo: bytes
    fingerprint: bytes = b""


def encode_base_data(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    """Reply data of 30 01 (``fingerprint`` None) or 30 10: length words then the blocks."""
    head = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big")
    if fingerprint is None:
        return head + text + photo
    return head + len(fingerprint).to_bytes(2, "big") + text + photo + fingerprint


def decode_base_data(data: bytes, with_fingerprint: bool = False) -> BaseMessage:
    words = 3 if with_fingerprint else 2
    if len(data) < 2 * words:
        raise BadLength(f"read reply of {len(data)} data bytes has no length words", LINK_REASON)
    lengths = [int.from_bytes(data[2 * i: 2 * i + 2], "big") for i in range(words)]
    if lengths[0] != TEXT_LEN or lengths[1] != PHOTO_LEN:
        raise BadLength(f"text/photo lengths {lengths[0]}/{lengths[1]}, expected {TEXT_LEN}/{PHOTO_LEN}",
                        READ_FAILED_REASON)
    fp_len = lengths[2] if with_fingerprint else 0
    want = 2 * words + sum(lengths)
    if len(data) != want:
        raise BadLength(f"read reply carries {len(data)} data bytes, its length words say {want}",
                        READ_FAILED_REASON)
    off = 2 * words
    text = data[off: off + TEXT_LEN]
    photo = data[off + TEXT_LEN: off + TEXT_LEN + PHOTO_LEN]
    fp = data[off + TEXT_LEN + PHOTO_LEN: off + TEXT_LEN + PHOTO_LEN + fp_len]
    return BaseMessage(text, photo, fp)


def decode_address_data(data: bytes) -> bytes:
    """Reply data of 30 03: the 70-byte UCS-2 appended address."""
    if len(data) != ADDRESS_LEN:
        raise BadLength(f"address reply carries {len(data)} bytes, expected {ADDRESS_LEN}", READ_FAILED_REASON)
    return data


def encode_sam_id(a: int, b: int, c: int, d: int, e: int) -> bytes:
    return (a.to_bytes(2, "little") + b.to_bytes(2, "little") + c.to_bytes(4, "little")
            + d.to_bytes(4, "little") + e.to_bytes(4, "little"))


def decode_sam_id(data: bytes) -> str:
    """16 bytes = 2×uint16 LE + 3×uint32 LE, shown as LIBID2C does: ``05-01-20230101-0000000001-…``."""
    if len(data) != SAM_ID_LEN:
        raise BadLength(f"SAM id of {len(data)} bytes, expected {SAM_ID_LEN}", LINK_REASON)
    a = int.from_bytes(data[0:2], "little")
    b = int.from_bytes(data[2:4], "little")
    c = int.from_bytes(data[4:8], "little")
    d = int.from_bytes(data[8:12], "little")
    e = int.from_bytes(data[12:16], "little")
    return f"{a:02d}-{b:02d}-{c:08d}-{d:010d}-{e:010d}"


def wire_time_s(n_bytes: int, baudrate: int) -> float:
    """Time ``n_bytes`` take on an 8N1 line (10 bits a byte): 1295 B at 115200 baud ≈ 0.112 s."""
    return n_bytes * 10 / baudrate
