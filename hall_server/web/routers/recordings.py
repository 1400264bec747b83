"""Access to the CCTV recordings by approval (监控录像查阅, docs/recordings.md): the request form, the lists
(mine, awaiting my approval, all), a request's page with the decision and the viewing, the register
(查阅登记) with its CSV and its printable A4 page; and the JSON of the same under ``/api/recordings``.

Permissions: REQUEST_RECORDING to request and to view one's own approved request, APPROVE_RECORDING (the
centre) to approve or reject another's, VIEW for the rest. The actor is always the logged-in user.
Forms are plain posts (no script needed): a success is a redirect to the request's page, a refusal the
same form again with the words and what was typed (4xx).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from hall_server import accounts
from hall_server.accounts import Permission
from hall_server.db import Terminal
from hall_server.domain import recordings as domain
from hall_server.domain.recordings import RecordingError, Recordings, RequestView, person_label
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.models import RowId, Text, WindowTime
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page
from wire.contract import INT63_MAX

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/recordings", tags=["recordings"])
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Requester = Annotated[Principal, Depends(require(Permission.REQUEST_RECORDING))]
Approver = Annotated[Principal, Depends(require(Permission.APPROVE_RECORDING))]
DayQ = Annotated[str, Query(max_length=10, description="YYYY-MM-DD, the hall's local date")]
BoxQ = Annotated[str, Query(max_length=16, description="mine | pending | all")]
FormText = Annotated[str, Form(max_length=8000)]
MAX_PERIOD_DAYS = 366
BOX_WORDS = {"mine": "我的申请", "pending": "待我审批", "all": "全部"}
DONE_WORDS = {"requested": "已提交查阅申请，等待中心审批", "approved": "已批准：申请人可在授权有效期内查看录像",
              "rejected": "已驳回这个申请"}


def _rec(svc: HallRuntime) -> Recordings:
    return domain.of(svc)


def _people(svc: HallRuntime) -> dict[str, str]:
    return {u.username: u.display_name or u.username for u in accounts.list_users(svc.sessions)}


def _terminals(svc: HallRuntime) -> list[tuple[str, str]]:
    """(id, name) of the registered terminals, for the form."""
    with svc.sessions() as s:
        rows = s.scalars(select(Terminal).where(Terminal.hall == svc.core.hall, Terminal.registered.is_(True))
                         .order_by(Terminal.id))
        return [(t.id, t.name) for t in rows]


def _day(value: str, default: date, what: str) -> date:
    if not value.strip():
        return default
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{what}格式不对，应为 年-月-日（如 2026-03-02）") from None
    if not date(2000, 1, 1) <= day <= date(2999, 12, 31):
        raise HTTPException(422, f"{what}应在 2000-01-01 与 2999-12-31 之间")
    return day


def _period(rec: Recordings, since: str, until: str) -> tuple[date, date]:
    today = rec.today()
    a = _day(since, today - timedelta(days=29), "开始日期")
    b = _day(until, today, "结束日期")
    if b < a:
        raise HTTPException(422, "结束日期不能早于开始日期")
    if (b - a).days >= MAX_PERIOD_DAYS:
        raise HTTPException(422, f"一次最多查询 {MAX_PERIOD_DAYS} 天")
    return a, b


def _box(p: Principal, value: str) -> Literal["mine", "pending", "all"]:
    v = value.strip()
    if not v:
        if p.can(Permission.APPROVE_RECORDING):
            return "pending"
        return "mine" if p.can(Permission.REQUEST_RECORDING) else "all"
    if v not in BOX_WORDS:
        raise HTTPException(422, "列表应为 mine（我的申请）、pending（待我审批）或 all（全部）")
    return v  # type: ignore[return-value]


def _refused(exc: RecordingError) -> HTTPException:
    return HTTPException(exc.status, str(exc))


def _context(svc: HallRuntime) -> dict[str, Any]:
    rec = _rec(svc)
    return {"people": _people(svc), "who": person_label,
            "retention_days": rec.cfg.retention_days, "grant_hours": rec.cfg.grant_hours,
            "max_span_hours": rec.cfg.max_span_hours, "earliest": rec.earliest(), "status_words": domain.STATUS_WORDS}


# ---- the lists -------------------------------------------------------------------------------------------
def _list_ctx(svc: HallRuntime, p: Principal, box: str) -> dict[str, Any]:
    rec = _rec(svc)
    chosen = _box(p, box)
    return {"box": chosen, "boxes": BOX_WORDS, "requests": rec.requests(chosen, p.username),
            "pending": rec.pending_count(p.username) if p.can(Permission.APPROVE_RECORDING) else 0, **_context(svc)}


@router.get("/recordings", response_class=HTMLResponse)
def recordings_page(request: Request, svc: Svc, p: Viewer, box: BoxQ = "") -> HTMLResponse:
    return page(request, "recordings.html", principal=p, nav="recordings", **_list_ctx(svc, p, box))


@router.get("/fragments/recordings", response_class=HTMLResponse)
def recordings_fragment(request: Request, svc: Svc, p: Viewer, box: BoxQ = "") -> HTMLResponse:
    return page(request, "recordings_list.html", principal=p, **_list_ctx(svc, p, box))


# ---- the request form ----------------------------------------------------------------------------------
def _form_page(request: Request, svc: HallRuntime, p: Principal, values: dict[str, str], *,
               errors: dict[str, str] | None = None, status_code: int = 200) -> HTMLResponse:
    rec = _rec(svc)
    return page(request, "recording_form.html", status_code=status_code, principal=p, nav="recordings",
                values=values, errors=errors or {}, terminals=_terminals(svc), areas=rec.cfg.areas, **_context(svc))


@router.get("/recordings/new", response_class=HTMLResponse)
def new_request(request: Request, svc: Svc, p: Requester, *,
                terminal: Annotated[str, Query(max_length=63)] = "",
                incident: Annotated[str, Query(max_length=20)] = "",
                complaint: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    tz = ZoneInfo(svc.cfg.inspections.timezone)
    now = svc.core.clock.now().astimezone(tz).replace(second=0, microsecond=0)
    values = {"target": f"terminal:{terminal}" if terminal else "",
              "starts_at": f"{now - timedelta(hours=1):%Y-%m-%dT%H:%M}", "ends_at": f"{now:%Y-%m-%dT%H:%M}",
              "reason": "", "incident": incident, "complaint": complaint}
    return _form_page(request, svc, p, values)


@router.post("/recordings", response_class=HTMLResponse)
def create_request(request: Request, svc: Svc, p: Requester, *, target: FormText = "", starts_at: FormText = "",
                   ends_at: FormText = "", reason: FormText = "", incident: FormText = "",
                   complaint: FormText = "") -> Response:
    values = {"target": target, "starts_at": starts_at, "ends_at": ends_at, "reason": reason, "incident": incident,
              "complaint": complaint}
    tz = ZoneInfo(svc.cfg.inspections.timezone)
    check = Check()
    kind, _, what = target.strip().partition(":")
    if kind not in ("terminal", "area") or not what:
        check.fail("target", "请选择一台终端或一个监控区域")
    start = check.local_time("starts_at", starts_at, "开始时间", tz)
    end = check.local_time("ends_at", ends_at, "结束时间", tz)
    why = check.text("reason", reason, "查阅原因", required=True, max_length=domain.REASON_MAX)
    incident_id: int | None = None
    inc = incident.strip().lstrip("#")
    if inc:
        if not inc.isdigit() or not 1 <= int(inc) <= INT63_MAX:
            check.fail("incident", "故障工单号应为数字（如 12）")
        else:
            incident_id = int(inc)
    about = check.text("complaint", complaint, "投诉工单号", max_length=100)
    made: RequestView | None = None
    if check.ok:
        assert start is not None and end is not None
        try:
            made = _rec(svc).request(by=p.username, starts_at=start, ends_at=end, reason=why,
                                     terminal_id=what if kind == "terminal" else None,
                                     area=what if kind == "area" else None, incident_id=incident_id,
                                     complaint=about or None)
        except RecordingError as exc:
            check.fail(exc.field, str(exc))
    if made is None:
        return _form_page(request, svc, p, values, errors=check.errors, status_code=422)
    return RedirectResponse(f"/recordings/{made.id}?done=requested", status_code=303)


# ---- the register ---------------------------------------------------------------------------------------
@router.get("/recordings/register", response_class=HTMLResponse)
def register_page(request: Request, svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "") -> HTMLResponse:
    rec = _rec(svc)
    a, b = _period(rec, since, until)
    return page(request, "recording_register.html", principal=p, nav="recordings", since=a, until=b,
                header=Recordings.EXPORT_HEADER, rows=rec.export_rows(a, b, _people(svc)), **_context(svc))


@router.get("/recordings/register.csv")
def register_csv(svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "") -> Response:
    rec = _rec(svc)
    a, b = _period(rec, since, until)
    name = f"recordings-register-{svc.core.hall}-{a:%Y%m%d}-{b:%Y%m%d}.csv"
    return Response(rec.export_csv(a, b, _people(svc)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/recordings/register/print", response_class=HTMLResponse)
def register_print(request: Request, svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "") -> HTMLResponse:
    rec = _rec(svc)
    a, b = _period(rec, since, until)
    return page(request, "recording_register_print.html", principal=p, since=a, until=b,
                header=Recordings.EXPORT_HEADER, rows=rec.export_rows(a, b, _people(svc)), **_context(svc))


# ---- one request: its page, the decision, the viewing -----------------------------------------------------
def _request_page(request: Request, svc: HallRuntime, p: Principal, request_id: int, *, status_code: int = 200,
                  errors: dict[str, str] | None = None, values: dict[str, str] | None = None, done: str = "",
                  viewing: domain.Viewing | None = None) -> HTMLResponse:
    rec = _rec(svc)
    found = rec.get(request_id)
    if found is None:
        raise HTTPException(404, f"没有查阅申请 #{request_id}")
    return page(request, "recording.html", status_code=status_code, principal=p, nav="recordings", r=found,
                log=rec.register(request_id=request_id), errors=errors or {}, values=values or {"note": ""},
                done=done, viewing=viewing, **_context(svc))


@router.get("/recordings/{request_id}", response_class=HTMLResponse)
def request_page(request_id: RowId, request: Request, svc: Svc, p: Viewer,
                 done: Annotated[str, Query(max_length=16)] = "") -> HTMLResponse:
    return _request_page(request, svc, p, request_id, done=DONE_WORDS.get(done, ""))


def _decide(request: Request, svc: HallRuntime, p: Principal, request_id: int, *, approve: bool,
            note: str) -> Response:
    check = Check()
    text = check.text("note", note, "审批意见", max_length=domain.NOTE_MAX)
    if check.ok:
        try:
            rec = _rec(svc)
            (rec.approve if approve else rec.reject)(request_id, by=p.username, note=text)
        except domain.RecordingNotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except RecordingError as exc:
            return _request_page(request, svc, p, request_id, status_code=exc.status, errors={"note": str(exc)},
                                 values={"note": note})
        return RedirectResponse(f"/recordings/{request_id}?done={'approved' if approve else 'rejected'}",
                                status_code=303)
    return _request_page(request, svc, p, request_id, status_code=422, errors=check.errors, values={"note": note})


@router.post("/recordings/{request_id}/approve", response_class=HTMLResponse)
def approve(request_id: RowId, request: Request, svc: Svc, p: Approver, note: FormText = "") -> Response:
    return _decide(request, svc, p, request_id, approve=True, note=note)


@router.post("/recordings/{request_id}/reject", response_class=HTMLResponse)
def reject(request_id: RowId, request: Request, svc: Svc, p: Approver, note: FormText = "") -> Response:
    return _decide(request, svc, p, request_id, approve=False, note=note)


@router.post("/recordings/{request_id}/view", response_class=HTMLResponse)
def view(request_id: RowId, request: Request, svc: Svc, p: Requester) -> HTMLResponse:
    """查看录像: registers the viewing, then shows where to view (the page of the request, with it)."""
    try:
        seen = _rec(svc).view(request_id, by=p.username, people=_people(svc))
    except domain.RecordingNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except RecordingError as exc:
        return _request_page(request, svc, p, request_id, status_code=exc.status, errors={"view": str(exc)})
    return _request_page(request, svc, p, request_id, viewing=seen,
                         done=f"已登记本次查看（登记 #{seen.register_id}）")


# ---- the JSON of it, for scripts ------------------------------------------------------------------------
class RecordingRequestBody(BaseModel):
    terminal_id: Text | None = Field(None, max_length=63, description="a registered terminal; or give area")
    area: Text | None = Field(None, max_length=100, description="one of [recordings] areas; or give terminal_id")
    starts_at: WindowTime = Field(description="with its offset (2026-03-02T09:00:00+08:00)")
    ends_at: WindowTime = Field(description="with its offset; after starts_at, not in the future")
    reason: Text = Field(min_length=1, max_length=domain.REASON_MAX)
    incident_id: int | None = Field(None, ge=1, le=INT63_MAX, description="the incident it concerns")
    complaint: Text | None = Field(None, max_length=100, description="the complaint it concerns: order number or id")


class RecordingDecisionBody(BaseModel):
    note: Text = Field("", max_length=domain.NOTE_MAX, description="审批意见 (required to reject)")


class RecordingRequestOut(BaseModel):
    id: int
    terminal_id: str | None
    terminal_name: str
    area: str | None
    target: str
    starts_at: datetime
    ends_at: datetime
    reason: str
    incident_id: int | None
    complaint_id: str | None
    complaint_order_no: str | None
    requested_by: str
    requested_at: datetime
    state: Literal["requested", "approved", "rejected"]
    status: Literal["requested", "approved", "expired", "rejected"]
    status_label: str
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str
    grant_expires_at: datetime | None
    views: int


class RegisterOut(BaseModel):
    id: int
    request_id: int
    at: datetime
    actor: str
    action: Literal["requested", "approved", "rejected", "viewed"]
    action_label: str
    target: str
    starts_at: datetime
    ends_at: datetime
    detail: str


class RecordingDetailOut(RecordingRequestOut):
    log: list[RegisterOut] = Field(description="the request's rows of the register, oldest first")


class ViewingOut(BaseModel):
    request: RecordingRequestOut
    register_id: int
    url: str | None = Field(description="the recorder's playback link ([recordings] viewer_url), or none")
    details: dict[str, str] = Field(description="what to tell the recorder's operator")


class RecordingRulesOut(BaseModel):
    retention_days: int
    earliest: datetime
    grant_hours: int
    max_span_hours: int
    areas: list[str]
    viewer_url: bool


@api.get("", response_model=list[RecordingRequestOut])
def list_requests(svc: Svc, p: Viewer, box: BoxQ = "all") -> list[dict[str, Any]]:
    """Newest first: ``mine``, ``pending`` (awaiting a decision by the caller: not their own) or ``all``."""
    return [r.public() for r in _rec(svc).requests(_box(p, box or "all"), p.username)]


@api.get("/rules", response_model=RecordingRulesOut)
def rules(svc: Svc, _p: Viewer) -> dict[str, Any]:
    rec = _rec(svc)
    return {"retention_days": rec.cfg.retention_days, "earliest": rec.earliest(), "grant_hours": rec.cfg.grant_hours,
            "max_span_hours": rec.cfg.max_span_hours, "areas": list(rec.cfg.areas),
            "viewer_url": rec.cfg.viewer_url is not None}


@api.get("/register", response_model=list[RegisterOut])
def register(svc: Svc, _p: Viewer, since: DayQ = "", until: DayQ = "") -> list[dict[str, Any]]:
    """The register's rows of the period (hall-local days; default the last 30), oldest first."""
    rec = _rec(svc)
    a, b = _period(rec, since, until)
    return [r.public() for r in rec.register(a, b)]


@api.post("", response_model=RecordingRequestOut)
def api_request(body: RecordingRequestBody, svc: Svc, p: Requester) -> dict[str, Any]:
    try:
        return _rec(svc).request(by=p.username, starts_at=body.starts_at, ends_at=body.ends_at, reason=body.reason,
                                 terminal_id=body.terminal_id, area=body.area, incident_id=body.incident_id,
                                 complaint=body.complaint).public()
    except RecordingError as exc:
        raise _refused(exc) from None


@api.get("/{request_id}", response_model=RecordingDetailOut)
def api_get(request_id: RowId, svc: Svc, _p: Viewer) -> dict[str, Any]:
    rec = _rec(svc)
    found = rec.get(request_id)
    if found is None:
        raise HTTPException(404, f"没有查阅申请 #{request_id}")
    return {**found.public(), "log": [r.public() for r in rec.register(request_id=request_id)]}


@api.post("/{request_id}/approve", response_model=RecordingRequestOut)
def api_approve(request_id: RowId, body: RecordingDecisionBody, svc: Svc, p: Approver) -> dict[str, Any]:
    try:
        return _rec(svc).approve(request_id, by=p.username, note=body.note).public()
    except RecordingError as exc:
        raise _refused(exc) from None


@api.post("/{request_id}/reject", response_model=RecordingRequestOut)
def api_reject(request_id: RowId, body: RecordingDecisionBody, svc: Svc, p: Approver) -> dict[str, Any]:
    try:
        return _rec(svc).reject(request_id, by=p.username, note=body.note).public()
    except RecordingError as exc:
        raise _refused(exc) from None


@api.post("/{request_id}/view", response_model=ViewingOut)
def api_view(request_id: RowId, svc: Svc, p: Requester) -> dict[str, Any]:
    """The requester opens the grant: the viewing is registered, then where to view is answered."""
    try:
        seen = _rec(svc).view(request_id, by=p.username, people=_people(svc))
    except RecordingError as exc:
        raise _refused(exc) from None
    return {"request": seen.request.public(), "register_id": seen.register_id, "url": seen.url,
            "details": dict(seen.details)}


router.include_router(api)
