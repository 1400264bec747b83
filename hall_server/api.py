"""HTTP API (FastAPI, OpenAPI at /docs and /openapi.json), the dashboard, the public status page, /metrics."""

from __future__ import annotations

import html
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, Protocol

import msgspec
from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, model_validator
from sqlalchemy import exc as sa_exc
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ground.configbase import ID_BODY
from ground.configfile import ConfigError
from hall_server.config import HallConfig
from hall_server.core import HALL_SCOPE, HALL_SCOPE_LABEL, HallCore, IncidentError, NotFound
from hall_server.db import Alert, Incident, IncidentLog, PlannedShutdown, Terminal
from hall_server.faults import FaultTable, Role, Tier
from hall_server.ingest import Ingest
from hall_server.metrics import Metrics
from hall_server.registry import registry_entry
from wire.contract import INT63_MAX, CommandAction, CommandPayload, ContractError
from wire.status import to_builtins


class HallRuntime(Protocol):
    """What the HTTP side needs of a running hall server (:class:`hall_server.service.HallService`).

    A protocol, not an import: the service starts the HTTP server, so the API may not import it back.
    """

    cfg: HallConfig
    core: HallCore
    ingest: Ingest
    metrics: Metrics
    sessions: sessionmaker[Session]
    table: FaultTable

    def update_gauges(self) -> None: ...


# ---- what a request may carry ---------------------------------------------------------------------
# Every bad input is a 4xx, refused where it enters: ids a 64-bit column can hold (SQLite and
# PostgreSQL refuse more, as a 500 if it got that far), text without lone surrogates (no database
# encodes them), times with an offset, bodies of a bounded size.

MAX_BODY_BYTES = 1024 * 1024
SHUTDOWN_YEARS = (2000, 9000)  # a window outside these is a typo, and near 1/9999 UTC conversion overflows


def _no_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text holds a lone surrogate (not a character)") from None
    return text


Text = Annotated[str, AfterValidator(_no_surrogates)]
RowId = Annotated[int, Path(ge=1, le=INT63_MAX, description="a row id (64-bit)")]
TerminalId = Annotated[str, Path(min_length=1, max_length=63, pattern=f"^{ID_BODY}$",
                                 description="terminal id: a-z, digits, '_' or '-'")]


def _within_years(value: datetime) -> datetime:
    if not SHUTDOWN_YEARS[0] <= value.year <= SHUTDOWN_YEARS[1]:
        raise ValueError(f"a time between the years {SHUTDOWN_YEARS[0]} and {SHUTDOWN_YEARS[1]}")
    return value.astimezone(UTC)


WindowTime = Annotated[AwareDatetime, AfterValidator(_within_years)]


class AckBody(BaseModel):
    by: Text = Field(min_length=1, max_length=100, description="确认人")
    comment: Text = Field("", max_length=2000)


class ResolveBody(BaseModel):
    by: Text = Field(min_length=1, max_length=100)
    note: Text = Field(min_length=1, max_length=2000, description="处理说明")


class NoticeBody(BaseModel):
    title: Text = Field(min_length=1, max_length=200)
    message: Text = Field("", max_length=2000)
    by: Text = Field(min_length=1, max_length=100)


class ShutdownBody(BaseModel):
    terminal_id: Text | None = Field(None, max_length=64, description="none: every terminal of the hall")
    reason: Text = Field(min_length=1, max_length=2000)
    starts_at: WindowTime = Field(description="with its offset (2024-05-01T22:00:00+08:00)")
    ends_at: WindowTime = Field(description="with its offset; after starts_at")
    by: Text = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _ends_after_start(self) -> ShutdownBody:
        if self.ends_at <= self.starts_at:
            raise ValueError("the shutdown window must end after it starts")
        return self


class DecisionBody(BaseModel):
    by: Text = Field(min_length=1, max_length=100)
    note: Text = Field("", max_length=2000)


class TerminalBody(BaseModel):
    name: Text = Field("", max_length=200)
    zone: Text = Field("", max_length=200)
    location: Text = Field("", max_length=200)
    model: Text = Field("", max_length=200)
    asset_number: Text = Field("", max_length=100)
    responsible: Text = Field("", max_length=100)
    phone: Text = Field("", max_length=40)
    devices: list[Annotated[Text, Field(max_length=64)]] = Field(default_factory=list, max_length=64)


class CommandBody(BaseModel):
    action: CommandAction
    device: Text | None = Field(None, max_length=64)
    params: dict[str, Any] = Field(default_factory=dict)
    issued_by: Text = Field(min_length=1, max_length=64)
    expires_s: int = Field(60, ge=1, le=3600)


class _JSON(JSONResponse):
    """JSON that never fails on a value: NaN and infinities (from a terminal's float) become null."""

    def render(self, content: Any) -> bytes:
        return msgspec.json.encode(content)


class _BodyLimit:
    """A request body over ``limit`` bytes is refused with 413 before it is read into memory."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _JSON({"detail": f"request body over {self.limit} bytes"}, status_code=413)(scope, receive, send)
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
            await _JSON({"detail": f"request body over {self.limit} bytes"}, status_code=413)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 naming where and what, without echoing the input (it may not even be JSON: NaN, a surrogate)."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in exc.errors()]
    return _JSON({"detail": errors}, status_code=422)


def _unstorable(_request: Request, exc: Exception) -> JSONResponse:
    """The last line of defence: a value the database cannot hold is the request's fault, not the server's."""
    return _JSON({"detail": f"a value of the request cannot be stored: {type(exc).__name__}"}, status_code=422)


def _presence(t: dict[str, Any], open_tiers: set[str]) -> Literal["red", "yellow", "green"]:
    """Red: out of service for citizens. Yellow: needs attention. Green: all well."""
    if t["online"] is False or open_tiers & {Tier.GENERAL, Tier.COMMS_MECHANICAL, Tier.SYSTEM}:
        return "red"
    if open_tiers or not t["registered"] or t["online"] is None or t["out_of_service"]:
        return "yellow"
    return "green"


def create_app(service: HallRuntime) -> FastAPI:
    core = service.core
    app = FastAPI(title="Zizhu hall server", version="1", default_response_class=_JSON,
                  description="自助服务区大厅服务器：终端登记、故障工单、告警、公告、计划停机")
    app.add_middleware(_BodyLimit, limit=MAX_BODY_BYTES)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for unstorable in (OverflowError, UnicodeEncodeError, sa_exc.DataError):
        app.add_exception_handler(unstorable, _unstorable)

    def _call(fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except IncidentError as exc:
            raise HTTPException(409, str(exc)) from None

    def terminals() -> list[dict[str, Any]]:
        with service.sessions() as s:
            rows = [t.public() for t in s.scalars(select(Terminal).where(Terminal.hall == core.hall)
                                                  .order_by(Terminal.id))]
            tiers: dict[str, set[str]] = {}
            for scope, tier in s.execute(select(Incident.scope, Incident.tier).where(
                    Incident.hall == core.hall, Incident.state != "resolved")):
                tiers.setdefault(scope, set()).add(tier)
        for t in rows:
            mem = core.terminals.get(t["id"])
            if mem is not None:  # memory is newer than the row for presence and faults
                t["online"], t["faults"], t["session"] = mem.online, sorted(mem.faults), mem.session
                t["planned_offline"] = mem.planned_offline
            t["colour"] = _presence(t, tiers.get(t["id"], set()))
        return rows

    def incidents(state: str = "open", terminal: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        q = select(Incident).where(Incident.hall == core.hall)
        if state == "open":
            q = q.where(Incident.state != "resolved")
        elif state != "all":
            q = q.where(Incident.state == state)
        if terminal:
            q = q.where(Incident.scope == terminal)
        with service.sessions() as s:
            return [i.public() for i in s.scalars(q.order_by(Incident.id.desc()).limit(limit))]

    # ---- terminals -----------------------------------------------------------------------------
    @app.get("/api/terminals", tags=["terminals"])
    def list_terminals() -> list[dict[str, Any]]:
        return terminals()

    @app.get("/api/terminals/{terminal_id}", tags=["terminals"])
    def get_terminal(terminal_id: TerminalId) -> dict[str, Any]:
        for t in terminals():
            if t["id"] == terminal_id:
                mem = core.terminals.get(terminal_id)
                if mem is not None and mem.snapshot is not None:  # newer than the row, flushed each tick
                    t["last_status"] = to_builtins(mem.snapshot)
                else:
                    with service.sessions() as s:
                        row = s.get(Terminal, terminal_id)
                        t["last_status"] = row.last_status if row else None
                found: dict[str, Any] = t
                return found
        raise HTTPException(404, f"no terminal {terminal_id}")

    @app.put("/api/terminals/{terminal_id}", tags=["terminals"])
    def put_terminal(terminal_id: TerminalId, body: TerminalBody) -> dict[str, Any]:
        try:
            entry = registry_entry({**body.model_dump(), "id": terminal_id}, f"terminal {terminal_id}")
        except ConfigError as exc:
            raise HTTPException(422, str(exc)) from None
        result: dict[str, Any] = _call(core.register, entry)
        return result

    @app.delete("/api/terminals/{terminal_id}", tags=["terminals"])
    def delete_terminal(terminal_id: TerminalId) -> dict[str, str]:
        _call(core.unregister, terminal_id)
        return {"unregistered": terminal_id}

    @app.get("/api/terminals/{terminal_id}/availability", tags=["terminals"])
    def availability(terminal_id: TerminalId, days: float = Query(7, gt=0, le=366)) -> dict[str, Any]:
        until = core.clock.now()
        since = until - timedelta(days=days)
        return {"terminal": terminal_id, "since": since, "until": until,
                "availability": core.availability(terminal_id, since, until)}

    @app.post("/api/terminals/{terminal_id}/commands", tags=["terminals"])
    def command(terminal_id: TerminalId, body: CommandBody) -> dict[str, Any]:
        if terminal_id not in core.terminals:
            raise HTTPException(404, f"no terminal {terminal_id}")
        cmd = CommandPayload(terminal=terminal_id, id=uuid.uuid4().hex[:16], action=body.action, device=body.device,
                             params=body.params, issued_by=body.issued_by,
                             expires_at=datetime.now(UTC) + timedelta(seconds=body.expires_s))
        try:
            cmd.encode()  # what the contract cannot carry (a 2**64, a surrogate in params) is refused here
        except ContractError as exc:
            raise HTTPException(422, str(exc)) from None
        service.ingest.send_command(cmd)
        return {"id": cmd.id, "sent": True}

    @app.get("/api/commands/{command_id}", tags=["terminals"])
    def command_result(command_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
        res = service.ingest.results.get(command_id)
        if res is None:
            raise HTTPException(404, "no result yet")
        out: dict[str, Any] = to_builtins(res)
        return out

    # ---- incidents -----------------------------------------------------------------------------
    @app.get("/api/incidents", tags=["incidents"])
    def list_incidents(state: Literal["open", "acknowledged", "resolved", "all"] = "open",
                       terminal: Annotated[Text | None, Query(max_length=64)] = None,
                       limit: int = Query(200, ge=1, le=5000)) -> list[dict[str, Any]]:
        return incidents(state, terminal, limit)

    @app.get("/api/incidents/{incident_id}", tags=["incidents"])
    def get_incident(incident_id: RowId) -> dict[str, Any]:
        with service.sessions() as s:
            inc = s.get(Incident, incident_id)
            if inc is None or inc.hall != core.hall:
                raise HTTPException(404, f"no incident #{incident_id}")
            out: dict[str, Any] = inc.public()
            out["log"] = [{"at": e.at, "actor": e.actor, "action": e.action, "detail": e.detail}
                          for e in s.scalars(select(IncidentLog).where(IncidentLog.incident_id == incident_id)
                                             .order_by(IncidentLog.id))]
            out["alerts"] = [{"id": a.id, "role": a.role, "kind": a.kind, "status": a.status, "attempts": a.attempts,
                              "sent_at": a.sent_at, "error": a.error}
                             for a in s.scalars(select(Alert).where(Alert.incident_id == incident_id)
                                                .order_by(Alert.id))]
            out["children"] = list(s.scalars(select(Incident.id).where(Incident.parent_id == incident_id)))
        return out

    @app.post("/api/incidents/{incident_id}/acknowledge", tags=["incidents"])
    def acknowledge(incident_id: RowId, body: AckBody) -> dict[str, Any]:
        result: dict[str, Any] = _call(core.acknowledge, incident_id, body.by, body.comment)
        return result

    @app.post("/api/incidents/{incident_id}/resolve", tags=["incidents"])
    def resolve(incident_id: RowId, body: ResolveBody) -> dict[str, Any]:
        result: dict[str, Any] = _call(core.resolve, incident_id, body.by, body.note)
        return result

    @app.get("/api/alerts", tags=["incidents"])
    def list_alerts(limit: int = Query(100, ge=1, le=5000)) -> list[dict[str, Any]]:
        with service.sessions() as s:
            return [{c.name: getattr(a, c.name) for c in Alert.__table__.columns}
                    for a in s.scalars(select(Alert).order_by(Alert.id.desc()).limit(limit))]

    # ---- notices and shutdowns ------------------------------------------------------------------
    @app.get("/api/notices", tags=["notices"])
    def list_notices() -> list[dict[str, Any]]:
        return [n.public() for n in core.notices_in_force()]

    @app.post("/api/notices", tags=["notices"])
    def post_notice(body: NoticeBody) -> dict[str, Any]:
        result: dict[str, Any] = _call(core.post_notice, body.title, body.message, body.by)
        return result

    @app.delete("/api/notices/{notice_id}", tags=["notices"])
    def clear_notice(notice_id: RowId, by: Annotated[Text, Query(min_length=1, max_length=100)]) -> dict[str, Any]:
        result: dict[str, Any] = _call(core.clear_notice, notice_id, by)
        return result

    @app.get("/api/shutdowns", tags=["shutdowns"])
    def list_shutdowns() -> list[dict[str, Any]]:
        with service.sessions() as s:
            return [sd.public() for sd in s.scalars(select(PlannedShutdown).where(PlannedShutdown.hall == core.hall)
                                                    .order_by(PlannedShutdown.id.desc()))]

    @app.post("/api/shutdowns", tags=["shutdowns"])
    def request_shutdown(body: ShutdownBody) -> dict[str, Any]:
        result: dict[str, Any] = _call(core.request_shutdown, body.terminal_id, body.reason, body.starts_at,
                                       body.ends_at, body.by)
        return result

    @app.post("/api/shutdowns/{shutdown_id}/approve", tags=["shutdowns"])
    def approve(shutdown_id: RowId, body: DecisionBody) -> dict[str, Any]:
        result: dict[str, Any] = _call(core.decide_shutdown, shutdown_id, body.by, True, body.note)
        return result

    @app.post("/api/shutdowns/{shutdown_id}/reject", tags=["shutdowns"])
    def reject(shutdown_id: RowId, body: DecisionBody) -> dict[str, Any]:
        result: dict[str, Any] = _call(core.decide_shutdown, shutdown_id, body.by, False, body.note)
        return result

    # ---- public status, dashboard, metrics -------------------------------------------------------
    def public_status() -> dict[str, Any]:
        ts = terminals()
        system = [i for i in incidents("open") if i["tier"] == Tier.SYSTEM]
        return {
            "hall": core.hall, "name": service.cfg.hall.name, "at": core.clock.now(),
            "terminals_total": len(ts), "terminals_in_service": sum(t["colour"] != "red" for t in ts),
            "outage": bool(system),
            "notices": [{"title": n.title, "message": n.message, "since": n.published_at}
                        for n in core.notices_in_force()],
        }

    @app.get("/api/status", tags=["public"])
    def status_json() -> dict[str, Any]:
        return public_status()

    @app.get("/status", response_class=HTMLResponse, tags=["public"])
    def status_page() -> str:
        st = public_status()
        notices = "".join(f"<div class='notice'><h2>{_e(n['title'])}</h2><p>{_e(n['message'])}</p>"
                          f"<p class='since'>发布时间 {_t(n['since'])}</p></div>" for n in st["notices"])
        body = (f"<h1>{_e(st['name'] or st['hall'])} · 24小时自助服务区</h1>"
                f"<p class='big {'bad' if st['outage'] else 'good'}'>"
                f"{'部分自助服务暂停' if st['outage'] else '自助服务正常'}</p>"
                f"<p>可用终端 {st['terminals_in_service']} / {st['terminals_total']}</p>{notices}"
                f"<p class='since'>更新于 {_t(st['at'])}</p>")
        return _page("服务状态", body)

    @app.get("/", response_class=HTMLResponse, tags=["dashboard"])
    def dashboard() -> str:
        now = core.clock.now()
        ts = terminals()
        def card(t: dict[str, Any]) -> str:
            notes = [t["location"], "" if t["registered"] else "未登记", "离线" if t["online"] is False else "",
                     "计划停机" if t.get("planned_offline") else ""]
            faults = "、".join(service.table.classify(f).title for f in t["faults"])  # the titles, not the codes
            return (f"<div class='card {t['colour']}'><b>{_e(t['id'])}</b> {_e(t['name'])}<br>"
                    f"<small>{_e(' · '.join(n for n in notes if n))}</small><br><small>{_e(faults)}</small></div>")

        cards = "".join(card(t) for t in ts)
        rows = []
        for i in incidents("open"):
            left = ""
            if i["deadline"] is not None:
                secs = (i["deadline"] - now).total_seconds()
                left = f"剩 {_span(secs)}" if secs >= 0 else f"<b class='bad'>超时 {_span(-secs)}</b>"
            where = HALL_SCOPE_LABEL if i["scope"] == HALL_SCOPE else i["scope"]
            ack = (f"{_e(i['acknowledged_by'])}：{_e(i['ack_comment'] or '')}" if i["acknowledged_by"] else "未确认")
            rows.append(f"<tr class='{i['tier']}'><td>#{i['id']}{' ↳#' + str(i['parent_id']) if i['parent_id'] else ''}"
                        f"</td><td>{_e(where)}</td><td>{_e(i['title'])}<br><small>{_e(i['fault_code'])}</small></td>"
                        f"<td>{_e(service.table.tiers[Tier(i['tier'])].title)}</td><td>{_t(i['opened_at'])}</td>"
                        f"<td>{_t(i['deadline']) if i['deadline'] else '—'}<br>{left}</td>"
                        f"<td>{_e(Role(i['role']).label)}</td>"
                        f"<td>{ack}</td></tr>")
        head = "".join(f"<th>{h}</th>" for h in ("工单", "终端", "故障", "级别", "发生", "时限", "通知", "确认"))
        table = f"<table><tr>{head}</tr>{''.join(rows)}</table>" if rows else "<p>没有未处理的故障。</p>"
        body = (f"<h1>{_e(service.cfg.hall.name or core.hall)} · 自助终端监控</h1>"
                f"<div class='cards'>{cards or '<p>还没有终端。</p>'}</div><h2>未处理故障</h2>{table}"
                f"<p class='since'>更新于 {_t(now)} · <a href='/status'>公众状态页</a> · <a href='/docs'>API</a></p>")
        return _page("大厅监控", body, refresh=5)

    @app.get("/metrics", tags=["metrics"])
    def metrics() -> PlainTextResponse:
        service.update_gauges()
        return PlainTextResponse(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/healthz", tags=["metrics"])
    def healthz() -> dict[str, Any]:
        return {"broker_connected": service.ingest.connected.is_set()}

    return app


def _e(text: object) -> str:
    return html.escape(str(text or ""))


def _span(seconds: float) -> str:
    """``1439 分钟`` reads badly: ``23 小时 59 分钟``."""
    hours, minutes = divmod(int(seconds // 60), 60)
    return f"{hours} 小时 {minutes} 分钟" if hours else f"{minutes} 分钟"


def _t(value: datetime | None) -> str:
    return value.astimezone().strftime("%m-%d %H:%M:%S") if value else ""


_CSS = """
body{font-family:"Noto Sans CJK SC",sans-serif;margin:1.5em;background:#f6f7f9;color:#222}
.cards{display:flex;flex-wrap:wrap;gap:.6em}.card{padding:.6em .8em;border-radius:6px;min-width:11em;color:#fff}
.card.green{background:#2e7d32}.card.yellow{background:#f9a825;color:#222}.card.red{background:#c62828}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ddd;padding:.35em .5em;
text-align:left;vertical-align:top}tr.system{background:#fde0e0}tr.general{background:#fff4e0}tr.comms_mechanical{background:#e8f0fb}
tr.warning{background:#fffbe6}.bad{color:#c62828}.good{color:#2e7d32}.big{font-size:2em;font-weight:bold}
.notice{border-left:6px solid #c62828;background:#fff;padding:.5em 1em;margin:1em 0}.since{color:#777}
"""


def _page(title: str, body: str, refresh: int | None = None) -> str:
    meta = f"<meta http-equiv='refresh' content='{refresh}'>" if refresh else ""
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>{meta}<title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body>{body}</body></html>")
