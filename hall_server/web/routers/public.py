"""What anyone may read: the public status page (Mongolian and Chinese), its JSON, the health check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from hall_server.web import views
from hall_server.web.models import Health, PublicStatus
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page

router = APIRouter(tags=["public"])
Svc = Annotated[HallRuntime, Depends(runtime)]


@router.get("/api/status", response_model=PublicStatus)
def status_json(svc: Svc) -> dict[str, Any]:
    return views.public_status(svc)


@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request, svc: Svc) -> HTMLResponse:
    return page(request, "status.html", st=views.public_status(svc))


@router.get("/status/fragment", response_class=HTMLResponse, include_in_schema=False)
def status_fragment(request: Request, svc: Svc) -> HTMLResponse:
    """The status page's body alone: the page fetches it again every minute (no live stream for the public)."""
    return page(request, "fragments/status_body.html", st=views.public_status(svc))


@router.get("/healthz", response_model=Health)
def healthz(svc: Svc) -> Health:
    return Health(broker_connected=svc.ingest.connected.is_set())
