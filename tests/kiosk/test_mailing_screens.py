"""The mailing page (政务专递) in Chinese, Mongolian and English, normal and elderly mode: text sizes,
targets, contrast, the accessibility tree and untranslated strings measured on the rendered items
(tests/kiosk/test_kiosk_screens.py's checks), each step grabbed. Set ZIZHU_SCREENSHOTS=DIR to keep
the pictures (docs/kiosk/ holds the committed ones: sheet-mailing-*)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible

from tests.kiosk.conftest import make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_feedback import reveal, type_digits
from tests.kiosk.test_kiosk_mailing import APPROVED, commit
from tests.kiosk.test_kiosk_screens import _sheet, check_page


def mailing_tour(c: Citizen) -> Iterator[str]:
    app = c.app
    c.wait_page("home")
    app.demo_rig.place_card("resident")
    wait_for(lambda: app.identity.card is not None, what="the card read")
    reveal(c, "service_progress")
    for d in APPROVED:
        c.tap(f"key_{d}")
    c.tap("findNumber")
    c.wait_page("case")
    c.get("caseMailing")
    yield "case"
    reveal(c, "caseMailing")
    c.wait_page("mailing")
    c.get("district_150602")
    yield "mailing-region"
    reveal(c, "district_150602")
    reveal(c, "mailingNext")
    c.get("streetField")
    commit(c, "streetField", "新迁路8号3单元401")
    spin(0.1)
    yield "mailing-street"
    reveal(c, "mailingNext")
    c.get("recipientField")
    yield "mailing-recipient"
    reveal(c, "mailingNext")
    type_digits(c, "13912345678")
    yield "mailing-phone"
    reveal(c, "mailingNext")
    c.get("confirmStreet")
    yield "mailing-confirm"
    real = app.feedback.demo.send_request
    app.feedback.demo.send_request = lambda _r: (_ for _ in ()).throw(RuntimeError("test: agent down"))
    reveal(c, "mailingSubmit")
    wait_for(lambda: app.mailing.flow.error == "hall_copy_failed", what="the hall copy refused, withdrawn")
    spin(0.1)
    yield "mailing-failed"
    app.feedback.demo.send_request = real
    reveal(c, "mailingSubmit")
    wait_for(lambda: app.mailing.flow.print_state == "printed", 15, "the slip printed")
    c.wait_page("rating")
    reveal(c, "ratingSkip")
    c.wait_page("home")
    reveal(c, "endButton")
    wait_for(lambda: app.session.state.value == "idle", what="the session ended")
    app.demo_rig.remove_card()


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_the_mailing_page_in_every_language_and_mode(qapp: Any, rig: Any, tmp_path: Path,
                                                     size: tuple[int, int]) -> None:
    QAccessible.setActive(True)
    out = Path(os.environ.get("ZIZHU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    orient = "portrait" if size[1] > size[0] else "landscape"
    app = make_app(rig, size=size)
    app.start()
    problems: list[str] = []
    shots: dict[str, list[Path]] = {}
    combos = [("zh", False), ("mn", True), ("en", False)] if orient == "portrait" else [("en", True)]
    try:
        c = Citizen(app)
        for language, elderly in combos:
            c.wait_page("home")
            app.set_language(language)
            app.set_elderly(elderly)
            spin(0.1)
            mode = "elderly" if elderly else "normal"
            for page in mailing_tour(c):
                spin(0.15)
                found = check_page(c, language, elderly)
                if page == "case":  # the rest of the case page is test_kiosk_screens.py's
                    found = [p for p in found if "邮寄" in p or "mail" in p.lower()]
                problems += [f"[{language} {mode} {orient}] {p}" for p in found]
                path = out / f"mailing-{orient}-{language}-{mode}-{page}.png"
                assert app.window.grabWindow().save(str(path)), path
                shots.setdefault(f"{language}-{mode}", []).append(path)
        for key, paths in shots.items():
            _sheet(paths, out / f"sheet-mailing-{orient}-{key}.png", columns=4)
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings
    assert problems == [], "\n".join(problems[:40])
