"""The MQTT wire contract between terminals and the hall — the one module both sides import.

Topic root ``zizhu/v1/{hall}/{terminal}/``:

======================  ===  ========  ==========  =================================================
topic                   QoS  retained  from        content
======================  ===  ========  ==========  =================================================
``state``               1    yes       agent, LWT  birth ``online: true`` / will ``online: false``
``status``              1    yes       agent       full snapshot (devices, host, app), on change + beat
``event``               1    no        agent       one fault raised or cleared, per-terminal ``seq``
``cmd``                 1    no        hall        remote command, with an expiry
``cmd/result``          1    no        agent       the command's result, numbered like events
``ack``                 1    yes       hall        the highest ``seq`` the hall has stored, contiguous
``rating``              1    no        agent       one rating (好差评) from the kiosk, numbered like events
``complaint``           1    no        agent       one complaint work order, phone sealed, numbered
``zizhu/v1/{hall}/notice`` 1 yes       hall        public outage notice; empty payload when none
======================  ===  ========  ==========  =================================================

Every payload carries ``v`` (schema version), ``ts`` (UTC, ISO 8601) and the terminal id (the
notice carries the hall id). Payloads are validated on the way out (construction) and on the way
in (:func:`decode`); anything out of contract raises :class:`ContractError`.

End-to-end acknowledgement: the agent keeps every event and command result in its spool until
the hall has *stored* it, not merely until the broker has it. The hall publishes, per terminal,
``ack {seq: n, epoch: e}`` (retained): every message numbered ``1..n`` is committed to its
database. The agent forgets its spool up to ``n`` and sends again what is above ``n`` after any
reconnect of its own, whenever ``epoch`` changes (the hall reconnected: whatever the broker held
for it may be gone), when the hall asks (``resend: true``: it saw a gap) and when the hall's
acknowledgement has not moved for a while. Duplicates are harmless: the hall keeps one row per
``seq``. ``StatusPayload.spool_floor`` tells the hall which numbers the agent no longer holds at
all (dropped when its spool was full), so the hall's contiguous count can step over them.

Presence: the hall keeps, per terminal, the ``state`` with the highest ``session``; a will of an
older session arriving late never hides a newer birth. Events carry ``seq`` (per terminal, grows
by one, persisted across agent restarts): a repeated ``seq`` is a duplicate, a jump is a gap
(the agent's spool dropped its oldest events, see ``StatusPayload.spool_dropped``).

Ratings and complaints (schema 1, added without a version change: additive) are numbered in the
same per-terminal ``seq`` as events, so they leave the agent's spool only when the hall has stored
them; the hall also keeps each one once by the kiosk's ``id`` (idempotency key), whatever its
``seq``. A kind of message this module does not know (a newer agent's) raises :class:`UnknownKind`,
a :class:`ContractError`: the hall counts it and drops it, it never stops ingest.

Command parameters (``CommandPayload.params``), by action:

=======================  =========  ===========================================================
action                   device     params
=======================  =========  ===========================================================
``self_test``            required   none
``print_test_page``      required   none (the printer prints its test slip)
``out_of_service``       no         ``{"on": true}`` or ``{"on": false}``
``restart_app``          no         none
``report_diagnostics``   no         none; the result's ``data`` carries the diagnostics
=======================  =========  ===========================================================

Anything else is refused with ``ok: false`` and never executed; so is a command whose
``expires_at`` has passed (it is also published with that MQTT v5 message expiry).
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

import msgspec
from msgspec import Meta, Struct, field
from msgspec.structs import force_setattr

from ground.clock import utcnow
from ground.configbase import ID_BODY, Identifier, split_error
from wire.feedback import (
    SEALED_PATTERN,
    SEALED_RECORD_PATTERN,
    UUID_PATTERN,
    Category,
    Service,
    check_texts,
    check_time,
)
from wire.status import TerminalStatus

SCHEMA_VERSION = 1
ROOT = "zizhu/v1"
QOS = 1

# Integers travel as JSON numbers but are stored in 64-bit signed columns (SQLite, PostgreSQL):
# the contract refuses what the hall could not store, where it enters, not where it would fail.
INT63_MAX = 2**63 - 1
_FAULT_CODE_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+\Z")
FaultCode = Annotated[str, Meta(pattern=_FAULT_CODE_RE.pattern, max_length=128)]


def is_fault_code(code: str) -> bool:
    """Whether ``code`` may travel as a fault code (``printer.receipt.paper_out``)."""
    return len(code) <= 128 and _FAULT_CODE_RE.match(code) is not None


# Occurrences: events with no fault state (action ``occurred``), named like fault codes. A
# technician confirmed a new paper roll in a printer's station (kiosk maintenance screen); the hall
# stores it for its paper forecast and never opens an incident for it.
OCCURRENCE_RE = re.compile(r"^printer\.(receipt|journal)\.roll_replaced\Z")


def is_occurrence_code(code: str) -> bool:
    """Whether ``code`` is an occurrence of the contract (``printer.receipt.roll_replaced``)."""
    return OCCURRENCE_RE.match(code) is not None


NonNegative = Annotated[int, Meta(ge=0, le=INT63_MAX)]
Seq = Annotated[int, Meta(ge=1, le=INT63_MAX)]


class ContractError(ValueError):
    """A topic or payload outside the contract."""


class UnknownKind(ContractError):
    """A topic of the contract's shape whose kind this version does not know (a newer sender's)."""

    def __init__(self, topic: str, kind: str) -> None:
        super().__init__(f"unknown message kind {kind[:40]!r} on {topic[:200]!r}")
        self.kind = kind


class Kind(StrEnum):
    STATE = "state"
    STATUS = "status"
    EVENT = "event"
    CMD = "cmd"
    CMD_RESULT = "cmd/result"
    ACK = "ack"
    NOTICE = "notice"
    RATING = "rating"
    COMPLAINT = "complaint"
    REQUEST = "request"


FROM_TERMINAL: tuple[Kind, ...] = (Kind.STATE, Kind.STATUS, Kind.EVENT, Kind.CMD_RESULT, Kind.RATING,
                                   Kind.COMPLAINT, Kind.REQUEST)
# acknowledged by ``ack``
NUMBERED: tuple[Kind, ...] = (Kind.EVENT, Kind.CMD_RESULT, Kind.RATING, Kind.COMPLAINT, Kind.REQUEST)
TO_TERMINAL: tuple[Kind, ...] = (Kind.CMD, Kind.ACK)  # plus the hall's notice


def terminal_topic(hall: str, terminal: str, kind: Kind) -> str:
    if kind == Kind.NOTICE:
        raise ContractError("the notice topic belongs to the hall, not a terminal: use notice_topic()")
    return f"{ROOT}/{hall}/{terminal}/{kind.value}"


def notice_topic(hall: str) -> str:
    return f"{ROOT}/{hall}/notice"


def terminal_subscriptions(hall: str, terminal: str) -> list[str]:
    """What a terminal's agent subscribes to: its commands, its acknowledgements, the hall's notice."""
    return [*(terminal_topic(hall, terminal, k) for k in TO_TERMINAL), notice_topic(hall)]


def hall_subscriptions(hall: str, share_group: str | None = None) -> list[str]:
    """What the hall server subscribes to; with ``share_group``, an MQTT v5 shared subscription."""
    topics = [f"{ROOT}/{hall}/+/{k.value}" for k in FROM_TERMINAL]
    if share_group:
        topics = [f"$share/{share_group}/{t}" for t in topics]
    return topics


class Access(Struct, frozen=True):
    """What one broker account may do: the topic filters it may publish to and read from."""

    write: tuple[str, ...]
    read: tuple[str, ...]


def terminal_access(hall: str, terminal: str) -> Access:
    """A terminal publishes only under its own topics and reads only its commands, acks and the notice."""
    return Access(write=tuple(terminal_topic(hall, terminal, k) for k in FROM_TERMINAL),
                  read=tuple(terminal_subscriptions(hall, terminal)))


def hall_access(hall: str) -> Access:
    """Only the hall server publishes commands, acknowledgements and the notice; it reads every terminal."""
    return Access(write=(*(f"{ROOT}/{hall}/+/{k.value}" for k in TO_TERMINAL), notice_topic(hall)),
                  read=tuple(hall_subscriptions(hall)))


_TOPIC_RE = re.compile(rf"^{ROOT}/({ID_BODY})/(?:({ID_BODY})/)?"
                       rf"({'|'.join(re.escape(k.value) for k in Kind)})\Z")  # the kinds, from their one list
_LATER_KIND_RE = re.compile(rf"^{ROOT}/{ID_BODY}/{ID_BODY}/([a-z][a-z0-9_]{{0,31}}(?:/[a-z][a-z0-9_]{{0,31}})?)\Z")


@functools.lru_cache(maxsize=65536)  # a hall's topics are few and come again and again
def parse_topic(topic: str) -> tuple[str, str | None, Kind]:
    """``zizhu/v1/h1/t01/event`` → ``("h1", "t01", Kind.EVENT)``; raises :class:`ContractError`."""
    m = _TOPIC_RE.match(topic)
    if m is None:
        later = _LATER_KIND_RE.match(topic)
        if later is not None:
            raise UnknownKind(topic, later.group(1))
        raise ContractError(f"topic outside the contract: {topic!r}")
    hall, terminal, kind = m.group(1), m.group(2), Kind(m.group(3))
    if (kind == Kind.NOTICE) != (terminal is None):
        raise ContractError(f"topic outside the contract: {topic!r}")
    return hall, terminal, kind


class _Payload(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Base of every payload. Built in Python a payload is not checked; :meth:`encode` checks it."""

    KIND: ClassVar[Kind]

    v: Literal[1] = 1  # SCHEMA_VERSION (a Literal takes no name; checked against it below)
    ts: Annotated[datetime, Meta(tz=True)] = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        if self.ts.tzinfo is not UTC:  # decoded times with an offset are kept in UTC
            force_setattr(self, "ts", self.ts.astimezone(UTC))

    def encode(self) -> bytes:
        """The payload as sent, after checking it against the contract (the way out)."""
        try:
            data = _encoder.encode(self)
        except (msgspec.EncodeError, UnicodeError, OverflowError, TypeError, ValueError) as exc:
            # a lone surrogate in a string, an integer past 64 bits, a value JSON cannot carry
            raise ContractError(f"{self.KIND.value} payload cannot be encoded: {exc}") from None
        try:
            _DECODERS[self.KIND].decode(data)
        except msgspec.ValidationError as exc:
            raise ContractError(f"{self.KIND.value} payload out of contract at {_where(exc)}") from None
        return data


class StatePayload(_Payload, frozen=True):
    """Birth (``online: true``) on connect; the Last Will publishes ``online: false``.

    ``session`` grows by one on every connect of the agent, so an old death never hides a new birth.
    """

    KIND: ClassVar[Kind] = Kind.STATE
    terminal: Identifier
    online: bool
    session: NonNegative
    agent_version: Annotated[str, Meta(max_length=64)] | None = None
    keepalive_s: Annotated[int, Meta(ge=1, le=65535,
                                     description="the MQTT keepalive: the will fires 1.5× this")] | None = None
    heartbeat_s: Annotated[float, Meta(gt=0, le=86400, description=(
        "the status heartbeat: the hall takes a terminal silent for two of these (plus a margin) as "
        "offline on its own clock, whatever the broker's will timing"))] | None = None


class StatusPayload(_Payload, frozen=True):
    """The full retained snapshot. ``faults`` are the codes the status implies, for quick readers."""

    KIND: ClassVar[Kind] = Kind.STATUS
    terminal: Identifier
    session: NonNegative
    status: TerminalStatus
    faults: list[FaultCode] = []
    out_of_service: bool = False
    last_seq: Annotated[NonNegative, Meta(description="seq of the newest message the agent has accepted")] | None = None
    spool_pending: Annotated[NonNegative, Meta(
        description="messages accepted, not yet stored by the hall")] | None = None
    spool_dropped: Annotated[NonNegative, Meta(
        description="messages dropped, ever, when the spool was full")] | None = None
    spool_floor: Annotated[NonNegative, Meta(description=(
        "the agent holds no message numbered at or below this: each was acknowledged by the hall or "
        "dropped (counted in spool_dropped); the hall's contiguous count may step over the latter"))] | None = None


class EventPayload(_Payload, frozen=True):
    """One fault raised or cleared. ``seq`` grows by one per event per terminal, across restarts."""

    KIND: ClassVar[Kind] = Kind.EVENT
    terminal: Identifier
    seq: Seq
    session: NonNegative
    fault: FaultCode
    action: Literal["raised", "cleared", "occurred"]  # occurred: an occurrence code, no fault state (additive)
    detail: Annotated[str, Meta(max_length=500)] = ""
    occurred_at: Annotated[datetime, Meta(tz=True, description="when the agent saw it, not when sent")] = field(
        default_factory=utcnow)

    def __post_init__(self) -> None:
        super().__post_init__()
        if (self.action == "occurred") != is_occurrence_code(self.fault):
            raise ValueError("action occurred is for an occurrence code (printer.<station>.roll_replaced) only")


class CommandAction(StrEnum):
    SELF_TEST = "self_test"
    PRINT_TEST_PAGE = "print_test_page"
    OUT_OF_SERVICE = "out_of_service"
    RESTART_APP = "restart_app"
    REPORT_DIAGNOSTICS = "report_diagnostics"


CommandId = Annotated[str, Meta(min_length=1, max_length=64)]


class CommandPayload(_Payload, frozen=True):
    """A command from the hall. Also sent with an MQTT v5 message expiry; stale ones are refused."""

    KIND: ClassVar[Kind] = Kind.CMD
    terminal: Identifier
    id: CommandId
    action: CommandAction
    expires_at: datetime
    device: Annotated[str, Meta(max_length=64)] | None = None
    params: dict[str, Any] = {}
    issued_by: Annotated[str, Meta(max_length=64)] = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        # A naive expiry is read as UTC (accepted since schema 1), so comparisons never raise.
        exp = self.expires_at
        if exp.tzinfo is None:
            force_setattr(self, "expires_at", exp.replace(tzinfo=UTC))
        elif exp.tzinfo is not UTC:
            force_setattr(self, "expires_at", exp.astimezone(UTC))

    def expired(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) >= self.expires_at

    def expiry_interval_s(self, now: datetime | None = None) -> int:
        """The MQTT v5 Message Expiry Interval to publish this command with (at least 1 s)."""
        return max(1, int((self.expires_at - (now or utcnow())).total_seconds() + 0.999))


class CommandResultPayload(_Payload, frozen=True):
    KIND: ClassVar[Kind] = Kind.CMD_RESULT
    terminal: Identifier
    id: CommandId
    ok: bool
    detail: Annotated[str, Meta(max_length=2000)] = ""
    data: dict[str, Any] = {}
    action: Annotated[CommandAction | None, Meta(description="the command's action, when it could be read")] = None
    seq: Annotated[Seq | None, Meta(description="numbered with the terminal's events: acknowledged by ``ack``")] = None


class AckPayload(_Payload, frozen=True):
    """From the hall, retained, per terminal: every message numbered ``1..seq`` is stored.

    ``epoch`` changes whenever the hall (re)connects to the broker: the agent then sends again what
    is above ``seq``. ``resend``: the hall saw a gap above ``seq`` and asks for it now.
    """

    KIND: ClassVar[Kind] = Kind.ACK
    terminal: Identifier
    seq: NonNegative
    epoch: NonNegative
    resend: bool = False


FeedbackId = Annotated[str, Meta(pattern=UUID_PATTERN, description="the kiosk's idempotency key")]
CaseNo = Annotated[str, Meta(min_length=1, max_length=64)]
LocalTime = Annotated[datetime, Meta(tz=True, description="the terminal's local time, with its UTC offset")]


class RatingPayload(_Payload, frozen=True, kw_only=True):
    """One rating (好差评) of one service, as the kiosk gave it; numbered like events. No rater."""

    KIND: ClassVar[Kind] = Kind.RATING
    terminal: Identifier
    seq: Seq
    session: NonNegative
    id: FeedbackId
    item_code: Annotated[str, Meta(min_length=1, max_length=64)]
    item_name: Annotated[str, Meta(min_length=1, max_length=200)]
    level: Annotated[int, Meta(ge=1, le=5, description="5 非常满意 … 1 非常不满意")]
    tags: Annotated[list[Annotated[str, Meta(min_length=1, max_length=32)]], Meta(max_length=16)] = []
    case_no: CaseNo | None = None
    rated_at: LocalTime

    def __post_init__(self) -> None:
        super().__post_init__()
        check_time("rated_at", self.rated_at)
        check_texts(item_code=self.item_code, item_name=self.item_name, tags=self.tags, case_no=self.case_no)


class ComplaintPayload(_Payload, frozen=True, kw_only=True):
    """One complaint work order (办不成事 / 蜗牛办事 / 投诉 / 建议 / 其他); numbered like events.

    ``phone_sealed``: the call-back number in a sealed box to the hall's public key (:mod:`wire.feedback`).
    """

    KIND: ClassVar[Kind] = Kind.COMPLAINT
    terminal: Identifier
    seq: Seq
    session: NonNegative
    id: FeedbackId
    category: Category
    matter: Annotated[str, Meta(min_length=1, max_length=2000)]
    phone_sealed: Annotated[str, Meta(pattern=SEALED_PATTERN)]
    case_no: CaseNo | None = None
    filed_at: LocalTime

    def __post_init__(self) -> None:
        super().__post_init__()
        check_time("filed_at", self.filed_at)
        check_texts(matter=self.matter, case_no=self.case_no)


class RequestPayload(_Payload, frozen=True, kw_only=True):
    """One service request (延时服务预约 ``appointment``, its ``appointment_cancel``, 政务专递 ``mailing``);
    numbered like events. ``ref``: its number in the back end, where it was made. The personal fields
    (name, phone, address, recipient) are in ``sealed`` only (:func:`wire.feedback.seal_record`)."""

    KIND: ClassVar[Kind] = Kind.REQUEST
    terminal: Identifier
    seq: Seq
    session: NonNegative
    id: FeedbackId
    service: Service
    ref: Annotated[str, Meta(min_length=1, max_length=64)]
    item_code: Annotated[str, Meta(max_length=64)] | None = None
    item_name: Annotated[str, Meta(max_length=200)] | None = None
    case_no: CaseNo | None = None
    day: date | None = None
    name_masked: Annotated[str, Meta(max_length=40)] = ""
    sealed: Annotated[str, Meta(pattern=SEALED_RECORD_PATTERN)]
    made_at: LocalTime

    def __post_init__(self) -> None:
        super().__post_init__()
        check_time("made_at", self.made_at)
        check_texts(ref=self.ref, item_code=self.item_code, item_name=self.item_name, case_no=self.case_no,
                    name_masked=self.name_masked)


class NoticePayload(_Payload, frozen=True):
    """The public outage notice every terminal shows. No notice = an empty retained payload."""

    KIND: ClassVar[Kind] = Kind.NOTICE
    hall: Identifier
    title: Annotated[str, Meta(max_length=200)]
    message: Annotated[str, Meta(max_length=2000)]
    incident_id: NonNegative | None = None
    since: datetime | None = None


if _Payload.__struct_defaults__[0] != SCHEMA_VERSION:  # v is the first field; its default the version
    raise RuntimeError("the payloads' v must be SCHEMA_VERSION: change both together")

PAYLOADS: dict[Kind, type[_Payload]] = {
    p.KIND: p for p in (StatePayload, StatusPayload, EventPayload, CommandPayload,
                        CommandResultPayload, AckPayload, NoticePayload, RatingPayload, ComplaintPayload,
                        RequestPayload)
}

MAX_PAYLOAD_BYTES = 256 * 1024

_encoder = msgspec.json.Encoder()
_DECODERS: dict[Kind, msgspec.json.Decoder[Any]] = {k: msgspec.json.Decoder(p) for k, p in PAYLOADS.items()}
def _where(exc: msgspec.DecodeError) -> str:
    """msgspec's ``Expected `int` >= 0 - at `$.session``` as ``session: Expected `int` >= 0``."""
    msg, path = split_error(exc)
    return f"{path.lstrip('.') or '(payload)'}: {msg}"


def decode(kind: Kind, payload: bytes) -> _Payload | None:
    """Validate an incoming payload. ``None`` only for an empty notice (no notice in force)."""
    if not payload:
        if kind == Kind.NOTICE:
            return None
        raise ContractError(f"empty {kind.value} payload")
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise ContractError(f"{kind.value} payload of {len(payload)} bytes is over {MAX_PAYLOAD_BYTES}")
    try:
        msg: _Payload = _DECODERS[kind].decode(payload)
    except msgspec.ValidationError as exc:
        raise ContractError(f"{kind.value} payload out of contract at {_where(exc)}") from None
    except msgspec.DecodeError as exc:
        raise ContractError(f"{kind.value} payload is not JSON: {exc}") from None
    except (UnicodeError, ValueError, OverflowError, RecursionError) as exc:
        # msgspec lets an invalid UTF-8 byte inside a string through as UnicodeDecodeError
        raise ContractError(f"{kind.value} payload is not valid UTF-8 JSON: {type(exc).__name__}") from None
    return msg


def decode_message(topic: str, payload: bytes) -> tuple[str, str | None, _Payload | None]:
    """Topic and payload together: also checks the payload names the terminal of its topic."""
    hall, terminal, kind = parse_topic(topic)
    msg = decode(kind, payload)
    if msg is not None:
        who = getattr(msg, "terminal", None) if terminal is not None else getattr(msg, "hall", None)
        expected = terminal if terminal is not None else hall
        if who != expected:
            raise ContractError(f"{kind.value} payload names {who!r} but was published on {topic!r}")
    return hall, terminal, msg

