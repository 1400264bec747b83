"""The planned shutdowns' API: request with reason and window, approve or reject."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from hall_server.accounts import Permission
from hall_server.web import views
from hall_server.web.auth import Principal, require
from hall_server.web.http import call
from hall_server.web.models import DecisionBody, RowId, ShutdownBody, ShutdownOut
from hall_server.web.runtime import HallRuntime, runtime

router = APIRouter(prefix="/api", tags=["shutdowns"])
Svc = Annotated[HallRuntime, Depends(runtime)]
Decider = Annotated[Principal, Depends(require(Permission.DECIDE_SHUTDOWN))]


@router.get("/shutdowns", response_model=list[ShutdownOut])
def list_shutdowns(svc: Svc, _p: Annotated[Principal, Depends(require(Permission.VIEW))]) -> list[dict[str, Any]]:
    return views.shutdowns(svc)


@router.post("/shutdowns", response_model=ShutdownOut)
def request_shutdown(body: ShutdownBody, svc: Svc,
                     p: Annotated[Principal, Depends(require(Permission.REQUEST_SHUTDOWN))]) -> dict[str, Any]:
    return call(svc.core.request_shutdown, body.terminal_id, body.reason, body.starts_at, body.ends_at, p.username)


@router.post("/shutdowns/{shutdown_id}/approve", response_model=ShutdownOut)
def approve(shutdown_id: RowId, body: DecisionBody, svc: Svc, p: Decider) -> dict[str, Any]:
    return call(svc.core.decide_shutdown, shutdown_id, p.username, True, body.note)


@router.post("/shutdowns/{shutdown_id}/reject", response_model=ShutdownOut)
def reject(shutdown_id: RowId, body: DecisionBody, svc: Svc, p: Decider) -> dict[str, Any]:
    return call(svc.core.decide_shutdown, shutdown_id, p.username, False, body.note)
