"""ESC/POS codec: exactly the bytes we emit, and a decoder for the bytes we (and python-escpos) send.

Pure functions and small classes; no sockets here (pymodbus habit: codec and transport apart).
The driver encodes with it, the simulator decodes with it, the tests check both against the byte
vectors of docs/protocols/printer.md §Byte vectors.

Why our own layer: python-escpos 3.1 sends Chinese as raw GB18030 only when a CJK ideograph is in
the string, turns punctuation-only lines into ``?`` (code-page path), knows nothing of ``FS &``,
and reports "paper OK" on an empty status read. Here text goes through :class:`TextEncoder`
(GB18030 or GBK, optional ``FS &``…``FS .`` wrap, visible replacement of what the printer cannot
print) and status bytes through :func:`decode_realtime_status`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
LF, CR, HT, FF = 0x0A, 0x0D, 0x09, 0x0C
EOT, ENQ = 0x04, 0x05

INIT = b"\x1b@"
FS_CHINESE_ON = b"\x1c&"  # FS & — enter Chinese (2-byte) mode
FS_CHINESE_OFF = b"\x1c."  # FS . — leave it
# DLE ENQ 2: recover from an error after clearing the receive and print buffers (Epson), so the rest
# of a failed job does not come out later, half a slip, when someone refills the paper.
RECOVER_CLEAR = b"\x10\x05\x02"

Encoding = Literal["gb18030", "gbk"]
Align = Literal["left", "center", "right"]
ALIGN_CODE: dict[str, int] = {"left": 0, "center": 1, "right": 2}
QR_EC: dict[str, int] = {"L": 0x30, "M": 0x31, "Q": 0x32, "H": 0x33}


# --------------------------------------------------------------------------------------------
# Commands we emit
# --------------------------------------------------------------------------------------------

def dle_eot(n: int) -> bytes:
    """Real-time status request ``DLE EOT n`` (n = 1 printer, 2 offline cause, 3 error, 4 paper)."""
    if n not in (1, 2, 3, 4):
        raise ValueError(f"DLE EOT n must be 1..4, not {n}")
    return bytes((DLE, EOT, n))


# One write, four one-byte answers in order: a full status costs one round trip.
STATUS_QUERY = b"".join(dle_eot(n) for n in (1, 2, 3, 4))
# GS r 1: paper sensor status, NOT real time: the printer answers when it reaches it in its buffer,
# i.e. after everything sent before it has been printed. The driver uses it as a progress marker.
PROGRESS_MARKER = b"\x1d\x72\x01"


def align(where: Align) -> bytes:
    return bytes((ESC, 0x61, ALIGN_CODE[where]))


def bold(on: bool) -> bytes:
    return bytes((ESC, 0x45, 1 if on else 0))


def char_size(width: int = 1, height: int = 1) -> bytes:
    """``GS ! n``: width and height multipliers 1..8 (applies to Chinese and ASCII alike)."""
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise ValueError(f"character size must be 1..8 × 1..8, not {width}×{height}")
    return bytes((GS, 0x21, ((width - 1) << 4) | (height - 1)))


def feed(lines: int) -> bytes:
    """``ESC d n``: print and feed n lines."""
    if not 0 <= lines <= 255:
        raise ValueError(f"feed must be 0..255 lines, not {lines}")
    return bytes((ESC, 0x64, lines))


def cut(partial: bool = False, feed_lines: int | None = 6) -> bytes:
    """Feed (``ESC d``) then cut (``GS V``), as python-escpos ``cut()``; ``feed_lines=None`` gives
    ``GS V 66 0`` (feed to the cutter and cut, one command), as python-escpos ``cut(feed=False)``."""
    if feed_lines is None:
        return bytes((GS, 0x56, 0x42, 0x00))
    return feed(feed_lines) + bytes((GS, 0x56, 1 if partial else 0))


def _gs_k(fn: int, params: bytes) -> bytes:
    n = len(params) + 2
    return bytes((GS, 0x28, 0x6B, n & 0xFF, n >> 8, 0x31, fn)) + params


def qr_native(data: str | bytes, size: int = 3, ec: Literal["L", "M", "Q", "H"] = "L") -> bytes:
    """Native QR (``GS ( k``, model 2), byte for byte what python-escpos ``qr(native=True)`` sends."""
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if not payload:
        raise ValueError("a QR code needs data")
    if len(payload) > 7089:
        raise ValueError(f"QR data too long: {len(payload)} bytes (at most 7089)")
    if not 1 <= size <= 16:
        raise ValueError(f"QR module size must be 1..16, not {size}")
    return (_gs_k(0x41, bytes((0x32, 0x00)))  # model 2
            + _gs_k(0x43, bytes((size,)))
            + _gs_k(0x45, bytes((QR_EC[ec],)))
            + _gs_k(0x50, b"\x30" + payload)
            + _gs_k(0x51, b"\x30"))


# GS v 0 limits we keep to: a row of at most 128 bytes (1024 dots, wider than any receipt head), and
# bands of at most 960 rows (python-escpos' default fragment height; our own bands are the printer's
# ``raster_band_rows``). See docs/protocols/printer.md §Raster images (GS v 0)
RASTER_MAX_WIDTH_BYTES = 128
RASTER_MAX_ROWS = 960


def raster(width_bytes: int, rows: int, data: bytes) -> bytes:
    """``GS v 0 0 xL xH yL yH d…``: one raster band, normal density, byte for byte what python-escpos
    ``image(impl="bitImageRaster")`` sends. ``data`` is ``rows`` rows of ``width_bytes`` bytes, the
    most significant bit the leftmost dot, 1 = black."""
    if not 1 <= width_bytes <= RASTER_MAX_WIDTH_BYTES:
        raise ValueError(f"raster row must be 1..{RASTER_MAX_WIDTH_BYTES} bytes, not {width_bytes}")
    if not 1 <= rows <= RASTER_MAX_ROWS:
        raise ValueError(f"raster band must be 1..{RASTER_MAX_ROWS} rows, not {rows}")
    if len(data) != width_bytes * rows:
        raise ValueError(f"raster data is {len(data)} bytes, not {width_bytes} × {rows}")
    return bytes((GS, 0x76, 0x30, 0x00, width_bytes & 0xFF, width_bytes >> 8, rows & 0xFF, rows >> 8)) + data


# --------------------------------------------------------------------------------------------
# Text: our own encoding layer
# --------------------------------------------------------------------------------------------

# What a citizen should see instead of a character the printer cannot print. Checked in order:
# this table, then compatibility normalisation (NFKC), then a visible box.
REPLACEMENTS: dict[str, str] = {
    "¥": "￥",  # GB18030 gives 4 bytes 81 30 84 36, printed as "0 6" by 2-byte printers
    "€": "EUR",
    "•": "·",
    "™": "TM",
    "©": "(C)",
    "®": "(R)",
    "\u00a0": " ",
    "\u3000": "  ",
    "\t": "    ",
    "\u2011": "-",
    "\u2212": "-",
}
MISSING_GLYPH = "□"  # A1 F5 in every GB code page: visible, never "?"


def _is_printable_bytes(b: bytes) -> bool:
    if len(b) == 1:
        return 0x20 <= b[0] < 0x7F
    return len(b) == 2 and b[0] >= 0x81 and b[1] >= 0x40


class TextEncoder:
    """Unicode → printer bytes. ``chinese_mode`` wraps 2-byte runs in ``FS &`` … ``FS .``."""

    def __init__(self, encoding: Encoding = "gb18030", chinese_mode: bool = False) -> None:
        "".encode(encoding)  # an unknown codec fails here, not in the middle of a job
        self.encoding: Encoding = encoding
        self.chinese_mode = chinese_mode
        self._cache: dict[str, str] = {}

    def printable_char(self, ch: str) -> str:
        """What the printer will print for ``ch``: itself, a visible replacement, or □."""
        got = self._cache.get(ch)
        if got is None:
            got = self._cache[ch] = self._lookup(ch)
        return got

    def _lookup(self, ch: str) -> str:
        candidates = [ch, REPLACEMENTS.get(ch, ""), unicodedata.normalize("NFKC", ch)]
        for cand in candidates:
            if not cand:
                continue
            try:
                if all(_is_printable_bytes(c.encode(self.encoding)) for c in cand):
                    return cand
            except UnicodeEncodeError:
                continue
        return MISSING_GLYPH

    def printable(self, text: str) -> str:
        """The text as it will come out of the printer (replacements applied)."""
        return "".join(self.printable_char(ch) for ch in text)

    def replacements(self, text: str) -> list[tuple[str, str]]:
        """Each character of ``text`` that will not print as itself, with what prints instead."""
        out: list[tuple[str, str]] = []
        for ch in dict.fromkeys(text):
            if ch != "\n" and self.printable_char(ch) != ch:
                out.append((ch, self.printable_char(ch)))
        return out

    def width(self, text: str) -> int:
        """Width in half-width cells: every 2-byte GB code prints as a full-width glyph."""
        return sum(1 if c.isascii() else 2 for c in self.printable(text))

    def encode(self, text: str) -> bytes:
        """Encode text (``\\n`` becomes LF); what cannot be printed is replaced visibly."""
        out = bytearray()
        run = bytearray()  # the current run of 2-byte characters

        def flush_run() -> None:
            if run:
                out.extend(FS_CHINESE_ON + run + FS_CHINESE_OFF if self.chinese_mode else run)
                run.clear()

        for ch in text:
            if ch == "\n":
                flush_run()
                out.append(LF)
                continue
            for pc in self.printable_char(ch):
                b = pc.encode(self.encoding)
                if len(b) == 1:
                    flush_run()
                    out.extend(b)
                else:
                    run.extend(b)
        flush_run()
        return bytes(out)


def wrap(text: str, width: int, measure: TextEncoder, indent: int = 0) -> list[str]:
    """Break ``text`` into printed lines of at most ``width`` cells.

    ASCII words (numbers, URLs, case ids) are kept whole when they fit a line; a line never starts
    with closing punctuation (，。、：；！？）》 …); continuation lines are indented by ``indent``.
    """
    if width < 2 or indent > width // 2:
        raise ValueError(f"cannot wrap to {width} cells with an indent of {indent}")
    lines: list[str] = []
    line, used = "", 0

    def newline() -> None:
        nonlocal line, used
        lines.append(line.rstrip())
        line, used = " " * indent, indent

    for tok in _tokens(measure.printable(text)):
        w = measure.width(tok)
        if used + w <= width:
            line, used = line + tok, used + w
        elif tok == " ":
            newline()
        elif tok.isascii() and w <= width - indent and line.strip():
            newline()
            line, used = line + tok, used + w
        else:  # wide text, or a word longer than a line: character by character
            for ch in tok:
                cw = measure.width(ch)
                if used + cw > width and line.strip():
                    carry = ""
                    if ch in _CLOSING and len(line.strip()) > 1:
                        carry, line = line[-1], line[:-1]
                    newline()
                    line, used = line + carry, used + measure.width(carry)
                line, used = line + ch, used + cw
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


_CLOSING = "，。、：；！？）》」』】〉”’…,.;:!?)"


def _tokens(text: str) -> list[str]:
    """ASCII words, single spaces and runs of wide characters."""
    out: list[str] = []
    cur = ""
    for ch in text:
        kind = 0 if ch == " " else 1 if ch.isascii() else 2
        prev = None if not cur else (0 if cur[-1] == " " else 1 if cur[-1].isascii() else 2)
        if prev is not None and (kind != prev or kind == 0):
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def decode_text(data: bytes, chinese: bool, encoding: Encoding = "gb18030") -> str:
    """What a printer prints for these text bytes.

    In Chinese mode a lead byte ≥ 0x81 and a trail byte ≥ 0x40 make one 2-byte glyph; a 2-byte-only
    printer shows anything else (such as GB18030's 4-byte codes) as "�". Outside Chinese mode a byte
    ≥ 0x80 is a character of code page 437 — the mojibake a printer needing ``FS &`` produces.
    """
    out: list[str] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif chinese and b >= 0x81 and i + 1 < len(data) and data[i + 1] >= 0x40 and data[i + 1] != 0x7F:
            try:
                out.append(data[i:i + 2].decode(encoding))
            except UnicodeDecodeError:
                out.append("\ufffd")
            i += 2
        elif chinese:
            out.append("\ufffd")
            i += 1
        else:
            out.append(bytes((b,)).decode("cp437"))
            i += 1
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Status bytes (docs/protocols/printer.md §Status (DLE EOT))
# --------------------------------------------------------------------------------------------

class StatusReplyError(ValueError):
    """A status reply the protocol does not allow (garbage), or too few bytes (empty read)."""


# Bit positions, one table for the driver (decode) and the simulator (encode).
N1_DRAWER, N1_OFFLINE, N1_WAITING_RECOVERY, N1_FEED_BUTTON = 0x04, 0x08, 0x20, 0x40
N2_COVER_OPEN, N2_FEEDING, N2_PAPER_END_STOP, N2_ERROR = 0x04, 0x08, 0x20, 0x40
N3_MECHANICAL, N3_CUTTER, N3_UNRECOVERABLE, N3_AUTO_RECOVERABLE = 0x04, 0x08, 0x20, 0x40
N4_NEAR_END, N4_PAPER_END = 0x0C, 0x60
GSR1_NEAR_END, GSR1_PAPER_END = 0x03, 0x0C
STATUS_FIXED = 0x12  # bits 1 and 4 set, 0 and 7 clear: the form 0xx1xx10


def is_realtime_status_byte(b: int) -> bool:
    """``0xx1xx10`` — a DLE EOT reply (ASB is ``0xx1xx00``, GS r has bit 4 clear)."""
    return b & 0x93 == STATUS_FIXED


def is_transmit_status_byte(b: int) -> bool:
    """A ``GS r 1`` reply: bit 4 and bit 7 clear."""
    return b & 0x90 == 0


def status_byte(bits: int = 0) -> int:
    """A DLE EOT reply with the given condition bits (the simulator's side)."""
    if bits & 0x93:
        raise ValueError(f"bits {bits:#04x} overlap the fixed bits of a status byte")
    return STATUS_FIXED | bits


@dataclass(frozen=True)
class RealtimeStatus:
    """The four DLE EOT replies of one poll, decoded."""

    printer: int
    offline_cause: int
    error: int
    paper: int

    @classmethod
    def decode(cls, replies: bytes) -> RealtimeStatus:
        """Decode the replies to ``DLE EOT 1,2,3,4``. Raises :class:`StatusReplyError`."""
        if len(replies) != 4:
            raise StatusReplyError(f"expected 4 status bytes, got {len(replies)} ({replies.hex(' ') or 'none'})")
        bad = [f"{b:02X}" for b in replies if not is_realtime_status_byte(b)]
        if bad:
            raise StatusReplyError(f"not a DLE EOT reply: {' '.join(bad)} (in {replies.hex(' ')})")
        return cls(*replies)

    def encode(self) -> bytes:
        return bytes((self.printer, self.offline_cause, self.error, self.paper))

    @property
    def offline(self) -> bool:
        return bool(self.printer & N1_OFFLINE)

    @property
    def cover_open(self) -> bool:
        return bool(self.offline_cause & N2_COVER_OPEN)

    @property
    def stopped_by_paper_end(self) -> bool:
        return bool(self.offline_cause & N2_PAPER_END_STOP)

    @property
    def error_occurred(self) -> bool:
        return bool(self.offline_cause & N2_ERROR)

    @property
    def mechanical_error(self) -> bool:
        return bool(self.error & N3_MECHANICAL)

    @property
    def cutter_error(self) -> bool:
        return bool(self.error & N3_CUTTER)

    @property
    def unrecoverable(self) -> bool:
        return bool(self.error & N3_UNRECOVERABLE)

    @property
    def auto_recoverable(self) -> bool:
        return bool(self.error & N3_AUTO_RECOVERABLE)

    @property
    def paper_near_end(self) -> bool:
        return self.paper & N4_NEAR_END == N4_NEAR_END

    @property
    def paper_end(self) -> bool:
        return self.paper & N4_PAPER_END == N4_PAPER_END


# --------------------------------------------------------------------------------------------
# Decoder: bytes → operations (for the simulator, and to check what python-escpos emits)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Op:
    """One decoded ESC/POS operation. ``name`` says what; ``args`` its parameters; ``data`` bytes."""

    name: str
    args: tuple[int, ...] = ()
    data: bytes = b""
    raw: bytes = b""


# Fixed-length commands: (prefix, command byte) → (op name, number of argument bytes).
_FIXED: dict[tuple[int, int], tuple[str, int]] = {
    (ESC, 0x40): ("init", 0),
    (ESC, 0x61): ("align", 1),
    (ESC, 0x45): ("bold", 1),
    (ESC, 0x47): ("double_strike", 1),
    (ESC, 0x21): ("print_mode", 1),
    (ESC, 0x2D): ("underline", 1),
    (ESC, 0x4D): ("font", 1),
    (ESC, 0x64): ("feed", 1),
    (ESC, 0x4A): ("feed_dots", 1),
    (ESC, 0x74): ("code_page", 1),
    (ESC, 0x32): ("line_spacing_default", 0),
    (ESC, 0x33): ("line_spacing", 1),
    (ESC, 0x70): ("drawer", 3),
    (ESC, 0x7B): ("upside_down", 1),
    (ESC, 0x52): ("charset", 1),
    (ESC, 0x20): ("right_spacing", 1),
    (ESC, 0x24): ("abs_position", 2),
    (GS, 0x21): ("char_size", 1),
    (GS, 0x68): ("barcode_height", 1),
    (GS, 0x77): ("barcode_width", 1),
    (GS, 0x66): ("barcode_font", 1),
    (GS, 0x48): ("barcode_hri", 1),
    (GS, 0x72): ("transmit_status", 1),
    (GS, 0x61): ("asb", 1),
    (GS, 0x42): ("reverse", 1),
    (GS, 0x4C): ("left_margin", 2),
    (GS, 0x57): ("print_width", 2),
    (GS, 0x49): ("printer_id", 1),
    (FS, 0x26): ("chinese_on", 0),
    (FS, 0x2E): ("chinese_off", 0),
    (FS, 0x21): ("chinese_print_mode", 1),
    (FS, 0x57): ("chinese_quadruple", 1),
    (FS, 0x2D): ("chinese_underline", 1),
    (FS, 0x43): ("chinese_code_system", 1),
    (FS, 0x53): ("chinese_spacing", 2),
    (DLE, EOT): ("status_request", 1),
    (DLE, ENQ): ("realtime_request", 1),
}


class Decoder:
    """Incremental ESC/POS parser: ``feed(bytes) -> [Op]``; an incomplete command waits for more."""

    def __init__(self) -> None:
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        return len(self._buf)

    def feed(self, data: bytes) -> list[Op]:
        self._buf.extend(data)
        ops: list[Op] = []
        i = 0
        buf = self._buf
        while i < len(buf):
            parsed = _parse_one(buf, i)
            if parsed is None:
                break
            op, i = parsed
            ops.append(op)
        del self._buf[:i]
        return ops


def decode_all(data: bytes) -> list[Op]:
    """Decode a complete byte string; raises ValueError if it ends in the middle of a command."""
    d = Decoder()
    ops = d.feed(data)
    if d.pending:
        raise ValueError(f"{d.pending} trailing byte(s) form an incomplete command")
    return ops


def _parse_one(buf: bytearray, i: int) -> tuple[Op, int] | None:
    b = buf[i]
    if b >= 0x20:  # text: printable ASCII and every byte of a multi-byte character
        j = i
        while j < len(buf) and buf[j] >= 0x20:
            j += 1
        return Op("text", data=bytes(buf[i:j]), raw=bytes(buf[i:j])), j
    if b == LF:
        return Op("line_feed", raw=b"\n"), i + 1
    if b not in (ESC, GS, FS, DLE):
        return Op({CR: "carriage_return", HT: "tab", FF: "form_feed"}.get(b, "control"), (b,), raw=bytes((b,))), i + 1
    if i + 1 >= len(buf):
        return None
    c = buf[i + 1]
    fixed = _FIXED.get((b, c))
    if fixed is not None:
        name, n = fixed
        if i + 2 + n > len(buf):
            return None
        args = tuple(buf[i + 2:i + 2 + n])
        return Op(name, args, raw=bytes(buf[i:i + 2 + n])), i + 2 + n
    if b == GS and c == 0x56:  # GS V m [n]
        if i + 2 >= len(buf):
            return None
        m = buf[i + 2]
        n_extra = 1 if m in (65, 66, 97, 98, 103, 104) else 0
        end = i + 3 + n_extra
        if end > len(buf):
            return None
        return Op("cut", tuple(buf[i + 2:end]), raw=bytes(buf[i:end])), end
    if b == GS and c == 0x28:  # GS ( fn pL pH data
        if i + 5 > len(buf):
            return None
        n = buf[i + 3] | (buf[i + 4] << 8)
        end = i + 5 + n
        if end > len(buf):
            return None
        body = bytes(buf[i + 5:end])
        fn_letter = buf[i + 2]
        if fn_letter == 0x6B and len(body) >= 2 and body[0] == 0x31:  # GS ( k, cn 49 = QR
            names = {0x41: "qr_model", 0x43: "qr_size", 0x45: "qr_ec", 0x50: "qr_store", 0x51: "qr_print"}
            name = names.get(body[1], "qr_other")
            if name == "qr_store":
                return Op(name, (body[2],) if len(body) > 2 else (), data=body[3:], raw=bytes(buf[i:end])), end
            return Op(name, tuple(body[2:]), raw=bytes(buf[i:end])), end
        return Op("gs_paren", (fn_letter,), data=body, raw=bytes(buf[i:end])), end
    if b == GS and c == 0x6B:  # GS k m ...: barcode
        if i + 2 >= len(buf):
            return None
        m = buf[i + 2]
        if m <= 6:  # data terminated by NUL
            try:
                end = buf.index(0, i + 3)
            except ValueError:
                return None
            return Op("barcode", (m,), data=bytes(buf[i + 3:end]), raw=bytes(buf[i:end + 1])), end + 1
        if i + 3 >= len(buf):
            return None
        n = buf[i + 3]
        end = i + 4 + n
        if end > len(buf):
            return None
        return Op("barcode", (m,), data=bytes(buf[i + 4:end]), raw=bytes(buf[i:end])), end
    if b == GS and c == 0x76:  # GS v 0 m xL xH yL yH d…: raster image
        if i + 8 > len(buf):
            return None
        x = buf[i + 4] | (buf[i + 5] << 8)
        y = buf[i + 6] | (buf[i + 7] << 8)
        end = i + 8 + x * y
        if end > len(buf):
            return None
        return Op("raster", (x, y), data=bytes(buf[i + 8:end]), raw=bytes(buf[i:end])), end
    return Op("unknown", (b, c), raw=bytes(buf[i:i + 2])), i + 2
