"""The document locker's pages in Chinese, Mongolian and English, normal and elderly mode, portrait and landscape: every
state a citizen sees (the pad, the card, a wrong card, a wrong code, locked, a jammed slot, the open
door, done; the deposit's choice, list, confirmation, door and receipt), measured like every other
page (tests/kiosk/test_kiosk_screens.py: sizes, targets, contrast, accessibility, untranslated
strings) and grabbed; ZIZHU_SCREENSHOTS=DIR keeps the pictures and contact sheets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible

from drivers.idcard.synthetic import CARDS
from ground.logs import mask_name
from kiosk.backend.demo_locker import _Live, _PickupEntry
from kiosk.backend.locker import PickupStatus
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.screens import LANDSCAPE, PORTRAIT
from tests.kiosk.test_kiosk_screens import _sheet, check_page

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def srig(tmp_path: Path) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5', camera=False, locker=True,
               locker_extra="door_open_alarm_s = 60.0\nopen_confirm_s = 0.6\ntimeout_s = 0.3").start()
    r.locker.apply_event("auto_close", {"seconds": 0})  # doors stay open until the tour shuts them
    yield r
    r.stop()


def _pickup(rig: Any, n: int, slot: int, status: PickupStatus = PickupStatus.WAITING) -> str:
    """A pickup of 测试甲's at ``slot`` with a code of its own (each round opens a fresh one)."""
    code = f"{70000000 + n:08d}"
    entry = _PickupEntry(pickup_id=f"P-S{n}", case_no="1506020500000213", item="个体工商户营业执照（正本、副本）",
                         slot=slot, holder="resident", agent="resident_long_term", code=code, status=status)
    people = rig.backend._people
    rig.backend._locker.pickups.append(_Live(entry, people["resident"], people["resident_long_term"], status))
    return code


def _code(c: Citizen, code: str) -> None:
    for d in code:
        c.tap(f"key_{d}")
    c.tap("pickupSubmit")


def _home(c: Citizen, rig: Any) -> None:
    c.tap("endButton") if c.find("endButton") else None
    wait_for(lambda: c.app.session.state.value == "idle", what="the session over")
    rig.remove_card()
    c.wait_page("home")


def tour(c: Citizen, rig: Any, n: int) -> Iterator[str]:
    app, sim = c.app, rig.locker
    code, locked, jammed = _pickup(rig, 3 * n, 3), _pickup(rig, 3 * n + 1, 4, PickupStatus.LOCKED), \
        _pickup(rig, 3 * n + 2, 5)
    sim.apply_event("jam", {"slot": 5, "mode": "no_open"})
    for p in rig.backend._locker.pickups:  # one wrong code a round: the rounds must not add up to a lock
        p.wrong = 0
    c.wait_page("home")
    yield "home"
    c.tap("service_pickup")
    c.wait_page("pickup")
    for d in code[:4]:
        c.tap(f"key_{d}")
    yield "pickup-code"
    for d in code[4:]:
        c.tap(f"key_{d}")
    c.tap("pickupSubmit")
    c.get("pickupPlaceCard")
    yield "pickup-card"
    rig.place_card("foreign_pr_2023")
    c.get("pickupOtherCard")
    yield "pickup-mismatch"
    c.tap("pickupOtherCard")
    rig.remove_card()
    spin(0.2)
    rig.place_card("resident")
    c.get("lockerDoorOpen", timeout=15)
    yield "pickup-door"
    sim.apply_event("door", {"slot": 3, "state": "closed"})
    wait_for(lambda: app.locker.pickup.print_state in ("printed", "failed"), timeout=15, what="the slip")
    yield "pickup-done"
    _home(c, rig)
    rig.place_card("resident")
    c.wait_text(mask_name(CARDS["resident"].name))
    c.tap("service_pickup")
    _code(c, "11110000")
    c.get("pickupAttempts")
    yield "pickup-wrong-code"
    _code(c, locked)
    c.get("pickupLocked")
    yield "pickup-locked"
    c.tap("homeButton")
    c.tap("service_pickup")
    _code(c, jammed)
    c.get("pickupAgain", timeout=10)
    yield "pickup-jammed"
    c.tap("homeButton")
    c.tap("service_deposit")
    c.wait_page("deposit")
    yield "deposit"
    c.tap("depositFindByCard")
    wait_for(lambda: app.locker.deposit.state == "list", what="the cases")
    yield "deposit-list"
    c.tap(f"depositCase_{app.locker.deposit.cases[0].case_no}")
    c.get("depositStart")
    yield "deposit-confirm"
    c.tap("depositStart")
    c.get("lockerDoorOpen", timeout=15)
    yield "deposit-door"
    sim.apply_event("door", {"slot": app.locker.deposit.slot, "state": "closed"})
    wait_for(lambda: app.locker.deposit.print_state in ("printed", "failed"), timeout=15, what="the receipt")
    yield "deposit-done"
    _home(c, rig)


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_locker_pages_every_language_and_mode(qapp: Any, srig: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    QAccessible.setActive(True)
    out = Path(os.environ.get("ZIZHU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    orient = "portrait" if size[1] > size[0] else "landscape"
    combos = PORTRAIT if orient == "portrait" else LANDSCAPE
    app = make_app(srig, size=size)
    app.start()
    for flow in (app.locker.pickup, app.locker.deposit):
        flow.on_service_done = None  # the rating page (its own screens test) would cover the done pages
    problems: list[str] = []
    shots: dict[str, list[Path]] = {}
    n = 0
    try:
        c = Citizen(app)
        wait_for(lambda: "locker" in app.availability.devices, what="the locker polled")
        for language, elderly in combos:
            c.wait_page("home")
            app.set_language(language)
            app.set_elderly(elderly)
            spin(0.1)
            mode = "elderly" if elderly else "normal"
            for page in tour(c, srig, n):
                spin(0.15)
                problems += [f"[{language} {mode} {orient}] {page}: {p}" for p in check_page(c, language, elderly)]
                path = out / f"locker-{orient}-{language}-{mode}-{page}.png"
                assert app.window.grabWindow().save(str(path)), path
                shots.setdefault(f"{language}-{mode}", []).append(path)
            n += 1
        for key, paths in shots.items():
            _sheet(paths, out / f"sheet-locker-{orient}-{key}.png", columns=5)
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings
    assert problems == [], "\n".join(problems[:40])
    assert n == len(combos) and all(len(p) == 14 for p in shots.values())
