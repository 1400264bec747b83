"""The maintenance screen measured like every page (tests/kiosk/test_kiosk_screens.py's check_page):
text sizes, contrast, named touch targets of at least 60 × 60, and no string that missed the
translation files — the PIN pad and the open screen, in the three languages, normal and elderly.
With ZIZHU_SCREENSHOTS=DIR each is kept as a PNG there."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kiosk.conftest import make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_maintenance import PIN, make_rig, started
from tests.kiosk.test_kiosk_screens import check_page

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def kiosk(qapp: Any, tmp_path: Path) -> Iterator[Citizen]:
    rig = make_rig(tmp_path, locker=True)
    app = make_app(rig, size=(1920, 1080))
    c = started(app)
    wait_for(lambda: "locker" in app.availability.devices, what="the locker polled")
    yield c
    app.stop()
    spin(0.05)
    rig.stop()
    assert app.qml_warnings == [], app.qml_warnings


def shot(c: Citizen, name: str) -> None:
    where = os.environ.get("ZIZHU_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        c.window.grabWindow().save(str(Path(where) / f"maintenance-{name}.png"))


def test_the_maintenance_screen_in_every_language_and_mode(kiosk: Citizen) -> None:
    app, f = kiosk.app, kiosk.app.maintenance.flow
    problems: list[str] = []
    for language in ("zh", "en", "mn"):
        for elderly in (False, True):
            app.set_language(language)
            app.set_elderly(elderly)
            tag = f"{language}-{'elderly' if elderly else 'normal'}"
            f.enter()
            f.key("1")
            f.submit()  # a wrong PIN: its words are on the pad
            spin(0.3)
            problems += [f"pin {tag}: {p}" for p in check_page(kiosk, language, elderly)]
            shot(kiosk, f"pin-{tag}")
            for d in PIN:
                f.key(d)
            kiosk.tap("maintenanceSubmit")  # on the screen, scrolled or not: the pad fits every mode
            wait_for(lambda: f.state == "open", 5, "the screen open")
            f.self_test("printer")
            wait_for(lambda: not f.busy, 20, "the printer's self-test")
            spin(0.5)
            problems += [f"open {tag}: {p}" for p in check_page(kiosk, language, elderly)]
            shot(kiosk, f"open-{tag}")
            f.leave()
    assert not problems, "\n".join(problems)
