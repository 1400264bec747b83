"""Mongolian on paper: the slip's Mongolian lines as GS v 0 raster beside its complete Chinese text.

Against the real driver and the byte-true simulator (TCP and a pty), with the kiosk's own Mongolian
translations (kiosk/i18n/zizhu_mn.ts through Qt's QTranslator, as the app looks them up).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PIL import Image

from drivers.printer import codec, escposlib, mongolian, slips
from drivers.printer.simmodel import PrinterModel
from drivers.printer.simrender import PaperLine
from tests.drivers.printer.conftest import Rig


def mn_words(template: str) -> dict[str, str]:
    """The Mongolian of ``template``'s lines from the kiosk's compiled translation."""
    from PySide6.QtCore import QTranslator

    from kiosk.i18n import qm_file, slip_translations

    tr = QTranslator()
    assert tr.load(str(qm_file("mn")))
    return slip_translations(template, tr.translate)


def rasters(payload: bytes) -> list[codec.Op]:
    return [op for op in codec.decode_all(payload) if op.name == "raster"]


def ink(img: Any) -> Image.Image:
    """A paper PNG (RGB) → mode "1" with black where the simulator drew ink."""
    return img.convert("L").point(lambda v: 0 if v < 128 else 255, mode="1")


def test_raster_bytes_are_python_escpos_bit_image_raster() -> None:
    img = Image.new("1", (16, 2), 1)
    img.putpixel((0, 0), 0)
    img.putpixel((15, 1), 0)
    dummy = escposlib.load().Dummy()
    dummy.image(img, impl="bitImageRaster")
    ours = mongolian.Bitmap.from_image(img)
    assert dummy.output == bytes.fromhex("1d 76 30 00 02 00 02 00 80 00 00 01")
    assert ours.escpos(960) == [dummy.output] == [codec.raster(2, 2, bytes.fromhex("80 00 00 01"))]
    for bad in ((0, 1, b""), (129, 1, bytes(129)), (1, 961, bytes(961)), (2, 2, b"\0")):
        with pytest.raises(ValueError):
            codec.raster(*bad)


def test_tall_images_go_in_bands_that_make_the_same_picture() -> None:
    words = mn_words("notification")
    bitmap = mongolian.render(words["一次性告知书"], 384, size=48, align="center")
    bands = bitmap.bands(32)
    assert len(bands) == -(-bitmap.rows // 32) >= 3
    assert all(b.rows <= 32 and b.width == 384 for b in bands)
    assert b"".join(b.data for b in bands) == bitmap.data
    assert bitmap.to_image().tobytes() == mongolian.Bitmap.from_image(bitmap.to_image()).to_image().tobytes()


@pytest.mark.parametrize(("columns", "dots"), [(32, 384), (48, 576)])
def test_a_mongolian_slip_sends_raster_within_the_roll_and_keeps_its_chinese(
        rig: Rig, slip_data: dict[str, Any], columns: int, dots: int) -> None:
    rig.model.columns = columns
    printer = rig.printer(columns=columns, raster_band_rows=96)
    printer.open()
    try:
        chinese = printer.print_slip("notification", slip_data)
        rig.model.clear_paper()
        job = printer.print_slip("notification", slip_data, mongolian=mn_words("notification"))
    finally:
        printer.close()
    assert chinese.ok and job.ok and job.warnings == []
    assert rasters(chinese.payload) == []
    bands = rasters(job.payload)
    # title, the six headings the slip has (no refusal here), the QR caption and two phone lines
    assert len(bands) >= 10
    assert all(op.args[0] * 8 <= dots and 1 <= op.args[1] <= 96 for op in bands)
    assert max(op.args[0] * 8 for op in bands) == dots  # the centred title spans the roll
    # On paper: every Chinese line as the Chinese slip prints it, same text, size and alignment.
    paper = rig.model.printed
    assert [line for line in paper if line.kind != "image"] == _paper_of(chinese.payload, columns)
    assert sum(line.kind == "image" for line in paper) == len(bands)
    where = os.environ.get("ZIZHU_SCREENSHOTS")
    if where and columns == 48:  # docs/kiosk/mongolian-slip-notification-80mm.png
        rig.model.render_png(Path(where) / "mongolian-slip-notification-80mm.png")


def _paper_of(payload: bytes, columns: int) -> list[PaperLine]:
    m = PrinterModel(columns=columns)
    m.receive(payload)
    return m.printed


def test_the_simulators_png_shows_the_mongolian_columns_and_all_the_chinese(slip_data: dict[str, Any]) -> None:
    words = mn_words("notification")
    mn = slips.Mongolian(words, 576, 64)
    rendered = slips.render("notification", slip_data, columns=48, mn=mn)
    model = PrinterModel(columns=48)
    model.receive(rendered.payload)
    lines = model.printed
    # The title's bands, drawn at the head's left edge below the 24-dot top margin, are the reference
    # render dot for dot.
    title = mongolian.render(words["一次性告知书"], 576, size=48, align="center")
    n = -(-title.rows // 64)
    assert [line.kind for line in lines[:n]] == ["image"] * n and lines[n].text.strip() == "一次性告知书"
    png = model.render_png(end=n)
    region = ink(png.crop((24, 24, 24 + 576, 24 + title.rows)))
    assert region.tobytes() == title.to_image().tobytes()
    # Ink in as many separate upright strips as the title has columns, centred on the roll.
    cols = [mongolian.render_column(c, 48) for c in mongolian.columns(words["一次性告知书"], 48)]
    span = sum(c.width for c in cols) + mongolian.COLUMN_GAP * (len(cols) - 1)
    inked = [any(region.getpixel((x, y)) == 0 for y in range(title.rows)) for x in range(576)]
    left = (576 - span) // 2
    assert len(cols) >= 2 and not any(inked[:left]) and not any(inked[left + span:])
    x = left
    for col in cols:  # each column's own strip of the roll has ink
        assert sum(inked[x:x + col.width]) > col.width // 3
        x += col.width + mongolian.COLUMN_GAP
    # And the rest of the PNG is the Chinese slip's PNG: the raster adds, it takes nothing away.
    chinese = PrinterModel(columns=48)
    chinese.receive(slips.render("notification", slip_data, columns=48).payload)
    from drivers.printer.simrender import render_paper

    without_images = render_paper([line for line in lines if line.kind != "image"], 48)
    assert without_images.tobytes() == chinese.render_png().tobytes()


def test_chinese_only_printer_prints_the_chinese_slip_alone(tcp_rig: Rig, slip_data: dict[str, Any]) -> None:
    printer = tcp_rig.printer(chinese_only=True)
    printer.open()
    try:
        job = printer.print_slip("notification", slip_data, mongolian=mn_words("notification"))
    finally:
        printer.close()
    assert job.ok
    assert job.payload == slips.render("notification", slip_data).payload  # byte for byte the Chinese slip
    assert rasters(job.payload) == [] and not any(line.kind == "image" for line in tcp_rig.model.printed)
    flat = "".join(tcp_rig.model.printed_text().split())
    for words in ("一次性告知书", "【设定依据】", "居民身份证", "扫码查看办事指南", "咨询电话：0477-8581234"):
        assert words in flat


def test_marks_change_nothing_of_the_chinese_slip(slip_data: dict[str, Any]) -> None:
    tpl = slips.load_template("notification")
    unmarked = msgspec.structs.replace(tpl, block=[msgspec.structs.replace(b, mongolian=False, mongolian_args=[])
                                                   for b in tpl.block])
    assert slips.translatable(unmarked) == [] and len(slips.translatable(tpl)) == 11
    assert slips.render(tpl, slip_data).payload == slips.render(unmarked, slip_data).payload


def test_a_missing_translation_leaves_that_line_chinese_and_says_so(
        tcp_rig: Rig, slip_data: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    words = mn_words("notification")
    del words["收费标准"]
    printer = tcp_rig.printer()
    printer.open()
    try:
        with caplog.at_level(logging.WARNING, logger="drivers.printer.driver"):
            job = printer.print_slip("notification", slip_data, mongolian=words)
    finally:
        printer.close()
    assert job.ok and job.warnings == ["部分蒙古文未能打印"]
    assert "no Mongolian translation of '收费标准'" in caplog.text
    assert len(rasters(job.payload)) >= 9 and "【收费标准】" in tcp_rig.model.printed_text()


def test_the_mongolian_phone_number_is_drawn_not_boxed() -> None:
    """Noto Sans Mongolian has no digits (each would be the same .notdef box): they are drawn with
    Noto Sans CJK, as Qt's font fallback does on the screen."""
    from PIL import ImageDraw, ImageFont

    def alone(ch: str) -> bytes:
        img = Image.new("L", (40, 40), 255)
        ImageDraw.Draw(img).text((4, 4), ch, font=ImageFont.truetype(mongolian.FONT_PATH, 24), fill=0)
        return img.tobytes()

    assert alone("1") == alone("2")  # the font's own: one box for every digit
    drawn = [mongolian.render_column(d).tobytes() for d in "12345"]
    assert len(set(drawn)) == 5
    column = mongolian.render_column("ᠤᠲᠠᠰᠤ᠄ 0477")
    assert column.height > mongolian.render_column("ᠤᠲᠠᠰᠤ᠄").height + 40  # the digits make it longer


@pytest.mark.parametrize(("body", "message"), [
    ('[[block]]\nkind = "rule"\nmongolian = true\n', "only a text block"),
    ('[[block]]\nkind = "text"\ntext = "电话：{hall_phone}"\nmongolian = true\n', "without {placeholders}"),
])
def test_bad_mongolian_marks_are_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'title = "坏"\n{body}', encoding="utf-8")
    with pytest.raises(slips.TemplateError, match=message):
        slips.SlipTemplate.load(path)


def test_every_mongolian_line_of_every_slip_fits_the_58mm_roll() -> None:
    for name in slips.template_names():
        words = mn_words(name)
        assert sorted(words) == sorted(slips.translatable(name)), name
        for source, text in words.items():
            bitmap = mongolian.render(text.replace("%1", "0477-8581234"), 384)
            assert bitmap.width == 384 and 0 < bitmap.rows < 960, (name, source)


def test_mongolian_that_cannot_be_drawn_leaves_the_chinese_to_print(slip_data: dict[str, Any]) -> None:
    words = {**mn_words("notification"), "收费标准": "   "}  # blank: nothing to draw
    wide = slips.Mongolian(words, 64, 128)  # a 64-dot roll: the 48-dot title's columns do not fit
    out = slips.render("notification", slip_data, mn=wide)
    assert "no Mongolian translation of '收费标准'" in out.not_in_mongolian
    assert any("'一次性告知书'" in why and "does not fit" in why for why in out.not_in_mongolian)
    assert [line for line in out.lines if not line.startswith("[image")] == slips.render("notification",
                                                                                          slip_data).lines
