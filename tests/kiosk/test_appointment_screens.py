"""延时服务预约 in Chinese, Mongolian and English (and Chinese for elders), portrait: text sizes,
contrast, the accessibility tree and untranslated strings measured on the rendered items
(tests/kiosk/test_kiosk_screens.py's checks), each step grabbed. Set ZIZHU_SCREENSHOTS=DIR to keep the
pictures (docs/kiosk/ holds the committed sheets: sheet-appointment-portrait-*)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAccessible

from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_feedback import reveal
from tests.kiosk.test_kiosk_screens import _sheet, check_page

QML = Path(__file__).resolve().parents[2] / "kiosk" / "qml" / "Zizhu"
NOOP = re.compile(r'QT_TRANSLATE_NOOP\("Zizhu", "([^"]+)"\)')
OURS = {m.group(1) for f in ("AppointmentPage.qml", "AppointmentTexts.qml")
        for m in NOOP.finditer((QML / f).read_text(encoding="utf-8"))}
MONDAY = date(2026, 9, 21)  # 26 Sep 中秋节, 3 Oct 国庆节, 10 Oct 调休, 17 Oct open
ITEM = "150602-YB-0001"


def tour(c: Citizen, rig: Any) -> Iterator[str]:
    app = c.app
    c.wait_page("home")
    wait_for(lambda: c.get("service_appointment").isEnabled(), what="延时服务预约 on")
    yield "home"
    reveal(c, "service_appointment")
    c.wait_page("appointment")
    c.get("appointmentBook")
    yield "menu"
    reveal(c, "appointmentBook")
    c.get("appointmentPlaceCard")
    yield "card"
    rig.place_card("resident")
    wait_for(lambda: app.appointment.flow.state == "items", 30, "the card read, the items listed")
    c.get(f"appointmentItem_{ITEM}")
    yield "items"
    reveal(c, f"appointmentItem_{ITEM}")
    c.get("appointmentDay_2026-10-03")
    reveal(c, "appointmentDay_2026-10-03")
    wait_for(lambda: app.appointment.flow.error == "day_holiday", what="the holiday said")
    yield "day-holiday"
    reveal(c, "appointmentDay_2026-10-17")
    c.get("appointmentNext")
    for d in "1390482":
        reveal(c, f"key_{d}")
    reveal(c, "appointmentNext")
    wait_for(lambda: app.appointment.flow.error != "", what="the bad phone said")
    yield "phone-bad"
    reveal(c, "key_clear")
    for d in "13904821234":
        reveal(c, f"key_{d}")
    reveal(c, "appointmentNext")
    c.get("appointmentSubmit")
    yield "confirm"
    reveal(c, "appointmentSubmit")
    wait_for(lambda: app.appointment.flow.print_state == "printed", 15, "the slip printed")
    c.get("appointmentBooked")
    yield "booked"
    reveal(c, "appointmentHome")
    c.wait_page("rating")
    reveal(c, "ratingSkip")
    c.wait_page("home")
    reveal(c, "service_appointment")
    reveal(c, "appointmentMine")
    wait_for(lambda: app.appointment.flow.state == "mine", what="my bookings")
    no = app.appointment.flow.bookings[0].booking_no
    c.get(f"appointmentBooking_{no}")
    yield "mine"
    reveal(c, f"appointmentBooking_{no}")
    c.get("appointmentCancel")
    yield "cancel-confirm"
    reveal(c, "appointmentCancel")
    c.get("appointmentCancelled")
    yield "cancelled"
    reveal(c, "appointmentHome")
    c.wait_page("home")
    rig.remove_card()
    reveal(c, "endButton")
    wait_for(lambda: app.session.state.value == "idle", what="the session ended")


def test_the_appointment_page_in_every_language(qapp: Any, tmp_path: Path) -> None:
    from kiosk.app import KioskApp
    from kiosk.simrig import SimRig

    QAccessible.setActive(True)
    out = Path(os.environ.get("ZIZHU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    (tmp_path / "rig").mkdir()
    rig = SimRig(workdir=tmp_path / "rig", today=MONDAY, kiosk='tts_engine = "mock"\npoll_s = 0.3', camera=False,
                 locker=False).start()
    app = KioskApp(rig.config, rig.backend, demo_rig=rig, today=lambda: MONDAY)
    app.start()
    problems: list[str] = []
    try:
        c = Citizen(app)
        for language, elderly in (("zh", False), ("mn", False), ("en", False), ("zh", True)):
            c.wait_page("home")
            app.set_language(language)
            app.set_elderly(elderly)
            spin(0.1)
            mode = "elderly" if elderly else "normal"
            shots: list[Path] = []
            for step in tour(c, rig):
                spin(0.15)
                found = check_page(c, language, elderly)
                if step == "home":  # the rest of home is test_kiosk_screens.py's
                    found = [p for p in found if any(repr(s)[1:-1] in p for s in OURS | {"延时服务预约"})]
                problems += [f"[{language} {mode}] {step}: {p}" for p in found]
                path = out / f"appointment-{language}-{mode}-{step}.png"
                assert app.window.grabWindow().save(str(path)), path
                shots.append(path)
            _sheet(shots, out / f"sheet-appointment-portrait-{language}-{mode}.png", columns=5)
    finally:
        app.stop()
        spin(0.05)
        rig.stop()
    assert app.qml_warnings == [], app.qml_warnings
    assert problems == [], "\n".join(problems[:40])
