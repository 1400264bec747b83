"""The ID photo page in Chinese, Mongolian and English, normal and elderly mode, portrait and
landscape: text sizes, targets, contrast, the accessibility tree and untranslated strings measured on
the rendered items (tests/kiosk/test_kiosk_screens.py's checks), each step grabbed. Set
ZIZHU_SCREENSHOTS=DIR to keep the pictures (docs/kiosk/ holds the committed ones)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.screens import (
    LANDSCAPE,
    PORTRAIT,
    modes,
    orientation,
    page_strings,
    screens_out,
    tour_every_mode,
    toured,
)
from tests.kiosk.test_kiosk_photo import CASE, capture_enabled, finish

OURS = page_strings("PhotoPage.qml", "PhotoTexts.qml") | {"证件照"}


def photo_tour(c: Citizen, rig: Any) -> Iterator[str]:
    app = c.app
    c.wait_page("home")
    wait_for(lambda: c.get("service_photo").isEnabled(), what="证件照 on")
    yield "home"
    c.tap("service_photo")
    c.wait_page("photo")
    c.get("size_resident_id")
    yield "photo-size"
    c.tap("size_resident_id")
    for d in CASE[:6]:
        c.tap(f"key_{d}")
    yield "photo-case"
    for d in CASE[6:]:
        c.tap(f"key_{d}")
    c.tap("photoFind")
    wait_for(lambda: capture_enabled(c), what="拍照 on")
    yield "photo-preview"
    rig.camera.apply_event("scene", {"value": "two_faces"})
    wait_for(lambda: app.photo.flow.check == "several_faces", what="two faces refused")
    spin(0.2)
    yield "photo-refused"
    rig.camera.apply_event("scene", {"value": "portrait"})
    wait_for(lambda: capture_enabled(c), what="拍照 on again")
    c.tap("photoCapture")
    c.get("photoKept")
    yield "photo-review"
    c.tap("photoKeep")
    wait_for(lambda: c.shown_page() == "rating" or c.find("photoDone") is not None, what="rating or 照片已提交")
    if c.shown_page() != "rating":  # where the app has a rating page, it comes at once instead
        yield "photo-done"
    finish(c)
    rig.camera.apply_event("cover", {})
    wait_for(lambda: not c.get("service_photo").isEnabled(), what="证件照 off")
    yield "home-camera-covered"
    rig.camera.apply_event("clear", {})
    c.tap("endButton")
    wait_for(lambda: app.session.state.value == "idle", what="the session ended")


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_the_photo_page_in_every_language_and_mode(qapp: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from kiosk.simrig import SimRig

    out, orient = screens_out(tmp_path), orientation(size)
    (tmp_path / "rig").mkdir()
    rig = SimRig(workdir=tmp_path / "rig", today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5',
                 locker=False).start()
    rig.camera.apply_event("fps", {"value": 20})
    app = make_app(rig, size=size)
    combos = PORTRAIT if orient == "portrait" else LANDSCAPE
    shots = tour_every_mode(app, rig, photo_tour, combos=combos, orient=orient, out=out, sheet="photo", ours=OURS)
    steps = toured(shots, orient)
    assert set(steps) == modes(combos)
    assert all(s[-1] == "home-camera-covered" and "photo-refused" in s for s in steps.values()), steps
