"""The inspection log's pages (每日巡检): the day's rounds, a record with its versions, readiness, history,
the CSV export and the printable A4 report; and the JSON of the same for scripts.

The day's page is made for a phone first: one card per terminal, each item a pair of big toggles
prefilled from live telemetry, a note per item, one button to sign. The live parts of a card (the
slots' state, readiness, what telemetry says now) are their own fragment, re-fetched on the
``inspections`` and ``terminals`` events; the form is not, so a half-filled card survives.

Permissions: INSPECT to sign and correct, CONFIRM_READINESS to confirm or withdraw readiness, VIEW
for the rest. The signer is the logged-in user.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from hall_server import accounts
from hall_server import inspections as domain
from hall_server.accounts import Permission
from hall_server.inspections import ITEMS, InspectionError, InspectionRecord, Inspections, ItemInput, Slot, Value
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.models import RowId, TerminalId
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page

router = APIRouter()
api = APIRouter(prefix="/api/inspections", tags=["inspections"])
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Inspector = Annotated[Principal, Depends(require(Permission.INSPECT))]
Confirmer = Annotated[Principal, Depends(require(Permission.CONFIRM_READINESS))]
DayQ = Annotated[str, Query(max_length=10, description="YYYY-MM-DD, the hall's local date")]
TermQ = Annotated[str, Query(max_length=63)]
Note = Annotated[str, Form(max_length=4000)]
MAX_PERIOD_DAYS = 366
SLOT_WORDS = {"done": "已巡检", "late": "已补检", "missed": "未巡检（已告警）", "open": "待巡检", "upcoming": "未开始",
              "over": "已过（巡检日志启用前）"}


def _log(svc: HallRuntime) -> Inspections:
    return domain.of(svc)


def _day(value: str, default: date, what: str = "日期") -> date:
    if not value.strip():
        return default
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{what}格式不对，应为 年-月-日（如 2026-03-02）") from None
    if not date(1970, 1, 1) <= day <= date(2999, 12, 31):  # beyond, the hall's day bounds overflow datetime
        raise HTTPException(422, f"{what}应在 1970-01-01 与 2999-12-31 之间")
    return day


def _period(log: Inspections, since: str, until: str) -> tuple[date, date]:
    today = log.today()
    a = _day(since, today - timedelta(days=6), "开始日期")
    b = _day(until, today, "结束日期")
    if b < a:
        raise HTTPException(422, "结束日期不能早于开始日期")
    if (b - a).days >= MAX_PERIOD_DAYS:
        raise HTTPException(422, f"一次最多导出 {MAX_PERIOD_DAYS} 天")
    return a, b


def _people(svc: HallRuntime) -> dict[str, str]:
    """User name → display name: records keep who signed by user name, pages show the name people know."""
    return {u.username: u.display_name or u.username for u in accounts.list_users(svc.sessions)}


def _context(svc: HallRuntime) -> dict[str, Any]:
    log = _log(svc)
    return {"items": ITEMS, "people": _people(svc), "slot_words": SLOT_WORDS,
            "windows": {s.value: log.window_label(s) for s in Slot},
            "readiness_required": svc.cfg.inspections.readiness_required}


def _card(request: Request, svc: HallRuntime, p: Principal, terminal_id: str, *, status_code: int = 200,
          errors: dict[str, str] | None = None, values: dict[str, str] | None = None, done: str = "") -> HTMLResponse:
    """After a form of one card: that card (htmx swaps it), or without htmx the whole day's page."""
    if request.headers.get("HX-Request") != "true":
        return _day_page(request, svc, p, None, status_code=status_code, errors=errors, values=values, done=done,
                         focus=terminal_id)
    log = _log(svc)
    found = next(iter(log.day_view(None, terminal_id)), None)
    if found is None:
        raise HTTPException(404, f"没有已登记的终端 {terminal_id}")
    return page(request, "inspection_card.html", status_code=status_code, principal=p, t=found,
                errors=errors or {}, values=values or {}, done=done, today=True, focus=terminal_id,
                current_slot=log.slot_at(log.now()).value, **_context(svc))


def _day_page(request: Request, svc: HallRuntime, p: Principal, day: date | None, *, status_code: int = 200,
              errors: dict[str, str] | None = None, values: dict[str, str] | None = None, done: str = "",
              focus: str = "") -> HTMLResponse:
    log = _log(svc)
    today = log.today()
    shown = day or today
    terminals = log.day_view(shown)
    counts = {"done": sum(s.status in ("done", "late") for t in terminals for s in t.slots),
              "missed": sum(s.status == "missed" for t in terminals for s in t.slots),
              "ready": sum(t.readiness is not None for t in terminals)}
    return page(request, "inspections.html", status_code=status_code, principal=p, nav="inspections",
                terminals=terminals, day=shown, today=shown == today, prev_day=shown - timedelta(days=1),
                next_day=shown + timedelta(days=1), counts=counts, current_slot=log.slot_at(log.now()).value,
                errors=errors or {}, values=values or {}, done=done, focus=focus, **_context(svc))


# ---- the day's rounds ------------------------------------------------------------------------------
@router.get("/inspections", response_class=HTMLResponse, include_in_schema=False)
def inspections_page(request: Request, svc: Svc, p: Viewer, day: DayQ = "") -> HTMLResponse:
    return _day_page(request, svc, p, _day(day, _log(svc).today()))


@router.get("/fragments/inspections/{terminal_id}/status", response_class=HTMLResponse, include_in_schema=False)
def card_status(terminal_id: TerminalId, request: Request, svc: Svc, p: Viewer, day: DayQ = "") -> HTMLResponse:
    log = _log(svc)
    shown = _day(day, log.today())
    found = next(iter(log.day_view(shown, terminal_id)), None)
    if found is None:
        raise HTTPException(404, f"没有已登记的终端 {terminal_id}")
    return page(request, "inspection_status.html", principal=p, t=found, today=shown == log.today(),
                **_context(svc))


def _items_from_form(form: dict[str, str]) -> dict[str, ItemInput]:
    return {i.key: ItemInput(form.get(f"item_{i.key}", "").strip(), form.get(f"note_{i.key}", ""))
            for i in ITEMS if form.get(f"item_{i.key}", "").strip()}


class ItemsForm(BaseModel):
    """The checklist as a form posts it: per item ``item_<key>`` (ok | fail) and ``note_<key>``."""

    slot: str = ""
    note: str = ""
    item_power: str = ""
    note_power: str = ""
    item_comms: str = ""
    note_comms: str = ""
    item_journal_paper: str = ""
    note_journal_paper: str = ""
    item_receipt_paper: str = ""
    note_receipt_paper: str = ""
    item_mechanical: str = ""
    note_mechanical: str = ""

    def fields(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if k.startswith(("item_", "note_"))}

    def values(self) -> dict[str, str]:
        """What was typed, to show again with the errors."""
        return dict(self.model_dump())


ItemsBody = Annotated[ItemsForm, Form()]


def _check_form(check: Check, fields: dict[str, str]) -> None:
    for i in ITEMS:
        check.choice(f"item_{i.key}", fields[f"item_{i.key}"] or None, f"{i.label}的结果",
                     {Value.OK.value: i.ok_label, Value.FAIL.value: i.fail_label})
        check.text(f"note_{i.key}", fields[f"note_{i.key}"], f"{i.label}的说明", max_length=domain.NOTE_MAX)


def _refusal_to_fields(check: Check, exc: InspectionError) -> None:
    """The domain's refusal beside the item it concerns (its parts are '；'-separated, '<label>：…')."""
    for part in str(exc).split("；"):
        item = next((i for i in ITEMS if part.startswith(f"{i.label}：")), None)
        check.fail(f"note_{item.key}" if item is not None else "form", part)


@router.post("/inspections/{terminal_id}/sign", response_class=HTMLResponse, include_in_schema=False)
def sign(terminal_id: TerminalId, request: Request, svc: Svc, p: Inspector, form: ItemsBody) -> HTMLResponse:
    fields = form.fields()
    check = Check()
    _check_form(check, fields)
    chosen = check.choice("slot", form.slot, "巡检时段", [s.value for s in Slot], required=False)
    text = check.text("note", form.note, "说明", max_length=domain.NOTE_MAX)
    record: InspectionRecord | None = None
    if check.ok:
        try:
            record = _log(svc).sign(terminal_id, _items_from_form(fields), inspector=p.username, note=text,
                                    slot=chosen or None)
        except InspectionError as exc:
            _refusal_to_fields(check, exc)
    if record is None:
        return _card(request, svc, p, terminal_id, status_code=422, errors=check.errors, values=form.values())
    word = "有异常项，已生成故障工单" if record.result == "fail" else "全部正常"
    return _card(request, svc, p, terminal_id,
                 done=f"{record.slot.label}巡检已签名（#{record.id}，{p.display_name or p.username}）：{word}")


# ---- readiness ------------------------------------------------------------------------------------
@router.post("/inspections/{terminal_id}/readiness", response_class=HTMLResponse, include_in_schema=False)
def confirm_readiness(terminal_id: TerminalId, request: Request, svc: Svc, p: Confirmer,
                      note: Note = "") -> HTMLResponse:
    check = Check()
    text = check.text("readiness", note, "说明", max_length=domain.NOTE_MAX)
    if check.ok:
        try:
            _log(svc).confirm_readiness(terminal_id, by=p.username, note=text)
        except InspectionError as exc:
            check.fail("readiness", str(exc))
    if not check.ok:
        return _card(request, svc, p, terminal_id, status_code=422, errors=check.errors)
    return _card(request, svc, p, terminal_id, done="已确认今日可投入正常运行")


@router.post("/inspections/readiness/{readiness_id}/withdraw", response_class=HTMLResponse, include_in_schema=False)
def withdraw_readiness(readiness_id: RowId, request: Request, svc: Svc, p: Confirmer, note: Note = "") -> HTMLResponse:
    check = Check()
    text = check.text("readiness", note, "撤销原因", required=True, max_length=domain.NOTE_MAX)
    log = _log(svc)
    ready = log.readiness_today()
    found = next((r for r in ready.values() if r.id == readiness_id), None)
    if found is None:
        raise HTTPException(404, f"没有今日有效的确认记录 #{readiness_id}")
    if check.ok:
        try:
            log.withdraw_readiness(readiness_id, by=p.username, note=text)
        except InspectionError as exc:
            check.fail("readiness", str(exc))
    if not check.ok:
        return _card(request, svc, p, found.terminal_id, status_code=422, errors=check.errors)
    return _card(request, svc, p, found.terminal_id, done="已撤销今日的确认")


# ---- a record and its versions -------------------------------------------------------------------
def _record_page(request: Request, svc: HallRuntime, p: Principal, inspection_id: int, *, status_code: int = 200,
                 errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
                 done: str = "") -> HTMLResponse:
    log = _log(svc)
    chain = log.chain(inspection_id)
    if not chain:
        raise HTTPException(404, f"没有巡检记录 #{inspection_id}")
    names = log.terminal_names()
    return page(request, "inspection_record.html", status_code=status_code, principal=p, nav="inspections",
                chain=chain, shown=next(r for r in chain if r.id == inspection_id), current=chain[-1],
                name=names.get(chain[0].terminal_id, ("", ""))[0], errors=errors or {}, values=values or {},
                done=done, **_context(svc))


@router.get("/inspections/records/{inspection_id}", response_class=HTMLResponse, include_in_schema=False)
def record_page(inspection_id: RowId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return _record_page(request, svc, p, inspection_id)


@router.post("/inspections/records/{inspection_id}/correct", response_class=HTMLResponse, include_in_schema=False)
def correct(inspection_id: RowId, request: Request, svc: Svc, p: Inspector, form: ItemsBody) -> HTMLResponse:
    fields = form.fields()
    log = _log(svc)
    if log.record(inspection_id) is None:
        raise HTTPException(404, f"没有巡检记录 #{inspection_id}")
    check = Check()
    _check_form(check, fields)
    text = check.text("note", form.note, "更正原因", required=True, max_length=domain.NOTE_MAX)
    record: InspectionRecord | None = None
    if check.ok:
        try:
            record = log.correct(inspection_id, _items_from_form(fields), inspector=p.username, note=text)
        except InspectionError as exc:
            _refusal_to_fields(check, exc)
    if record is None:
        return _record_page(request, svc, p, inspection_id, status_code=422, errors=check.errors,
                            values=form.values())
    return _record_page(request, svc, p, record.id, done=f"已更正：新版本 #{record.id}，原记录 #{inspection_id} 保留")


# ---- history, export, report ------------------------------------------------------------------------
@router.get("/inspections/history", response_class=HTMLResponse, include_in_schema=False)
def history_page(request: Request, svc: Svc, p: Viewer, *, since: DayQ = "", until: DayQ = "",
                 terminal: TermQ = "") -> HTMLResponse:
    log = _log(svc)
    a, b = _period(log, since, until)
    tid = terminal.strip() or None
    rows = [r for r in log.export_rows(a, b, _people(svc)) if tid is None or r[2] == tid]
    return page(request, "inspection_history.html", principal=p, nav="inspections", since=a, until=b,
                terminal=tid or "", terminal_ids=list(log.terminal_names()), rows=rows,
                header=Inspections.EXPORT_HEADER, **_context(svc))


@router.get("/inspections/export.csv", include_in_schema=False)
def export_csv(svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "") -> Response:
    log = _log(svc)
    a, b = _period(log, since, until)
    name = f"inspections-{svc.core.hall}-{a:%Y%m%d}-{b:%Y%m%d}.csv"
    return Response(log.export_csv(a, b, _people(svc)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/inspections/report", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "") -> HTMLResponse:
    log = _log(svc)
    a, b = _period(log, since, until)
    rows = log.export_rows(a, b, _people(svc))
    days: dict[str, list[list[str]]] = {}
    for r in rows:
        days.setdefault(r[0], []).append(r)
    summary = {"records": sum(r[4] != "" for r in rows), "missed": sum(r[8] == "未巡检" for r in rows),
               "failed": sum(r[8] == "异常" and r[5] == "有效" for r in rows)}
    return page(request, "inspection_report.html", principal=p, since=a, until=b, days=days, summary=summary,
                header=Inspections.EXPORT_HEADER, **_context(svc))


def terminal_fragment(svc: HallRuntime, request: Request, terminal_id: str) -> str:
    """A terminal's recent inspections (the last 14 days) for its page: HTML, rendered here."""
    log = _log(svc)
    today = log.today()
    recs = [r for r in log.records(today - timedelta(days=13), today, terminal_id) if r.current]
    misses = [m for m in log.misses(today - timedelta(days=13), today) if m.terminal_id == terminal_id]
    ready = log.readiness_today().get(terminal_id)
    resp = page(request, "inspection_terminal.html", principal=None, records=list(reversed(recs)),
                misses=misses, ready=ready, terminal_id=terminal_id, **_context(svc))
    return bytes(resp.body).decode()


# ---- the JSON of it, for scripts ----------------------------------------------------------------------
class ItemOut(BaseModel):
    key: str
    prefill: str
    source: str
    value: str
    note: str


class InspectionOut(BaseModel):
    id: int
    terminal_id: str
    day: str
    slot: str
    inspector: str
    signed_at: str
    corrects_id: int | None
    corrected_by: int | None
    result: str
    note: str
    late: bool
    items: list[ItemOut]


@api.get("", response_model=list[InspectionOut])
def list_inspections(svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "",
                     terminal: TermQ = "") -> list[dict[str, Any]]:
    """Every version of every inspection record of the period (default: the last 7 days)."""
    log = _log(svc)
    a, b = _period(log, since, until)
    return [r.public() for r in log.records(a, b, terminal.strip() or None)]


router.include_router(api)
