"""Traditional Mongolian laid out vertically: the one rule the screen and the paper share.

Traditional Mongolian is written top to bottom, columns left to right. Neither Qt nor a receipt
printer has a vertical mode, so the text is cut into single-line columns, each column is drawn as a
horizontal line rotated 90° clockwise, and the columns are placed left to right (docs/kiosk.md:
a rotated multi-line text would put its columns in the wrong order). The screen measures with Qt's
font metrics (kiosk/qt/bridge.py), the paper with Pillow's (drivers/printer/mongolian.py); the
cutting is this function.
"""

from __future__ import annotations

from collections.abc import Callable


def split_columns(text: str, max_length: float, measure: Callable[[str], float]) -> list[str]:
    """Cut ``text`` into single-line columns no longer than ``max_length`` (as ``measure`` says).

    Breaks fall between words (at spaces) and at every ``\\n``; a word longer than a column gets a
    column of its own (it is never cut inside: Mongolian letters join, a cut word changes its forms).
    """
    columns: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate) > max_length:
                columns.append(line)
                line = word
            else:
                line = candidate
        if line:
            columns.append(line)
    return columns
