"""The demo back end: the catalogue and the cases of an invented hall, from package data files.

``data/items.toml`` (the service items with their whole guides), ``data/cases.toml`` (cases in
every state) and ``data/hall.toml`` (the hall's contact facts) are read with importlib.resources,
so an installed wheel finds them as the checkout does, and converted with msgspec into the model of
:mod:`kiosk.backend.model`. A file that does not fit is a :class:`DemoDataError` naming the file
and the key (``cases.toml: key case.3.status: …``), raised when the back end is built.

The cases' dates are offsets in working days back from ``today`` (see the head of cases.toml), so
the demo never goes stale: the same data read on another day gives the same picture, nothing
overdue that was not meant to be. The applicants are the invented people whose ID cards the
card-reader simulator plays (:data:`drivers.idcard.synthetic.CARDS`) and a few more whose numbers
:func:`drivers.idcard.synthetic.make_number` builds: no name or number is written in the data.

For tests and the demo, :meth:`DemoBackend.fail` makes every call time out or fail, and
``latency_s`` slows every answer down. Calls may come from several worker threads at once.
"""

from __future__ import annotations

import threading
import time
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

import msgspec
from msgspec import Meta

from drivers.idcard.synthetic import CARDS, make_number
from ground import workdays
from ground.configbase import convert, dotted, problems
from kiosk.backend.appointments import Booking, BookingRequest
from kiosk.backend.certificates import Certificate, CertificateKind
from kiosk.backend.demo_appointments import DemoAppointments, today_of
from kiosk.backend.demo_certificates import DemoCertificates
from kiosk.backend.demo_locker import DemoLockerMixin, load_locker
from kiosk.backend.demo_mailing import DemoMailing, DemoMailingMixin
from kiosk.backend.materials import MaterialsReceipt, MaterialsUpload
from kiosk.backend.model import (
    OPEN_STATUSES,
    BackendError,
    BackendTimeout,
    Case,
    CaseStatus,
    CaseStep,
    HallInfo,
    MissingMaterial,
    NotFound,
    ServiceItem,
)
from kiosk.backend.photo import PhotoReceipt, PhotoUpload

DATA_DIR: Traversable = files("kiosk.backend").joinpath("data")  # package data
ITEMS_FILE, CASES_FILE, HALL_FILE = "items.toml", "cases.toml", "hall.toml"
DEFAULT_TIMEOUT_S = 8.0  # what the "timeout" mode waits: the citizen hears of it within 10 s

FailMode = Literal["none", "timeout", "error"]
FAIL_MODES: frozenset[str] = frozenset(get_args(FailMode))

T = TypeVar("T")


class DemoDataError(ValueError):
    """A demo data file that cannot be used: every problem, one a line, each naming file and key."""


# --------------------------------------------------------------------------------------------
# The files' shape (what is not the model itself: cases with offsets instead of dates)
# --------------------------------------------------------------------------------------------

class _File(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class _ItemsFile(_File, frozen=True, kw_only=True):
    item: Annotated[list[ServiceItem], Meta(min_length=1)]


class _Person(_File, frozen=True, kw_only=True):
    """An invented applicant: the number is built, never written."""

    name: Annotated[str, Meta(pattern=r"^(测试|样例)\S{1,4}\Z",
                              extra={"expected": "an invented name: 测试 or 样例 and one to four characters"})]
    region: Annotated[str, Meta(pattern=r"^[1-9][0-9]{5}\Z", description="6-digit administrative division code")]
    birth: date
    sequence: Annotated[int, Meta(ge=0, le=999)]


class _Step(_File, frozen=True, kw_only=True):
    workdays_ago: Annotated[int, Meta(ge=0, le=500, description="working days before today")]
    at: Annotated[str, Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]\Z",
                            extra={"expected": "a time of day as text, HH:MM"})]
    step: Annotated[str, Meta(min_length=1)]
    result: Annotated[str, Meta(min_length=1)]
    by: str = ""


# A card the reader rejects (its check digit is wrong) has no cases: the kiosk never asks for them.
_NOT_APPLICANTS = frozenset({"bad_check_digit"})
_NEEDS_ACCEPTED = frozenset({CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.COLLECTED})


class _CaseEntry(_File, frozen=True, kw_only=True):
    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z", extra={"expected": "6 to 24 digits, as text"})]
    item_code: Annotated[str, Meta(min_length=1)]
    applicant: Annotated[str, Meta(min_length=1, description="a key of CARDS or of [people]")]
    status: CaseStatus
    matter: str = ""
    accepted_workdays_ago: Annotated[int, Meta(ge=0, le=500)] | None = None
    steps: Annotated[list[_Step], Meta(min_length=1)]
    missing: list[MissingMaterial] = msgspec.field(default_factory=list)
    refusal: str = ""
    pickup: str = ""
    progress_url: str = ""

    def __post_init__(self) -> None:
        s = self.status
        if s is CaseStatus.SUBMITTED and self.accepted_workdays_ago is not None:
            raise ValueError("a submitted case is not accepted yet: drop accepted_workdays_ago")
        if s in _NEEDS_ACCEPTED and self.accepted_workdays_ago is None:
            raise ValueError(f"a case {s.value!r} needs accepted_workdays_ago")
        if (s is CaseStatus.CORRECTION) != bool(self.missing):
            raise ValueError("a case in correction lists its missing materials, and only such a case")
        if (s is CaseStatus.REFUSED) != bool(self.refusal):
            raise ValueError("a refused case gives its refusal (reasons and remedies), and only such a case")
        if s is CaseStatus.APPROVED and not self.pickup:
            raise ValueError("an approved case says where the result is collected (pickup)")
        order = [(-st.workdays_ago, st.at) for st in self.steps]
        if order != sorted(order):
            raise ValueError("steps must be listed oldest first")


class _CasesFile(_File, frozen=True, kw_only=True):
    progress_url: Annotated[str, Meta(description="pattern with {case_no}, for cases without their own")] = ""
    people: dict[str, _Person] = msgspec.field(default_factory=dict)
    case: list[_CaseEntry] = msgspec.field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

def _read(root: Traversable, name: str) -> tuple[str, dict[str, Any]]:
    path = root / name
    where = str(path)
    try:
        return where, tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        raise DemoDataError(f"{where}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise DemoDataError(f"{where}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise DemoDataError(f"{where}: not UTF-8 text: {exc}") from None


def _label(data: dict[str, Any], key: tuple[str | int, ...]) -> str:
    """Which item or case a key is in, by its code or number: a reader does not count tables."""
    if len(key) >= 2 and key[0] in ("item", "case") and isinstance(key[1], int):
        try:
            entry = data[key[0]][key[1]]
        except (LookupError, TypeError):
            return ""
        ident = entry.get("code" if key[0] == "item" else "case_no") if isinstance(entry, dict) else None
        if isinstance(ident, str) and ident.strip():
            return f" ({key[0]} {ident.strip()})"
    return ""


def _line(where: str, data: dict[str, Any], key: tuple[str | int, ...], detail: str) -> str:
    return f"{where}: key {dotted(key)}{_label(data, key)}: {detail}"


def _convert(where: str, data: dict[str, Any], tp: type[T]) -> T:
    try:
        return convert(data, tp)
    except msgspec.ValidationError:
        found = problems(data, tp)
        raise DemoDataError("\n".join(_line(where, data, p.key, p.detail) for p in found)
                            or f"{where}: not a {tp.__name__}") from None


def _unique(where: str, data: dict[str, Any], table: str, field: str, values: list[str]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, value in enumerate(values):
        if value in seen:
            out.append(_line(where, data, (table, i, field), f"duplicate {value!r} (also {table}.{seen[value]})"))
        else:
            seen[value] = i
    return out


# --------------------------------------------------------------------------------------------
# Working days
# --------------------------------------------------------------------------------------------

def _is_working_day(day: date) -> bool:
    """The official calendar (:mod:`ground.workdays`); Monday to Friday for a year it does not know.

    Guessing is wrong for a citizen's deadline, which is why ground.workdays refuses to; here it only
    dates invented cases, so the demo keeps working in a year whose arrangement is not published yet.
    """
    try:
        return workdays.is_workday(day)
    except workdays.CalendarUnknown:
        return day.weekday() < 5


def working_days_before(today: date, n: int) -> date:
    """The ``n``-th working day before ``today`` (``today`` itself for 0): the demo data's offsets."""
    day = today
    while n > 0:
        day -= timedelta(days=1)
        if _is_working_day(day):
            n -= 1
    return day


# --------------------------------------------------------------------------------------------
# The back end
# --------------------------------------------------------------------------------------------

class DemoBackend(DemoLockerMixin, DemoMailingMixin):
    """:class:`kiosk.backend.model.Backend` from the demo data files.

    ``today``: the day the cases' offsets count from; ``None`` is the current date at each call
    (a kiosk left running overnight moves on with it). ``data_dir``: a folder holding the three
    files instead of the package's own (tests). ``latency_s``: each answer waits that long.
    ``timeout_s``: how long a call waits in the "timeout" mode before it raises.
    """

    def __init__(self, today: date | None = None, data_dir: Path | None = None, latency_s: float = 0.0,
                 *, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        if latency_s < 0 or timeout_s < 0:
            raise ValueError("latency_s and timeout_s are durations: not negative")
        root: Traversable = DATA_DIR if data_dir is None else data_dir
        self._today = today
        self._latency_s = latency_s
        self._timeout_s = timeout_s
        self._mode: FailMode = "none"
        self._lock = threading.Lock()
        self._cases_for: tuple[date, dict[str, Case]] | None = None
        self.photos: dict[str, PhotoUpload] = {}  # by case: the platform's copy (kiosk.backend.photo)
        # by case, every submission once (kiosk.backend.materials): the platform's copy
        self.materials: dict[str, dict[str, MaterialsUpload]] = {}
        self.mailings: dict[str, DemoMailing] = {}  # by request id (kiosk.backend.mailing): the platform's copy

        self._hall = _convert(*_read(root, HALL_FILE), HallInfo)
        items_where, items_data = _read(root, ITEMS_FILE)
        self._items = _convert(items_where, items_data, _ItemsFile).item
        bad = _unique(items_where, items_data, "item", "code", [it.code for it in self._items])
        if bad:
            raise DemoDataError("\n".join(bad))
        self._by_code = {it.code: it for it in self._items}
        self._cases_where, cases_data = _read(root, CASES_FILE)
        self._cases_file = _convert(self._cases_where, cases_data, _CasesFile)
        self._people = self._check_cases(cases_data)
        self._locker = load_locker(root, self._people, {c.case_no: c.item_code for c in self._cases_file.case},
                                   lambda n: working_days_before(self._today or date.today(), n),
                                   read=_read, convert=_convert, error=DemoDataError)
        self._certificates = DemoCertificates(root, self._people, lambda: self._today or date.today(),
                                              read=_read, convert=_convert, error=DemoDataError)
        # Saturday extended-hours bookings (kiosk.backend.appointments); ``appointments.now`` is its clock.
        self.appointments = DemoAppointments(self._by_code_or_not_found, today_of(today))

    def _check_cases(self, data: dict[str, Any]) -> dict[str, tuple[str, str]]:
        """The applicants by key (name, ID number); every cross-reference of cases.toml checked."""
        where, f = self._cases_where, self._cases_file
        people = {key: (card.name, card.number) for key, card in CARDS.items() if key not in _NOT_APPLICANTS}
        for key, p in f.people.items():
            if key in people:
                raise DemoDataError(f"{where}: key people.{key}: a card of drivers.idcard.synthetic.CARDS "
                                    "has that name already; choose another")
            people[key] = (p.name, make_number(p.region, p.birth, p.sequence))
        bad = _unique(where, data, "case", "case_no", [c.case_no for c in f.case])
        for i, c in enumerate(f.case):
            if c.item_code not in self._by_code:
                bad.append(_line(where, data, ("case", i, "item_code"), f"no item {c.item_code!r} in {ITEMS_FILE}"))
            if c.applicant not in people:
                bad.append(_line(where, data, ("case", i, "applicant"),
                                 f"unknown person {c.applicant!r}; expected a card of drivers.idcard.synthetic."
                                 f"CARDS ({', '.join(k for k in CARDS if k not in _NOT_APPLICANTS)}) "
                                 "or a key of [people]"))
        if bad:
            raise DemoDataError("\n".join(bad))
        return people

    # -- the knobs ---------------------------------------------------------------------------

    def fail(self, mode: FailMode) -> None:
        """From now on: "none" answers, "timeout" waits ``timeout_s`` then raises
        :class:`BackendTimeout`, "error" raises :class:`BackendError` at once."""
        if mode not in FAIL_MODES:
            raise ValueError(f"fail mode {mode!r}; expected one of {', '.join(sorted(FAIL_MODES))}")
        with self._lock:
            self._mode = mode

    @property
    def latency_s(self) -> float:
        return self._latency_s

    @latency_s.setter
    def latency_s(self, value: float) -> None:
        if value < 0:
            raise ValueError("latency_s is a duration: not negative")
        self._latency_s = value

    # -- Backend -----------------------------------------------------------------------------

    def hall(self) -> HallInfo:
        return self._call(lambda: self._hall)

    def items(self) -> list[ServiceItem]:
        return self._call(lambda: list(self._items))

    def item(self, code: str) -> ServiceItem:
        return self._call(lambda: self._by_code_or_not_found(code))

    def case(self, case_no: str) -> Case:
        def answer() -> Case:
            found = self._cases().get(case_no.strip())
            if found is None:
                raise NotFound(f"demo back end: no case {case_no!r}",
                               reason="未查询到该办件，请核对办件编号后重试，或咨询人工窗口")
            return found
        return self._call(answer)

    def cases_of(self, id_number: str) -> list[Case]:
        def answer() -> list[Case]:
            wanted = id_number.strip().upper()
            mine = [c for c in self._cases().values() if c.applicant_id.upper() == wanted]
            return sorted(mine, key=lambda c: (c.steps[0].time, c.case_no), reverse=True)
        return self._call(answer)

    # -- photos (kiosk.backend.photo) ----------------------------------------------------------

    def attach_photo(self, case_no: str, upload: PhotoUpload) -> PhotoReceipt:
        def answer() -> PhotoReceipt:
            case = self._cases().get(case_no.strip())
            if case is None:
                raise NotFound(f"demo back end: no case {case_no!r}",
                               reason="未查询到该办件，请核对办件编号后重试，或咨询人工窗口")
            if case.status not in OPEN_STATUSES:
                raise BackendError(f"demo back end: case {case_no} is {case.status.value}: no photo taken",
                                   reason="该办件已办结，不需要补交照片")
            with self._lock:
                self.photos[case.case_no] = upload  # a repeat (same photo_id) stores the same
            return PhotoReceipt(case_no=case.case_no, photo_id=upload.photo_id)
        return self._call(answer)

    # -- certificates (kiosk.backend.certificates) ---------------------------------------------

    def certificate_kinds(self) -> list[CertificateKind]:
        return self._call(lambda: list(self._certificates.kinds.values()))

    def certificate(self, kind: str, id_number: str) -> Certificate:
        return self._call(lambda: self._certificates.issue(kind, id_number))

    @property
    def certificates_issued(self) -> dict[str, str]:
        """Verification code → serial of every certificate issued (the platform's record)."""
        return dict(self._certificates.issued)

    # -- materials (kiosk.backend.materials) ---------------------------------------------------

    def attach_materials(self, case_no: str, upload: MaterialsUpload) -> MaterialsReceipt:
        def answer() -> MaterialsReceipt:
            case = self._cases().get(case_no.strip())
            if case is None:
                raise NotFound(f"demo back end: no case {case_no!r}",
                               reason="未查询到该办件，请核对办件编号后重试，或咨询人工窗口")
            if case.status not in OPEN_STATUSES:
                raise BackendError(f"demo back end: case {case_no} is {case.status.value}: no materials taken",
                                   reason="该办件已办结，不需要提交材料")
            with self._lock:  # a repeat (same submission_id) stores nothing new
                self.materials.setdefault(case.case_no, {}).setdefault(upload.submission_id, upload)
            return MaterialsReceipt(case_no=case.case_no, submission_id=upload.submission_id, pages=upload.pages)
        return self._call(answer)

    # -- appointments (kiosk.backend.appointments) --------------------------------------------

    def book(self, request: BookingRequest) -> Booking:
        return self._call(lambda: self.appointments.book(request))

    def bookings_of(self, id_number: str) -> list[Booking]:
        return self._call(lambda: self.appointments.bookings_of(id_number))

    def cancel_booking(self, booking_no: str, id_number: str) -> Booking:
        return self._call(lambda: self.appointments.cancel(booking_no, id_number))

    def _by_code_or_not_found(self, code: str) -> ServiceItem:
        found = self._by_code.get(code.strip())
        if found is None:
            raise NotFound(f"demo back end: no service item {code!r}",
                           reason="未找到该事项的办事指南，请返回事项目录重新选择，或咨询人工窗口")
        return found

    # -- inside ------------------------------------------------------------------------------

    def _call(self, answer: Callable[[], T]) -> T:
        with self._lock:
            mode = self._mode
        if mode == "timeout":
            time.sleep(self._timeout_s)
            raise BackendTimeout(f"demo back end: no answer within {self._timeout_s:g} s (fail mode)")
        if mode == "error":
            raise BackendError("demo back end: failing on purpose (fail mode)")
        if self._latency_s > 0:
            time.sleep(self._latency_s)
        return answer()

    def _cases(self) -> dict[str, Case]:
        """The cases with their dates for today, built once a day."""
        today = self._today or date.today()
        with self._lock:
            if self._cases_for is None or self._cases_for[0] != today:
                self._cases_for = (today, self._build_cases(today))
            return self._cases_for[1]

    def _build_cases(self, today: date) -> dict[str, Case]:
        days: dict[int, date] = {}

        def day(n: int) -> date:
            if n not in days:
                days[n] = working_days_before(today, n)
            return days[n]

        out: dict[str, Case] = {}
        f = self._cases_file
        for c in f.case:
            item = self._by_code[c.item_code]
            name, number = self._people[c.applicant]
            out[c.case_no] = Case(
                case_no=c.case_no, item_code=c.item_code,
                matter=c.matter or (f"{item.name}（{item.subitem}）" if item.subitem else item.name),
                applicant_name=name, applicant_id=number, status=c.status,
                accepted_on=None if c.accepted_workdays_ago is None else day(c.accepted_workdays_ago),
                steps=[CaseStep(time=datetime.combine(day(s.workdays_ago), datetime.strptime(s.at, "%H:%M").time()),
                                step=s.step, result=s.result, by=s.by) for s in c.steps],
                missing=list(c.missing), refusal=c.refusal, pickup=c.pickup,
                progress_url=c.progress_url or f.progress_url.replace("{case_no}", c.case_no))
        return out
