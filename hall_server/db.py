"""Storage of the hall server: SQLAlchemy 2 models, the engine, and Alembic migrations run on start.

SQLite (WAL) by default, PostgreSQL by URL; the same models and migrations for both. Times are
stored as UTC and always come back timezone-aware.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from ground.logs import mask_phone

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite returns naive values otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Session and sequence numbers come from terminals: up to 2^63 - 1 (the contract's bound). SQLite's
# INTEGER is 64-bit already; PostgreSQL's INTEGER is 32-bit, so there it is BIGINT.
Int64 = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime()}


class Terminal(Base):
    """One self-service terminal: its registration (设备备案登记表) and what it last reported."""

    __tablename__ = "terminals"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    hall: Mapped[str] = mapped_column(String(64), index=True)
    registered: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(200), default="")
    zone: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    model: Mapped[str] = mapped_column(String(200), default="")
    asset_number: Mapped[str] = mapped_column(String(100), default="")
    responsible: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    devices: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_seen: Mapped[datetime | None]
    last_seen: Mapped[datetime | None]
    online: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    session: Mapped[int] = mapped_column(Int64, default=-1)
    acked_seq: Mapped[int] = mapped_column(Int64, default=0, server_default="0", doc=(
        "every message of this terminal numbered 1..acked_seq is stored: what the hall acknowledges"))
    agent_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    out_of_service: Mapped[bool] = mapped_column(Boolean, default=False)
    faults: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_status: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    last_status_ts: Mapped[datetime | None]

    def public(self) -> dict[str, Any]:
        """For displays: the responsible person's phone masked."""
        return {
            "id": self.id, "hall": self.hall, "registered": self.registered, "name": self.name,
            "zone": self.zone, "location": self.location, "model": self.model,
            "asset_number": self.asset_number, "responsible": self.responsible,
            "phone": mask_phone(self.phone) if self.phone else "", "devices": list(self.devices or []),
            "online": self.online, "session": self.session, "out_of_service": self.out_of_service,
            "faults": list(self.faults or []), "first_seen": self.first_seen, "last_seen": self.last_seen,
            "agent_version": self.agent_version,
        }


class Incident(Base):
    """A fault on a terminal (or, for ``system`` faults, on the hall) from opening to resolution."""

    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    # terminal id, or "@hall" for a hall-wide incident: part of the one-open-incident index.
    scope: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"), nullable=True)
    fault_code: Mapped[str] = mapped_column(String(128))
    tier: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(16), default="open")  # open | acknowledged | resolved
    opened_at: Mapped[datetime]
    last_raised_at: Mapped[datetime]
    deadline: Mapped[datetime | None]
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(32))
    next_reminder_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    acknowledged_at: Mapped[datetime | None]
    ack_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(16), nullable=True)  # auto | manual
    resolve_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), nullable=True)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    unapproved_shutdown: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("one_open_incident", "hall", "scope", "fault_code", unique=True,
              sqlite_where=text("state != 'resolved'"), postgresql_where=text("state != 'resolved'")),
        Index("incidents_by_state", "state"),
        Index("incidents_by_scope", "scope", "fault_code", "resolved_at"),
    )

    def public(self) -> dict[str, Any]:
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}


class IncidentLog(Base):
    """Append-only audit log of every change to an incident (who, when, what). Triggers refuse edits."""

    __tablename__ = "incident_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")


class Alert(Base):
    """One notification for one role, with its outcome."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), nullable=True, index=True)
    role: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # opened | escalated | reminder | resolved
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    due_at: Mapped[datetime]
    # pending | sent | failed | suppressed | no_route
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    error: Mapped[str] = mapped_column(Text, default="")


class EventSeen(Base):
    """Every event received, keyed by terminal and sequence number: duplicates and replays are harmless."""

    __tablename__ = "events_seen"
    terminal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Int64, primary_key=True, autoincrement=False)
    session: Mapped[int] = mapped_column(Int64)
    fault: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime]
    received_at: Mapped[datetime]
    applied: Mapped[bool] = mapped_column(Boolean, default=True)


class CommandResult(Base):
    """A terminal's answer to a command, stored before it is acknowledged (numbered like events)."""

    __tablename__ = "command_results"
    __table_args__ = (UniqueConstraint("terminal_id", "seq", name="command_results_seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int | None] = mapped_column(Int64, nullable=True)
    command_id: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ts: Mapped[datetime]
    received_at: Mapped[datetime]


class PlannedShutdown(Base):
    """A request to stop a terminal (or the whole hall) for a non-fault reason, and its approval."""

    __tablename__ = "planned_shutdowns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # none: every terminal
    reason: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="requested")  # requested|approved|rejected|cancelled
    decided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")

    def public(self) -> dict[str, Any]:
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}


class Notice(Base):
    """A public outage notice (故障信息公告): published on every terminal and the status page."""

    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), nullable=True)
    created_by: Mapped[str] = mapped_column(String(100))
    published_at: Mapped[datetime]
    cleared_at: Mapped[datetime | None]

    def public(self) -> dict[str, Any]:
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}


class Rating(Base):
    """One rating (好差评) from a terminal, once per kiosk ``id``; the rater is never known."""

    __tablename__ = "ratings"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's idempotency key (UUID)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Int64)
    item_code: Mapped[str] = mapped_column(String(64))
    item_name: Mapped[str] = mapped_column(String(200))
    level: Mapped[int] = mapped_column(Integer)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    case_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    rated_at: Mapped[datetime]
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)  # the terminal's local offset then
    received_at: Mapped[datetime]

    __table_args__ = (Index("ratings_by_time", "hall", "rated_at"), Index("ratings_by_item", "item_code"))


class Rectification(Base):
    """The rectification case (整改) a bad review opens; due ``[feedback] rectification_days`` later.

    Its steps (核实 → 整改 → 反馈 → 办结) are rows of :class:`RectificationStep`; ``state`` is where the
    last one left it (``hall_server.domain.rectifications``). ``founded`` is the verifier's finding
    (None until verified; False: the review was found unfounded, so nothing is rectified and the
    case goes on to its feedback — the explanation — and closes). ``overdue_alerted_at``: when the
    centre was told it is past its deadline, once (migration 0007).
    """

    __tablename__ = "rectifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rating_id: Mapped[str] = mapped_column(ForeignKey("ratings.id"), unique=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="待核实")
    opened_at: Mapped[datetime]
    deadline: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    founded: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    overdue_alerted_at: Mapped[datetime | None]

    __table_args__ = (Index("rectifications_by_deadline", "hall", "state", "deadline"),)


class Complaint(Base):
    """One complaint work order (办不成事 / 蜗牛办事 / 投诉 / 建议 / 其他), once per kiosk ``id``.

    The call-back phone is kept *sealed* (the kiosk's sealed box, as received): only the hall's private
    key opens it, when a role that calls back asks (audited). ``phone_masked`` is what everyone else
    sees; ``phone_problem`` says why a number could not be opened (then ``phone_masked`` is empty).
    ``due_basis`` is ``official`` (China's published calendar) or ``provisional`` (the year's calendar
    is not published: weekends only, recomputed once it is known).
    """

    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_no: Mapped[str] = mapped_column(String(100), unique=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Int64)
    category: Mapped[str] = mapped_column(String(16))
    matter: Mapped[str] = mapped_column(Text)
    phone_sealed: Mapped[str] = mapped_column(Text)
    phone_masked: Mapped[str] = mapped_column(String(40), default="")
    phone_problem: Mapped[str | None] = mapped_column(String(200), nullable=True)
    case_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    filed_at: Mapped[datetime]
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="已受理")
    due_at: Mapped[datetime]
    due_basis: Mapped[str] = mapped_column(String(16), default="official")
    due_note: Mapped[str] = mapped_column(String(200), default="")
    # the work order's life (issue 13, migration 0008; hall_server/domain/workorders.py, docs/workorders.md)
    department: Mapped[str | None] = mapped_column(String(100), nullable=True)  # assigned to (交办)
    round: Mapped[int] = mapped_column(Integer, default=1)  # 1 + times sent back after an unsatisfied call-back
    due_from: Mapped[date | None] = mapped_column(Date, nullable=True)  # the answer period counts from (None: filing)
    extended_days: Mapped[int] = mapped_column(Integer, default=0)  # working days of extension in this round
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)  # 已回访, satisfied

    __table_args__ = (Index("complaints_by_time", "hall", "filed_at"), Index("complaints_by_state", "state"))


class ServiceRequest(Base):
    """One service request from a terminal (issue 14, migration 0010), once per kiosk ``id``: an
    appointment for the Saturday extended hours (``appointment``), its cancellation
    (``appointment_cancel``, ``ref`` naming the booking) or a free mailing of the documents (``mailing``).

    What the citizen gave that is personal (name, phone, address, recipient) is kept *sealed* as it came;
    ``personal_masked`` is what the hall opened and masked for its lists, ``problem`` why it could not be
    opened (then ``personal_masked`` is empty). The row is the record of what arrived; what the hall does
    with it next (arrival, contact, no-show; mailing sent) lives with its service.
    """

    __tablename__ = "service_requests"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Int64)
    service: Mapped[str] = mapped_column(String(24))
    ref: Mapped[str] = mapped_column(String(64))
    item_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    item_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    case_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    day: Mapped[date | None] = mapped_column(Date, nullable=True)
    name_masked: Mapped[str] = mapped_column(String(40), default="")
    sealed: Mapped[str] = mapped_column(Text)
    personal_masked: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    problem: Mapped[str | None] = mapped_column(String(200), nullable=True)
    made_at: Mapped[datetime]
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime]

    __table_args__ = (Index("service_requests_by_ref", "hall", "service", "ref"),
                      Index("service_requests_by_day", "hall", "service", "day"))


# ---- free mailing, 政务专递 (issue 14, migration 0012) ----
class Mailing(Base):
    """A free mailing (政务专递) the hall posts: one per service request of service ``mailing`` (its ``id``),
    made when the request arrives (hall_server/domain/mailing.py). ``state``: requested → sent (with the
    tracking number) → delivered or returned (a returned one may be sent again). The address, recipient
    and phone stay in the request's sealed box; the lists show them masked."""

    __tablename__ = "mailings"
    id: Mapped[str] = mapped_column(ForeignKey("service_requests.id"), primary_key=True)
    hall: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))  # requested | sent | delivered | returned
    tracking_no: Mapped[str | None] = mapped_column(String(40), nullable=True)  # 邮件号 (EMS)
    updated_at: Mapped[datetime]

    __table_args__ = (Index("mailings_by_state", "hall", "state"),)


class MailingStep(Base):
    """One step of a mailing (申请, 寄出, 送达, 退回) with who (a logged-in user, or ``system`` for its arrival),
    when, the state after it, the tracking number and a note. Append-only: migration 0012's triggers refuse
    UPDATE and DELETE."""

    __tablename__ = "mailing_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mailing_id: Mapped[str] = mapped_column(ForeignKey("mailings.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(16))  # requested | sent | delivered | returned
    state: Mapped[str] = mapped_column(String(16))
    tracking_no: Mapped[str | None] = mapped_column(String(40), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")


class Appointment(Base):
    """One Saturday extended-hours appointment (延时服务预约, issue 14, migration 0011; hall_server/domain/
    appointments.py), made at a terminal: its life at the hall. ``id`` is the booking's service request
    (its personal fields stay sealed there). ``starts_at`` is the Saturday's 09:00 at the terminal's offset;
    30 minutes later an unarrived appointment is flagged to contact (``contact_flagged_at``), 60 minutes
    later it is a no-show (seed 000 五(三)) unless staff marked it arrived."""

    __tablename__ = "appointments"
    id: Mapped[str] = mapped_column(String(36), ForeignKey("service_requests.id"), primary_key=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(64))
    booking_no: Mapped[str] = mapped_column(String(64))
    item_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    item_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    day: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime]
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    name_masked: Mapped[str] = mapped_column(String(40), default="")
    phone_masked: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(16))  # booked, cancelled, arrived, no_show
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None] = mapped_column(nullable=True)
    contact_flagged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    contacted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    contacted_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    contact_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    arrived_at: Mapped[datetime | None] = mapped_column(nullable=True)
    arrived_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    no_show_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (Index("appointments_by_day", "hall", "day"),
                      Index("appointments_by_booking", "hall", "booking_no"),
                      Index("appointments_by_state", "hall", "state", "starts_at"))


# ---- rectification steps (issue 13, migration 0007) ----
class RectificationStep(Base):
    """One step of a rectification case — 核实 ``verify``, 整改 ``rectify``, 反馈 ``feedback``, 办结 ``close``
    by a person, or 逾期 ``overdue`` noted by the hall — with who, when, the state before and after, and
    the note. Append-only: the database refuses UPDATE and DELETE (migration 0007's triggers)."""

    __tablename__ = "rectification_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("rectifications.id"))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))  # the logged-in user's name; "system" for the hall's own
    step: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    founded: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # verify: 属实 (true) / 不属实 (false)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)  # feedback: how (电话回访, …)
    recipient: Mapped[str | None] = mapped_column(String(200), nullable=True)  # feedback: to whom

    __table_args__ = (Index("rectification_steps_by_case", "case_id", "id"),)


# ---- complaint work orders (issue 13, migration 0008) ----
class ComplaintStep(Base):
    """One step of a complaint work order (交办, 延期, 答复, 回访, 超期, 重新计算期限): append-only (triggers refuse
    UPDATE and DELETE), with the actor (a logged-in user's name, or ``system``) and the due time after it."""

    __tablename__ = "complaint_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    # assigned | extended | answered | called_back | overdue | recomputed
    action: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))  # the work order's state after the step
    department: Mapped[str | None] = mapped_column(String(100), nullable=True)
    days: Mapped[int | None] = mapped_column(Integer, nullable=True)  # working days of an extension
    satisfied: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # a call-back's result
    text: Mapped[str] = mapped_column(Text, default="")  # the reason, the answer, the call-back note
    due_at: Mapped[datetime | None] = mapped_column(nullable=True)  # the answer due after the step (when open)
    due_basis: Mapped[str | None] = mapped_column(String(16), nullable=True)


class ComplaintOverdue(Base):
    """A round of a work order whose answer was not in by its due time: alerted to the centre once, restarts or not."""

    __tablename__ = "complaint_overdue"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"))
    round: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime]
    noticed_at: Mapped[datetime]
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), nullable=True)

    __table_args__ = (UniqueConstraint("complaint_id", "round", name="complaint_overdue_once"),)


# ---- recordings access (issue 13, migration 0009) ----
class RecordingRequest(Base):
    """A request to view the CCTV recordings of a terminal or an area for a time range (录像查阅申请), and its
    decision. Every change of it is also a row of :class:`RecordingRegister` (docs/recordings.md)."""

    __tablename__ = "recording_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"), nullable=True)
    area: Mapped[str | None] = mapped_column(String(100), nullable=True)  # exactly one of terminal_id, area
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), nullable=True)
    complaint_id: Mapped[str | None] = mapped_column(ForeignKey("complaints.id"), nullable=True)
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="requested")  # requested | approved | rejected
    decided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")
    grant_expires_at: Mapped[datetime | None]

    __table_args__ = (
        Index("recording_requests_by_state", "hall", "state"),
        CheckConstraint("(terminal_id IS NULL) <> (area IS NULL)", name="recording_requests_one_target"),
        CheckConstraint("ends_at > starts_at", name="recording_requests_range"),
    )


class RecordingRegister(Base):
    """The register of recordings access (查阅登记): each request, decision and viewing, append-only (triggers
    refuse UPDATE and DELETE). A row repeats what it concerns, so the register reads alone."""

    __tablename__ = "recording_register"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[int] = mapped_column(ForeignKey("recording_requests.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(16))  # requested | approved | rejected | viewed
    target: Mapped[str] = mapped_column(String(200))  # "终端 t01" or "区域 自助区出入口"
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("recording_register_by_time", "hall", "at"),)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we say BEGIN ourselves (below)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # A transaction that reads and then writes must hold the write lock from its start: otherwise a
    # commit by another thread in between makes SQLite refuse the upgrade at once ("database is
    # locked"). Readers stay deferred, so in WAL mode they never wait for a writer.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("zizhu_write") else "BEGIN")


def write_sessions(sessions: sessionmaker[Any]) -> sessionmaker[Any]:
    """Sessions for units of work that write: on SQLite they take the write lock when they begin."""
    bind = sessions.kw["bind"]
    return sessionmaker(bind.execution_options(zizhu_write=True), expire_on_commit=False)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent; run on every start)."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_database(url: str) -> tuple[Engine, sessionmaker[Any]]:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    migrate(engine)
    return engine, sessionmaker(engine, expire_on_commit=False)
