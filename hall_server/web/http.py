"""What every route shares on the wire: JSON that never fails, the body size limit, 4xx for bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import msgspec
from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hall_server.core import IncidentError, NotFound

MAX_BODY_BYTES = 1024 * 1024

T = TypeVar("T")


class JSON(JSONResponse):
    """JSON that never fails on a value: NaN and infinities (from a terminal's float) become null."""

    def render(self, content: Any) -> bytes:
        return msgspec.json.encode(content)


class BodyLimit:
    """A request body over ``limit`` bytes is refused with 413 before it is read into memory."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await JSON({"detail": f"request body over {self.limit} bytes"}, status_code=413)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await JSON({"detail": f"request body over {self.limit} bytes"}, status_code=413)(scope, receive, send)


class _TooLarge(Exception):
    pass


def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 naming where and what, without echoing the input (it may not even be JSON: NaN, a surrogate)."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in exc.errors()]
    return JSON({"detail": errors}, status_code=422)


def unstorable(_request: Request, exc: Exception) -> JSONResponse:
    """The last line of defence: a value the database cannot hold is the request's fault, not the server's."""
    return JSON({"detail": f"a value of the request cannot be stored: {type(exc).__name__}"}, status_code=422)


def call(fn: Callable[..., T], *args: Any) -> T:
    """A rule of the core refusing: 404 for what does not exist, 409 for what the state forbids."""
    try:
        return fn(*args)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except IncidentError as exc:
        raise HTTPException(409, str(exc)) from None
