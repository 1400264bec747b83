"""Ratings (好差评) and complaint work orders from the terminals, for people and scripts (docs/feedback.md).

Everyone with VIEW reads them, the call-back phone always masked (``138****5678``). The phone in clear
is a route of its own, ``GET /api/complaints/{id}/phone``, for the roles that call back (CALL_BACK:
the hall administrator and the centre); every showing is an audit entry naming who saw which work order.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam
from pydantic import BaseModel, Field
from sqlalchemy import and_, select

from hall_server import accounts
from hall_server.accounts import Permission
from hall_server.db import Complaint, Rating, Rectification
from hall_server.domain import workorders
from hall_server.domain.base import NotFound
from hall_server.domain.feedback import ANSWER_PENDING, rating_public
from hall_server.domain.workorders import order_public
from hall_server.web.auth import Principal, require
from hall_server.web.models import TERMINAL_ID_PATTERN
from hall_server.web.runtime import HallRuntime, runtime
from wire.feedback import UUID_PATTERN, SealError

router = APIRouter(prefix="/api", tags=["feedback"])
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
CallBack = Annotated[Principal, Depends(require(Permission.CALL_BACK))]
MAX_ROWS = 1000

TermQ = Annotated[str | None, Query(max_length=63, pattern=TERMINAL_ID_PATTERN, description="one terminal")]
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2999, 12, 31)
DayQ = Annotated[date | None, Query(description="YYYY-MM-DD, from the start of this day (UTC+8)")]
LimitQ = Annotated[int, Query(ge=1, le=MAX_ROWS)]
OffsetQ = Annotated[int, Query(ge=0, le=10_000_000)]
FeedbackIdPath = Annotated[str, PathParam(min_length=1, max_length=36, description="the kiosk's id (UUID)")]
HALL_TZ_OFFSET = timedelta(hours=8)  # the days of the filters are China's (the calendar the rules count in)
_UUID = re.compile(UUID_PATTERN)
BAD_LEVEL = 2  # 不满意 and below: a bad review


class RectificationOut(BaseModel):
    id: int
    state: str
    deadline: datetime
    closed_at: datetime | None


class RatingOut(BaseModel):
    id: str
    terminal_id: str
    item_code: str
    item_name: str
    level: int
    tags: list[str]
    case_no: str | None
    rated_at: datetime
    received_at: datetime
    rectification: RectificationOut | None


class ComplaintOut(BaseModel):
    id: str
    order_no: str
    terminal_id: str
    category: str
    matter: str
    phone: str
    phone_masked: bool
    phone_problem: str | None
    case_no: str | None
    filed_at: datetime
    received_at: datetime
    state: str
    due_at: datetime
    due_basis: Literal["official", "provisional"]
    due_note: str
    # the work order's life (docs/workorders.md)
    department: str | None = Field(None, description="assigned to (交办)")
    round: int = Field(1, description="1, plus one for each unsatisfied call-back that sent it back")
    extended_days: int = Field(0, description="working days of extension in this round (at most 2)")
    extension_left: int = 0
    answer_pending: bool = Field(True, description="已受理 or 已交办: due_at counts")
    overdue: bool = False
    seconds_left: int | None = Field(None, description="until due_at on the hall's clock; negative: overdue")
    left_text: str = Field("", description="seconds_left (its size) in words: 2 天 7 小时")
    due_text: str = Field("", description="due_at as people write it, in the terminal's local day (… 24:00)")
    calendar_unknown: bool = Field(False, description="due_basis is provisional: the year's calendar is not published")
    closed_at: datetime | None = None


class StepOut(BaseModel):
    id: int
    round: int
    at: datetime
    actor: str
    action: Literal["assigned", "extended", "answered", "called_back", "overdue", "recomputed"]
    action_label: str
    state: str
    department: str | None
    days: int | None
    satisfied: bool | None
    text: str
    due_at: datetime | None
    due_text: str | None
    due_basis: str | None
    late: bool = Field(description="an answer after the due time it was awaited by")


class WorkOrderOut(ComplaintOut):
    steps: list[StepOut] = Field(description="the append-only history, oldest first")


class PhoneOut(BaseModel):
    id: str
    order_no: str
    phone: str


def _bounds(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    if since is not None and until is not None and until < since:
        raise HTTPException(422, "结束日期不能早于开始日期")
    for d in (since, until):
        if d is not None and not FIRST_DAY <= d <= LAST_DAY:  # beyond, the UTC+8 bounds overflow datetime
            raise HTTPException(422, f"日期应在 {FIRST_DAY} 与 {LAST_DAY} 之间")
    tz = timezone(HALL_TZ_OFFSET)
    a = None if since is None else datetime.combine(since, time(0), tzinfo=tz)
    b = None if until is None else datetime.combine(until + timedelta(days=1), time(0), tzinfo=tz)
    return a, b


@router.get("/ratings", response_model=list[RatingOut])
def list_ratings(svc: Svc, _p: Viewer, *, terminal_id: TermQ = None,
                 item_code: Annotated[str | None, Query(max_length=64)] = None,
                 level: Annotated[int | None, Query(ge=1, le=5)] = None,
                 bad: Annotated[bool | None, Query(description="true: only 不满意 and 非常不满意")] = None,
                 since: DayQ = None, until: DayQ = None, limit: LimitQ = 200,
                 offset: OffsetQ = 0) -> list[dict[str, Any]]:
    """Ratings, newest first, each with its rectification case if it is a bad review."""
    a, b = _bounds(since, until)
    q = select(Rating, Rectification).outerjoin(Rectification, Rectification.rating_id == Rating.id).where(
        Rating.hall == svc.core.hall)
    if terminal_id is not None:
        q = q.where(Rating.terminal_id == terminal_id)
    if item_code is not None:
        q = q.where(Rating.item_code == item_code)
    if level is not None:
        q = q.where(Rating.level == level)
    if bad is not None:
        q = q.where(Rating.level <= BAD_LEVEL) if bad else q.where(Rating.level > BAD_LEVEL)
    if a is not None:
        q = q.where(Rating.rated_at >= a)
    if b is not None:
        q = q.where(Rating.rated_at < b)
    with svc.sessions() as s:
        rows = s.execute(q.order_by(Rating.rated_at.desc(), Rating.id).limit(limit).offset(offset)).all()
        return [rating_public(row[0], row[1]) for row in rows]


@router.get("/complaints", response_model=list[ComplaintOut])
def list_complaints(svc: Svc, _p: Viewer, *, terminal_id: TermQ = None,
                    category: Annotated[Literal["办不成事", "蜗牛办事", "投诉", "建议", "其他"] | None, Query()] = None,
                    state: Annotated[str | None, Query(max_length=16)] = None,
                    overdue: Annotated[bool | None, Query(description="true: answer awaited past due_at")] = None,
                    since: DayQ = None, until: DayQ = None, limit: LimitQ = 200,
                    offset: OffsetQ = 0) -> list[dict[str, Any]]:
    """Complaint work orders, newest first; the phone masked."""
    now = svc.core.clock.now()
    a, b = _bounds(since, until)
    q = select(Complaint).where(Complaint.hall == svc.core.hall)
    if terminal_id is not None:
        q = q.where(Complaint.terminal_id == terminal_id)
    if category is not None:
        q = q.where(Complaint.category == category)
    if state is not None:
        q = q.where(Complaint.state == state)
    if a is not None:
        q = q.where(Complaint.filed_at >= a)
    if b is not None:
        q = q.where(Complaint.filed_at < b)
    if overdue is not None:
        late = and_(Complaint.state.in_(ANSWER_PENDING), Complaint.due_at <= now)
        q = q.where(late if overdue else ~late)
    with svc.sessions() as s:
        rows = s.scalars(q.order_by(Complaint.filed_at.desc(), Complaint.id).limit(limit).offset(offset))
        return [order_public(c, now) for c in rows]


def _complaint(svc: HallRuntime, complaint_id: str) -> Complaint:
    with svc.sessions() as s:
        c = s.get(Complaint, complaint_id)
    if c is None or c.hall != svc.core.hall:
        raise HTTPException(404, f"没有工单 {complaint_id[:36]}")
    return c


@router.get("/complaints/{complaint_id}", response_model=WorkOrderOut)
def get_complaint(complaint_id: FeedbackIdPath, svc: Svc, _p: Viewer) -> dict[str, Any]:
    """One work order with its history (交办, 延期, 答复, 回访, …); the phone masked."""
    _complaint(svc, complaint_id)
    try:
        return workorders.of(svc).get(complaint_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/complaints/{complaint_id}/phone", response_model=PhoneOut)
def complaint_phone(complaint_id: FeedbackIdPath, svc: Svc, p: CallBack) -> dict[str, Any]:
    """The call-back phone in clear (回访), for CALL_BACK only; each showing is in the audit log."""
    if not _UUID.fullmatch(complaint_id):
        raise HTTPException(404, f"没有工单 {complaint_id[:36]}")
    c = _complaint(svc, complaint_id)
    try:
        with svc.sessions() as s:
            phone = svc.core.feedback.reveal_phone(s, complaint_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except SealError:
        raise HTTPException(409, "该工单的联系电话无法解密（大厅私钥缺失或不匹配），"
                                 "请检查 [feedback] private_key_file") from None
    accounts.record_audit(svc.sessions, p.username, "complaint.phone_shown", f"complaint:{c.id}",
                          f"工单 {c.order_no} 的联系电话（回访）", now=svc.core.clock.now())
    return {"id": c.id, "order_no": c.order_no, "phone": phone}
