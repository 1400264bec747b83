"""The local status channel: a Unix socket between the agent and whatever owns the devices.

The kiosk app (or the headless device host, ``zizhu agent --devices``) connects to the agent's
socket (``[agent] socket_path``) and speaks **newline-delimited JSON**, one object per line,
UTF-8, at most ``MAX_LINE`` bytes a line. Every object has a ``type``.

App → agent:

============  ==================================================================================
``hello``     ``{"type": "hello", "role": "kiosk"|"devicehost", "pid": 1234, "version": "0.1.0"}``
``heartbeat`` ``{"type": "heartbeat", "out_of_service": false}`` — from the app's UI thread, at
              least every ``app_frozen_after_s`` / 3; older than ``app_frozen_after_s`` = frozen
``devices``   ``{"type": "devices", "devices": [<device status>, …]}`` — every device the app
              owns, each a :mod:`wire.status` model (``kind`` selects printer/idcard/…)
``result``    ``{"type": "result", "id": "c1", "ok": true, "detail": "…", "data": {…}}`` — the
              answer to a ``command``
``rating``    ``{"type": "rating", "id": "<uuid4>", "item_code": "…", "item_name": "…", "level": 1..5,
              "tags": ["…"], "case_no": "…"|null, "rated_at": "2026-12-04T11:30:00+08:00"}`` — one
              rating (好差评, 5 非常满意 … 1 非常不满意); the rater is not named
``event``     ``{"type": "event", "id": "<uuid4>", "code": "printer.receipt.roll_replaced",
              "detail": "technician T01"}`` — an occurrence (:func:`wire.contract.is_occurrence_code`),
              no fault state: the agent spools it as an ``event`` of action ``occurred`` (a new paper
              roll, for the hall's forecast) and, when ``id`` is given, answers ``accepted`` or
              ``refused`` like a rating (without ``id``: no answer, as before)
``complaint`` ``{"type": "complaint", "id": "<uuid4>", "category": "办不成事"|"蜗牛办事"|"投诉"|"建议"|"其他",
              "matter": "…", "phone_sealed": "<base64 sealed box>", "case_no": "…"|null,
              "filed_at": "…+08:00"}`` — the phone number sealed to the hall (:mod:`wire.feedback`)
============  ==================================================================================

Agent → app:

============  ==================================================================================
``welcome``   ``{"type": "welcome", "terminal": "t01", "out_of_service": false,
              "heartbeat_s": 5.0}`` — once, on connect
``command``   ``{"type": "command", "id": "c1", "action": "self_test", "device": "printer",
              "params": {}, "expires_at": "…"}`` — answer with a ``result`` of the same id
``notice``    ``{"type": "notice", "notice": {…} | null}`` — the hall's public outage notice
``error``     ``{"type": "error", "reason": "…"}`` — the last line was refused; the connection stays
``accepted``  ``{"type": "accepted", "id": "<uuid4>", "seq": 17}`` — that rating, complaint or event is in the
              agent's durable spool: it reaches the hall (the kiosk may now say 已提交)
``refused``   ``{"type": "refused", "id": "<uuid4>", "reason": "…", "retry": false}`` — that rating or
              complaint was not taken: out of contract (the reason names the field, never its
              content), or ``retry: true`` when the agent's disk refuses writes (it holds the message
              in memory and may still deliver it, but cannot promise it: the kiosk promises nothing)
============  ==================================================================================

A rating or complaint is answered with ``accepted`` or ``refused`` naming its ``id`` (also when the
line was out of schema but its ``type`` and ``id`` could be read). Sending the same ``id`` again
(the kiosk did not hear the answer) is harmless: the hall stores each ``id`` once.

A line that is not JSON, not an object, or out of this schema is refused with an ``error`` line
and logged (its length and the reason, never its content: it may hold personal data); the
connection and the agent carry on. A line over ``MAX_LINE`` is discarded up to its newline.
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
import socket
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

from ground.clock import utcnow
from ground.configbase import split_error
from wire.contract import CommandAction, is_fault_code, is_occurrence_code
from wire.feedback import (
    SEALED_PATTERN,
    SEALED_RECORD_PATTERN,
    UUID_PATTERN,
    Category,
    Service,
    check_texts,
    check_time,
)
from wire.status import AnyDeviceStatus

log = logging.getLogger("zizhu.agent.local")

MAX_LINE = 1024 * 1024
LOGGED_REFUSALS = 10  # per connection; after that every 100th


class _Msg(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, tag_field="type"):
    """``type`` on the wire selects the class (each class's ``tag``)."""

    @property
    def type(self) -> str:
        tag = self.__struct_config__.tag
        assert isinstance(tag, str)
        return tag


class Hello(_Msg, tag="hello", frozen=True):
    role: Literal["kiosk", "devicehost"] = "kiosk"
    pid: Annotated[int, Meta(ge=1)] | None = None
    version: Annotated[str, Meta(max_length=64)] = ""


class Heartbeat(_Msg, tag="heartbeat", frozen=True):
    out_of_service: bool = False


class Devices(_Msg, tag="devices", frozen=True):
    devices: Annotated[list[AnyDeviceStatus], Meta(max_length=64)]


class Result(_Msg, tag="result", frozen=True):
    id: Annotated[str, Meta(min_length=1, max_length=64)]
    ok: bool
    detail: Annotated[str, Meta(max_length=2000)] = ""
    data: dict[str, Any] = {}


FeedbackId = Annotated[str, Meta(pattern=UUID_PATTERN, description="chosen by the kiosk: the idempotency key")]
CaseNo = Annotated[str, Meta(min_length=1, max_length=64)]
Tag = Annotated[str, Meta(min_length=1, max_length=32)]
LocalTime = Annotated[datetime, Meta(tz=True, description="the terminal's local time, with its UTC offset")]


class Rating(_Msg, tag="rating", frozen=True, kw_only=True):
    """One rating of one service (一次一评). No field names the rater."""

    id: FeedbackId
    item_code: Annotated[str, Meta(min_length=1, max_length=64)]
    item_name: Annotated[str, Meta(min_length=1, max_length=200)]
    level: Annotated[int, Meta(ge=1, le=5, description="5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意")]
    tags: Annotated[list[Tag], Meta(max_length=16)] = []
    case_no: CaseNo | None = None
    rated_at: LocalTime

    def __post_init__(self) -> None:
        check_time("rated_at", self.rated_at)
        check_texts(item_code=self.item_code, item_name=self.item_name, tags=self.tags, case_no=self.case_no)


class Complaint(_Msg, tag="complaint", frozen=True, kw_only=True):
    """One complaint work order. The call-back number only ever travels sealed to the hall."""

    id: FeedbackId
    category: Category
    matter: Annotated[str, Meta(min_length=1, max_length=2000)]
    phone_sealed: Annotated[str, Meta(pattern=SEALED_PATTERN)]
    case_no: CaseNo | None = None
    filed_at: LocalTime

    def __post_init__(self) -> None:
        check_time("filed_at", self.filed_at)
        check_texts(matter=self.matter, case_no=self.case_no)


class Request(_Msg, tag="request", frozen=True, kw_only=True):
    """A service request (延时服务预约, its cancellation, 政务专递), already made with the back end (``ref``
    is its number there). The personal fields only ever travel in ``sealed`` (:func:`wire.feedback.seal_record`);
    ``name_masked`` is what the hall's lists may show."""

    id: FeedbackId
    service: Service
    ref: Annotated[str, Meta(min_length=1, max_length=64)]
    item_code: Annotated[str, Meta(max_length=64)] | None = None
    item_name: Annotated[str, Meta(max_length=200)] | None = None
    case_no: CaseNo | None = None
    day: date | None = None  # the appointment's day
    name_masked: Annotated[str, Meta(max_length=40)] = ""
    sealed: Annotated[str, Meta(pattern=SEALED_RECORD_PATTERN)]
    made_at: LocalTime

    def __post_init__(self) -> None:
        check_time("made_at", self.made_at)
        check_texts(ref=self.ref, item_code=self.item_code, item_name=self.item_name, case_no=self.case_no,
                    name_masked=self.name_masked)


class Event(_Msg, tag="event", frozen=True):
    """An occurrence the app saw (a technician confirmed a new paper roll): no fault state."""

    code: Annotated[str, Meta(min_length=3, max_length=128)]
    detail: Annotated[str, Meta(max_length=200)] = ""
    id: FeedbackId | None = None  # given: answered with accepted (in the durable spool) or refused


class Welcome(_Msg, tag="welcome", frozen=True):
    terminal: str
    out_of_service: bool = False
    heartbeat_s: float = 5.0


class Command(_Msg, tag="command", frozen=True):
    id: Annotated[str, Meta(min_length=1, max_length=64)]
    action: CommandAction
    device: str | None = None
    params: dict[str, Any] = {}
    expires_at: datetime | None = None


class Notice(_Msg, tag="notice", frozen=True):
    notice: dict[str, Any] | None = None


class Error(_Msg, tag="error", frozen=True):
    reason: str


class Accepted(_Msg, tag="accepted", frozen=True):
    """The rating or complaint ``id`` is in the agent's durable spool, numbered ``seq``."""

    id: str
    seq: int | None = None


class Refused(_Msg, tag="refused", frozen=True):
    id: str
    reason: str
    retry: bool = False  # the same message may be taken later (not durable now), unlike one out of contract


AppMessage = Hello | Heartbeat | Devices | Result | Rating | Complaint | Request | Event
AgentMessage = Welcome | Command | Notice | Error | Accepted | Refused
FEEDBACK_TYPES = ("rating", "complaint")
APP_MESSAGE: msgspec.json.Decoder[AppMessage] = msgspec.json.Decoder(AppMessage)
AGENT_MESSAGE: msgspec.json.Decoder[AgentMessage] = msgspec.json.Decoder(AgentMessage)
LineError = msgspec.DecodeError  # what APP_MESSAGE / AGENT_MESSAGE raise for a refused line
_encoder = msgspec.json.Encoder()


def encode(msg: _Msg) -> bytes:
    """One line of the channel. The sender's own messages are checked too, as the receiver would."""
    line = _encoder.encode(msg)
    msgspec.json.decode(line, type=type(msg))
    return line + b"\n"


def why_invalid(exc: msgspec.DecodeError) -> str:
    """The problem of a refused line, without echoing its content.

    msgspec names what was expected and where (``Expected `int` >= 1 - at `$.pid```); it quotes an
    unknown enum or tag value, so those are cut off: a line may hold personal data.
    """
    msg, path = split_error(exc)
    where = path.lstrip(".") or "(line)"
    for quoting in ("Invalid enum value", "Invalid value"):
        if msg.startswith(quoting):
            msg = quoting
            break
    if not isinstance(exc, msgspec.ValidationError):
        return f"not JSON: {msg}"
    return f"{where}: {msg}"


def out_of_contract(msg: AppMessage) -> str | None:
    """Why a decoded message could not travel on to the hall, or ``None``: refused here, where it enters.

    The line was valid JSON of the schema, but the agent must also be able to publish what it
    implies: every fault code a device status implies fits the wire contract, and every string
    can be encoded again (no lone surrogates).
    """
    try:
        _encoder.encode(msg)
    except (msgspec.EncodeError, UnicodeError, OverflowError, TypeError, ValueError) as exc:
        return f"cannot be passed on: {type(exc).__name__}"
    if isinstance(msg, Event) and not is_occurrence_code(msg.code):
        return "event: code is not an occurrence of the contract"
    if isinstance(msg, Devices):
        names = [d.name for d in msg.devices]
        if len(set(names)) != len(names):
            return "devices: a device name is reported twice"
        for d in msg.devices:
            bad = [code for code in d.faults() if not is_fault_code(code)]
            if bad:
                return f"devices: device {d.name!r} implies a fault code outside the contract"
    return None


def feedback_id(line: bytes) -> str | None:
    """The ``id`` of a rating or complaint line refused by the schema, so the refusal can name it."""
    try:
        doc = msgspec.json.decode(line)
    except (msgspec.DecodeError, UnicodeError, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or doc.get("type") not in FEEDBACK_TYPES:
        return None
    rid = doc.get("id")
    return rid if isinstance(rid, str) and 1 <= len(rid) <= 64 and rid.isprintable() else None


@dataclass
class Peer:
    """One connected app. Written by the server thread; read under the server's lock."""

    ident: int
    sock: socket.socket
    connected_at: float = field(default_factory=time.monotonic)
    hello: Hello | None = None
    last_heartbeat: float | None = None
    last_heartbeat_wall: datetime | None = None
    app_out_of_service: bool = False
    device_names: frozenset[str] = frozenset()
    refused_lines: int = 0
    buf: bytearray = field(default_factory=bytearray)
    discarding: bool = False
    send_lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, msg: _Msg) -> bool:
        with self.send_lock:
            try:
                self.sock.sendall(encode(msg))
                return True
            except OSError:
                return False


class LocalServer:
    """Accepts apps on the Unix socket and hands their validated messages to ``on_message``.

    ``on_message(peer, msg)`` and ``on_change()`` run on the server's thread and must be quick.
    """

    def __init__(self, path: str | Path, on_message: Callable[[Peer, AppMessage], None],
                 on_change: Callable[[], None], welcome: Callable[[], Welcome]) -> None:
        self.path = Path(path)
        self.on_message = on_message
        self.on_change = on_change
        self.welcome = welcome
        self.lock = threading.Lock()
        self.peers: dict[int, Peer] = {}
        self.refused_lines = 0
        self.loop_errors = 0
        self._next_id = 0
        self._sel = selectors.DefaultSelector()
        self._listener: socket.socket | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() or self.path.is_symlink():
            if not stat.S_ISSOCK(self.path.lstat().st_mode):
                raise OSError(f"{self.path} exists and is not a socket; refusing to replace it")
            self.path.unlink()  # a stale socket of an earlier agent
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(self.path))
        os.chmod(self.path, 0o660)  # the kiosk runs as another user of the same group
        listener.listen(8)
        listener.setblocking(False)
        self._listener = listener
        self._sel.register(listener, selectors.EVENT_READ, None)
        self._thread = threading.Thread(target=self._run, name="zizhu-agent-local", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(3)
        with self.lock:
            for peer in self.peers.values():
                peer.sock.close()
            self.peers.clear()
        if self._listener is not None:
            self._listener.close()
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._sel.close()

    def broadcast(self, msg: _Msg) -> int:
        with self.lock:
            peers = list(self.peers.values())
        return sum(p.send(msg) for p in peers)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for key, _ in self._sel.select(timeout=0.25):
                    if key.data is None:
                        self._accept()
                    else:
                        self._serve_peer(key.data)
            except Exception:  # the channel outlives any one bad turn; a peer that caused it was dropped
                self.loop_errors += 1
                log.exception("local channel: unexpected error (%d so far); carrying on", self.loop_errors)
                self._stop.wait(0.05)

    def _serve_peer(self, peer: Peer) -> None:
        try:
            self._read(peer)
        except Exception:
            log.exception("local channel: unexpected error reading connection %d; dropping it", peer.ident)
            self.loop_errors += 1
            self._drop(peer, "internal error")

    def _accept(self) -> None:
        assert self._listener is not None
        try:
            sock, _ = self._listener.accept()
        except OSError:
            return
        sock.setblocking(True)
        sock.settimeout(2.0)  # sends to an app that stopped reading give up instead of hanging us
        self._next_id += 1
        peer = Peer(self._next_id, sock)
        with self.lock:
            self.peers[peer.ident] = peer
        self._sel.register(sock, selectors.EVENT_READ, peer)
        log.info("app connected on the local channel (connection %d)", peer.ident)
        peer.send(self.welcome())
        self.on_change()

    def _drop(self, peer: Peer, why: str) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self._sel.unregister(peer.sock)
        peer.sock.close()
        with self.lock:
            self.peers.pop(peer.ident, None)
        log.info("app left the local channel (connection %d): %s", peer.ident, why)
        self.on_change()

    def _read(self, peer: Peer) -> None:
        try:
            chunk = peer.sock.recv(65536)
        except (TimeoutError, BlockingIOError):
            return
        except OSError as exc:
            self._drop(peer, str(exc))
            return
        if not chunk:
            self._drop(peer, "closed")
            return
        peer.buf += chunk
        while True:
            nl = peer.buf.find(b"\n")
            if nl < 0:
                if len(peer.buf) > MAX_LINE:
                    self._refuse(peer, f"line longer than {MAX_LINE} bytes", len(peer.buf))
                    peer.buf.clear()
                    peer.discarding = True
                return
            line = bytes(peer.buf[:nl])
            del peer.buf[:nl + 1]
            if peer.discarding:  # the tail of an overlong line
                peer.discarding = False
                continue
            if line.strip():
                self._handle_line(peer, line)

    def _handle_line(self, peer: Peer, line: bytes) -> None:
        if len(line) > MAX_LINE:
            self._refuse(peer, f"line longer than {MAX_LINE} bytes", len(line))
            return
        try:
            msg = APP_MESSAGE.decode(line)
        except msgspec.DecodeError as exc:
            self._refuse(peer, why_invalid(exc), len(line), feedback_id(line))
            return
        except (UnicodeError, ValueError, RecursionError) as exc:
            # msgspec lets an invalid UTF-8 byte inside a string through as UnicodeDecodeError
            self._refuse(peer, f"not UTF-8 JSON ({type(exc).__name__})", len(line))
            return
        problem = out_of_contract(msg)
        if problem is not None:
            waiting = msg.id if isinstance(msg, Rating | Complaint | Request | Event) else None
            self._refuse(peer, problem, len(line), waiting)
            return
        if isinstance(msg, Hello):
            peer.hello = msg
        elif isinstance(msg, Heartbeat):
            peer.last_heartbeat = time.monotonic()
            peer.last_heartbeat_wall = utcnow()
            peer.app_out_of_service = msg.out_of_service
        elif isinstance(msg, Devices):
            peer.device_names = frozenset(d.name for d in msg.devices)
        try:
            self.on_message(peer, msg)
        except Exception:
            log.exception("handling a %s message from the app failed", msg.type)

    def _refuse(self, peer: Peer, reason: str, length: int, answer_id: str | None = None) -> None:
        peer.refused_lines += 1
        self.refused_lines += 1
        n = peer.refused_lines
        # Every refusal is counted and answered; the log gets the first few and then every 100th,
        # so a broken or hostile local process cannot flood the journal.
        if n <= LOGGED_REFUSALS or n % 100 == 0:
            log.warning("refused a line of %d bytes on the local channel (connection %d, %d refused so far): %s",
                        length, peer.ident, n, reason)
        peer.send(Error(reason=reason) if answer_id is None else Refused(id=answer_id, reason=reason))
