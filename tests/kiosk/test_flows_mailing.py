"""The mailing flow without Qt (kiosk/flows_mailing.py) through SyncJobs, against the demo back end,
a printer that renders the real slip and a hall-copy sender that may refuse."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from drivers.idcard.synthetic import CARDS
from ground.clock import FakeClock
from kiosk.availability import Availability
from kiosk.backend.demo import DemoBackend
from kiosk.flows import ServiceDone
from kiosk.flows_feedback import NotAccepted, ServiceRequest
from kiosk.flows_mailing import MailingFlow
from kiosk.session import EndReason, Session
from tests.kiosk.test_flows import FakePrinter, SyncJobs

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 10, 30)
APPROVED = "1506020500000213"  # resident's, result ready
IN_REVIEW = "1506020800001156"  # resident's, in review
COLLECTED = "1506020300004471"  # resident's, collected
OTHERS = "1506021000000562"  # resident_long_term's
STREET = "新迁路8号3单元401"
PHONE = "13912345678"


class Sender:
    def __init__(self) -> None:
        self.requests: list[ServiceRequest] = []
        self.refuse = ""

    def send_request(self, req: ServiceRequest) -> None:
        if self.refuse:
            raise NotAccepted(self.refuse)
        self.requests.append(req)


class Rig:
    def __init__(self, card: str | None = "resident") -> None:
        self.demo = DemoBackend(today=TODAY)
        self.printer = FakePrinter()
        self.jobs = SyncJobs(self.demo, {"printer": self.printer})
        self.session = Session(clock=FakeClock())
        self.session.touch()
        if card:
            self.session.keep("card", CARDS[card])
        self.sender = Sender()
        self.done: list[ServiceDone] = []
        self.flow = MailingFlow(self.jobs, Availability(configured=frozenset({"idcard", "printer"})),
                                self.demo.hall, self.session, lambda: self.sender, now=lambda: NOW)
        self.flow.on_service_done = self.done.append
        self.session.on_wipe(self.flow.reset)

    def to_confirm(self, case_no: str = APPROVED) -> MailingFlow:
        f = self.flow
        f.open(case_no)
        assert f.state == "region", f.error
        f.choose_district("150602")
        f.next()
        f.set_street(STREET)
        f.next()
        f.next()  # the recipient: the card holder's name by default
        for k in PHONE:
            f.key(k)
        f.next()
        assert f.state == "confirm", f.error
        return f


@pytest.fixture
def rig() -> Rig:
    return Rig()


def test_a_mailing_from_the_case_reaches_the_back_end_and_the_hall_and_prints_its_slip(rig: Rig) -> None:
    f = rig.to_confirm()
    v = f.view()
    name = CARDS["resident"].name
    assert (v["region"], v["street"], v["recipient"], v["phone"]) == (
        "内蒙古自治区鄂尔多斯市东胜区", STREET, name, PHONE)
    f.submit()
    assert f.state == "done" and f.view()["requestNo"] == "YJ202612030001"
    kept = rig.demo.mailings[next(iter(rig.demo.mailings))]
    assert (kept.case_no, kept.request.street, kept.request.phone, kept.request.id_number) == (
        APPROVED, STREET, PHONE, CARDS["resident"].number)
    [copy] = rig.sender.requests
    assert (copy.service, copy.ref, copy.case_no) == ("mailing", "YJ202612030001", APPROVED)
    assert dict(copy.personal) == {"recipient": name, "phone": PHONE, "region": "内蒙古自治区鄂尔多斯市东胜区",
                                   "street": STREET}
    assert copy.name_masked == name[0] + "*" * (len(name) - 1)
    slip = rig.printer.flat
    assert "YJ202612030001" in slip and APPROVED in slip and "免费邮寄" in slip and "139****5678" in slip
    assert "新迁路8****" in slip and STREET not in slip and PHONE not in slip and name not in slip
    case = rig.demo.case(APPROVED)  # the slip printed: the rating of the service offered
    assert rig.done == [ServiceDone(case.item_code, case.matter, APPROVED, slip_printed=True)]
    v = f.view()  # after the confirm step the address is masked on screen too
    assert v["street"] == "新迁路8****" and v["phone"] == "139****5678" and PHONE not in str(v)


def test_without_a_card_the_flow_waits_for_it(rig: Rig) -> None:
    r = Rig(card=None)
    r.flow.open(APPROVED)
    assert r.flow.state == "card"
    r.session.keep("card", CARDS["resident"])
    r.flow.card_read()
    assert r.flow.state == "region" and r.flow.case is not None and r.flow.case.case_no == APPROVED


def test_someone_elses_case_or_one_not_mailable_is_refused(rig: Rig) -> None:
    rig.flow.open(OTHERS)
    assert (rig.flow.state, rig.flow.error, rig.flow.view()["case"]) == ("error", "not_yours", {})
    rig.flow.open(COLLECTED)
    assert (rig.flow.state, rig.flow.error) == ("error", "case_not_mailable")
    assert rig.demo.mailings == {}


def test_from_home_the_card_holders_mailable_cases_to_choose(rig: Rig) -> None:
    f = rig.flow
    f.open()
    assert f.state == "cases"
    numbers = [c["caseNo"] for c in f.view()["cases"]]
    assert APPROVED in numbers and IN_REVIEW in numbers and COLLECTED not in numbers
    f.choose(IN_REVIEW)
    assert f.state == "region" and f.case is not None and f.case.case_no == IN_REVIEW


def test_the_region_picker_nests_and_defaults_to_the_halls_city(rig: Rig) -> None:
    f = rig.flow
    f.open(APPROVED)
    v = f.view()
    assert v["provinces"][0]["name"] == "内蒙古自治区" and (v["province"], v["city"]) == ("15", "1506")
    assert "东胜区" in [d["name"] for d in v["districts"]]
    f.next()
    assert (f.state, f.error) == ("region", "region_missing")
    f.choose_district("110101")  # not a district of 鄂尔多斯市: ignored
    assert f.district == ""
    f.choose_province("11")  # a municipality: its one city level chosen for the citizen
    assert f.city == "1101" and "东城区" in [d["name"] for d in f.view()["districts"]]
    f.choose_district("110101")
    assert f.region_text() == "北京市东城区"
    f.choose_province("44")
    assert (f.city, f.district) == ("", "") and f.view()["districts"] == []


@pytest.mark.parametrize(("step", "value", "error"), [
    ("street", "", "street_missing"), ("street", "路" * 101, "street_too_long"),
    ("recipient", " ", "recipient_missing"), ("phone", "1391234", "phone_mobile_invalid"),
    ("phone", "4821234", "phone_needs_area_code"),
])
def test_each_step_says_what_is_wrong(rig: Rig, step: str, value: str, error: str) -> None:
    f = rig.to_confirm()
    f.edit(step)
    if step == "street":
        f.set_street(value)
    elif step == "recipient":
        f.set_recipient(value)
    else:
        f.key("clear")
        for k in value:
            f.key(k)
    f.next()
    assert (f.state, f.error) == (step, error)


def test_a_hall_copy_not_taken_is_withdrawn_at_the_back_end(rig: Rig) -> None:
    f = rig.to_confirm()
    rig.sender.refuse = "agent_unavailable"
    f.submit()
    assert (f.state, f.error) == ("failed", "hall_copy_failed")
    [kept] = rig.demo.mailings.values()
    assert kept.withdrawn and rig.printer.rendered == [] and rig.done == []
    rig.sender.refuse = ""
    f.submit()  # again: a new request, this one taken
    assert f.state == "done" and len(rig.demo.mailings) == 2 and len(rig.sender.requests) == 1
    assert rig.sender.requests[0].ref == f.view()["requestNo"] == "YJ202612030002"


def test_a_withdrawal_that_fails_sends_the_citizen_to_the_window(rig: Rig) -> None:
    f = rig.to_confirm()
    rig.sender.refuse = "feedback_refused"
    rig.demo.withdraw_mailing = lambda *_a: (_ for _ in ()).throw(RuntimeError("down"))  # type: ignore[method-assign]
    f.submit()
    assert (f.state, f.error, f.view()["requestNo"]) == ("failed", "withdraw_failed", "YJ202612030001")
    f.submit()
    assert len(rig.demo.mailings) == 1  # no second request from here


def test_a_back_end_that_fails_keeps_the_answers_and_retries_with_the_same_key(rig: Rig) -> None:
    f = rig.to_confirm()
    rig.demo.fail("error")
    f.submit()
    assert (f.state, f.error) == ("failed", "backend_error") and rig.sender.requests == []
    key = f._request_id
    rig.demo.fail("none")
    f.submit()
    assert f.state == "done" and list(rig.demo.mailings) == [key]


def test_the_session_end_wipes_everything(rig: Rig) -> None:
    f = rig.to_confirm()
    f.submit()
    rig.session.end(EndReason("ended"))
    v = f.view()
    assert f.state == "idle" and (f.street, f.recipient, f.phone, f.case, f.receipt) == ("", "", "", None, None)
    assert STREET not in str(v) and PHONE not in str(v) and rig.session.get("mailing_street") is None
