"""A platform in a box: the JSON API of docs/kiosk-backend.md served from any
:class:`~kiosk.backend.model.Backend` (the demo's data, a test's stand-in) by the standard library.

For the tests of :class:`~kiosk.backend.http.HttpBackend` (a real server on a free port, real
sockets) and for demos: ``BackendServer(backend).start()``, then ``HttpBackend(server.url)``.
Not for production — a real platform implements the API itself.

Test knobs, which may be changed while it runs: ``delay_s`` (hang that long before answering),
``status_override`` (answer that status, ``{"error": …}``, to every request — or only to the next
``override_times`` ones), ``garbage`` (answer ``200`` with invalid JSON, or with the bytes given).
``requests`` lists the request lines seen (method, path and query: what an access log keeps).

A handler's error never stops the server: the request gets a ``500``. Requests are logged (at
debug level) by their request line, masked; bodies are never logged.
"""

from __future__ import annotations

import hmac
import logging
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Annotated, Any, Self
from urllib.parse import unquote, urlsplit

import msgspec

from ground.logs import mask_text
from kiosk.backend.appointments import AppointmentRefused, BookingRequest, CardLookup
from kiosk.backend.locker import Collection, DepositRequest
from kiosk.backend.mailing import REQUEST_ID, MailingRequest
from kiosk.backend.materials import MAX_PDF_BYTES, MaterialsUpload
from kiosk.backend.model import Backend, BackendError, BackendTimeout, NotFound
from kiosk.backend.photo import PhotoUpload

__all__ = ["BackendServer"]

log = logging.getLogger(__name__)

GARBAGE = b"<!DOCTYPE html><title>502 Bad Gateway</title>"  # what a proxy in the way answers
MAX_REQUEST_BODY = 256 * 1024  # a photo's JSON (kiosk.backend.photo) is the largest but one:
MAX_MATERIALS_BODY = MAX_PDF_BYTES * 4 // 3 + 4096  # the materials' PDF in base64 (kiosk.backend.materials)


class _Search(msgspec.Struct, forbid_unknown_fields=True):
    id_number: str


_SEARCH = msgspec.json.Decoder(_Search)
_PHOTO_UPLOAD = msgspec.json.Decoder(PhotoUpload)
_MATERIALS_UPLOAD = msgspec.json.Decoder(MaterialsUpload)


class _FindPickup(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    id_number: str


_FIND_PICKUP = msgspec.json.Decoder(_FindPickup)


class _CertificateAsk(msgspec.Struct, forbid_unknown_fields=True):
    kind: str
    id_number: str


_CERTIFICATE_ASK = msgspec.json.Decoder(_CertificateAsk)
_COLLECTION = msgspec.json.Decoder(Collection)
_DEPOSIT_REQUEST = msgspec.json.Decoder(DepositRequest)
_MAILING_REQUEST = msgspec.json.Decoder(MailingRequest)


class _Withdraw(msgspec.Struct, forbid_unknown_fields=True):
    request_id: Annotated[str, msgspec.Meta(pattern=REQUEST_ID)]


_WITHDRAW = msgspec.json.Decoder(_Withdraw)
_BOOKING_REQUEST = msgspec.json.Decoder(BookingRequest)
_CARD_LOOKUP = msgspec.json.Decoder(CardLookup)


def _decode(decoder: msgspec.json.Decoder[Any], body: bytes, what: str) -> Any:
    try:
        return decoder.decode(body)
    except msgspec.DecodeError as exc:
        raise _HttpError(400, f"bad {what}: {exc}") from None


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class BackendServer:
    """Serves ``backend`` at ``http://host:port`` + ``base_path`` (``port=0``: a free one) once started."""

    def __init__(self, backend: Backend, host: str = "127.0.0.1", port: int = 0, *, base_path: str = "",
                 token: str | None = None) -> None:
        self.backend = backend
        self.host = host
        self.port = port
        self.base_path = "/" + base_path.strip("/") if base_path.strip("/") else ""
        self.token = token  # if set, requests must carry ``Authorization: Bearer <token>``
        self.delay_s = 0.0
        self.status_override: int | None = None
        self.override_times: int | None = None  # None: every request while status_override is set
        self.garbage: bool | bytes = False
        self._lock = threading.Lock()
        self._requests: list[str] = []
        self._stopping = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------------------------------

    def start(self) -> Self:
        if self._httpd is not None:
            raise RuntimeError("the server is already started")
        self._stopping.clear()
        httpd = _Server((self.host, self.port), _Handler)
        httpd.owner = self
        self.port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"backend-server-{self.port}", daemon=True)
        self._thread.start()
        log.info("platform stand-in serving at %s", self.url)
        return self

    def stop(self) -> None:
        """Stop serving: hanging answers end, open connections are closed, handler threads joined."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()  # joins the handlers' threads
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    @property
    def url(self) -> str:
        """The API's root, for :class:`~kiosk.backend.http.HttpBackend`: ``http://127.0.0.1:PORT``."""
        if self._httpd is None:
            raise RuntimeError("the server is not started")
        return f"http://{self.host}:{self.port}{self.base_path}"

    @property
    def requests(self) -> list[str]:
        """The request lines seen so far (``GET /items HTTP/1.1``), oldest first."""
        with self._lock:
            return list(self._requests)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, tp: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # ----------------------------------------------------------------------------------------

    def _saw(self, line: str) -> None:
        with self._lock:
            self._requests.append(line)

    def _take_override(self) -> int | None:
        with self._lock:
            status = self.status_override
            if status is not None and self.override_times is not None:
                self.override_times -= 1
                if self.override_times <= 0:
                    self.status_override = self.override_times = None
            return status

    def _authorized(self, header: str | None) -> bool:
        if self.token is None:
            return True
        expected = f"Bearer {self.token}".encode()
        return header is not None and hmac.compare_digest(header.encode(), expected)

    def _photo(self, case_no: str, body: bytes) -> Any:
        """``POST cases/{case_no}/photo`` (kiosk.backend.photo), when the backend object takes photos."""
        attach = getattr(self.backend, "attach_photo", None)
        if attach is None:
            raise _HttpError(404, "no photos here")
        try:
            upload = _PHOTO_UPLOAD.decode(body)
        except msgspec.DecodeError as exc:
            raise _HttpError(400, f"bad photo: {exc}") from None
        return attach(case_no, upload)

    def _materials(self, case_no: str, body: bytes) -> Any:
        """``POST cases/{case_no}/materials`` (kiosk.backend.materials), when the backend object takes them."""
        attach = getattr(self.backend, "attach_materials", None)
        if attach is None:
            raise _HttpError(404, "no materials here")
        return attach(case_no, _decode(_MATERIALS_UPLOAD, body, "materials"))

    def _mailing(self, parts: list[str], body: bytes) -> Any:
        """``POST cases/{case_no}/mailing`` and ``POST mailings/{request_no}/withdraw``
        (kiosk.backend.mailing), when the backend object mails."""
        b: Any = self.backend
        if not hasattr(b, "mail_request"):
            raise _HttpError(404, "no mailing here")
        if parts[0] == "cases":
            return b.mail_request(unquote(parts[1]), _decode(_MAILING_REQUEST, body, "mailing request"))
        b.withdraw_mailing(unquote(parts[1]), _decode(_WITHDRAW, body, "withdrawal").request_id)
        return None

    def _answer(self, method: str, path: str, body: bytes) -> Any:
        """What the API answers ``method path``: the object to encode, or :class:`_HttpError`."""
        if not path.startswith(self.base_path + "/"):
            raise _HttpError(404, "no such endpoint")
        parts = path[len(self.base_path) + 1:].split("/")
        match method, parts:
            case "GET", ["hall"]:
                return self.backend.hall()
            case "GET", ["items"]:
                return self.backend.items()
            case "GET", ["items", code] if code:
                return self.backend.item(unquote(code))
            case "POST", ["cases", "search"]:
                try:
                    search = _SEARCH.decode(body)
                except msgspec.DecodeError as exc:
                    raise _HttpError(400, f"bad search: {exc}") from None
                return self.backend.cases_of(search.id_number)
            case "POST", ["cases", case_no, "photo"]:
                return self._photo(unquote(case_no), body)
            case "POST", ["cases", case_no, "materials"]:
                return self._materials(unquote(case_no), body)
            case "POST", ["cases", case_no, "mailing"] | ["mailings", case_no, "withdraw"]:
                return self._mailing(parts, body)
            case "GET", ["cases", case_no] if case_no and case_no != "search":
                return self.backend.case(unquote(case_no))
            case "GET", ["certificates", "kinds"]:
                return self._certificates().certificate_kinds()
            case "POST", ["certificates"]:
                ask = _decode(_CERTIFICATE_ASK, body, "certificate request")
                return self._certificates().certificate(ask.kind, ask.id_number)
            case ("POST", ["pickups", "find"] | ["pickups", _, "collected"] | ["deposits"]) | ("GET", ["locker",
                                                                                                  "slots"]):
                return self._locker(method, parts, body)
            case "POST", ["appointments"] | ["appointments", "search"] | ["appointments", _, "cancel"]:
                return self._appointments(parts, body)
            case _, (["appointments"] | ["appointments", "search"] | ["appointments", _, "cancel"]):
                raise _HttpError(405, f"{method} not allowed here")
            case _, (["hall"] | ["items"] | ["items", _] | ["cases", "search"] | ["cases", _] | ["pickups", "find"]
                     | ["pickups", _, "collected"] | ["deposits"] | ["locker", "slots"] | ["certificates"]
                     | ["certificates", "kinds"]):
                raise _HttpError(405, f"{method} not allowed here")
        raise _HttpError(404, "no such endpoint")

    def _certificates(self) -> Any:
        """The backend object, when it issues certificates (kiosk.backend.certificates)."""
        if not hasattr(self.backend, "certificate_kinds"):
            raise _HttpError(404, "no certificates here")
        return self.backend

    def _locker(self, method: str, parts: list[str], body: bytes) -> Any:
        """The locker's endpoints, served when the backend object has them (kiosk.backend.locker)."""
        b: Any = self.backend
        if not hasattr(b, "find_pickup"):
            raise _HttpError(404, "no locker here")
        match method, parts:
            case "POST", ["pickups", "find"]:
                find = _decode(_FIND_PICKUP, body, "pickup lookup")
                return b.find_pickup(find.code, find.id_number)
            case "POST", ["pickups", pickup_id, "collected"]:
                return b.record_pickup(unquote(pickup_id), _decode(_COLLECTION, body, "collection"))
            case "POST", ["deposits"]:
                return b.record_deposit(_decode(_DEPOSIT_REQUEST, body, "deposit"))
        return b.slots_in_use()


    def _appointments(self, parts: list[str], body: bytes) -> Any:
        """The appointments' endpoints (kiosk.backend.appointments), when the backend object books."""
        b: Any = self.backend
        if not hasattr(b, "book"):
            raise _HttpError(404, "no appointments here")
        match parts:
            case ["appointments"]:
                return b.book(_decode(_BOOKING_REQUEST, body, "booking"))
            case ["appointments", "search"]:
                return b.bookings_of(_decode(_CARD_LOOKUP, body, "booking search").id_number)
        return b.cancel_booking(unquote(parts[1]), _decode(_CARD_LOOKUP, body, "cancellation").id_number)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # joined by server_close, after close_connections ends them
    block_on_close = True
    owner: BackendServer

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        conn, addr = super().get_request()
        with self._open_lock:
            self._open.add(conn)
        return conn, addr

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End every open connection (kept-alive ones wait for a next request that never comes)."""
        with self._open_lock:
            conns = list(self._open)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]  # its traceback may hold a request's personal data: the kind is enough
        log.warning("platform stand-in: a connection failed: %s", type(exc).__name__)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle kept-alive connection ends after this
    server: _Server

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        owner = self.server.owner
        owner._saw(self.requestline)
        try:
            body = self._body()
            if owner.delay_s > 0 and owner._stopping.wait(owner.delay_s):
                self.close_connection = True
                return  # stopping: no answer
            status: int
            payload: bytes
            if not owner._authorized(self.headers.get("Authorization")):
                status, payload = 401, _error("unauthorized: a bearer token is required")
            elif (override := owner._take_override()) is not None:
                status, payload = override, _error(f"status {override} (test override)")
            elif owner.garbage:
                status, payload = 200, owner.garbage if isinstance(owner.garbage, bytes) else GARBAGE
            else:
                status, payload = self._dispatch(method, body)
        except _HttpError as exc:
            status, payload = exc.status, _error(str(exc))
        except Exception as exc:  # a bug of the backend object: the server goes on
            log.warning("platform stand-in: %s failed: %s", mask_text(self.requestline), type(exc).__name__)
            status, payload = 500, _error("internal error")
        self._send(status, payload)

    def _dispatch(self, method: str, body: bytes) -> tuple[int, bytes]:
        path = urlsplit(self.path).path
        try:
            return 200, msgspec.json.encode(self.server.owner._answer(method, path, body))
        except _HttpError as exc:
            return exc.status, _error(str(exc))
        except NotFound as exc:
            return 404, _error(str(exc))
        except AppointmentRefused as exc:  # the platform said no, with its code (kiosk.backend.appointments)
            return 409, msgspec.json.encode({"error": mask_text(str(exc)), "code": exc.code})
        except BackendTimeout as exc:
            return 504, _error(str(exc))
        except BackendError as exc:
            return 502, _error(str(exc))

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            n = int(length)
        except ValueError:
            raise _HttpError(400, "bad Content-Length") from None
        limit = MAX_MATERIALS_BODY if urlsplit(self.path).path.endswith("/materials") else MAX_REQUEST_BODY
        if not 0 <= n <= limit:
            self.close_connection = True  # the body is not read: the connection cannot go on
            raise _HttpError(413, f"request body of {n} bytes; at most {limit}")
        return self.rfile.read(n)

    def _send(self, status: int, payload: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client gave up (a timeout): nothing to answer to
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("platform stand-in: %s", mask_text(format % args))


def _error(message: str) -> bytes:
    return msgspec.json.encode({"error": mask_text(message)})
