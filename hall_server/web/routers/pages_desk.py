"""The planned shutdowns' and the notices' pages: request a shutdown with its reason and window, approve
or reject it; post a public notice and clear it."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from hall_server.accounts import Permission
from hall_server.core import IncidentError, NotFound
from hall_server.web import views
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.models import RowId
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page

router = APIRouter(include_in_schema=False)
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Requester = Annotated[Principal, Depends(require(Permission.REQUEST_SHUTDOWN))]
Decider = Annotated[Principal, Depends(require(Permission.DECIDE_SHUTDOWN))]
Poster = Annotated[Principal, Depends(require(Permission.POST_NOTICES))]
HALL_WIDE = "@hall"  # the form's value for "every terminal of the hall"


def _shutdowns(svc: HallRuntime) -> dict[str, Any]:
    return {"shutdowns": views.shutdowns(svc), "terminal_ids": [t["id"] for t in views.terminals(svc)],
            "hall_wide": HALL_WIDE, "decision_errors": {}, "decided": ""}


def _request_defaults(svc: HallRuntime) -> dict[str, str]:
    tz = ZoneInfo(svc.cfg.inspections.timezone)
    start = (svc.core.clock.now() + timedelta(hours=1)).astimezone(tz).replace(minute=0, second=0, microsecond=0)
    return {"terminal": "", "reason": "", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")}


@router.get("/shutdowns", response_class=HTMLResponse)
def shutdowns_page(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "shutdowns.html", principal=p, nav="shutdowns", errors={}, values=_request_defaults(svc),
                done="", oob=False, **_shutdowns(svc))


@router.get("/fragments/shutdowns", response_class=HTMLResponse)
def shutdowns_fragment(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/shutdowns_table.html", principal=p, **_shutdowns(svc))


@router.post("/shutdowns", response_class=HTMLResponse)
def request_shutdown(request: Request, svc: Svc, p: Requester, *, terminal: Annotated[str, Form()] = "",
                     reason: Annotated[str, Form()] = "", starts_at: Annotated[str, Form()] = "",
                     ends_at: Annotated[str, Form()] = "") -> HTMLResponse:
    values = {"terminal": terminal, "reason": reason, "starts_at": starts_at, "ends_at": ends_at}
    tz = ZoneInfo(svc.cfg.inspections.timezone)
    check = Check()
    known = [t["id"] for t in views.terminals(svc)]
    which = check.choice("terminal", terminal, "停机范围（终端或全大厅）", [HALL_WIDE, *known])
    why = check.text("reason", reason, "停机原因", required=True, max_length=2000)
    start = check.local_time("starts_at", starts_at, "开始时间", tz)
    end = check.local_time("ends_at", ends_at, "结束时间", tz)
    if start is not None and end is not None and end <= start:
        check.fail("ends_at", "结束时间应晚于开始时间")
    if check.ok:
        assert start is not None and end is not None
        try:
            svc.core.request_shutdown(None if which == HALL_WIDE else which, why, start, end, p.username)
        except NotFound:
            check.fail("terminal", "这个终端尚未连接过大厅，无法申请停机")
        except IncidentError as exc:
            check.fail("reason", f"无法申请：{exc}")
    if not check.ok:
        return page(request, "fragments/shutdown_form.html", status_code=422, principal=p, errors=check.errors,
                    values=values, done="", oob=True, **_shutdowns(svc))
    return page(request, "fragments/shutdown_form.html", principal=p, errors={}, values=_request_defaults(svc),
                done="已提交停机申请，等待大厅管理员审批", oob=True, **_shutdowns(svc))


def _decide(request: Request, svc: HallRuntime, p: Principal, shutdown_id: int, *, approve: bool,
            note: str) -> HTMLResponse:
    check = Check()
    text = check.text(f"note-{shutdown_id}", note, "审批意见", max_length=2000)
    if check.ok:
        try:
            svc.core.decide_shutdown(shutdown_id, p.username, approve, text)
        except NotFound:
            check.fail(f"note-{shutdown_id}", "没有这个停机申请")
        except IncidentError:
            check.fail(f"note-{shutdown_id}", "这个申请已经审批过了")
    ctx = _shutdowns(svc)
    ctx["decision_errors"] = check.errors
    ctx["decided"] = "" if not check.ok else (f"已批准停机申请 #{shutdown_id}" if approve
                                              else f"已驳回停机申请 #{shutdown_id}")
    return page(request, "fragments/shutdowns_table.html", status_code=200 if check.ok else 409, principal=p, **ctx)


@router.post("/shutdowns/{shutdown_id}/approve", response_class=HTMLResponse)
def approve(shutdown_id: RowId, request: Request, svc: Svc, p: Decider,
            note: Annotated[str, Form()] = "") -> HTMLResponse:
    return _decide(request, svc, p, shutdown_id, approve=True, note=note)


@router.post("/shutdowns/{shutdown_id}/reject", response_class=HTMLResponse)
def reject(shutdown_id: RowId, request: Request, svc: Svc, p: Decider,
           note: Annotated[str, Form()] = "") -> HTMLResponse:
    return _decide(request, svc, p, shutdown_id, approve=False, note=note)


# ---- notices ---------------------------------------------------------------------------------------

def _notices(svc: HallRuntime) -> dict[str, Any]:
    return {"notices": views.notices(svc)}


def _notices_ctx(svc: HallRuntime) -> dict[str, Any]:
    return {**_notices(svc), "error": ""}


@router.get("/notices", response_class=HTMLResponse)
def notices_page(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "notices.html", principal=p, nav="notices", errors={}, values={"title": "", "message": ""},
                done="", oob=False, **_notices_ctx(svc))


@router.get("/fragments/notices", response_class=HTMLResponse)
def notices_fragment(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/notices_list.html", principal=p, error="", **_notices(svc))


@router.post("/notices", response_class=HTMLResponse)
def post_notice(request: Request, svc: Svc, p: Poster, title: Annotated[str, Form()] = "",
                message: Annotated[str, Form()] = "") -> HTMLResponse:
    check = Check()
    t = check.text("title", title, "公告标题", required=True, max_length=200)
    m = check.text("message", message, "公告内容", required=True, max_length=2000)
    if check.ok:
        svc.core.post_notice(t, m, p.username)
        return page(request, "fragments/notice_form.html", principal=p, errors={}, values={"title": "", "message": ""},
                    done="公告已发布到所有终端和公众状态页", oob=True, **_notices_ctx(svc))
    return page(request, "fragments/notice_form.html", status_code=422, principal=p, errors=check.errors,
                values={"title": title, "message": message}, done="", oob=True, **_notices_ctx(svc))


@router.post("/notices/{notice_id}/clear", response_class=HTMLResponse)
def clear_notice(notice_id: RowId, request: Request, svc: Svc, p: Poster) -> HTMLResponse:
    try:
        svc.core.clear_notice(notice_id, p.username)
    except NotFound:
        return page(request, "fragments/notices_list.html", status_code=404, principal=p, error="没有这个公告",
                    **_notices(svc))
    return page(request, "fragments/notices_list.html", principal=p, error="", **_notices(svc))
