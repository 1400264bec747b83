"""The ID photo (证件照) as a state machine: the case, the size, a live preview checked frame by
frame, capture, keep or retake, and the photo attached to the case. No Qt here.

Like :mod:`kiosk.flows`: a ``state`` and an ``error`` code the screen turns into words; every
slow call goes through :class:`~kiosk.flows.Jobs` (the back end) or a :class:`PhotoCamera` (the
live stream), which run off the UI thread and call back on the owner's thread. The clock is
injected. :meth:`PhotoFlow.reset` — a wipe hook of the session — stops the camera and drops every
frame, the kept photo and the case.

States::

    size ──choose_size──▶ case ──(number | card)──▶ loading ──▶ [cases ──choose──▶] preview
    preview ──capture (the last check passed, fresh)──▶ review ──retake──▶ preview
    review ──keep──▶ attaching ──▶ done | error (again: review)

In ``preview`` every checked frame says what is wrong in ``check`` (the codes of
:data:`drivers.camera.photo.MESSAGES`, plus ``camera_covered``; "" when the photo passes), so the
words change as the citizen moves. 拍照 takes the photo of the last frame that passed, if it is at
most ``max_age_s`` old: the photo kept is one the checks passed, never a later frame.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from drivers.base import DeviceError, DeviceHardwareError, DeviceOffline, DeviceTimeout, DeviceUserError
from drivers.camera.config import STANDARD_SIZES
from drivers.camera.photo import MESSAGES
from kiosk.availability import Availability
from kiosk.backend.model import BackendError, Case
from kiosk.backend.photo import PhotoBackend, PhotoReceipt, PhotoUpload
from kiosk.flows import CaseChooser, Jobs, Outcome, ServiceDone, backend_error, case_summary
from kiosk.session import Session

log = logging.getLogger("zizhu.kiosk.photo")

SIZES = tuple(STANDARD_SIZES)  # resident_id (GA 461, 358 × 441), one_inch (295 × 413)
# The codes a check can give: the photo pipeline's, and a covered lens (judged first).
CHECK_CODES = ("camera_covered", *MESSAGES)
JPEG_QUALITY = 90
A = TypeVar("A")


@dataclass(frozen=True)
class Check:
    """One frame's verdict, made off the UI thread.

    ``code`` is "" when every check passed; then ``photo`` is the cropped photo (BGR, the chosen
    size) and ``image`` whatever the screen shows it with (a QImage in the app). ``at`` is when the
    frame arrived (the flow's clock), ``latency_s`` how long from its arrival to this verdict.
    """

    code: str
    at: float
    photo: Any = None
    image: Any = None
    latency_s: float = 0.0

    def __repr__(self) -> str:  # never the picture
        return f"Check({self.code or 'ok'}, {self.latency_s * 1000:.0f} ms)"


class PhotoCamera(Protocol):
    """The live stream: frames shown and checked off the UI thread, verdicts on the owner's thread."""

    def start(self, size: str, on_check: Callable[[Check], None],
              on_error: Callable[[BaseException], None]) -> None: ...

    def stop(self) -> None: ...


def camera_error(exc: BaseException) -> str:
    if isinstance(exc, DeviceUserError):
        return "camera_covered"
    if isinstance(exc, DeviceHardwareError):
        return "camera_fault"
    if isinstance(exc, DeviceOffline | DeviceTimeout | DeviceError):
        return "camera_offline"
    log.error("camera stream failed unexpectedly: %r", exc)
    return "camera_offline"


def encode_jpeg(photo: Any) -> bytes:
    import cv2

    ok, buf = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise BackendError("the photo could not be encoded")
    return bytes(buf)


class PhotoFlow(CaseChooser):
    """Take an ID photo at the terminal and attach it to the citizen's case.

    Errors: ``camera_*`` (the availability codes before the flow starts, and a stream that
    fails), ``case_no_invalid``, ``case_no_is_id``, ``not_found``, ``no_open_case``,
    ``case_closed``, the back end's codes.
    """

    CASE_KEY = "photo_case_no"

    name = "photo"

    def __init__(self, jobs: Jobs, camera: PhotoCamera, session: Session, availability: Availability,
                 *, clock: Callable[[], float] = time.monotonic, max_age_s: float = 1.5) -> None:
        super().__init__()
        self.jobs, self.camera, self.session, self.availability = jobs, camera, session, availability
        self.clock = clock
        self.max_age_s = max_age_s
        self._clear()

    def _clear(self) -> None:
        self.size = ""
        self.number = ""
        self.cases: list[Case] = []
        self.case: Case | None = None
        self.check = ""  # what the last checked frame says ("" = passes)
        self.checked = 0  # frames checked in this preview
        self._passing: Check | None = None  # the newest frame that passed
        self.candidate: Check | None = None  # the photo captured, shown for keep or retake
        self.receipt: PhotoReceipt | None = None
        self._photo_id = ""  # the key of the candidate's upload: the same if it is sent again
        self._streaming = False
        self._away = False  # the citizen left the page: a late answer starts no camera

    # -- the session -------------------------------------------------------------------------
    def reset(self) -> None:
        self._stop_camera()
        self._clear()
        super().reset()

    def open(self) -> None:
        """Enter the page: the size first (the camera is not needed before the preview)."""
        self._stop_camera()
        self._clear()
        why = self.availability.device("camera")
        if why is not None:
            self._set("error", why)
            return
        self._set("size")

    def leave(self) -> None:
        """The citizen left the page: the camera stops, the frames go."""
        self._away = True
        self._stop_camera()
        self._passing = None
        if self.state in ("preview", "review"):
            self.candidate = None
            self._set("size")

    # -- size and case -----------------------------------------------------------------------
    def choose_size(self, size: str) -> None:
        if size not in SIZES or self.state not in ("size", "case", "cases", "error"):
            return
        self.size = size
        if self.case is not None:
            self._preview()
        else:
            self._set("case")

    def _pad_open(self) -> bool:
        return super()._pad_open() and bool(self.size)

    def _case_chosen(self) -> None:
        self._preview()

    # -- preview, capture, keep --------------------------------------------------------------
    def _preview(self) -> None:
        if self._away:
            return
        why = self.availability.device("camera")
        if why is not None:
            self._set("error", why)
            return
        self.check, self.checked, self._passing, self.candidate = "", 0, None, None
        self._set("preview")
        if not self._streaming:
            self._streaming = True
            self.camera.start(self.size, self._fresh(self._checked), self._fresh(self._failed))

    def _fresh(self, fn: Callable[[A], None]) -> Callable[[A], None]:
        """Drop the stream's calls once the flow was reset (a session ended) since it started."""
        gen = self._generation

        def call(arg: A) -> None:
            if gen == self._generation:
                fn(arg)

        return call

    def _stop_camera(self) -> None:
        if self._streaming:
            self._streaming = False
            self.camera.stop()

    def _checked(self, check: Check) -> None:
        if self.state != "preview":
            return
        self.checked += 1
        self._passing = check if not check.code else None
        if check.code != self.check or self.checked == 1:
            self.check = check.code
            self._set("preview")

    def _failed(self, exc: BaseException) -> None:
        self._streaming = False
        self._passing = None
        if self.state == "preview":
            self._set("error", camera_error(exc))

    def can_capture(self) -> bool:
        p = self._passing
        return self.state == "preview" and p is not None and self.clock() - p.at <= self.max_age_s

    def capture(self) -> None:
        if not self.can_capture():
            return  # the button is off, with the reason: nothing to take
        self.candidate = self._passing
        self._photo_id = ""
        self._stop_camera()
        self._passing = None
        self._set("review")

    def retake(self) -> None:
        if self.state in ("review", "error") and self.size and self.case is not None:
            self.candidate = None
            self._preview()

    def keep(self) -> None:
        cand, case = self.candidate, self.case
        if self.state not in ("review", "error") or cand is None or case is None:
            return
        spec = STANDARD_SIZES[self.size]
        size, photo, case_no = self.size, cand.photo, case.case_no
        photo_id = self._photo_id = self._photo_id or uuid.uuid4().hex

        def job(b: Any) -> PhotoReceipt:
            upload = PhotoUpload(photo_id=photo_id, size=cast(Any, size), width=spec.width, height=spec.height,
                                 dpi=spec.dpi, jpeg=encode_jpeg(photo))
            return cast(PhotoBackend, b).attach_photo(case_no, upload)

        self._set("attaching")
        self.jobs.backend(job, self._current(self._attached))

    def _attached(self, out: Outcome[PhotoReceipt]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no receipt")))
            return
        self.receipt = out.value
        self._photo_id = ""
        # Sent: the terminal keeps no copy of the picture.
        self.candidate = None
        case = self.case
        self._set("done")
        if case is not None:  # the photo is with the case: the service is complete (its rating page)
            log.info("photo attached to case %s", case.case_no)
            self.service_done(ServiceDone(case.item_code, case.matter, case.case_no))

    def again(self) -> None:
        """After an error: back to where the citizen can go on."""
        if self.candidate is not None:
            self._set("review")
        elif self.case is not None and self.size:
            self._preview()
        elif self.size:
            self._set("case")
        else:
            self.open()

    # -- the screen --------------------------------------------------------------------------
    def view(self) -> dict[str, Any]:
        spec = STANDARD_SIZES.get(self.size)
        case = self.case
        return {
            "state": self.state, "error": self.error, "size": self.size,
            "width": spec.width if spec else 0, "height": spec.height if spec else 0,
            "number": self.number, "check": self.check, "checking": self.state == "preview" and self.checked == 0,
            "canCapture": self.can_capture(),
            "cases": [case_summary(c) for c in self.cases],
            "case": {"caseNo": case.case_no, "matter": case.matter} if case is not None else {},
            "hasCard": self.session.get("card") is not None,
            "camera": self.availability.device("camera") or "",
        }
