"""The MQTT wire contract between terminals and the hall — the one module both sides import.

Topic root ``zizhu/v1/{hall}/{terminal}/``:

======================  ===  ========  ==========  =================================================
topic                   QoS  retained  from        content
======================  ===  ========  ==========  =================================================
``state``               1    yes       agent, LWT  birth ``online: true`` / will ``online: false``
``status``              1    yes       agent       full snapshot (devices, host, app), on change + beat
``event``               1    no        agent       one fault raised or cleared, per-terminal ``seq``
``cmd``                 1    no        hall        remote command, with an expiry
``cmd/result``          1    no        agent       the command's result
``zizhu/v1/{hall}/notice`` 1 yes       hall        public outage notice; empty payload when none
======================  ===  ========  ==========  =================================================

Every payload carries ``v`` (schema version), ``ts`` (UTC, ISO 8601) and the terminal id (the
notice carries the hall id). Payloads are validated on the way out (construction) and on the way
in (:func:`decode`); anything out of contract raises :class:`ContractError`.

Presence: the hall keeps, per terminal, the ``state`` with the highest ``session``; a will of an
older session arriving late never hides a newer birth. Events carry ``seq`` (per terminal, grows
by one, persisted across agent restarts): a repeated ``seq`` is a duplicate, a jump is a gap
(the agent's spool dropped its oldest events, see ``StatusPayload.spool_dropped``).

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
import json
import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

import msgspec
from msgspec import Meta, Struct, field
from msgspec.structs import force_setattr

from drivers.status import TerminalStatus
from zizhu.configbase import split_error

SCHEMA_VERSION = 1
ROOT = "zizhu/v1"
QOS = 1

Identifier = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]
FaultCode = Annotated[str, Meta(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$", max_length=128)]
NonNegative = Annotated[int, Meta(ge=0)]


class ContractError(ValueError):
    """A topic or payload outside the contract."""


class Kind(StrEnum):
    STATE = "state"
    STATUS = "status"
    EVENT = "event"
    CMD = "cmd"
    CMD_RESULT = "cmd/result"
    NOTICE = "notice"


RETAINED: frozenset[Kind] = frozenset({Kind.STATE, Kind.STATUS, Kind.NOTICE})


def utcnow() -> datetime:
    return datetime.now(UTC)


def terminal_topic(hall: str, terminal: str, kind: Kind) -> str:
    if kind == Kind.NOTICE:
        raise ContractError("the notice topic belongs to the hall, not a terminal: use notice_topic()")
    return f"{ROOT}/{hall}/{terminal}/{kind.value}"


def notice_topic(hall: str) -> str:
    return f"{ROOT}/{hall}/notice"


def terminal_subscriptions(hall: str, terminal: str) -> list[str]:
    """What a terminal's agent subscribes to: its commands and the hall's public notice."""
    return [terminal_topic(hall, terminal, Kind.CMD), notice_topic(hall)]


def hall_subscriptions(hall: str, share_group: str | None = None) -> list[str]:
    """What the hall server subscribes to; with ``share_group``, an MQTT v5 shared subscription."""
    topics = [f"{ROOT}/{hall}/+/{k.value}" for k in (Kind.STATE, Kind.STATUS, Kind.EVENT, Kind.CMD_RESULT)]
    if share_group:
        topics = [f"$share/{share_group}/{t}" for t in topics]
    return topics


_TOPIC_RE = re.compile(rf"^{ROOT}/([a-z0-9][a-z0-9_-]{{0,62}})/(?:([a-z0-9][a-z0-9_-]{{0,62}})/)?"
                       r"(state|status|event|cmd|cmd/result|notice)$")


@functools.lru_cache(maxsize=65536)  # a hall's topics are few and come again and again
def parse_topic(topic: str) -> tuple[str, str | None, Kind]:
    """``zizhu/v1/h1/t01/event`` → ``("h1", "t01", Kind.EVENT)``; raises :class:`ContractError`."""
    m = _TOPIC_RE.match(topic)
    if m is None:
        raise ContractError(f"topic outside the contract: {topic!r}")
    hall, terminal, kind = m.group(1), m.group(2), Kind(m.group(3))
    if (kind == Kind.NOTICE) != (terminal is None):
        raise ContractError(f"topic outside the contract: {topic!r}")
    return hall, terminal, kind


class _Payload(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Base of every payload. Built in Python a payload is not checked; :meth:`encode` checks it."""

    KIND: ClassVar[Kind]

    v: Literal[1] = 1  # SCHEMA_VERSION
    ts: Annotated[datetime, Meta(tz=True)] = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        if self.ts.tzinfo is not UTC:  # decoded times with an offset are kept in UTC
            force_setattr(self, "ts", self.ts.astimezone(UTC))

    def encode(self) -> bytes:
        """The payload as sent, after checking it against the contract (the way out)."""
        data = _encoder.encode(self)
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
    agent_version: str | None = None
    keepalive_s: Annotated[int, Meta(ge=1, description="the MQTT keepalive: the will fires 1.5× this")] | None = None


class StatusPayload(_Payload, frozen=True):
    """The full retained snapshot. ``faults`` are the codes the status implies, for quick readers."""

    KIND: ClassVar[Kind] = Kind.STATUS
    terminal: Identifier
    session: NonNegative
    status: TerminalStatus
    faults: list[FaultCode] = []
    out_of_service: bool = False
    last_seq: Annotated[int, Meta(ge=0, description="seq of the newest event the agent has accepted")] | None = None
    spool_pending: Annotated[int, Meta(ge=0, description="events accepted but not yet acknowledged")] | None = None
    spool_dropped: Annotated[int, Meta(ge=0, description="events dropped, ever, when the spool was full")] | None = None


class EventPayload(_Payload, frozen=True):
    """One fault raised or cleared. ``seq`` grows by one per event per terminal, across restarts."""

    KIND: ClassVar[Kind] = Kind.EVENT
    terminal: Identifier
    seq: Annotated[int, Meta(ge=1)]
    session: NonNegative
    fault: FaultCode
    action: Literal["raised", "cleared"]
    detail: Annotated[str, Meta(max_length=500)] = ""
    occurred_at: Annotated[datetime, Meta(tz=True, description="when the agent saw it, not when sent")] = field(
        default_factory=utcnow)


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
    device: str | None = None
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


class NoticePayload(_Payload, frozen=True):
    """The public outage notice every terminal shows. No notice = an empty retained payload."""

    KIND: ClassVar[Kind] = Kind.NOTICE
    hall: Identifier
    title: Annotated[str, Meta(max_length=200)]
    message: Annotated[str, Meta(max_length=2000)]
    incident_id: int | None = None
    since: datetime | None = None


PAYLOADS: dict[Kind, type[_Payload]] = {
    p.KIND: p for p in (StatePayload, StatusPayload, EventPayload, CommandPayload,
                        CommandResultPayload, NoticePayload)
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


def dumps_compact(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
