"""``/events``: the live stream of a page (server-sent events, one named event per changed topic)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from hall_server.accounts import Permission
from hall_server.web.auth import Principal, require
from hall_server.web.runtime import HallRuntime, runtime

router = APIRouter(tags=["live"])


# Not in the OpenAPI document: a fuzzer walking it would wait on a response that never ends.
@router.get("/events", response_class=StreamingResponse, include_in_schema=False,
            description="text/event-stream: `event: <topic>` on each change (hall_server/web/events.py)")
async def events(svc: Annotated[HallRuntime, Depends(runtime)],
           _p: Annotated[Principal, Depends(require(Permission.VIEW))]) -> StreamingResponse:
    sub = svc.bus.subscribe()  # on the server's event loop: an async route
    return StreamingResponse(svc.bus.stream(sub), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
