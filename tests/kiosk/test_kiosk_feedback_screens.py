"""The rating and complaint pages in Chinese, Mongolian and English, normal and elderly mode, portrait
and landscape: sizes, targets, contrast, names, untranslated strings (the checks of
test_kiosk_screens.py). ZIZHU_SCREENSHOTS=DIR keeps the pictures and contact sheets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible

from kiosk.flows import ServiceDone
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_feedback import reveal
from tests.kiosk.test_kiosk_screens import _sheet, check_page


def tour(c: Citizen) -> Iterator[str]:
    app = c.app
    item = app.backend.items()[0]
    c.wait_page("home")
    app.session.touch()
    app.feedback.service_done(ServiceDone(item.code, item.name, "20261203000123", slip_printed=True))
    c.wait_page("rating")
    reveal(c, "level_satisfied")
    reveal(c, "tag_efficiency")
    yield "rating"
    c.tap("ratingSubmit")
    wait_for(lambda: app.feedback.rating.state == "sent", what="the rating sent")
    yield "rating-sent"
    app.feedback.service_done(ServiceDone(item.code, item.name, "20261203000123"))
    wait_for(lambda: app.feedback.rating.state == "already", what="a second rating refused")
    yield "rating-refused"
    c.tap("ratingHome")
    c.wait_page("home")
    reveal(c, "service_complaint")
    c.wait_page("complaint")
    yield "complaint-category"
    c.tap("category_cannot_do")
    reveal(c, "matter_overdue")
    yield "complaint-matter"
    c.tap("complaintNext")
    for d in "1234":
        c.tap(f"key_{d}")
    c.tap("complaintNext")
    wait_for(lambda: app.feedback.complaint.error, what="the phone refused")
    yield "complaint-phone-refused"
    c.tap("key_clear")
    for d in "13904821234":
        c.tap(f"key_{d}")
    c.tap("complaintNext")
    yield "complaint-case"
    c.tap("complaintSkipCase")
    yield "complaint-confirm"
    c.tap("complaintSubmit")
    wait_for(lambda: app.feedback.complaint.print_state == "printed", 15, "the slip printed")
    yield "complaint-accepted"
    app.end_session("ended")
    c.wait_page("home")


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_the_feedback_pages_every_language_and_mode(qapp: Any, rig: Any, tmp_path: Path,
                                                     size: tuple[int, int]) -> None:
    from tests.kiosk.conftest import make_app

    QAccessible.setActive(True)
    out = Path(os.environ.get("ZIZHU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    orient = "portrait" if size[1] > size[0] else "landscape"
    app = make_app(rig, size=size)
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
                spin(0.1)
                mode = "elderly" if elderly else "normal"
                for page in tour(c):
                    spin(0.1)
                    problems += [f"[{language} {mode} {orient}] {p}" for p in check_page(c, language, elderly)]
                    path = out / f"{orient}-{language}-{mode}-{page}.png"
                    assert app.window.grabWindow().save(str(path)), path
                    shots.setdefault(f"{language}-{mode}", []).append(path)
        for key, paths in shots.items():
            _sheet(paths, out / f"sheet-feedback-{orient}-{key}.png", columns=5)
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings
    assert problems == [], "\n".join(problems[:40])
