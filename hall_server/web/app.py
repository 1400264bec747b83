"""The hall server's web application: every router, the static files, the error handlers, in one place."""

from __future__ import annotations

import importlib
from importlib.resources import files
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from hall_server.accounts import Permission
from hall_server.web import auth
from hall_server.web.http import JSON, MAX_BODY_BYTES, BodyLimit, unstorable, validation_error
from hall_server.web.routers import (
    events,
    feedback,
    incidents,
    metrics,
    notices,
    pages,
    pages_desk,
    pages_incidents,
    public,
    shutdowns,
    terminals,
)
from hall_server.web.runtime import HallRuntime
from hall_server.web.templating import page

STATIC = Path(str(files("hall_server").joinpath("static")))
# Routers of other domains, included when their module exists (the inspection log's is its own).
OPTIONAL_ROUTERS = ("hall_server.web.routers.inspections", "hall_server.web.routers.rectifications",
                    "hall_server.web.routers.workorders", "hall_server.web.routers.recordings",
                    "hall_server.web.routers.reports", "hall_server.web.routers.mailing",
                    "hall_server.web.routers.appointments")


def _wants_html(request: Request) -> bool:
    return (request.headers.get("HX-Request") == "true" or "text/html" in request.headers.get("accept", "")) \
        and not request.url.path.startswith("/api/")


def _http_error(request: Request, exc: Exception) -> Response:
    """An error of a page is a page (in Chinese); of the API, JSON as FastAPI has it."""
    assert isinstance(exc, StarletteHTTPException)
    if 300 <= exc.status_code < 400:  # the log-in redirect of a page
        return Response(status_code=exc.status_code, headers=exc.headers)
    if _wants_html(request) and exc.status_code >= 400:
        resp = page(request, "error.html", status_code=exc.status_code, principal=None, status=exc.status_code,
                    detail=str(exc.detail))
        if exc.headers:
            resp.headers.update(exc.headers)
        return resp
    return JSON({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def _paths(app: FastAPI) -> set[str]:
    """Every route's path, those of included routers too (FastAPI >= 0.16x keeps them in routers of their own:
    ``app.routes`` alone lists only the routers, and the nav would show none of the optional pages)."""
    found: set[str] = set()
    for route in app.routes:
        found.add(getattr(route, "path", ""))
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:
            found.update(getattr(c, "path", "") for c in contexts())
    return found


def create_app(service: HallRuntime) -> FastAPI:
    app = FastAPI(title="Zizhu hall server", version="1", default_response_class=JSON,
                  description="自助服务区大厅服务器：终端登记、故障工单、告警、公告、计划停机",
                  dependencies=[Depends(auth.csrf_checked)],
                  # The document describes every guarded route: it is guarded too (VIEW). No /docs or /redoc:
                  # their pages load Swagger UI and ReDoc from a CDN, and halls are often offline.
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.runtime = service
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(HTTPException, _http_error)
    for kind in (OverflowError, UnicodeEncodeError, sa_exc.DataError):
        app.add_exception_handler(kind, unstorable)
    for module in (public, terminals, incidents, notices, shutdowns, feedback, metrics, events, pages,
                   pages_incidents, pages_desk):
        app.include_router(module.router)
    for name in OPTIONAL_ROUTERS:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        app.include_router(mod.router)
    auth.install(app, service)  # log-in, log-out, the account page
    paths = _paths(app)
    app.state.has_inspections = "/inspections" in paths
    app.state.page_paths = frozenset(paths)  # the nav shows the pages of the parts that are there
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(_p: Annotated[auth.Principal, Depends(auth.require(Permission.VIEW))]) -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


__all__ = ["MAX_BODY_BYTES", "create_app"]
