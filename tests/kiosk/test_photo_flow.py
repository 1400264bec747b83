"""The ID photo flow (kiosk/flows_photo.py) without Qt: a fake stream hands it verdicts, synchronous
jobs run the real demo back end, a fake clock says how old the last good frame is."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import cv2
import numpy as np
import pytest

from drivers.base import DeviceHardwareError, DeviceTimeout, DeviceUserError
from drivers.camera import scenes
from drivers.camera.config import ONE_INCH, RESIDENT_ID, PhotoThresholds
from drivers.camera.driver import REASON_COVERED
from drivers.camera.photo import MESSAGES, check_photo
from drivers.idcard.synthetic import CARDS, make_number
from ground.clock import FakeClock
from kiosk.availability import Availability, device_reason
from kiosk.backend.demo import DemoBackend
from kiosk.backend.model import Backend, BackendError
from kiosk.flows import Outcome, ServiceDone
from kiosk.flows_photo import CHECK_CODES, Check, PhotoFlow
from kiosk.session import EndReason, Session
from wire.status import CameraStatus, DeviceState

T = TypeVar("T")
TODAY = date(2026, 12, 3)
CASE = "1506020300004502"  # in review
CLOSED = "1506020300004471"  # collected
QML = Path(__file__).resolve().parents[2] / "kiosk" / "qml" / "Zizhu"


class Jobs:
    def __init__(self, backend: Any) -> None:
        self.backend_ = backend
        self.calls = 0

    def device(self, kind: str, fn: Callable[[Any], T], done: Callable[[Outcome[T]], None]) -> None:
        raise AssertionError("the photo flow reads the camera through its stream only")

    def backend(self, fn: Callable[[Backend], T], done: Callable[[Outcome[T]], None]) -> None:
        self.calls += 1
        try:
            out: Outcome[T] = Outcome(value=fn(self.backend_))
        except BaseException as exc:
            out = Outcome(error=exc)
        done(out)


class Stream:
    """The PhotoCamera: records start/stop; the test plays the verdicts."""

    def __init__(self) -> None:
        self.running: str | None = None
        self.starts = 0
        self.on_check: Callable[[Check], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None

    def start(self, size: str, on_check: Callable[[Check], None], on_error: Callable[[BaseException], None]) -> None:
        self.running, self.on_check, self.on_error = size, on_check, on_error
        self.starts += 1

    def stop(self) -> None:
        self.running = None


class Rig:
    def __init__(self, backend: Any = None) -> None:
        self.clock = FakeClock()
        self.t = 100.0
        self.backend = backend or DemoBackend(today=TODAY)
        self.jobs = Jobs(self.backend)
        self.stream = Stream()
        self.session = Session(clock=self.clock)
        self.session.touch()
        self.avail = Availability(configured=frozenset({"camera"}))
        self.flow = PhotoFlow(self.jobs, self.stream, self.session, self.avail, clock=lambda: self.t)
        self.done: list[ServiceDone] = []
        self.flow.on_service_done = self.done.append  # the app's rating hook

    def to_preview(self, size: str = "resident_id", case_no: str = CASE) -> None:
        self.flow.open()
        self.flow.choose_size(size)
        for d in case_no:
            self.flow.key(d)
        self.flow.find_number()
        assert self.flow.state == "preview", self.flow.view()

    def frame(self, scene: str) -> Check:
        """The verdict the stream's checker gives on a simulator scene (the real checks)."""
        spec = RESIDENT_ID if self.flow.size == "resident_id" else ONE_INCH
        res = check_photo(scenes.scene(scene), spec, PhotoThresholds())
        check = Check(res.problems[0].code if res.problems else "", self.t, photo=res.photo, image=object())
        assert self.stream.on_check is not None
        self.stream.on_check(check)
        return check


@pytest.fixture
def rig() -> Rig:
    return Rig()


def test_a_photo_taken_kept_and_attached(rig: Rig) -> None:
    f = rig.flow
    rig.to_preview()
    assert rig.stream.running == "resident_id" and f.view()["checking"] is True
    rig.frame("empty")
    assert (f.view()["check"], f.view()["canCapture"]) == ("no_face", False)
    f.capture()
    assert f.state == "preview"  # nothing to take
    good = rig.frame("portrait")
    assert (f.view()["check"], f.view()["canCapture"]) == ("", True)
    f.capture()
    assert f.state == "review" and f.candidate is good and rig.stream.running is None
    f.keep()
    assert f.state == "done"
    case = rig.backend.case(CASE)
    assert rig.done == [ServiceDone(case.item_code, case.matter, CASE)]  # the rating page comes next
    upload = rig.backend.photos[CASE]
    assert (upload.width, upload.height, upload.dpi, upload.size) == (358, 441, 350, "resident_id")
    assert re.fullmatch(r"[0-9a-f]{32}", upload.photo_id)
    assert cv2.imdecode(np.frombuffer(upload.jpeg, np.uint8), cv2.IMREAD_COLOR).shape == (441, 358, 3)
    assert "jpeg" not in repr(upload) and str(len(upload.jpeg)) in repr(upload)
    assert f.candidate is None  # sent: the flow keeps no copy


def test_a_good_frame_too_old_is_not_taken(rig: Rig) -> None:
    rig.to_preview()
    rig.frame("portrait")
    rig.t += rig.flow.max_age_s + 0.1  # no verdict since: the citizen may have moved
    assert rig.flow.can_capture() is False
    rig.flow.capture()
    assert rig.flow.state == "preview"
    rig.frame("portrait")
    rig.flow.capture()
    assert rig.flow.state == "review"


def test_the_words_follow_the_frames(rig: Rig) -> None:
    rig.to_preview()
    seen = []
    rig.flow.listeners.append(lambda fl: seen.append(fl.view()["check"]))
    for scene in ("dark", "dark", "two_faces", "portrait", "portrait", "grey_background", "blurred"):
        rig.frame(scene)
    # a verdict that does not change the words does not redraw the page
    assert seen == ["too_dark", "several_faces", "", "background_not_white", "blurred"]


def test_retake_drops_the_capture_and_starts_the_stream_again(rig: Rig) -> None:
    rig.to_preview("one_inch")
    rig.frame("portrait")
    rig.flow.capture()
    rig.flow.retake()
    assert rig.flow.state == "preview" and rig.flow.candidate is None
    assert rig.stream.running == "one_inch" and rig.stream.starts == 2
    rig.frame("one_inch_portrait")
    rig.flow.capture()
    rig.flow.keep()
    assert rig.backend.photos[CASE].width == 295


def test_a_failed_attach_keeps_the_photo_to_send_again_with_the_same_key(rig: Rig) -> None:
    rig.to_preview()
    rig.frame("portrait")
    rig.flow.capture()
    rig.backend.fail("error")
    rig.flow.keep()
    assert (rig.flow.state, rig.flow.error) == ("error", "backend_error")
    first = rig.flow._photo_id
    rig.backend.fail("none")
    rig.flow.again()
    assert rig.flow.state == "review"
    rig.flow.keep()
    assert rig.flow.state == "done" and rig.backend.photos[CASE].photo_id == first


@pytest.mark.parametrize(("exc", "code"), [
    (DeviceTimeout("no frame", "摄像头没有画面（超时）"), "camera_offline"),
    (DeviceHardwareError("black", "摄像头画面全黑"), "camera_fault"),
    (DeviceUserError("covered", REASON_COVERED), "camera_covered"),
])
def test_the_stream_failing_ends_the_preview_with_words(rig: Rig, exc: BaseException, code: str) -> None:
    rig.to_preview()
    assert rig.stream.on_error is not None
    rig.stream.on_error(exc)
    assert (rig.flow.state, rig.flow.error) == ("error", code)
    rig.flow.again()
    assert rig.flow.state == "preview" and rig.stream.starts == 2


def test_the_camera_down_before_the_flow_starts() -> None:
    r = Rig()
    r.avail.configured = frozenset()
    r.flow.open()
    assert (r.flow.state, r.flow.error) == ("error", "camera_missing")
    r = Rig()
    covered = CameraStatus(name="camera", state=DeviceState.USER_ERROR, present=True, obstructed=True)
    assert device_reason(covered, "camera") == "camera_covered"
    r.avail.update([covered])
    assert r.avail.service("photo") == "camera_covered"
    r.flow.open()
    assert (r.flow.state, r.flow.error) == ("error", "camera_covered")
    r.avail.update([CameraStatus(name="camera", state=DeviceState.NO_DEVICE, present=False)])
    assert r.avail.service("photo") == "camera_offline"


def test_the_case_by_card_by_number_and_the_refusals(rig: Rig) -> None:
    f = rig.flow
    f.open()
    f.choose_size("resident_id")
    f.find_by_card()
    assert f.error == "no_card"
    rig.session.keep("card", CARDS["resident"])
    f.find_by_card()
    assert f.state == "cases" and len(f.view()["cases"]) == 3  # the card's open cases
    f.choose_case("1506020800001156")
    assert f.state == "preview" and f.view()["case"]["caseNo"] == "1506020800001156"
    f.open()
    f.choose_size("resident_id")
    for d in CLOSED:
        f.key(d)
    f.find_number()
    assert (f.state, f.error) == ("error", "case_closed")
    f.key("clear")
    number = next(n for n in (make_number("150602", date(1980, 1, 1), i) for i in range(20)) if n.isdigit())
    for d in number:  # an ID number typed where the case number goes: by the card instead
        f.key(d)
    f.find_number()
    assert (f.error, f.number) == ("case_no_is_id", "")
    f.key("clear")
    f.key("1")
    f.find_number()
    assert f.error == "case_no_invalid"


def test_the_wipe_stops_the_camera_and_drops_late_verdicts(rig: Rig) -> None:
    rig.to_preview()
    on_check = rig.stream.on_check
    rig.frame("portrait")
    rig.flow.capture()
    rig.session.on_wipe(rig.flow.reset)
    rig.session.end(EndReason.ENDED)
    assert rig.stream.running is None
    assert (rig.flow.candidate, rig.flow.case, rig.flow.number, rig.flow._passing) == (None, None, "", None)
    assert on_check is not None
    on_check(Check("", rig.t, photo=np.zeros((441, 358, 3), np.uint8)))  # a verdict still on its way
    assert rig.flow._passing is None and rig.flow.state == "start"
    assert rig.session.get("photo_case_no") is None


def test_an_answer_after_the_citizen_left_starts_no_camera(rig: Rig) -> None:
    held: list[Callable[[], None]] = []
    run = rig.jobs.backend

    def hold(fn: Any, done: Any) -> None:
        held.append(lambda: run(fn, done))

    rig.jobs.backend = hold  # type: ignore[method-assign]
    rig.flow.open()
    rig.flow.choose_size("resident_id")
    for d in CASE:
        rig.flow.key(d)
    rig.flow.find_number()
    rig.flow.leave()  # 首页 while the platform is still looking the case up
    held.pop()()
    assert rig.stream.starts == 0 and rig.flow.state != "preview"
    rig.jobs.backend = run  # type: ignore[method-assign]
    rig.to_preview()  # back on the page, it works as before
    assert rig.stream.running == "resident_id"


def test_the_backend_refusing_a_closed_case(rig: Rig) -> None:
    with pytest.raises(BackendError):
        from kiosk.backend.photo import PhotoUpload

        rig.backend.attach_photo(CLOSED, PhotoUpload(photo_id="0" * 32, size="resident_id", width=358,
                                                     height=441, dpi=350, jpeg=b"\xff\xd8\xff\xe0"))


def test_the_page_has_every_check_in_the_words_of_the_photo_pipeline() -> None:
    """PhotoTexts.qml copies drivers/camera/photo.py's words (lupdate needs literals): the same."""
    qml = (QML / "PhotoTexts.qml").read_text(encoding="utf-8")
    block = qml[qml.index("checks:"):qml.index("reasons:")]
    found = dict(re.findall(r'"(\w+)": QT_TRANSLATE_NOOP\("Zizhu", "([^"]+)"\)', block))
    assert found == {"camera_covered": REASON_COVERED, **{k: v[0] for k, v in MESSAGES.items()}}
    assert set(found) == set(CHECK_CODES)
