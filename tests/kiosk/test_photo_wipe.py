"""After an ID photo session nothing of the citizen's picture is left: not in Python's objects, not on
the screen, not in a file. A photo is kept and sent, a second one is left waiting for keep or
retake, then 结束; the citizen walks away (the simulator shows the empty booth).

"Nothing of the picture" is judged by what matters: no image alive — a numpy frame, a QImage, JPEG
bytes — in which OpenCV's face detector finds a face, besides the platform's own copy (the demo
back end runs in this process; on a terminal the platform is another system) and the simulator's
astronaut it composes scenes from.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QImage

from drivers.camera import scenes
from drivers.camera.config import PhotoThresholds
from drivers.camera.photo import find_faces
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_photo import CASE, capture_enabled, finish, open_preview, wait_attached
from tests.kiosk.wipescan import pictures_alive

TH = PhotoThresholds(min_face_fraction=0.05)


def has_face(img: Any) -> bool:
    if isinstance(img, QImage):
        q = img.convertToFormat(QImage.Format.Format_BGR888)
        raw = bytes(q.constBits())  # a copy: q owns the pixels
        rows = np.frombuffer(raw, np.uint8).reshape(q.height(), q.bytesPerLine())
        img = rows[:, : q.width() * 3].reshape(q.height(), q.width(), 3)
    if img.ndim == 3 and img.shape[2] == 4:
        img = img[:, :, :3]
    gray = cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
    return bool(find_faces(gray, TH))


def images_with_faces(exclude: set[int], keep: list[Any] | None = None) -> list[str]:
    """What holds a face, one line each; ``keep`` collects the objects themselves."""
    return pictures_alive(has_face, exclude, min_side=100, keep=keep)


@pytest.fixture
def booth(qapp: Any, tmp_path: Any) -> Iterator[tuple[Citizen, Any]]:
    from kiosk.simrig import SimRig

    rig = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5', locker=False).start()
    rig.camera.apply_event("fps", {"value": 20})
    app = make_app(rig)
    app.start()
    c = Citizen(app)
    c.wait_page("home")
    yield c, rig
    app.stop()
    spin(0.05)
    rig.stop()
    assert app.qml_warnings == [], app.qml_warnings


def _new_files(roots: list[Path], since: float) -> list[Path]:
    out = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                p = Path(dirpath) / name
                try:
                    if p.stat().st_mtime >= since and p.is_file():
                        out.append(p)
                except OSError:
                    continue
    return out


def test_no_picture_of_the_citizen_is_left(booth: tuple[Citizen, Any]) -> None:
    c, rig = booth
    app = c.app
    started = time.time()
    # Faces alive before this session (other tests' leftovers in this worker, held here so that
    # their ids stay theirs) are not this citizen's.
    before: list[Any] = []
    images_with_faces(set(), before)
    open_preview(c)
    wait_for(lambda: capture_enabled(c), what="拍照 on")
    c.tap("photoCapture")
    c.tap("photoKeep")
    wait_attached(c)
    finish(c)
    open_preview(c)  # a second photo, captured and never kept
    wait_for(lambda: capture_enabled(c), what="拍照 on")
    c.tap("photoCapture")
    c.get("photoKept")
    assert has_face(app.photo.images.kept)  # the test can see a face where there is one
    c.tap("endButton")
    c.wait_page("home")
    wait_for(lambda: app.session.state.value == "idle", what="session over")
    rig.camera.apply_event("scene", {"value": "empty"})  # the citizen has gone
    seen = app.photo.stream.frame_no
    grabber = app.poller.slots[app.poller.by_kind("camera")].device._grabber

    def booth_empty() -> bool:  # what the camera sees now (its one buffered frame) is the empty booth
        latest = grabber.latest()
        return latest is not None and not has_face(latest.frame)

    wait_for(booth_empty, what="the camera seeing the empty booth")
    spin(1.0)  # a status poll or two of the camera meanwhile
    assert app.photo.stream.frame_no == seen  # no preview runs for nobody

    app.engine.collectGarbage()
    gc.collect()
    sent = app.backend.photos[CASE]  # the platform's copy (another system on a terminal)
    astronaut, mask = scenes._astronaut()  # the simulator's source picture
    exclude = {id(sent), id(sent.jpeg), id(astronaut), id(mask), id(app.backend.photos), id(before),
               *(id(o) for o in before)}
    assert images_with_faces(exclude) == []
    flow, stream, images = app.photo.flow, app.photo.stream, app.photo.images
    assert (flow.candidate, flow.case, flow.number, flow._passing) == (None, None, "", None)
    assert stream._run is None and images.live is None and images.kept is None

    shot = app.window.grabWindow()  # the screen: home, and no face on it
    assert c.shown_page() == "home" and not has_face(shot)
    assert CASE not in c.screen_text()

    roots = [Path(rig.dir), Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)),
             Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))]
    files = [p for p in _new_files([r for r in roots if r.exists()], started)]
    tmp = Path(tempfile.gettempdir())
    files += [p for p in tmp.iterdir() if p.is_file() and p.stat().st_mtime >= started]
    for p in files:
        data = p.read_bytes()
        assert b"\xff\xd8\xff" not in data and b"\x89PNG" not in data, f"an image in {p}"
        assert sent.jpeg[200:264] not in data, f"the photo in {p}"
