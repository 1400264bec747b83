"""PDF with Chinese text, embedded: the one place that knows the font (ReportLab).

ReportLab embeds TrueType fonts only (glyph outlines in ``glyf``); Noto Sans CJK, which the kiosk's
screens use, is OpenType with PostScript (CFF) outlines, which ReportLab refuses. So the A4
documents use WenQuanYi Zen Hei (Debian ``fonts-wqy-zenhei``, TrueType, a subset embedded in
each PDF with its ToUnicode map, so the text can be searched and extracted), or another TrueType
CJK font from :data:`CJK_FONTS` when that one is not installed.
"""

from __future__ import annotations

import io
import threading
from datetime import datetime
from pathlib import Path

FONT_NAME = "ZizhuCJK"
# (file, index in a .ttc): the first installed one is used.
CJK_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
)
_lock = threading.Lock()
_registered: str | None = None


class FontMissing(RuntimeError):
    """No TrueType font with Chinese glyphs is installed (apt-get install fonts-wqy-zenhei)."""


def cjk_font() -> str:
    """Register the CJK font with ReportLab once; its ReportLab name."""
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for path, index in CJK_FONTS:
            if Path(path).is_file():
                pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
                _registered = FONT_NAME
                return FONT_NAME
        raise FontMissing("no TrueType CJK font found; install Debian's fonts-wqy-zenhei "
                          f"(looked for {', '.join(p for p, _ in CJK_FONTS)})")


def technician_page(device: str, queue: str) -> bytes:
    """The technician's test page: which device and queue, when, and Chinese text to check the font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = cjk_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle("Zizhu A4 test page")
    w, h = A4
    c.setFont(font, 22)
    c.drawCentredString(w / 2, h - 40 * mm, "自助终端 A4打印机测试页")
    c.setFont(font, 12)
    y = h - 60 * mm
    for line in (f"设备 device: {device}", f"打印队列 queue: {queue}",
                 f"时间 time: {datetime.now():%Y-%m-%d %H:%M:%S}",
                 "汉字测试：政务服务中心 24小时自助服务区 一次性告知 好差评"):
        c.drawString(25 * mm, y, line)
        y -= 9 * mm
    c.rect(20 * mm, 20 * mm, w - 40 * mm, h - 40 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()
