"""Access to the CCTV recordings of the 24-hour area by approval (监控录像查阅), with its register (查阅登记).

The rule (《24小时自助办理工作制度》 四(三), seed 000): the recordings are kept at least one quarter;
viewing them, when a transaction went wrong or another problem needs it, needs the approval of the
centre (市政务服务中心) and a register entry first. Here:

- A **request** names a registered terminal or one of the hall's camera areas (``[recordings] areas``), a
  time range (hall-local), the reason, and optionally the incident or complaint it concerns (each must
  exist). A range that starts before the retention (``retention_days``, at least 92) is refused with
  the reason, as is one in the future, one ending before it starts, or one longer than ``max_span_hours``.
- An approver (APPROVE_RECORDING: the centre) approves or rejects it with a note, never their own
  request. An approval is a **grant** to the requester for ``grant_hours``; after that, viewing is refused.
- The hall server holds no video: a **viewing** is the requester opening the grant here (查看录像), which
  registers it and then says where to view — the recorder's playback link (``viewer_url``, filled in) or
  the details to give the recorder's operator.
- The **register** (``recording_register``) is append-only (the database refuses UPDATE and DELETE): the
  request, the decision and every viewing are rows of it. The request row keeps the current state; each
  of its changes is a register row written in the same transaction, and an audit entry names the
  logged-in actor.

Every change runs in the core's unit of work and marks the ``"recordings"`` topic changed.
"""

from __future__ import annotations

import csv
import io
import logging
import weakref
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal, Protocol
from urllib.parse import quote
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ground.clock import Clock
from hall_server import accounts
from hall_server.config import RecordingsConfig
from hall_server.db import Alert, Complaint, Incident, RecordingRegister, RecordingRequest, Terminal

log = logging.getLogger("zizhu.hall.recordings")

TOPIC = "recordings"
REASON_MAX = 2000
NOTE_MAX = 2000
APPROVERS_ALERTED = "centre"  # the alert role of the approvers (APPROVE_RECORDING is the centre's)

ACTION_WORDS = {"requested": "申请", "approved": "批准", "rejected": "驳回", "viewed": "查看"}
STATUS_WORDS = {"requested": "待审批", "approved": "已批准，可查看", "expired": "授权已过期", "rejected": "已驳回"}
Status = Literal["requested", "approved", "expired", "rejected"]
Box = Literal["mine", "pending", "all"]


class RecordingError(ValueError):
    """A request, decision or viewing refused: the message says why in Chinese; ``field`` the form field it
    concerns; ``status`` the HTTP status that says it (422: the input)."""

    status = 422

    def __init__(self, message: str, field: str = "form") -> None:
        super().__init__(message)
        self.field = field


class RecordingNotFound(RecordingError):
    status = 404


class NotAllowed(RecordingError):
    """The person may do this in general (their role), but not to this request: their own request to approve,
    someone else's grant, a grant expired."""

    status = 403


class Conflict(RecordingError):
    """The request's state forbids it now: decided already, not approved (yet), the recording gone."""

    status = 409


class Core(Protocol):
    """What this domain needs of :class:`hall_server.core.HallCore`."""

    @property
    def hall(self) -> str: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def sessions(self) -> sessionmaker[Session]: ...

    def unit(self) -> AbstractContextManager[Any]: ...


@dataclass(frozen=True)
class RequestView:
    """A request as pages and the API show it (times in UTC; ``local`` gives the hall's)."""

    id: int
    terminal_id: str | None
    terminal_name: str
    area: str | None
    starts_at: datetime
    ends_at: datetime
    reason: str
    incident_id: int | None
    complaint_id: str | None
    complaint_order_no: str | None
    requested_by: str
    requested_at: datetime
    state: str  # requested | approved | rejected (stored)
    status: Status  # the state at this moment: an approval past its grant is "expired"
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str
    grant_expires_at: datetime | None
    views: int

    @property
    def target(self) -> str:
        return target_label(self.terminal_id, self.area, self.terminal_name)

    @property
    def status_label(self) -> str:
        return STATUS_WORDS[self.status]

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "terminal_id": self.terminal_id, "terminal_name": self.terminal_name, "area": self.area,
                "target": self.target, "starts_at": self.starts_at, "ends_at": self.ends_at, "reason": self.reason,
                "incident_id": self.incident_id, "complaint_id": self.complaint_id,
                "complaint_order_no": self.complaint_order_no, "requested_by": self.requested_by,
                "requested_at": self.requested_at, "state": self.state, "status": self.status,
                "status_label": self.status_label, "decided_by": self.decided_by, "decided_at": self.decided_at,
                "decision_note": self.decision_note, "grant_expires_at": self.grant_expires_at, "views": self.views}


@dataclass(frozen=True)
class RegisterRow:
    id: int
    request_id: int
    at: datetime
    actor: str
    action: str
    target: str
    starts_at: datetime
    ends_at: datetime
    detail: str

    @property
    def action_label(self) -> str:
        return ACTION_WORDS.get(self.action, self.action)

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "request_id": self.request_id, "at": self.at, "actor": self.actor,
                "action": self.action, "action_label": self.action_label, "target": self.target,
                "starts_at": self.starts_at, "ends_at": self.ends_at, "detail": self.detail}


@dataclass(frozen=True)
class Viewing:
    """What a registered viewing hands the requester: the playback link, or what to tell the operator."""

    request: RequestView
    register_id: int
    url: str | None
    details: tuple[tuple[str, str], ...]


def target_label(terminal_id: str | None, area: str | None, terminal_name: str = "") -> str:
    if terminal_id is not None:
        return f"终端 {terminal_id}" + (f"（{terminal_name}）" if terminal_name else "")
    return f"区域 {area}"


class Recordings:
    """The recordings access of one hall, on the core's units of work."""

    def __init__(self, core: Core, cfg: RecordingsConfig | None = None, tz: tzinfo | str = "Asia/Shanghai") -> None:
        self.core = core
        self.cfg = cfg or RecordingsConfig()
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self.hall = core.hall

    # ---- the rules of a time range ------------------------------------------------------------
    @property
    def retention(self) -> timedelta:
        return timedelta(days=self.cfg.retention_days)

    def earliest(self, now: datetime | None = None) -> datetime:
        """The oldest moment the recorder still holds now."""
        return (now or self.core.clock.now()) - self.retention

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)

    def _t(self, at: datetime) -> str:
        return f"{self.local(at):%Y-%m-%d %H:%M}"

    def out_of_retention(self, starts_at: datetime, now: datetime) -> str | None:
        if starts_at < self.earliest(now):
            return (f"录像仅保留 {self.cfg.retention_days} 天，所选时段已超出保存期限"
                    f"（现可查阅的最早时间为 {self._t(self.earliest(now))}）")
        return None

    def check_range(self, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
        """Refuse a range the recorder cannot hold: ends before it starts, in the future, too long, too old."""
        if ends_at <= starts_at:
            raise RecordingError("结束时间应晚于开始时间", "ends_at")
        if ends_at > now:
            raise RecordingError(f"所选时段不能晚于现在（{self._t(now)}）：这段录像尚未产生", "ends_at")
        span = ends_at - starts_at
        if span > timedelta(hours=self.cfg.max_span_hours):
            hours = span.total_seconds() / 3600
            raise RecordingError(f"一次最多申请查阅 {self.cfg.max_span_hours} 小时的录像（所选 {hours:.1f} 小时），"
                                 "请缩短时段或分次申请", "ends_at")
        too_old = self.out_of_retention(starts_at, now)
        if too_old:
            raise RecordingError(too_old, "starts_at")

    # ---- a request --------------------------------------------------------------------------------
    def request(self, *, by: str, starts_at: datetime, ends_at: datetime, reason: str, terminal_id: str | None = None,
                area: str | None = None, incident_id: int | None = None,
                complaint: str | None = None) -> RequestView:
        """A request of ``by`` (the logged-in user) for a terminal's or an area's recordings."""
        by = _person(by)
        reason = (reason or "").strip()
        if not reason:
            raise RecordingError("请填写查阅原因", "reason")
        if len(reason) > REASON_MAX:
            raise RecordingError(f"查阅原因太长：最多 {REASON_MAX} 个字", "reason")
        terminal_id = (terminal_id or "").strip() or None
        area = (area or "").strip() or None
        if (terminal_id is None) == (area is None):
            raise RecordingError("请选择一台终端或一个监控区域（二选一）", "target")
        if area is not None and area not in self.cfg.areas:
            raise RecordingError(f"没有监控区域“{area[:100]}”；可选：{'、'.join(self.cfg.areas)}", "target")
        starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
        with self.core.unit() as u:
            self.check_range(starts_at, ends_at, u.now)
            s: Session = u.s
            name = ""
            if terminal_id is not None:
                t = s.get(Terminal, terminal_id)
                if t is None or t.hall != self.hall or not t.registered:
                    raise RecordingError(f"没有已登记的终端 {terminal_id[:64]}", "target")
                name = t.name
            if incident_id is not None:
                inc = s.get(Incident, incident_id)
                if inc is None or inc.hall != self.hall:
                    raise RecordingError(f"没有故障工单 #{incident_id}", "incident")
            complaint_row = self._complaint(s, complaint) if complaint and complaint.strip() else None
            row = RecordingRequest(hall=self.hall, terminal_id=terminal_id, area=area, starts_at=starts_at,
                                   ends_at=ends_at, reason=reason, incident_id=incident_id,
                                   complaint_id=complaint_row.id if complaint_row else None, requested_by=by,
                                   requested_at=u.now, state="requested", decision_note="")
            s.add(row)
            s.flush()
            concerns = [f"故障工单 #{incident_id}"] if incident_id is not None else []
            if complaint_row is not None:
                concerns.append(f"投诉工单 {complaint_row.order_no}")
            detail = f"原因：{reason}" + (f"；涉及{'、'.join(concerns)}" if concerns else "")
            reg = self._register(u, row, by, "requested", detail, terminal_name=name)
            self._tell_the_centre(u, row, reg, by)
            log.info("recordings request #%d by %s: %s %s – %s", row.id, by, target_label(terminal_id, area),
                     starts_at.isoformat(), ends_at.isoformat())
            return self._view(s, row, u.now)

    def _tell_the_centre(self, u: Any, row: RecordingRequest, reg: RecordingRegister, by: str) -> None:
        """The approvers hear of a request through the centre's alert channels (sent after the commit)."""
        alert = Alert(incident_id=None, role=APPROVERS_ALERTED, kind="recording",
                      title=f"【录像查阅】待审批 #{row.id}：{reg.target}",
                      body=f"{by} 申请查阅 {reg.target} {self._t(row.starts_at)} 至 {self._t(row.ends_at)} 的录像，"
                           f"原因：{row.reason[:200]}。请在大厅管理端“录像查阅”审批（申请人本人不能审批）。",
                      created_at=u.now, due_at=u.now, status="sending", attempts=0, error="")
        u.s.add(alert)
        u.s.flush()
        u.alerts.append(alert.id)

    def _complaint(self, s: Session, text: str) -> Complaint:
        """A complaint by its work order number (T01-20261204-3F2A9C) or its id."""
        key = text.strip()[:100]
        found = s.scalars(select(Complaint).where(Complaint.hall == self.hall, Complaint.order_no == key)).first()
        if found is None and len(key) <= 36:
            by_id = s.get(Complaint, key)
            found = by_id if by_id is not None and by_id.hall == self.hall else None
        if found is None:
            raise RecordingError(f"没有投诉工单“{key}”", "complaint")
        return found

    # ---- the decision -------------------------------------------------------------------------------
    def approve(self, request_id: int, *, by: str, note: str = "") -> RequestView:
        return self._decide(request_id, by=by, approve=True, note=note)

    def reject(self, request_id: int, *, by: str, note: str) -> RequestView:
        return self._decide(request_id, by=by, approve=False, note=note)

    def _decide(self, request_id: int, *, by: str, approve: bool, note: str) -> RequestView:
        by = _person(by)
        note = (note or "").strip()
        if len(note) > NOTE_MAX:
            raise RecordingError(f"审批意见太长：最多 {NOTE_MAX} 个字", "note")
        if not approve and not note:
            raise RecordingError("驳回需填写审批意见（告诉申请人原因）", "note")
        with self.core.unit() as u:
            row = self._row(u.s, request_id)
            if row.requested_by == by:
                raise NotAllowed("不能审批自己的申请：须由另一位中心审批人审批", "note")
            if row.state != "requested":
                raise Conflict(f"查阅申请 #{request_id} 已由 {row.decided_by} "
                                     f"{'批准' if row.state == 'approved' else '驳回'}", "note")
            if approve:
                too_old = self.out_of_retention(row.starts_at, u.now)
                if too_old:
                    raise Conflict(f"{too_old}，无法批准；请驳回", "note")
            row.state = "approved" if approve else "rejected"
            row.decided_by, row.decided_at, row.decision_note = by, u.now, note
            if approve:
                row.grant_expires_at = u.now + timedelta(hours=self.cfg.grant_hours)
                detail = f"授权 {row.requested_by} 查看至 {self._t(row.grant_expires_at)}"
            else:
                detail = "驳回"
            if note:
                detail += f"；意见：{note}"
            u.s.flush()
            self._register(u, row, by, row.state, detail)
            log.info("recordings request #%d %s by %s", row.id, row.state, by)
            return self._view(u.s, row, u.now)

    # ---- a viewing ----------------------------------------------------------------------------------
    def view(self, request_id: int, *, by: str, people: Mapping[str, str] | None = None) -> Viewing:
        """The requester opens the grant: registered first, then where to view is handed over (``people``: user
        name → the name people know, for the details)."""
        by = _person(by)
        refused: RecordingError | None = None
        with self.core.unit() as u:
            row = self._row(u.s, request_id)
            if row.requested_by != by:
                raise NotAllowed(f"查阅授权属于申请人 {row.requested_by}：只有申请人本人可以查看")
            if row.state == "requested":
                raise Conflict("这个申请尚未审批，审批通过后才能查看")
            if row.state == "rejected":
                raise Conflict("这个申请已被驳回，不能查看")
            assert row.grant_expires_at is not None
            if u.now >= row.grant_expires_at:
                refused = NotAllowed(f"查阅授权已于 {self._t(row.grant_expires_at)} 过期，如需查看请重新申请")
            elif (too_old := self.out_of_retention(row.starts_at, u.now)) is not None:
                refused = Conflict(too_old)
            if refused is not None:  # an attempt on a grant that no longer holds: in the audit log, not the register
                accounts.audit(u.s, by, "recording.view_refused", f"recording:{row.id}", str(refused), now=u.now)
            else:
                how = "录像机回放链接" if self.cfg.viewer_url else "交录像机操作员调取"
                until = self._t(row.grant_expires_at)
                reg = self._register(u, row, by, "viewed", f"查看方式：{how}；授权有效至 {until}")
                view = self._view(u.s, row, u.now)
                log.info("recordings request #%d viewed by %s", row.id, by)
                return Viewing(request=view, register_id=reg.id, url=self.viewer_url(view),
                               details=self._details(view, reg.id, people))
        raise refused

    def viewer_url(self, r: RequestView) -> str | None:
        if self.cfg.viewer_url is None:
            return None
        fields = {"request": str(r.id), "terminal": r.terminal_id or "", "area": r.area or "",
                  "target": r.terminal_id or r.area or "",
                  "start": f"{self.local(r.starts_at):%Y-%m-%dT%H:%M:%S}",
                  "end": f"{self.local(r.ends_at):%Y-%m-%dT%H:%M:%S}",
                  "start_utc": f"{r.starts_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}",
                  "end_utc": f"{r.ends_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}",
                  "start_epoch": str(int(r.starts_at.timestamp())), "end_epoch": str(int(r.ends_at.timestamp()))}
        return self.cfg.viewer_url.format(**{k: quote(v, safe="") for k, v in fields.items()})

    def _details(self, r: RequestView, register_id: int,
                 people: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
        assert r.grant_expires_at is not None
        return (("查阅单号", f"#{r.id}（登记 #{register_id}）"), ("查阅对象", r.target),
                ("录像时段", f"{self._t(r.starts_at)} 至 {self._t(r.ends_at)}"),
                ("查阅人", person_label(r.requested_by, people)), ("批准人", person_label(r.decided_by or "", people)),
                ("授权有效至", self._t(r.grant_expires_at)))

    # ---- reading ------------------------------------------------------------------------------------
    def get(self, request_id: int) -> RequestView | None:
        with self.core.sessions() as s:
            row = s.get(RecordingRequest, request_id)
            if row is None or row.hall != self.hall:
                return None
            return self._view(s, row, self.core.clock.now())

    def requests(self, box: Box = "all", user: str = "", limit: int = 500) -> list[RequestView]:
        """Newest first: ``mine`` (requested by ``user``), ``pending`` (awaiting a decision by ``user``:
        not their own), ``all``."""
        q = select(RecordingRequest).where(RecordingRequest.hall == self.hall)
        if box == "mine":
            q = q.where(RecordingRequest.requested_by == user)
        elif box == "pending":
            q = q.where(RecordingRequest.state == "requested", RecordingRequest.requested_by != user)
        now = self.core.clock.now()
        with self.core.sessions() as s:
            rows = list(s.scalars(q.order_by(RecordingRequest.id.desc()).limit(limit)))
            return [self._view(s, r, now) for r in rows]

    def pending_count(self, user: str) -> int:
        with self.core.sessions() as s:
            return s.scalar(select(func.count()).select_from(RecordingRequest).where(
                RecordingRequest.hall == self.hall, RecordingRequest.state == "requested",
                RecordingRequest.requested_by != user)) or 0

    def register(self, since: date | None = None, until: date | None = None,
                 request_id: int | None = None) -> list[RegisterRow]:
        """The register's rows, oldest first: of the hall-local days ``since``..``until`` (inclusive), or of
        one request."""
        q = select(RecordingRegister).where(RecordingRegister.hall == self.hall)
        if since is not None:
            q = q.where(RecordingRegister.at >= self.day_start(since))
        if until is not None:
            q = q.where(RecordingRegister.at < self.day_start(until + timedelta(days=1)))
        if request_id is not None:
            q = q.where(RecordingRegister.request_id == request_id)
        with self.core.sessions() as s:
            return [RegisterRow(id=r.id, request_id=r.request_id, at=r.at, actor=r.actor, action=r.action,
                                target=r.target, starts_at=r.starts_at, ends_at=r.ends_at, detail=r.detail)
                    for r in s.scalars(q.order_by(RecordingRegister.id))]

    def day_start(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.tz).astimezone(UTC)

    def today(self) -> date:
        return self.local(self.core.clock.now()).date()

    # ---- export -------------------------------------------------------------------------------------
    EXPORT_HEADER: tuple[str, ...] = ("登记号", "登记时间", "事项", "申请单号", "操作人", "查阅对象", "录像开始",
                                      "录像结束", "说明")

    def export_rows(self, since: date, until: date, people: Mapping[str, str] | None = None) -> list[list[str]]:
        return [[str(r.id), f"{self.local(r.at):%Y-%m-%d %H:%M:%S}", r.action_label, f"#{r.request_id}",
                 person_label(r.actor, people), r.target, self._t(r.starts_at), self._t(r.ends_at), r.detail]
                for r in self.register(since, until)]

    def export_csv(self, since: date, until: date, people: Mapping[str, str] | None = None) -> str:
        """UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese right."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(self.EXPORT_HEADER)
        w.writerows(self.export_rows(since, until, people))
        return "\ufeff" + buf.getvalue()

    # ---- helpers ------------------------------------------------------------------------------------
    def _row(self, s: Session, request_id: int) -> RecordingRequest:
        row = s.get(RecordingRequest, request_id)
        if row is None or row.hall != self.hall:
            raise RecordingNotFound(f"没有查阅申请 #{request_id}")
        return row

    def _register(self, u: Any, row: RecordingRequest, actor: str, action: str, detail: str, *,
                  terminal_name: str | None = None) -> RecordingRegister:
        """One register row and its audit entry, in the unit that made the change."""
        if terminal_name is None and row.terminal_id is not None:
            t = u.s.get(Terminal, row.terminal_id)
            terminal_name = t.name if t is not None else ""
        target = target_label(row.terminal_id, row.area, terminal_name or "")
        reg = RecordingRegister(hall=self.hall, request_id=row.id, at=u.now, actor=actor, action=action,
                                target=target[:200], starts_at=row.starts_at, ends_at=row.ends_at, detail=detail)
        u.s.add(reg)
        u.s.flush()
        accounts.audit(u.s, actor, f"recording.{action}", f"recording:{row.id}",
                       f"{ACTION_WORDS[action]}查阅录像 #{row.id}：{target}，{self._t(row.starts_at)} 至 "
                       f"{self._t(row.ends_at)}；{detail}", now=u.now)
        u.changed.add(TOPIC)
        return reg

    def _view(self, s: Session, row: RecordingRequest, now: datetime) -> RequestView:
        name = ""
        if row.terminal_id is not None:
            t = s.get(Terminal, row.terminal_id)
            name = t.name if t is not None else ""
        order_no = None
        if row.complaint_id is not None:
            c = s.get(Complaint, row.complaint_id)
            order_no = c.order_no if c is not None else None
        views = s.scalar(select(func.count()).select_from(RecordingRegister).where(
            RecordingRegister.request_id == row.id, RecordingRegister.action == "viewed")) or 0
        status: Status
        if row.state == "approved":
            status = "approved" if row.grant_expires_at is not None and now < row.grant_expires_at else "expired"
        elif row.state == "rejected":
            status = "rejected"
        else:
            status = "requested"
        return RequestView(id=row.id, terminal_id=row.terminal_id, terminal_name=name, area=row.area,
                           starts_at=row.starts_at, ends_at=row.ends_at, reason=row.reason, incident_id=row.incident_id,
                           complaint_id=row.complaint_id, complaint_order_no=order_no, requested_by=row.requested_by,
                           requested_at=row.requested_at, state=row.state, status=status, decided_by=row.decided_by,
                           decided_at=row.decided_at, decision_note=row.decision_note,
                           grant_expires_at=row.grant_expires_at, views=views)


def person_label(user: str, people: Mapping[str, str] | None) -> str:
    """王敏（wangmin）: the name people know, with the account."""
    shown = (people or {}).get(user, "")
    return f"{shown}（{user}）" if shown and shown != user else user


def _person(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise RecordingError("需要登录用户")
    return name[:100]


# ---- one per running core -----------------------------------------------------------------------------
_OF: weakref.WeakKeyDictionary[Any, Recordings] = weakref.WeakKeyDictionary()


def of(svc: Any) -> Recordings:
    """The recordings access of a running hall server (anything with ``core`` and ``cfg``), made once."""
    found = _OF.get(svc.core)
    if found is None:
        found = _OF[svc.core] = Recordings(svc.core, svc.cfg.recordings, svc.cfg.inspections.timezone)
    return found


__all__ = [
    "ACTION_WORDS", "STATUS_WORDS", "Conflict", "NotAllowed", "RecordingError", "RecordingNotFound", "Recordings",
    "RegisterRow", "RequestView", "Viewing", "of", "person_label", "target_label",
]
