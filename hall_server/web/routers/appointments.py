"""Saturday extended-hours appointments' page (延时服务预约) and its steps, for people and scripts
(docs/appointments.md; hall_server/domain/appointments.py).

- ``/appointments?day=YYYY-MM-DD&item=CODE``: a Saturday's appointments grouped per service item, for the
  departments: the name and phone masked, 待联系 flagged from 09:30, 未到（视为放弃） from 10:00; refreshed on
  the ``appointments`` event and every 30 s (the clock's flags). For HANDLE_APPOINTMENTS the steps 已到场
  and 已联系 (with a note); for CALL_BACK a button that shows the phone (htmx, audited).
- ``/api/appointments?day=`` (the list), ``/api/appointments/{id}`` and its ``/arrived``, ``/contacted``,
  ``/phone``: the same as JSON.

Permissions: VIEW for the list, HANDLE_APPOINTMENTS for the steps, CALL_BACK for the phone. The actor is the
logged-in user; every step and every showing of a phone is in the audit log.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from hall_server.accounts import Permission
from hall_server.domain import appointments as domain
from hall_server.domain.appointments import NOTE_MAX, STATE_WORDS, AppointmentError, Appointments
from hall_server.domain.base import NotFound
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.routers import workorders
from hall_server.web.routers.workorders import phone_fragment
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page
from wire.feedback import UUID_PATTERN, SealError

router = APIRouter()
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Handler = Annotated[Principal, Depends(require(Permission.HANDLE_APPOINTMENTS))]
CallBack = Annotated[Principal, Depends(require(Permission.CALL_BACK))]
AppointmentId = Annotated[str, PathParam(min_length=36, max_length=36,
                                         pattern=UUID_PATTERN.removesuffix(r"\Z") + "$",
                                         description="the appointment's id (the kiosk's UUID of the booking)")]
DayQ = Annotated[str, Query(max_length=10, description="the Saturday, YYYY-MM-DD (default: today's or the next)")]
ItemQ = Annotated[str, Query(max_length=64)]
Text = Annotated[str, Form(max_length=4000)]


def _svc(svc: HallRuntime) -> Appointments:
    return domain.of(svc)


def _today(svc: HallRuntime) -> date:
    return svc.core.clock.now().astimezone(ZoneInfo(svc.cfg.inspections.timezone)).date()


def _day(svc: HallRuntime, day: str) -> date | None:
    if not day.strip():
        return _svc(svc).default_day(_today(svc))
    try:
        return date.fromisoformat(day.strip())
    except ValueError:
        raise HTTPException(422, f"日期格式不对：{day[:10]}（应为 YYYY-MM-DD）") from None


def _groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        code = r["item_code"] or ""
        g = out.setdefault(code, {"code": code, "name": r["item_name"] or "", "rows": []})
        g["rows"].append(r)
    return list(out.values())


def _context(svc: HallRuntime, day: str, item: str) -> dict[str, Any]:
    d = _day(svc, day)
    a = _svc(svc)
    rows = a.rows(d, item.strip() or None) if d is not None else []
    counts = {k: sum(r["state"] == k for r in rows) for k in STATE_WORDS} | {
        "to_contact": sum(r["to_contact"] for r in rows)}
    return {"day": d, "days": a.days(), "item": item.strip(), "items": a.items(d) if d is not None else [],
            "groups": _groups(rows), "total": len(rows), "counts": counts, "state_words": STATE_WORDS}


@router.get("/appointments", response_class=HTMLResponse, include_in_schema=False)
def appointments_page(request: Request, svc: Svc, p: Viewer, *, day: DayQ = "", item: ItemQ = "") -> HTMLResponse:
    return page(request, "appointments.html", principal=p, nav="appointments", done="", error="",
                **_context(svc, day, item))


@router.get("/fragments/appointments", response_class=HTMLResponse, include_in_schema=False)
def appointments_fragment(request: Request, svc: Svc, p: Viewer, *, day: DayQ = "", item: ItemQ = "") -> HTMLResponse:
    return page(request, "fragments/appointments_table.html", principal=p, done="", error="",
                **_context(svc, day, item))


def _after(request: Request, svc: HallRuntime, p: Principal, day: str, *, done: str = "", error: str = "",
           status_code: int = 200) -> HTMLResponse:
    htmx = request.headers.get("HX-Request") == "true"
    template = "fragments/appointments_table.html" if htmx else "appointments.html"
    return page(request, template, status_code=status_code, principal=p, nav="appointments", done=done, error=error,
                **_context(svc, day, ""))


def _form_step(request: Request, svc: HallRuntime, p: Principal, appointment_id: str, *, run: Any,
               done: str) -> HTMLResponse:
    try:
        a = run()
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except AppointmentError as exc:
        day = _svc(svc).get(appointment_id)["day"].isoformat()
        return _after(request, svc, p, day, error=str(exc), status_code=exc.status)
    return _after(request, svc, p, a["day"].isoformat(), done=done.format(**a))


@router.post("/appointments/{appointment_id}/arrived", response_class=HTMLResponse, include_in_schema=False)
def arrived_form(appointment_id: AppointmentId, request: Request, svc: Svc, p: Handler) -> HTMLResponse:
    return _form_step(request, svc, p, appointment_id, run=lambda: _svc(svc).arrived(appointment_id, actor=p.username),
                      done="预约 {booking_no} 已登记到场")


@router.post("/appointments/{appointment_id}/contacted", response_class=HTMLResponse, include_in_schema=False)
def contacted_form(appointment_id: AppointmentId, request: Request, svc: Svc, p: Handler, *,
                   note: Text = "") -> HTMLResponse:
    check = Check()
    text = check.text("note", note, "联系情况", required=True, max_length=NOTE_MAX)
    if not check.ok:
        day = _get(svc, appointment_id)["day"].isoformat()
        return _after(request, svc, p, day, error="；".join(check.errors.values()), status_code=422)
    return _form_step(request, svc, p, appointment_id,
                      run=lambda: _svc(svc).contacted(appointment_id, text, actor=p.username),
                      done="预约 {booking_no} 已登记联系情况")


@router.post("/appointments/{appointment_id}/phone", response_class=HTMLResponse, include_in_schema=False)
def show_phone(appointment_id: AppointmentId, request: Request, svc: Svc, p: CallBack) -> HTMLResponse:
    """The phone in clear to contact the citizen (htmx swaps the button for it); audited like the API's."""
    return phone_fragment(request, p, lambda: _phone(svc, appointment_id, p))


def _get(svc: HallRuntime, appointment_id: str) -> dict[str, Any]:
    try:
        return _svc(svc).get(appointment_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


def _phone(svc: HallRuntime, appointment_id: str, p: Principal) -> dict[str, Any]:
    try:
        return _svc(svc).reveal_phone(appointment_id, actor=p.username)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except SealError:
        raise HTTPException(409, "该预约的联系电话无法解密（大厅私钥缺失或不匹配），"
                                 "请检查 [feedback] private_key_file") from None


# ---- the API -------------------------------------------------------------------------------------
api = APIRouter(prefix="/api", tags=["appointments"])


class AppointmentOut(BaseModel):
    id: str
    booking_no: str
    terminal_id: str
    item_code: str | None
    item_name: str | None
    day: date
    hours: str
    starts_at: datetime
    contact_from: datetime
    no_show_from: datetime
    name: str = Field(description="masked")
    phone: str = Field(description="masked; in clear only from /phone (CALL_BACK, audited)")
    state: str = Field(description="booked, cancelled, arrived, no_show")
    state_label: str
    to_contact: bool = Field(description="booked and 30 minutes past the start: call the citizen")
    contact_flagged_at: datetime | None
    contacted_at: datetime | None
    contacted_by: str | None
    contact_note: str | None
    arrived_at: datetime | None
    arrived_by: str | None
    cancelled_at: datetime | None
    no_show_at: datetime | None
    created_at: datetime


class ContactedIn(BaseModel):
    note: str = Field(max_length=NOTE_MAX, description="how the citizen was contacted, required")


class PhoneOut(BaseModel):
    id: str
    booking_no: str
    phone: str


_api = workorders.step_api  # NotFound a 404, a refused step (AppointmentError is a WorkOrderError) its status


@api.get("/appointments", response_model=list[AppointmentOut])
def list_appointments(svc: Svc, _p: Viewer, day: DayQ = "", item: ItemQ = "") -> list[dict[str, Any]]:
    """A Saturday's appointments (default: today's or the next with appointments), name and phone masked."""
    d = _day(svc, day)
    return _svc(svc).rows(d, item.strip() or None) if d is not None else []


@api.get("/appointments/{appointment_id}", response_model=AppointmentOut)
def get_appointment(appointment_id: AppointmentId, svc: Svc, _p: Viewer) -> dict[str, Any]:
    return _get(svc, appointment_id)


@api.post("/appointments/{appointment_id}/arrived", response_model=AppointmentOut)
def arrived(appointment_id: AppointmentId, svc: Svc, p: Handler) -> dict[str, Any]:
    """已预约 → 已到场 (before the no-show)."""
    return _api(lambda: _svc(svc).arrived(appointment_id, actor=p.username))


@api.post("/appointments/{appointment_id}/contacted", response_model=AppointmentOut)
def contacted(appointment_id: AppointmentId, body: ContactedIn, svc: Svc, p: Handler) -> dict[str, Any]:
    """The citizen contacted (or tried): the note recorded."""
    return _api(lambda: _svc(svc).contacted(appointment_id, body.note, actor=p.username))


@api.post("/appointments/{appointment_id}/phone", response_model=PhoneOut)
def phone(appointment_id: AppointmentId, svc: Svc, p: CallBack) -> dict[str, Any]:
    """The phone in clear, to contact the citizen (CALL_BACK; each showing audited)."""
    return _phone(svc, appointment_id, p)


router.include_router(api)
