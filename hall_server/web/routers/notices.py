"""The public notices' API: those in force, post one, clear one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from hall_server.accounts import Permission
from hall_server.web import views
from hall_server.web.auth import Principal, require
from hall_server.web.http import call
from hall_server.web.models import NoticeBody, NoticeOut, RowId
from hall_server.web.runtime import HallRuntime, runtime

router = APIRouter(prefix="/api", tags=["notices"])
Svc = Annotated[HallRuntime, Depends(runtime)]
Poster = Annotated[Principal, Depends(require(Permission.POST_NOTICES))]


@router.get("/notices", response_model=list[NoticeOut])
def list_notices(svc: Svc, _p: Annotated[Principal, Depends(require(Permission.VIEW))]) -> list[dict[str, Any]]:
    return views.notices(svc)


@router.post("/notices", response_model=NoticeOut)
def post_notice(body: NoticeBody, svc: Svc, p: Poster) -> dict[str, Any]:
    return call(svc.core.post_notice, body.title, body.message, p.username)


@router.delete("/notices/{notice_id}", response_model=NoticeOut)
def clear_notice(notice_id: RowId, svc: Svc, p: Poster) -> dict[str, Any]:
    return call(svc.core.clear_notice, notice_id, p.username)
