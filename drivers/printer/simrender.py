"""The simulated printer's paper: what is on it (:class:`PaperLine`) and how it looks, as text and as a PNG.

Nothing here knows the printer model (:mod:`drivers.printer.simmodel`): it takes the lines a model
printed and lays them out in ``columns`` cells the way the paper shows them to a citizen.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any, Literal

from drivers.printer import codec
from drivers.printer.slips import CUT_MARK, QR_MARK

FONT_REGULAR = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
DOTS_PER_CELL = 12  # a half-width character of the 24-dot font; a 58 mm head has 384 dots = 32 cells
LINE_DOTS = 30  # ESC 2 default line spacing (about 1/6 inch at 203 dpi)
_INVERT = bytes(b ^ 0xFF for b in range(256))  # GS v 0's 1 = black → PIL's mode "1" 1 = white


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
    bits: bytes = b""  # a raster image (GS v 0): rows of width/8 bytes, MSB leftmost, 1 = black
    bits_width: int = 0  # its width in dots

    @property
    def text(self) -> str:
        match self.kind:
            case "text":
                return "".join(s.text for s in self.segments)
            case "qr":
                return QR_MARK + self.data
            case "cut":
                return CUT_MARK
            case _:  # slips.raster_mark for a raster band
                return f"[image {self.data}]"

    @property
    def height(self) -> int:
        return max((s.height for s in self.segments), default=1)


def _qr(data: str, ec: str, box_size: int) -> Any:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

    levels = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
    q = qrcode.QRCode(error_correction=levels.get(ec, ERROR_CORRECT_L), box_size=box_size, border=0)
    q.add_data(data.encode("utf-8"))
    q.make(fit=True)
    return q


def qr_modules(data: str, ec: str) -> int:
    """How many modules a side the QR code of ``data`` has at error correction ``ec`` (L, M, Q, H)."""
    return int(_qr(data, ec, 1).modules_count)


def layout_text(lines: list[PaperLine], columns: int, encoding: codec.Encoding = "gb18030") -> str:
    """The paper as a citizen sees it: alignment applied, in a box ``columns`` cells wide."""
    enc = codec.TextEncoder(encoding)
    rows = []
    for line in lines:
        if line.kind == "text":
            width = sum(enc.width(s.text) * s.width for s in line.segments)
            pad = {0: 0, 1: (columns - width) // 2, 2: columns - width}.get(line.align, 0)
            rows.append(" " * max(0, pad) + "".join(
                s.text if s.width == 1 else "".join(c + " " * (s.width - 1) * enc.width(c) for c in s.text)
                for s in line.segments))
        elif line.kind == "cut":
            rows.append("✂" + "-" * (columns - 2))
        else:
            rows.append(line.text.center(columns))
    return "\n".join(rows)


def render_paper(lines: list[PaperLine], columns: int, encoding: codec.Encoding = "gb18030") -> Any:
    """The paper as an image: 24-dot Noto Sans CJK in 12/24-dot cells, QR codes drawn by ``qrcode``."""
    from PIL import Image, ImageDraw, ImageFont

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
            q = _qr(line.data, line.qr_ec, line.qr_size)
            qimg = q.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
            items.append((line, qimg.height + 12, qimg))
            height += qimg.height + 12
        elif line.kind == "cut":
            items.append((line, 24, None))
            height += 24
        elif line.kind == "image" and line.bits:
            rows = len(line.bits) // max(1, line.bits_width // 8)
            dots = Image.frombytes("1", (line.bits_width, rows), line.bits.translate(_INVERT))
            items.append((line, rows, dots))  # bands follow each other with no gap, as on paper
            height += rows
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
        elif line.kind == "image" and extra is not None:
            ink = Image.new("RGB", extra.size, (20, 20, 20))
            img.paste(ink, (margin, y), extra.point(lambda v: 0 if v else 255, mode="L"))
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
