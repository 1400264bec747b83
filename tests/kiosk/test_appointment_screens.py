"""延时服务预约 in Chinese (both modes), Mongolian and English (elders' sizes, the largest), portrait: text sizes,
contrast, the accessibility tree and untranslated strings measured on the rendered items
(tests/kiosk/screens.py's tour), each step grabbed. Set ZIZHU_SCREENSHOTS=DIR to keep the pictures
(docs/kiosk/ holds the committed sheets: sheet-appointment-portrait-*)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from tests.kiosk.kioskharness import Citizen, wait_for
from tests.kiosk.screens import PORTRAIT, modes, page_strings, screens_out, tour_every_mode, toured
from tests.kiosk.test_kiosk_feedback import reveal

OURS = page_strings("AppointmentPage.qml", "AppointmentTexts.qml") | {"延时服务预约"}
MONDAY = date(2026, 9, 21)  # 26 Sep 中秋节, 3 Oct 国庆节, 10 Oct 调休, 17 Oct open
ITEM = "150602-YB-0001"


def tour(c: Citizen, rig: Any) -> Iterator[str]:
    app = c.app
    c.wait_page("home")
    wait_for(lambda: c.get("service_appointment").isEnabled(), what="延时服务预约 on")
    # the one device thread also opens the printer: a card read waits behind a printer not answering yet
    wait_for(lambda: app.availability.device("printer") is None, 30, "the printer online")
    yield "home"
    reveal(c, "service_appointment")
    c.wait_page("appointment")
    c.get("appointmentBook")
    yield "menu"
    reveal(c, "appointmentBook")
    c.get("appointmentPlaceCard")
    yield "card"
    rig.place_card("resident")
    wait_for(lambda: app.appointment.flow.state == "items", 30,
             f"the card read, the items listed (identity {app.identity.state}, {app.availability.view()})")
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

    out = screens_out(tmp_path)
    (tmp_path / "rig").mkdir()
    rig = SimRig(workdir=tmp_path / "rig", today=MONDAY, kiosk='tts_engine = "mock"\npoll_s = 0.3', camera=False,
                 locker=False).start()
    app = KioskApp(rig.config, rig.backend, demo_rig=rig, today=lambda: MONDAY)
    shots = tour_every_mode(app, rig, tour, combos=PORTRAIT,
                            orient="portrait", out=out, sheet="appointment", ours=OURS, columns=5)
    steps = toured(shots, "portrait")
    assert set(steps) == modes(PORTRAIT)
    assert all(s[-4:] == ["booked", "mine", "cancel-confirm", "cancelled"] for s in steps.values()), steps
