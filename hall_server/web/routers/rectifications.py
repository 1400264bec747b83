"""The ratings' pages (好差评) and the rectification cases of bad reviews (差评整改), with their JSON.

- ``/ratings``: a period (default the last 30 days, the hall's local days) counted per level, day,
  service item, terminal and tag, with the share of bad reviews (levels 1–2) and the period's cases.
- ``/ratings/terminals/{id}``: one terminal's day hour by hour, its ratings beside the incidents open
  in the same hour (a printer that failed all morning is why that morning was rated badly).
- ``/ratings/cases`` and ``/ratings/cases/{id}``: every bad review's case, its deadline, its history,
  and the form of the one step it is waiting for (核实 → 整改 → 反馈 → 办结, RECTIFY: the hall
  administrator and the centre). A step out of order is refused with a 409 and words.

VIEW for the rest. The same under ``/api/ratings/…`` for scripts. The rules are
:mod:`hall_server.domain.rectifications`, the counting :mod:`hall_server.domain.rating_stats`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from hall_server import accounts
from hall_server.accounts import Permission
from hall_server.db import Rating, Terminal
from hall_server.domain import rating_stats as stats
from hall_server.domain import rectifications as rect
from hall_server.domain.base import NotFound
from hall_server.domain.rectifications import CHANNELS, CaseState, Step, StepInput, StepInvalid, StepRefused
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.models import TERMINAL_ID_PATTERN, RowId, TerminalId, Text
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page
from wire.feedback import LEVELS

router = APIRouter()  # the pages (not in the OpenAPI document); the API is `api`, included below
api = APIRouter(prefix="/api/ratings", tags=["ratings"])
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Rectifier = Annotated[Principal, Depends(require(Permission.RECTIFY))]
DayQ = Annotated[str, Query(max_length=10, description="YYYY-MM-DD, the hall's local date")]
Q = Annotated[str, Query(max_length=100)]
DEFAULT_DAYS = 30
STEP_TEXTS = {  # the form of each step: its title, the label of its note and an example
    "verify": ("核实", "核实情况", "例如：调阅窗口录像并询问经办人，群众反映等候过久属实"),
    "rectify": ("整改", "整改措施", "例如：高峰时段增开一个窗口，已对经办人进行提醒谈话"),
    "feedback": ("反馈", "反馈内容", "例如：已电话告知整改情况，群众表示认可"),
    "close": ("办结", "办结说明", "例如：整改完成并已反馈，同意办结"),
}


# ---- the hall's days ----------------------------------------------------------------------------
def _tz(svc: HallRuntime) -> tzinfo:
    return ZoneInfo(svc.cfg.inspections.timezone)


def _today(svc: HallRuntime) -> date:
    return svc.core.clock.now().astimezone(_tz(svc)).date()


def _day(value: str, default: date, what: str = "日期") -> date:
    if not value.strip():
        return default
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{what}格式不对，应为 年-月-日（如 2026-03-02）") from None
    if not date(1970, 1, 2) <= day <= date(2999, 12, 30):  # beyond, the hall's day bounds overflow datetime
        raise HTTPException(422, f"{what}应在 1970-01-02 与 2999-12-30 之间")
    return day


def _period(svc: HallRuntime, since: str, until: str) -> tuple[date, date]:
    """From–to, the hall's local days: by default the last 30 days, today included."""
    b = _day(until, _today(svc), "结束日期")
    a = _day(since, b - timedelta(days=DEFAULT_DAYS - 1), "开始日期")
    if b < a:
        raise HTTPException(422, "结束日期不能早于开始日期")
    if (b - a).days >= stats.MAX_DAYS:
        raise HTTPException(422, f"一次最多统计 {stats.MAX_DAYS} 天")
    return a, b


_TERMINAL_ID = re.compile(TERMINAL_ID_PATTERN)


def _terminal_q(value: str) -> str | None:
    v = value.strip()
    if not v:
        return None
    if len(v) > 63 or not _TERMINAL_ID.match(v):
        raise HTTPException(422, "终端编号只能是小写字母、数字、“_”或“-”")
    return v


def _item_q(value: str) -> str | None:
    v = value.strip()
    if len(v) > 64:
        raise HTTPException(422, "事项编码最长 64 个字符")
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no database stores it, none holds it
        raise HTTPException(422, "事项编码含有无法识别的字符") from None
    return v or None


def _choices(svc: HallRuntime) -> dict[str, Any]:
    """What the filters offer: every terminal of the hall and every service item rated here."""
    with svc.sessions() as s:
        terminals = set(s.scalars(select(Terminal.id).where(Terminal.hall == svc.core.hall)))
        terminals |= set(s.scalars(select(Rating.terminal_id).where(Rating.hall == svc.core.hall).distinct()))
        items = {code: name for code, name in s.execute(
            select(Rating.item_code, func.max(Rating.item_name)).where(Rating.hall == svc.core.hall)
            .group_by(Rating.item_code))}
    return {"terminal_ids": sorted(terminals), "item_choices": sorted(items.items(), key=lambda kv: kv[1])}


def _words() -> dict[str, Any]:
    return {"levels": LEVELS, "states": rect.LIST_STATES, "step_labels": {s.value: s.label for s in Step},
            "channels": CHANNELS, "step_texts": STEP_TEXTS, "case_states": [s.value for s in CaseState],
            "next_states": {s.value: rect.state_after(s).value for s in rect.PERSON_STEPS}}


# ---- the period ---------------------------------------------------------------------------------
def _summary(svc: HallRuntime, since: str, until: str, terminal: str, item: str) -> stats.Summary:
    a, b = _period(svc, since, until)
    with svc.sessions() as s:
        return stats.summary(s, svc.core.hall, _tz(svc), a, b, now=svc.core.clock.now(),
                             terminal_id=_terminal_q(terminal), item_code=_item_q(item))


def _open_cases(svc: HallRuntime) -> dict[str, int]:
    """Every case not closed, and those of them overdue (whatever the period shown)."""
    with svc.sessions() as s:
        n, late = rect.open_counts(s, svc.core.hall, svc.core.clock.now())
    return {"open": n, "overdue": late}


@router.get("/ratings", response_class=HTMLResponse, include_in_schema=False)
def ratings_page(request: Request, svc: Svc, p: Viewer, *, since: DayQ = "", until: DayQ = "", terminal: Q = "",
                 item: Q = "") -> HTMLResponse:
    sm = _summary(svc, since, until, terminal, item)
    return page(request, "ratings.html", principal=p, nav="ratings", sm=sm, open_cases=_open_cases(svc),
                **_choices(svc), **_words())


@router.get("/ratings/terminals/{terminal_id}", response_class=HTMLResponse, include_in_schema=False)
def terminal_page(terminal_id: TerminalId, request: Request, svc: Svc, p: Viewer, *, day: DayQ = "",
                  since: DayQ = "", until: DayQ = "") -> HTMLResponse:
    shown = _day(day, _today(svc))
    sm = _summary(svc, since, until, terminal_id, "")
    with svc.sessions() as s:
        hours = stats.terminal_hours(s, svc.core.hall, _tz(svc), terminal_id, shown, now=svc.core.clock.now())
    return page(request, "ratings_terminal.html", principal=p, nav="ratings", terminal_id=terminal_id, sm=sm,
                day=shown, hours=hours, prev_day=shown - timedelta(days=1), next_day=shown + timedelta(days=1),
                today=shown == _today(svc), **_words())


# ---- the cases ----------------------------------------------------------------------------------
def _case_filter(state: str, terminal: str, overdue: str) -> rect.CaseFilter:
    """The list's filters as typed into its form: what is not one of the choices does not narrow."""
    tid = terminal.strip()
    return rect.CaseFilter(state=state if state in rect.LIST_STATES else "open",
                           terminal_id=tid if len(tid) <= 63 and _TERMINAL_ID.match(tid) else None,
                           overdue=True if overdue.strip() in ("1", "true", "on") else None, limit=500)


def _list(svc: HallRuntime, f: rect.CaseFilter) -> dict[str, Any]:
    with svc.sessions() as s:
        cases = rect.list_cases(s, svc.core.hall, svc.core.clock.now(), f)
    return {"cases": cases, "f": f}


@router.get("/ratings/cases", response_class=HTMLResponse, include_in_schema=False)
def cases_page(request: Request, svc: Svc, p: Viewer, *, state: Q = "open", terminal: Q = "",
               overdue: Q = "") -> HTMLResponse:
    return page(request, "rating_cases.html", principal=p, nav="ratings", **_choices(svc), **_words(),
                rectification_days=svc.cfg.feedback.rectification_days,
                **_list(svc, _case_filter(state, terminal, overdue)))


@router.get("/fragments/ratings/cases", response_class=HTMLResponse, include_in_schema=False)
def cases_fragment(request: Request, svc: Svc, p: Viewer, *, state: Q = "open", terminal: Q = "",
                   overdue: Q = "") -> HTMLResponse:
    return page(request, "fragments/rating_cases_table.html", principal=p, **_words(),
                **_list(svc, _case_filter(state, terminal, overdue)))


def _case(svc: HallRuntime, case_id: int) -> dict[str, Any]:
    with svc.sessions() as s:
        found = rect.case_detail(s, svc.core.hall, case_id, svc.core.clock.now())
    if found is None:
        raise HTTPException(404, f"没有整改案件 #{case_id}")
    return found


def _people(svc: HallRuntime) -> dict[str, str]:
    """User name → the name people know: steps keep who took them by user name, the page shows 赵丽（zhaoli）."""
    return {u.username: f"{u.display_name}（{u.username}）" if u.display_name else u.username
            for u in accounts.list_users(svc.sessions)}


def _actions(request: Request, svc: HallRuntime, p: Principal, case_id: int, *, status_code: int = 200,
             errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
             done: str = "") -> HTMLResponse:
    """After a step's form: the actions (htmx swaps them, the case's facts out of band), or the whole page."""
    htmx = request.headers.get("HX-Request") == "true"
    template = "fragments/rating_case_actions.html" if htmx else "rating_case.html"
    return page(request, template, status_code=status_code, principal=p, nav="ratings", c=_case(svc, case_id),
                errors=errors or {}, values=values or {}, done=done, oob=htmx, people=_people(svc), **_words())


@router.get("/ratings/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def case_page(case_id: RowId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "rating_case.html", principal=p, nav="ratings", c=_case(svc, case_id), errors={},
                values={}, done="", oob=False, people=_people(svc), **_words())


@router.get("/fragments/ratings/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def case_fragment(case_id: RowId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "fragments/rating_case_live.html", principal=p, c=_case(svc, case_id), people=_people(svc),
                **_words())


DONE_WORDS = {"verify": "已核实", "rectify": "整改已记录", "feedback": "反馈已记录", "close": "案件已办结"}


@router.post("/ratings/cases/{case_id}/steps", response_class=HTMLResponse, include_in_schema=False)
def case_step(case_id: RowId, request: Request, svc: Svc, p: Rectifier, *,
              step: Annotated[str, Form(max_length=20)] = "", note: Annotated[str, Form(max_length=8000)] = "",
              founded: Annotated[str, Form(max_length=10)] = "",
              channel: Annotated[str, Form(max_length=40)] = "",
              recipient: Annotated[str, Form(max_length=800)] = "") -> HTMLResponse:
    values = {"step": step, "note": note, "founded": founded, "channel": channel, "recipient": recipient}
    _case(svc, case_id)  # 404 first
    check = Check()
    chosen = check.choice("step", step, "办理步骤", [s.value for s in rect.PERSON_STEPS])
    found: bool | None = None
    text = ""
    if chosen:
        text = check.text("note", note, STEP_TEXTS[chosen][1], required=True, max_length=rect.NOTE_MAX)
        if chosen == Step.VERIFY:
            pick = check.choice("founded", founded, "核实结论", {"yes": "属实", "no": "不属实"})
            found = {"yes": True, "no": False}.get(pick)
        if chosen == Step.FEEDBACK:
            check.choice("channel", channel, "反馈方式", list(CHANNELS))
            check.text("recipient", recipient, "反馈对象", required=True, max_length=rect.RECIPIENT_MAX)
    status = 422
    if check.ok:
        try:
            svc.core.rectification_step(case_id, StepInput(step=chosen, note=text, founded=found,
                                                           channel=channel or None, recipient=recipient or None),
                                        p.username)
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except StepRefused as exc:
            check.fail("form", str(exc))
            status = 409
        except StepInvalid as exc:
            check.fail("form", str(exc))
    if not check.ok:
        return _actions(request, svc, p, case_id, status_code=status, errors=check.errors, values=values)
    return _actions(request, svc, p, case_id, done=f"{DONE_WORDS[chosen]}（{p.label}）")


def hall_panel(svc: HallRuntime) -> dict[str, Any]:
    """For the live hall: how many cases are not closed, and the overdue ones (the first 5, the most overdue first)."""
    now = svc.core.clock.now()
    with svc.sessions() as s:
        n, late = rect.open_counts(s, svc.core.hall, now)
        overdue = rect.list_cases(s, svc.core.hall, now, rect.CaseFilter(state="open", overdue=True, limit=5))
    return {"open": n, "overdue": late, "overdue_cases": overdue}


# ---- the JSON of it, for scripts ----------------------------------------------------------------------
class TallyOut(BaseModel):
    count: int
    bad: int = Field(description="差评: levels 1 and 2")
    bad_share: float | None
    average: float | None
    levels: dict[str, int] = Field(description="level (1 非常不满意 … 5 非常满意) → how many")


class DayOut(TallyOut):
    day: date


class SeriesOut(BaseModel):
    key: str
    name: str
    total: TallyOut
    counts: list[int] = Field(description="ratings per day of the period, in the order of `days`")
    bad: list[int] = Field(description="bad reviews per day of the period")


class TagOut(BaseModel):
    tag: str
    count: int
    bad: int


class CaseCountsOut(BaseModel):
    total: int
    open: int
    overdue: int
    closed: int
    closed_late: int
    unfounded: int


class SummaryOut(BaseModel):
    since: date
    until: date
    terminal_id: str | None
    item_code: str | None
    total: TallyOut
    days: list[DayOut]
    items: list[SeriesOut]
    terminals: list[SeriesOut]
    tags: list[TagOut]
    cases: CaseCountsOut


class RatingBriefOut(BaseModel):
    id: str
    rated_at: datetime
    item_code: str
    item_name: str
    level: int
    tags: list[str]
    case_id: int | None


class IncidentBriefOut(BaseModel):
    id: int
    scope: str
    fault_code: str
    tier: str
    title: str
    opened_at: datetime
    resolved_at: datetime | None


class HourOut(BaseModel):
    start: datetime
    end: datetime
    ratings: TallyOut
    rated: list[RatingBriefOut]
    incidents: list[IncidentBriefOut] = Field(description="the terminal's and the hall-wide ones open in the hour")


class TerminalHoursOut(BaseModel):
    terminal_id: str
    day: date
    hours: list[HourOut]


class StepOut(BaseModel):
    id: int
    at: datetime
    actor: str
    step: str
    from_state: str
    to_state: str
    note: str
    founded: bool | None
    channel: str | None
    recipient: str | None


class CaseOut(BaseModel):
    id: int
    rating_id: str
    terminal_id: str
    item_code: str
    item_name: str
    level: int
    tags: list[str]
    case_no: str | None
    rated_at: datetime
    state: str
    founded: bool | None = Field(description="the verifier's finding: true 属实, false 不属实, none not verified yet")
    opened_at: datetime
    deadline: datetime
    closed_at: datetime | None
    overdue: bool = Field(description="not closed and past the deadline")
    closed_late: bool
    overdue_alerted_at: datetime | None
    next_step: str | None = Field(description="verify | rectify | feedback | close; none once closed")


class CaseDetailOut(CaseOut):
    steps: list[StepOut]


class StepBody(BaseModel):
    """One step of a case: a note always; ``founded`` for verify; ``channel`` and ``recipient`` for feedback."""

    step: Literal["verify", "rectify", "feedback", "close"]
    note: Text = Field(min_length=1, max_length=rect.NOTE_MAX)
    founded: bool | None = Field(None, description="verify: true 差评属实, false 不属实")
    channel: Literal["电话回访", "短信", "当面", "书面", "公示", "其他"] | None = Field(
        None, description="feedback: how it was given")
    recipient: Text | None = Field(None, max_length=rect.RECIPIENT_MAX, description="feedback: to whom")


def _tally(t: stats.Tally) -> dict[str, Any]:
    return t.public()


@api.get("/summary", response_model=SummaryOut)
def summary(svc: Svc, _p: Viewer, since: DayQ = "", until: DayQ = "", terminal_id: Q = "",
            item_code: Q = "") -> dict[str, Any]:
    """The period's ratings counted (default: the last 30 days, the hall's local days)."""
    sm = _summary(svc, since, until, terminal_id, item_code)

    def series(x: stats.Series) -> dict[str, Any]:
        return {"key": x.key, "name": x.name, "total": _tally(x.total), "counts": [d.count for d in x.days],
                "bad": [d.bad for d in x.days]}

    days = [{"day": d, **_tally(t)} for d, t in zip(sm.dates, sm.days, strict=True)]
    return {"since": sm.since, "until": sm.until, "terminal_id": sm.terminal_id, "item_code": sm.item_code,
            "total": _tally(sm.total), "days": days,
            "items": [series(x) for x in sm.items], "terminals": [series(x) for x in sm.terminals],
            "tags": [vars(t) for t in sm.tags], "cases": vars(sm.cases)}


@api.get("/terminals/{terminal_id}/hours", response_model=TerminalHoursOut)
def terminal_hours(terminal_id: TerminalId, svc: Svc, _p: Viewer, day: DayQ = "") -> dict[str, Any]:
    """One terminal's day (default today), hour by hour: its ratings beside the incidents open in that hour."""
    shown = _day(day, _today(svc))
    with svc.sessions() as s:
        hours = stats.terminal_hours(s, svc.core.hall, _tz(svc), terminal_id, shown, now=svc.core.clock.now())
    return {"terminal_id": terminal_id, "day": shown, "hours": [
        {"start": h.start, "end": h.end, "ratings": _tally(h.tally),
         "rated": [{"id": r.id, "rated_at": r.at, "item_code": r.item_code, "item_name": r.item_name, "level": r.level,
                    "tags": list(r.tags), "case_id": r.case_id} for r in h.ratings],
         "incidents": [vars(i) for i in h.incidents]} for h in hours]}


@api.get("/cases", response_model=list[CaseOut])
def list_cases(svc: Svc, _p: Viewer, *,
               state: Literal["open", "all", "待核实", "已核实", "已整改", "已反馈", "已办结"] = "open",
               terminal_id: Annotated[str | None, Query(max_length=63, pattern=TERMINAL_ID_PATTERN)] = None,
               overdue: bool | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 200,
               offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> list[dict[str, Any]]:
    """Rectification cases: not closed first, the nearest deadline first. ``state=open``: not closed."""
    with svc.sessions() as s:
        return rect.list_cases(s, svc.core.hall, svc.core.clock.now(), rect.CaseFilter(
            state=state, terminal_id=terminal_id, overdue=overdue, limit=limit, offset=offset))


@api.get("/cases/{case_id}", response_model=CaseDetailOut)
def get_case(case_id: RowId, svc: Svc, _p: Viewer) -> dict[str, Any]:
    return _case(svc, case_id)


@api.post("/cases/{case_id}/steps", response_model=CaseDetailOut,
          responses={409: {"description": "not the step the case is waiting for"},
                     422: {"description": "input missing or out of bounds"}})
def post_step(case_id: RowId, body: StepBody, svc: Svc, p: Rectifier) -> dict[str, Any]:
    """The step the case is waiting for, as the logged-in user (or the token's owner): 409 when it is not."""
    try:
        svc.core.rectification_step(case_id, StepInput(step=body.step, note=body.note, founded=body.founded,
                                                       channel=body.channel, recipient=body.recipient), p.username)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except StepRefused as exc:
        raise HTTPException(409, str(exc)) from None
    except StepInvalid as exc:
        raise HTTPException(422, str(exc)) from None
    return _case(svc, case_id)


router.include_router(api)
