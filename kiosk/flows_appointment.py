"""延时服务预约: booking the Saturday extended hours (seed 000, ground/extended_hours.py) and cancelling
a booking, as a state machine. No Qt here.

Like the other flows: a ``state``, an ``error`` code the screen words (AppointmentTexts.qml), every
slow call through :class:`~kiosk.flows.Jobs`, :meth:`reset` forgetting the citizen.

Booking::

    menu ──book──▶ [card] ──▶ items_loading ──▶ items ──item──▶ day ──day──▶ phone ──next──▶ confirm
         ──submit──▶ booking (the platform books) ──▶ sending (the hall's copy, through the agent)
         ──▶ booked (the slip printed; then the rating) | failed

Cancelling (我的预约)::

    menu ──mine──▶ [card] ──▶ mine_loading ──▶ mine ──choose──▶ cancel_confirm ──cancel──▶ cancelling
         ──▶ cancel_sending (the hall's copy) ──▶ cancelled | failed

Nothing half-done: when the hall's copy of a booking is not taken by the agent, the booking is
cancelled in the platform again (``undoing``) and the citizen told it failed (``hall_not_reached``);
should that cancellation fail too, the screen gives the booking number and the hotline
(``undo_failed``). A cancellation the platform made stays made; its hall copy is offered again with
the same id (the hall keeps it once) until the agent takes it.

Personal data: the card (name, ID number) is the session's; the phone lives in this flow; both go
to the platform in the booking's body and to the hall sealed (``ServiceRequest.personal``); the
screens and the slip show them masked; :meth:`reset` drops them with the session.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from drivers.idcard.card import IdCard
from ground.extended_hours import HOURS, Saturday, can_cancel, next_saturdays
from ground.logs import mask_name, mask_phone
from kiosk.availability import Availability
from kiosk.backend.appointments import AppointmentBackend, AppointmentRefused, Booking, BookingRequest
from kiosk.backend.model import BackendError, HallInfo, ServiceItem
from kiosk.flows import Jobs, Outcome, ServiceDone, _Printing, backend_error, slip_materials
from kiosk.flows_feedback import FeedbackSender, ServiceRequest, _local, _send_error, phone_problem
from kiosk.session import Session
from wire.feedback import PhoneError, check_phone

log = logging.getLogger("zizhu.kiosk.appointment")

WEEKS = 4  # Saturdays offered
ARRIVE_BY = "09:30"  # seed 000 五(三): contacted after 30 minutes, given up after one hour
ARRIVE_RULE = "请于预约当日9:00准时到达；超过约定时间30分钟未到，工作人员将与您联系；超过1小时未到视为主动放弃"
CANCEL_RULE = "如需取消，请在预约日前一天（含）通过本终端“我的预约”取消"
BOOK_STEPS = ("items", "day", "phone", "confirm")


def _appointments(backend: Any) -> AppointmentBackend:
    if not hasattr(backend, "book"):
        raise BackendError("this platform takes no appointments at terminals")
    b: AppointmentBackend = backend
    return b


class AppointmentFlow(_Printing):
    name = "appointment"

    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo], session: Session,
                 sender: Callable[[], FeedbackSender | None], *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(jobs, availability, hall)
        self.session, self.sender, self.now = session, sender, now
        self.need_card: Callable[[], None] | None = None  # the wiring starts the card reader
        self.items: list[ServiceItem] = []  # public: the catalogue
        self._forget()
        self.state = "menu"

    def _forget(self) -> None:
        self.item: ServiceItem | None = None
        self.saturdays: list[Saturday] = []
        self.day: date | None = None
        self.phone = ""
        self.booking: Booking | None = None
        self.bookings: list[Booking] = []
        self.chosen: Booking | None = None  # the booking to cancel
        self._want = ""  # what waits for the card: book / mine
        self._request_id = ""  # the platform's idempotency key of this booking
        self.rated = False  # the rating page was offered for this booking
        self._copy: ServiceRequest | None = None  # the hall's copy under way (a retry keeps its id)

    def reset(self) -> None:
        self._forget()
        self._clear_print()
        self._generation += 1
        self._set("menu")

    def open(self) -> None:
        self.reset()

    def _card(self) -> IdCard | None:
        card: IdCard | None = self.session.get("card")
        return card

    # -- the card ------------------------------------------------------------------------------
    def start_booking(self) -> None:
        self._with_card("book")

    def show_mine(self) -> None:
        self._with_card("mine")

    def _with_card(self, want: str) -> None:
        if self.state not in ("menu", "card", "failed", "cancelled", "mine"):
            return
        self._forget()
        self._clear_print()
        if self._card() is None:
            why = self.availability.device("idcard")
            if why is not None:
                self._set("failed", "appointment_no_reader")
                return
            self._want = want
            self._set("card")
            if self.need_card is not None:
                self.need_card()
            return
        self._go(want)

    def card_read(self, card: IdCard) -> None:
        """The identity flow read a card (the wiring calls this)."""
        if self.state == "card" and self._want:
            want, self._want = self._want, ""
            self._go(want)

    def card_failed(self, code: str) -> None:
        if self.state == "card" and code:
            self._set("card", code)

    def _go(self, want: str) -> None:
        if want == "mine":
            self._load_mine()
        elif self.items:
            self._set("items")
        else:
            self._set("items_loading")
            self.jobs.backend(lambda b: b.items(), self._current(self._got_items))

    # -- booking -------------------------------------------------------------------------------
    def _got_items(self, out: Outcome[list[ServiceItem]]) -> None:
        if out.error is not None or not out.value:
            self._set("failed", backend_error(out.error or BackendError("no catalogue")))
            return
        self.items = list(out.value)
        self._set("items")

    def choose_item(self, code: str) -> None:
        found = next((i for i in self.items if i.code == code), None)
        if self.state != "items" or found is None:
            return
        self.item = found
        self.saturdays = next_saturdays(self.now(), WEEKS)
        self.day = None
        self._set("day")

    def choose_day(self, iso: str) -> None:
        if self.state != "day":
            return
        s = next((s for s in self.saturdays if s.day.isoformat() == iso), None)
        if s is None:
            return
        if not s.bookable:
            self._set("day", f"day_{s.status}")  # said in words; the day stays unchosen
            return
        self.day = s.day
        self._set("phone")

    def key(self, k: str) -> None:
        """The numeric pad on the phone step."""
        if self.state != "phone":
            return
        if k == "back":
            self.phone = self.phone[:-1]
        elif k == "clear":
            self.phone = ""
        elif k.isdigit() and k.isascii() and len(k) == 1 and len(self.phone) < 12:
            self.phone += k
        self.session.keep("appointment_phone", self.phone)
        self._set("phone")

    def next(self) -> None:
        if self.state != "phone":
            return
        try:
            self.phone = check_phone(self.phone)
        except PhoneError:
            self._set("phone", phone_problem(self.phone) or "phone_invalid")
            return
        self._set("confirm")

    def back(self) -> None:
        st = self.state
        if st in BOOK_STEPS[1:]:
            self._set(BOOK_STEPS[BOOK_STEPS.index(st) - 1])
        elif st == "cancel_confirm":
            self.chosen = None
            self._set("mine")
        elif st in ("items", "mine", "card", "failed"):
            self.reset()

    def submit(self) -> None:
        card, item, day = self._card(), self.item, self.day
        if self.state != "confirm" or item is None or day is None:
            return
        if card is None:
            self.reset()
            return
        if self.sender() is None:
            self._set("failed", "agent_unavailable")  # the hall could not get its copy: do not book
            return
        self._request_id = self._request_id or uuid.uuid4().hex
        req = BookingRequest(request_id=self._request_id, item_code=item.code, day=day,
                             name=card.name or card.name_en, id_number=card.number, phone=self.phone)
        self._set("booking")
        self.jobs.backend(lambda b: _appointments(b).book(req), self._current(self._booked))

    def _booked(self, out: Outcome[Booking]) -> None:
        if out.error is not None or out.value is None:
            self._set("failed", _refusal(out.error))
            return
        self.booking = out.value
        card, item = self._card(), self.item
        assert card is not None and item is not None
        name = card.name or card.name_en
        self._copy = ServiceRequest("appointment", self.booking.booking_no, {"name": name, "phone": self.phone},
                                    _local(self.now()), item_code=item.code, item_name=item.name,
                                    day=self.booking.day, name_masked=mask_name(name))
        self._send_copy("sending", self._copied)

    def _send_copy(self, state: str, done: Callable[[Outcome[None]], None]) -> None:
        copy, sender = self._copy, self.sender()
        assert copy is not None
        self._set(state)
        if sender is None:
            done(Outcome(error=BackendError("no agent")))
            return
        self.jobs.backend(lambda _b: sender.send_request(copy), self._current(done))

    def _copied(self, out: Outcome[None]) -> None:
        booking, card = self.booking, self._card()
        assert booking is not None
        if out.error is None:
            log.info("appointment %s for %s delivered to the agent", booking.booking_no, booking.day)
            self._set("booked")
            self.print_slip()
            return
        # The hall did not get its copy: undo the booking, nothing half-done.
        log.warning("appointment %s: the hall's copy was not taken (%s); cancelling it", booking.booking_no,
                    _send_error(out.error))
        if card is None:
            self._set("failed", "undo_failed")
            return
        no, number = booking.booking_no, card.number
        self._set("undoing")
        self.jobs.backend(lambda b: _appointments(b).cancel_booking(no, number), self._current(self._undone))

    def _undone(self, out: Outcome[Booking]) -> None:
        if out.error is not None:
            log.error("appointment %s could not be cancelled after the hall missed it", self.booking)
            self._set("failed", "undo_failed")  # the screen gives the number and the hotline
            return
        self.booking, self._copy, self._request_id = None, None, ""
        self._set("failed", "hall_not_reached")

    def print_slip(self) -> None:
        booking, item, card = self.booking, self.item, self._card()
        if self.state != "booked" or booking is None or item is None:
            return
        hall = self.hall()
        data = {
            "hall_name": hall.name, "booking_no": booking.booking_no, "matter": item.name,
            "department": item.department, "applicant": (card.name or card.name_en) if card is not None else "",
            "phone": mask_phone(self.phone), "day": f"{booking.day:%Y-%m-%d}（星期六）", "hours": HOURS,
            "place": item.place, "materials": slip_materials(item), "arrive_rule": ARRIVE_RULE,
            "cancel_rule": CANCEL_RULE, "hall_phone": hall.hotline, "booked_at": f"{booking.booked_at:%Y-%m-%d %H:%M}",
        }
        self._print("appointment", data)

    def finish(self) -> None:
        """The citizen leaves the booked page (its number stays on screen until then, not only on the slip):
        the rating page, as after every service, once."""
        item = self.item
        if self.state != "booked" or item is None or self.rated:
            return
        self.rated = True
        self._set("booked")
        self.service_done(ServiceDone(item.code, f"{item.name}（延时服务预约）",
                                      slip_printed=self.print_state == "printed"))

    # -- my bookings, cancelling ---------------------------------------------------------------
    def _load_mine(self) -> None:
        card = self._card()
        assert card is not None
        number = card.number
        self._set("mine_loading")
        self.jobs.backend(lambda b: _appointments(b).bookings_of(number), self._current(self._got_mine))

    def _got_mine(self, out: Outcome[list[Booking]]) -> None:
        if out.error is not None or out.value is None:
            self._set("failed", backend_error(out.error or BackendError("no bookings")))
            return
        self.bookings = list(out.value)
        self._set("mine")

    def choose(self, booking_no: str) -> None:
        found = next((b for b in self.bookings if b.booking_no == booking_no), None)
        if self.state != "mine" or found is None:
            return
        if not can_cancel(found.day, self.now()):
            self._set("mine", "too_late")  # on the day itself: refused in words, the list stays
            return
        self.chosen = found
        self._set("cancel_confirm")

    def cancel(self) -> None:
        chosen, card = self.chosen, self._card()
        if self.state != "cancel_confirm" or chosen is None or card is None:
            return
        no, number = chosen.booking_no, card.number
        self._set("cancelling")
        self.jobs.backend(lambda b: _appointments(b).cancel_booking(no, number), self._current(self._cancelled))

    def _cancelled(self, out: Outcome[Booking]) -> None:
        if out.error is not None or out.value is None:
            self._set("failed", _refusal(out.error))
            return
        b, card = out.value, self._card()
        self.chosen = b
        name = (card.name or card.name_en) if card is not None else ""
        self._copy = ServiceRequest("appointment_cancel", b.booking_no, {"name": name}, _local(self.now()),
                                    item_code=b.item_code, item_name=b.item_name, day=b.day,
                                    name_masked=mask_name(name))
        self._send_copy("cancel_sending", self._cancel_copied)

    def _cancel_copied(self, out: Outcome[None]) -> None:
        if out.error is not None:
            self._set("cancel_unsent", _send_error(out.error))  # cancelled at the platform; the hall's copy again
            return
        assert self.chosen is not None
        log.info("cancellation of %s delivered to the agent", self.chosen.booking_no)
        self.bookings = [b for b in self.bookings if b.booking_no != self.chosen.booking_no]
        self._set("cancelled")

    def resend(self) -> None:
        """The cancellation's hall copy again, with the same id."""
        if self.state == "cancel_unsent" and self._copy is not None:
            self._send_copy("cancel_sending", self._cancel_copied)

    # -- the screen ----------------------------------------------------------------------------
    def view(self) -> dict[str, Any]:
        out = super().view()
        card, item, booking = self._card(), self.item, self.booking
        out.update({
            "items": [{"code": i.code, "name": i.name, "department": i.department} for i in self.items],
            "item": {"code": item.code, "name": item.name, "department": item.department,
                     "place": item.place, "materials": [m.name for m in item.materials]} if item else {},
            "saturdays": [{"day": s.day.isoformat(), "status": s.status, "holiday": s.holiday,
                           "reason": s.reason, "closes": f"{s.closes:%m-%d %H:%M}"} for s in self.saturdays],
            "day": self.day.isoformat() if self.day else "", "hours": HOURS, "arriveBy": ARRIVE_BY,
            "phone": self.phone, "phoneMasked": mask_phone(self.phone) if self.phone else "",
            "name": mask_name(card.name or card.name_en) if card is not None else "",
            "booking": _booking_view(booking) if booking is not None else {},
            "bookings": [_booking_view(b) for b in self.bookings],
            "chosen": _booking_view(self.chosen) if self.chosen is not None else {},
            "rated": self.rated, "step": BOOK_STEPS.index(self.state) + 1 if self.state in BOOK_STEPS else 0,
            "steps": len(BOOK_STEPS),
        })
        return out


def _booking_view(b: Booking) -> dict[str, Any]:
    return {"no": b.booking_no, "itemName": b.item_name, "department": b.department, "day": b.day.isoformat(),
            "state": b.state}


def _refusal(exc: BaseException | None) -> str:
    if isinstance(exc, AppointmentRefused):
        return f"refused_{exc.code}"
    return backend_error(exc or BackendError("no answer"))
