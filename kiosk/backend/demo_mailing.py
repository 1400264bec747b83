"""The demo platform's mailing (kiosk.backend.mailing): requests kept in memory, checked as a
platform would check them — the case is the card holder's and mailable, the region's codes nest
(kiosk.regions), the phone is a mainland number (wire.feedback.check_phone)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from kiosk import regions
from kiosk.backend.mailing import MAILABLE, MailingReceipt, MailingRequest
from kiosk.backend.model import BackendError, Case, NotFound
from wire.feedback import PhoneError, check_phone

T = TypeVar("T")


@dataclass
class DemoMailing:
    """One request as the demo platform keeps it."""

    request_no: str
    case_no: str
    request: MailingRequest
    withdrawn: bool = False


class DemoMailingMixin:
    """Mixed into :class:`kiosk.backend.demo.DemoBackend`: ``mailings`` by request id."""

    _lock: threading.Lock
    _today: date | None
    mailings: dict[str, DemoMailing]

    def _cases(self) -> dict[str, Case]:  # DemoBackend's: the cases of today
        raise NotImplementedError

    def _call(self, answer: Callable[[], T]) -> T:  # DemoBackend's: the fail modes and latency
        raise NotImplementedError

    def mail_request(self, case_no: str, request: MailingRequest) -> MailingReceipt:
        def answer() -> MailingReceipt:
            case = self._cases().get(case_no.strip())
            if case is None:
                raise NotFound(f"demo back end: no case {case_no!r}",
                               reason="未查询到该办件，请核对办件编号后重试，或咨询人工窗口")
            if case.applicant_id.upper() != request.id_number.strip().upper():
                raise BackendError(f"demo back end: case {case_no} is not the card holder's",
                                   reason="该办件不是持证人本人的办件，不能申请邮寄")
            if case.status not in MAILABLE:
                raise BackendError(f"demo back end: case {case_no} is {case.status.value}: not mailed",
                                   reason="该办件当前状态不能申请邮寄，请咨询人工窗口")
            try:
                region = regions.address_text(request.province, request.city, request.district)
                check_phone(request.phone)
            except regions.RegionError as exc:
                raise BackendError(f"demo back end: bad region: {exc}", reason="所选地区有误，请重新选择") from None
            except PhoneError as exc:
                raise BackendError(f"demo back end: bad phone: {exc}", reason=exc.reason) from None
            if region != request.region or not request.street.strip() or not request.recipient.strip():
                raise BackendError("demo back end: region names, street or recipient do not hold",
                                   reason="邮寄地址或收件人有误，请核对后重试")
            with self._lock:  # a repeat (same request_id) makes no second request
                found = self.mailings.get(request.request_id)
                if found is None:
                    n = len(self.mailings) + 1
                    found = DemoMailing(f"YJ{(self._today or date.today()):%Y%m%d}{n:04d}", case.case_no, request)
                    self.mailings[request.request_id] = found
            return MailingReceipt(case_no=found.case_no, request_id=request.request_id, request_no=found.request_no)
        return self._call(answer)

    def withdraw_mailing(self, request_no: str, request_id: str) -> None:
        def answer() -> None:
            with self._lock:
                found = self.mailings.get(request_id)
                if found is None or found.request_no != request_no:
                    raise NotFound(f"demo back end: no mailing request {request_no!r}")
                found.withdrawn = True
        self._call(answer)
