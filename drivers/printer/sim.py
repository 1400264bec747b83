"""A byte-true ESC/POS receipt printer: ``zizhu sim printer --listen HOST:PORT [--serial] [--scenario FILE]``.

:class:`PrinterModel` is the mechanism: it decodes what it is sent (:mod:`drivers.printer.codec`),
answers ``DLE EOT n`` and ``GS r 1`` from its state, uses up its paper roll line by line (near end,
then out: it stops and holds the rest in its buffer, as a real printer does), and can have its
cover opened, its cutter jammed, go offline, answer garbage, stay silent or drop the connection.
:class:`PrinterSimulator` puts it on a TCP port or a pseudo-terminal. What was printed can be read
back as text (what a citizen reads) and drawn as a PNG.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import select
import signal
import socket
import struct
import sys
import threading
import tty
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from drivers.printer import codec
from drivers.printer.slips import CUT_MARK, QR_MARK
from drivers.scenario import Scenario, ScenarioError, ScenarioPlayer

log = logging.getLogger(__name__)

FONT_REGULAR = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
DOTS_PER_CELL = 12  # a half-width character of the 24-dot font; a 58 mm head has 384 dots = 32 cells
LINE_DOTS = 30  # ESC 2 default line spacing (about 1/6 inch at 203 dpi)
GARBAGE = b"\xa5\xff"  # matches neither a DLE EOT nor a GS r reply
ReplyMode = Literal["normal", "garbage", "silent", "drop"]


@dataclass
class Segment:
    text: str
    width: int = 1
    height: int = 1
    bold: bool = False


@dataclass
class PaperLine:
    """One thing on the paper: a line of text, a QR code, an image, or a cut."""

    kind: Literal["text", "qr", "image", "cut"]
    segments: list[Segment] = field(default_factory=list)
    align: int = 0
    data: str = ""
    qr_size: int = 3
    qr_ec: str = "L"

    @property
    def text(self) -> str:
        match self.kind:
            case "text":
                return "".join(s.text for s in self.segments)
            case "qr":
                return QR_MARK + self.data
            case "cut":
                return CUT_MARK
            case _:
                return f"[image {self.data}]"

    @property
    def height(self) -> int:
        return max((s.height for s in self.segments), default=1)


class PrinterModel:
    """The simulated printer. Thread-safe; ``receive(bytes) -> reply bytes``."""

    EVENTS: Mapping[str, str] = {
        "paper": "value = full | near_end | out, or lines = N (paper left on the roll); near_end_lines = N",
        "cover": "value = open | closed; after_lines = N opens it in the middle of the next job",
        "cutter": "value = jam (the next cut jams) | ok (jam cleared)",
        "error": "value = unrecoverable | recoverable | none",
        "offline": "value = true | false (offline with no other cause)",
        "reply": "value = normal | garbage | silent | drop (how it answers status requests)",
        "disconnect": "reset every open connection now (TCP RST)",
        "power": "value = off | on (off: stop listening and drop connections)",
    }

    def __init__(self, *, encoding: codec.Encoding = "gb18030", chinese_default: bool = True,
                 columns: int = 32, roll_lines: int = 3000, near_end_lines: int = 200) -> None:
        self.encoding: codec.Encoding = encoding
        self.chinese_default = chinese_default
        self.columns = columns
        self.near_end_lines = near_end_lines
        self.paper_lines = roll_lines
        self.cover_open = False
        self.cutter_jam_armed = False
        self.cutter_error = False
        self.unrecoverable = False
        self.recoverable = False
        self.forced_offline = False
        self.reply_mode: ReplyMode = "normal"
        self.printed: list[PaperLine] = []
        self.lines_printed = 0
        self.received_bytes = 0
        self._lock = threading.RLock()
        self._decoder = codec.Decoder()
        self._queue: deque[codec.Op] = deque()
        self._triggers: list[list[Any]] = []  # [lines left, event, params]
        self._line: list[Segment] = []
        self._qr = {"size": 3, "ec": "L", "data": b""}
        self._reset_style()
        # Set by the transport: where replies produced later (a fault cleared) go, and hooks.
        self.deferred_output: Callable[[bytes], None] | None = None
        self.on_transport_event: Callable[[str, dict[str, Any]], None] | None = None
        self.on_change: list[Callable[[PrinterModel], None]] = []

    def _reset_style(self) -> None:
        self._align = 0
        self._bold = False
        self._size = (1, 1)
        self._chinese = self.chinese_default
        self._line = []

    # -- state ---------------------------------------------------------------------------------

    @property
    def paper_out(self) -> bool:
        return self.paper_lines <= 0

    @property
    def paper_near_end(self) -> bool:
        return self.paper_lines <= self.near_end_lines

    @property
    def can_print(self) -> bool:
        return not (self.paper_out or self.cover_open or self.cutter_error or self.unrecoverable
                    or self.recoverable or self.forced_offline)

    def status_byte(self, n: int) -> int:
        """The reply to ``DLE EOT n`` now (bit table of HARDWARE.md §3.1, from :mod:`codec`)."""
        with self._lock:
            bits = 0
            error = self.cutter_error or self.unrecoverable or self.recoverable
            if n == 1:
                bits |= codec.N1_OFFLINE if not self.can_print else 0
                bits |= codec.N1_WAITING_RECOVERY if error else 0
            elif n == 2:
                bits |= codec.N2_COVER_OPEN if self.cover_open else 0
                bits |= codec.N2_PAPER_END_STOP if self.paper_out else 0
                bits |= codec.N2_ERROR if error else 0
            elif n == 3:
                bits |= codec.N3_CUTTER if self.cutter_error else 0
                bits |= codec.N3_UNRECOVERABLE if self.unrecoverable else 0
                bits |= codec.N3_AUTO_RECOVERABLE if self.recoverable else 0
            elif n == 4:
                bits |= codec.N4_NEAR_END if self.paper_near_end else 0
                bits |= codec.N4_PAPER_END if self.paper_out else 0
            else:
                raise ValueError(f"DLE EOT {n}")
            return codec.status_byte(bits)

    def paper_sensor_byte(self) -> int:
        """The reply to ``GS r 1``."""
        return ((codec.GSR1_NEAR_END if self.paper_near_end else 0)
                | (codec.GSR1_PAPER_END if self.paper_out else 0))

    def describe(self, lines: bool = True) -> str:
        """One line for people: ``paper=near_end(150 lines) cover=closed ...``."""
        with self._lock:
            paper = "out" if self.paper_out else "near_end" if self.paper_near_end else "ok"
            flags = [f"paper={paper}" + (f"({max(0, self.paper_lines)} lines)" if lines else ""),
                     f"cover={'open' if self.cover_open else 'closed'}"]
            if self.cutter_error:
                flags.append("cutter=jammed")
            if self.unrecoverable:
                flags.append("error=unrecoverable")
            if self.recoverable:
                flags.append("error=recoverable")
            if self.forced_offline:
                flags.append("offline")
            if self.reply_mode != "normal":
                flags.append(f"reply={self.reply_mode}")
            return " ".join(flags)

    # -- bytes in, bytes out -----------------------------------------------------------------

    def receive(self, data: bytes) -> bytes:
        """Take bytes from the host; return what the printer answers at once."""
        with self._lock:
            before = self.describe()
            self.received_bytes += len(data)
            out = bytearray()
            for op in self._decoder.feed(data):
                if op.name == "status_request":  # real time: answered even when stopped
                    n = op.args[0]
                    if 1 <= n <= 4:
                        out.append(self.status_byte(n))
                elif op.name == "realtime_request":
                    if op.args[0] == 2:  # DLE ENQ 2: recover, clearing the buffers
                        self._queue.clear()
                        self._line = []
                else:
                    self._queue.append(op)
            out += self._run_queue()
            after = self.describe()
        if after != before:
            self._changed()
        return bytes(out)

    def _run_queue(self) -> bytes:
        out = bytearray()
        while self._queue and self.can_print:
            op = self._queue.popleft()
            reply = self._execute(op)
            if reply is None:  # could not finish (paper ran out): keep it at the head
                self._queue.appendleft(op)
                break
            out += reply
        return bytes(out)

    def _execute(self, op: codec.Op) -> bytes | None:
        match op.name:
            case "init":
                self._reset_style()
            case "align":
                self._align = op.args[0] % 48 if op.args[0] >= 48 else op.args[0]
            case "bold" | "double_strike":
                self._bold = bool(op.args[0] & 1)
            case "print_mode":
                n = op.args[0]
                self._bold = bool(n & 0x08)
                self._size = (2 if n & 0x20 else 1, 2 if n & 0x10 else 1)
            case "char_size":
                n = op.args[0]
                self._size = ((n >> 4) + 1, (n & 0x0F) + 1)
            case "chinese_on":
                self._chinese = True
            case "chinese_off":
                self._chinese = False
            case "text":
                text = codec.decode_text(op.data, self._chinese, self.encoding)
                self._line.append(Segment(text, *self._size, self._bold))
            case "line_feed":
                return b"" if self._print_line() else None
            case "feed":
                n = op.args[0]
                if self._line:
                    if not self._print_line():
                        return None
                    n -= 1
                for _ in range(max(0, n)):
                    if not self._print_line():
                        return None
            case "cut":
                if self._line and not self._print_line():
                    return None
                if self.cutter_jam_armed:
                    self.cutter_jam_armed = False
                    self.cutter_error = True
                    return b""
                self.printed.append(PaperLine("cut"))
            case "qr_size":
                self._qr["size"] = op.args[0]
            case "qr_ec":
                self._qr["ec"] = {0x30: "L", 0x31: "M", 0x32: "Q", 0x33: "H"}.get(op.args[0], "L")
            case "qr_store":
                self._qr["data"] = op.data
            case "qr_print":
                return b"" if self._print_qr() else None
            case "transmit_status":
                return bytes((self.paper_sensor_byte(),)) if op.args[0] in (1, 49) else b""
            case "raster":
                self.printed.append(PaperLine("image", data=f"{op.args[0] * 8}x{op.args[1]}"))
                self._consume(math.ceil(op.args[1] / LINE_DOTS))
            case "barcode":
                self.printed.append(PaperLine("image", data=f"barcode {op.data.decode('ascii', 'replace')}"))
                self._consume(3)
            case _:
                pass  # settings we do not draw (code page, spacing, drawer …)
        return b""

    def _print_line(self) -> bool:
        if self.paper_out:
            return False
        line = PaperLine("text", segments=self._line, align=self._align)
        self._line = []
        self.printed.append(line)
        self._consume(line.height)
        return True

    def _print_qr(self) -> bool:
        if self.paper_out:
            return False
        data = bytes(self._qr["data"]).decode("utf-8", "replace")  # type: ignore[call-overload]
        size = int(self._qr["size"])  # type: ignore[call-overload]
        self.printed.append(PaperLine("qr", align=1, data=data, qr_size=size, qr_ec=str(self._qr["ec"])))
        self._consume(math.ceil(_qr_modules(data, str(self._qr["ec"])) * size / LINE_DOTS) + 1)
        return True

    def _consume(self, lines: int) -> None:
        self.paper_lines = max(0, self.paper_lines - lines)
        self.lines_printed += lines
        fired = []
        for trig in self._triggers:
            trig[0] -= lines
            if trig[0] <= 0:
                fired.append(trig)
        for trig in fired:
            self._triggers.remove(trig)
            self._apply(trig[1], trig[2])

    # -- events (scenario files, tests) --------------------------------------------------------

    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        if event not in self.EVENTS:
            raise ScenarioError(f"printer: unknown event {event!r}; known: {', '.join(sorted(self.EVENTS))}")
        with self._lock:
            before = self.describe()
            after_lines = params.pop("after_lines", None)
            if after_lines is not None:
                self._triggers.append([int(after_lines), event, params])
                return
            self._apply(event, params)
            deferred = self._run_queue()
            after = self.describe()
        if deferred and self.deferred_output is not None:
            self.deferred_output(deferred)
        if after != before:
            self._changed()

    def _apply(self, event: str, params: dict[str, Any]) -> None:
        value = params.get("value")
        match event:
            case "paper":
                if "near_end_lines" in params:
                    self.near_end_lines = int(params["near_end_lines"])
                if "lines" in params:
                    self.paper_lines = int(params["lines"])
                elif value == "full":
                    self.paper_lines = max(3000, self.near_end_lines * 10)
                elif value == "near_end":
                    self.paper_lines = min(self.paper_lines, self.near_end_lines)
                elif value == "out":
                    self.paper_lines = 0
                elif value is not None:
                    raise ScenarioError(f"printer: paper: bad value {value!r}; expected full, near_end, out")
            case "cover":
                self.cover_open = _choice(event, value, {"open": True, "closed": False})
            case "cutter":
                jam = _choice(event, value, {"jam": True, "ok": False})
                self.cutter_jam_armed = jam
                if not jam:
                    self.cutter_error = False
            case "error":
                kind = _choice(event, value, {"unrecoverable": "u", "recoverable": "r", "none": ""})
                self.unrecoverable = kind == "u"
                self.recoverable = kind == "r"
            case "offline":
                self.forced_offline = _choice(event, value, {True: True, False: False, "true": True, "false": False})
            case "reply":
                self.reply_mode = _choice(event, value, {m: m for m in ("normal", "garbage", "silent", "drop")})
            case "disconnect" | "power":
                if event == "power":
                    _choice(event, value, {"on": 1, "off": 0})
                if self.on_transport_event is not None:
                    self.on_transport_event(event, params)

    def _changed(self) -> None:
        for cb in list(self.on_change):
            try:
                cb(self)
            except Exception:  # a listener must not break the printer
                log.exception("printer simulator: change listener failed")

    # -- what was printed ----------------------------------------------------------------------

    def printed_lines(self) -> list[str]:
        with self._lock:
            return [line.text for line in self.printed]

    def printed_text(self) -> str:
        """Everything printed, one line per paper line; QR codes and cuts as in a slip transcript."""
        return "\n".join(self.printed_lines())

    def slips(self) -> list[str]:
        """The text of each slip cut off so far (what follows the last cut is not a slip yet)."""
        lines = self.printed_lines()
        out, start = [], 0
        for cut in self.cut_positions():
            out.append("\n".join(lines[start:cut]).strip("\n"))
            start = cut + 1
        return out

    def cut_positions(self) -> list[int]:
        """Indexes in :attr:`printed` of the cuts."""
        with self._lock:
            return [i for i, line in enumerate(self.printed) if line.kind == "cut"]

    def layout_text(self, start: int = 0) -> str:
        """The paper as a citizen sees it: alignment applied, in a box ``columns`` cells wide."""
        enc = codec.TextEncoder(self.encoding)
        rows = []
        with self._lock:
            lines = self.printed[start:]
        for line in lines:
            if line.kind == "text":
                width = sum(enc.width(s.text) * s.width for s in line.segments)
                pad = {0: 0, 1: (self.columns - width) // 2, 2: self.columns - width}.get(line.align, 0)
                rows.append(" " * max(0, pad) + "".join(
                    s.text if s.width == 1 else "".join(c + " " * (s.width - 1) * enc.width(c) for c in s.text)
                    for s in line.segments))
            elif line.kind == "cut":
                rows.append("✂" + "-" * (self.columns - 2))
            else:
                rows.append(line.text.center(self.columns))
        return "\n".join(rows)

    def clear_paper(self) -> None:
        with self._lock:
            self.printed.clear()

    def render_png(self, path: str | Path | None = None, start: int = 0, end: int | None = None) -> Any:
        """Draw the paper (lines ``start:end``) as a PIL image; save it when ``path`` is given."""
        with self._lock:
            lines = list(self.printed[start:end])
        img = render_paper(lines, self.columns, self.encoding)
        if path is not None:
            img.save(str(path))
        return img


def _choice(event: str, value: Any, options: dict[Any, Any]) -> Any:
    if value not in options:
        raise ScenarioError(f"printer: {event}: bad value {value!r}; expected one of "
                            f"{', '.join(str(k) for k in options)}")
    return options[value]


def _qr_modules(data: str, ec: str) -> int:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

    levels = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
    q = qrcode.QRCode(error_correction=levels.get(ec, ERROR_CORRECT_L), box_size=1, border=0)
    q.add_data(data.encode("utf-8"))
    q.make(fit=True)
    return int(q.modules_count)


def render_paper(lines: list[PaperLine], columns: int, encoding: codec.Encoding = "gb18030") -> Any:
    """The paper as an image: 24-dot Noto Sans CJK in 12/24-dot cells, QR codes drawn by ``qrcode``."""
    import qrcode
    from PIL import Image, ImageDraw, ImageFont
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

    levels = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
    enc = codec.TextEncoder(encoding)
    head = columns * DOTS_PER_CELL
    margin = 24
    fonts: dict[tuple[bool, int], Any] = {}

    def font(bold: bool, size: int) -> Any:
        key = (bold, size)
        if key not in fonts:
            path = FONT_BOLD if bold and os.path.exists(FONT_BOLD) else FONT_REGULAR
            fonts[key] = ImageFont.truetype(path, size, index=2)  # index 2: the Simplified Chinese face
        return fonts[key]

    items: list[tuple[PaperLine, int, Any]] = []
    height = margin
    for line in lines:
        if line.kind == "qr":
            q = qrcode.QRCode(error_correction=levels.get(line.qr_ec, ERROR_CORRECT_L), box_size=line.qr_size,
                              border=0)
            q.add_data(line.data.encode("utf-8"))
            q.make(fit=True)
            qimg = q.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
            items.append((line, qimg.height + 12, qimg))
            height += qimg.height + 12
        elif line.kind == "cut":
            items.append((line, 24, None))
            height += 24
        else:
            h = LINE_DOTS + 24 * (line.height - 1)
            items.append((line, h, None))
            height += h
    img = Image.new("RGB", (head + 2 * margin, height + margin), (252, 251, 246))
    draw = ImageDraw.Draw(img)
    y = margin
    for line, h, extra in items:
        if line.kind == "qr":
            img.paste(extra, (margin + (head - extra.width) // 2, y + 6))
        elif line.kind == "cut":
            for x in range(0, head + 2 * margin, 12):
                draw.line([(x, y + 12), (x + 6, y + 12)], fill=(150, 150, 150), width=2)
        elif line.kind == "image":
            draw.rectangle([margin, y + 3, margin + head, y + h - 3], outline=(120, 120, 120))
        else:
            width = sum(enc.width(s.text) * s.width for s in line.segments) * DOTS_PER_CELL
            x = margin + {0: 0, 1: (head - width) // 2, 2: head - width}.get(line.align, 0)
            base = y + h - LINE_DOTS + 3  # text sits on the bottom of a tall line
            for seg in line.segments:
                f = font(seg.bold, 24 * seg.height)
                for ch in seg.text:
                    cell = enc.width(ch) * DOTS_PER_CELL * seg.width
                    # Draw at the font's own advance, then fit the printer's fixed cell (12 or 24
                    # dots × the width multiplier): wide Latin letters are squeezed, not clipped.
                    natural = enc.width(ch) * DOTS_PER_CELL * seg.height
                    advance = max(natural, math.ceil(f.getlength(ch)))
                    glyph = Image.new("L", (advance, 24 * seg.height + 8), 0)
                    ImageDraw.Draw(glyph).text(((advance - f.getlength(ch)) / 2, -4 * seg.height), ch,
                                               font=f, fill=255)
                    if glyph.width != cell:
                        glyph = glyph.resize((cell, glyph.height))
                    img.paste((20, 20, 20), (x, base - 24 * (seg.height - 1) - 2), glyph)
                    x += cell
        y += h
    return img


# ------------------------------------------------------------------------------------------------
# Transports
# ------------------------------------------------------------------------------------------------

class PrinterSimulator:
    """The model on TCP (``serial=False``) or on a pseudo-terminal; threads; ``start()``/``stop()``."""

    def __init__(self, model: PrinterModel | None = None, host: str = "127.0.0.1", port: int = 0,
                 serial: bool = False) -> None:
        self.model = model or PrinterModel()
        self.host = host
        self.port = port
        self.serial = serial
        self.pty_path: str | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._server: socket.socket | None = None
        # Each connection and the server socket are closed only by the thread that reads them: a
        # socket closed under a blocked recv() frees its fd number for the next socket to take.
        self._conns: dict[socket.socket, threading.Event] = {}
        self._accept_thread: threading.Thread | None = None
        self._current: socket.socket | None = None
        self._conns_lock = threading.Lock()
        self._master: int | None = None
        self._slave: int | None = None
        self.connections = 0
        self.model.deferred_output = self._deferred
        self.model.on_transport_event = self._transport_event

    @property
    def address(self) -> str:
        return self.pty_path or f"tcp://{self.host}:{self.port}"

    def start(self) -> str:
        if self.serial:
            self._master, self._slave = os.openpty()
            tty.setraw(self._slave)  # bytes through unchanged: no echo, no CR/LF translation
            self.pty_path = os.ttyname(self._slave)
            self._spawn(self._serve_pty, "pty")
        else:
            self._listen()
        return self.address

    def _spawn(self, target: Callable[..., None], name: str, *args: Any) -> threading.Thread:
        t = threading.Thread(target=target, args=args, name=f"printer-sim-{name}", daemon=True)
        t.start()
        self._threads.append(t)
        return t

    def _listen(self) -> None:
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((self.host, self.port))
        srv.listen(4)
        srv.settimeout(0.2)
        self.port = srv.getsockname()[1]
        self._server = srv
        self._accept_thread = self._spawn(self._accept_loop, "accept", srv)

    def stop(self) -> None:
        self._stop.set()
        self._unlisten()
        self._drop_all(reset=False)
        for t in self._threads:
            t.join(timeout=2)
        for fd in (self._master, self._slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = None

    def __enter__(self) -> PrinterSimulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # TCP

    def _unlisten(self) -> None:
        """Stop listening; returns once the port is closed (new connections are refused)."""
        srv, self._server = self._server, None
        if srv is None:
            return
        try:
            srv.shutdown(socket.SHUT_RDWR)  # wakes accept(); the accept thread closes the socket
        except OSError:
            pass
        t = self._accept_thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout=5)

    def _accept_loop(self, srv: socket.socket) -> None:
        try:
            while not self._stop.is_set() and self._server is srv:
                try:
                    conn, _addr = srv.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                if self._server is not srv:
                    conn.close()
                    return
                conn.settimeout(0.2)
                done = threading.Event()
                with self._conns_lock:
                    self._conns[conn] = done
                    self._current = conn
                    self.connections += 1
                self._spawn(self._serve_conn, "conn", conn, done)
        finally:
            srv.close()

    def _serve_conn(self, conn: socket.socket, done: threading.Event) -> None:
        try:
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                with self._conns_lock:
                    self._current = conn
                self._reply_tcp(conn, self.model.receive(data), asked=_asks(data))
        finally:
            with self._conns_lock:
                self._conns.pop(conn, None)
                if self._current is conn:
                    self._current = None
            conn.close()
            done.set()

    def _reply_tcp(self, conn: socket.socket, reply: bytes, asked: bool) -> None:
        mode = self.model.reply_mode
        if mode == "drop" and (reply or asked):
            try:
                conn.shutdown(socket.SHUT_RDWR)  # the host's read returns empty
            except OSError:
                pass
            return
        out = self._shape(reply, asked)
        if out:
            try:
                conn.sendall(out)
            except OSError:
                pass

    def _shape(self, reply: bytes, asked: bool) -> bytes:
        mode = self.model.reply_mode
        if mode == "silent":
            return b""
        if mode == "garbage" and (reply or asked):
            return GARBAGE
        return reply

    def _deferred(self, reply: bytes) -> None:
        if self.serial:
            self._write_pty(self._shape(reply, True))
            return
        with self._conns_lock:
            conn = self._current
        if conn is not None:
            self._reply_tcp(conn, reply, True)

    def _drop_all(self, reset: bool) -> None:
        """End every connection; returns once their threads have closed them."""
        with self._conns_lock:
            conns = list(self._conns.items())
            self._conns.clear()
            self._current = None
        for c, _done in conns:
            try:
                if reset:  # linger 0: the owner's close() sends RST, the host sees "connection reset"
                    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    c.shutdown(socket.SHUT_RD)  # wakes the owner's recv() without sending a FIN
                else:
                    c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for _c, done in conns:
            done.wait(5)

    def _transport_event(self, event: str, params: dict[str, Any]) -> None:
        if self.serial:
            return  # a serial line has no connection to drop; "power off" is silence (reply = silent)
        if event == "disconnect":
            self._drop_all(reset=True)
        elif event == "power" and params.get("value") == "off":
            self._unlisten()
            self._drop_all(reset=True)
        elif event == "power" and params.get("value") == "on" and self._server is None:
            self._listen()

    # pseudo-terminal

    def _serve_pty(self) -> None:
        master = self._master
        assert master is not None
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.2)
                if not ready:
                    continue
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                continue
            reply = self.model.receive(data)
            if self.model.reply_mode != "drop":
                self._write_pty(self._shape(reply, _asks(data)))

    def _write_pty(self, data: bytes) -> None:
        if data and self._master is not None:
            try:
                os.write(self._master, data)
            except OSError:
                pass


def _asks(data: bytes) -> bool:
    """Did these bytes ask for an answer (DLE EOT, GS r)? For the garbage and drop modes."""
    return b"\x10\x04" in data or b"\x1d\x72" in data


# ------------------------------------------------------------------------------------------------
# zizhu sim printer
# ------------------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--listen", default="127.0.0.1:9100", metavar="HOST:PORT",
                        help="TCP address to listen on (default 127.0.0.1:9100; port 0 picks a free one)")
    parser.add_argument("--serial", action="store_true",
                        help="listen on a pseudo-terminal instead of TCP, and print its path")
    parser.add_argument("--link", metavar="PATH", help="with --serial: also make PATH a symlink to the pty")
    parser.add_argument("--scenario", metavar="FILE", help="scenario file (TOML) to play")
    parser.add_argument("--encoding", choices=("gb18030", "gbk"), default="gb18030")
    parser.add_argument("--needs-fs", action="store_true",
                        help="start outside Chinese mode: 2-byte text prints only inside FS & … FS .")
    parser.add_argument("--columns", type=int, default=32, help="half-width characters per line (default 32)")
    parser.add_argument("--roll-lines", type=int, default=3000, help="lines of paper on the roll")
    parser.add_argument("--near-end-lines", type=int, default=200, help="near-end sensor trips below this")
    parser.add_argument("--out", metavar="DIR", help="write each cut slip as slip-N.txt and slip-N.png here")
    parser.add_argument("--duration", type=float, metavar="S", help="stop after S seconds (default: Ctrl-C)")


def _parse_listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"--listen: bad value {text!r}; expected HOST:PORT, e.g. 127.0.0.1:9100")
    return host or "127.0.0.1", int(port)


def run(args: argparse.Namespace) -> int:
    try:
        host, port = _parse_listen(args.listen)
        scenario = Scenario.load(args.scenario) if args.scenario else None
    except (ValueError, ScenarioError) as exc:
        print(f"zizhu sim printer: {exc}", file=sys.stderr)
        return 2
    model = PrinterModel(encoding=args.encoding, chinese_default=not args.needs_fs, columns=args.columns,
                         roll_lines=args.roll_lines, near_end_lines=args.near_end_lines)
    sim = PrinterSimulator(model, host=host, port=port, serial=args.serial)
    player = None
    if scenario is not None:
        try:
            player = ScenarioPlayer(scenario, {"printer": model},
                                    on_step=lambda s: _say(f"scenario: {s.event} {s.params or ''}".rstrip()))
        except ScenarioError as exc:
            print(f"zizhu sim printer: {exc}", file=sys.stderr)
            return 2
    out_dir = Path(args.out) if args.out else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    # Ctrl-C and SIGTERM only set the stop flag, from before the simulator says where it listens: a
    # supervisor that signals as soon as it reads that line gets a clean stop, not a traceback.
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        address = sim.start()
    except OSError as exc:
        print(f"zizhu sim printer: cannot listen on {args.listen}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if args.link and sim.pty_path:
        link = Path(args.link)
        link.unlink(missing_ok=True)
        link.symlink_to(sim.pty_path)
    _say(f"printer simulator listening on {address}")
    _say(f"status: {model.describe()}")
    slips_done = 0
    last_status = [model.describe(lines=False)]

    def changed(m: PrinterModel) -> None:
        nonlocal slips_done
        now = m.describe(lines=False)  # a change of condition, not every line of paper
        if now != last_status[0]:
            last_status[0] = now
            _say(f"status: {m.describe()}")
        cuts = m.cut_positions()
        lines = m.printed_lines()
        for i in range(slips_done, len(cuts)):
            start = cuts[i - 1] + 1 if i else 0
            text = "\n".join(lines[start:cuts[i]]).strip("\n")
            _say(f"---- slip {i + 1} ----\n{text}")
            if out_dir is not None:
                m.render_png(out_dir / f"slip-{i + 1}.png", start, cuts[i] + 1)
                tmp = out_dir / f".slip-{i + 1}.txt"  # whole or not at all, for whoever waits on it
                tmp.write_text(text + "\n", encoding="utf-8")
                tmp.replace(out_dir / f"slip-{i + 1}.txt")
        slips_done = len(cuts)

    model.on_change.append(changed)
    if player is not None:
        player.start()
    try:
        stop.wait(args.duration)
    except KeyboardInterrupt:
        pass
    finally:
        if player is not None:
            player.stop()
        sim.stop()
        if args.link and sim.pty_path:
            Path(args.link).unlink(missing_ok=True)
    _say("printer simulator stopped")
    return 0


def _say(text: str) -> None:
    print(text, flush=True)
