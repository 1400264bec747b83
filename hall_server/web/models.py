"""What a request may carry and what a response holds (pydantic: FastAPI validates and documents both).

Every bad input is a 4xx, refused where it enters: ids a 64-bit column can hold (SQLite and
PostgreSQL refuse more, as a 500 if it got that far), text without lone surrogates (no database
encodes them), times with an offset, bodies of a bounded size. Nobody names themselves in a body:
the actor of every change is the logged-in user (or the owner of the API token).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from ground.configbase import ID_BODY
from wire.contract import INT63_MAX, CommandAction

SHUTDOWN_YEARS = (2000, 9000)  # a window outside these is a typo, and near 1/9999 UTC conversion overflows


def _no_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text holds a lone surrogate (not a character)") from None
    return text


Text = Annotated[str, AfterValidator(_no_surrogates)]
RowId = Annotated[int, Path(ge=1, le=INT63_MAX, description="a row id (64-bit)")]
TERMINAL_ID_PATTERN = f"^{ID_BODY}$"
TerminalId = Annotated[str, Path(min_length=1, max_length=63, pattern=TERMINAL_ID_PATTERN,
                                 description="terminal id: a-z, digits, '_' or '-'")]
CommandIdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=TERMINAL_ID_PATTERN,
                                    description="a command's id, as sent")]


def _within_years(value: datetime) -> datetime:
    if not SHUTDOWN_YEARS[0] <= value.year <= SHUTDOWN_YEARS[1]:
        raise ValueError(f"a time between the years {SHUTDOWN_YEARS[0]} and {SHUTDOWN_YEARS[1]}")
    return value.astimezone(UTC)


WindowTime = Annotated[AwareDatetime, AfterValidator(_within_years)]


# ---- request bodies ----------------------------------------------------------------------------------

class AckBody(BaseModel):
    comment: Text = Field("", max_length=2000, description="确认说明")


class ResolveBody(BaseModel):
    note: Text = Field(min_length=1, max_length=2000, description="处理说明")


class NoticeBody(BaseModel):
    title: Text = Field(min_length=1, max_length=200)
    message: Text = Field("", max_length=2000)


class ShutdownBody(BaseModel):
    terminal_id: Text | None = Field(None, max_length=64, description="none: every terminal of the hall")
    reason: Text = Field(min_length=1, max_length=2000)
    starts_at: WindowTime = Field(description="with its offset (2024-05-01T22:00:00+08:00)")
    ends_at: WindowTime = Field(description="with its offset; after starts_at")

    @model_validator(mode="after")
    def _ends_after_start(self) -> ShutdownBody:
        if self.ends_at <= self.starts_at:
            raise ValueError("the shutdown window must end after it starts")
        return self


class DecisionBody(BaseModel):
    note: Text = Field("", max_length=2000)


class TerminalBody(BaseModel):
    name: Text = Field("", max_length=200)
    zone: Text = Field("", max_length=200)
    location: Text = Field("", max_length=200)
    model: Text = Field("", max_length=200)
    asset_number: Text = Field("", max_length=100)
    responsible: Text = Field("", max_length=100)
    phone: Text = Field("", max_length=40)
    devices: list[Annotated[Text, Field(max_length=64)]] = Field(default_factory=list, max_length=64)


class CommandBody(BaseModel):
    action: CommandAction
    device: Text | None = Field(None, max_length=64)
    params: dict[str, Any] = Field(default_factory=dict)
    expires_s: int = Field(60, ge=1, le=3600)


# ---- responses -------------------------------------------------------------------------------------

class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


Colour = Literal["red", "yellow", "green"]
LiveState = Literal["in_service", "warning", "general", "comms_mechanical", "system", "offline", "planned",
                    "out_of_service", "unknown"]


class TerminalOut(_Out):
    """A terminal as the hall sees it now: its registration (phone masked) and its presence."""

    id: str
    hall: str
    registered: bool
    name: str
    zone: str
    location: str
    model: str
    asset_number: str
    responsible: str
    phone: str = Field(description="masked: 138****5678")
    devices: list[str]
    online: bool | None
    session: int
    out_of_service: bool
    faults: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    agent_version: str | None
    planned_offline: bool = False
    colour: Colour = Field(description="red: citizens cannot be served; yellow: needs attention; green: all well")
    state: LiveState = Field(description="the one word of the live hall (see docs/dashboard.md)")
    ready_today: bool | None = Field(None, description="confirmed ready today; none: no confirmation required")


class TerminalDetail(TerminalOut):
    last_status: dict[str, Any] | None = Field(description="the newest status message, as the contract has it")


class IncidentOut(_Out):
    id: int
    hall: str
    scope: str
    terminal_id: str | None
    fault_code: str
    tier: str
    title: str
    state: str
    opened_at: datetime
    last_raised_at: datetime
    deadline: datetime | None
    escalation_level: int
    role: str
    next_reminder_at: datetime | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    ack_comment: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    resolve_note: str | None
    parent_id: int | None
    reopen_count: int
    unapproved_shutdown: bool
    detail: str


class LogEntry(_Out):
    at: datetime
    actor: str
    action: str
    detail: str


class AlertBrief(_Out):
    id: int
    role: str
    kind: str
    status: str
    attempts: int
    sent_at: datetime | None
    error: str


class IncidentDetail(IncidentOut):
    log: list[LogEntry]
    alerts: list[AlertBrief]
    children: list[int]


class AlertOut(AlertBrief):
    incident_id: int | None
    title: str
    body: str
    created_at: datetime
    due_at: datetime


class NoticeOut(_Out):
    id: int
    hall: str
    title: str
    message: str
    incident_id: int | None
    created_by: str
    published_at: datetime
    cleared_at: datetime | None


class ShutdownOut(_Out):
    id: int
    hall: str
    terminal_id: str | None
    reason: str
    starts_at: datetime
    ends_at: datetime
    requested_by: str
    requested_at: datetime
    state: str
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str


class Unregistered(BaseModel):
    unregistered: str


class Availability(BaseModel):
    terminal: str
    since: datetime
    until: datetime
    availability: float = Field(description="the share of the period in service, 0..1")


class CommandSent(BaseModel):
    id: str
    sent: bool


class CommandResultOut(BaseModel):
    terminal: str
    id: str
    ok: bool
    detail: str
    data: dict[str, Any]
    action: str | None
    ts: datetime
    seq: int | None


class PublicNotice(BaseModel):
    title: str
    message: str
    since: datetime


class PublicStatus(BaseModel):
    hall: str
    name: str
    at: datetime
    terminals_total: int
    terminals_in_service: int
    outage: bool
    notices: list[PublicNotice]


class Health(BaseModel):
    broker_connected: bool
