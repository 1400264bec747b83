"""The materials page (材料提交) in Chinese, Mongolian and English, normal and elderly mode, portrait
and landscape: text sizes, targets, contrast, the accessibility tree and untranslated strings measured
on the rendered items (tests/kiosk/test_kiosk_screens.py's checks), each step grabbed. Landscape in
the three combinations where height is the risk. Set ZIZHU_SCREENSHOTS=DIR to keep the pictures
(docs/kiosk/ holds the committed sheets)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.screens import LANDSCAPE, PORTRAIT, modes, page_strings, screens_out, tour_every_mode, toured
from tests.kiosk.test_kiosk_capture import CASE, SIZE, VERDICT_S, show, take
from tests.kiosk.test_kiosk_feedback import reveal

OURS = page_strings("CapturePage.qml", "CaptureTexts.qml")


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
    "portrait": ((1080, 1920), PORTRAIT),
    "landscape": ((1920, 1080), LANDSCAPE),
}


@pytest.mark.parametrize("orient", sorted(COMBINATIONS))
def test_the_materials_page_in_every_language_and_mode(qapp: Any, tmp_path: Path, orient: str) -> None:
    from kiosk.simrig import SimRig

    size, combinations = COMBINATIONS[orient]
    out = screens_out(tmp_path)
    (tmp_path / "rig").mkdir()
    rig = SimRig(workdir=tmp_path / "rig", today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5',
                 locker=False, camera_size=SIZE).start()
    rig.camera.apply_event("scene", {"value": "desk_empty"})
    app = make_app(rig, size=size)
    shots = tour_every_mode(app, rig, capture_tour, combos=combinations, orient=orient, out=out, sheet="capture",
                            ours=OURS, columns=5, between=lambda: show(rig, "desk_empty"))
    steps = toured(shots, orient)
    assert set(steps) == modes(combinations)
    assert all("capture-refused" in s and "capture-review" in s for s in steps.values()), steps
