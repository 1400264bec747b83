"""The materials page (材料提交) in Chinese, Mongolian and English, normal and elderly mode, portrait
and landscape: text sizes, targets, contrast, the accessibility tree and untranslated strings measured
on the rendered items (tests/kiosk/test_kiosk_screens.py's checks), each step grabbed. Landscape in
the three combinations where height is the risk. Set ZIZHU_SCREENSHOTS=DIR to keep the pictures
(docs/kiosk/ holds the committed sheets)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible

from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_capture import CASE, SIZE, VERDICT_S, show, take
from tests.kiosk.test_kiosk_feedback import reveal
from tests.kiosk.test_kiosk_screens import _sheet, check_page

QML = Path(__file__).resolve().parents[2] / "kiosk" / "qml" / "Zizhu"
NOOP = re.compile(r'QT_TRANSLATE_NOOP\("Zizhu", "([^"]+)"\)')
OURS = {m.group(1) for f in ("CapturePage.qml", "CaptureTexts.qml")
        for m in NOOP.finditer((QML / f).read_text(encoding="utf-8"))}


def capture_tour(c: Citizen, rig: Any) -> Iterator[str]:
    app = c.app
    flow = app.capture.flow
    c.wait_page("home")
    wait_for(lambda: c.get("service_capture").isEnabled(), what="材料提交 on")
    yield "home"
    reveal(c, "service_capture")  # the home page scrolls: its services are many
    c.wait_page("capture")
    for d in CASE[:8]:
        c.tap(f"key_{d}")
    yield "capture-case"
    for d in CASE[8:]:
        c.tap(f"key_{d}")
    c.tap("captureFind")
    c.get("captureLive")
    take(c, "document_1", rig)
    yield "capture-preview"
    show(rig, "document_cut_off")
    wait_for(lambda: flow.check == "cut_off", VERDICT_S, "the page cut off")
    reveal(c, "captureTake")
    c.get("captureRefused")
    spin(0.2)
    yield "capture-refused"
    take(c, "document_2", rig)
    reveal(c, "captureReview")
    c.get("capturePage_1")
    spin(0.2)
    yield "capture-review"
    reveal(c, "captureSubmit")
    wait_for(lambda: flow.state == "done", 20, "submitted")
    wait_for(lambda: c.shown_page() == "rating" or c.find("captureDone") is not None, what="rating or 材料已提交")
    if c.shown_page() != "rating":
        yield "capture-done"
    else:
        c.tap("ratingSkip")
    c.tap("endButton")
    wait_for(lambda: app.session.state.value == "idle", what="the session ended")


COMBINATIONS = {
    "portrait": ((1080, 1920), [(lang, e) for lang in ("zh", "mn", "en") for e in (False, True)]),
    "landscape": ((1920, 1080), [("zh", False), ("mn", True), ("en", True)]),
}


@pytest.mark.parametrize("orient", sorted(COMBINATIONS))
def test_the_materials_page_in_every_language_and_mode(qapp: Any, tmp_path: Path, orient: str) -> None:
    from kiosk.simrig import SimRig

    size, combinations = COMBINATIONS[orient]
    QAccessible.setActive(True)
    out = Path(os.environ.get("ZIZHU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    (tmp_path / "rig").mkdir()
    rig = SimRig(workdir=tmp_path / "rig", today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5',
                 locker=False, camera_size=SIZE).start()
    rig.camera.apply_event("scene", {"value": "desk_empty"})
    app = make_app(rig, size=size)
    app.start()
    problems: list[str] = []
    shots: dict[str, list[Path]] = {}
    try:
        c = Citizen(app)
        for language, elderly in combinations:
            c.wait_page("home")
            app.set_language(language)
            app.set_elderly(elderly)
            spin(0.1)
            mode = "elderly" if elderly else "normal"
            for page in capture_tour(c, rig):
                spin(0.15)
                found = check_page(c, language, elderly)
                if page.startswith("home"):  # the rest of home is test_kiosk_screens.py's
                    found = [p for p in found if any(repr(s)[1:-1] in p for s in OURS)]
                problems += [f"[{language} {mode} {orient}] {p}" for p in found]
                path = out / f"{orient}-{language}-{mode}-{page}.png"
                assert app.window.grabWindow().save(str(path)), path
                shots.setdefault(f"{language}-{mode}", []).append(path)
            show(rig, "desk_empty")
        for key, paths in shots.items():
            _sheet(paths, out / f"sheet-capture-{orient}-{key}.png", columns=5)
    finally:
        app.stop()
        spin(0.05)
        rig.stop()
    assert app.qml_warnings == [], app.qml_warnings
    assert problems == [], "\n".join(problems[:40])
