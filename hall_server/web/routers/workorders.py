"""Complaint work orders' pages (投诉工单) and their steps, for people and scripts (docs/workorders.md).

- ``/complaints``: the list with filters (state, category, terminal, overdue), each work order's answer
  due time counting down on the hall's clock, overdue ones flagged, a provisional due time (calendar not
  published) said so. Refreshed on the ``complaints`` event and every 30 s (the countdown).
- ``/complaints/{id}``: the work order, its append-only history and a form for the step its state allows
  (交办, 延期, 答复, 回访); for CALL_BACK roles a button that shows the phone (htmx, audited).
- ``/api/complaints/{id}/assign|extend|answer|call-back``: the same steps as JSON (the list and the detail are
  the feedback router's ``/api/complaints`` routes, whose models carry the work order's fields).

Permissions: HANDLE_COMPLAINTS for the steps, CALL_BACK for the phone, VIEW for the rest. The actor is the
logged-in user; every step is in the audit log and the history.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from hall_server import accounts
from hall_server.accounts import Permission
from hall_server.domain import workorders as domain
from hall_server.domain.base import NotFound
from hall_server.domain.workorders import MAX_EXTENSION_DAYS, STATES, Filters, WorkOrderError, WorkOrders
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.models import TERMINAL_ID_PATTERN
from hall_server.web.routers.feedback import ComplaintOut, complaint_phone
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page
from wire.feedback import CATEGORIES, UUID_PATTERN

router = APIRouter()
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Handler = Annotated[Principal, Depends(require(Permission.HANDLE_COMPLAINTS))]
CallBack = Annotated[Principal, Depends(require(Permission.CALL_BACK))]
# the kiosk's UUID (wire.feedback's pattern, its \Z in the end-of-text form the Rust regex of pydantic reads)
OrderId = Annotated[str, PathParam(min_length=36, max_length=36, pattern=UUID_PATTERN.removesuffix(r"\Z") + "$",
                                   description="the work order's id (the kiosk's UUID)")]
FilterQ = Annotated[str, Query(max_length=100)]
Text = Annotated[str, Form(max_length=8000)]
OVERDUE_WORDS = {"": "全部", "yes": "已超期", "no": "未超期"}


def _orders(svc: HallRuntime) -> WorkOrders:
    return domain.of(svc)


def _people(svc: HallRuntime) -> dict[str, str]:
    """User name → display name: the history keeps who acted by user name, pages show the name people know."""
    return {u.username: u.display_name or u.username for u in accounts.list_users(svc.sessions)} | {"system": "系统"}


# ---- the list ------------------------------------------------------------------------------------
def _filters(state: str, category: str, terminal: str, overdue: str) -> tuple[Filters, dict[str, str]]:
    """The list's query string checked: a value out of its choices is a 422 in words, never a guess."""
    check = Check()
    st = check.choice("state", state, "状态", list(STATES), required=False)
    cat = check.choice("category", category, "类别", list(CATEGORIES), required=False)
    term = terminal.strip()
    if term and not _terminal_id_ok(term):
        check.fail("terminal", "终端编号格式不对")
    od = check.choice("overdue", overdue, "是否超期", list(OVERDUE_WORDS), required=False)
    if not check.ok:
        raise HTTPException(422, "；".join(check.errors.values()))
    f = Filters(state=st or None, category=cat or None, terminal_id=term or None,
                overdue={"yes": True, "no": False}.get(od))
    return f, {"state": st, "category": cat, "terminal": term, "overdue": od}


def _terminal_id_ok(value: str) -> bool:
    return len(value) <= 63 and re.fullmatch(TERMINAL_ID_PATTERN, value) is not None


def _list_context(svc: HallRuntime, f: Filters, values: dict[str, str]) -> dict[str, Any]:
    orders = _orders(svc)
    return {"orders": orders.rows(f), "counts": orders.counts(), "f": values, "states": STATES,
            "categories": CATEGORIES, "terminals": orders.terminal_ids(), "overdue_words": OVERDUE_WORDS}


@router.get("/complaints", response_class=HTMLResponse, include_in_schema=False)
def complaints_page(request: Request, svc: Svc, p: Viewer, *, state: FilterQ = "", category: FilterQ = "",
                    terminal: FilterQ = "", overdue: FilterQ = "") -> HTMLResponse:
    f, values = _filters(state, category, terminal, overdue)
    return page(request, "complaints.html", principal=p, nav="complaints", **_list_context(svc, f, values))


@router.get("/fragments/complaints", response_class=HTMLResponse, include_in_schema=False)
def complaints_fragment(request: Request, svc: Svc, p: Viewer, *, state: FilterQ = "", category: FilterQ = "",
                        terminal: FilterQ = "", overdue: FilterQ = "") -> HTMLResponse:
    f, values = _filters(state, category, terminal, overdue)
    return page(request, "fragments/complaints_table.html", principal=p, **_list_context(svc, f, values))


@router.get("/fragments/hall/complaints", response_class=HTMLResponse, include_in_schema=False)
def hall_complaints(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    """The live hall's line of work orders: how many await an answer, and the overdue ones flagged."""
    return page(request, "fragments/hall_complaints.html", principal=p, counts=_orders(svc).counts())


# ---- one work order --------------------------------------------------------------------------------
def _order(svc: HallRuntime, complaint_id: str) -> dict[str, Any]:
    try:
        return _orders(svc).get(complaint_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


def _detail_context(svc: HallRuntime, complaint_id: str) -> dict[str, Any]:
    return {"o": _order(svc, complaint_id), "departments": _orders(svc).departments, "people": _people(svc),
            "max_extension": MAX_EXTENSION_DAYS}


def _actions(request: Request, svc: HallRuntime, p: Principal, complaint_id: str, *, status_code: int = 200,
             errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
             done: str = "") -> HTMLResponse:
    """After a step's form: the forms (htmx swaps them, the live part out of band), or without htmx the page."""
    htmx = request.headers.get("HX-Request") == "true"
    template = "fragments/complaint_actions.html" if htmx else "complaint.html"
    return page(request, template, status_code=status_code, principal=p, nav="complaints", errors=errors or {},
                values=values or {}, done=done, oob=htmx, **_detail_context(svc, complaint_id))


@router.get("/complaints/{complaint_id}", response_class=HTMLResponse, include_in_schema=False)
def complaint_page(complaint_id: OrderId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "complaint.html", principal=p, nav="complaints", errors={}, values={}, done="", oob=False,
                **_detail_context(svc, complaint_id))


@router.get("/fragments/complaints/{complaint_id}", response_class=HTMLResponse, include_in_schema=False)
def complaint_fragment(complaint_id: OrderId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/complaint_live.html", principal=p, **_detail_context(svc, complaint_id))


@router.post("/complaints/{complaint_id}/phone", response_class=HTMLResponse, include_in_schema=False)
def show_phone(complaint_id: OrderId, request: Request, svc: Svc, p: CallBack) -> HTMLResponse:
    """The phone in clear for the call-back (htmx swaps the button for it); audited like the API's."""
    return phone_fragment(request, p, lambda: complaint_phone(complaint_id, svc, p))


def phone_fragment(request: Request, p: Principal, reveal: Any) -> HTMLResponse:
    """``reveal()``'s phone in clear, as the fragment htmx swaps a 显示号码 button for; its 409 (the key
    cannot open it) in words there. Complaints' and appointments' (hall_server/web/routers/appointments.py)."""
    try:
        found = reveal()
        return page(request, "fragments/complaint_phone.html", principal=p, phone=found["phone"], error="")
    except HTTPException as exc:
        if exc.status_code != 409:
            raise
        return page(request, "fragments/complaint_phone.html", status_code=409, principal=p, phone="",
                    error=str(exc.detail))


def _step(request: Request, svc: HallRuntime, p: Principal, complaint_id: str, check: Check, *, field: str,
          values: dict[str, str], done: str, run: Any) -> HTMLResponse:
    """Run one step (``run()``) if the form is in order; a refusal beside ``field``, with what was typed."""
    status = 422
    if check.ok:
        try:
            run()
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except WorkOrderError as exc:
            check.fail(field, str(exc))
            status = exc.status
    if not check.ok:
        return _actions(request, svc, p, complaint_id, status_code=status, errors=check.errors, values=values)
    return _actions(request, svc, p, complaint_id, done=done)


@router.post("/complaints/{complaint_id}/assign", response_class=HTMLResponse, include_in_schema=False)
def assign_form(complaint_id: OrderId, request: Request, svc: Svc, p: Handler, *, department: Text = "",
                note: Text = "") -> HTMLResponse:
    check = Check()
    dept = check.text("department", department, "交办部门", required=True, max_length=100)
    text = check.text("assign_note", note, "交办说明", max_length=domain.TEXT_MAX)
    return _step(request, svc, p, complaint_id, check, field="department",
                 values={"department": department, "assign_note": note}, done=f"已交办 {dept}",
                 run=lambda: _orders(svc).assign(complaint_id, dept, actor=p.username, note=text))


@router.post("/complaints/{complaint_id}/extend", response_class=HTMLResponse, include_in_schema=False)
def extend_form(complaint_id: OrderId, request: Request, svc: Svc, p: Handler, *, days: Text = "",
                reason: Text = "") -> HTMLResponse:
    check = Check()
    n = check.choice("days", days, "延期天数", [str(i) for i in range(1, MAX_EXTENSION_DAYS + 1)])
    why = check.text("reason", reason, "延期原因", required=True, max_length=domain.TEXT_MAX)
    return _step(request, svc, p, complaint_id, check, field="days", values={"days": days, "reason": reason},
                 done=f"已延期 {n} 个工作日",
                 run=lambda: _orders(svc).extend(complaint_id, int(n), why, actor=p.username))


@router.post("/complaints/{complaint_id}/answer", response_class=HTMLResponse, include_in_schema=False)
def answer_form(complaint_id: OrderId, request: Request, svc: Svc, p: Handler, *, text: Text = "") -> HTMLResponse:
    check = Check()
    answer = check.text("text", text, "部门答复（处理结果）", required=True, max_length=domain.TEXT_MAX)
    return _step(request, svc, p, complaint_id, check, field="text", values={"text": text},
                 done="已登记部门答复，请回访当事人",
                 run=lambda: _orders(svc).answer(complaint_id, answer, actor=p.username))


@router.post("/complaints/{complaint_id}/call-back", response_class=HTMLResponse, include_in_schema=False)
def call_back_form(complaint_id: OrderId, request: Request, svc: Svc, p: Handler, *, satisfied: Text = "",
                   note: Text = "", department: Text = "") -> HTMLResponse:
    check = Check()
    result = check.choice("satisfied", satisfied, "回访结果", {"yes": "满意", "no": "不满意"})
    text = check.text("callback_note", note, "回访记录", required=result == "no", max_length=domain.TEXT_MAX)
    dept = check.text("callback_department", department, "再次交办部门", max_length=100)
    done = "回访满意，工单办结" if result == "yes" else "回访不满意，已再次交办"
    return _step(request, svc, p, complaint_id, check, field="satisfied",
                 values={"satisfied": satisfied, "callback_note": note, "callback_department": department}, done=done,
                 run=lambda: _orders(svc).call_back(complaint_id, result == "yes", text, actor=p.username,
                                                department=dept or None))


# ---- the API -------------------------------------------------------------------------------------
api = APIRouter(prefix="/api", tags=["feedback"])


class AssignIn(BaseModel):
    department: str = Field(max_length=100, description="one of [feedback] departments")
    note: str = Field("", max_length=domain.TEXT_MAX)


class ExtendIn(BaseModel):
    days: int = Field(ge=1, le=30, description=f"working days; at most {MAX_EXTENSION_DAYS} in a round altogether")
    reason: str = Field(max_length=domain.TEXT_MAX, description="required (refused in words when blank)")


class AnswerIn(BaseModel):
    text: str = Field(max_length=domain.TEXT_MAX, description="the department's answer (处理结果), required")


class CallBackIn(BaseModel):
    satisfied: bool
    note: str = Field("", max_length=domain.TEXT_MAX, description="required when not satisfied: why")
    department: str | None = Field(None, max_length=100, description="sent back to (default: the same department)")


def step_api(fn: Any) -> dict[str, Any]:
    """``fn()``'s answer; its NotFound a 404, its refused step (a :class:`WorkOrderError`) that step's status."""
    try:
        out: dict[str, Any] = fn()
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except WorkOrderError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    return out


@api.get("/complaint-departments", response_model=list[str])
def departments(svc: Svc, _p: Viewer) -> list[str]:
    """The departments a work order can be assigned to ([feedback] departments)."""
    return list(_orders(svc).departments)


@api.post("/complaints/{complaint_id}/assign", response_model=ComplaintOut)
def assign(complaint_id: OrderId, body: AssignIn, svc: Svc, p: Handler) -> dict[str, Any]:
    """已受理 → 已交办."""
    return step_api(lambda: _orders(svc).assign(complaint_id, body.department, actor=p.username, note=body.note))


@api.post("/complaints/{complaint_id}/extend", response_model=ComplaintOut)
def extend(complaint_id: OrderId, body: ExtendIn, svc: Svc, p: Handler) -> dict[str, Any]:
    """More working days for the answer, with a reason (at most 2 in a round)."""
    return step_api(lambda: _orders(svc).extend(complaint_id, body.days, body.reason, actor=p.username))


@api.post("/complaints/{complaint_id}/answer", response_model=ComplaintOut)
def answer(complaint_id: OrderId, body: AnswerIn, svc: Svc, p: Handler) -> dict[str, Any]:
    """已交办 → 已答复."""
    return step_api(lambda: _orders(svc).answer(complaint_id, body.text, actor=p.username))


@api.post("/complaints/{complaint_id}/call-back", response_model=ComplaintOut)
def call_back(complaint_id: OrderId, body: CallBackIn, svc: Svc, p: Handler) -> dict[str, Any]:
    """已答复 → 已回访 (satisfied) or 已交办 again (not satisfied)."""
    return step_api(lambda: _orders(svc).call_back(complaint_id, body.satisfied, body.note, actor=p.username,
                                               department=body.department))


router.include_router(api)
