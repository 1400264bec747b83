"""The citizen's tasks as state machines: identity, service guide, case progress. No Qt here.

Each flow has a ``state`` and, when something went wrong, an ``error`` code; the screens turn
codes into words in the citizen's language (kiosk/qml/Zizhu/Texts.qml) and speak them. A flow
never calls a device or the back end itself: it hands a function to :class:`Jobs`, which runs it
off the UI thread within its bound and calls back on the owner's thread (the Qt app posts it; the
tests run it at once). Whatever a flow learnt of the citizen is dropped by :meth:`Flow.reset`,
which the session runs when it ends.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from drivers.base import DeviceError, DeviceHardwareError, DeviceOffline, DeviceTimeout
from drivers.idcard.card import CardDataError, IdCard, id_number_valid
from drivers.idcard.codec import CardReadFailed, NoCard, UnknownCardType
from drivers.idcard.driver import CardAlreadyRead
from ground.logs import mask_id_number, mask_name
from ground.workdays import CalendarUnknown, add_workdays
from kiosk.availability import Availability
from kiosk.backend.mailing import MAILABLE
from kiosk.backend.model import (
    CASE_STATUS_LABELS,
    OPEN_STATUSES,
    Backend,
    BackendError,
    BackendTimeout,
    Case,
    HallInfo,
    NotFound,
    ServiceItem,
)
from kiosk.guide_search import GuideIndex
from kiosk.session import Session

log = logging.getLogger("zizhu.kiosk.flows")

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    value: T | None = None
    error: BaseException | None = None


class Jobs(Protocol):
    """Runs device and back-end calls off the UI thread; ``done`` is called on the owner's thread."""

    def device(self, kind: str, fn: Callable[[Any], T], done: Callable[[Outcome[T]], None]) -> None: ...

    def backend(self, fn: Callable[[Backend], T], done: Callable[[Outcome[T]], None]) -> None: ...


def backend_error(exc: BaseException) -> str:
    if isinstance(exc, BackendTimeout):
        return "backend_timeout"
    if isinstance(exc, NotFound):
        return "not_found"
    if isinstance(exc, BackendError):
        return "backend_error"
    log.error("back-end call failed unexpectedly: %r", exc)
    return "backend_error"


def print_error(exc: BaseException | None, job: Any = None) -> str:
    """The code of a slip that did not print (the job's error or the call's)."""
    err = exc if exc is not None else getattr(job, "error", None)
    if isinstance(err, DeviceHardwareError):
        return "print_hardware"
    if isinstance(err, DeviceOffline | DeviceTimeout):
        return "print_offline"
    return "print_failed"


@dataclass(frozen=True)
class ServiceDone:
    """A service the citizen has just completed: what the rating page offers to rate.

    Every flow that completes a service (a slip printed, a document collected) calls
    :meth:`Flow.service_done` with one; the app hands it to the rating flow
    (:mod:`kiosk.flows_feedback`). ``key`` is what 一次一评 counts: one rating per item and case
    in a session. Nothing of the citizen's identity is in it.
    """

    item_code: str
    item_name: str
    case_no: str = ""
    slip_printed: bool = False  # the rating page reminds the citizen to take it

    @property
    def key(self) -> tuple[str, str]:
        return (self.item_code, self.case_no)


class Flow:
    """State, error code, listeners. Subclasses add their data and :meth:`view`."""

    name = "flow"

    def __init__(self) -> None:
        self.state = "start"
        self.error = ""
        self.listeners: list[Callable[[Flow], None]] = []
        self._generation = 0  # a reset makes callbacks of earlier requests stale
        self.on_service_done: Callable[[ServiceDone], None] | None = None  # the app's rating hook

    def service_done(self, done: ServiceDone) -> None:
        """Tell the app a service was completed (it offers the rating page)."""
        if self.on_service_done is not None:
            self.on_service_done(done)

    def _set(self, state: str, error: str = "") -> None:
        self.state, self.error = state, error
        for fn in list(self.listeners):
            fn(self)

    def _current(self, done: Callable[[Outcome[T]], None]) -> Callable[[Outcome[T]], None]:
        """Wrap a callback so it is dropped if the flow was reset since it was asked for."""
        gen = self._generation

        def call(out: Outcome[T]) -> None:
            if gen == self._generation:
                done(out)

        return call

    def reset(self) -> None:
        self._generation += 1
        self._set("start")

    def view(self) -> dict[str, Any]:
        return {"state": self.state, "error": self.error}


# --------------------------------------------------------------------------------------------
# Identity
# --------------------------------------------------------------------------------------------

def card_view(card: IdCard) -> dict[str, Any]:
    """What the screen shows of a card: masked, except what the citizen must check."""
    return {"name": mask_name(card.name or card.name_en), "number": mask_id_number(card.number),
            "kind": card.kind.value, "validTo": card.valid_to_text}


class IdentityFlow(Flow):
    """Place the card: waiting → done, or an error the citizen can act on.

    The reader is asked again every ``read_s`` while the flow waits (a read that finds no card is
    not news). Errors: ``card_expired``, ``card_invalid`` (bad check digit or data),
    ``card_unreadable`` (moved, unknown type: try again), ``card_already_read``, ``idcard_offline``
    and the availability codes when the reader is down before the flow starts.
    """

    name = "identity"
    TERMINAL = ("done", "error")

    def __init__(self, jobs: Jobs, session: Session, availability: Availability,
                 today: Callable[[], date] = date.today, read_s: float = 1.0) -> None:
        super().__init__()
        self.jobs, self.session, self.availability = jobs, session, availability
        self.today = today
        self.read_s = read_s
        self.card: IdCard | None = None
        self.on_card: Callable[[IdCard], None] | None = None
        self.state = "idle"
        self._inflight = False  # a read is queued or running on the device thread
        self._late: Outcome[IdCard | None] | None = None

    def reset(self) -> None:
        self.card = None
        self._late = None
        self._generation += 1  # the answer of a read in flight belongs to the session that ended
        self._set("idle")

    def start(self) -> None:
        """Begin waiting for a card (again).

        One read at a time: the reader is asked again only when its last answer is in, so leaving
        and re-entering the home screen never piles reads up on the device thread (where prints
        and status polls wait behind them). A card that a read took while the citizen was on
        another page is not lost: its answer is held and taken here.
        """
        why = self.availability.device("idcard")
        if why is not None:
            self._set("error", why)
            return
        self.card = None
        self._set("waiting")
        late, self._late = self._late, None
        if late is not None:
            self._got(late)
        elif not self._inflight:
            self._read()

    def stop(self) -> None:
        """Stop asking (the citizen left the page); the read in flight finishes and is held."""
        if self.state == "waiting":
            self._set("idle")

    def _read(self) -> None:
        read_s = self.read_s
        self._inflight = True

        def job(reader: Any) -> IdCard | None:
            if self.state != "waiting":
                return None  # asked for when the citizen was here, who has since left: do not start
            card: IdCard = reader.read_card(timeout_s=read_s)
            return card

        gen = self._generation

        def answered(out: Outcome[IdCard | None]) -> None:
            # Whatever the generation: the read is over. (Cleared only for the live generation, a reset
            # during a read left the flag up for good and the reader was never asked again.)
            self._inflight = False
            if gen != self._generation:
                # The answer belongs to the session that ended and is dropped; a new one already waiting asks anew.
                if self.state == "waiting":
                    self._read()
                return
            self._answered(out)

        self.jobs.device("idcard", job, answered)

    def _answered(self, out: Outcome[IdCard | None]) -> None:
        if self.state != "waiting":
            if out.value is not None:
                self._late = out  # a card was taken: keep it for when the citizen is back
            return
        if out.error is None and out.value is None:
            self._read()  # the read did not start
            return
        self._got(out)

    def _got(self, out: Outcome[Any]) -> None:
        exc = out.error
        if exc is None and out.value is not None:
            card = out.value
            if not card.is_valid_on(self.today()):
                self._set("error", "card_expired")
                return
            self.card = card
            self.session.touch()
            self.session.keep("card", card)
            if self.on_card is not None:
                self.on_card(card)
            self._set("done")
            return
        if isinstance(exc, NoCard) or (isinstance(exc, DeviceTimeout) and not isinstance(exc, DeviceOffline)):
            if self.state == "waiting":
                self._read()  # nobody has placed a card yet
            return
        if isinstance(exc, CardAlreadyRead):
            self._set("error", "card_already_read")
        elif isinstance(exc, CardDataError):
            self._set("error", "card_invalid")
        elif isinstance(exc, CardReadFailed | UnknownCardType):
            self._set("error", "card_unreadable")
        elif isinstance(exc, DeviceError):
            log.warning("card reader failed during a read: %s", exc)
            self._set("error", "idcard_offline")
        else:
            log.error("card read failed unexpectedly: %r", exc)
            self._set("error", "idcard_offline")

    def view(self) -> dict[str, Any]:
        return {"state": self.state, "error": self.error,
                "card": card_view(self.card) if self.card is not None else {}}


# --------------------------------------------------------------------------------------------
# Slips: what every printable flow shares
# --------------------------------------------------------------------------------------------

def _no_mongolian(_template: str) -> Mapping[str, str]:
    return {}


class _Printing(Flow):
    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo],
                 print_timeout_s: float = 15.0) -> None:
        super().__init__()
        self.jobs, self.availability, self.hall = jobs, availability, hall
        self.print_timeout_s = print_timeout_s
        self.print_state = ""  # "", printing, printed, failed
        self.print_error = ""
        # The translations of a template's Mongolian lines when the citizen reads Mongolian, else {}
        # (set by the app from the screen's translator; docs/mongolian-slips.md).
        self.slip_words: Callable[[str], Mapping[str, str]] = _no_mongolian

    def _print(self, template: str, data: dict[str, Any]) -> None:
        why = self.availability.device("printer")
        if why is not None:
            self.print_state, self.print_error = "failed", why
            self._set(self.state)
            return
        self.print_state, self.print_error = "printing", ""
        self._set(self.state)
        timeout = self.print_timeout_s
        # Looked up here, on the UI thread, the translator's; drawn on the device thread by the driver.
        words = dict(self.slip_words(template))

        def print_slip(p: Any) -> Any:
            if words:
                return p.print_slip(template, data, timeout=timeout, mongolian=words)
            return p.print_slip(template, data, timeout=timeout)

        self.jobs.device("printer", print_slip, self._current(self._printed))

    def _printed(self, out: Outcome[Any]) -> None:
        job = out.value
        done: ServiceDone | None = None
        if out.error is None and job is not None and job.ok:
            self.print_state, self.print_error = "printed", ""
            done = self._completed()  # the slip was the service's end: offer its rating
            done = replace(done, slip_printed=True) if done is not None else None
        else:
            if out.error is not None and not isinstance(out.error, DeviceError):
                log.error("slip failed unexpectedly: %r", out.error)
            self.print_state, self.print_error = "failed", print_error(out.error, job)
        self._set(self.state)
        if done is not None:
            self.service_done(done)

    def _clear_print(self) -> None:
        self.print_state, self.print_error = "", ""

    def _completed(self) -> ServiceDone | None:
        """The service a printed slip completes (None: the slip completes none)."""
        return None

    def view(self) -> dict[str, Any]:
        return {"state": self.state, "error": self.error, "printState": self.print_state,
                "printError": self.print_error, "printer": self.availability.device("printer") or ""}


def _limit_text(days: int) -> str:
    return "即办" if days == 0 else f"{days}个工作日"


def slip_materials(item: ServiceItem) -> list[dict[str, Any]]:
    return [{"name": m.name, "format": f"{m.kind}，{m.format}", "copies": m.copies, "issuer": m.source}
            for m in item.materials]


# --------------------------------------------------------------------------------------------
# Service guide
# --------------------------------------------------------------------------------------------

class GuideFlow(_Printing):
    """Browse by department or theme, or search; open an item's whole guide; print its slip.

    States: start → loading → browse (``results`` filtered) → item; ``error`` for the back end.
    """

    name = "guide"

    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo],
                 session: Session, today: Callable[[], date] = date.today) -> None:
        super().__init__(jobs, availability, hall)
        self.session = session
        self.today = today
        self.index: GuideIndex | None = None
        self.results: list[ServiceItem] = []
        self.filter: dict[str, str] = {}
        self.item: ServiceItem | None = None

    def reset(self) -> None:
        # The catalogue is public and stays; the citizen's search and choice go.
        self.results, self.filter, self.item = [], {}, None
        self._clear_print()
        super().reset()

    def open(self) -> None:
        """Enter the guide: load the catalogue (once per session start)."""
        self.item = None
        self._clear_print()
        if self.index is not None:
            self._browse_all()
            return
        self._set("loading")
        self.jobs.backend(lambda b: b.items(), self._current(self._loaded))

    def _loaded(self, out: Outcome[list[ServiceItem]]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no catalogue")))
            return
        self.index = GuideIndex(out.value)
        self._browse_all()

    def _browse_all(self) -> None:
        assert self.index is not None
        self.filter = {}
        self.results = []
        self._set("browse")

    def by_department(self, name: str) -> None:
        if self.index is not None:
            self.filter = {"department": name}
            self.results = self.index.by_department(name)
            self.item = None
            self._set("browse")

    def by_theme(self, name: str) -> None:
        if self.index is not None:
            self.filter = {"theme": name}
            self.results = self.index.by_theme(name)
            self.item = None
            self._set("browse")

    def search(self, query: str) -> None:
        if self.index is not None:
            self.filter = {"query": query}
            self.results = self.index.search(query) if query.strip() else []
            self.item = None
            self._set("browse")

    def choose(self, code: str) -> None:
        if self.index is None:
            return
        found = next((i for i in self.index.items if i.code == code), None)
        if found is None:
            self._set("error", "not_found")
            return
        self.item = found
        self._clear_print()
        self._set("item")

    def back(self) -> None:
        if self.state == "item":
            self.item = None
            self._clear_print()
            self._set("browse")

    def print_slip(self) -> None:
        if self.item is None:
            return
        item, hall = self.item, self.hall()
        card: IdCard | None = self.session.get("card")
        data = {
            "hall_name": hall.name, "matter": item.name + (f"（{item.subitem}）" if item.subitem else ""),
            "applicant": (card.name or card.name_en) if card is not None else "", "case_no": "—",
            "date": f"{self.today():%Y-%m-%d}", "legal_basis": item.legal_basis,
            "time_limit": f"法定办结时限：{_limit_text(item.legal_limit_days)}；"
                          f"承诺办结时限：{_limit_text(item.promised_limit_days)}",
            "procedure": "；".join(f"{n}. {s}" for n, s in enumerate(item.procedure, 1)),
            "materials": slip_materials(item), "fees": item.fees, "guide_url": item.guide_url,
            "hall_phone": hall.hotline, "complaint_phone": hall.complaint_phone,
        }
        self._print("notification", data)

    def _completed(self) -> ServiceDone | None:
        return ServiceDone(self.item.code, self.item.name) if self.item is not None else None

    def view(self) -> dict[str, Any]:
        out = super().view()
        idx = self.index
        out.update({
            "departments": idx.departments() if idx else [],
            "themes": idx.themes() if idx else [],
            "filter": dict(self.filter),
            "results": [{"code": i.code, "name": i.name, "department": i.department} for i in self.results],
            "item": item_view(self.item) if self.item is not None else {},
        })
        return out


def item_view(item: ServiceItem) -> dict[str, Any]:
    """Every element of the guide (seed 002 第九条), in the order the screen lists them."""
    return {
        "code": item.code, "name": item.name, "subitem": item.subitem, "type": item.type,
        "department": item.department, "conditions": item.conditions, "authority": item.authority,
        "legalBasis": item.legal_basis, "legalDays": item.legal_limit_days,
        "promisedDays": item.promised_limit_days, "fees": item.fees,
        "materials": [{"name": m.name, "kind": m.kind, "copies": m.copies, "format": m.format,
                       "electronic": m.electronic, "sample": m.sample, "source": m.source, "note": m.note}
                      for m in item.materials],
        "procedure": list(item.procedure), "forms": "、".join(item.forms), "place": item.place,
        "hours": item.hours, "result": item.result, "resultSample": item.result_sample,
        "consult": item.consult, "supervise": item.supervise, "guideUrl": item.guide_url,
    }


# --------------------------------------------------------------------------------------------
# Case progress
# --------------------------------------------------------------------------------------------

CASE_NO = re.compile(r"[0-9]{6,24}\Z")


class CaseChooser(Flow):
    """Choosing the open case a service is for (the ID photo's, the materials'): its number on the
    numeric pad, or the cases of the card on the reader; one open case is taken at once, several are
    listed (``cases``), a closed or missing one is refused in words.

    States used: ``case`` (the pad), ``loading``, ``cases`` (the list), ``error`` (the pad stays live).
    An 18-digit number that is a valid ID number is refused (``case_no_is_id``): it would travel in a
    URL; the card finds the cases instead. A subclass sets ``CASE_KEY`` (where the typed number is kept
    in the session, wiped with it), the attributes ``number``, ``cases``, ``case``, ``_away``, ``jobs``,
    ``session``, and :meth:`_case_chosen`.
    """

    CASE_KEY = "case_no"
    number: str
    cases: list[Case]
    case: Case | None
    _away: bool
    jobs: Jobs
    session: Session

    def _pad_open(self) -> bool:
        return self.state in ("case", "error")

    def _case_chosen(self) -> None:
        raise NotImplementedError

    def key(self, k: str) -> None:
        """The numeric pad: a digit, ``back`` or ``clear``."""
        if not self._pad_open():
            return
        if k == "back":
            self.number = self.number[:-1]
        elif k == "clear":
            self.number = ""
        elif k.isdigit() and k.isascii() and len(k) == 1 and len(self.number) < 24:
            self.number += k
        self.session.keep(self.CASE_KEY, self.number)
        self._set("case")

    def find_number(self) -> None:
        no = self.number
        if not CASE_NO.match(no):
            self._set("error", "case_no_invalid")
            return
        if len(no) == 18 and id_number_valid(no):  # an ID number would travel in a URL: by card instead
            self.number = ""
            self.session.keep(self.CASE_KEY, "")
            self._set("error", "case_no_is_id")
            return
        self._set("loading")
        self.jobs.backend(lambda b: [b.case(no)], self._current(self._got_cases))

    def find_by_card(self) -> None:
        card: IdCard | None = self.session.get("card")
        if card is None:
            self._set("error", "no_card")
            return
        number = card.number
        self._set("loading")
        self.jobs.backend(lambda b: b.cases_of(number), self._current(self._got_cases))

    def _got_cases(self, out: Outcome[list[Case]]) -> None:
        if self._away:
            return  # answered after the citizen left: nothing to show, no camera to start
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no cases")))
            return
        found = out.value
        open_ = [c for c in found if c.status in OPEN_STATUSES]
        if not open_:
            self._set("error", "case_closed" if found else "no_open_case")
            return
        if len(open_) == 1:
            self.choose_case(open_[0].case_no, open_)
            return
        self.cases = open_
        self._set("cases")

    def choose_case(self, case_no: str, among: list[Case] | None = None) -> None:
        found = next((c for c in (among or self.cases) if c.case_no == case_no), None)
        if found is None:
            return
        self.case = found
        self.cases = []
        self._case_chosen()


class ProgressFlow(_Printing):
    """By case number (numeric pad) or by the card: the citizen's cases, one case, its slip.

    States: start → loading → list (the card's cases) | case; ``error`` with ``case_no_invalid``,
    ``not_found``, ``no_card``, the back end's codes.
    """

    name = "progress"

    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo],
                 session: Session, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(jobs, availability, hall)
        self.session = session
        self.now = now
        self.cases: list[Case] = []
        self.case: Case | None = None
        self.number = ""  # what the citizen typed on the pad
        self.limits: dict[str, int] = {}  # promised limits (working days) of the cases' items: public

    def reset(self) -> None:
        self.cases, self.case, self.number = [], None, ""
        self._clear_print()
        super().reset()

    def open(self) -> None:
        self.cases, self.case, self.number = [], None, ""
        self._clear_print()
        self._set("start")

    def key(self, k: str) -> None:
        """The numeric pad: a digit, ``back`` or ``clear``."""
        if k == "back":
            self.number = self.number[:-1]
        elif k == "clear":
            self.number = ""
        elif k.isdigit() and k.isascii() and len(k) == 1 and len(self.number) < 24:
            self.number += k
        self.session.keep("typed_case_no", self.number)
        self._set("start" if self.state in ("start", "error") else self.state)

    def find_number(self) -> None:
        no = self.number
        if not CASE_NO.match(no):
            self._set("error", "case_no_invalid")
            return
        if len(no) == 18 and id_number_valid(no):
            # An ID number typed on the pad would travel in a URL and land in access logs: the
            # citizen's cases are looked up by the card instead.
            self.number = ""
            self.session.keep("typed_case_no", "")
            self._set("error", "case_no_is_id")
            return
        self._set("loading")
        self.jobs.backend(lambda b: _with_limits(b, [b.case(no)]), self._current(self._got_case))

    def find_by_card(self) -> None:
        card: IdCard | None = self.session.get("card")
        if card is None:
            self._set("error", "no_card")
            return
        number = card.number
        self._set("loading")
        self.jobs.backend(lambda b: _with_limits(b, b.cases_of(number)), self._current(self._got_cases))

    def _got_case(self, out: Outcome[tuple[list[Case], dict[str, int]]]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no case")))
            return
        cases, limits = out.value
        self.limits.update(limits)
        self.case = cases[0]
        self._clear_print()
        self._set("case")

    def _got_cases(self, out: Outcome[tuple[list[Case], dict[str, int]]]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no cases")))
            return
        self.cases, limits = out.value
        self.limits.update(limits)
        self._set("list")

    def choose(self, case_no: str) -> None:
        found = next((c for c in self.cases if c.case_no == case_no), None)
        if found is not None:
            self.case = found
            self._clear_print()
            self._set("case")

    def back(self) -> None:
        if self.state == "case" and self.cases:
            self.case = None
            self._clear_print()
            self._set("list")
        else:
            self.open()

    def deadline(self, case: Case) -> tuple[str, str]:
        """(``YYYY-MM-DD`` or "", a code: ok / done / unknown_year / no_limit)."""
        if case.status not in OPEN_STATUSES:
            return "", "done"
        item_days = self._promised_days(case)
        if case.accepted_on is None or item_days is None:
            return "", "no_limit"
        try:
            return f"{add_workdays(case.accepted_on, item_days):%Y-%m-%d}", "ok"
        except CalendarUnknown as exc:
            return str(exc.year), "unknown_year"

    def _promised_days(self, case: Case) -> int | None:
        return self.limits.get(case.item_code)

    def print_slip(self) -> None:
        case = self.case
        if case is None:
            return
        due, code = self.deadline(case)
        expected = {"ok": due, "done": "已办结", "no_limit": "以窗口告知为准",
                    "unknown_year": f"{due}年节假日安排尚未公布，以窗口告知为准"}[code]
        data = {
            "hall_name": self.hall().name, "case_no": case.case_no, "matter": case.matter,
            "applicant": case.applicant_name, "current_status": CASE_STATUS_LABELS[case.status],
            "steps": [{"time": f"{s.time:%m-%d %H:%M}", "step": s.step, "result": s.result} for s in case.steps],
            "expected_date": expected, "progress_url": case.progress_url or self.hall().guide_url or "-",
            "printed_at": f"{self.now():%Y-%m-%d %H:%M}",
        }
        self._print("progress", data)

    def _completed(self) -> ServiceDone | None:
        case = self.case
        return ServiceDone(case.item_code, case.matter, case.case_no) if case is not None else None

    def view(self) -> dict[str, Any]:
        out = super().view()
        out.update({
            "number": self.number,
            "cases": [case_summary(c) for c in self.cases],
            "case": self.case_view(self.case) if self.case is not None else {},
            "hasCard": self.session.get("card") is not None,
        })
        return out

    def case_view(self, case: Case) -> dict[str, Any]:
        due, code = self.deadline(case)
        return {**case_summary(case), "applicant": mask_name(case.applicant_name),
                "steps": [{"time": f"{s.time:%Y-%m-%d %H:%M}", "step": s.step, "result": s.result, "by": s.by}
                          for s in case.steps],
                "missing": [{"name": m.name, "problem": m.problem} for m in case.missing],
                "refusal": case.refusal, "pickup": case.pickup, "deadline": due, "deadlineCode": code,
                "progressUrl": case.progress_url, "mailable": case.status in MAILABLE}


def _with_limits(backend: Backend, cases: list[Case]) -> tuple[list[Case], dict[str, int]]:
    """The cases and the promised limits of their items (an item the platform no longer lists
    has none: its deadline is "ask at the window", not a guess)."""
    limits: dict[str, int] = {}
    for code in {c.item_code for c in cases}:
        try:
            limits[code] = backend.item(code).promised_limit_days
        except NotFound:
            continue
    return cases, limits


def case_summary(case: Case) -> dict[str, Any]:
    return {"caseNo": case.case_no, "matter": case.matter, "status": case.status.value,
            "statusLabel": CASE_STATUS_LABELS[case.status]}
