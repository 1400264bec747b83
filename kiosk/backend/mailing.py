"""Free two-way mailing (政务专递): the citizen asks the platform to post a case's result documents
(docs/mailing.md). A separate protocol beside :class:`kiosk.backend.model.Backend`, like the
materials': a platform that does not mail need not serve it; both back ends of the kiosk (the demo's,
the HTTP adapter) implement it.

Only for a case of the citizen whose ID card was read (``id_number``: the platform checks it is the
applicant's) that is applied for or whose result is ready (:data:`MAILABLE`). ``request_id`` is the
idempotency key: a call repeated after a lost answer makes one request and answers the same number.
:meth:`MailingBackend.withdraw_mailing` takes a request back when the hall's copy could not be sent
(nothing half-done: the kiosk never leaves a request the hall does not know of).

The body carries the address, the recipient, the phone and the ID number: it travels once, in the
request body (never in a URL or a log line), and ``repr`` masks every one of them.
"""

from __future__ import annotations

from typing import Annotated, Protocol

import msgspec
from msgspec import Meta

from ground.logs import mask_address, mask_id_number, mask_name, mask_phone
from kiosk.backend.model import CaseStatus

REQUEST_ID = r"^[0-9a-f]{32}\Z"
MAILABLE = frozenset({CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW, CaseStatus.CORRECTION,
                      CaseStatus.APPROVED})  # applied for, or the result ready (not collected, refused, withdrawn)
STREET_MAX = 100
RECIPIENT_MAX = 30


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class MailingRequest(_Model, frozen=True, kw_only=True):
    """What the kiosk asks: post case ``case_no``'s documents to this address. ``repr`` masks it."""

    request_id: Annotated[str, Meta(pattern=REQUEST_ID, description="the kiosk's key for this request (uuid4 hex)")]
    id_number: Annotated[str, Meta(min_length=15, max_length=18, description="the card's number: the applicant's")]
    province: Annotated[str, Meta(pattern=r"^[0-9]{2}\Z", description="GB/T 2260 province code")]
    city: Annotated[str, Meta(pattern=r"^[0-9]{4}\Z")]
    district: Annotated[str, Meta(pattern=r"^[0-9]{6}([0-9]{3})?\Z")]
    region: Annotated[str, Meta(min_length=2, max_length=60,
                                description="the three names: 内蒙古自治区鄂尔多斯市东胜区")]
    street: Annotated[str, Meta(min_length=2, max_length=STREET_MAX, description="street, number, building, room")]
    recipient: Annotated[str, Meta(min_length=1, max_length=RECIPIENT_MAX)]
    phone: Annotated[str, Meta(pattern=r"^[0-9]{7,12}\Z", description="mainland mobile, or landline with area code")]

    def __repr__(self) -> str:
        return (f"MailingRequest({self.request_id}, {mask_id_number(self.id_number)}, {self.region}, "
                f"{mask_address(self.street)}, {mask_name(self.recipient)}, {mask_phone(self.phone)})")

    __str__ = __repr__


class MailingReceipt(_Model, frozen=True, kw_only=True):
    """The platform's answer: the request is recorded under ``request_no``."""

    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z")]
    request_id: Annotated[str, Meta(pattern=REQUEST_ID)]
    request_no: Annotated[str, Meta(pattern=r"^[0-9A-Za-z-]{4,40}\Z", description="申请编号, on the slip")]


class MailingBackend(Protocol):
    def mail_request(self, case_no: str, request: MailingRequest) -> MailingReceipt:
        """Record the request: :class:`~kiosk.backend.model.NotFound` for an unknown case,
        :class:`~kiosk.backend.model.BackendError` (its ``reason`` for the citizen) for a case not
        the card holder's, one not :data:`MAILABLE`, or an address that does not hold."""
        ...

    def withdraw_mailing(self, request_no: str, request_id: str) -> None:
        """Take the request back (the hall's copy failed); withdrawing twice is no error."""
        ...
