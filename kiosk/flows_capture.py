"""Submitting materials (自助申报) with the document camera (高拍仪) as a state machine: the case,
a live preview judged frame by frame, the pages taken one by one, their review, and one PDF
attached to the case. No Qt here.

Like :mod:`kiosk.flows_photo`, whose :class:`~kiosk.flows_photo.Check` it shares: a ``state`` and
an ``error`` code the screen turns into words; the back end through :class:`~kiosk.flows.Jobs`,
the live stream through a :class:`PageCamera`, both off the UI thread. :meth:`CaptureFlow.reset`
— a wipe hook of the session — stops the camera and drops every page and the case.

States::

    case ──(number | card)──▶ loading ──▶ [cases ──choose──▶] preview
    preview ──capture──▶ preview (a page more, or ``refused`` with the reason)
    preview ──review──▶ review ──more──▶ preview;  review ──drop(i)──▶ review
    review ──submit──▶ submitting ──▶ done | error (again: review)

In ``preview`` every judged frame says what is wrong in ``check`` (a code of
:data:`drivers.camera.document.MESSAGES`, ``camera_covered``, or "" when the page passes). 拍这一页
takes the page of the newest frame that passed if it was judged at most ``max_age_s`` ago;
otherwise the page is refused with the reason (``refused``: the check's code, or ``not_ready`` while no fresh
frame has been judged), and so is the same page taken twice in a row (``same_page``). Pages live
in memory only; the PDF is made in the back-end job, sent once, and the terminal keeps no copy.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from drivers.camera.document import MESSAGES, pages_pdf
from kiosk.availability import Availability
from kiosk.backend.mailing import MAILABLE
from kiosk.backend.materials import MaterialsBackend, MaterialsReceipt, MaterialsUpload
from kiosk.backend.model import BackendError, Case
from kiosk.flows import CaseChooser, Jobs, Outcome, ServiceDone, backend_error, case_summary
from kiosk.flows_photo import Check, camera_error
from kiosk.session import Session

log = logging.getLogger("zizhu.kiosk.capture")

CHECK_CODES = ("camera_covered", *MESSAGES)
SAME_PAGE = 0.97  # correlation of two pages' thumbnails above which they are the same page again
A = TypeVar("A")


class PageCamera(Protocol):
    """The live stream: frames shown and judged off the UI thread, verdicts on the owner's thread."""

    def start(self, size: str, on_check: Callable[[Check], None],
              on_error: Callable[[BaseException], None]) -> None: ...

    def stop(self) -> None: ...


def same_page(a: Any, b: Any) -> bool:
    """Whether two corrected pages are the same sheet (the citizen did not turn it): thumbnails correlated."""
    import cv2

    def thumb(p: Any) -> Any:
        return cv2.resize(cv2.cvtColor(p, cv2.COLOR_BGR2GRAY), (155, 219), interpolation=cv2.INTER_AREA)

    if a.shape != b.shape:
        return False
    return float(cv2.matchTemplate(thumb(a), thumb(b), cv2.TM_CCOEFF_NORMED)[0, 0]) > SAME_PAGE


class CaptureFlow(CaseChooser):
    """Photograph a document page by page and attach it, as one PDF, to the citizen's case.

    Errors: ``camera_*`` (availability before the flow starts, a stream that fails),
    ``case_no_invalid``, ``case_no_is_id``, ``not_found``, ``no_open_case``, ``case_closed``,
    ``no_card``, the back end's codes.
    """

    CASE_KEY = "capture_case_no"

    name = "capture"

    def __init__(self, jobs: Jobs, camera: PageCamera, session: Session, availability: Availability, *,
                 dpi: int = 150, jpeg_quality: int = 80, max_pages: int = 20,
                 clock: Callable[[], float] = time.monotonic, max_age_s: float = 1.5) -> None:
        super().__init__()
        self.jobs, self.camera, self.session, self.availability = jobs, camera, session, availability
        self.dpi, self.jpeg_quality, self.max_pages = dpi, jpeg_quality, max_pages
        self.clock = clock
        self.max_age_s = max_age_s
        self._clear()

    def _clear(self) -> None:
        self.number = ""
        self.cases: list[Case] = []
        self.case: Case | None = None
        self.check = ""  # what the last judged frame says ("" = the page passes)
        self.checked = 0
        self.refused = ""  # why the last 拍这一页 took nothing ("" = it took a page, or none asked)
        self._passing: Check | None = None
        self.pages: list[Check] = []  # the pages taken: ``photo`` the corrected page, ``image`` its picture
        self.receipt: MaterialsReceipt | None = None
        self._submission_id = ""  # the key of the upload: the same if it is sent again
        self._streaming = False
        self._away = False

    # -- the session -------------------------------------------------------------------------
    def reset(self) -> None:
        self._stop_camera()
        self._clear()
        super().reset()

    def open(self) -> None:
        self._stop_camera()
        self._clear()
        why = self.availability.device("camera")
        if why is not None:
            self._set("error", why)
            return
        self._set("case")

    def leave(self) -> None:
        """The citizen left the page: the camera stops, every page goes."""
        self._away = True
        self._stop_camera()
        self._passing = None
        self.pages = []
        if self.state in ("preview", "review"):
            self._set("case")

    # -- the case: kiosk.flows.CaseChooser (as the ID photo chooses it) ------------------------
    def _case_chosen(self) -> None:
        self._preview()

    # -- preview and the pages ---------------------------------------------------------------
    def _preview(self) -> None:
        if self._away:
            return
        why = self.availability.device("camera")
        if why is not None:
            self._set("error", why)
            return
        self.check, self.checked, self._passing, self.refused = "", 0, None, ""
        self._set("preview")
        if not self._streaming:
            self._streaming = True
            self.camera.start("", self._fresh(self._checked), self._fresh(self._failed))

    def _fresh(self, fn: Callable[[A], None]) -> Callable[[A], None]:
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

    def capture(self) -> None:
        """拍这一页: the page of the newest passing frame, or the reason it cannot be taken."""
        if self.state != "preview" or self.checked == 0:
            return
        p = self._passing
        if len(self.pages) >= self.max_pages:
            self.refused = "too_many_pages"
        elif p is None or self.clock() - (p.at + p.latency_s) > self.max_age_s:
            # Fresh: judged at most max_age_s ago (a page lies still; a slow judge of a 12 MP frame
            # must not make every verdict too old on arrival).
            # The newest frame failed (its reason), or none newer has been judged yet: not_ready.
            self.refused = self.check or "not_ready"
        elif self.pages and same_page(self.pages[-1].photo, p.photo):
            self.refused = "same_page"
        else:
            self.refused = ""
            self.pages.append(p)
            self._passing = None  # the next page needs a frame of its own
            log.info("capture: page %d taken", len(self.pages))
        self._set("preview")

    def review(self) -> None:
        if self.state == "preview" and self.pages:
            self._stop_camera()
            self._passing = None
            self._set("review")

    def more(self) -> None:
        """From the review: back to the camera for further pages."""
        if self.state == "review" and self.case is not None:
            self._preview()

    def drop(self, index: str) -> None:
        """Remove page ``index`` (from 0) in the review; none left: back to the camera."""
        if self.state != "review" or not index.isdigit() or int(index) >= len(self.pages):
            return
        del self.pages[int(index)]
        self._submission_id = ""  # other pages: another submission
        if self.pages:
            self._set("review")
        else:
            self._preview()

    def submit(self) -> None:
        case = self.case
        if self.state not in ("review", "error") or not self.pages or case is None:
            return
        pages = [p.photo for p in self.pages]
        dpi, quality, case_no = self.dpi, self.jpeg_quality, case.case_no
        sid = self._submission_id = self._submission_id or uuid.uuid4().hex

        def job(b: Any) -> MaterialsReceipt:  # on a worker thread: the PDF is made here, sent, forgotten
            pdf = pages_pdf(pages, dpi, quality, title=f"办件 {case_no} 申报材料")
            upload = MaterialsUpload(submission_id=sid, pages=len(pages), dpi=dpi, pdf=pdf)
            return cast(MaterialsBackend, b).attach_materials(case_no, upload)

        self._set("submitting")
        self.jobs.backend(job, self._current(self._submitted))

    def _submitted(self, out: Outcome[MaterialsReceipt]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no receipt")))
            return
        self.receipt = out.value
        self._submission_id = ""
        self.pages = []  # sent: the terminal keeps no copy
        case = self.case
        self._set("done")
        if case is not None:
            log.info("materials attached to case %s: %d pages", case.case_no, out.value.pages)
            self.service_done(ServiceDone(case.item_code, case.matter, case.case_no))

    def again(self) -> None:
        """After an error: back to where the citizen can go on."""
        if self.pages and self.case is not None:
            self._set("review")
        elif self.case is not None:
            self._preview()
        else:
            self.open()

    # -- the screen --------------------------------------------------------------------------
    def view(self) -> dict[str, Any]:
        case = self.case
        return {
            "state": self.state, "error": self.error, "number": self.number,
            "check": self.check, "checking": self.state == "preview" and self.checked == 0,
            "refused": self.refused, "pages": len(self.pages), "maxPages": self.max_pages,
            "received": self.receipt.pages if self.receipt is not None else 0,
            "cases": [case_summary(c) for c in self.cases],
            "case": {"caseNo": case.case_no, "matter": case.matter} if case is not None else {},
            "mailable": case is not None and case.status in MAILABLE,  # its result may be mailed (政务专递)
            "hasCard": self.session.get("card") is not None,
            "camera": self.availability.device("camera") or "",
        }
