"""At the end of a session nothing personal is left: not in Python's objects, the QML, the files."""

from __future__ import annotations

import gc
import random
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths

from drivers.idcard.synthetic import CARDS, make_number
from tests.kiosk.kioskharness import Citizen, wait_for


def _forms(needles: list[str]) -> list[str | bytes]:
    return [*needles, *(n.encode("utf-8") for n in needles), *(n.encode("utf-16-le") for n in needles)]


def _hits(forms: list[str | bytes], exclude: set[int]) -> list[str]:
    """Every live Python object (but ``exclude``) that holds one of ``forms``."""
    found = []
    for obj in gc.get_objects():
        if id(obj) in exclude:
            continue
        for ref in gc.get_referents(obj):
            if isinstance(ref, str | bytes | bytearray):
                for f in forms:
                    if type(f) is (str if isinstance(ref, str) else bytes) and f in ref:
                        found.append(f"{type(obj).__name__} holds {f!r}")
    return found


def test_the_wipe_finds_nothing(kiosk: Citizen, monkeypatch: Any) -> None:
    rnd = random.Random()
    name = "样例" + "".join(rnd.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯") for _ in range(3))
    birth = date(1970 + rnd.randrange(40), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
    number = make_number("150602", birth, rnd.randrange(1000))
    phone = "139" + "".join(rnd.choice("0123456789") for _ in range(8))
    card = replace(CARDS["resident"], name=name, number=number, birth=birth)
    monkeypatch.setitem(CARDS, "wipe-test", card)
    kiosk.app.demo_rig.place_card("wipe-test")
    kiosk.wait_text("您好，")
    kiosk.tap("service_progress")
    kiosk.tap("findByCard")  # the citizen's cases are looked up by the card's number
    kiosk.wait_text("未查询到您的办件")
    kiosk.tap("progressAgain")
    for d in phone:  # a phone number typed on the pad
        kiosk.tap(f"key_{d}")
    assert kiosk.app.progress.number == phone
    kiosk.tap("endButton")
    kiosk.wait_page("home")
    wait_for(lambda: kiosk.app.session.state.value == "idle", what="session over")
    # The citizen takes the card; the test forgets its own copies.
    kiosk.app.demo_rig.remove_card()
    monkeypatch.undo()
    del card
    kiosk.app.engine.collectGarbage()
    gc.collect()
    needles = [name, number, phone]
    forms = _forms(needles)
    hits = _hits(forms, exclude={id(needles), id(forms)})
    assert hits == [], hits
    assert name not in kiosk.screen_text() and phone not in kiosk.screen_text()
    for view in (kiosk.app.identity.view(), kiosk.app.progress.view(), kiosk.app.guide.view()):
        assert not any(n in repr(view) for n in needles)
    keyboard = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
    assert not (keyboard / "qtvirtualkeyboard").exists()
    for f in Path(kiosk.app.demo_rig.dir).rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert not any(n.encode() in data or n.encode("gb18030") in data for n in needles), f
