"""The reports (绩效考核): availability, incidents and time to restore, inspections, paper, ratings and
complaints, for any period of the hall's local days; and the weekly summary sent to the centre.

Everything is computed from what the hall already stores (docs/reports.md says how, and each
figure's limits): no table of its own. Each report is a frozen dataclass, the same for the page, the
CSV and the JSON API (:func:`table_rows` gives a report's tables as rows with Chinese headers).

- **Availability** per registered terminal: :func:`hall_server.domain.availability.downtime` (24 h a
  day; approved shutdowns out of the denominator; unapproved offline time counted and listed).
- **Incidents** opened in the period, per tier against its deadline (一般 30 min, 通讯/机械 24 h, from
  the fault table): the share restored within the deadline, p50/p90 of the time to restore
  (nearest rank), the worst ones, escalations, by device kind. Inspection incidents
  (``inspection.*``) are the inspection report's, warnings have no deadline: both are left out.
- **Inspections** due versus done per slot and per inspector, readiness confirmations per day,
  from the inspection log (:mod:`hall_server.inspections`): a slot is due for a terminal when the log
  holds a record or a miss for it.
- **Paper** per terminal and station from the roll changes (``printer.<station>.roll_replaced``,
  ``events_seen``) and the near-end / out incidents, with a days-to-empty forecast per roll.
- **Ratings and complaints**: volumes, the share of 差评, items, tags and categories; rectification
  on time (closed by its ``deadline``); complaints answered on time (the work orders' first answer
  against the due time it met, :func:`workorder_answers`).
"""

from __future__ import annotations

import csv
import io
import logging
import math
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_server.config import ReportsConfig
from hall_server.db import Alert, Complaint, ComplaintStep, EventSeen, Incident, IncidentLog, Terminal
from hall_server.domain import rating_stats
from hall_server.domain.availability import downtime, merge, minus, total
from hall_server.faults import Role, Tier
from hall_server.inspections import Inspection, InspectionMiss, Inspections, InspectionWatch, Readiness, Slot

log = logging.getLogger("zizhu.hall.reports")

MAX_DAYS = 366  # the longest period one report covers
YEARS = (2000, 2100)  # a date outside is a typing error, not a period
WORST = 10  # the worst incidents listed
SUMMARY_KIND = "weekly_summary"  # the kind of the weekly summary's alert row: what makes it once a week
SUMMARY_GRACE = timedelta(hours=24)  # a hall down at the summary's time sends it when back, within this
DAY = timedelta(days=1)

TIERS = (Tier.GENERAL, Tier.COMMS_MECHANICAL, Tier.SYSTEM)
LEVEL_WORDS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
KIND_LABELS = {"printer": "打印机", "a4printer": "A4 打印机", "idcard": "身份证阅读器", "camera": "摄像头",
               "locker": "智能柜", "host": "主机（电源、网络、磁盘）", "app": "自助终端程序", "terminal": "终端离线",
               "hall": "全大厅"}
STATION_LABELS = {"receipt": "凭条纸", "journal": "流水纸"}
STATIONS = ("receipt", "journal")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_WORDS = "一二三四五六日"


class ReportError(ValueError):
    """A period that cannot be reported: the message says why, in Chinese."""


# ---- the period -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """Whole local days ``since``..``until`` (inclusive); ``start``/``end`` in UTC, ``end`` not after now."""

    since: date
    until: date
    start: datetime
    end: datetime

    @property
    def days(self) -> list[date]:
        return [self.since + timedelta(days=i) for i in range((self.until - self.since).days + 1)]

    @property
    def label(self) -> str:
        return f"{self.since.isoformat()} 至 {self.until.isoformat()}"


def local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tz).astimezone(UTC)


def make_period(since: date, until: date, tz: tzinfo, now: datetime) -> Period:
    for d, what in ((since, "开始日期"), (until, "结束日期")):
        if not YEARS[0] <= d.year <= YEARS[1]:
            raise ReportError(f"{what} {d.isoformat()} 的年份不合理，应在 {YEARS[0]} 至 {YEARS[1]} 年之间")
    if until < since:
        raise ReportError(f"结束日期 {until.isoformat()} 早于开始日期 {since.isoformat()}")
    if (until - since).days + 1 > MAX_DAYS:
        raise ReportError(f"一次最多统计 {MAX_DAYS} 天，所选为 {(until - since).days + 1} 天")
    today = now.astimezone(tz).date()
    if until > today:
        raise ReportError(f"结束日期 {until.isoformat()} 晚于今天（{today.isoformat()}），尚无数据")
    start = local_midnight(since, tz)
    end = min(local_midnight(until + timedelta(days=1), tz), max(now, start))
    return Period(since=since, until=until, start=start, end=end)


def parse_period(since: str, until: str, tz: tzinfo, now: datetime) -> Period:
    """From the query string (``YYYY-MM-DD``, empty for the default: the last 7 days up to today)."""
    today = now.astimezone(tz).date()

    def day(text: str, default: date, what: str) -> date:
        text = (text or "").strip()
        if not text:
            return default
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ReportError(f"{what}“{text[:20]}”格式不对，应为 年-月-日（如 2026-03-02）") from None

    b = day(until, today, "结束日期")
    a = day(since, b - timedelta(days=6), "开始日期")
    return make_period(a, b, tz, now)


# ---- small figures --------------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest rank: the smallest value with at least ``p`` % of the values at or below it."""
    if not values:
        return None
    xs = sorted(values)
    return xs[max(1, math.ceil(p / 100 * len(xs))) - 1]


def share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def pct(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{x * 100:.{digits}f}%"


def duration_words(seconds: float | None) -> str:
    """``3 小时 5 分钟``, ``2 天 4 小时``; under a minute ``45 秒``."""
    if seconds is None:
        return "—"
    s = round(seconds)
    if s < 60:
        return f"{s} 秒"
    minutes = s // 60
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    if hours:
        return f"{hours} 小时 {mins} 分钟" if mins else f"{hours} 小时"
    return f"{mins} 分钟"


# ---- availability -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutageRow:
    terminal_id: str
    incident_id: int
    start: datetime
    end: datetime
    restored: bool
    down_s: float


@dataclass(frozen=True)
class AvailabilityRow:
    terminal_id: str
    name: str
    span_s: float
    planned_s: float
    down_s: float
    outages: int
    availability: float


@dataclass(frozen=True)
class AvailabilityReport:
    period: Period
    terminals: tuple[AvailabilityRow, ...]
    outages: tuple[OutageRow, ...]
    average: float | None  # over the terminals, each counting once
    down_s: float


# ---- incidents --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TierRow:
    tier: str
    label: str
    deadline_s: float | None
    opened: int
    restored: int
    within: int  # restored by the deadline
    late: int  # restored after it, or still open past it
    pending: int  # still open, deadline not reached (or none)
    within_share: float | None  # within / (within + late)
    p50_s: float | None
    p90_s: float | None
    escalated: int  # incidents escalated at least once


@dataclass(frozen=True)
class IncidentRow:
    incident_id: int
    scope: str
    fault_code: str
    title: str
    tier: str
    tier_label: str
    kind: str
    opened_at: datetime
    resolved_at: datetime | None
    restore_s: float  # to now when not restored yet
    deadline_s: float | None
    within: bool | None  # None: not due yet / no deadline
    escalations: int


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    opened: int
    by_tier: dict[str, int]
    restored: int
    p50_s: float | None


@dataclass(frozen=True)
class EscalationRow:
    incident_id: int
    at: datetime
    scope: str
    title: str
    tier: str
    tier_label: str
    detail: str  # who it went from and to, for people


@dataclass(frozen=True)
class IncidentsReport:
    period: Period
    tiers: tuple[TierRow, ...]
    worst: tuple[IncidentRow, ...]
    kinds: tuple[KindRow, ...]
    escalations: tuple[EscalationRow, ...]
    warnings: int  # warnings opened (no deadline): counted, not measured


# ---- inspections ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SlotRow:
    day: date
    slot: str
    label: str
    due: int
    on_time: int
    late: int
    missed: int
    pending: int  # the slot is still open: not signed yet, not missed yet


@dataclass(frozen=True)
class InspectorRow:
    inspector: str
    signed: int
    late: int
    failed: int  # records that found something wrong
    corrections: int


@dataclass(frozen=True)
class ReadinessRow:
    day: date
    terminals: int
    confirmed: int
    by: dict[str, int]


@dataclass(frozen=True)
class InspectionsReport:
    period: Period
    slots: tuple[SlotRow, ...]
    inspectors: tuple[InspectorRow, ...]
    readiness: tuple[ReadinessRow, ...]
    due: int
    on_time: int
    late: int
    missed: int


# ---- paper ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PaperDay:
    terminal_id: str
    station: str
    day: date
    rolls_loaded: int
    near_end: int
    out: int
    out_s: float  # time without paper that day


@dataclass(frozen=True)
class RollForecast:
    terminal_id: str
    station: str
    label: str
    loaded_at: datetime | None
    near_end_at: datetime | None
    out_at: datetime | None
    expected_out: datetime | None
    days_left: float | None
    basis: str  # how the forecast was made, for people
    rolls_per_day: float | None  # the typical consumption, 1 / a roll's life in days


@dataclass(frozen=True)
class PaperReport:
    period: Period
    days: tuple[PaperDay, ...]
    rolls: tuple[RollForecast, ...]
    loaded: int


# ---- ratings and complaints --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    total: int
    bad: int
    bad_share: float | None


@dataclass(frozen=True)
class OnTime:
    total: int
    on_time: int
    late: int  # closed after the deadline, or open past it
    pending: int  # open, not due yet
    unknown: int  # closed, but when is not known (complaints until the work-order steps record it)
    share: float | None  # on_time / (on_time + late)


@dataclass(frozen=True)
class FeedbackReport:
    period: Period
    ratings: int
    bad: int
    bad_share: float | None
    levels: dict[int, int]
    by_item: tuple[CountRow, ...]
    by_terminal: tuple[CountRow, ...]
    tags: dict[str, int]
    by_day: tuple[tuple[date, int, int], ...]  # (day, ratings, bad)
    rectification: OnTime
    complaints: int
    categories: dict[str, int]
    complaint_answers: OnTime


# ---- the complaint answers: where the work-order steps plug in -----------------------------------------------
class ComplaintAnswers(Protocol):
    """When each complaint was answered (已答复) and by when it was due (its deadline after any extension).

    Until the complaint work orders record their steps, the hall knows only ``due_at`` and the state:
    :func:`stored_answers` says "answered, time unknown" for one past 已受理.
    """

    def __call__(self, s: Session, complaints: Sequence[Complaint]) -> Mapping[str, tuple[datetime | None, datetime]]:
        """complaint id → (answered at or None when not answered / not known, due at)."""
        ...


ANSWERED_UNKNOWN = datetime.min.replace(tzinfo=UTC)  # answered, but the time is not recorded


def workorder_answers(s: Session, complaints: Sequence[Complaint]) -> Mapping[str, tuple[datetime | None, datetime]]:
    """From the work orders' steps (docs/workorders.md): the first answer (答复) of each, with the due time it
    met or missed (after any extension); one not answered yet is due at its due time now."""
    ids = [c.id for c in complaints]
    first: dict[str, tuple[datetime | None, datetime]] = {}
    if ids:
        for st in s.scalars(select(ComplaintStep).where(ComplaintStep.complaint_id.in_(ids),
                                                        ComplaintStep.action == "answered")
                            .order_by(ComplaintStep.at, ComplaintStep.id)):
            if st.complaint_id not in first and st.due_at is not None:
                first[st.complaint_id] = (st.at, st.due_at)
    return {c.id: first.get(c.id, (None, c.due_at)) for c in complaints}


def stored_answers(s: Session, complaints: Sequence[Complaint]) -> Mapping[str, tuple[datetime | None, datetime]]:
    """What the complaints table allows: a work order past 已受理 is answered at an unknown time."""
    return {c.id: (None if c.state == "已受理" else ANSWERED_UNKNOWN, c.due_at) for c in complaints}


# ---- the reports --------------------------------------------------------------------------------------------
class Core(Protocol):
    @property
    def hall(self) -> str: ...
    @property
    def table(self) -> Any: ...
    @property
    def sessions(self) -> Any: ...
    @property
    def clock(self) -> Any: ...
    @property
    def settings(self) -> Any: ...

    def add_tick(self, fn: Callable[[Any], None]) -> None: ...


class Reports:
    """The reports of one hall (see the module's docstring); every figure read from ``s``."""

    def __init__(self, core: Core, inspections: Inspections, cfg: ReportsConfig | None = None,
                 answers: ComplaintAnswers = workorder_answers) -> None:
        self.core = core
        self.hall = core.hall
        self.inspections = inspections
        self.tz: tzinfo = ZoneInfo(inspections.cfg.timezone)
        self.cfg = cfg or ReportsConfig()
        self.answers = answers
        self._summary_done: datetime | None = None  # the scheduled moment already handled

    def now(self) -> datetime:
        return self.core.clock.now()  # type: ignore[no-any-return]

    def period(self, since: str = "", until: str = "") -> Period:
        return parse_period(since, until, self.tz, self.now())

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)

    def _terminals(self, s: Session) -> list[Terminal]:
        return list(s.scalars(select(Terminal).where(Terminal.hall == self.hall, Terminal.registered.is_(True))
                              .order_by(Terminal.id)))

    # ---- availability ---------------------------------------------------------------------------
    def availability(self, s: Session, p: Period) -> AvailabilityReport:
        rows, outages = [], []
        for t in self._terminals(s):
            d = downtime(s, self.hall, t.id, p.start, p.end)
            rows.append(AvailabilityRow(terminal_id=t.id, name=t.name, span_s=d.span.total_seconds(),
                                        planned_s=d.planned.total_seconds(), down_s=d.down.total_seconds(),
                                        outages=len(d.outages), availability=d.share))
            outages += [OutageRow(terminal_id=t.id, incident_id=o.incident_id, start=o.start, end=o.end,
                                  restored=o.restored, down_s=o.down.total_seconds()) for o in d.outages]
        avg = sum(r.availability for r in rows) / len(rows) if rows and p.end > p.start else None
        outages.sort(key=lambda o: (o.start, o.terminal_id))
        return AvailabilityReport(period=p, terminals=tuple(rows), outages=tuple(outages), average=avg,
                                  down_s=sum(r.down_s for r in rows))

    # ---- incidents --------------------------------------------------------------------------------
    def _kinds(self, s: Session) -> dict[tuple[str, str], str]:
        """(terminal, device name) → device kind, from each terminal's newest snapshot."""
        out: dict[tuple[str, str], str] = {}
        for t in s.scalars(select(Terminal).where(Terminal.hall == self.hall)):
            for d in ((t.last_status or {}).get("status") or {}).get("devices") or []:
                if isinstance(d, dict) and isinstance(d.get("name"), str) and isinstance(d.get("kind"), str):
                    out[(t.id, d["name"])] = d["kind"]
        return out

    @staticmethod
    def kind_of(scope: str, code: str, kinds: Mapping[tuple[str, str], str]) -> str:
        first = code.split(".", 1)[0]
        if (scope, first) in kinds:
            return kinds[(scope, first)]
        return next((k for k in KIND_LABELS if first.startswith(k)), first)

    def incidents(self, s: Session, p: Period) -> IncidentsReport:
        rows = list(s.scalars(select(Incident).where(
            Incident.hall == self.hall, Incident.opened_at >= p.start, Incident.opened_at < p.end)
            .order_by(Incident.opened_at, Incident.id)))
        measured = [i for i in rows if _measured(i)]
        kinds = self._kinds(s)
        esc = list(s.execute(select(IncidentLog, Incident).join(Incident, Incident.id == IncidentLog.incident_id).where(
            Incident.hall == self.hall, IncidentLog.action == "escalated", IncidentLog.at >= p.start,
            IncidentLog.at < p.end).order_by(IncidentLog.at, IncidentLog.id)))
        now = self.now()
        items = [self._incident_row(i, now, kinds) for i in measured]
        tiers = []
        for tier in TIERS:
            mine = [r for r in items if r.tier == tier.value]
            rule = self.core.table.tiers[tier]
            restored = [r.restore_s for r in mine if r.resolved_at is not None]
            within = sum(r.within is True for r in mine)
            late = sum(r.within is False for r in mine)
            tiers.append(TierRow(
                tier=tier.value, label=rule.title, deadline_s=rule.deadline.total_seconds() if rule.deadline else None,
                opened=len(mine), restored=len(restored), within=within, late=late,
                pending=sum(r.within is None for r in mine), within_share=share(within, within + late),
                p50_s=percentile(restored, 50), p90_s=percentile(restored, 90),
                escalated=sum(r.escalations > 0 for r in mine)))
        by_kind: dict[str, list[IncidentRow]] = defaultdict(list)
        for r in items:
            by_kind[r.kind].append(r)
        kind_rows = tuple(sorted((KindRow(
            kind=k, label=KIND_LABELS.get(k, k), opened=len(v), by_tier=dict(Counter(r.tier for r in v)),
            restored=sum(r.resolved_at is not None for r in v),
            p50_s=percentile([r.restore_s for r in v if r.resolved_at is not None], 50)) for k, v in by_kind.items()),
            key=lambda k: (-k.opened, k.kind)))
        worst = tuple(sorted(items, key=lambda r: (-r.restore_s, r.incident_id))[:WORST])
        escalations = tuple(EscalationRow(incident_id=inc.id, at=line.at, scope=inc.scope, title=inc.title,
                                          tier=inc.tier, tier_label=self._tier_label(inc.tier),
                                          detail=_escalation_words(line.detail)) for line, inc in esc
                            if _measured(inc))
        return IncidentsReport(period=p, tiers=tuple(tiers), worst=worst, kinds=kind_rows, escalations=escalations,
                               warnings=sum(i.tier == Tier.WARNING and not i.fault_code.startswith("inspection.")
                                                for i in rows))

    def _tier_label(self, tier: str) -> str:
        try:
            return str(self.core.table.tiers[Tier(tier)].title)
        except (ValueError, KeyError):
            return tier

    def _incident_row(self, i: Incident, now: datetime, kinds: Mapping[tuple[str, str], str]) -> IncidentRow:
        """An incident of the period as known now: restored when it was, or still open and measured to now."""
        restored = i.resolved_at is not None
        end = i.resolved_at if i.resolved_at is not None else now
        deadline_s = (i.deadline - i.opened_at).total_seconds() if i.deadline is not None else None
        within: bool | None
        if i.deadline is None:
            within = None
        elif restored:
            within = end <= i.deadline
        else:
            within = False if now > i.deadline else None
        return IncidentRow(incident_id=i.id, scope=i.scope, fault_code=i.fault_code, title=i.title, tier=i.tier,
                           tier_label=self._tier_label(i.tier),
                           kind=self.kind_of(i.scope, i.fault_code, kinds), opened_at=i.opened_at,
                           resolved_at=i.resolved_at,
                           restore_s=(end - i.opened_at).total_seconds(), deadline_s=deadline_s, within=within,
                           escalations=i.escalation_level)

    # ---- inspections ------------------------------------------------------------------------------
    def inspection_figures(self, s: Session, p: Period) -> InspectionsReport:
        log_ = self.inspections
        recs = list(s.scalars(select(Inspection).where(
            Inspection.hall == self.hall, Inspection.day >= p.since, Inspection.day <= p.until)
            .order_by(Inspection.id)))
        misses = list(s.scalars(select(InspectionMiss).where(
            InspectionMiss.hall == self.hall, InspectionMiss.day >= p.since, InspectionMiss.day <= p.until)))
        originals = [r for r in recs if r.corrects_id is None]
        now = self.now()
        registered = [t.id for t in self._terminals(s)]
        slots = []
        for day in p.days:
            for slot in Slot:
                _start, end = log_.window(day, slot)
                done = {r.terminal_id: r for r in originals if r.day == day and r.slot == slot.value}
                missed = {m.terminal_id for m in misses if m.day == day and m.slot == slot.value}
                late = {t for t, r in done.items() if r.signed_at > end}
                pending = 0 if now >= end else sum(t not in done for t in registered)
                slots.append(SlotRow(day=day, slot=slot.value, label=slot.label,
                                     due=len(set(done) | missed) + pending, on_time=len(set(done) - late),
                                     late=len(late), missed=len(missed - set(done)), pending=pending))
        people: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for r in recs:
            row = people[r.inspector]
            if r.corrects_id is None:
                row[0] += 1
                row[1] += r.signed_at > log_.window(r.day, Slot(r.slot))[1]
                row[2] += r.result == "fail"
            else:
                row[3] += 1
        inspectors = tuple(InspectorRow(inspector=k, signed=v[0], late=v[1], failed=v[2], corrections=v[3])
                           for k, v in sorted(people.items(), key=lambda kv: (-kv[1][0], kv[0])))
        ready_rows = list(s.scalars(select(Readiness).where(
            Readiness.hall == self.hall, Readiness.day >= p.since, Readiness.day <= p.until).order_by(Readiness.id)))
        corrected = {r.corrects_id for r in ready_rows}
        watch = s.get(InspectionWatch, self.hall)
        began = self.local(watch.since).date() if watch is not None else None
        readiness = []
        for day in p.days:
            heads = {r.terminal_id: r for r in ready_rows if r.day == day and r.id not in corrected and r.ready}
            expected = len(registered) if began is not None and day >= began else len(heads)
            readiness.append(ReadinessRow(day=day, terminals=expected, confirmed=len(heads),
                                          by=dict(Counter(r.confirmed_by for r in heads.values()))))
        return InspectionsReport(period=p, slots=tuple(slots), inspectors=inspectors, readiness=tuple(readiness),
                                 due=sum(x.due - x.pending for x in slots), on_time=sum(x.on_time for x in slots),
                                 late=sum(x.late for x in slots), missed=sum(x.missed for x in slots))

    # ---- paper --------------------------------------------------------------------------------------
    def paper(self, s: Session, p: Period) -> PaperReport:
        now = self.now()
        terminals = self._terminals(s)
        ids = [t.id for t in terminals]
        loads: dict[tuple[str, str], list[datetime]] = defaultdict(list)
        for e in s.scalars(select(EventSeen).where(EventSeen.terminal_id.in_(ids), EventSeen.action == "occurred")
                           .order_by(EventSeen.occurred_at)):
            parts = e.fault.split(".")
            if len(parts) == 3 and parts[2] == "roll_replaced" and parts[1] in STATIONS:
                loads[(e.terminal_id, parts[1])].append(e.occurred_at)
        marks: dict[tuple[str, str, str], list[Incident]] = defaultdict(list)
        for inc in s.scalars(select(Incident).where(Incident.hall == self.hall, Incident.scope.in_(ids),
                                                    Incident.fault_code.like("%.paper_%"))
                             .order_by(Incident.opened_at)):
            parts = inc.fault_code.split(".")
            if len(parts) == 3 and parts[1] in STATIONS and parts[2] in ("paper_near_end", "paper_out"):
                marks[(inc.scope, parts[1], parts[2])].append(inc)
        rolls = {key: self._rolls(loads.get(key, []), marks.get((*key, "paper_near_end"), []),
                                  marks.get((*key, "paper_out"), []), now)
                 for key in ((t, st) for t in ids for st in STATIONS)}
        # a station the terminal never spoke of (no roll, no mark) is not on the report
        rolls = {k: v for k, v in rolls.items() if v}
        hall_life: dict[str, list[float]] = {st: [life for (_t, s2), rs in rolls.items() if s2 == st
                                                  for r in rs if (life := r.life_out) is not None]
                                             for st in STATIONS}
        hall_tail: dict[str, list[float]] = {st: [tail for (_t, s2), rs in rolls.items() if s2 == st
                                                  for r in rs if (tail := r.tail) is not None]
                                             for st in STATIONS}
        days: list[PaperDay] = []
        forecasts: list[RollForecast] = []
        for (tid, st), rs in sorted(rolls.items()):
            outs = [(i.opened_at, i.resolved_at or now) for i in marks.get((tid, st, "paper_out"), [])]
            for day in p.days:
                a = local_midnight(day, self.tz)
                b = min(local_midnight(day + DAY, self.tz), p.end)
                if b <= a:
                    continue
                days.append(PaperDay(
                    terminal_id=tid, station=st, day=day,
                    rolls_loaded=sum(a <= x < b for x in loads.get((tid, st), [])),
                    near_end=sum(a <= i.opened_at < b for i in marks.get((tid, st, "paper_near_end"), [])),
                    out=sum(a <= i.opened_at < b for i in marks.get((tid, st, "paper_out"), [])),
                    out_s=total(minus(merge((max(x, a), min(y, b)) for x, y in outs), [])).total_seconds()))
            forecasts.append(self._forecast((tid, st), rs, hall_life[st], hall_tail[st], now))
        return PaperReport(period=p, days=tuple(days), rolls=tuple(forecasts),
                           loaded=sum(d.rolls_loaded for d in days))

    @staticmethod
    def _rolls(loads: Sequence[datetime], near: Sequence[Incident], out: Sequence[Incident],
               now: datetime) -> list[_Roll]:
        """The rolls one station has had: each from its load to the next (the last one still in)."""
        if not loads and not near and not out:
            return []
        bounds = [None, *loads]  # a roll before the first known load: its start is unknown
        rolls = []
        for k, start in enumerate(bounds):
            stop = bounds[k + 1] if k + 1 < len(bounds) else None
            lo = start or datetime.min.replace(tzinfo=UTC)
            hi = stop or now + timedelta(days=36500)

            def first(xs: Sequence[Incident], lo: datetime = lo, hi: datetime = hi) -> Incident | None:
                return next((i for i in xs if lo <= i.opened_at < hi), None)

            n, o = first(near), first(out)
            if start is None and n is None and o is None:
                continue  # nothing before the first load
            rolls.append(_Roll(loaded=start, near_end=n.opened_at if n else None, out=o.opened_at if o else None,
                               out_open=o is not None and (o.resolved_at is None or o.resolved_at > now)))
        return rolls

    def _forecast(self, key: tuple[str, str], rolls: Sequence[_Roll], hall_life: Sequence[float],
                  hall_tail: Sequence[float], now: datetime) -> RollForecast:
        tid, st = key
        cur = rolls[-1]
        done = [r for r in rolls[:-1]][-5:]
        own_life = [x for r in done if (x := r.life_out) is not None]
        own_tail = [x for r in done if (x := r.tail) is not None]
        life, life_basis = (own_life, f"本机近 {len(own_life)} 卷") if own_life else (
            list(hall_life), f"全厅 {len(hall_life)} 卷")
        tail, tail_basis = (own_tail, f"本机近 {len(own_tail)} 卷") if own_tail else (
            list(hall_tail), f"全厅 {len(hall_tail)} 卷")
        life_s = percentile(life, 50) if life else None
        tail_s = percentile(tail, 50) if tail else None
        expected: datetime | None = None
        if cur.out is not None and cur.out_open:
            expected, basis = cur.out, "已用完，请立即换纸"
        elif cur.out is not None:
            basis = "本卷曾用完后恢复（未记录换纸），无法预测，请换纸后在终端维护界面确认"
        elif cur.near_end is not None and tail_s is not None:
            expected = cur.near_end + timedelta(seconds=tail_s)
            basis = f"已报将尽；按{tail_basis}从将尽到用完的中位时长 {duration_words(tail_s)}"
        elif cur.near_end is not None:
            basis = "已报将尽；尚无从将尽到用完的记录，无法估计剩余时间，请尽快换纸"
        elif cur.loaded is None:
            basis = "没有换纸记录（终端维护界面确认换纸后开始预测）"
        elif life_s is not None:
            expected = cur.loaded + timedelta(seconds=life_s)
            basis = f"按{life_basis}从换纸到用完的中位时长 {duration_words(life_s)}"
        else:
            basis = "尚无用完的纸卷记录，积累一卷后开始预测"
        days_left = None if expected is None else max(0.0, (expected - now) / DAY)
        return RollForecast(terminal_id=tid, station=st, label=STATION_LABELS[st], loaded_at=cur.loaded,
                            near_end_at=cur.near_end, out_at=cur.out, expected_out=expected, days_left=days_left,
                            basis=basis, rolls_per_day=(DAY.total_seconds() / life_s) if life_s else None)

    # ---- ratings and complaints ---------------------------------------------------------------------
    def feedback(self, s: Session, p: Period) -> FeedbackReport:
        """The ratings as the ratings' own counts have them (:mod:`hall_server.domain.rating_stats`, the one
        home of those figures), the rectification cases' timeliness, and the complaints."""
        now = self.now()  # the period's cases as known now: closed when they were, or open and overdue now
        st = rating_stats.summary(s, self.hall, self.tz, p.since, p.until, now=now)

        def row(x: rating_stats.Series) -> CountRow:
            return CountRow(key=x.key, label=x.name, total=x.total.count, bad=x.total.bad, bad_share=x.total.bad_share)

        c = st.cases
        on, late = c.closed - c.closed_late, c.closed_late + c.overdue
        rect = OnTime(total=c.total, on_time=on, late=late, pending=c.open - c.overdue, unknown=0,
                      share=share(on, on + late))
        complaints = list(s.scalars(select(Complaint).where(
            Complaint.hall == self.hall, Complaint.filed_at >= p.start, Complaint.filed_at < p.end)
            .order_by(Complaint.filed_at)))
        answers = self.answers(s, complaints)
        comp = on_time([answers.get(c.id, (None, c.due_at)) for c in complaints], now)
        return FeedbackReport(
            period=p, ratings=st.total.count, bad=st.total.bad, bad_share=st.total.bad_share,
            levels={lv: st.total.levels[lv - 1] for lv in (5, 4, 3, 2, 1)},
            by_item=tuple(row(x) for x in st.items), by_terminal=tuple(row(x) for x in st.terminals),
            tags={t.tag: t.bad for t in sorted(st.tags, key=lambda t: (-t.bad, t.tag)) if t.bad},
            by_day=tuple((d, t.count, t.bad) for d, t in zip(st.dates, st.days, strict=True)),
            rectification=rect, complaints=len(complaints),
            categories=dict(sorted(Counter(c.category for c in complaints).items(), key=lambda kv: (-kv[1], kv[0]))),
            complaint_answers=comp)

    # ---- the weekly summary ---------------------------------------------------------------------------
    def summary_moment(self, now: datetime) -> datetime | None:
        """The newest scheduled moment of the weekly summary at or before ``now`` (None: switched off)."""
        if self.cfg.weekly_summary == "off":
            return None
        wd, hhmm = self.cfg.weekly_summary.split()
        at = time.fromisoformat(hhmm)
        local = now.astimezone(self.tz)
        day = local.date() - timedelta(days=(local.weekday() - WEEKDAYS.index(wd)) % 7)
        moment = datetime.combine(day, at, self.tz)
        if moment > local:
            moment = datetime.combine(day - timedelta(days=7), at, self.tz)
        return moment.astimezone(UTC)

    def summary_period(self, moment: datetime) -> Period:
        """The seven whole local days before the summary's day."""
        last = moment.astimezone(self.tz).date() - DAY
        return make_period(last - timedelta(days=6), last, self.tz, moment)

    def summary_text(self, s: Session, p: Period) -> tuple[str, str]:
        """(title, body) of the summary of ``p``: short Chinese lines of the key figures."""
        name = self.core.settings.hall_name or self.hall
        av = self.availability(s, p)
        inc = self.incidents(s, p)
        ins = self.inspection_figures(s, p)
        pap = self.paper(s, p)
        fb = self.feedback(s, p)
        lines = []
        if av.terminals:
            low = min(av.terminals, key=lambda r: (r.availability, r.terminal_id))
            lines.append(f"可用率：平均 {pct(av.average)}，最低 {low.terminal_id} {pct(low.availability)}；"
                         f"未经批准离线 {len(av.outages)} 次，共 {duration_words(av.down_s)}")
        tiers = "，".join(f"{t.label} {t.opened} 起" + (f"（时限内恢复 {pct(t.within_share, 0)}）"
                                                      if t.within_share is not None else "") for t in inc.tiers)
        escalated = sum(t.escalated for t in inc.tiers)
        lines.append(f"故障：{tiers}；升级 {escalated} 起")
        ready = sum(r.confirmed for r in ins.readiness)
        ready_due = sum(r.terminals for r in ins.readiness)
        lines.append(f"巡检：应检 {ins.due} 次，按时 {ins.on_time}，补检 {ins.late}，漏检 {ins.missed}；"
                     f"投入运行确认 {ready}/{ready_due}")
        soon = sorted((r for r in pap.rolls if r.days_left is not None and r.days_left < 3),
                      key=lambda r: (r.days_left or 0.0, r.terminal_id))
        if soon:
            lines.append("纸卷：" + "，".join(f"{r.terminal_id} {r.label}" + (
                "已用完" if r.days_left == 0 else f"约 {r.days_left:.1f} 天后用完") for r in soon[:5]))
        lines.append(f"好差评：{fb.ratings} 条，差评 {fb.bad} 条（{pct(fb.bad_share)}）；"
                     f"整改按时 {fb.rectification.on_time}/{fb.rectification.on_time + fb.rectification.late}")
        answered = fb.complaint_answers
        lines.append(f"投诉：{fb.complaints} 件，逾期未答复 {answered.late} 件")
        title = f"【周报】{name} {p.since:%m-%d} 至 {p.until:%m-%d}"
        return title, "\n".join(lines)

    def tick(self, u: Any) -> None:
        """Once a week at ``[reports] weekly_summary``: the summary to the centre, as an alert row of kind
        ``weekly_summary`` (its title names the week: a restart never sends it twice). A hall that was not
        running at that time sends it when it is back, within :data:`SUMMARY_GRACE`; a week before any
        terminal of the hall reported is not summarised."""
        moment = self.summary_moment(u.now)
        if moment is None or moment == self._summary_done:
            return
        prev = self._summary_done
        self._summary_done = moment
        u.undo.append(lambda: setattr(self, "_summary_done", prev))
        if u.now - moment > SUMMARY_GRACE:
            log.info("weekly summary of %s not sent: the hall was not running within %s of it", moment, SUMMARY_GRACE)
            return
        p = self.summary_period(moment)
        first = u.s.scalars(select(func.min(Terminal.first_seen)).where(Terminal.hall == self.hall)).first()
        if first is None or first >= p.end:
            log.info("weekly summary of %s not sent: no terminal of this hall reported before %s", p.label, p.end)
            return
        title, body = self.summary_text(u.s, p)
        sent = u.s.scalars(select(Alert.id).where(Alert.kind == SUMMARY_KIND, Alert.title == title).limit(1)).first()
        if sent is not None:
            return
        a = Alert(incident_id=None, role=Role.CENTRE.value, kind=SUMMARY_KIND, title=title, body=body,
                  created_at=u.now, due_at=u.now, status="sending", attempts=0, error="")
        u.s.add(a)
        u.s.flush()
        u.alerts.append(a.id)
        log.info("weekly summary %s handed to the centre's alert channels", title)


@dataclass(frozen=True)
class _Roll:
    loaded: datetime | None
    near_end: datetime | None
    out: datetime | None
    out_open: bool

    @property
    def life_out(self) -> float | None:
        """Seconds from load to out, for a roll whose load is known and that ran out."""
        if self.loaded is None or self.out is None:
            return None
        return (self.out - self.loaded).total_seconds()

    @property
    def tail(self) -> float | None:
        """Seconds from near end to out."""
        if self.near_end is None or self.out is None or self.out < self.near_end:
            return None
        return (self.out - self.near_end).total_seconds()


def _escalation_words(detail: str) -> str:
    """The core's log line (``超过时限 <ISO>，admin → maintenance``) as people read it: 大厅管理员 → 运维."""
    _, _, roles = detail.rpartition("，")
    a, arrow, b = roles.partition(" → ")
    try:
        return f"超过时限，{Role(a.strip()).label} → {Role(b.strip()).label}" if arrow else detail
    except ValueError:
        return detail


def _measured(i: Incident) -> bool:
    """An incident of a device or the hall with a deadline rule: not a warning, not the inspection log's."""
    return i.tier != Tier.WARNING and not i.fault_code.startswith("inspection.")


def on_time(cases: Iterable[tuple[datetime | None, datetime]], now: datetime) -> OnTime:
    """Cases as (closed at or None, deadline): on time, late (closed late or open past it), pending."""
    n = ok = late = pending = unknown = 0
    for closed, deadline in cases:
        n += 1
        if closed is ANSWERED_UNKNOWN:
            unknown += 1
        elif closed is not None:
            ok += closed <= deadline
            late += closed > deadline
        elif now > deadline:
            late += 1
        else:
            pending += 1
    return OnTime(total=n, on_time=ok, late=late, pending=pending, unknown=unknown, share=share(ok, ok + late))


# ---- tables: what the CSV and the printed page show ---------------------------------------------------------
def _t(at: datetime | None, tz: tzinfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if at else ""


def _h(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 3600:.2f}"


def _m(seconds: float | None, digits: int = 1) -> str:
    return "" if seconds is None else f"{seconds / 60:.{digits}f}"


TABLES: dict[str, dict[str, str]] = {
    "availability": {"terminals": "各终端可用率", "outages": "未经批准的离线"},
    "incidents": {"tiers": "各级故障恢复", "worst": "恢复最慢的故障", "kinds": "按设备类别", "escalations": "升级记录"},
    "inspections": {"slots": "各时段巡检", "inspectors": "巡检人", "readiness": "投入运行确认"},
    "paper": {"rolls": "纸卷预测", "days": "每日用纸"},
    "feedback": {"items": "各事项评价", "terminals": "各终端评价", "days": "每日评价", "summary": "汇总"},
}


def table_rows(report: Any, table: str, tz: tzinfo,
               people: Mapping[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of one table of a report, as the CSV has them (Chinese headers, plain text);
    ``people``: user name → the name people know (an inspector shows as 李强（li）)."""

    def who(user: str) -> str:
        shown = (people or {}).get(user, "")
        return f"{shown}（{user}）" if shown and shown != user else user

    if isinstance(report, AvailabilityReport):
        if table == "terminals":
            return (["终端", "名称", "统计时长（小时）", "批准停机（小时）", "未经批准离线（小时）", "离线次数",
                     "可用率"],
                    [[r.terminal_id, r.name, _h(r.span_s), _h(r.planned_s), _h(r.down_s), str(r.outages),
                      pct(r.availability, 2)] for r in report.terminals])
        if table == "outages":
            return (["终端", "工单", "离线开始", "离线结束", "是否恢复", "计入时长（小时）"],
                    [[o.terminal_id, f"#{o.incident_id}", _t(o.start, tz), _t(o.end, tz),
                      "已恢复" if o.restored else "期末仍离线", _h(o.down_s)] for o in report.outages])
    if isinstance(report, IncidentsReport):
        if table == "tiers":
            return (["级别", "时限（分钟）", "发生", "已恢复", "时限内恢复", "超时", "未到时限", "时限内恢复率",
                     "恢复时长中位数（分钟）", "恢复时长P90（分钟）", "升级"],
                    [[t.label, _m(t.deadline_s, 0), str(t.opened), str(t.restored), str(t.within), str(t.late),
                      str(t.pending), pct(t.within_share), _m(t.p50_s), _m(t.p90_s), str(t.escalated)]
                     for t in report.tiers])
        if table == "worst":
            return (["工单", "终端", "故障", "代码", "级别", "发生时间", "恢复时间", "恢复时长（分钟）",
                     "是否时限内", "升级次数"],
                    [[f"#{r.incident_id}", r.scope, r.title, r.fault_code, r.tier_label, _t(r.opened_at, tz),
                      _t(r.resolved_at, tz) or "未恢复", f"{r.restore_s / 60:.1f}",
                      {True: "是", False: "否", None: "—"}[r.within], str(r.escalations)] for r in report.worst])
        if table == "kinds":
            return (["设备类别", "发生", "一般故障", "通讯/机械故障", "系统故障", "已恢复", "恢复时长中位数（分钟）"],
                    [[k.label, str(k.opened), *(str(k.by_tier.get(t.value, 0)) for t in TIERS), str(k.restored),
                      _m(k.p50_s)] for k in report.kinds])
        if table == "escalations":
            return (["时间", "工单", "终端", "故障", "级别", "说明"],
                    [[_t(e.at, tz), f"#{e.incident_id}", e.scope, e.title, e.tier_label, e.detail]
                     for e in report.escalations])
    if isinstance(report, InspectionsReport):
        if table == "slots":
            return (["日期", "时段", "应检", "按时", "补检", "漏检", "进行中"],
                    [[x.day.isoformat(), x.label, str(x.due), str(x.on_time), str(x.late), str(x.missed),
                      str(x.pending)] for x in report.slots])
        if table == "inspectors":
            return (["巡检人", "签名", "补检", "发现异常", "更正"],
                    [[who(i.inspector), str(i.signed), str(i.late), str(i.failed), str(i.corrections)]
                     for i in report.inspectors])
        if table == "readiness":
            return (["日期", "终端数", "已确认", "确认人"],
                    [[r.day.isoformat(), str(r.terminals), str(r.confirmed),
                      "、".join(f"{who(k)} {v}" for k, v in sorted(r.by.items()))] for r in report.readiness])
    if isinstance(report, PaperReport):
        if table == "rolls":
            return (["终端", "纸卷", "换纸时间", "将尽时间", "用完时间", "预计用完", "剩余天数", "每日用量（卷）",
                     "依据"],
                    [[r.terminal_id, r.label, _t(r.loaded_at, tz), _t(r.near_end_at, tz), _t(r.out_at, tz),
                      _t(r.expected_out, tz), "" if r.days_left is None else f"{r.days_left:.1f}",
                      "" if r.rolls_per_day is None else f"{r.rolls_per_day:.2f}", r.basis] for r in report.rolls])
        if table == "days":
            return (["日期", "终端", "纸卷", "换纸", "将尽", "用完", "缺纸时长（分钟）"],
                    [[d.day.isoformat(), d.terminal_id, STATION_LABELS[d.station], str(d.rolls_loaded), str(d.near_end),
                      str(d.out), f"{d.out_s / 60:.0f}"] for d in report.days])
    if isinstance(report, FeedbackReport):
        if table in ("items", "terminals"):
            rows = report.by_item if table == "items" else report.by_terminal
            return (["事项" if table == "items" else "终端", "评价数", "差评", "差评率"],
                    [[c.label, str(c.total), str(c.bad), pct(c.bad_share)] for c in rows])
        if table == "days":
            return (["日期", "评价数", "差评"], [[d.isoformat(), str(n), str(b)] for d, n, b in report.by_day])
        if table == "summary":
            r, c = report.rectification, report.complaint_answers
            return (["项目", "数量", "按时", "超时", "未到期", "时间未知", "按时率"],
                    [["评价", str(report.ratings), "", "", "", "", ""],
                     ["差评", str(report.bad), "", "", "", "", pct(report.bad_share)],
                     *([f"评价：{LEVEL_WORDS[lv]}", str(n), "", "", "", "", ""] for lv, n in report.levels.items()),
                     ["差评整改", str(r.total), str(r.on_time), str(r.late), str(r.pending), str(r.unknown),
                      pct(r.share)],
                     ["投诉工单答复", str(c.total), str(c.on_time), str(c.late), str(c.pending), str(c.unknown),
                      pct(c.share)],
                     *([f"投诉类别：{k}", str(n), "", "", "", "", ""] for k, n in report.categories.items())])
    raise KeyError(table)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """UTF-8 with a byte-order mark (spreadsheet programs then read the Chinese right), CRLF lines."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return "\ufeff" + buf.getvalue()


# ---- one set of reports per running core -----------------------------------------------------------------------
_REPORTS: weakref.WeakKeyDictionary[Any, Reports] = weakref.WeakKeyDictionary()


def attach(core: Any, inspections: Inspections, cfg: ReportsConfig | None = None) -> Reports:
    """The reports of ``core``, made once: the weekly summary's check runs in every tick (``core.add_tick``)."""
    found = _REPORTS.get(core)
    if found is None:
        found = _REPORTS[core] = Reports(core, inspections, cfg)
        core.add_tick(found.tick)
    return found


def of(svc: Any) -> Reports:
    """The reports of a running hall server (anything with ``core`` and ``cfg``)."""
    from hall_server import inspections as insp

    return attach(svc.core, insp.of(svc), getattr(svc.cfg, "reports", None))


__all__ = [
    "MAX_DAYS", "SUMMARY_KIND", "TABLES", "AvailabilityReport", "ComplaintAnswers", "FeedbackReport",
    "IncidentsReport", "InspectionsReport", "PaperReport", "Period", "ReportError", "Reports", "attach", "csv_text",
    "of", "parse_period", "percentile", "stored_answers", "table_rows",
]
