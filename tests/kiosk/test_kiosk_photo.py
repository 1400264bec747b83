"""The ID photo (证件照) by touch, offscreen, against the camera simulator's scenes over MJPEG.

A good portrait kept and attached to the case in the back end at the size chosen; a dark one, a
covered lens and two faces refused with their words as the scene changes under a running preview;
a retake; the home button off with its reason when the lens is covered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import cv2
import numpy as np
import pytest

from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for

CASE = "1506020300004502"  # 居民身份证换领（证件损坏换领）, in review: it takes a photo


@pytest.fixture
def camera_rig(tmp_path: Any) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5', locker=False).start()
    r.camera.apply_event("fps", {"value": 20})
    yield r
    r.stop()


@pytest.fixture
def citizen(qapp: Any, camera_rig: Any) -> Iterator[Citizen]:
    app = make_app(camera_rig)
    app.start()
    c = Citizen(app)
    c.wait_page("home")
    yield c
    app.stop()
    spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings


def open_preview(c: Citizen, size: str = "resident_id", case_no: str = CASE) -> None:
    c.tap("service_photo")
    c.wait_page("photo")
    c.tap(f"size_{size}")
    for d in case_no:
        c.tap(f"key_{d}")
    c.tap("photoFind")
    c.get("photoLive")
    c.wait_text(f"{case_no}")


def press(c: Citizen, name: str) -> None:
    """A finger on the button whatever its state (Citizen.tap waits for it to be on)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest

    item = c.get(name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    QTest.mouseClick(c.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(centre.x()), int(centre.y())))
    spin(0.05)


def wait_attached(c: Citizen) -> None:
    """照片已提交: on the photo page, or the rating page that the app offers at once for the service."""
    wait_for(lambda: c.app.photo.flow.state == "done", what="the photo attached")
    wait_for(lambda: c.shown_page() == "rating" or "照片已提交" in c.screen_text(), what="rating or 照片已提交")


def finish(c: Citizen) -> None:
    """After 照片已提交: the rating page where the app offers one after a completed service, else 完成."""
    wait_for(lambda: c.shown_page() == "rating" or c.find("photoFinish") is not None, what="rating or 完成")
    if c.shown_page() == "rating":
        c.tap("ratingSkip")  # voluntary
    else:
        c.tap("photoFinish")
    c.wait_page("home")


def capture_enabled(c: Citizen) -> bool:
    item = c.find("photoCapture")
    return item is not None and item.isEnabled()


def test_a_good_portrait_is_kept_and_attached_to_the_case(citizen: Citizen) -> None:
    c, app = citizen, citizen.app
    open_preview(c)
    c.wait_text("很好，请保持不动，点击拍照")
    wait_for(lambda: app.photo.stream.frame_no >= 5, what="frames on the screen")
    c.tap("photoCapture")
    c.get("photoKept")
    c.wait_text("请确认照片")
    assert "照片尺寸：358×441像素" in c.screen_text()
    c.tap("photoKeep")
    wait_attached(c)
    assert c.shown_page() == "rating"  # the service is complete: its rating page comes at once
    c.wait_text(app.backend.case(CASE).matter)  # the service rated is the case's
    upload = app.backend.photos[CASE]
    assert (upload.size, upload.width, upload.height, upload.dpi) == ("resident_id", 358, 441, 350)
    photo = cv2.imdecode(np.frombuffer(upload.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert photo.shape == (441, 358, 3)
    assert photo[:20, :20].mean() > 230  # the white background of the scene, in the top corners
    assert app.photo.flow.candidate is None and app.photo.images.kept is None  # sent: nothing kept
    finish(c)


def test_bad_scenes_are_refused_with_their_words_as_the_citizen_moves(citizen: Citizen, camera_rig: Any) -> None:
    c, cam = citizen, camera_rig.camera
    open_preview(c)
    c.wait_text("很好，请保持不动，点击拍照")
    wait_for(lambda: capture_enabled(c), what="拍照 on")
    for event, params, words in (
        ("scene", {"value": "dark"}, "光线太暗"),
        ("scene", {"value": "two_faces"}, "画面中只能有一个人"),
        ("cover", {}, "摄像头被遮挡，请移开遮挡物"),
        ("clear", {}, "画面中只能有一个人"),
        ("scene", {"value": "empty"}, "请正对镜头"),
    ):
        cam.apply_event(event, params)
        c.wait_text(words)
        assert not capture_enabled(c), f"拍照 stays off for {words}"
        assert "请先按上方提示调整" in c.screen_text()  # the button says why it is off
        press(c, "photoCapture")  # a tap on the greyed button takes nothing
        assert c.app.photo.flow.state == "preview"
    cam.apply_event("scene", {"value": "portrait"})
    c.wait_text("很好，请保持不动，点击拍照")
    wait_for(lambda: capture_enabled(c), what="拍照 on again")


def test_retake_then_keep_a_one_inch_photo(citizen: Citizen) -> None:
    c, app = citizen, citizen.app
    open_preview(c, size="one_inch")
    wait_for(lambda: capture_enabled(c), what="拍照 on")
    c.tap("photoCapture")
    c.get("photoKept")
    first = app.photo.flow.candidate
    c.tap("photoRetake")
    c.get("photoLive")
    assert app.photo.flow.candidate is None and app.photo.images.kept is None  # the first one is gone
    wait_for(lambda: capture_enabled(c), what="拍照 on after the retake")
    c.tap("photoCapture")
    c.get("photoKept")
    assert app.photo.flow.candidate is not first
    assert "照片尺寸：295×413像素" in c.screen_text()
    c.tap("photoKeep")
    wait_attached(c)
    upload = app.backend.photos[CASE]
    assert (upload.size, upload.width, upload.height) == ("one_inch", 295, 413)
    assert cv2.imdecode(np.frombuffer(upload.jpeg, np.uint8), cv2.IMREAD_COLOR).shape == (413, 295, 3)


def test_a_covered_lens_turns_the_home_button_off_with_its_reason(citizen: Citizen, camera_rig: Any) -> None:
    c = citizen
    wait_for(lambda: c.get("service_photo").isEnabled(), what="证件照 on")
    camera_rig.camera.apply_event("cover", {})
    wait_for(lambda: not c.get("service_photo").isEnabled(), what="证件照 off")
    c.wait_text("摄像头被遮挡，暂不能拍照，请到人工窗口办理")
    camera_rig.camera.apply_event("clear", {})
    wait_for(lambda: c.get("service_photo").isEnabled(), what="证件照 on again")


def test_a_case_by_card_and_a_closed_case_refused(citizen: Citizen, camera_rig: Any) -> None:
    c, app = citizen, citizen.app
    camera_rig.place_card("resident")
    c.wait_text("您好，")
    c.tap("service_photo")
    c.tap("size_resident_id")
    c.tap("photoByCard")  # three open cases of the card: the citizen picks one
    c.tap("photoCase_1506020800001156")
    c.get("photoLive")
    c.wait_text("1506020800001156")
    c.tap("homeButton")
    c.wait_page("home")
    wait_for(lambda: app.photo.stream._run is None, what="the camera stopped with the page")
    c.tap("service_photo")
    c.tap("size_resident_id")
    for d in "1506020300004471":  # collected: no photo to add
        c.tap(f"key_{d}")
    c.tap("photoFind")
    c.wait_text("该办件已办结，不需要补交照片")


def test_a_frozen_camera_ends_the_preview_with_words(citizen: Citizen, camera_rig: Any) -> None:
    c = citizen
    open_preview(c)
    wait_for(lambda: capture_enabled(c), what="拍照 on")
    camera_rig.camera.apply_event("freeze", {})  # the stream stays open, no frame comes
    c.wait_text("摄像头暂停使用，请到人工窗口拍照")
    assert c.app.photo.stream._run is None
    camera_rig.camera.apply_event("clear", {})
    c.tap("photoAgain")
    wait_for(lambda: capture_enabled(c), what="拍照 on again")


def test_a_device_thread_that_never_hands_the_camera_over_is_a_timeout(qapp: Any) -> None:
    from concurrent.futures import Future

    from drivers.base import DeviceTimeout
    from kiosk.qt.photo import PhotoImages, PhotoStream

    class StuckPoller:
        def by_kind(self, kind: str) -> str:
            return "camera"

        def call(self, name: str, fn: Any) -> Future[Any]:
            return Future()  # never answered

    errors: list[BaseException] = []
    stream = PhotoStream(StuckPoller(), PhotoImages(), first_frame_s=0.2)  # type: ignore[arg-type]
    stream.start("resident_id", lambda _c: None, errors.append)
    wait_for(lambda: errors, timeout=5, what="the timeout")
    assert isinstance(errors[0], DeviceTimeout) and stream._run is None


def test_the_photo_travels_to_a_platform_over_http(qapp: Any, camera_rig: Any) -> None:
    """The app on the HTTP adapter, the stand-in server serving the demo back end: the same photo lands."""
    from kiosk.app import KioskApp
    from kiosk.backend.http import HttpBackend
    from kiosk.backend.server import BackendServer

    with BackendServer(camera_rig.backend, base_path="/kiosk/v1") as server, \
            HttpBackend(server.url, timeout_s=3.0) as http:
        app = KioskApp(camera_rig.config, http, demo_rig=camera_rig, size=(1080, 1920), today=lambda: TODAY)
        app.start()
        try:
            c = Citizen(app)
            c.wait_page("home")
            open_preview(c)
            wait_for(lambda: capture_enabled(c), what="拍照 on")
            c.tap("photoCapture")
            c.tap("photoKeep")
            wait_attached(c)
        finally:
            app.stop()
            spin(0.05)
        assert f"POST /kiosk/v1/cases/{CASE}/photo HTTP/1.1" in server.requests
        upload = camera_rig.backend.photos[CASE]
        assert cv2.imdecode(np.frombuffer(upload.jpeg, np.uint8), cv2.IMREAD_COLOR).shape == (441, 358, 3)
        assert app.qml_warnings == [], app.qml_warnings
