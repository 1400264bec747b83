"""Mongolian on paper, from the kiosk: the paper's columns are the screen's, and a citizen who chose
Mongolian gets a one-time notification slip with the Mongolian lines as raster beside the Chinese.

By touch, offscreen, against the printer simulator over TCP; ZIZHU_SCREENSHOTS=DIR keeps the
simulator's slip PNGs (docs/kiosk/mongolian-slip-*.png are these)."""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from drivers.printer import mongolian
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for

WORDS = "ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ"  # 办事指南, as the screen shows it


def _ink(a: Any) -> Any:
    """Dark dots of a greyscale array, cropped to their bounding box."""
    black = np.asarray(a) < 128
    ys, xs = np.nonzero(black)
    return black[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def _near(a: Any, b: Any) -> float:
    """The share of ``a``'s ink within one dot of ``b``'s (rasterisers differ by a dot at the edges)."""
    h, w = max(a.shape[0], b.shape[0]) + 2, max(a.shape[1], b.shape[1]) + 2
    grown = np.zeros((h, w), bool)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            grown[dy:dy + b.shape[0], dx:dx + b.shape[1]] |= b
    inside = np.zeros((h, w), bool)
    inside[1:1 + a.shape[0], 1:1 + a.shape[1]] = a
    return float((inside & grown).sum() / inside.sum())


def _screen_column(qapp: Any, text: str, size: int) -> Any:
    """The column as MongolianText.qml draws it: Qt's shaping, the line turned 90° clockwise."""
    from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

    from kiosk.qt.bridge import MONGOLIAN_FONT

    font = QFont(MONGOLIAN_FONT)
    font.setPixelSize(size)
    fm = QFontMetrics(font)
    img = QImage(fm.horizontalAdvance(text) + 4, fm.height(), QImage.Format.Format_Grayscale8)
    img.fill(255)
    p = QPainter(img)
    p.setFont(font)
    p.setPen(QColor(0, 0, 0))
    p.drawText(0, fm.ascent(), text)
    p.end()
    rows = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine())
    return np.rot90(rows[:, :img.width()].copy(), -1)


def test_the_paper_draws_mongolian_as_the_screen_does(qapp: Any) -> None:
    from PIL import Image, ImageDraw, ImageFont

    screen = _ink(_screen_column(qapp, WORDS, 24))
    paper = _ink(mongolian.render_column(WORDS, 24))
    assert abs(screen.shape[0] - paper.shape[0]) <= 2  # the same shaped length, top to bottom
    assert _near(paper, screen) > 0.95 and _near(screen, paper) > 0.95
    # Without HarfBuzz (Pillow's basic layout) the letters stand apart: nearly twice as long.
    basic = ImageFont.truetype(mongolian.FONT_PATH, 24, layout_engine=ImageFont.Layout.BASIC)
    line = Image.new("L", (int(basic.getlength(WORDS)) + 4, 60), 255)
    ImageDraw.Draw(line).text((0, 0), WORDS, font=basic, fill=0)
    assert _ink(np.rot90(np.asarray(line), -1)).shape[0] > 1.5 * screen.shape[0]


def test_the_paper_cuts_columns_where_the_screen_would(qapp: Any) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from kiosk.qt.bridge import MONGOLIAN_FONT, mongolian_columns

    text = "ᠺᠣᠳ ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ ᠶᠢ ᠦᠵᠡᠬᠦ"
    font = QFont(MONGOLIAN_FONT)
    font.setPixelSize(24)
    longest = max(QFontMetrics(font).horizontalAdvance(w) for w in text.split())
    for limit in (longest + 10, 150, 250):
        assert mongolian.columns(text, 24, limit) == mongolian_columns(text, 24, limit), limit


def _keep(img: Any, name: str) -> None:
    where = os.environ.get("ZIZHU_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        img.save(Path(where) / name)


def _print_first_item_notice(kiosk: Citizen) -> str:
    kiosk.tap("service_guide")
    kiosk.wait_page("guide")
    kiosk.tap("group_0")
    first = wait_for(lambda: kiosk.app.guide.results, what="items of the department")[0]
    kiosk.tap(f"item_{first.code}")
    kiosk.wait_page("guideItem")
    before = len(kiosk.app.demo_rig.printer_model.cut_positions())
    kiosk.tap("printButton")
    wait_for(lambda: kiosk.app.guide.print_state == "printed", timeout=20, what="the slip printed")
    wait_for(lambda: len(kiosk.app.demo_rig.printer_model.cut_positions()) > before, what="the slip cut")
    return str(first.name)


def _last_slip(model: Any) -> tuple[list[Any], Any]:
    cuts = model.cut_positions()
    start = cuts[-2] + 1 if len(cuts) > 1 else 0
    return model.printed[start:cuts[-1]], model.render_png(start=start, end=cuts[-1] + 1)


def _chinese_lines(lines: list[Any]) -> list[str]:
    return [line.text for line in lines if line.kind != "image"]


def test_a_citizen_in_mongolian_prints_a_notice_with_mongolian_columns_and_all_the_chinese(kiosk: Citizen) -> None:
    model = kiosk.app.demo_rig.printer_model
    name = _print_first_item_notice(kiosk)  # in Chinese first: the reference
    chinese, _ = _last_slip(model)
    kiosk.tap("homeButton")
    kiosk.wait_page("home")
    kiosk.tap("lang_mn")
    wait_for(lambda: kiosk.app.bridge.language == "mn", what="Mongolian chosen")
    kiosk.wait_page("home")
    _print_first_item_notice(kiosk)
    lines, png = _last_slip(model)
    _keep(png, "mongolian-slip-notification-58mm.png")
    images = [line for line in lines if line.kind == "image"]
    assert len(images) >= 10 and not any(line.kind == "image" for line in chinese)
    assert all(line.bits_width <= 384 for line in images)  # the demo's 58 mm roll: 32 columns × 12 dots
    # The Chinese is all there, line for line as the Chinese citizen's slip, and comes after its Mongolian.
    assert _chinese_lines(lines) == _chinese_lines(chinese)
    assert name.split("（")[0][:6] in "".join(_chinese_lines(lines))
    # The slip opens with the title's Mongolian bands, then the Chinese title.
    title = list(itertools.takewhile(lambda line: line.kind == "image", lines))
    assert title and lines[len(title)].text.strip() == "一次性告知书"
    # The PNG has ink where those bands went, at the top of the slip, within the roll.
    rows = sum(len(x.bits) // (x.bits_width // 8) for x in title)
    strip = np.asarray(png.convert("L"))[24:24 + rows, 24:24 + 384]
    assert (strip < 128).sum() > 2000


@pytest.fixture
def chinese_only_rig(tmp_path: Any) -> Any:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"', camera=False, locker=False,
               printer="columns = 48\nchinese_only = true").start()
    r.printer_model.columns = 48
    yield r
    r.stop()


def test_a_chinese_only_printer_gives_the_mongolian_reader_the_whole_chinese_slip(
        qapp: Any, chinese_only_rig: Any) -> None:
    app = make_app(chinese_only_rig)
    app.start()
    try:
        kiosk = Citizen(app)
        kiosk.wait_page("home")
        kiosk.tap("lang_mn")
        wait_for(lambda: app.bridge.language == "mn", what="Mongolian chosen")
        kiosk.wait_page("home")
        _print_first_item_notice(kiosk)
        lines, png = _last_slip(chinese_only_rig.printer_model)
        _keep(png, "mongolian-slip-chinese-only-80mm.png")
        assert not any(line.kind == "image" for line in lines)
        flat = "".join("".join(_chinese_lines(lines)).split())
        for words in ("一次性告知书", "【设定依据】", "【申请材料】", "扫码查看办事指南", "监督投诉：12345"):
            assert words in flat
    finally:
        app.stop()
        spin(0.05)
