"""The A4 printing page (表格和证明打印) in Chinese, Mongolian and English, normal and elderly mode,
portrait and landscape: text sizes, targets, contrast, the accessibility tree and untranslated
strings measured on the rendered items (tests/kiosk/test_kiosk_screens.py's checks), each step
grabbed, against the private CUPS of the simulated terminal. Set ZIZHU_SCREENSHOTS=DIR to keep the
pictures (docs/kiosk/ holds the committed ones: sheet-a4-*)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.screens import PORTRAIT, modes, orientation, page_strings, screens_out, tour_every_mode, toured
from tests.kiosk.test_kiosk_feedback import reveal

OURS = page_strings("A4Page.qml", "A4Texts.qml") | {"表格和证明打印"}


def a4_tour(c: Citizen, rig: Any) -> Iterator[str]:
    app = c.app
    c.wait_page("home")
    wait_for(lambda: c.get("service_a4").isEnabled(), what="表格和证明打印 on")
    yield "home"
    reveal(c, "service_a4")
    c.wait_page("a4")
    c.get("a4Forms")
    yield "a4-menu"
    reveal(c, "a4Forms")
    c.get("a4Form_0")
    yield "a4-forms"
    rig.cups.set_condition("a4", "paper_out")
    reveal(c, "a4Form_0")
    wait_for(lambda: app.a4.flow.held == "paper_out", 10, "the job held by paper out")
    spin(0.1)
    yield "a4-held"
    wait_for(lambda: app.a4.flow.state == "error", 10, "paper out said")
    spin(0.1)
    yield "a4-paper-out"
    rig.cups.set_condition("a4", "paper_out", on=False)
    assert app.poller.print_test_page(app.poller.by_kind("a4printer")).result(20).ok  # the technician's page
    wait_for(lambda: app.availability.service("a4") is None, 5, "A4 back")
    reveal(c, "a4Back")
    reveal(c, "a4Certificates")
    c.get("a4Cert_social_insurance")
    yield "a4-certificates"
    reveal(c, "a4Cert_social_insurance")
    c.get("a4PlaceCard")
    yield "a4-card"
    rig.place_card("resident")
    wait_for(lambda: app.a4.flow.state == "done", 20, "打印完成")
    spin(0.1)
    yield "a4-done"
    reveal(c, "a4Home")
    c.wait_page("rating")
    reveal(c, "ratingSkip")
    c.wait_page("home")
    rig.remove_card()
    reveal(c, "endButton")
    wait_for(lambda: app.session.state.value == "idle", what="the session ended")
    rig.cups.stop_queue("a4", "维护")
    wait_for(lambda: not c.get("service_a4").isEnabled(), 5, "表格和证明打印 off")
    yield "home-a4-stopped"
    rig.cups.start_queue("a4")
    wait_for(lambda: c.get("service_a4").isEnabled(), 5, "表格和证明打印 on again")


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_the_a4_page_in_every_language_and_mode(qapp: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from kiosk.simrig import SimRig

    out, orient = screens_out(tmp_path), orientation(size)
    (tmp_path / "rig").mkdir()
    rig = SimRig(workdir=tmp_path / "rig", today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.3', camera=False,
                 locker=False, a4=True, a4_extra="stuck_s = 1.0\npoll_s = 0.1").start()
    app = make_app(rig, size=size)
    app.a4.flow.done_hold_s = 60  # the words stay for the picture; 返回首页 offers the rating
    combos = PORTRAIT if orient == "portrait" else [("zh", False), ("mn", True)]
    shots = tour_every_mode(app, rig, a4_tour, combos=combos, orient=orient, out=out, sheet="a4", ours=OURS)
    steps = toured(shots, orient)
    assert set(steps) == modes(combos)
    assert all(s[-1] == "home-a4-stopped" and "a4-paper-out" in s for s in steps.values()), steps
