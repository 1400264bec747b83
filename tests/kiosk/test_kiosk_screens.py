"""Every page in Chinese, Mongolian and English, normal and elderly mode, portrait and landscape.

Measured on the rendered items, not the theme: text sizes, touch targets, contrast, the
accessibility tree, untranslated strings. Each page is grabbed; set ZIZHU_SCREENSHOTS=DIR to keep
the pictures and the contact sheets (docs/kiosk/ holds the committed ones).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtQuick import QQuickItem

from drivers.idcard.synthetic import CARDS
from tests.kiosk.kioskharness import Citizen, really_visible, spin, wait_for

CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e]")
MONGOLIAN = re.compile(r"[\u1800-\u18af]")
LETTERS = re.compile(r"[^\W\d_]")


def _luminance(c: QColor) -> float:
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def background(item: QQuickItem) -> QColor:
    it = item.parentItem()
    while it is not None:
        if it.inherits("QQuickRectangle"):
            col = it.property("color")
            if isinstance(col, QColor) and col.alpha() == 255:
                return col
        it = it.parentItem()
    return QColor("#ffffff")  # the window's colour (Theme.bg)


def _flag(item: QQuickItem, name: str) -> bool:
    return bool(item.property(name))


def check_page(c: Citizen, language: str, elderly: bool) -> list[str]:
    """What is wrong on the screen now, one line each (empty: nothing)."""
    problems: list[str] = []
    page = c.shown_page()
    for it in c.items():
        if not really_visible(it) or it.width() <= 0:
            continue
        if it.inherits("QQuickText"):
            text = str(it.property("text") or "")
            if not text.strip():
                continue
            font = it.property("font")
            if font.pixelSize() < 18:
                problems.append(f"{page}: text {text[:20]!r} is {font.pixelSize()} px (< 18)")
            fg = it.property("color")
            ratio = contrast(fg, background(it))
            if ratio < 4.5:
                problems.append(f"{page}: text {text[:20]!r} contrast {ratio:.2f} (< 4.5)")
            if language == "mn" and _flag(it, "kioskCompanion") and MONGOLIAN.search(text):
                problems.append(f"{page}: Mongolian inside the Chinese beside the column: {text!r}")
            data = _flag(it, "kioskData") or (it.parentItem() is not None and _flag(it.parentItem(), "kioskData"))
            if data or not LETTERS.search(text):
                continue
            if _flag(it, "kioskMongolian"):  # one column of a vertical text: the whole text counts
                text = str(it.parentItem().parentItem().property("template") or text)
            elif it.property("kioskTemplate") is not None:  # words of a KText, without the data in its %1
                text = str(it.property("kioskTemplate"))
            if not LETTERS.search(text):
                continue
            if language == "en" and (CJK.search(text) or MONGOLIAN.search(text)):
                problems.append(f"{page}: untranslated in English: {text!r}")
            if language == "mn" and not _flag(it, "kioskCompanion") and not MONGOLIAN.search(text):
                problems.append(f"{page}: no Mongolian in {text!r}")
        if it.property("heading") is True and it.property("pixelSize") is not None and it.property("pixelSize") < 30:
            problems.append(f"{page}: heading of {it.property('pixelSize')} px (< 30)")
    problems += check_accessibility(c)
    return problems


def check_accessibility(c: Citizen) -> list[str]:
    problems: list[str] = []
    page = c.shown_page()

    def walk(iface: Any) -> Iterator[Any]:
        if iface is None or not iface.isValid():
            return
        yield iface
        for n in range(iface.childCount()):
            yield from walk(iface.child(n))

    for iface in walk(QAccessible.queryAccessibleInterface(c.window)):
        if iface.role() != QAccessible.Role.Button or iface.state().invisible:
            continue
        name = iface.text(QAccessible.Text.Name)
        rect = iface.rect()
        if not name.strip() or re.search(r"%\d", name):
            problems.append(f"{page}: a button without a proper name ({name!r}) at {rect}")
        if rect.width() < 60 or rect.height() < 60:
            problems.append(f"{page}: button {name!r} is {rect.width()}×{rect.height()} (< 60×60)")
    # every touchable area belongs to a named button
    for it in c.items():
        if it.inherits("QQuickMouseArea") and really_visible(it) and it.objectName() != "blocker":
            owner = it.parentItem()
            iface = QAccessible.queryAccessibleInterface(owner)
            if iface is None or iface.role() != QAccessible.Role.Button or not iface.text(QAccessible.Text.Name):
                problems.append(f"{page}: a touch area not exposed as a named button under {owner}")
    return problems


def tour(c: Citizen) -> Iterator[str]:
    """Every page of this issue's services, in a citizen's order; yields each page's name."""
    app = c.app
    c.wait_page("home")
    app.demo_rig.place_card("resident")
    c.wait_text(CARDS["resident"].name[0] + "*")
    yield "home"
    c.tap("service_identity")
    c.wait_page("identity")
    yield "identity"
    c.tap("homeButton")
    c.tap("service_guide")
    c.wait_page("guide")
    wait_for(lambda: app.guide.state == "browse", what="the catalogue")
    yield "guide"
    c.tap("group_0")
    first = wait_for(lambda: app.guide.results, what="items")[0]
    yield "guide-list"
    c.tap(f"item_{first.code}")
    c.wait_page("guideItem")
    yield "guide-item"
    c.tap("homeButton")
    c.tap("service_progress")
    c.wait_page("progress")
    yield "progress"
    c.tap("findByCard")
    wait_for(lambda: app.progress.state == "list", what="the cases")
    yield "case-list"
    c.tap(f"case_{app.progress.cases[0].case_no}")
    c.wait_page("case")
    yield "case"
    app.clock.advance(app.session.idle_s + 1)
    c.get("countdown")
    yield "countdown"
    c.tap("continueButton")
    app._notice({"title": "系统维护", "message": "业务系统正在维护，预计30分钟后恢复。"})
    c.get("closedScreen")
    yield "closed"
    app._notice(None)  # the notice ended the session: back home, nothing of the citizen's left
    c.wait_page("home")
    wait_for(lambda: app.session.state.value == "idle", what="the session ended")


def _sheet(paths: list[Path], out: Path, columns: int) -> None:
    from PIL import Image

    thumbs = [Image.open(p) for p in paths]
    w = 270 if thumbs[0].height > thumbs[0].width else 480
    # reducing_gap: a box reduction first, then the resampling (Pillow: indistinguishable, much faster)
    thumbs = [t.resize((w, int(t.height * w / t.width)), reducing_gap=3.0) for t in thumbs]
    h = max(t.height for t in thumbs)
    rows = (len(thumbs) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * w, rows * h), "white")
    for i, t in enumerate(thumbs):
        sheet.paste(t, ((i % columns) * w, (i // columns) * h))
    sheet.save(out, optimize=bool(os.environ.get("ZIZHU_SCREENSHOTS")))  # the smallest file only when kept


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_every_page_every_language_and_mode(qapp: Any, rig: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from ground.clock import FakeClock
    from tests.kiosk.conftest import make_app

    QAccessible.setActive(True)
    out = Path(os.environ.get("ZIZHU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    orient = "portrait" if size[1] > size[0] else "landscape"
    clock = FakeClock()
    app = make_app(rig, size=size, clock=clock)
    app.clock = clock
    app.start()
    problems: list[str] = []
    shots: dict[str, list[Path]] = {}
    try:
        c = Citizen(app)
        for language in ("zh", "mn", "en"):
            for elderly in (False, True):
                c.wait_page("home")
                app.set_language(language)
                app.set_elderly(elderly)
                rig.remove_card()
                spin(0.1)
                mode = "elderly" if elderly else "normal"
                for page in tour(c):
                    spin(0.15)
                    problems += [f"[{language} {mode} {orient}] {p}" for p in check_page(c, language, elderly)]
                    path = out / f"{orient}-{language}-{mode}-{page}.png"
                    assert app.window.grabWindow().save(str(path)), path
                    shots.setdefault(f"{language}-{mode}", []).append(path)
        for key, paths in shots.items():
            _sheet(paths, out / f"sheet-{orient}-{key}.png", columns=5)
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings
    assert problems == [], "\n".join(problems[:40])
