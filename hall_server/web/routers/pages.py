"""The live hall (``/``) and a terminal's page, with the fragments their live regions fetch again.

Each live region of a page is an element with ``hx-get`` of its fragment route and
``hx-trigger="sse:<topic>"``: when ``/events`` says a topic changed, htmx fetches that fragment and
swaps it in; nothing else on the page moves, so what a person is typing into a form stays.
"""

from __future__ import annotations

import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from hall_server.accounts import Permission
from hall_server.web import views
from hall_server.web.auth import Principal, require
from hall_server.web.models import CommandIdPath, TerminalId
from hall_server.web.routers.terminals import readiness, send_command
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import WORDS, page
from wire.contract import CommandAction

router = APIRouter(include_in_schema=False)
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Commander = Annotated[Principal, Depends(require(Permission.COMMAND_TERMINALS))]

ANSWER_WAIT_S = 60  # a command expires after this, and its page stops waiting for the answer
# The remote commands a terminal's page offers: button → (action, params, label). The device commands
# get one button per device the terminal reports ("self_test:printer").
BUTTONS: dict[str, tuple[CommandAction, dict[str, Any], str]] = {
    "self_test": (CommandAction.SELF_TEST, {}, "远程自检"),
    "print_test_page": (CommandAction.PRINT_TEST_PAGE, {}, "打印测试页"),
    "out_of_service": (CommandAction.OUT_OF_SERVICE, {"on": True}, "暂停服务"),
    "back_in_service": (CommandAction.OUT_OF_SERVICE, {"on": False}, "恢复服务"),
}
DEVICE_BUTTONS = {"self_test": None, "print_test_page": "printer"}  # button → the device kind it needs (None: any)


def command_buttons(devices: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(value, label) of the buttons for a terminal reporting ``devices`` (the status model's dicts)."""
    out = []
    for d in devices:
        kind = WORDS["kind"].get(d.get("kind", ""), d.get("kind", ""))
        out.append((f"self_test:{d['name']}", f"远程自检：{kind}"))
        if d.get("kind") == "printer":
            out.append((f"print_test_page:{d['name']}", f"打印测试页：{kind}"))
    return [*out, ("out_of_service", "暂停服务"), ("back_in_service", "恢复服务")]


def _reported_devices(svc: HallRuntime, terminal_id: str) -> list[dict[str, Any]]:
    mem = svc.core.terminals.get(terminal_id)
    if mem is None or mem.snapshot is None:
        return []
    return [{"name": d.name, "kind": d.kind} for d in mem.snapshot.status.devices]


def _inspections_of(svc: HallRuntime, request: Request, terminal_id: str) -> str | None:
    """The terminal's inspections as the inspection log renders them (its fragment), if it has one."""
    try:
        from hall_server.web.routers import inspections
    except ImportError:
        return None
    fn = getattr(inspections, "terminal_fragment", None)
    if fn is None:
        return None
    html: str = fn(svc, request, terminal_id)
    return html


def _hall(svc: HallRuntime) -> dict[str, Any]:
    ts = views.terminals(svc, readiness)
    counts: dict[str, int] = {}
    for t in ts:
        counts[t["state"]] = counts.get(t["state"], 0) + 1
    return {"terminals": ts, "counts": counts, "labels": views.STATE_LABELS,
            "not_ready": sum(t["ready_today"] is False for t in ts),
            "unregistered": sum(not t["registered"] for t in ts)}


def _rectifications_of(svc: HallRuntime) -> dict[str, Any] | None:
    """The bad reviews' cases for the live hall (how many open, the overdue ones), if that part is there."""
    try:
        from hall_server.web.routers import rectifications
    except ImportError:
        return None
    panel: dict[str, Any] = rectifications.hall_panel(svc)
    return panel


def _hall_incidents(svc: HallRuntime) -> dict[str, Any]:
    return {"incidents": views.incidents(svc), "windows": views.approved_windows(svc, svc.core.clock.now()),
            "requested": [sd for sd in views.shutdowns(svc, limit=50) if sd["state"] == "requested"],
            "notices": views.notices(svc), "rectifications": _rectifications_of(svc)}


@router.get("/", response_class=HTMLResponse)
def hall(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "hall.html", principal=p, nav="hall", **_hall(svc), **_hall_incidents(svc))


@router.get("/fragments/hall/terminals", response_class=HTMLResponse)
def hall_terminals(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/hall_terminals.html", principal=p, **_hall(svc))


@router.get("/fragments/hall/incidents", response_class=HTMLResponse)
def hall_incidents(request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/hall_incidents.html", principal=p, **_hall_incidents(svc))


# ---- a terminal's page -------------------------------------------------------------------------------

def _terminal(svc: HallRuntime, terminal_id: str) -> dict[str, Any]:
    t = views.terminal(svc, terminal_id, readiness)
    if t is None:
        raise HTTPException(404, f"没有终端 {terminal_id}")
    return t


def _terminal_live(svc: HallRuntime, terminal_id: str) -> dict[str, Any]:
    t = _terminal(svc, terminal_id)
    status = (t["last_status"] or {}).get("status") or {}
    windows = [w for w in views.approved_windows(svc, svc.core.clock.now())
               if w.terminal_id in (None, terminal_id)]
    day = week = None
    with contextlib.suppress(Exception):  # availability of a terminal never seen online: nothing to say
        day = views.availability(svc, terminal_id, 1)[2]
        week = views.availability(svc, terminal_id, 7)[2]
    return {"t": t, "status": status, "devices": status.get("devices") or [], "host": status.get("host") or {},
            "app": status.get("app") or {}, "labels": views.STATE_LABELS, "windows": windows,
            "day": day, "week": week}


def _terminal_records(svc: HallRuntime, terminal_id: str) -> dict[str, Any]:
    return {"incidents": views.incidents(svc, views.IncidentFilter(state="all", terminal=terminal_id, limit=30)),
            "history": views.history(svc, terminal_id),
            "shutdowns": views.shutdowns(svc, terminal_id, limit=10)}


@router.get("/terminals/{terminal_id}", response_class=HTMLResponse)
def terminal_page(terminal_id: TerminalId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "terminal.html", principal=p, nav="hall",
                buttons=command_buttons(_reported_devices(svc, terminal_id)),
                inspections=_inspections_of(svc, request, terminal_id),
                **_terminal_live(svc, terminal_id), **_terminal_records(svc, terminal_id))


@router.get("/fragments/terminals/{terminal_id}/live", response_class=HTMLResponse)
def terminal_live(terminal_id: TerminalId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/terminal_live.html", principal=p, **_terminal_live(svc, terminal_id))


@router.get("/fragments/terminals/{terminal_id}/records", response_class=HTMLResponse)
def terminal_records(terminal_id: TerminalId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    _terminal(svc, terminal_id)
    return page(request, "fragments/terminal_records.html", principal=p, **_terminal_records(svc, terminal_id))


@router.post("/terminals/{terminal_id}/commands", response_class=HTMLResponse)
def terminal_command(terminal_id: TerminalId, request: Request, svc: Svc, p: Commander,
                     button: Annotated[str, Form()] = "") -> HTMLResponse:
    key, _, device_name = button[:100].partition(":")
    devices = {d["name"]: d["kind"] for d in _reported_devices(svc, terminal_id)}
    label = BUTTONS[key][2] if key in BUTTONS else ""
    error, status = "", 409
    if key not in BUTTONS or (key in DEVICE_BUTTONS) != bool(device_name):
        error, status = "没有这个命令，请用页面上的按钮", 422
    elif terminal_id not in svc.core.terminals:
        error = "终端尚未连接过大厅，无法下发命令"
    elif key in DEVICE_BUTTONS and (device_name not in devices
                                    or DEVICE_BUTTONS[key] not in (None, devices[device_name])):
        error = f"终端没有报告设备“{device_name}”，无法{label}"
    if error:
        return page(request, "fragments/command_result.html", status_code=status,
                    principal=p, result=None, command_id="", label=label, terminal_id=terminal_id, error=error, n=0)
    action, params, label = BUTTONS[key]
    device = device_name or None
    if device:
        label = f"{label}（{WORDS['kind'].get(devices[device], device)}）"
    cid = send_command(svc, terminal_id, action, p.username, device=device, params=params, expires_s=ANSWER_WAIT_S)
    return page(request, "fragments/command_result.html", principal=p, result=None, command_id=cid, label=label,
                terminal_id=terminal_id, error="", n=0)


@router.get("/fragments/commands/{command_id}", response_class=HTMLResponse)
def command_fragment(command_id: CommandIdPath, request: Request, svc: Svc, p: Viewer, *,
                     label: Annotated[str, Query(max_length=40)] = "",
                     terminal: Annotated[str, Query(max_length=64)] = "",
                     n: Annotated[int, Query(ge=0, le=10_000)] = 0) -> HTMLResponse:
    """The answer to a command once the terminal gave it; until then the same, asking again in a second
    (``n`` times so far: after :data:`ANSWER_WAIT_S` the page says the terminal did not answer)."""
    res = svc.ingest.results.get(command_id)
    late = res is None and n >= ANSWER_WAIT_S
    error = f"终端 {ANSWER_WAIT_S} 秒内未应答（可能离线），请稍后查看状态记录" if late else ""
    return page(request, "fragments/command_result.html", principal=p, result=res, command_id=command_id,
                label=label, terminal_id=terminal, error=error, n=n)
