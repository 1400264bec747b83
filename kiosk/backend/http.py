"""The adapter of a real platform: :class:`~kiosk.backend.model.Backend` over the JSON API of
docs/kiosk-backend.md, with httpx.

Bounded: every call answers within ``timeout_s`` — attempts, back-off and all. The call runs on a
small pool of worker threads and the caller waits for it until one deadline, so not even a server
trickling its answer byte by byte holds a citizen longer (httpx's timeouts are per network
operation, and add up); each attempt's own timeouts are the time left, so an abandoned attempt
ends soon after. Retried, while time is left: failures of the network (connection refused or
reset, a kept-alive connection closed by the server, timeouts) and 502/503/504 — every call is a
read or carries its idempotency key (the locker's records), so repeating one is safe; the one
exception, the pickup code check, is not retried. Not retried: any other status and a malformed answer
(docs/kiosk-backend.md § Timeouts and retries).

Strict: answers are decoded into the model's types by msgspec (unknown fields, wrong types, a
time with a UTC offset are errors); the :class:`~kiosk.backend.model.BackendError` names what was
wrong. Each failed call is logged once, without personal data: the citizen's ID number travels
only in the body of ``POST /cases/search`` (docs/kiosk-backend.md § Why the search is a POST) and
appears in no URL, message or log line, and a case's applicant fields are never logged.

One :class:`httpx.Client` (thread-safe) serves every thread; :meth:`HttpBackend.close` ends it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar
from urllib.parse import quote

import httpx
import msgspec

from ground import __version__
from ground.logs import mask_id_number, mask_text
from kiosk.backend.appointments import (
    BOOKING_NO,
    AppointmentBackend,
    AppointmentRefused,
    Booking,
    BookingRequest,
    CardLookup,
    Refusal,
)
from kiosk.backend.certificates import KIND_CODE, Certificate, CertificateBackend, CertificateKind
from kiosk.backend.locker import CollectAnswer, Collection, Deposit, DepositRequest, LockerBackend, PickupAnswer
from kiosk.backend.mailing import MailingBackend, MailingReceipt, MailingRequest
from kiosk.backend.materials import MaterialsBackend, MaterialsReceipt, MaterialsUpload
from kiosk.backend.model import Backend, BackendError, BackendTimeout, Case, HallInfo, NotFound, ServiceItem
from kiosk.backend.photo import PhotoBackend, PhotoReceipt, PhotoUpload

__all__ = ["HttpBackend"]

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_STATUSES = frozenset({502, 503, 504})
BACKOFF_S = 0.1  # before the first retry; doubled for each further one, at most MAX_BACKOFF_S
MAX_BACKOFF_S = 1.0
MIN_ATTEMPT_S = 0.05  # no retry with less time than this left
MAX_BODY = 32 * 1024 * 1024  # a catalogue of a few hundred items with their guides is a few MB
WORKERS = 8
CASE_NO = re.compile(r"[0-9]{6,24}")
_PHOTO_RECEIPT = msgspec.json.Decoder(PhotoReceipt)
_MATERIALS_RECEIPT = msgspec.json.Decoder(MaterialsReceipt)
_CERTIFICATE_KINDS = msgspec.json.Decoder(list[CertificateKind])
_CERTIFICATE = msgspec.json.Decoder(Certificate)
_MAILING_RECEIPT = msgspec.json.Decoder(MailingReceipt)

_HALL = msgspec.json.Decoder(HallInfo)
_ITEMS = msgspec.json.Decoder(list[ServiceItem])
_ITEM = msgspec.json.Decoder(ServiceItem)
_CASE = msgspec.json.Decoder(Case)
_CASES = msgspec.json.Decoder(list[Case])
_ERROR = msgspec.json.Decoder(dict[str, Any])
_PICKUP_ANSWER = msgspec.json.Decoder(PickupAnswer)
_COLLECT_ANSWER = msgspec.json.Decoder(CollectAnswer)
_SLOTS = msgspec.json.Decoder(list[int])
_DEPOSIT = msgspec.json.Decoder(Deposit)
PICKUP_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
_BOOKING = msgspec.json.Decoder(Booking)
_BOOKINGS = msgspec.json.Decoder(list[Booking])
_REFUSAL = msgspec.json.Decoder(Refusal)
_BOOKING_NO = re.compile(BOOKING_NO)


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes
    attempts: int


class _Failed(Exception):
    """An attempt failed in a way worth retrying: ``error`` is what the caller gets if no retry is left."""

    def __init__(self, error: BackendError) -> None:
        super().__init__(str(error))
        self.error = error


class HttpBackend:
    """:class:`~kiosk.backend.model.Backend` of the platform at ``base_url`` (its API's root:
    ``https://zwfw.example.gov.cn/kiosk/v1``).

    ``timeout_s`` bounds every call whole; ``retries`` is how many times a failed attempt may be
    repeated within it (see the module's docstring); ``token``, if given, is sent as
    ``Authorization: Bearer …``; ``transport`` replaces httpx's network (tests). Proxy settings of
    the environment are not used: the platform is reached at the address configured.
    """

    def __init__(self, base_url: str, timeout_s: float = 8.0, retries: int = 1, token: str | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        if not timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, not {timeout_s!r}")
        if retries < 0:
            raise ValueError(f"retries cannot be negative: {retries!r}")
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.base_url = str(url)
        self.timeout_s = float(timeout_s)
        self.retries = retries
        headers = {"Accept": "application/json", "User-Agent": f"zizhu-kiosk/{__version__}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(base_url=url, headers=headers, transport=transport, trust_env=False,
                                    follow_redirects=False, timeout=self.timeout_s)
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="backend-http")
        self._closed = threading.Event()

    # ----------------------------------------------------------------------------------------
    # Photos and materials (kiosk.backend.photo, .materials): pictures travel in bodies only, never in logs
    # ----------------------------------------------------------------------------------------

    def attach_photo(self, case_no: str, upload: PhotoUpload) -> PhotoReceipt:
        if not CASE_NO.fullmatch(case_no):
            raise NotFound("POST /cases/…/photo: not a case number (6 to 24 digits)")
        what = f"POST /cases/{case_no}/photo"

        def decode(body: bytes) -> PhotoReceipt:
            found = _PHOTO_RECEIPT.decode(body)
            if found.case_no != case_no or found.photo_id != upload.photo_id:
                raise BackendError(f"{what}: the platform answered another case or photo")
            return found

        # Retried safely: photo_id is the idempotency key, a repeat attaches once (docs/kiosk-backend.md).
        return self._call(what, "POST", f"cases/{case_no}/photo", decode, body=msgspec.json.encode(upload),
                          not_found=True)

    def attach_materials(self, case_no: str, upload: MaterialsUpload) -> MaterialsReceipt:
        if not CASE_NO.fullmatch(case_no):
            raise NotFound("POST /cases/…/materials: not a case number (6 to 24 digits)")
        what = f"POST /cases/{case_no}/materials"

        def decode(body: bytes) -> MaterialsReceipt:
            found = _MATERIALS_RECEIPT.decode(body)
            if (found.case_no, found.submission_id, found.pages) != (case_no, upload.submission_id, upload.pages):
                raise BackendError(f"{what}: the platform answered another case, submission or page count")
            return found

        # Retried safely: submission_id is the idempotency key, a repeat attaches once (docs/kiosk-backend.md).
        return self._call(what, "POST", f"cases/{case_no}/materials", decode, body=msgspec.json.encode(upload),
                          not_found=True)

    # ----------------------------------------------------------------------------------------
    # Certificates (kiosk.backend.certificates): the card's number travels in the body only
    # ----------------------------------------------------------------------------------------

    def certificate_kinds(self) -> list[CertificateKind]:
        return self._call("GET /certificates/kinds", "GET", "certificates/kinds", _CERTIFICATE_KINDS.decode)

    def certificate(self, kind: str, id_number: str) -> Certificate:
        if not re.match(KIND_CODE, kind):
            raise NotFound("POST /certificates: not a certificate kind (a lower-case code)")
        what = f"POST /certificates ({kind})"

        def decode(body: bytes) -> Certificate:
            found = _CERTIFICATE.decode(body)
            if found.kind != kind or found.holder_id != id_number:
                raise BackendError(f"{what}: the platform answered another kind or holder")
            return found

        body = msgspec.json.encode({"kind": kind, "id_number": id_number})
        return self._call(what, "POST", "certificates", decode, body=body, not_found=True, secret=id_number)

    # ----------------------------------------------------------------------------------------
    # Mailing (kiosk.backend.mailing): the address, phone and ID number in the body only, never in logs
    # ----------------------------------------------------------------------------------------

    def mail_request(self, case_no: str, request: MailingRequest) -> MailingReceipt:
        if not CASE_NO.fullmatch(case_no):
            raise NotFound("POST /cases/…/mailing: not a case number (6 to 24 digits)")
        what = f"POST /cases/{case_no}/mailing"

        def decode(body: bytes) -> MailingReceipt:
            found = _MAILING_RECEIPT.decode(body)
            if (found.case_no, found.request_id) != (case_no, request.request_id):
                raise BackendError(f"{what}: the platform answered another case or request")
            return found

        # Retried safely: request_id is the idempotency key, a repeat makes one request (docs/kiosk-backend.md).
        return self._call(what, "POST", f"cases/{case_no}/mailing", decode, body=msgspec.json.encode(request),
                          not_found=True, secret=request.id_number)

    def withdraw_mailing(self, request_no: str, request_id: str) -> None:
        if not re.fullmatch(r"[0-9A-Za-z-]{4,40}", request_no):
            raise NotFound("POST /mailings/…/withdraw: not a request number")
        what = f"POST /mailings/{request_no}/withdraw"
        self._call(what, "POST", f"mailings/{request_no}/withdraw", lambda _b: None,
                   body=msgspec.json.encode({"request_id": request_id}), not_found=True)

    # ----------------------------------------------------------------------------------------
    # The Backend protocol
    # ----------------------------------------------------------------------------------------

    def hall(self) -> HallInfo:
        return self._call("GET /hall", "GET", "hall", _HALL.decode)

    def items(self) -> list[ServiceItem]:
        return self._call("GET /items", "GET", "items", _ITEMS.decode)

    def item(self, code: str) -> ServiceItem:
        path = "items/" + quote(code, safe="")
        what = "GET /" + path

        def decode(body: bytes) -> ServiceItem:
            found = _ITEM.decode(body)
            if found.code != code:
                raise BackendError(f"{what}: the platform answered item {quote(found.code, safe='')}")
            return found

        if not 1 <= len(code) <= 64:  # the model's bounds: nothing else can be an item
            raise NotFound(f"{what}: not an item code (1 to 64 characters)")
        return self._call(what, "GET", path, decode, not_found=True)

    def case(self, case_no: str) -> Case:
        if not CASE_NO.fullmatch(case_no):  # the model's pattern: nothing else can be a case
            raise NotFound("GET /cases/…: not a case number (6 to 24 digits)")
        what = f"GET /cases/{case_no}"

        def decode(body: bytes) -> Case:
            found = _CASE.decode(body)
            if found.case_no != case_no:
                raise BackendError(f"{what}: the platform answered case {found.case_no}")
            _naive_times(what, found, "$")
            return found

        return self._call(what, "GET", "cases/" + case_no, decode, not_found=True)

    def cases_of(self, id_number: str) -> list[Case]:
        what = "POST /cases/search"

        def decode(body: bytes) -> list[Case]:
            found = _CASES.decode(body)
            for i, c in enumerate(found):
                _naive_times(what, c, f"$[{i}]")
            return found

        body = msgspec.json.encode({"id_number": id_number})
        return self._call(what, "POST", "cases/search", decode, body=body, secret=id_number)

    # The locker (kiosk.backend.locker): the code and the card's number travel in bodies only.

    def find_pickup(self, code: str, id_number: str) -> PickupAnswer:
        body = msgspec.json.encode({"code": code, "id_number": id_number})
        # Not retried: the platform counts a wrong code, and a lost answer must not count it twice.
        return self._call("POST /pickups/find", "POST", "pickups/find", _PICKUP_ANSWER.decode, body=body,
                          secret=id_number, retry=False)

    def record_pickup(self, pickup_id: str, collection: Collection) -> CollectAnswer:
        if not PICKUP_ID.fullmatch(pickup_id):
            raise NotFound("POST /pickups/…/collected: not a pickup id")
        what = f"POST /pickups/{pickup_id}/collected"

        def decode(body: bytes) -> CollectAnswer:
            found = _COLLECT_ANSWER.decode(body)
            if found.pickup is not None and found.pickup.pickup_id != pickup_id:
                raise BackendError(f"{what}: the platform answered pickup {found.pickup.pickup_id}")
            return found

        # Retried safely: the open record is the key, a repeat records once (docs/kiosk-backend.md).
        return self._call(what, "POST", f"pickups/{pickup_id}/collected", decode,
                          body=msgspec.json.encode(collection), not_found=True)

    def slots_in_use(self) -> list[int]:
        return self._call("GET /locker/slots", "GET", "locker/slots", _SLOTS.decode)

    def record_deposit(self, deposit: DepositRequest) -> Deposit:
        what = "POST /deposits"

        def decode(body: bytes) -> Deposit:
            found = _DEPOSIT.decode(body)
            if found.case_no != deposit.case_no or found.slot != deposit.slot:
                raise BackendError(f"{what}: the platform answered another case or slot")
            return found

        return self._call(what, "POST", "deposits", decode, body=msgspec.json.encode(deposit), not_found=True)

    # ----------------------------------------------------------------------------------------

    def close(self) -> None:
        """End the client; calls after this raise :class:`BackendError`. Idempotent."""
        if self._closed.is_set():
            return
        self._closed.set()  # also ends a back-off in progress
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, tp: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"HttpBackend({self.base_url!r}, timeout_s={self.timeout_s:g}, retries={self.retries})"

    # ----------------------------------------------------------------------------------------
    # Appointments (kiosk.backend.appointments): the person in bodies only, a refusal is a 409
    # ----------------------------------------------------------------------------------------

    def book(self, request: BookingRequest) -> Booking:
        # Retried safely: request_id is the idempotency key, a repeat books once.
        return self._call("POST /appointments", "POST", "appointments", _BOOKING.decode,
                          body=msgspec.json.encode(request), not_found=True, conflict=_refused)

    def bookings_of(self, id_number: str) -> list[Booking]:
        return self._call("POST /appointments/search", "POST", "appointments/search", _BOOKINGS.decode,
                          body=msgspec.json.encode(CardLookup(id_number=id_number)), secret=id_number)

    def cancel_booking(self, booking_no: str, id_number: str) -> Booking:
        if not _BOOKING_NO.match(booking_no):
            raise AppointmentRefused("not_yours", "POST /appointments/…/cancel: not a booking number")
        what = f"POST /appointments/{booking_no}/cancel"

        def decode(body: bytes) -> Booking:
            found = _BOOKING.decode(body)
            if found.booking_no != booking_no:
                raise BackendError(f"{what}: the platform answered another booking")
            return found

        # Retried safely: cancelling a cancelled booking answers it again.
        return self._call(what, "POST", f"appointments/{booking_no}/cancel", decode,
                          body=msgspec.json.encode(CardLookup(id_number=id_number)), secret=id_number,
                          conflict=_refused)

    # ----------------------------------------------------------------------------------------
    # One call
    # ----------------------------------------------------------------------------------------

    def _call(self, what: str, method: str, path: str, decode: Callable[[bytes], T], *,
              body: bytes | None = None, not_found: bool = False, secret: str = "", retry: bool = True,
              conflict: Callable[[str, bytes], BackendError] | None = None) -> T:
        """``what`` (method and path, no personal data) names the call in messages and the log;
        ``secret``, if the server echoes it in an error, is masked there; ``conflict`` makes the error
        of a ``409`` (the platform's refusal) from its body."""
        start = time.monotonic()
        deadline = start + self.timeout_s
        if self._closed.is_set():
            raise BackendError(f"{what}: the platform's adapter is closed")
        try:
            retries = self.retries if retry else 0
            future: Future[_Answer] = self._pool.submit(
                lambda: self._exchange(what, method, path, body, deadline, retries=retries))
        except RuntimeError:  # shut down meanwhile
            raise BackendError(f"{what}: the platform's adapter is closed") from None
        try:
            answer = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            future.cancel()  # the attempt under way ends by its own timeouts, its answer unread
            raise self._fail(BackendTimeout(f"{what}: no answer within {self.timeout_s:g} s"), start) from None
        except BackendError as failed:
            raise self._fail(failed, start) from None
        except Exception as exc:  # the client closed under the call, a bug: still the protocol's error
            raise self._fail(BackendError(f"{what}: {type(exc).__name__}: {mask_text(str(exc))[:200]}"),
                             start) from exc
        n = _attempts(answer.attempts)
        if answer.status == 200:
            try:
                result = decode(answer.body)
            except msgspec.DecodeError as exc:  # ValidationError too: the message says what and where
                raise self._fail(BackendError(f"{what}: malformed answer: {exc}"), start) from None
            except BackendError as wrong:  # decoded, but not what was asked for
                raise self._fail(wrong, start) from None
            log.debug("%s: %d bytes in %.2f s (%s)", what, len(answer.body), time.monotonic() - start, n)
            return result
        detail = _error_text(answer.body, secret)
        if answer.status == 409 and conflict is not None:
            error: BackendError = conflict(what, answer.body)
        elif answer.status == 404 and not_found:
            error = NotFound(f"{what}: not found" + (f" ({detail})" if detail else ""))
        elif answer.status == 404:
            error = BackendError(f"{what}: HTTP 404: no such endpoint (check the base URL {self.base_url})")
        else:
            error = BackendError(f"{what}: HTTP {answer.status} after {n}" + (f": {detail}" if detail else ""))
        raise self._fail(error, start)

    def _fail(self, error: BackendError, start: float | None = None) -> BackendError:
        """``error``, logged (once: every failure of a call passes here exactly once)."""
        took = f" after {time.monotonic() - start:.2f} s" if start is not None else ""
        if isinstance(error, NotFound):
            log.info("%s%s", error, took)
        else:
            log.warning("platform call failed%s: %s", took, error)
        return error

    def _exchange(self, what: str, method: str, path: str, body: bytes | None, deadline: float, *,
                  retries: int) -> _Answer:
        """The attempts of one call, on a worker thread: the last answer, or the last failure raised."""
        attempt = 0
        while True:
            attempt += 1
            outcome: _Answer | BackendError
            try:
                outcome = _Answer(*self._attempt(what, method, path, body, deadline), attempt)
                if outcome.status not in RETRY_STATUSES:
                    return outcome
                why = f"HTTP {outcome.status}"
            except _Failed as exc:
                outcome, why = exc.error, str(exc.error)
            pause = min(BACKOFF_S * 2 ** (attempt - 1), MAX_BACKOFF_S)
            if (attempt > retries or deadline - time.monotonic() < pause + MIN_ATTEMPT_S
                    or self._closed.is_set()):
                if isinstance(outcome, _Answer):
                    return outcome  # reported with its status by the caller
                raise type(outcome)(f"{outcome} ({_attempts(attempt)})")
            log.debug("%s: retrying in %.2f s: %s", what, pause, why)
            if self._closed.wait(pause):
                raise BackendError(f"{what}: the platform's adapter is closed")

    def _attempt(self, what: str, method: str, path: str, body: bytes | None,
                 deadline: float) -> tuple[int, bytes]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Failed(BackendTimeout(f"{what}: no answer within {self.timeout_s:g} s"))
        timeout = httpx.Timeout(left, connect=min(left, self.timeout_s / 2))
        headers = {"Content-Type": "application/json"} if body is not None else None
        try:
            request = self._client.build_request(method, path, content=body, headers=headers, timeout=timeout)
            response = self._client.send(request, stream=True)
            try:
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_BODY:
                        raise BackendError(f"{what}: answer larger than {MAX_BODY // (1024 * 1024)} MB")
                    if time.monotonic() > deadline:
                        raise _Failed(BackendTimeout(f"{what}: answer not complete within {self.timeout_s:g} s"))
                    chunks.append(chunk)
                return response.status_code, b"".join(chunks)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise _Failed(BackendTimeout(f"{what}: {_describe(exc)} within {self.timeout_s:g} s")) from None
        except httpx.TransportError as exc:  # connection refused or reset, protocol errors: worth a retry
            raise _Failed(BackendError(f"{what}: {_describe(exc)}")) from None
        except httpx.HTTPError as exc:  # anything else of httpx (a bad URL): not worth one
            raise BackendError(f"{what}: {_describe(exc)}") from None


def _attempts(n: int) -> str:
    return f"{n} attempt{'s' if n != 1 else ''}"


def _describe(exc: httpx.HTTPError) -> str:
    names: dict[type[httpx.HTTPError], str] = {httpx.ConnectTimeout: "no connection", httpx.ReadTimeout: "no answer",
             httpx.WriteTimeout: "request not sent", httpx.PoolTimeout: "no free connection",
             httpx.ConnectError: "cannot connect"}
    text = names.get(type(exc), type(exc).__name__)
    detail = str(exc)
    return f"{text} ({mask_text(detail)[:200]})" if detail and type(exc) is not httpx.ReadTimeout else text


def _error_text(body: bytes, secret: str) -> str:
    """The server's ``{"error": "…"}``, masked and short; "" when there is none."""
    try:
        doc = _ERROR.decode(body)
    except msgspec.DecodeError:
        return ""
    text = doc.get("error")
    if not isinstance(text, str):
        return ""
    if secret:
        text = text.replace(secret, mask_id_number(secret))
    text = mask_text(" ".join(text.split()))
    return text if len(text) <= 200 else text[:197] + "..."


def _refused(what: str, body: bytes) -> BackendError:
    """A ``409``: the platform's refusal with its code; a body without one is the protocol's error."""
    try:
        r = _REFUSAL.decode(body)
    except msgspec.DecodeError:
        return BackendError(f"{what}: HTTP 409 without a refusal's code")
    return AppointmentRefused(r.code, f"{what}: refused: {r.code}")


def _naive_times(what: str, case: Case, where: str) -> None:
    """The model's times are the hall's local time without an offset (docs/kiosk-backend.md § Bodies)."""
    for i, step in enumerate(case.steps):
        if step.time.tzinfo is not None:
            raise BackendError(f"{what}: malformed answer: a time with a UTC offset at `{where}.steps[{i}].time`; "
                               f"expected the hall's local time without one")


if TYPE_CHECKING:
    def _is_a_backend(backend: HttpBackend) -> Backend:  # mypy checks that the adapter is one
        return backend

    def _is_a_photo_backend(backend: HttpBackend) -> PhotoBackend:
        return backend

    def _is_a_locker_backend(backend: HttpBackend) -> LockerBackend:
        return backend

    def _is_a_certificate_backend(backend: HttpBackend) -> CertificateBackend:
        return backend

    def _is_a_materials_backend(backend: HttpBackend) -> MaterialsBackend:
        return backend

    def _is_a_mailing_backend(backend: HttpBackend) -> MailingBackend:
        return backend

    def _is_an_appointment_backend(backend: HttpBackend) -> AppointmentBackend:
        return backend
