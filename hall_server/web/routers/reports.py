"""The reports' pages (报表 / 绩效考核), their CSV tables and the JSON of the same (docs/reports.md).

Each report is one page for any period of whole local days (``?since=YYYY-MM-DD&until=YYYY-MM-DD``,
by default the last 7 days): key figures, charts (Apache ECharts, vendored, drawn by
``static/reports.js`` from the JSON the page carries) and its tables; each table as CSV
(``/reports/<name>.csv?table=…``, Chinese headers, UTF-8 with a byte-order mark); the page prints on
A4 (``static/reports.css``). ``/api/reports/<name>`` answers the same figures as JSON.

The figures come from :mod:`hall_server.reports`; this module only lays them out. Permission: VIEW.
The report pages carry a strict Content-Security-Policy (scripts from this server only, nothing inline).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from hall_server import accounts
from hall_server import reports as domain
from hall_server.accounts import Permission
from hall_server.reports import (
    TABLES,
    AvailabilityReport,
    FeedbackReport,
    IncidentsReport,
    InspectionsReport,
    PaperReport,
    Period,
    ReportError,
    Reports,
    duration_words,
    pct,
    table_rows,
)
from hall_server.web.auth import Principal, require
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page

router = APIRouter()
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
DayQ = Annotated[str, Query(max_length=40, description="YYYY-MM-DD, the hall's local date; empty: the default")]
TableQ = Annotated[str, Query(max_length=40, description="which table of the report (the page links each)")]

# Scripts only from this server (ECharts, htmx, the page's own), none inline; no plugins, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

LEVEL_COLOURS = {5: "#1d7a3a", 4: "#5aa469", 3: "#c9a227", 2: "#e07a3f", 1: "#b3261e"}
TITLES = {"availability": "终端可用率", "incidents": "故障与恢复时长", "inspections": "巡检与投入运行确认",
          "paper": "打印纸用量与换纸预测", "feedback": "好差评与投诉"}


def _reports(svc: HallRuntime) -> Reports:
    return domain.of(svc)


def _period(rep: Reports, since: str, until: str) -> Period:
    try:
        return rep.period(since, until)
    except ReportError as exc:
        raise HTTPException(422, str(exc)) from None


def _compute(rep: Reports, name: str, p: Period) -> Any:
    fn: dict[str, Callable[[Any, Period], Any]] = {
        "availability": rep.availability, "incidents": rep.incidents, "inspections": rep.inspection_figures,
        "paper": rep.paper, "feedback": rep.feedback}
    with rep.core.sessions() as s:
        return fn[name](s, p)


# ---- what a page shows: cards, charts, tables ------------------------------------------------------
def _cards(report: Any) -> list[dict[str, str]]:
    def card(label: str, value: str, note: str = "", tone: str = "") -> dict[str, str]:
        return {"label": label, "value": value, "note": note, "tone": tone}

    if isinstance(report, AvailabilityReport):
        low = min(report.terminals, key=lambda r: (r.availability, r.terminal_id), default=None)
        return [card("平均可用率", pct(report.average, 2), f"{len(report.terminals)} 台终端，每天 24 小时"),
                card("最低", pct(low.availability, 2) if low else "—", low.terminal_id if low else "",
                     "bad" if low and low.availability < 0.99 else ""),
                card("未经批准的离线", f"{len(report.outages)} 次", duration_words(report.down_s),
                     "bad" if report.outages else "")]
    if isinstance(report, IncidentsReport):
        return [card(t.label, f"{t.opened} 起", (f"时限内恢复 {pct(t.within_share)}" if t.within_share is not None
                                                else "无时限" if t.deadline_s is None else "无已到时限的故障")
                     + (f" · 中位 {duration_words(t.p50_s)}" if t.p50_s is not None else ""),
                     "bad" if t.late else "") for t in report.tiers] + [
            card("升级", f"{sum(t.escalated for t in report.tiers)} 起", f"预警 {report.warnings} 条")]
    if isinstance(report, InspectionsReport):
        done = sum(r.confirmed for r in report.readiness)
        due = sum(r.terminals for r in report.readiness)
        return [card("应检", f"{report.due} 次", "上午、下午各一次"),
                card("按时巡检", f"{report.on_time} 次", pct(domain.share(report.on_time, report.due)),
                     "bad" if report.on_time < report.due else ""),
                card("补检 / 漏检", f"{report.late} / {report.missed}", "", "bad" if report.missed else ""),
                card("投入运行确认", f"{done}/{due}", pct(domain.share(done, due)), "bad" if done < due else "")]
    if isinstance(report, PaperReport):
        soon = [r for r in report.rolls if r.days_left is not None and r.days_left < 1]
        first = min((r for r in report.rolls if r.days_left is not None), key=lambda r: r.days_left or 0.0,
                    default=None)
        return [card("换纸", f"{report.loaded} 卷", "本期技术员确认换纸"),
                card("一天内用完", f"{len(soon)} 卷", "、".join(f"{r.terminal_id}{r.label}" for r in soon),
                     "bad" if soon else ""),
                card("最早用完", f"{first.days_left:.1f} 天" if first and first.days_left is not None else "—",
                     f"{first.terminal_id} {first.label}" if first else "", "bad" if soon else "")]
    if isinstance(report, FeedbackReport):
        r, c = report.rectification, report.complaint_answers
        return [card("评价", f"{report.ratings} 条", f"差评 {report.bad} 条"),
                card("差评率", pct(report.bad_share), "不满意、非常不满意", "bad" if report.bad else ""),
                card("差评整改按时率", pct(r.share), f"按时 {r.on_time}，超时 {r.late}，未到期 {r.pending}",
                     "bad" if r.late else ""),
                card("投诉答复按时率", pct(c.share), f"{report.complaints} 件；超时 {c.late}，未到期 {c.pending}"
                     + (f"，答复时间未记录 {c.unknown}" if c.unknown else ""), "bad" if c.late else "")]
    return []


def _charts(report: Any, rep: Reports) -> list[dict[str, Any]]:
    """Chart specs for static/reports.js: kind bar | stack | line | pie, categories, series, unit."""
    if isinstance(report, AvailabilityReport):
        return [{"id": "chart-availability", "title": "各终端可用率", "kind": "bar", "unit": "%", "min": None,
                 "categories": [r.terminal_id for r in report.terminals],
                 "series": [{"name": "可用率", "data": [round(r.availability * 100, 2) for r in report.terminals]}]}]
    if isinstance(report, IncidentsReport):
        tiers = [t for t in report.tiers if t.deadline_s is not None]
        return [{"id": "chart-within", "title": "时限内恢复率", "kind": "bar", "unit": "%",
                 "categories": [t.label for t in tiers],
                 "series": [{"name": "时限内恢复率", "data": [None if t.within_share is None
                                                              else round(t.within_share * 100, 1) for t in tiers]}]},
                {"id": "chart-kinds", "title": "按设备类别（起）", "kind": "stack", "unit": "起",
                 "categories": [k.label for k in report.kinds],
                 "series": [{"name": t.label, "data": [k.by_tier.get(t.tier, 0) for k in report.kinds]}
                            for t in report.tiers]}]
    if isinstance(report, InspectionsReport):
        return [{"id": "chart-slots", "title": "每个时段的巡检（次）", "kind": "stack", "unit": "次",
                 "categories": [f"{x.day:%m-%d}{x.label}" for x in report.slots],
                 "series": [{"name": "按时", "data": [x.on_time for x in report.slots], "color": "#1d7a3a"},
                            {"name": "补检", "data": [x.late for x in report.slots], "color": "#c98a00"},
                            {"name": "漏检", "data": [x.missed for x in report.slots], "color": "#b3261e"}]}]
    if isinstance(report, PaperReport):
        rolls = [r for r in report.rolls if r.days_left is not None]
        return [{"id": "chart-rolls", "title": "各纸卷预计剩余天数", "kind": "bar", "unit": "天",
                 "categories": [f"{r.terminal_id}{r.label}" for r in rolls],
                 "series": [{"name": "剩余天数", "data": [round(r.days_left or 0.0, 2) for r in rolls]}],
                 "mark": {"value": 1, "name": "一天"}}] if rolls else []
    if isinstance(report, FeedbackReport):
        return [{"id": "chart-days", "title": "每日评价（条）", "kind": "stack", "unit": "条",
                 "categories": [f"{d:%m-%d}" for d, _n, _b in report.by_day],
                 "series": [{"name": "满意及以上", "data": [n - b for _d, n, b in report.by_day], "color": "#1d7a3a"},
                            {"name": "差评", "data": [b for _d, _n, b in report.by_day], "color": "#b3261e"}]},
                {"id": "chart-levels", "title": "评价等级", "kind": "pie", "unit": "条",
                 "categories": [domain.LEVEL_WORDS[lv] for lv in report.levels],
                 "colors": [LEVEL_COLOURS[lv] for lv in report.levels],
                 "series": [{"name": "评价", "data": list(report.levels.values())}]}]
    return []


def _people(svc: HallRuntime) -> dict[str, str]:
    """User name → display name: the inspection log keeps who signed by user name."""
    return {u.username: u.display_name or u.username for u in accounts.list_users(svc.sessions)}


def _tables(name: str, report: Any, rep: Reports, people: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for key, title in TABLES[name].items():
        header, rows = table_rows(report, key, rep.tz, people)
        out.append({"key": key, "title": title, "header": header, "rows": rows})
    return out


def _links(rep: Reports, p: Period) -> list[tuple[str, str, str]]:
    """Quick periods: (label, since, until)."""
    today = rep.now().astimezone(rep.tz).date()
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    last_month_end = first - timedelta(days=1)
    return [("近 7 天", (today - timedelta(days=6)).isoformat(), today.isoformat()),
            ("上周", (monday - timedelta(days=7)).isoformat(), (monday - timedelta(days=1)).isoformat()),
            ("本月", first.isoformat(), today.isoformat()),
            ("上月", last_month_end.replace(day=1).isoformat(), last_month_end.isoformat())]


def _page(request: Request, svc: HallRuntime, p: Principal, name: str, *, since: str, until: str) -> HTMLResponse:
    rep = _reports(svc)
    ctx: dict[str, Any] = {"name": name, "titles": TITLES, "since": since, "until": until, "error": "",
                           "period": None, "cards": [], "charts": [], "tables": [], "overview": [], "summary": "",
                           "links": []}
    status = 200
    try:
        period = rep.period(since, until)
    except ReportError as exc:
        ctx["error"], status = str(exc), 422
    else:
        ctx.update(period=period, since=period.since.isoformat(), until=period.until.isoformat(),
                   links=_links(rep, period))
        if name == "overview":
            overview = []
            for key, title in TITLES.items():
                overview.append({"key": key, "title": title, "cards": _cards(_compute(rep, key, period))})
            ctx["overview"] = overview
            with rep.core.sessions() as s:
                title, body = rep.summary_text(s, period)
            ctx["summary"] = {"title": title, "lines": body.splitlines(), "when": _when_words(rep.cfg.weekly_summary)}
        else:
            report = _compute(rep, name, period)
            ctx.update(cards=_cards(report), charts=_charts(report, rep),
                       tables=_tables(name, report, rep, _people(svc)))
    resp = page(request, "report.html", status_code=status, principal=p, nav="reports", **ctx)
    resp.headers["Content-Security-Policy"] = CSP
    return resp


def _when_words(setting: str) -> str:
    """``mon 08:00`` as people read it: 每周一 08:00; ``off``: empty."""
    if setting == "off":
        return ""
    day, hhmm = setting.split()
    return f"每周{domain.WEEKDAY_WORDS[domain.WEEKDAYS.index(day)]} {hhmm}"


# ---- pages --------------------------------------------------------------------------------------------
@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def overview(request: Request, svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "") -> HTMLResponse:
    return _page(request, svc, p, "overview", since=since, until=until)


def _report_page(name: str) -> None:
    def view(request: Request, svc: Svc, p: Viewer, since: DayQ = "", until: DayQ = "") -> HTMLResponse:
        return _page(request, svc, p, name, since=since, until=until)

    def csv(svc: Svc, _p: Viewer, table: TableQ = "", since: DayQ = "", until: DayQ = "") -> Response:
        rep = _reports(svc)
        key = table or next(iter(TABLES[name]))
        if key not in TABLES[name]:
            raise HTTPException(422, f"“{TITLES[name]}”没有表 {table[:40]!r}，可选："
                                     + "、".join(f"{k}（{v}）" for k, v in TABLES[name].items()))
        period = _period(rep, since, until)
        header, rows = table_rows(_compute(rep, name, period), key, rep.tz, _people(svc))
        filename = f"report-{name}-{key}-{period.since.isoformat()}-{period.until.isoformat()}.csv"
        return Response(domain.csv_text(header, rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    view.__name__, csv.__name__ = f"report_{name}", f"report_{name}_csv"
    router.add_api_route(f"/reports/{name}", view, methods=["GET"], response_class=HTMLResponse,
                         include_in_schema=False)
    router.add_api_route(f"/reports/{name}.csv", csv, methods=["GET"], response_class=Response,
                         summary=f"{TITLES[name]}（CSV）", tags=["reports"])


for _name in TITLES:
    _report_page(_name)


# ---- the JSON API -------------------------------------------------------------------------------------
def _api(name: str, model: type) -> None:
    def get(svc: Svc, _p: Viewer, since: DayQ = "", until: DayQ = "") -> Any:
        rep = _reports(svc)
        return _compute(rep, name, _period(rep, since, until))

    get.__name__ = f"api_report_{name}"
    router.add_api_route(f"/api/reports/{name}", get, methods=["GET"], response_model=model,
                         summary=TITLES[name], tags=["reports"])


for _name, _model in (("availability", AvailabilityReport), ("incidents", IncidentsReport),
                      ("inspections", InspectionsReport), ("paper", PaperReport), ("feedback", FeedbackReport)):
    _api(_name, _model)
