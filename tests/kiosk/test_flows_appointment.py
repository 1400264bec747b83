"""延时服务预约 without Qt (kiosk/flows_appointment.py) over the demo platform: book with the card, a
Saturday (holidays refused in words), the phone, the hall's copy and the slip; nothing half-done
when the hall's copy is not taken; cancel up to the day before; the wipe forgets it all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from drivers.idcard.synthetic import CARDS
from ground.logs import mask_name
from kiosk.availability import Availability
from kiosk.backend.demo import DemoBackend
from kiosk.flows import ServiceDone
from kiosk.flows_appointment import AppointmentFlow
from kiosk.flows_feedback import NotAccepted, ServiceRequest
from kiosk.session import EndReason, Session
from tests.kiosk.test_flows import FakeClock, FakePrinter, SyncJobs, printer_status
from wire.status import DeviceState, IdCardReaderStatus

MONDAY = datetime(2026, 9, 21, 10, 0)  # 26 Sep 中秋节, 3 Oct 国庆节, 10 Oct 调休, 17 Oct open
ITEM = "150602-YB-0001"
CARD = CARDS["resident"]
PHONE = "13912345678"


class Sender:
    def __init__(self) -> None:
        self.requests: list[ServiceRequest] = []
        self.down = False

    def send_request(self, req: ServiceRequest) -> None:
        if self.down:
            raise NotAccepted("agent_unavailable")
        self.requests.append(req)


class World:
    def __init__(self) -> None:
        self.backend = DemoBackend(today=MONDAY.date())
        self.now = MONDAY
        self.backend.appointments.now = lambda: self.now
        self.printer = FakePrinter()
        self.jobs = SyncJobs(self.backend, devices={"printer": self.printer})
        self.avail = Availability(configured=frozenset({"idcard", "printer"}))
        self.avail.update([printer_status(), IdCardReaderStatus(name="idcard", state=DeviceState.ONLINE)])
        self.session = Session(clock=FakeClock())
        self.session.touch()
        self.sender = Sender()
        self.done: list[ServiceDone] = []
        self.asked_card = 0
        self.flow = AppointmentFlow(self.jobs, self.avail, self.backend.hall, self.session, lambda: self.sender,
                                    now=lambda: self.now)
        self.flow.on_service_done = self.done.append
        self.flow.need_card = self._ask

    def _ask(self) -> None:
        self.asked_card += 1

    def place_card(self) -> None:
        self.session.keep("card", CARD)
        self.flow.card_read(CARD)

    def to_confirm(self) -> AppointmentFlow:
        f = self.flow
        f.open()
        f.start_booking()
        assert f.state == "card" and self.asked_card == 1
        self.place_card()
        assert f.state == "items"
        f.choose_item(ITEM)
        assert f.state == "day"
        for k in PHONE:
            f.key(k)
        assert f.phone == ""  # the pad is only on the phone step
        f.choose_day("2026-10-17")
        for k in PHONE:
            f.key(k)
        f.next()
        assert f.state == "confirm"
        return f


@pytest.fixture
def w() -> World:
    return World()


def test_book_from_the_card_to_the_slip_and_the_rating(w: World) -> None:
    f = w.to_confirm()
    v = f.view()
    assert v["name"] == mask_name(CARD.name) and v["phoneMasked"] == "139****5678" and v["day"] == "2026-10-17"
    f.submit()
    assert f.state == "booked" and f.print_state == "printed"
    no = f.booking.booking_no if f.booking else ""
    assert w.backend.bookings_of(CARD.number)[0].booking_no == no
    [copy] = w.sender.requests
    assert (copy.service, copy.ref, copy.day, copy.item_code) == ("appointment", no, date(2026, 10, 17), ITEM)
    assert dict(copy.personal) == {"name": CARD.name, "phone": PHONE} and copy.name_masked == mask_name(CARD.name)
    slip = w.printer.flat
    assert no in slip and "2026-10-17（星期六）09:00—12:00" in slip and "请携带以下材料" in slip
    item = w.backend.item(ITEM)
    assert all(m.name in slip for m in item.materials)
    assert "30分钟" in slip and "1小时" in slip and "139****5678" in slip
    assert CARD.name not in slip and PHONE not in slip and mask_name(CARD.name) in slip
    assert w.done == []  # the number stays on screen: the rating comes when the citizen leaves it
    f.finish()
    f.finish()
    assert [d.item_code for d in w.done] == [ITEM] and w.done[0].slip_printed  # once


def test_holidays_and_the_adjusted_working_saturday_are_shown_and_refused_in_words(w: World) -> None:
    f = w.flow
    w.place_card()
    f.start_booking()
    f.choose_item(ITEM)
    shown = [(s["day"], s["status"]) for s in f.view()["saturdays"]]
    assert shown == [("2026-09-26", "holiday"), ("2026-10-03", "holiday"), ("2026-10-10", "workday"),
                     ("2026-10-17", "open")]
    assert f.view()["saturdays"][1]["reason"] == "国庆节法定节假日，不提供延时服务"
    f.choose_day("2026-10-03")
    assert (f.state, f.error, f.day) == ("day", "day_holiday", None)
    f.choose_day("2026-10-10")
    assert f.error == "day_workday"


def test_a_bad_phone_stays_on_its_step(w: World) -> None:
    f = w.flow
    w.place_card()
    f.start_booking()
    f.choose_item(ITEM)
    f.choose_day("2026-10-17")
    for k in "1391234":
        f.key(k)
    f.next()
    assert (f.state, f.error) == ("phone", "phone_mobile_invalid")


def test_the_hall_not_reached_undoes_the_booking(w: World) -> None:
    f = w.to_confirm()
    w.sender.down = True
    f.submit()
    assert (f.state, f.error) == ("failed", "hall_not_reached")
    assert w.backend.bookings_of(CARD.number) == []  # cancelled again at the platform
    assert w.printer.rendered == [] and w.done == []


def test_a_refusal_of_the_platform_is_said(w: World) -> None:
    f = w.to_confirm()
    w.now = datetime(2026, 10, 16, 12, 30)  # the citizen took until Friday noon: closed meanwhile
    f.submit()
    assert (f.state, f.error) == ("failed", "refused_closed")
    assert w.sender.requests == []


def test_cancel_up_to_the_day_before_and_the_hall_copy(w: World) -> None:
    f = w.to_confirm()
    f.submit()
    no = f.booking.booking_no if f.booking else ""
    f.open()
    f.show_mine()  # the card is still the session's
    assert f.state == "mine" and [b["no"] for b in f.view()["bookings"]] == [no]
    f.choose(no)
    assert f.state == "cancel_confirm"
    w.sender.down = True
    f.cancel()
    assert (f.state, f.error) == ("cancel_unsent", "agent_unavailable")  # cancelled; the hall's copy again
    w.sender.down = False
    f.resend()
    assert f.state == "cancelled"
    assert [(r.service, r.ref) for r in w.sender.requests] == [("appointment", no), ("appointment_cancel", no)]
    assert w.backend.bookings_of(CARD.number) == []


def test_on_the_day_itself_cancelling_is_refused(w: World) -> None:
    f = w.to_confirm()
    f.submit()
    no = f.booking.booking_no if f.booking else ""
    w.now = datetime(2026, 10, 17, 8, 0)
    f.open()
    f.show_mine()
    f.choose(no)
    assert (f.state, f.error) == ("mine", "too_late")
    assert w.backend.bookings_of(CARD.number)[0].state == "booked"


def test_the_wipe_forgets_the_citizen(w: World) -> None:
    f = w.to_confirm()
    f.submit()
    w.session.on_wipe(f.reset)
    w.session.end(EndReason("ended"))
    text = repr(f.view()) + repr(vars(f))
    assert PHONE not in text and CARD.number not in text and CARD.name not in text
    assert f.state == "menu" and f.booking is None and f.phone == ""
