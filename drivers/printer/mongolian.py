"""Traditional Mongolian for the receipt printer: vertical columns drawn into a 1-bit raster.

Receipt printers carry no Mongolian font, so the Mongolian lines of a slip go as ``GS v 0`` raster
images (:func:`drivers.printer.codec.raster`) beside the slip's Chinese text, which stays complete
on its own (docs/mongolian-slips.md).

The text is shaped by Pillow through libraqm — HarfBuzz, the same shaper Qt uses for the screen —
with Noto Sans Mongolian (Debian ``fonts-noto-core``). Mongolian needs that shaping: its letters
take initial, medial and final forms and join; Pillow's basic layout draws every letter isolated.
Pillow rather than QPainter because the printer's driver runs on its own device thread, in the
kiosk as in the agent's headless device host, with no QGuiApplication (and no font database) to
lean on; :func:`unavailable` says why it cannot, and a test keeps Pillow's column equal to Qt's.

Layout as on the screen (kiosk/qml/Zizhu/MongolianText.qml): each single-line column
(:func:`ground.mongolian.split_columns`) is drawn horizontally, rotated 90° clockwise, and the
columns are placed left to right; columns that do not fit the roll's width continue in a further
row of columns below. Anti-aliased grey becomes black or white at half intensity: a threshold,
not a dither, so the edges of the letters stay clean (a dither is for photographs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from drivers.printer import codec
from ground.mongolian import split_columns

FONT_PATH = "/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf"  # Debian fonts-noto-core
# Noto Sans Mongolian has no digits or Latin letters (a phone number in a Mongolian line): those are
# drawn with Noto Sans CJK SC (Debian fonts-noto-cjk), as Qt's font fallback does on the screen.
FALLBACK_PATH, FALLBACK_INDEX = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2
CELL_DOTS = 24  # the Chinese glyph of the 24-dot font: Mongolian the same size (the bilingual rule)
COLUMN_CELLS = 4  # longest column, in 24-dot cells × the height multiplier (then a new column): paper is dear
COLUMN_GAP = 4  # dots between columns
PADDING = 6  # white dots above and below, like the space of a 30-dot line around its 24-dot glyphs
THRESHOLD = 128  # grey below this is printed (black)

Align = Literal["left", "center", "right"]
INVERT = bytes(b ^ 0xFF for b in range(256))  # a table for bytes.translate: the printer's 1 = black, PIL's 1 = white


@cache
def unavailable() -> str | None:
    """Why Mongolian cannot be drawn here (no font, no libraqm), or None when it can."""
    from PIL import features

    if not os.path.exists(FONT_PATH):
        return f"no Mongolian font at {FONT_PATH} (Debian package fonts-noto-core)"
    if not os.path.exists(FALLBACK_PATH):
        return f"no font for digits and Latin at {FALLBACK_PATH} (Debian package fonts-noto-cjk)"
    if not features.check("raqm"):
        return "Pillow has no libraqm: it cannot shape Mongolian (letters would print unjoined)"
    return None


@cache
def _font(size: int, fallback: bool = False) -> Any:
    from PIL import ImageFont

    if fallback:
        return ImageFont.truetype(FALLBACK_PATH, size, index=FALLBACK_INDEX, layout_engine=ImageFont.Layout.RAQM)
    return ImageFont.truetype(FONT_PATH, size, layout_engine=ImageFont.Layout.RAQM)


def _in_mongolian_font(ch: str) -> bool:
    return "\u1800" <= ch <= "\u18af" or ch in " \u202f\u200c\u200d"


def _runs(text: str) -> list[tuple[bool, str]]:
    """``text`` cut where the font changes: (fallback?, run). A space stays with the run before it,
    so a Mongolian word is always shaped whole."""
    runs: list[tuple[bool, str]] = []
    for ch in text:
        fallback = not _in_mongolian_font(ch)
        if runs and (runs[-1][0] == fallback or ch == " "):
            runs[-1] = (runs[-1][0], runs[-1][1] + ch)
        else:
            runs.append((fallback, ch))
    return runs


def _length(text: str, size: int) -> float:
    return float(sum(_font(size, fb).getlength(run) for fb, run in _runs(text)))


@dataclass(frozen=True)
class Bitmap:
    """A 1-bit image as the printer takes it: rows of ``width // 8`` bytes, MSB leftmost, 1 = black."""

    width: int  # dots, a multiple of 8
    rows: int
    data: bytes

    @property
    def width_bytes(self) -> int:
        return self.width // 8

    @classmethod
    def from_image(cls, img: Any, threshold: int = THRESHOLD) -> Bitmap:
        """A greyscale (or any) PIL image → printed dots: darker than ``threshold`` is black."""
        from PIL import Image

        grey = img.convert("L")
        if grey.width % 8:
            padded = Image.new("L", (grey.width + 8 - grey.width % 8, grey.height), 255)
            padded.paste(grey, (0, 0))
            grey = padded
        # PIL's mode "1" packs rows MSB first with 1 = white; the printer wants 1 = black.
        bits = grey.point([255 if v >= threshold else 0 for v in range(256)], mode="1")
        return cls(grey.width, grey.height, bits.tobytes().translate(INVERT))

    def to_image(self) -> Any:
        """Back to a PIL image (mode "1", white paper), as the printer would print it."""
        from PIL import Image

        return Image.frombytes("1", (self.width, self.rows), self.data.translate(INVERT))

    def bands(self, max_rows: int) -> list[Bitmap]:
        """Cut into bands of at most ``max_rows`` rows, top to bottom (one ``GS v 0`` each)."""
        if max_rows < 1:
            raise ValueError(f"a band needs at least one row, not {max_rows}")
        wb = self.width_bytes
        return [Bitmap(self.width, min(max_rows, self.rows - top), self.data[top * wb:(top + max_rows) * wb])
                for top in range(0, self.rows, max_rows)]

    def escpos(self, max_rows: int) -> list[bytes]:
        """The ``GS v 0`` commands printing this image, one per band."""
        return [codec.raster(b.width_bytes, b.rows, b.data) for b in self.bands(max_rows)]


def columns(text: str, size: int = CELL_DOTS, max_length: int | None = None) -> list[str]:
    """The single-line columns ``text`` is cut into at ``size`` dots (the screen's rule)."""
    return split_columns(text, max_length or COLUMN_CELLS * size, lambda t: _length(t, size))


def render_column(text: str, size: int = CELL_DOTS) -> Any:
    """One column, greyscale on white: the line shaped horizontally, then turned 90° clockwise."""
    from PIL import Image, ImageDraw

    metrics = [_font(size, fb).getmetrics() for fb in (False, True)]
    ascent, descent = max(m[0] for m in metrics), max(m[1] for m in metrics)
    length = max(1, int(_length(text, size) + 0.999))
    line = Image.new("L", (length, ascent + descent), 255)
    draw = ImageDraw.Draw(line)
    x = 0.0
    for fallback, run in _runs(text):
        font = _font(size, fallback)
        draw.text((x, ascent), run, font=font, fill=0, anchor="ls")  # on one baseline
        x += font.getlength(run)
    return line.transpose(Image.Transpose.ROTATE_270)  # 90° clockwise: the line's start at the top


def render(text: str, width: int, *, size: int = CELL_DOTS, align: Align = "left",
           max_length: int | None = None, crop: bool = False) -> Bitmap:
    """``text`` as vertical columns, left to right, in an image ``width`` dots wide (the roll's).

    Columns that do not fit the width go on in another row of columns below. ``crop`` (left aligned
    only) makes the image just as wide as its columns, to the byte: fewer bytes to send. Raises ValueError when
    the text is empty or a single column is wider than the roll, and :class:`RuntimeError` when this
    machine cannot shape Mongolian (:func:`unavailable`).
    """
    from PIL import Image

    why = unavailable()
    if why is not None:
        raise RuntimeError(why)
    if width < 8 or width % 8:
        raise ValueError(f"a raster is a whole number of bytes wide: {width} dots")
    cols = [render_column(c, size) for c in columns(text.strip(), size, max_length)]
    if not cols:
        raise ValueError("no Mongolian text to draw")
    if max(c.width for c in cols) > width:
        raise ValueError(f"a column of {max(c.width for c in cols)} dots does not fit a {width}-dot roll")
    rows: list[list[Any]] = [[]]
    used = 0
    for col in cols:
        if rows[-1] and used + COLUMN_GAP + col.width > width:
            rows.append([])
            used = 0
        used += (COLUMN_GAP if rows[-1] else 0) + col.width
        rows[-1].append(col)
    gap_rows = size // 2
    height = sum(max(c.height for c in r) for r in rows) + gap_rows * (len(rows) - 1) + 2 * PADDING
    if crop and align == "left":
        widest = max(sum(c.width for c in r) + COLUMN_GAP * (len(r) - 1) for r in rows)
        width = min(width, (widest + 7) // 8 * 8)
    canvas = Image.new("L", (width, height), 255)
    y = PADDING
    for r in rows:
        span = sum(c.width for c in r) + COLUMN_GAP * (len(r) - 1)
        x = {"left": 0, "center": (width - span) // 2, "right": width - span}[align]
        for col in r:
            canvas.paste(col, (x, y))
            x += col.width + COLUMN_GAP
        y += max(c.height for c in r) + gap_rows
    return Bitmap.from_image(canvas)
