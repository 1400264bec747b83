"""Free two-way mailing (政务专递) as a state machine: the documents of a case applied for or ready
posted to the citizen free of charge. No Qt here (docs/mailing.md).

Like the complaint window (:mod:`kiosk.flows_feedback`), one step at a time, the personal data
wiped by :meth:`MailingFlow.reset` when the session ends. The case must be the card holder's: the
flow asks for the card first and looks the case up among the card's cases.

States (``idle`` until opened, and again after the session)::

    card ──(card read)──▶ loading ──▶ [cases ──choose──▶] region ──▶ street ──▶ recipient ──▶ phone
    ──▶ confirm ──submit──▶ sending ──▶ done (the slip printed)  |  failed (again: confirm)

``sending`` is two calls: the back end records the request (:mod:`kiosk.backend.mailing`), then
its hall copy goes through the agent's spool (:meth:`FeedbackSender.send_request`, the address,
recipient and phone sealed to the hall's key). If the hall copy is not taken, the back end is asked
to withdraw the request and the citizen is told it failed (``failed``/``hall_copy_failed``; or
``withdraw_failed`` with the request number to give at the window): nothing stays half-done.

The address is shown in full to the citizen on the confirm step only; the slip, the done step and
every log line mask the street, the recipient and the phone.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from drivers.idcard.card import IdCard
from ground.logs import mask_address, mask_name, mask_phone
from kiosk import regions
from kiosk.availability import Availability
from kiosk.backend.mailing import MAILABLE, RECIPIENT_MAX, STREET_MAX, MailingBackend, MailingReceipt, MailingRequest
from kiosk.backend.model import CASE_STATUS_LABELS, BackendError, Case, HallInfo
from kiosk.flows import Jobs, Outcome, ServiceDone, _Printing, backend_error, case_summary
from kiosk.flows_feedback import FeedbackSender, NotAccepted, ServiceRequest, _local, phone_problem
from kiosk.session import Session

log = logging.getLogger("zizhu.kiosk.mailing")

STEPS = ("region", "street", "recipient", "phone", "confirm")
NEXT_STEPS = "办结后，结果文书由政务服务中心通过政务专递免费寄出，邮寄费用由政府承担；寄出后工作人员将电话告知"


class MailingFlow(_Printing):
    """Ask for a case's documents to be mailed free of charge.

    Errors: ``no_card`` (only while the reader cannot be used), ``not_yours`` (the case is not the
    card holder's), ``case_not_mailable``, ``no_mailable_case``, ``region_missing``,
    ``street_missing``, ``street_too_long``, ``recipient_missing``, ``recipient_too_long``, the phone
    codes of :func:`kiosk.flows_feedback.phone_problem`, the back end's codes (``backend_*``,
    ``not_found``), ``hall_copy_failed`` / ``withdraw_failed`` and the sender's codes.
    """

    name = "mailing"

    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo], session: Session,
                 sender: Callable[[], FeedbackSender | None], *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(jobs, availability, hall)
        self.session, self.sender, self.now = session, sender, now
        self._forget()
        self.state = "idle"  # not open: a card read elsewhere does not concern it

    def _forget(self) -> None:
        self.wanted = ""  # the case the citizen came from ("" from the home page: choose among theirs)
        self.cases: list[Case] = []
        self.case: Case | None = None
        self.province, self.city, self.district = regions.HOME_PROVINCE, regions.HOME_CITY, ""
        self.street = ""
        self.recipient = ""
        self.phone = ""
        self.receipt: MailingReceipt | None = None
        self.made_at: datetime | None = None
        self._request_id = ""  # the back end's idempotency key: the same while the same request is retried
        self._sent: tuple[Any, ...] | None = None  # what that key was made for

    def reset(self) -> None:
        self._forget()
        self._clear_print()
        self._generation += 1
        self._set("idle")

    # -- the card and the case -------------------------------------------------------------
    def open(self, case_no: str = "") -> None:
        """From a case's page (its number) or the home page (""): the card first, if not read yet."""
        self._forget()
        self._clear_print()
        self._generation += 1
        self.wanted = case_no
        self._set("card")
        if self.session.get("card") is not None:
            self.card_read()

    def card_read(self) -> None:
        """The card is in the session (read now or before): the card holder's cases."""
        card: IdCard | None = self.session.get("card")
        if self.state not in ("card", "error") or card is None:
            return
        number = card.number
        self.recipient = card.name or card.name_en
        self._set("loading")
        self.jobs.backend(lambda b: b.cases_of(number), self._current(self._got_cases))

    def _got_cases(self, out: Outcome[list[Case]]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no cases")))
            return
        mine = out.value
        if self.wanted:
            found = next((c for c in mine if c.case_no == self.wanted), None)
            if found is None:
                self._set("error", "not_yours")  # nothing of the case is said: it is someone else's
            elif found.status not in MAILABLE:
                self.case = found
                self._set("error", "case_not_mailable")
            else:
                self.choose(found.case_no, [found])
            return
        mailable = [c for c in mine if c.status in MAILABLE]
        if not mailable:
            self._set("error", "no_mailable_case")
        elif len(mailable) == 1:
            self.choose(mailable[0].case_no, mailable)
        else:
            self.cases = mailable
            self._set("cases")

    def choose(self, case_no: str, among: list[Case] | None = None) -> None:
        found = next((c for c in (among or self.cases) if c.case_no == case_no), None)
        if found is not None and self.state in ("loading", "cases"):
            self.case, self.cases = found, []
            self._set("region")

    # -- the steps -------------------------------------------------------------------------
    def choose_province(self, code: str) -> None:
        if self.state == "region" and regions.cities(code):
            self.province, self.city, self.district = code, "", ""
            cities = regions.cities(code)
            if len(cities) == 1:  # a municipality: its one level 市辖区 is chosen for the citizen
                self.city = cities[0].code
            self._set("region")

    def choose_city(self, code: str) -> None:
        if self.state == "region" and any(c.code == code for c in regions.cities(self.province)):
            self.city, self.district = code, ""
            self._set("region")

    def choose_district(self, code: str) -> None:
        if self.state == "region" and any(d.code == code for d in regions.districts(self.city)):
            self.district = code
            self._set("region")

    def set_street(self, text: str) -> None:
        """The street, number, building and room, as the Pinyin keyboard leaves them (each change)."""
        if self.state == "street":
            self.street = text
            self.session.keep("mailing_street", text)
            if self.error:
                self._set("street")

    def set_recipient(self, text: str) -> None:
        if self.state == "recipient":
            self.recipient = text
            self.session.keep("mailing_recipient", text)
            if self.error:
                self._set("recipient")

    def key(self, k: str) -> None:
        """The numeric pad, on the phone step."""
        if self.state != "phone":
            return
        if k == "back":
            self.phone = self.phone[:-1]
        elif k == "clear":
            self.phone = ""
        elif k.isdigit() and k.isascii() and len(k) == 1 and len(self.phone) < 12:
            self.phone += k
        self.session.keep("mailing_phone", self.phone)
        self._set("phone")

    def _problem(self, step: str) -> str:
        if step == "region":
            return "" if self.district else "region_missing"
        if step == "street":
            s = self.street.strip()
            return "street_missing" if len(s) < 2 else "street_too_long" if len(s) > STREET_MAX else ""
        if step == "recipient":
            r = self.recipient.strip()
            return "recipient_missing" if not r else "recipient_too_long" if len(r) > RECIPIENT_MAX else ""
        if step == "phone":
            return phone_problem(self.phone)
        return ""

    def next(self) -> None:
        """Check this step; on to the next when it is right, else the error on this step."""
        st = self.state
        if st not in STEPS[:-1]:
            return
        why = self._problem(st)
        if why:
            self._set(st, why)
        else:
            self._set(STEPS[STEPS.index(st) + 1])

    def back(self) -> None:
        if self.state in STEPS[1:]:
            self._set(STEPS[STEPS.index(self.state) - 1])
        elif self.state == "failed":
            self._set("confirm")

    def edit(self, step: str) -> None:
        """From the confirmation, change one answer."""
        if self.state in ("confirm", "failed") and step in STEPS[:-1]:
            self._set(step)

    def region_text(self) -> str:
        if not self.district:
            return ""
        return regions.address_text(self.province, self.city, self.district)

    # -- sending ---------------------------------------------------------------------------
    def submit(self) -> None:
        case = self.case
        card: IdCard | None = self.session.get("card")
        if self.state not in ("confirm", "failed") or case is None or self.error == "withdraw_failed":
            return  # after a withdrawal that failed, the window sorts it out: no second request from here
        if card is None:
            self._set("error", "no_card")
            return
        for step in STEPS[:-1]:
            why = self._problem(step)
            if why:
                self._set(step, why)
                return
        sender = self.sender()
        if sender is None:
            self._set("failed", "agent_unavailable")
            return
        what = (case.case_no, self.district, self.street.strip(), self.recipient.strip(), self.phone)
        if self._sent != what or not self._request_id:
            self._request_id, self._sent = uuid.uuid4().hex, what  # another request: a key of its own
        request = MailingRequest(request_id=self._request_id, id_number=card.number, province=self.province,
                                 city=self.city, district=self.district, region=self.region_text(),
                                 street=self.street.strip(), recipient=self.recipient.strip(), phone=self.phone)
        case_no = case.case_no
        self._set("sending")
        self.jobs.backend(lambda b: cast(MailingBackend, b).mail_request(case_no, request),
                          self._current(lambda out: self._recorded(out, request, sender)))

    def _recorded(self, out: Outcome[MailingReceipt], request: MailingRequest, sender: FeedbackSender) -> None:
        if out.error is not None or out.value is None:
            self._set("failed", backend_error(out.error or BackendError("no receipt")))  # retried: the same key
            return
        receipt = out.value
        case = self.case
        assert case is not None
        made_at = _local(self.now())
        copy = ServiceRequest(service="mailing", ref=receipt.request_no,
                              personal={"recipient": request.recipient, "phone": request.phone,
                                        "region": request.region, "street": request.street},
                              made_at=made_at, item_code=case.item_code, item_name=case.matter,
                              case_no=case.case_no, name_masked=mask_name(request.recipient))
        self.jobs.backend(lambda _b: sender.send_request(copy),
                          self._current(lambda sent: self._hall_copy(sent, receipt, made_at)))

    def _hall_copy(self, out: Outcome[None], receipt: MailingReceipt, made_at: datetime) -> None:
        if out.error is None:
            self.receipt, self.made_at = receipt, made_at
            self._request_id, self._sent = "", None
            log.info("mailing %s of case %s requested (to %s, phone %s); hall copy in the spool", receipt.request_no,
                     receipt.case_no, mask_address(self.street), mask_phone(self.phone))
            self._set("done")
            self.print_slip()
            return
        code = out.error.code if isinstance(out.error, NotAccepted) else "agent_unavailable"
        log.warning("mailing %s: the hall copy was not taken (%s): withdrawing it at the back end",
                    receipt.request_no, code)
        self._request_id, self._sent = "", None  # withdrawn: a new try is a new request

        def withdrawn(w: Outcome[None]) -> None:
            if w.error is not None:
                log.error("mailing %s: the back end did not withdraw it: %s", receipt.request_no,
                          type(w.error).__name__)
                self.receipt = receipt  # the number the window needs to cancel it
                self._set("failed", "withdraw_failed")
            else:
                self._set("failed", "hall_copy_failed")

        self.jobs.backend(lambda b: cast(MailingBackend, b).withdraw_mailing(receipt.request_no, receipt.request_id),
                          self._current(withdrawn))

    # -- the slip --------------------------------------------------------------------------
    def print_slip(self) -> None:
        r, case = self.receipt, self.case
        if self.state != "done" or r is None or case is None or self.made_at is None:
            return
        hall = self.hall()
        self._print("mailing", {
            "hall_name": hall.name, "request_no": r.request_no, "case_no": case.case_no, "matter": case.matter,
            "recipient": mask_name(self.recipient), "phone": mask_phone(self.phone), "region": self.region_text(),
            "street": mask_address(self.street), "made_at": f"{self.made_at:%Y-%m-%d %H:%M}",
            "next_steps": NEXT_STEPS, "hall_phone": hall.hotline,
        })

    def _completed(self) -> ServiceDone | None:
        case = self.case
        return ServiceDone(case.item_code, case.matter, case.case_no) if case is not None else None

    # -- the screen ------------------------------------------------------------------------
    def view(self) -> dict[str, Any]:
        out = super().view()
        case = self.case
        confirm = self.state in ("confirm", "failed")  # the citizen checks their own address: in full here only
        out.update({
            "case": {**case_summary(case), "statusText": CASE_STATUS_LABELS[case.status]} if case else {},
            "cases": [case_summary(c) for c in self.cases],
            "hasCard": self.session.get("card") is not None,
            "provinces": [{"code": r.code, "name": r.name} for r in regions.provinces()],
            "cities": [{"code": r.code, "name": r.name} for r in regions.cities(self.province)],
            "districts": [{"code": r.code, "name": r.name} for r in regions.districts(self.city)],
            "province": self.province, "city": self.city, "district": self.district,
            "region": self.region_text(),
            "street": self.street if self.state in ("street", "confirm", "failed") else mask_address(self.street),
            "recipient": self.recipient if self.state in ("recipient", "confirm", "failed")
            else mask_name(self.recipient),
            "phone": self.phone if self.state in ("phone", "confirm", "failed") else mask_phone(self.phone),
            "full": confirm,
            "requestNo": self.receipt.request_no if self.receipt is not None else "",
            "step": STEPS.index(self.state) + 1 if self.state in STEPS else 0, "steps": len(STEPS),
        })
        return out
