"""Prometheus metrics: for a scraper on the same machine, or anyone else with a token that may view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from hall_server.web.auth import Principal, metrics_access
from hall_server.web.runtime import HallRuntime, runtime

router = APIRouter(tags=["metrics"])


@router.get("/metrics", response_class=PlainTextResponse,
            description="Prometheus text format: from a loopback address, or with a token that may view")
def metrics(svc: Annotated[HallRuntime, Depends(runtime)],
            _who: Annotated[Principal | None, Depends(metrics_access)]) -> PlainTextResponse:
    svc.update_gauges()
    return PlainTextResponse(generate_latest(svc.metrics.registry), media_type=CONTENT_TYPE_LATEST)
