"""The materials flow (kiosk/flows_capture.py) without Qt: a fake stream hands it verdicts made by the
real page pipeline on the simulator's scenes, synchronous jobs run the real demo back end, a fake
clock says how old the last good frame is."""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import PdfParser

from drivers.base import DeviceTimeout
from drivers.camera import docscenes
from drivers.camera.config import DocumentThresholds
from drivers.camera.document import MESSAGES, check_page
from drivers.camera.driver import REASON_COVERED
from drivers.idcard.synthetic import CARDS
from ground.clock import FakeClock
from kiosk.availability import Availability
from kiosk.backend.demo import DemoBackend
from kiosk.backend.model import OPEN_STATUSES, BackendError
from kiosk.flows import ServiceDone
from kiosk.flows_capture import CHECK_CODES, CaptureFlow
from kiosk.flows_photo import Check
from kiosk.session import EndReason, Session
from tests.kiosk.test_photo_flow import Jobs, Stream

TODAY = date(2026, 12, 3)
CASE = "1506020300004502"  # in review
CLOSED = "1506020300004471"  # collected
QML = Path(__file__).resolve().parents[2] / "kiosk" / "qml" / "Zizhu"
SIZE = (1280, 960)


@functools.cache
def verdict_of(scene: str) -> tuple[str, Any]:
    res = check_page(docscenes.SCENES[scene](SIZE), DocumentThresholds())
    return res.code, res.page


class Rig:
    def __init__(self, backend: Any = None, max_pages: int = 20) -> None:
        self.t = 100.0
        self.backend = backend or DemoBackend(today=TODAY)
        self.jobs = Jobs(self.backend)
        self.stream = Stream()
        self.session = Session(clock=FakeClock())
        self.session.touch()
        self.avail = Availability(configured=frozenset({"camera"}))
        self.flow = CaptureFlow(self.jobs, self.stream, self.session, self.avail, clock=lambda: self.t,
                                max_pages=max_pages)
        self.done: list[ServiceDone] = []
        self.flow.on_service_done = self.done.append

    def to_preview(self, case_no: str = CASE) -> None:
        self.flow.open()
        for d in case_no:
            self.flow.key(d)
        self.flow.find_number()
        assert self.flow.state == "preview", self.flow.view()

    def frame(self, scene: str) -> None:
        code, page = verdict_of(scene)
        assert self.stream.on_check is not None
        self.stream.on_check(Check(code, self.t, photo=page, image=object()))


@pytest.fixture
def rig() -> Rig:
    return Rig()


def test_three_pages_taken_reviewed_and_attached_as_one_pdf(rig: Rig) -> None:
    f = rig.flow
    rig.to_preview()
    assert rig.stream.running == "" and f.view()["checking"]
    for n in (1, 2, 3):
        rig.frame(f"document_{n}")
        f.capture()
        assert f.refused == "" and len(f.pages) == n
    f.review()
    assert f.state == "review" and rig.stream.running is None
    f.submit()
    assert f.state == "done" and f.receipt is not None and f.receipt.pages == 3
    [upload] = rig.backend.materials[CASE].values()
    assert len(PdfParser.PdfParser(buf=upload.pdf).pages) == 3
    assert f.pages == [] and rig.done == [ServiceDone(rig.backend.case(CASE).item_code,
                                                      rig.backend.case(CASE).matter, CASE)]


@pytest.mark.parametrize("scene, code", [("document_blurred", "blurred"), ("document_cut_off", "cut_off"),
                                         ("desk_empty", "no_page")])
def test_a_bad_frame_is_refused_with_its_reason(rig: Rig, scene: str, code: str) -> None:
    f = rig.flow
    rig.to_preview()
    rig.frame(scene)
    assert f.check == code
    f.capture()
    assert f.refused == code and f.pages == []
    rig.frame("document_1")  # the page laid right: taken, and the refusal gone
    f.capture()
    assert f.refused == "" and len(f.pages) == 1


def test_a_stale_good_frame_is_not_taken(rig: Rig) -> None:
    f = rig.flow
    rig.to_preview()
    rig.frame("document_1")
    rig.t += 2.0  # no verdict for 2 s (the camera stalled): what passed then is not what lies there now
    f.capture()
    assert f.pages == [] and f.refused == "not_ready"  # 正在检查画面…: the next verdict will say


def test_the_same_sheet_twice_is_refused(rig: Rig) -> None:
    f = rig.flow
    rig.to_preview()
    rig.frame("document_1")
    f.capture()
    rig.frame("document_1")
    f.capture()
    assert f.refused == "same_page" and len(f.pages) == 1


def test_pages_are_dropped_in_review_and_the_limit_holds() -> None:
    rig = Rig(max_pages=2)
    f = rig.flow
    rig.to_preview()
    for scene in ("document_1", "document_2", "document_3"):
        rig.frame(scene)
        f.capture()
    assert len(f.pages) == 2 and f.refused == "too_many_pages"
    f.review()
    f.drop("0")
    assert f.state == "review" and len(f.pages) == 1
    f.drop("0")
    assert f.state == "preview" and f.pages == []  # none left: back to the camera
    f.drop("x")
    assert f.state == "preview"


def test_a_repeated_submission_attaches_once(rig: Rig) -> None:
    f = rig.flow
    rig.to_preview()
    rig.frame("document_1")
    f.capture()
    f.review()
    rig.backend.fail("error")
    f.submit()
    assert f.state == "error" and f.error
    rig.backend.fail("none")
    sid = f._submission_id
    f.again()
    assert f.state == "review"
    f.submit()
    assert f.state == "done" and list(rig.backend.materials[CASE]) == [sid]


def test_cases_by_card_and_closed_ones(rig: Rig) -> None:
    f = rig.flow
    f.open()
    f.find_by_card()
    assert (f.state, f.error) == ("error", "no_card")
    for d in CLOSED:
        f.key(d)
    f.find_number()
    assert (f.state, f.error) == ("error", "case_closed")
    card = CARDS["resident"]
    rig.session.keep("card", card)
    open_cases = [c for c in rig.backend.cases_of(card.number) if c.status in OPEN_STATUSES]
    assert len(open_cases) > 1  # the demo's resident has several: the flow lists them
    f.find_by_card()
    assert f.state == "cases" and [c.case_no for c in f.cases] == [c.case_no for c in open_cases]
    f.choose_case(open_cases[1].case_no)
    assert f.state == "preview" and f.case == open_cases[1]


def test_a_closed_case_refused_by_the_platform_too(rig: Rig) -> None:
    from kiosk.backend.materials import MaterialsUpload

    with pytest.raises(BackendError, match="no materials"):
        rig.backend.attach_materials(CLOSED, MaterialsUpload(submission_id="b" * 32, pages=1, dpi=150,
                                                             pdf=b"%PDF-1.4 x"))


def test_the_stream_failing_says_so_and_the_session_end_wipes(rig: Rig) -> None:
    f = rig.flow
    rig.to_preview()
    rig.frame("document_1")
    f.capture()
    assert rig.stream.on_error is not None
    rig.stream.on_error(DeviceTimeout("camera: no frame", "摄像头没有画面（超时）"))
    assert (f.state, f.error) == ("error", "camera_offline")
    f.again()
    assert f.state == "review" and len(f.pages) == 1
    rig.session.on_wipe(f.reset)
    rig.session.end(EndReason.ENDED)
    assert (f.pages, f.case, f.number, f.state, f._streaming) == ([], None, "", "start", False)


def test_the_camera_down_before_the_flow_starts(rig: Rig) -> None:
    rig.avail.configured = frozenset()
    rig.flow.open()
    assert (rig.flow.state, rig.flow.error) == ("error", "camera_missing")


def test_the_screen_words_are_the_pipelines() -> None:
    """CaptureTexts.qml holds the pipeline's Chinese (for translation): the two must not drift apart."""
    qml = (QML / "CaptureTexts.qml").read_text(encoding="utf-8")
    pairs = dict(re.findall(r'"(\w+)": QT_TRANSLATE_NOOP\("Zizhu", "([^"]+)"\)', qml.split("reasons")[0]))
    for code, (words, _detail) in MESSAGES.items():
        assert pairs[code] == words, code
    assert pairs["camera_covered"] == REASON_COVERED
    assert set(CHECK_CODES) <= set(pairs) and {"same_page", "too_many_pages", "not_ready"} <= set(pairs)
