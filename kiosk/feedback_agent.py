"""Ratings and complaints to the fleet agent: :class:`kiosk.flows_feedback.FeedbackSender` over
:class:`terminal.client.AgentClient` (the local channel; the agent answers once the record is in its
durable spool). The phone number is sealed to the hall's public key inside ``AgentClient.complain``:
it never leaves this process in clear.

Calls block for up to ``timeout_s``: the flows run them off the UI thread. Every refusal becomes
:class:`~kiosk.flows_feedback.NotAccepted` with a code the screen has words for.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.flows_feedback import CATEGORIES, LEVELS, TAGS, Complaint, NotAccepted, Rating, ServiceRequest
from terminal.client import AgentUnavailable, FeedbackRefused
from wire.feedback import PhoneError, SealError, work_order_no

log = logging.getLogger("zizhu.kiosk.feedback")

# The kiosk's level codes as the wire's numbers (wire.feedback.LEVELS: 5 非常满意 … 1 非常不满意).
LEVEL_NUMBERS: dict[str, int] = dict(zip(LEVELS, (5, 4, 3, 2, 1), strict=True))


class AgentFeedback:
    def __init__(self, client: Any, terminal_id: str, hall_public_key: str | None, timeout_s: float = 5.0) -> None:
        self.client = client  # terminal.client.AgentClient
        self.terminal_id = terminal_id
        self.hall_public_key = hall_public_key
        self.timeout_s = timeout_s

    def send_rating(self, rating: Rating) -> None:
        try:
            self.client.rate(item_code=rating.item_code, item_name=rating.item_name,
                             level=LEVEL_NUMBERS[rating.level], tags=[TAGS[t] for t in rating.tags],
                             case_no=rating.case_no or None, rating_id=rating.id, rated_at=rating.rated_at,
                             timeout=self.timeout_s)
        except AgentUnavailable as exc:
            log.warning("rating %s not accepted: %s", rating.id, exc.detail)
            raise NotAccepted("agent_unavailable", exc.detail) from None
        except FeedbackRefused as exc:
            log.error("rating %s refused by the agent: %s", rating.id, exc.detail)
            raise NotAccepted("feedback_refused", exc.detail) from None

    def send_complaint(self, complaint: Complaint) -> str:
        if not self.hall_public_key:
            log.error("complaint refused here: no [kiosk] hall_public_key to seal the phone number to")
            raise NotAccepted("not_configured")
        try:
            self.client.complain(category=CATEGORIES[complaint.category], matter=complaint.matter,
                                 phone=complaint.phone, hall_public_key=self.hall_public_key,
                                 case_no=complaint.case_no or None, complaint_id=complaint.id,
                                 filed_at=complaint.filed_at, timeout=self.timeout_s)
        except AgentUnavailable as exc:
            log.warning("complaint %s not accepted: %s", complaint.id, exc.detail)
            raise NotAccepted("agent_unavailable", exc.detail) from None
        except FeedbackRefused as exc:
            log.error("complaint %s refused by the agent: %s", complaint.id, exc.detail)
            raise NotAccepted("feedback_refused", exc.detail) from None
        except PhoneError as exc:  # str(exc) never holds the number
            raise NotAccepted("phone_invalid", str(exc)) from None
        except SealError as exc:
            log.error("complaint %s: the hall's public key cannot seal: %s", complaint.id, exc)
            raise NotAccepted("not_configured", str(exc)) from None
        return work_order_no(self.terminal_id, complaint.filed_at, complaint.id)


    def send_request(self, req: ServiceRequest) -> None:
        """A service request (appointment, its cancellation, a mailing) the back end has made: its hall copy,
        the personal fields sealed to the hall's key inside ``AgentClient.request``; once in the spool."""
        if not self.hall_public_key:
            log.error("%s refused here: no [kiosk] hall_public_key to seal its personal fields to", req.service)
            raise NotAccepted("not_configured")
        try:
            self.client.request(service=req.service, ref=req.ref, personal=req.personal,
                                hall_public_key=self.hall_public_key, item_code=req.item_code or None,
                                item_name=req.item_name or None, case_no=req.case_no or None, day=req.day,
                                name_masked=req.name_masked, request_id=req.id, made_at=req.made_at,
                                timeout=self.timeout_s)
        except AgentUnavailable as exc:
            log.warning("%s %s not accepted: %s", req.service, req.id, exc.detail)
            raise NotAccepted("agent_unavailable", exc.detail) from None
        except FeedbackRefused as exc:
            log.error("%s %s refused by the agent: %s", req.service, req.id, exc.detail)
            raise NotAccepted("feedback_refused", exc.detail) from None
        except PhoneError as exc:
            raise NotAccepted("phone_invalid", str(exc)) from None
        except SealError as exc:
            log.error("%s %s: the hall's public key cannot seal: %s", req.service, req.id, exc)
            raise NotAccepted("not_configured", str(exc)) from None
        except ValueError as exc:  # the record too long, a field name out of shape: a bug of ours, never content
            log.error("%s %s: its personal fields cannot be sealed: %s", req.service, req.id, exc)
            raise NotAccepted("feedback_refused", str(exc)) from None


class DemoFeedback:
    """``zizhu kiosk --demo`` has no agent: ratings and complaints are kept in this process, in
    memory, and the screen says so in the log. Never used on a terminal (a socket path is set)."""

    def __init__(self) -> None:
        self.ratings: list[Rating] = []
        self.complaints: list[Complaint] = []
        self.requests: list[ServiceRequest] = []

    def send_rating(self, rating: Rating) -> None:
        self.ratings.append(rating)
        log.info("demo: rating %s kept in memory (no agent)", rating.id)

    def send_complaint(self, complaint: Complaint) -> str:
        self.complaints.append(complaint)
        log.info("demo: complaint %s kept in memory (no agent)", complaint.id)
        return work_order_no("DEMO", complaint.filed_at, complaint.id)

    def send_request(self, req: ServiceRequest) -> None:
        self.requests.append(req)
        log.info("demo: %s %s kept in memory (no agent)", req.service, req.id)

    def forget(self) -> None:
        """Demo or not, the phone numbers (and a request's address) go when the session does."""
        self.complaints.clear()
        self.requests.clear()
