"""The simulated ESC/POS receipt printer: the mechanism, with no transport (see :mod:`drivers.printer.simserver`).

:class:`PrinterModel` decodes what it is sent (:mod:`drivers.printer.codec`), answers ``DLE EOT n``
and ``GS r 1`` from its state, uses up its paper roll line by line (near end, then out: it stops and
holds the rest in its buffer, as a real printer does), and can have its cover opened, its cutter
jammed, go offline, answer garbage, stay silent or drop the connection. What it printed is kept as
:class:`~drivers.printer.simrender.PaperLine` and can be read back as text (what a citizen reads)
and drawn as a PNG (:mod:`drivers.printer.simrender`).
"""

from __future__ import annotations

import logging
import math
import threading
from collections import deque
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from drivers.printer import codec
from drivers.printer.simrender import LINE_DOTS, PaperLine, Segment, layout_text, qr_modules, render_paper
from drivers.scenario import ScenarioError

log = logging.getLogger(__name__)

ReplyMode = Literal["normal", "garbage", "silent", "drop"]


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
        """The reply to ``DLE EOT n`` now, from :mod:`codec`'s bits.

        The bit table: docs/protocols/printer.md §Status (DLE EOT).
        """
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
                if self._line:  # standard mode: GS v 0 is ignored with text waiting in the line buffer
                    log.warning("printer simulator: GS v 0 in the middle of a line ignored, as a printer does")
                    return b""
                if self.paper_out:
                    return None
                self.printed.append(PaperLine("image", data=f"{op.args[0] * 8}x{op.args[1]}", bits=op.data,
                                              bits_width=op.args[0] * 8))
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
        self._consume(math.ceil(qr_modules(data, str(self._qr["ec"])) * size / LINE_DOTS) + 1)
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
        with self._lock:
            lines = self.printed[start:]
        return layout_text(lines, self.columns, self.encoding)

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
