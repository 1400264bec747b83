"""The rating and complaint flows without Qt (kiosk/flows_feedback.py) and their agent sender
(kiosk/feedback_agent.py) over a stand-in for AgentClient."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from drivers.idcard.synthetic import make_number
from drivers.printer.slips import render
from kiosk.availability import Availability
from kiosk.backend.model import HallInfo
from kiosk.feedback_agent import LEVEL_NUMBERS, AgentFeedback
from kiosk.flows import Outcome, ServiceDone
from kiosk.flows_feedback import (
    BAD_LEVELS,
    LEVELS,
    Complaint,
    ComplaintFlow,
    NotAccepted,
    Rating,
    RatingFlow,
    phone_problem,
)
from kiosk.session import EndReason, Session
from terminal.client import AgentUnavailable, FeedbackRefused
from wire.feedback import LEVELS as WIRE_LEVELS
from wire.feedback import PhoneError, check_phone, make_keypair

NOW = datetime(2026, 12, 3, 10, 30)


class Jobs:
    """Runs each job at once, as the tests of kiosk/flows.py do; ``device`` prints succeed."""

    def __init__(self) -> None:
        self.printed: list[tuple[str, dict[str, Any]]] = []

    def device(self, kind: str, fn: Callable[[Any], Any], done: Callable[[Outcome[Any]], None]) -> None:
        jobs = self

        class Printer:
            def print_slip(self, template: str, data: dict[str, Any], timeout: float) -> Any:
                jobs.printed.append((template, data))
                return type("Job", (), {"ok": True, "error": None})()

        done(Outcome(value=fn(Printer())))

    def backend(self, fn: Callable[[Any], Any], done: Callable[[Outcome[Any]], None]) -> None:
        try:
            done(Outcome(value=fn(None)))
        except Exception as exc:
            done(Outcome(error=exc))


class Sender:
    def __init__(self) -> None:
        self.ratings: list[Rating] = []
        self.complaints: list[Complaint] = []
        self.down = False

    def send_rating(self, rating: Rating) -> None:
        if self.down:
            raise NotAccepted("agent_unavailable")
        self.ratings.append(rating)

    def send_complaint(self, complaint: Complaint) -> str:
        if self.down:
            raise NotAccepted("agent_unavailable")
        self.complaints.append(complaint)
        return f"T-{len(self.complaints)}"


@pytest.mark.parametrize(("phone", "problem"), [
    ("13904821234", ""), ("19912345678", ""), ("04828261234", ""), ("01062345678", ""), ("02161234567", ""),
    ("04712345678", ""),  # 0471 and a seven-digit number
    ("0471234567", "phone_invalid"),  # 0471 and six digits
    ("", "phone_missing"), ("1390482123", "phone_mobile_invalid"), ("12904821234", "phone_mobile_invalid"),
    ("139048212345", "phone_mobile_invalid"),
    ("8261234", "phone_needs_area_code"), ("82612345", "phone_needs_area_code"),
    ("0012345678", "phone_invalid"), ("04821261234", "phone_invalid"), ("123", "phone_mobile_invalid"),
    ("0482826", "phone_invalid"),
])
def test_phone_numbers(phone: str, problem: str) -> None:
    assert phone_problem(phone) == problem
    if not problem:  # what the kiosk takes, the agent's check (wire.feedback) takes too: no surprise at send
        assert check_phone(phone) == phone


def test_levels_and_tags_match_the_wire_and_kiosk_md() -> None:
    assert [WIRE_LEVELS[LEVEL_NUMBERS[code]] for code in LEVELS] == list(LEVELS.values())
    assert BAD_LEVELS == {c for c, n in LEVEL_NUMBERS.items() if n <= 2}  # the two lowest are 差评


def rating_flow() -> tuple[RatingFlow, Sender]:
    s = Sender()
    return RatingFlow(Jobs(), lambda: s, now=lambda: NOW), s


def test_one_rating_per_service_in_a_session() -> None:
    flow, sender = rating_flow()
    done = ServiceDone("A1", "事项甲", "20261203000001")
    flow.offer(done)
    assert flow.state == "offered"
    flow.submit()
    assert flow.error == "level_missing" and sender.ratings == []
    flow.choose_level("satisfied")
    flow.toggle_tag("attitude")
    flow.toggle_tag("nonsense")  # not a tag: ignored
    flow.submit()
    assert flow.state == "sent"
    [r] = sender.ratings
    assert (r.item_code, r.case_no, r.level, r.tags) == ("A1", "20261203000001", "satisfied", ("attitude",))
    assert r.rated_at.tzinfo is not None and r.rated_at.replace(tzinfo=None) == NOW
    assert not any(hasattr(r, a) for a in ("name", "id_number", "phone"))  # nothing of the rater
    flow.offer(done)  # the same service again
    assert flow.state == "already"
    flow.submit()
    assert len(sender.ratings) == 1
    flow.offer(ServiceDone("A1", "事项甲", "20261203000002"))  # another case of the same item: a service of its own
    assert flow.state == "offered"
    flow.reset()  # the session ends: its record of what was rated goes with it
    flow.offer(done)
    assert flow.state == "offered"


def test_a_rating_not_taken_keeps_its_id_for_the_retry_and_a_changed_one_gets_a_new_id() -> None:
    flow, sender = rating_flow()
    flow.offer(ServiceDone("A1", "事项甲"))
    flow.choose_level("basic")
    sender.down = True
    flow.submit()
    assert (flow.state, flow.error, flow.level) == ("error", "agent_unavailable", "basic")
    first = flow._attempt
    sender.down = False
    flow.submit()
    assert sender.ratings == [first]  # the same rating, the same id: the hall stores it once
    flow.offer(ServiceDone("B2", "事项乙"))
    flow.choose_level("satisfied")
    sender.down = True
    flow.submit()
    tried = flow._attempt
    flow.choose_level("very_satisfied")  # the citizen changes their mind before retrying
    sender.down = False
    flow.submit()
    assert tried is not None and sender.ratings[-1].id != tried.id and sender.ratings[-1].level == "very_satisfied"


def test_skipping_sends_nothing() -> None:
    flow, sender = rating_flow()
    flow.offer(ServiceDone("A1", "事项甲"))
    flow.choose_level("dissatisfied")
    flow.skip()
    assert flow.state == "idle" and sender.ratings == [] and flow.level == ""


def complaint_flow(session: Session | None = None) -> tuple[ComplaintFlow, Sender, Jobs]:
    s, jobs = Sender(), Jobs()
    hall = HallInfo(name="测试政务服务中心", hotline="0482-8261234", complaint_phone="12345")
    flow = ComplaintFlow(jobs, Availability(configured=frozenset({"printer"})), lambda: hall, session or Session(),
                         lambda: s, now=lambda: NOW, known_cases=lambda: [("20261203000123", "某事项")])
    return flow, s, jobs


def fill(flow: ComplaintFlow, phone: str = "13904821234") -> None:
    flow.choose_category("slow")
    flow.toggle_matter("long_wait")
    flow.set_text("  窗口只开一个  ")
    flow.next()
    for d in phone:
        flow.key(d)
    flow.next()


def test_a_complaint_step_by_step_to_its_slip() -> None:
    flow, sender, jobs = complaint_flow()
    assert flow.state == "category"
    flow.choose_category("nonsense")
    assert flow.state == "category"
    flow.choose_category("slow")
    flow.next()
    assert (flow.state, flow.error) == ("matter", "matter_missing")
    flow.set_text("窗" * 301)
    flow.next()
    assert flow.error == "matter_too_long"
    flow.set_text("")
    fill(flow)
    assert flow.state == "case"
    for d in make_number("150102", date(1990, 3, 7), 123):  # an ID number typed as a case number
        flow.key(d)
    flow.next()
    assert (flow.state, flow.error, flow.case_no) == ("case", "case_no_is_id", "")
    flow.use_case("999")  # not one of the session's cases
    assert flow.state == "case"
    flow.use_case("20261203000123")
    assert flow.state == "confirm"
    flow.submit()
    assert flow.state == "accepted" and flow.order_no == "T-1"
    [c] = sender.complaints
    assert (c.category, c.matter, c.phone, c.case_no) == ("slow", "排队等候时间过长；窗口只开一个", "13904821234",
                                                          "20261203000123")
    assert "13904821234" not in repr(c) and "窗口" not in repr(c)  # a log line of it tells neither
    [(template, data)] = jobs.printed
    assert template == "complaint" and data["phone"] == "139****1234" and data["answer_due"] == "2026-12-04"
    text = render(template, data).text
    assert "工单编号：T-1" in text and "答复期限：2026-12-04前" in text and "相关办件：20261203000123" in text
    assert "窗口只开一个" not in text  # the matter is not on a slip a stranger may pick up


def test_friday_afternoon_is_answered_on_monday_and_an_unpublished_year_prints_the_rule_only() -> None:
    flow, _, jobs = complaint_flow()
    flow.now = lambda: datetime(2026, 12, 4, 16, 0)  # a Friday
    fill(flow)
    flow.skip_case()
    flow.submit()
    assert jobs.printed[-1][1]["answer_due"] == "2026-12-07"
    flow.reset()
    flow.now = lambda: datetime(2031, 6, 2, 9, 0)  # no official calendar for 2031 yet
    fill(flow)
    flow.skip_case()
    flow.submit()
    assert flow.state == "accepted" and jobs.printed[-1][1]["answer_due"] == ""
    assert "答复期限" not in render("complaint", jobs.printed[-1][1]).text


def test_a_complaint_not_taken_stays_to_try_again_with_the_same_id() -> None:
    flow, sender, _ = complaint_flow()
    fill(flow)
    flow.skip_case()
    sender.down = True
    flow.submit()
    assert (flow.state, flow.error, flow.phone) == ("failed", "agent_unavailable", "13904821234")
    first = flow._attempt
    sender.down = False
    flow.submit()
    assert flow.state == "accepted" and sender.complaints == [first]


def test_the_session_end_forgets_the_complaint() -> None:
    session = Session()
    flow, _, _ = complaint_flow(session)
    session.on_wipe(flow.reset)
    fill(flow)
    assert session.get("complaint_phone") == "13904821234"
    session.end(EndReason.TIMEOUT)
    assert (flow.state, flow.phone, flow.text, flow.matters, flow.category) == ("category", "", "", [], "")
    assert session.get("complaint_phone") is None and session.get("complaint_text") is None
    assert "13904821234" not in repr(flow.view())


class FakeClient:
    def __init__(self, error: BaseException | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.error = error

    def rate(self, **kw: Any) -> None:
        self.calls.append(("rate", kw))
        if self.error is not None:
            raise self.error

    def complain(self, **kw: Any) -> None:
        self.calls.append(("complain", kw))
        if self.error is not None:
            raise self.error


def test_the_agent_sender_speaks_the_wire_and_names_each_refusal() -> None:
    public = make_keypair()[1]
    at = datetime(2026, 12, 3, 10, 30).astimezone()
    rating = Rating("0b4f2a5e-9c1d-4e8f-a2b3-c4d5e6f70812", "A1", "事项甲", "", "very_dissatisfied",
                    ("efficiency", "guide_accurate"), at)
    client = FakeClient()
    AgentFeedback(client, "t01", public, timeout_s=2).send_rating(rating)
    [(_, kw)] = client.calls
    assert kw == {"item_code": "A1", "item_name": "事项甲", "level": 1, "tags": ["效率", "办事指南准确"],
                  "case_no": None, "rating_id": rating.id, "rated_at": at, "timeout": 2}
    complaint = Complaint("3f2a9c11-0000-4000-8000-000000000000", "cannot_do", "材料反复补正", "13904821234", "", at)
    client = FakeClient()
    order = AgentFeedback(client, "t01", public).send_complaint(complaint)
    [(_, kw)] = client.calls
    assert kw["category"] == "办不成事" and kw["phone"] == "13904821234" and kw["hall_public_key"] == public
    assert kw["complaint_id"] == complaint.id and kw["filed_at"] == at and kw["case_no"] is None
    assert order == f"T01-{at:%Y%m%d}-3F2A9C"
    for exc, code in ((AgentUnavailable("终端服务暂不可用", "not connected", complaint.id), "agent_unavailable"),
                      (FeedbackRefused("拒收", "out of contract", complaint.id), "feedback_refused"),
                      (PhoneError("请输入联系电话", "empty phone number"), "phone_invalid")):
        with pytest.raises(NotAccepted) as got:
            AgentFeedback(FakeClient(exc), "t01", public).send_complaint(complaint)
        assert got.value.code == code
        assert "13904821234" not in str(got.value)
    with pytest.raises(NotAccepted) as got:
        AgentFeedback(FakeClient(), "t01", None).send_complaint(complaint)  # no hall key in the config
    assert got.value.code == "not_configured"
