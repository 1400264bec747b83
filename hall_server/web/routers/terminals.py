"""The terminals' API: registry, presence, availability, remote commands and their answers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from ground.configfile import ConfigError
from hall_server.accounts import Permission
from hall_server.registry import registry_entry
from hall_server.web import views
from hall_server.web.auth import Principal, require
from hall_server.web.http import call
from hall_server.web.models import (
    Availability,
    CommandBody,
    CommandResultOut,
    CommandSent,
    TerminalBody,
    TerminalDetail,
    TerminalId,
    TerminalOut,
    Unregistered,
)
from hall_server.web.runtime import HallRuntime, runtime
from wire.contract import CommandAction, CommandPayload, ContractError
from wire.status import to_builtins

router = APIRouter(prefix="/api", tags=["terminals"])
Svc = Annotated[HallRuntime, Depends(runtime)]


def readiness(svc: HallRuntime) -> dict[str, Any] | None:
    """Which terminals were confirmed ready today, when the hall requires it (the inspection log's)."""
    try:
        from hall_server import inspections
    except ImportError:
        return None
    fn = getattr(inspections, "readiness_today", None)
    if fn is None or not svc.cfg.inspections.readiness_required:
        return None
    found: dict[str, Any] = fn(svc)
    return found


@router.get("/terminals", response_model=list[TerminalOut])
def list_terminals(svc: Svc, _p: Annotated[Principal, Depends(require(Permission.VIEW))]) -> list[dict[str, Any]]:
    return views.terminals(svc, readiness)


@router.get("/terminals/{terminal_id}", response_model=TerminalDetail)
def get_terminal(terminal_id: TerminalId, svc: Svc,
                 _p: Annotated[Principal, Depends(require(Permission.VIEW))]) -> dict[str, Any]:
    found = views.terminal(svc, terminal_id, readiness)
    if found is None:
        raise HTTPException(404, f"no terminal {terminal_id}")
    return found


@router.put("/terminals/{terminal_id}", response_model=TerminalOut)
def put_terminal(terminal_id: TerminalId, body: TerminalBody, svc: Svc,
                 p: Annotated[Principal, Depends(require(Permission.MANAGE_TERMINALS))]) -> dict[str, Any]:
    try:
        entry = registry_entry({**body.model_dump(), "id": terminal_id}, f"terminal {terminal_id}")
    except ConfigError as exc:
        raise HTTPException(422, str(exc)) from None
    call(svc.core.register, entry)
    found = views.terminal(svc, terminal_id, readiness)
    assert found is not None
    return found


@router.delete("/terminals/{terminal_id}", response_model=Unregistered)
def delete_terminal(terminal_id: TerminalId, svc: Svc,
                    p: Annotated[Principal, Depends(require(Permission.MANAGE_TERMINALS))]) -> Unregistered:
    call(svc.core.unregister, terminal_id)
    return Unregistered(unregistered=terminal_id)


@router.get("/terminals/{terminal_id}/availability", response_model=Availability)
def availability(terminal_id: TerminalId, svc: Svc, _p: Annotated[Principal, Depends(require(Permission.VIEW))],
                 days: float = Query(7, gt=0, le=366)) -> Availability:
    since, until, share = views.availability(svc, terminal_id, days)
    return Availability(terminal=terminal_id, since=since, until=until, availability=share)


def send_command(svc: HallRuntime, terminal_id: str, action: CommandAction, issued_by: str, *,
                 device: str | None = None, params: dict[str, Any] | None = None, expires_s: int = 60) -> str:
    """A command to a terminal the hall knows, sent as the contract has it; its id (the answer's key)."""
    if terminal_id not in svc.core.terminals:
        raise HTTPException(404, f"no terminal {terminal_id}")
    cmd = CommandPayload(terminal=terminal_id, id=uuid.uuid4().hex[:16], action=action, device=device,
                         params=params or {}, issued_by=issued_by[:64],
                         expires_at=datetime.now(UTC) + timedelta(seconds=expires_s))
    try:
        cmd.encode()  # what the contract cannot carry (a 2**64, a surrogate in params) is refused here
    except ContractError as exc:
        raise HTTPException(422, str(exc)) from None
    svc.ingest.send_command(cmd)
    return cmd.id


@router.post("/terminals/{terminal_id}/commands", response_model=CommandSent)
def command(terminal_id: TerminalId, body: CommandBody, svc: Svc,
            p: Annotated[Principal, Depends(require(Permission.COMMAND_TERMINALS))]) -> CommandSent:
    cid = send_command(svc, terminal_id, body.action, p.username, device=body.device, params=body.params,
                       expires_s=body.expires_s)
    return CommandSent(id=cid, sent=True)


@router.get("/commands/{command_id}", response_model=CommandResultOut)
def command_result(command_id: Annotated[str, Path(max_length=64)], svc: Svc,
                   _p: Annotated[Principal, Depends(require(Permission.VIEW))]) -> dict[str, Any]:
    res = svc.ingest.results.get(command_id)
    if res is None:
        raise HTTPException(404, "no result yet")
    out: dict[str, Any] = to_builtins(res)
    return out
