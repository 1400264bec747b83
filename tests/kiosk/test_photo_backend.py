"""Attaching the ID photo (kiosk.backend.photo): the demo back end, and the HTTP adapter against the
stand-in server serving the demo — idempotent by photo_id, the picture in the body only."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

import cv2
import msgspec
import pytest

from drivers.camera import scenes
from drivers.camera.config import RESIDENT_ID, PhotoThresholds
from drivers.camera.photo import check_photo
from kiosk.backend.demo import DemoBackend
from kiosk.backend.http import HttpBackend
from kiosk.backend.model import BackendError, NotFound
from kiosk.backend.photo import PhotoBackend, PhotoReceipt, PhotoUpload
from kiosk.backend.server import BackendServer

TODAY = date(2026, 12, 3)
CASE = "1506020300004502"  # in review
CLOSED = "1506020300004471"  # collected


@pytest.fixture(scope="module")
def jpeg() -> bytes:
    res = check_photo(scenes.scene("portrait"), RESIDENT_ID, PhotoThresholds())
    assert res.photo is not None
    ok, buf = cv2.imencode(".jpg", res.photo, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return bytes(buf)


def upload(jpeg: bytes, photo_id: str = "a" * 32) -> PhotoUpload:
    return PhotoUpload(photo_id=photo_id, size="resident_id", width=358, height=441, dpi=350, jpeg=jpeg)


@pytest.fixture
def demo() -> DemoBackend:
    return DemoBackend(today=TODAY)


@pytest.fixture
def served(demo: DemoBackend) -> Iterator[tuple[BackendServer, HttpBackend]]:
    with BackendServer(demo, base_path="/kiosk/v1") as s, HttpBackend(s.url, timeout_s=3.0) as b:
        yield s, b


def test_the_demo_stores_the_photo_with_an_open_case(demo: DemoBackend, jpeg: bytes) -> None:
    b: PhotoBackend = demo
    assert b.attach_photo(CASE, upload(jpeg)) == PhotoReceipt(case_no=CASE, photo_id="a" * 32)
    assert demo.photos[CASE].jpeg == jpeg
    with pytest.raises(NotFound):
        b.attach_photo("999999999", upload(jpeg))
    with pytest.raises(BackendError, match="collected") as err:
        b.attach_photo(CLOSED, upload(jpeg))
    assert err.value.reason == "该办件已办结，不需要补交照片"


def test_over_http_once_per_photo_id_and_never_in_a_log(served: tuple[BackendServer, HttpBackend], demo: DemoBackend,
                                                       jpeg: bytes, caplog: pytest.LogCaptureFixture) -> None:
    server, http = served
    caplog.set_level(logging.DEBUG)
    got = http.attach_photo(CASE, upload(jpeg, "b" * 32))
    again = http.attach_photo(CASE, upload(jpeg, "b" * 32))  # a repeat after a lost answer
    assert got == again == PhotoReceipt(case_no=CASE, photo_id="b" * 32)
    assert demo.photos[CASE] == upload(jpeg, "b" * 32) and len(demo.photos) == 1
    assert server.requests == [f"POST /kiosk/v1/cases/{CASE}/photo HTTP/1.1"] * 2
    with pytest.raises(NotFound):
        http.attach_photo("999999999", upload(jpeg))
    with pytest.raises(NotFound):
        http.attach_photo("../hall", upload(jpeg))  # not a case number: never sent
    with pytest.raises(BackendError):
        http.attach_photo(CLOSED, upload(jpeg))
    assert server.requests[-1] == f"POST /kiosk/v1/cases/{CLOSED}/photo HTTP/1.1"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert msgspec.json.encode(jpeg).decode()[1:40] not in logged


def test_a_platform_answering_another_photo_is_an_error(jpeg: bytes) -> None:
    class Wrong:
        def attach_photo(self, case_no: str, up: PhotoUpload) -> PhotoReceipt:
            return PhotoReceipt(case_no=case_no, photo_id="c" * 32)

    wrong: Any = Wrong()
    with BackendServer(wrong) as s, HttpBackend(s.url, timeout_s=2.0) as http, \
            pytest.raises(BackendError, match="another case or photo"):
        http.attach_photo(CASE, upload(jpeg))


def test_bad_uploads_are_refused(served: tuple[BackendServer, HttpBackend], jpeg: bytes) -> None:
    import httpx

    server, _ = served
    r = httpx.post(f"{server.url}/cases/{CASE}/photo", content=b'{"photo_id": "x"}')
    assert r.status_code == 400
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(msgspec.json.encode({"photo_id": "a" * 32, "size": "two_inch", "width": 358,
                                                 "height": 441, "dpi": 350, "jpeg": jpeg}), type=PhotoUpload)
    with BackendServer(object()) as s:  # type: ignore[arg-type]  # a platform without photos
        assert httpx.post(f"{s.url}/cases/{CASE}/photo", content=msgspec.json.encode(upload(jpeg))).status_code == 404
