"""The rating after each service (好差评) and the complaint window (办不成事 / 蜗牛办事). No Qt here.

Like :mod:`kiosk.flows`: state machines with an ``error`` code the screens turn into words, every
slow call handed to :class:`~kiosk.flows.Jobs`, and :meth:`reset` (run at the session's end)
forgetting what the citizen gave.

Delivery goes through a :class:`FeedbackSender` — on a terminal the agent's local channel
(:class:`terminal.client.AgentClient`), which puts the record in the agent's durable spool and
answers when it is stored. The flows say "已提交" only after that answer; a sender that refuses or
does not answer leaves the citizen's input in place (to try again) and the screen says where to
go instead: the staffed window or the complaint line.

Rating (国办发〔2019〕51号, GB/T 39734-2020): five levels, optional tags, voluntary, one rating
per service in a session (一次一评, :attr:`ServiceDone.key`); no identity of the rater is sent.

Complaint (seed 000): category, the matter (common matters to tap, and free text from the
Pinyin keyboard), a call-back phone (a mainland mobile, or a landline with its area code), the
case if any. The agent's answer names the work order; the slip carries it and the promised
answer time (1 working day; the hall computes the due time on China's official calendar).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from drivers.idcard.card import id_number_valid
from ground.logs import mask_phone
from ground.workdays import CalendarUnknown
from kiosk.availability import Availability
from kiosk.backend.model import HallInfo
from kiosk.flows import CASE_NO, Flow, Jobs, Outcome, ServiceDone, _Printing
from kiosk.session import Session
from wire.feedback import Service, answer_due, new_id

log = logging.getLogger("zizhu.kiosk.feedback")

# The five levels, best first (codes on the wire and in QML; words in kiosk/qml/Zizhu/FeedbackTexts.qml).
LEVELS: dict[str, str] = {
    "very_satisfied": "非常满意", "satisfied": "满意", "basic": "基本满意",
    "dissatisfied": "不满意", "very_dissatisfied": "非常不满意",
}
BAD_LEVELS = frozenset({"dissatisfied", "very_dissatisfied"})  # 差评: the hall opens a rectification
TAGS: dict[str, str] = {
    "efficiency": "效率", "attitude": "态度", "guide_accurate": "办事指南准确", "convenience": "操作便利",
}
CATEGORIES: dict[str, str] = {
    "cannot_do": "办不成事", "slow": "蜗牛办事", "complaint": "投诉", "suggestion": "建议", "other": "其他",
}
# Common matters a citizen taps instead of typing; sent to the hall in Chinese, whatever the screen's language.
MATTERS: dict[str, str] = {
    "repeat_correction": "材料反复补正，多次跑腿",
    "long_wait": "排队等候时间过长",
    "overdue": "超过承诺时限仍未办结",
    "attitude": "工作人员服务态度差",
    "online_onsite": "网上可办却要求到现场",
    "terminal_broken": "自助终端无法正常使用",
    "guide_wrong": "办事指南与实际要求不一致",
}
MATTER_MAX = 300  # characters of free text
ANSWER_RULE = "1个工作日内答复"  # seed 000: answered within 1 working day (the hall computes the due time)

_MOBILE = re.compile(r"1[3-9][0-9]{9}\Z")
# Area codes: 010 and 020–029 with 8-digit local numbers; 03xx–09xx with 7 or 8 digits. Local
# numbers do not begin with 0 or 1.
_LANDLINE = re.compile(r"(?:0(?:10|2[0-9])[2-9][0-9]{7}|0[3-9][0-9]{2}[2-9][0-9]{6,7})\Z")


def phone_problem(phone: str) -> str:
    """"" for a mainland mobile or landline number with its area code, else the error's code."""
    if not phone:
        return "phone_missing"
    if _MOBILE.match(phone) or _LANDLINE.match(phone):
        return ""
    if phone.startswith("1"):
        return "phone_mobile_invalid"  # 11 digits beginning 13–19
    if phone[0] in "23456789" and len(phone) in (7, 8):
        return "phone_needs_area_code"  # a local landline number without its area code
    return "phone_invalid"


# --------------------------------------------------------------------------------------------
# What travels, and who carries it
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rating:
    """One rating, anonymous: the service, the level, the tags, when. ``id`` makes a retry safe:
    the hall stores each id once."""

    id: str
    item_code: str
    item_name: str
    case_no: str
    level: str  # a key of LEVELS
    tags: tuple[str, ...]  # keys of TAGS
    rated_at: datetime  # terminal-local, with its offset


@dataclass(frozen=True)
class Complaint:
    """One complaint. ``phone`` is the citizen's call-back number: the sender seals it. ``id`` and
    ``filed_at`` make the work order number, and a retry safe (the hall stores each id once)."""

    id: str
    category: str  # a key of CATEGORIES
    matter: str  # Chinese: the common matters chosen and the citizen's own words
    phone: str = field(repr=False)
    case_no: str
    filed_at: datetime  # terminal-local, with its offset

    def __repr__(self) -> str:  # never the phone or the matter in a log line or a traceback
        return (f"Complaint(category={self.category!r}, matter=<{len(self.matter)} chars>, "
                f"phone={mask_phone(self.phone)!r}, case_no={self.case_no!r}, filed_at={self.filed_at:%Y-%m-%dT%H:%M})")


@dataclass(frozen=True)
class ServiceRequest:
    """The hall's copy of a service request made with the back end (``ref``: its number there):
    ``appointment``, ``appointment_cancel`` or ``mailing``. ``personal`` (name, phone, address,
    recipient …) is sealed to the hall's key before it leaves the kiosk; it is wiped with the session."""

    service: Service
    ref: str
    personal: Mapping[str, str]
    made_at: datetime
    id: str = field(default_factory=new_id)
    item_code: str = ""
    item_name: str = ""
    case_no: str = ""
    day: date | None = None
    name_masked: str = ""

    def __repr__(self) -> str:  # never the personal fields, in a log or a traceback
        return f"ServiceRequest({self.service}, {self.ref}, id={self.id})"


class NotAccepted(Exception):
    """The agent did not take the record; ``code`` names why for the screen (FeedbackTexts.qml):
    ``agent_unavailable`` (down, no answer: trying again may work), ``feedback_refused`` (out of
    contract: it will not), ``not_configured`` (no hall key to seal the phone to), a phone code."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


class FeedbackSender(Protocol):
    """Delivers a record to the agent's spool; returns once it is stored there (blocking).

    ``send_complaint`` answers the work order number. Either raises on anything but "stored"
    (:class:`NotAccepted` or any other exception: the flow treats them alike).
    """

    def send_rating(self, rating: Rating) -> None: ...

    def send_complaint(self, complaint: Complaint) -> str: ...

    def send_request(self, req: ServiceRequest) -> None: ...


def _send_error(exc: BaseException | None) -> str:
    if isinstance(exc, NotAccepted):
        return exc.code
    log.warning("feedback not delivered: %s", type(exc).__name__)  # a timeout of the jobs runner, a bug
    return "agent_unavailable"


def _local(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.astimezone()


# --------------------------------------------------------------------------------------------
# Rating
# --------------------------------------------------------------------------------------------

class RatingFlow(Flow):
    """Offered after each completed service: idle → offered → sending → sent, or error.

    ``already`` when the service offered (or submitted) has been rated in this session: 一次一评,
    refused in words. Skipping is always allowed and sends nothing.
    """

    name = "rating"

    def __init__(self, jobs: Jobs, sender: Callable[[], FeedbackSender | None],
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.jobs, self.sender, self.now = jobs, sender, now
        self.service: ServiceDone | None = None
        self.level = ""
        self.tags: list[str] = []
        self.rated: set[tuple[str, str]] = set()  # this session's services rated
        self._attempt: Rating | None = None  # the last one sent: a retry of the same choice keeps its id
        self.state = "idle"

    def reset(self) -> None:
        self.service, self.level, self.tags = None, "", []
        self.rated = set()
        self._attempt = None
        self._generation += 1
        self._set("idle")

    def offer(self, done: ServiceDone) -> None:
        """A service was completed: offer to rate it (or say it is rated already)."""
        self.service, self.level, self.tags, self._attempt = done, "", [], None
        self._set("already" if done.key in self.rated else "offered")

    def choose_level(self, level: str) -> None:
        if self.state in ("offered", "error") and level in LEVELS:
            self.level = level
            self._set("offered")

    def toggle_tag(self, tag: str) -> None:
        if self.state in ("offered", "error") and tag in TAGS:
            self.tags = [t for t in self.tags if t != tag] if tag in self.tags else [*self.tags, tag]
            self._set(self.state)

    def submit(self) -> None:
        service = self.service
        if service is None or self.state not in ("offered", "error"):
            return
        if service.key in self.rated:
            self._set("already")
            return
        if not self.level:
            self._set("offered", "level_missing")
            return
        sender = self.sender()
        if sender is None:
            self._set("error", "agent_unavailable")
            return
        tags = tuple(t for t in TAGS if t in self.tags)
        last = self._attempt
        if last is not None and (last.level, last.tags) == (self.level, tags):
            rating = last  # the same rating again, after no answer: the hall keeps one
        else:
            rating = Rating(new_id(), service.item_code, service.item_name, service.case_no, self.level, tags,
                            _local(self.now()))
        self._attempt = rating
        self._set("sending")
        self.jobs.backend(lambda _b: sender.send_rating(rating), self._current(self._sent))

    def _sent(self, out: Outcome[None]) -> None:
        if out.error is not None:
            self._set("error", _send_error(out.error))  # the choice stays: the citizen may try again
            return
        assert self.service is not None
        self.rated.add(self.service.key)
        log.info("rating of %s delivered to the agent", self.service.item_code)
        self._set("sent")

    def skip(self) -> None:
        self.service, self.level, self.tags, self._attempt = None, "", [], None
        self._set("idle")

    def view(self) -> dict[str, Any]:
        s = self.service
        return {"state": self.state, "error": self.error, "level": self.level, "tags": list(self.tags),
                "levels": list(LEVELS), "tagCodes": list(TAGS),
                "service": {"itemCode": s.item_code, "itemName": s.item_name, "caseNo": s.case_no,
                            "slipPrinted": s.slip_printed} if s else {}}


# --------------------------------------------------------------------------------------------
# Complaint
# --------------------------------------------------------------------------------------------

STEPS = ("category", "matter", "phone", "case", "confirm")


class ComplaintFlow(_Printing):
    """The complaint window, one step at a time: category → matter → phone → case → confirm →
    sending → accepted (the work order number, the slip printed) or failed (kept: try again).

    Errors on a step: ``matter_missing``, ``matter_too_long``, the codes of :func:`phone_problem`,
    ``case_no_invalid``, ``case_no_is_id``; ``agent_unavailable`` when the agent did not take it.
    """

    name = "complaint"

    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo], session: Session,
                 sender: Callable[[], FeedbackSender | None], *, now: Callable[[], datetime] = datetime.now,
                 known_cases: Callable[[], list[tuple[str, str]]] = lambda: []) -> None:
        super().__init__(jobs, availability, hall)
        self.session, self.sender, self.now = session, sender, now
        self.known_cases = known_cases  # (case_no, matter) the citizen looked up in this session
        self._forget()
        self.state = "category"

    def _forget(self) -> None:
        self.category = ""
        self.matters: list[str] = []
        self.text = ""
        self.phone = ""
        self.case_no = ""
        self.order_no = ""
        self.filed_at: datetime | None = None
        self._attempt: Complaint | None = None

    def reset(self) -> None:
        self._forget()
        self._clear_print()
        self._generation += 1
        self._set("category")

    def open(self) -> None:
        self.reset()

    # -- the steps -------------------------------------------------------------------------
    def choose_category(self, code: str) -> None:
        if self.state == "category" and code in CATEGORIES:
            self.category = code
            self._set("matter")

    def toggle_matter(self, code: str) -> None:
        if self.state == "matter" and code in MATTERS:
            self.matters = [m for m in self.matters if m != code] if code in self.matters else [*self.matters, code]
            self._set("matter")

    def set_text(self, text: str) -> None:
        """The citizen's own words, as the keyboard leaves them (each change)."""
        if self.state == "matter":
            self.text = text
            self.session.keep("complaint_text", text)
            if self.error in ("matter_missing", "matter_too_long"):
                self._set("matter")

    def key(self, k: str) -> None:
        """The numeric pad, on the phone or the case step."""
        if self.state not in ("phone", "case"):
            return
        value, limit = (self.phone, 12) if self.state == "phone" else (self.case_no, 24)
        if k == "back":
            value = value[:-1]
        elif k == "clear":
            value = ""
        elif k.isdigit() and k.isascii() and len(k) == 1 and len(value) < limit:
            value += k
        if self.state == "phone":
            self.phone = value
            self.session.keep("complaint_phone", value)
        else:
            self.case_no = value
        self._set(self.state)

    def use_case(self, case_no: str) -> None:
        if self.state == "case" and any(no == case_no for no, _ in self.known_cases()):
            self.case_no = case_no
            self._set("confirm")

    def next(self) -> None:
        """Check this step; on to the next when it is right, else the error on this step."""
        st = self.state
        if st == "matter":
            if not self.matters and not self.text.strip():
                self._set("matter", "matter_missing")
            elif len(self.text.strip()) > MATTER_MAX:
                self._set("matter", "matter_too_long")
            else:
                self._set("phone")
        elif st == "phone":
            why = phone_problem(self.phone)
            if why:
                self._set("phone", why)
            else:
                self._set("case")
        elif st == "case":
            no = self.case_no
            if no and not CASE_NO.match(no):
                self._set("case", "case_no_invalid")
            elif no and len(no) == 18 and id_number_valid(no):
                self.case_no = ""  # an ID number is not a case number: not sent, not kept
                self._set("case", "case_no_is_id")
            else:
                self._set("confirm")

    def skip_case(self) -> None:
        if self.state == "case":
            self.case_no = ""
            self._set("confirm")

    def back(self) -> None:
        if self.state in STEPS[1:]:
            self._set(STEPS[STEPS.index(self.state) - 1])
        elif self.state == "failed":
            self._set("case")

    def edit(self, step: str) -> None:
        """From the confirmation, change one answer."""
        if self.state in ("confirm", "failed") and step in STEPS[:-1]:
            self._set(step)

    def matter(self) -> str:
        parts = [MATTERS[m] for m in MATTERS if m in self.matters]
        if self.text.strip():
            parts.append(self.text.strip())
        return "；".join(parts)

    # -- sending ---------------------------------------------------------------------------
    def submit(self) -> None:
        if self.state not in ("confirm", "failed"):
            return
        if not self.category or not self.matter() or phone_problem(self.phone):
            self._set("category" if not self.category else "matter" if not self.matter() else "phone")
            return
        sender = self.sender()
        if sender is None:
            self._set("failed", "agent_unavailable")
            return
        last = self._attempt
        if last is not None and (last.category, last.matter, last.phone, last.case_no) == (
                self.category, self.matter(), self.phone, self.case_no):
            complaint = last  # the same complaint again, after no answer: one work order at the hall
        else:
            complaint = Complaint(new_id(), self.category, self.matter(), self.phone, self.case_no, _local(self.now()))
        self._attempt = complaint
        self._set("sending")
        self.jobs.backend(lambda _b: sender.send_complaint(complaint), self._current(self._sent))

    def _sent(self, out: Outcome[str]) -> None:
        if out.error is not None or not out.value:
            self._set("failed", _send_error(out.error))  # everything stays for another try
            return
        assert self._attempt is not None
        self.order_no = out.value
        self.filed_at = self._attempt.filed_at
        log.info("complaint %s (%s, phone %s) delivered to the agent", self.order_no, self.category,
                 mask_phone(self.phone))
        self._set("accepted")
        self.print_slip()

    def print_slip(self) -> None:
        if self.state != "accepted" or self.filed_at is None:
            return
        hall = self.hall()
        due = self.answer_due()
        data = {
            "hall_name": hall.name, "order_no": self.order_no, "category": CATEGORIES[self.category],
            "phone": mask_phone(self.phone), "case_no": self.case_no, "filed_at": f"{self.filed_at:%Y-%m-%d %H:%M}",
            "answer_rule": ANSWER_RULE, "answer_due": due,
            "complaint_phone": hall.complaint_phone or hall.hotline,
        }
        self._print("complaint", data)

    def answer_due(self) -> str:
        """``YYYY-MM-DD``: the end of the first working day after filing; "" when the year's
        official calendar is not published yet (the slip and screen then give the rule only)."""
        if self.filed_at is None:
            return ""
        try:
            return f"{answer_due(self.filed_at):%Y-%m-%d}"
        except CalendarUnknown:
            return ""

    def view(self) -> dict[str, Any]:
        out = super().view()
        out.update({
            "answerDue": self.answer_due(),
            "category": self.category, "categories": list(CATEGORIES), "matters": list(self.matters),
            "matterCodes": list(MATTERS), "text": self.text, "phone": self.phone, "caseNo": self.case_no,
            "knownCases": [{"caseNo": no, "matter": m} for no, m in self.known_cases()],
            "orderNo": self.order_no, "step": STEPS.index(self.state) + 1 if self.state in STEPS else 0,
            "steps": len(STEPS),
        })
        return out
