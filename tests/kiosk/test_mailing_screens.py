"""The mailing page (政务专递) in Chinese, Mongolian and English, normal and elderly mode: text sizes,
targets, contrast, the accessibility tree and untranslated strings measured on the rendered items
(tests/kiosk/test_kiosk_screens.py's checks), each step grabbed. Set ZIZHU_SCREENSHOTS=DIR to keep
the pictures (docs/kiosk/ holds the committed ones: sheet-mailing-*)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kiosk.conftest import make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.screens import modes, orientation, page_strings, screens_out, tour_every_mode, toured
from tests.kiosk.test_kiosk_feedback import reveal, type_digits
from tests.kiosk.test_kiosk_mailing import APPROVED, commit

OURS = page_strings("MailingPage.qml", "MailingTexts.qml")


def mailing_tour(c: Citizen, _rig: Any) -> Iterator[str]:
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
    orient = orientation(size)
    # Landscape: the one where height is the risk (elderly sizes), the suite's time.
    combos = [("zh", False), ("mn", True), ("en", False)] if orient == "portrait" else [("en", True)]
    shots = tour_every_mode(make_app(rig, size=size), rig, mailing_tour, combos=combos, orient=orient,
                            out=screens_out(tmp_path), sheet="mailing", ours=OURS)
    steps = toured(shots, orient)
    assert set(steps) == modes(combos)
    assert all(s[-2:] == ["mailing-confirm", "mailing-failed"] for s in steps.values()), steps
