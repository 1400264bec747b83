"""The incidents' pages: the list with its filters, an incident with its countdown and full history, and the
forms that acknowledge (with a comment) and resolve (with a note) it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from hall_server.accounts import Permission
from hall_server.core import IncidentError, NotFound
from hall_server.faults import Role, Tier
from hall_server.web import views
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.models import RowId
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import TIER_LABELS, page

router = APIRouter(include_in_schema=False)
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Handler = Annotated[Principal, Depends(require(Permission.HANDLE_INCIDENTS))]
STATES = {"open": "未解决", "acknowledged": "已确认", "resolved": "已解决", "all": "全部"}


def _filter(state: str, tier: str, terminal: str, person: str, role: str) -> views.IncidentFilter:
    """The list's filters as typed into its form: what is not one of the choices does not narrow."""
    st: Literal["open", "acknowledged", "resolved", "all"] = state if state in STATES else "open"  # type: ignore[assignment]
    return views.IncidentFilter(state=st, tier=tier if tier in TIER_LABELS else None,
                                terminal=terminal.strip()[:64] or None, person=person.strip()[:100] or None,
                                role=role if role in Role.__members__.values() else None, limit=500)


Q = Annotated[str, Query(max_length=100)]


def _list(svc: HallRuntime, f: views.IncidentFilter) -> dict[str, Any]:
    return {"incidents": views.incidents(svc, f), "f": f}


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request, svc: Svc, p: Viewer, *, state: Q = "open", tier: Q = "", terminal: Q = "",
                   person: Q = "", role: Q = "") -> HTMLResponse:
    f = _filter(state, tier, terminal, person, role)
    return page(request, "incidents.html", principal=p, nav="incidents", states=STATES, tiers=TIER_LABELS,
                roles={r.value: r.label for r in Role}, people=views.people(svc),
                terminal_ids=[t["id"] for t in views.terminals(svc)], **_list(svc, f))


@router.get("/fragments/incidents", response_class=HTMLResponse)
def incidents_fragment(request: Request, svc: Svc, p: Viewer, *, state: Q = "open", tier: Q = "", terminal: Q = "",
                       person: Q = "", role: Q = "") -> HTMLResponse:
    return page(request, "fragments/incidents_table.html", principal=p,
                **_list(svc, _filter(state, tier, terminal, person, role)))


def _incident(svc: HallRuntime, incident_id: int) -> dict[str, Any]:
    inc = views.incident(svc, incident_id)
    if inc is None:
        raise HTTPException(404, f"没有工单 #{incident_id}")
    rule = svc.table.tiers.get(Tier(inc["tier"])) if inc["tier"] in Tier.__members__.values() else None
    return {"inc": inc, "rule": rule}


def _actions(request: Request, svc: HallRuntime, p: Principal, incident_id: int, *, status_code: int = 200,
             errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
             done: str = "") -> HTMLResponse:
    return page(request, "fragments/incident_actions.html", status_code=status_code, principal=p,
                errors=errors or {}, values=values or {}, done=done, oob=True, **_incident(svc, incident_id))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(incident_id: RowId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "incident.html", principal=p, nav="incidents", errors={}, values={}, done="", oob=False,
                **_incident(svc, incident_id))


@router.get("/fragments/incidents/{incident_id}", response_class=HTMLResponse)
def incident_fragment(incident_id: RowId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/incident_live.html", principal=p, **_incident(svc, incident_id))


@router.post("/incidents/{incident_id}/acknowledge", response_class=HTMLResponse)
def acknowledge(incident_id: RowId, request: Request, svc: Svc, p: Handler,
                comment: Annotated[str, Form()] = "") -> HTMLResponse:
    check = Check()
    text = check.text("comment", comment, "确认说明", max_length=2000)
    status = 422
    if check.ok:
        try:
            svc.core.acknowledge(incident_id, p.username, text)
        except IncidentError as exc:
            check.fail("comment", _refusal(exc))
            status = 404 if isinstance(exc, NotFound) else 409
    if not check.ok:
        return _actions(request, svc, p, incident_id, status_code=status, errors=check.errors,
                        values={"comment": comment})
    return _actions(request, svc, p, incident_id, done="已确认，请尽快处理")


@router.post("/incidents/{incident_id}/resolve", response_class=HTMLResponse)
def resolve(incident_id: RowId, request: Request, svc: Svc, p: Handler,
            note: Annotated[str, Form()] = "") -> HTMLResponse:
    check = Check()
    text = check.text("note", note, "处理说明", required=True, max_length=2000)
    status = 422
    if check.ok:
        try:
            svc.core.resolve(incident_id, p.username, text)
        except IncidentError as exc:
            check.fail("note", _refusal(exc))
            status = 404 if isinstance(exc, NotFound) else 409
    if not check.ok:
        return _actions(request, svc, p, incident_id, status_code=status, errors=check.errors, values={"note": note})
    return _actions(request, svc, p, incident_id, done="已解决")


def _refusal(exc: IncidentError) -> str:
    """The core's refusal in the words of the page (it speaks English to the API)."""
    text = str(exc)
    if "is acknowledged" in text:
        return "这个工单已经有人确认了"
    if "resolved" in text:
        return "这个工单已经解决了"
    if "no incident" in text:
        return "没有这个工单"
    return f"无法处理：{text}"
