"""What the page-by-page screen tests share: the page's own strings, and one tour of a page through
languages and modes with the checks of tests/kiosk/test_kiosk_screens.py on every step, each step
grabbed, a contact sheet per language and mode. ``ZIZHU_SCREENSHOTS=DIR`` keeps the pictures
(docs/kiosk/ holds the committed sheets)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAccessible

from tests.kiosk.kioskharness import Citizen, spin
from tests.kiosk.test_kiosk_screens import _sheet, check_page

QML = Path(__file__).resolve().parents[2] / "kiosk" / "qml" / "Zizhu"
NOOP = re.compile(r'QT_TRANSLATE_NOOP\("Zizhu", "([^"]+)"\)')
# What a page's tour runs through (the suite's time): in portrait Chinese in both modes and the other two
# languages in elderly mode — their largest text, where a layout breaks first (test_kiosk_screens.py
# walks every page in all six); in landscape, whose risk is height, the three where it is greatest.
PORTRAIT = [("zh", False), ("zh", True), ("mn", True), ("en", True)]
LANDSCAPE = [("zh", False), ("mn", True), ("en", True)]


def page_strings(*files: str) -> set[str]:
    """The translatable strings a page's QML files declare (its words on the home page are checked here)."""
    return {m.group(1) for f in files for m in NOOP.finditer((QML / f).read_text(encoding="utf-8"))}


def orientation(size: tuple[int, int]) -> str:
    return "portrait" if size[1] > size[0] else "landscape"


def screens_out(tmp_path: Path) -> Path:
    QAccessible.setActive(True)
    out = Path(os.environ.get("ZIZHU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def toured(shots: dict[str, list[Path]], orient: str) -> dict[str, list[str]]:
    """The steps each (language-mode) tour got through, in order, by the names of its pictures."""
    return {key: [p.stem.removeprefix(f"{orient}-{key}-") for p in paths] for key, paths in shots.items()}


def modes(combos: Iterable[tuple[str, bool]]) -> set[str]:
    return {f"{lang}-{'elderly' if elderly else 'normal'}" for lang, elderly in combos}


def tour_every_mode(app: Any, rig: Any, tour: Callable[[Citizen, Any], Iterator[str]], *, combos: Iterable[
        tuple[str, bool]], orient: str, out: Path, sheet: str, ours: set[str], columns: int = 4,
        between: Callable[[], None] | None = None) -> dict[str, list[Path]]:
    """Start ``app``, walk ``tour`` once per (language, elderly), check and grab each step; stop the app
    and ``rig`` whatever happens; then no QML warning and no problem found. The pictures, by mode."""
    app.start()
    problems: list[str] = []
    shots: dict[str, list[Path]] = {}
    try:
        c = Citizen(app)
        for language, elderly in combos:
            c.wait_page("home")
            app.set_language(language)
            app.set_elderly(elderly)
            spin(0.1)
            mode = "elderly" if elderly else "normal"
            for page in tour(c, rig):
                spin(0.15)
                found = check_page(c, language, elderly)
                if page.startswith("home"):  # the rest of home is test_kiosk_screens.py's
                    found = [p for p in found if any(repr(s)[1:-1] in p for s in ours)]
                problems += [f"[{language} {mode} {orient}] {p}" for p in found]
                path = out / f"{orient}-{language}-{mode}-{page}.png"
                assert app.window.grabWindow().save(str(path)), path
                shots.setdefault(f"{language}-{mode}", []).append(path)
            if between is not None:
                between()
        for key, paths in shots.items():
            _sheet(paths, out / f"sheet-{sheet}-{orient}-{key}.png", columns=columns)
    finally:
        app.stop()
        spin(0.05)
        rig.stop()
    assert app.qml_warnings == [], app.qml_warnings
    assert problems == [], "\n".join(problems[:40])
    return shots
