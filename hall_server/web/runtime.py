"""What the web side needs of a running hall server, and the dependency that hands it to a route."""

from __future__ import annotations

from typing import Protocol

from fastapi import Request
from sqlalchemy.orm import Session, sessionmaker

from hall_server.config import HallConfig
from hall_server.core import HallCore
from hall_server.faults import FaultTable
from hall_server.ingest import Ingest
from hall_server.metrics import Metrics
from hall_server.web.events import EventBus


class HallRuntime(Protocol):
    """What the HTTP side needs of a running hall server (:class:`hall_server.service.HallService`).

    A protocol, not an import: the service starts the HTTP server, so the web may not import it back.
    """

    cfg: HallConfig
    core: HallCore
    ingest: Ingest
    metrics: Metrics
    sessions: sessionmaker[Session]
    table: FaultTable
    bus: EventBus

    def update_gauges(self) -> None: ...


def runtime(request: Request) -> HallRuntime:
    """The hall server the app was made for: ``svc: Annotated[HallRuntime, Depends(runtime)]`` in a route."""
    svc: HallRuntime = request.app.state.runtime
    return svc
