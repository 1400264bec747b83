"""The incidents' API: list with filters, detail with the audit log and alerts, acknowledge, resolve."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from hall_server.accounts import Permission
from hall_server.faults import Role, Tier
from hall_server.web import views
from hall_server.web.auth import Principal, require
from hall_server.web.http import call
from hall_server.web.models import AckBody, AlertOut, IncidentDetail, IncidentOut, ResolveBody, RowId, Text
from hall_server.web.runtime import HallRuntime, runtime

router = APIRouter(prefix="/api", tags=["incidents"])
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Handler = Annotated[Principal, Depends(require(Permission.HANDLE_INCIDENTS))]


@router.get("/incidents", response_model=list[IncidentOut])
def list_incidents(svc: Svc, _p: Viewer, *, state: Literal["open", "acknowledged", "resolved", "all"] = "open",
                   terminal: Annotated[Text | None, Query(max_length=64)] = None,
                   tier: Tier | None = None, role: Role | None = None,
                   person: Annotated[Text | None, Query(max_length=100, description="acknowledged or resolved by")]
                   = None,
                   limit: int = Query(200, ge=1, le=5000)) -> list[dict[str, Any]]:
    return views.incidents(svc, views.IncidentFilter(state=state, terminal=terminal, tier=tier, role=role,
                                                     person=person, limit=limit))


@router.get("/incidents/{incident_id}", response_model=IncidentDetail)
def get_incident(incident_id: RowId, svc: Svc, _p: Viewer) -> dict[str, Any]:
    found = views.incident(svc, incident_id)
    if found is None:
        raise HTTPException(404, f"no incident #{incident_id}")
    return found


@router.post("/incidents/{incident_id}/acknowledge", response_model=IncidentOut)
def acknowledge(incident_id: RowId, body: AckBody, svc: Svc, p: Handler) -> dict[str, Any]:
    return call(svc.core.acknowledge, incident_id, p.username, body.comment)


@router.post("/incidents/{incident_id}/resolve", response_model=IncidentOut)
def resolve(incident_id: RowId, body: ResolveBody, svc: Svc, p: Handler) -> dict[str, Any]:
    return call(svc.core.resolve, incident_id, p.username, body.note)


@router.get("/alerts", response_model=list[AlertOut])
def list_alerts(svc: Svc, _p: Viewer, limit: int = Query(100, ge=1, le=5000)) -> list[dict[str, Any]]:
    return views.alerts(svc, limit)
