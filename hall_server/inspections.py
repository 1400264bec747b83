"""The twice-daily inspection log (每日上午、下午至少检查一次) and the day's readiness confirmation.

The rule (《24小时自助办理工作制度》 三(二)(三), seed 000): the administrator checks every self-service
device at least once in the morning and once in the afternoon — power, communication, journal paper
(流水纸) and receipt paper (客户凭条纸) sufficient, no mechanical fault — and confirms a device works
before citizens use it (确认设备能够投入正常运行).

- Two slots a day per registered terminal (``[inspections]`` of the hall file, local time of the
  hall). Each checklist item is prefilled from live telemetry (:func:`prefill`); the inspector
  confirms or overrides it (an override needs a note) and signs as the logged-in user.
- A failed item opens its incident (``inspection.<item>``) through the incidents domain; the next
  inspection that finds the item in order resolves it.
- A slot that ends with a terminal uninspected raises ``inspection.missed`` to the hall administrator,
  once: the miss is a row of ``inspection_misses`` (unique per terminal, day and slot), so a restart
  never alerts it again; slots that ended before the log began on this database
  (``inspection_watch``) are not misses. Any later inspection of that terminal resolves it.
- Records are append-only (the database refuses UPDATE and DELETE): a correction is a new record
  pointing at the one it corrects, and a record is corrected at most once, so versions form a chain.

Every change runs in the core's unit of work and marks the ``"inspections"`` topic changed.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from ground.clock import Clock
from hall_server.config import InspectionsConfig
from hall_server.db import Base, Incident, PlannedShutdown, Terminal
from hall_server.faults import FaultTable
from wire.contract import StatusPayload
from wire.status import PaperLevel, PrinterStatus, TerminalStatus

log = logging.getLogger("zizhu.hall.inspections")

TOPIC = "inspections"
MISSED = "inspection.missed"
NOTE_MAX = 500


class InspectionError(ValueError):
    """Input that cannot be signed or confirmed: the message says why, in Chinese, for the person."""


class Slot(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"

    @property
    def label(self) -> str:
        return {"morning": "上午", "afternoon": "下午"}[self.value]


class Value(StrEnum):
    OK = "ok"
    FAIL = "fail"
    UNKNOWN = "unknown"  # a prefill only: telemetry does not say


@dataclass(frozen=True)
class ItemDef:
    key: str
    label: str
    ok_label: str
    fail_label: str

    @property
    def fault_code(self) -> str:
        return f"inspection.{self.key}"


# The five items of the rule, in its order.
ITEMS: tuple[ItemDef, ...] = (
    ItemDef("power", "电源", "正常", "异常"),
    ItemDef("comms", "通讯", "正常", "异常"),
    ItemDef("journal_paper", "流水纸", "充足", "不足"),
    ItemDef("receipt_paper", "客户凭条纸", "充足", "不足"),
    ItemDef("mechanical", "机械故障", "无故障", "有故障"),
)
ITEM_BY_KEY: dict[str, ItemDef] = {i.key: i for i in ITEMS}


# ---- what this domain needs of the core (hall_server.core.HallCore) ----------------------------
class Unit(Protocol):
    """The core's unit of work: one transaction under the core's lock."""

    s: Session
    now: datetime
    undo: list[Callable[[], None]]  # memory changes to undo if the database refuses the unit
    changed: set[str]  # topics changed, told to the live pages after the commit


class IncidentsApi(Protocol):
    def raise_(self, u: Any, scope: str, code: str, *, detail: str = "") -> Incident: ...

    def clear(self, u: Any, scope: str, code: str, *, actor: str, detail: str = "") -> None: ...


class TerminalView(Protocol):
    @property
    def registered(self) -> bool: ...
    @property
    def online(self) -> bool | None: ...
    @property
    def faults(self) -> frozenset[str]: ...
    @property
    def snapshot(self) -> StatusPayload | None: ...


class Core(Protocol):
    @property
    def hall(self) -> str: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def sessions(self) -> sessionmaker[Session]: ...
    @property
    def table(self) -> FaultTable: ...
    @property
    def terminals(self) -> Mapping[str, TerminalView]: ...
    @property
    def incidents(self) -> IncidentsApi: ...

    def unit(self) -> AbstractContextManager[Any]: ...


# ---- storage ------------------------------------------------------------------------------------
class Inspection(Base):
    """One signed inspection of one terminal in one slot, or the correction of one (append-only)."""

    __tablename__ = "inspections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    day: Mapped[date] = mapped_column(Date, doc="the hall's local date of the slot")
    slot: Mapped[str] = mapped_column(String(16))  # morning | afternoon
    inspector: Mapped[str] = mapped_column(String(100))
    signed_at: Mapped[datetime]
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"), nullable=True)
    # [{"key", "prefill", "source", "value", "note"}] in the order of ITEMS
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    result: Mapped[str] = mapped_column(String(8))  # ok | fail
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("inspections_by_day", "hall", "day", "terminal_id"),
        # a record is corrected at most once: the versions of a record form one chain
        UniqueConstraint("corrects_id", name="inspections_corrected_once"),
    )


class Readiness(Base):
    """The day's confirmation that a terminal can go into service (append-only)."""

    __tablename__ = "readiness"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    day: Mapped[date] = mapped_column(Date)
    ready: Mapped[bool] = mapped_column(Boolean, doc="false: a correction withdrawing the confirmation")
    confirmed_by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("readiness.id"), nullable=True)

    __table_args__ = (
        Index("readiness_by_day", "hall", "day", "terminal_id"),
        UniqueConstraint("corrects_id", name="readiness_corrected_once"),
    )


class InspectionMiss(Base):
    """A slot that ended with the terminal uninspected: alerted once, whatever restarts follow."""

    __tablename__ = "inspection_misses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hall: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    day: Mapped[date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(16))
    noticed_at: Mapped[datetime]
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), nullable=True)

    __table_args__ = (UniqueConstraint("hall", "terminal_id", "day", "slot", name="inspection_miss_once"),)


class InspectionWatch(Base):
    """When this hall's inspection log began: slots that ended earlier are not misses."""

    __tablename__ = "inspection_watch"
    hall: Mapped[str] = mapped_column(String(64), primary_key=True)
    since: Mapped[datetime]


# ---- values -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Prefill:
    key: str
    value: Value
    source: str  # what telemetry said, for people

    @property
    def item(self) -> ItemDef:
        return ITEM_BY_KEY[self.key]


@dataclass(frozen=True)
class ItemInput:
    value: str
    note: str = ""


@dataclass(frozen=True)
class ItemRecord:
    key: str
    prefill: str
    source: str
    value: str
    note: str

    @property
    def item(self) -> ItemDef:
        return ITEM_BY_KEY[self.key]

    @property
    def overridden(self) -> bool:
        return self.prefill not in (Value.UNKNOWN, self.value)

    @property
    def value_label(self) -> str:
        return self.item.ok_label if self.value == Value.OK else self.item.fail_label


@dataclass(frozen=True)
class InspectionRecord:
    id: int
    terminal_id: str
    day: date
    slot: Slot
    inspector: str
    signed_at: datetime
    signed_local: datetime
    corrects_id: int | None
    items: tuple[ItemRecord, ...]
    result: str
    note: str
    late: bool
    corrected_by: int | None = None  # the id of the record that corrects this one

    @property
    def current(self) -> bool:
        return self.corrected_by is None

    @property
    def prefill_map(self) -> dict[str, tuple[str, str]]:
        return {i.key: (i.prefill, i.source) for i in self.items}

    @property
    def values(self) -> dict[str, str]:
        """The record as form values: a correction's form starts from them."""
        out = {f"item_{i.key}": i.value for i in self.items} | {f"note_{i.key}": i.note for i in self.items}
        return out | {"note": ""}

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id, "terminal_id": self.terminal_id, "day": self.day.isoformat(), "slot": self.slot.value,
            "inspector": self.inspector, "signed_at": self.signed_at.isoformat(), "corrects_id": self.corrects_id,
            "corrected_by": self.corrected_by, "result": self.result, "note": self.note, "late": self.late,
            "items": [vars(i) for i in self.items],
        }


@dataclass(frozen=True)
class ReadinessRecord:
    id: int
    terminal_id: str
    day: date
    ready: bool
    confirmed_by: str
    at: datetime
    at_local: datetime
    note: str
    corrects_id: int | None


@dataclass(frozen=True)
class SlotState:
    slot: Slot
    start: datetime  # UTC
    end: datetime
    record: InspectionRecord | None  # the current version
    missed: bool  # the slot ended uninspected (a late record may follow)
    status: str  # done | late | missed | open | upcoming | over (ended before the log began)
    versions: int = 0


@dataclass(frozen=True)
class TerminalDay:
    terminal_id: str
    name: str
    location: str
    online: bool | None
    slots: tuple[SlotState, ...]
    readiness: ReadinessRecord | None
    prefill: tuple[Prefill, ...]
    missed_open: bool  # an inspection.missed incident is open
    signable: tuple[Slot, ...] = ()  # the slots that can be signed now (begun, not signed yet)

    @property
    def prefill_map(self) -> dict[str, tuple[str, str]]:
        return {p.key: (p.value.value, p.source) for p in self.prefill}


# ---- the domain ---------------------------------------------------------------------------------
class Inspections:
    """The inspection log of one hall, on the core's units of work (see the module's docstring)."""

    def __init__(self, core: Core, cfg: InspectionsConfig | None = None) -> None:
        self.core = core
        self.cfg = cfg or InspectionsConfig()
        self.tz = ZoneInfo(self.cfg.timezone)
        self.hall = core.hall
        self._windows = {Slot.MORNING: _window(self.cfg.morning), Slot.AFTERNOON: _window(self.cfg.afternoon)}
        self._checked: set[tuple[date, Slot]] = set()  # slots whose misses are already noted
        self._since: datetime | None = None

    # ---- time -----------------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.core.clock.now()

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)

    def today(self, at: datetime | None = None) -> date:
        return self.local(at or self.now()).date()

    def window(self, day: date, slot: Slot) -> tuple[datetime, datetime]:
        """The slot's start and end on ``day``, as aware datetimes in the hall's zone."""
        start, end = self._windows[slot]
        return datetime.combine(day, start, self.tz), datetime.combine(day, end, self.tz)

    def window_label(self, slot: Slot) -> str:
        return getattr(self.cfg, slot.value)  # type: ignore[no-any-return]

    def slot_at(self, at: datetime) -> Slot:
        """The slot a signature at ``at`` belongs to: morning until the afternoon starts, then afternoon."""
        t = self.local(at).timetz().replace(tzinfo=None)
        return Slot.MORNING if t < self._windows[Slot.AFTERNOON][0] else Slot.AFTERNOON

    # ---- telemetry --------------------------------------------------------------------------------
    def prefill(self, terminal_id: str) -> tuple[Prefill, ...]:
        """Each item as live telemetry says it: the snapshot, presence and the open device faults."""
        mem = self.core.terminals.get(terminal_id)
        status: TerminalStatus | None = None
        status_at: datetime | None = None
        if mem is not None and mem.snapshot is not None:
            status, status_at = mem.snapshot.status, mem.snapshot.ts
        else:  # after a restart memory has no snapshot yet: the stored one
            with self.core.sessions() as s:
                t = s.get(Terminal, terminal_id)
                if t is not None and t.last_status:
                    try:
                        status = msgspec.convert(t.last_status.get("status"), TerminalStatus, strict=False)
                        status_at = t.last_status_ts
                    except msgspec.ValidationError:
                        status = None
        online = mem.online if mem is not None else None
        faults = sorted(mem.faults) if mem is not None else []
        stale = "" if online else (
            f"（终端离线，最后上报 {self.local(status_at):%m-%d %H:%M}）" if status_at else "（终端离线）")
        return (
            _power(status, stale),
            _comms(online, status, faults),
            _paper(status, "journal", "流水纸", stale),
            _paper(status, "receipt", "凭条纸", stale),
            self._mechanical(status, faults, online),
        )

    def _mechanical(self, status: TerminalStatus | None, faults: Sequence[str], online: bool | None) -> Prefill:
        device_faults = [f for f in faults if _is_mechanical(f)]
        if device_faults:
            titles = "、".join(sorted({self.core.table.classify(f).title for f in device_faults}))
            return Prefill("mechanical", Value.FAIL, f"设备故障：{titles}")
        if status is None:
            return Prefill("mechanical", Value.UNKNOWN, "无设备状态上报")
        if not online:
            return Prefill("mechanical", Value.UNKNOWN, "终端离线，设备状态不可知")
        return Prefill("mechanical", Value.OK, f"{len(status.devices)} 台设备均无故障")

    # ---- signing --------------------------------------------------------------------------------
    def sign(self, terminal_id: str, items: Mapping[str, ItemInput], *, inspector: str, note: str = "",
             slot: str | None = None) -> InspectionRecord:
        """Sign today's inspection of ``terminal_id`` (slot: the current one unless given)."""
        inspector = _person(inspector)
        note = _note(note, "说明")
        now = self.now()
        day = self.today(now)
        chosen = _slot(slot) if slot else self.slot_at(now)
        start, _end = self.window(day, chosen)
        if chosen == Slot.AFTERNOON and now < start:
            raise InspectionError(f"下午巡检时段 {self.window_label(chosen)} 尚未开始")
        self._registered(terminal_id)
        prefill = self.prefill(terminal_id)
        checked = _check_items(items, prefill)
        with self.core.unit() as u:
            signed = u.s.scalars(select(Inspection).where(
                Inspection.hall == self.hall, Inspection.terminal_id == terminal_id, Inspection.day == day,
                Inspection.slot == chosen.value, Inspection.corrects_id.is_(None)).limit(1)).first()
            if signed is not None:  # one record per slot: what changes later is a correction of it
                raise InspectionError(f"{terminal_id} 今日{chosen.label}巡检已由 {signed.inspector} 签名"
                                      f"（#{signed.id}），如需修改请更正该记录")
            row = Inspection(hall=self.hall, terminal_id=terminal_id, day=day, slot=chosen.value,
                             inspector=inspector, signed_at=u.now, corrects_id=None, items=checked,
                             result=_result(checked), note=note)
            u.s.add(row)
            u.s.flush()
            self._effects(u, row, inspector)
            return self._record(row, None)

    def correct(self, inspection_id: int, items: Mapping[str, ItemInput], *, inspector: str,
                note: str) -> InspectionRecord:
        """A new version of record ``inspection_id`` (which must be the current one); its note says why."""
        inspector = _person(inspector)
        note = _note(note, "更正原因")
        if not note:
            raise InspectionError("更正需填写更正原因")
        with self.core.sessions() as s:
            old = s.get(Inspection, inspection_id)
            if old is None or old.hall != self.hall:
                raise InspectionError(f"没有巡检记录 #{inspection_id}")
            newer = s.scalars(select(Inspection.id).where(Inspection.corrects_id == old.id)).first()
            if newer is not None:
                raise InspectionError(f"巡检记录 #{inspection_id} 已被 #{newer} 更正，请更正最新的版本")
            # a correction says what was true then: the prefill of the record it corrects stands
            prefill = tuple(Prefill(i["key"], Value(i["prefill"]), i["source"]) for i in old.items)
            terminal_id, day, slot = old.terminal_id, old.day, old.slot
        checked = _check_items(items, prefill)
        with self.core.unit() as u:
            row = Inspection(hall=self.hall, terminal_id=terminal_id, day=day, slot=slot, inspector=inspector,
                             signed_at=u.now, corrects_id=inspection_id, items=checked, result=_result(checked),
                             note=note)
            u.s.add(row)
            u.s.flush()  # a correction racing another: the unique index refuses the second
            self._effects(u, row, inspector)
            return self._record(row, None)

    def _effects(self, u: Unit, row: Inspection, inspector: str) -> None:
        """What a signed record does: failed items open incidents, items in order resolve them."""
        incidents = self.core.incidents
        where = f"{self.local(row.signed_at):%Y-%m-%d %H:%M} {Slot(row.slot).label}巡检 #{row.id}"
        for it in row.items:
            item = ITEM_BY_KEY[it["key"]]
            if it["value"] == Value.FAIL:
                detail = f"{inspector} {where}：{item.label}{item.fail_label}"
                if it["note"]:
                    detail += f"（{it['note']}）"
                incidents.raise_(u, row.terminal_id, item.fault_code, detail=detail)
            else:
                incidents.clear(u, row.terminal_id, item.fault_code, actor=inspector,
                                detail=f"{where}：{item.label}{item.ok_label}")
        incidents.clear(u, row.terminal_id, MISSED, actor=inspector, detail=f"已补巡检 {where}")
        u.changed.add(TOPIC)

    # ---- readiness --------------------------------------------------------------------------------
    def confirm_readiness(self, terminal_id: str, *, by: str, note: str = "") -> ReadinessRecord:
        """Today's confirmation that the terminal can go into service (确认设备能够投入正常运行)."""
        by = _person(by)
        note = _note(note, "说明")
        self._registered(terminal_id)
        mem = self.core.terminals[terminal_id]
        if mem.online is not True:
            raise InspectionError(f"终端 {terminal_id} 不在线，不能确认投入正常运行")
        blocking = [f for f in sorted(mem.faults) if self.core.table.classify(f).tier.value != "warning"]
        if blocking:
            titles = "、".join(self.core.table.classify(f).title for f in blocking)
            raise InspectionError(f"终端 {terminal_id} 有未排除的故障（{titles}），排除后再确认")
        with self.core.unit() as u:
            day = self.today(u.now)
            current = self._readiness_head(u.s, terminal_id, day)
            if current is not None and current.ready:
                raise InspectionError(f"终端 {terminal_id} 今日已由 {current.confirmed_by} 确认")
            row = Readiness(hall=self.hall, terminal_id=terminal_id, day=day, ready=True, confirmed_by=by,
                            at=u.now, note=note, corrects_id=current.id if current is not None else None)
            u.s.add(row)
            u.s.flush()
            u.changed.add(TOPIC)
            return self._readiness_record(row)

    def withdraw_readiness(self, readiness_id: int, *, by: str, note: str) -> ReadinessRecord:
        """A correction of a confirmation given in error: the terminal is unconfirmed again."""
        by = _person(by)
        note = _note(note, "撤销原因")
        if not note:
            raise InspectionError("撤销确认需填写原因")
        with self.core.unit() as u:
            old = u.s.get(Readiness, readiness_id)
            if old is None or old.hall != self.hall:
                raise InspectionError(f"没有确认记录 #{readiness_id}")
            head = self._readiness_head(u.s, old.terminal_id, old.day)
            if head is None or head.id != old.id or not old.ready:
                raise InspectionError(f"确认记录 #{readiness_id} 不是当前有效的确认")
            row = Readiness(hall=self.hall, terminal_id=old.terminal_id, day=old.day, ready=False, confirmed_by=by,
                            at=u.now, note=note, corrects_id=old.id)
            u.s.add(row)
            u.s.flush()
            u.changed.add(TOPIC)
            return self._readiness_record(row)

    def _readiness_head(self, s: Session, terminal_id: str, day: date) -> Readiness | None:
        rows = list(s.scalars(select(Readiness).where(Readiness.hall == self.hall, Readiness.terminal_id == terminal_id,
                                                      Readiness.day == day).order_by(Readiness.id)))
        corrected = {r.corrects_id for r in rows}
        heads = [r for r in rows if r.id not in corrected]
        return heads[-1] if heads else None

    def readiness_today(self) -> dict[str, ReadinessRecord]:
        """Terminal id → today's confirmation in force (terminals without one are unconfirmed)."""
        return self.readiness_on(self.today())

    def readiness_on(self, day: date) -> dict[str, ReadinessRecord]:
        with self.core.sessions() as s:
            rows = list(s.scalars(select(Readiness).where(Readiness.hall == self.hall, Readiness.day == day)
                                  .order_by(Readiness.id)))
        corrected = {r.corrects_id for r in rows}
        return {r.terminal_id: self._readiness_record(r) for r in rows if r.id not in corrected and r.ready}

    # ---- the clock ------------------------------------------------------------------------------
    def check_missed(self) -> None:
        """Run the missed-slot check in a unit of its own (the tick does it in the core's)."""
        with self.core.unit() as u:
            self.tick(u)

    def tick(self, u: Unit) -> None:
        """Every slot of today and yesterday that has ended: each registered terminal uninspected in it
        gets one ``inspection.missed`` (noted in ``inspection_misses``, so never twice)."""
        now = u.now
        since = self._watch_since(u)
        today = self.today(now)
        for day in (today - timedelta(days=1), today):
            for slot in Slot:
                start, end = self.window(day, slot)
                if (day, slot) in self._checked or end > now:
                    continue
                if end > since:
                    self._note_misses(u, day, slot, start, end)
                self._checked.add((day, slot))
                u.undo.append(functools.partial(self._checked.discard, (day, slot)))
        if len(self._checked) > 16:  # keep only recent days
            self._checked.difference_update({k for k in self._checked if k[0] < today - timedelta(days=2)})

    def _watch_since(self, u: Unit) -> datetime:
        if self._since is None:
            row = u.s.get(InspectionWatch, self.hall)
            if row is None:
                row = InspectionWatch(hall=self.hall, since=u.now)
                u.s.add(row)
                u.s.flush()
                log.info("inspection log of hall %s begins at %s", self.hall, u.now)
            self._since = row.since
            u.undo.append(lambda: setattr(self, "_since", None))
        return self._since

    def _note_misses(self, u: Unit, day: date, slot: Slot, start: datetime, end: datetime) -> None:
        s: Session = u.s
        done = set(s.scalars(select(Inspection.terminal_id).where(
            Inspection.hall == self.hall, Inspection.day == day, Inspection.slot == slot.value)))
        noted = set(s.scalars(select(InspectionMiss.terminal_id).where(
            InspectionMiss.hall == self.hall, InspectionMiss.day == day, InspectionMiss.slot == slot.value)))
        exempt = self._in_shutdown(s, end)
        for tid in sorted(t for t, mem in self.core.terminals.items() if mem.registered):
            if tid in done or tid in noted or tid in exempt or None in exempt:
                continue
            detail = f"{day:%Y-%m-%d} {slot.label}巡检时段（{self.window_label(slot)}）结束，终端 {tid} 未巡检"
            inc = self.core.incidents.raise_(u, tid, MISSED, detail=detail)
            s.add(InspectionMiss(hall=self.hall, terminal_id=tid, day=day, slot=slot.value, noticed_at=u.now,
                                 incident_id=inc.id))
            log.warning("%s", detail)
            u.changed.add(TOPIC)
        s.flush()

    def _in_shutdown(self, s: Session, at: datetime) -> set[str | None]:
        """Terminals (None: the whole hall) inside an approved shutdown at ``at``: nothing to inspect."""
        return set(s.scalars(select(PlannedShutdown.terminal_id).where(
            PlannedShutdown.hall == self.hall, PlannedShutdown.state == "approved",
            PlannedShutdown.starts_at <= at, PlannedShutdown.ends_at >= at)))

    # ---- reading --------------------------------------------------------------------------------
    def records(self, since: date, until: date, terminal_id: str | None = None) -> list[InspectionRecord]:
        """Every version of every record of the days ``since``..``until`` (inclusive), in order."""
        with self.core.sessions() as s:
            q = select(Inspection).where(Inspection.hall == self.hall, Inspection.day >= since,
                                         Inspection.day <= until)
            if terminal_id is not None:
                q = q.where(Inspection.terminal_id == terminal_id)
            rows = list(s.scalars(q.order_by(Inspection.day, Inspection.terminal_id, Inspection.slot,
                                             Inspection.id)))
        by = {r.corrects_id: r.id for r in rows if r.corrects_id is not None}
        return [self._record(r, by.get(r.id)) for r in rows]

    def record(self, inspection_id: int) -> InspectionRecord | None:
        with self.core.sessions() as s:
            row = s.get(Inspection, inspection_id)
            if row is None or row.hall != self.hall:
                return None
            newer = s.scalars(select(Inspection.id).where(Inspection.corrects_id == row.id)).first()
            return self._record(row, newer)

    def chain(self, inspection_id: int) -> list[InspectionRecord]:
        """Every version of the record, the original first, the current one last."""
        rec = self.record(inspection_id)
        if rec is None:
            return []
        found = {rec.id: rec}
        first = rec
        while first.corrects_id is not None and (prev := self.record(first.corrects_id)) is not None:
            found[prev.id] = first = prev
        out = [first]
        while out[-1].corrected_by is not None and (nxt := self.record(out[-1].corrected_by)) is not None:
            out.append(nxt)
        return out

    def misses(self, since: date, until: date) -> list[InspectionMiss]:
        with self.core.sessions() as s:
            return list(s.scalars(select(InspectionMiss).where(
                InspectionMiss.hall == self.hall, InspectionMiss.day >= since, InspectionMiss.day <= until)
                .order_by(InspectionMiss.day, InspectionMiss.terminal_id, InspectionMiss.slot)))

    def terminal_names(self) -> dict[str, tuple[str, str]]:
        with self.core.sessions() as s:
            rows = s.scalars(select(Terminal).where(Terminal.hall == self.hall, Terminal.registered.is_(True))
                             .order_by(Terminal.id))
            return {t.id: (t.name, t.location) for t in rows}

    def day_view(self, day: date | None = None, terminal_id: str | None = None) -> list[TerminalDay]:
        """Each registered terminal (or only ``terminal_id``) on ``day`` (today by default): its slots,
        readiness and prefill."""
        now = self.now()
        today = self.today(now)
        day = day or today
        every = self.records(day, day, terminal_id)
        recs = [r for r in every if r.current]
        versions: dict[tuple[str, str], int] = {}
        for r in every:
            versions[(r.terminal_id, r.slot.value)] = versions.get((r.terminal_id, r.slot.value), 0) + 1
        missed = {(m.terminal_id, m.slot) for m in self.misses(day, day)}
        ready = self.readiness_on(day)
        with self.core.sessions() as s:
            open_missed = set(s.scalars(select(Incident.scope).where(
                Incident.hall == self.hall, Incident.fault_code == MISSED, Incident.state != "resolved")))
        out = []
        for tid, (name, location) in self.terminal_names().items():
            if terminal_id is not None and tid != terminal_id:
                continue
            slots = []
            for slot in Slot:
                start, end = self.window(day, slot)
                mine = [r for r in recs if r.terminal_id == tid and r.slot == slot]
                record = mine[-1] if mine else None
                was_missed = (tid, slot.value) in missed
                if record is not None:
                    status = "late" if record.late else "done"
                elif was_missed:
                    status = "missed"
                else:
                    status = "upcoming" if now < start else "open" if now < end else "over"
                slots.append(SlotState(slot=slot, start=start, end=end, record=record, missed=was_missed,
                                       status=status, versions=versions.get((tid, slot.value), 0)))
            mem = self.core.terminals.get(tid)
            signable = tuple(x.slot for x in slots if day == today and x.record is None
                             and (x.slot == Slot.MORNING or now >= x.start))
            out.append(TerminalDay(terminal_id=tid, name=name, location=location,
                                   online=mem.online if mem else None, slots=tuple(slots),
                                   readiness=ready.get(tid), prefill=self.prefill(tid),
                                   missed_open=tid in open_missed, signable=signable))
        return out

    # ---- export ---------------------------------------------------------------------------------
    EXPORT_HEADER: tuple[str, ...] = ("日期", "时段", "终端", "终端名称", "记录号", "版本", "巡检人", "签名时间",
                                      "结果", *(i.label for i in ITEMS), "说明", "更正记录")

    def export_rows(self, since: date, until: date, people: Mapping[str, str] | None = None) -> list[list[str]]:
        """The period's records (every version) and missed slots, as the CSV and the report show them;
        ``people``: user name → the name people know (shown as 李运维（li）)."""
        names = self.terminal_names()

        def who(user: str) -> str:
            shown = (people or {}).get(user, "")
            return f"{shown}（{user}）" if shown and shown != user else user

        rows: list[tuple[tuple[Any, ...], list[str]]] = []
        for r in self.records(since, until):
            version = "有效" if r.current else f"已被 #{r.corrected_by} 更正"
            cells = [r.day.isoformat(), r.slot.label, r.terminal_id, names.get(r.terminal_id, ("", ""))[0],
                     str(r.id), version, who(r.inspector),
                     f"{r.signed_local:%Y-%m-%d %H:%M}" + ("（补检）" if r.late else ""),
                     "正常" if r.result == "ok" else "异常",
                     *(i.value_label + (f"：{i.note}" if i.note else "") for i in r.items),
                     r.note, f"更正 #{r.corrects_id}" if r.corrects_id else ""]
            rows.append(((r.day, r.terminal_id, list(Slot).index(r.slot), r.id), cells))
        for m in self.misses(since, until):
            slot = Slot(m.slot)
            cells = [m.day.isoformat(), slot.label, m.terminal_id, names.get(m.terminal_id, ("", ""))[0], "", "",
                     "", "", "未巡检", *("" for _ in ITEMS), f"时段 {self.window_label(slot)} 结束时未巡检", ""]
            rows.append(((m.day, m.terminal_id, list(Slot).index(slot), -1), cells))
        return [cells for _key, cells in sorted(rows, key=lambda kv: kv[0])]

    def export_csv(self, since: date, until: date, people: Mapping[str, str] | None = None) -> str:
        """UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese right."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(self.EXPORT_HEADER)
        w.writerows(self.export_rows(since, until, people))
        return "\ufeff" + buf.getvalue()

    # ---- helpers --------------------------------------------------------------------------------
    def _registered(self, terminal_id: str) -> None:
        mem = self.core.terminals.get(terminal_id)
        if mem is None or not mem.registered:
            raise InspectionError(f"没有已登记的终端 {terminal_id}")

    def _record(self, row: Inspection, corrected_by: int | None) -> InspectionRecord:
        slot = Slot(row.slot)
        _start, end = self.window(row.day, slot)
        return InspectionRecord(
            id=row.id, terminal_id=row.terminal_id, day=row.day, slot=slot, inspector=row.inspector,
            signed_at=row.signed_at, signed_local=self.local(row.signed_at), corrects_id=row.corrects_id,
            items=tuple(ItemRecord(**i) for i in row.items), result=row.result, note=row.note,
            late=row.signed_at > end if row.corrects_id is None else self._original_late(row),
            corrected_by=corrected_by)

    def _original_late(self, row: Inspection) -> bool:
        """A correction is as late as the record it corrects (it is that record, corrected)."""
        with self.core.sessions() as s:
            cur: Inspection | None = row
            while cur is not None and cur.corrects_id is not None:
                cur = s.get(Inspection, cur.corrects_id)
            if cur is None:
                return False
            return cur.signed_at > self.window(cur.day, Slot(cur.slot))[1]

    def _readiness_record(self, row: Readiness) -> ReadinessRecord:
        return ReadinessRecord(id=row.id, terminal_id=row.terminal_id, day=row.day, ready=row.ready,
                               confirmed_by=row.confirmed_by, at=row.at, at_local=self.local(row.at), note=row.note,
                               corrects_id=row.corrects_id)


# ---- one log per running core -------------------------------------------------------------------
_LOGS: weakref.WeakKeyDictionary[Any, Inspections] = weakref.WeakKeyDictionary()


def attach(core: Any, cfg: InspectionsConfig | None = None) -> Inspections:
    """The inspection log of ``core`` (a :class:`hall_server.core.HallCore`), made once: its missed-slot
    check runs in every tick of the core (``core.add_tick``)."""
    found = _LOGS.get(core)
    if found is None:
        found = _LOGS[core] = Inspections(core, cfg)
        core.add_tick(found.tick)
    return found


def of(svc: Any) -> Inspections:
    """The inspection log of a running hall server (anything with ``core`` and ``cfg``)."""
    return attach(svc.core, svc.cfg.inspections)


def readiness_today(svc: Any) -> dict[str, ReadinessRecord]:
    """For the live hall: terminal id → today's readiness confirmation in force."""
    return of(svc).readiness_today()


# ---- prefill rules ------------------------------------------------------------------------------
def _power(status: TerminalStatus | None, stale: str) -> Prefill:
    if status is None or status.host.power == "unknown":
        return Prefill("power", Value.UNKNOWN, "未上报供电状态" + stale)
    host = status.host
    if host.power == "ac":
        return Prefill("power", Value.OK, "市电供电" + stale)
    battery = f"，电量 {host.battery_percent:.0f}%" if host.battery_percent is not None else ""
    what = "UPS" if host.power == "ups" else "电池"
    return Prefill("power", Value.FAIL, f"市电断开，{what}供电{battery}{stale}")


def _comms(online: bool | None, status: TerminalStatus | None, faults: Sequence[str]) -> Prefill:
    if online is not True:
        return Prefill("comms", Value.FAIL if online is False else Value.UNKNOWN,
                       "终端离线" if online is False else "终端尚未上线")
    host = status.host if status is not None else None
    problems = []
    if "host.network.down" in faults or (host is not None and (host.network_link is False
                                                              or host.gateway_reachable is False)):
        problems.append("网络中断")
    if "host.backend.unreachable" in faults or (host is not None and host.backend_reachable is False):
        problems.append("业务系统无法访问")
    if problems:
        return Prefill("comms", Value.FAIL, "在线，但" + "、".join(problems))
    rtt = f"，消息服务器往返 {host.broker_rtt_ms:.0f} ms" if host is not None and host.broker_rtt_ms is not None else ""
    return Prefill("comms", Value.OK, f"在线{rtt}")


_PAPER_WORDS = {PaperLevel.FULL: "充足", PaperLevel.LOW: "将尽", PaperLevel.OUT: "用完", PaperLevel.JAMMED: "卡纸",
                PaperLevel.UNKNOWN: "状态不明"}


def _paper(status: TerminalStatus | None, station: str, label: str, stale: str) -> Prefill:
    key = f"{station}_paper"
    if status is None:
        return Prefill(key, Value.UNKNOWN, "无打印机状态上报" + stale)
    for d in status.devices:
        if isinstance(d, PrinterStatus) and station in d.stations:
            level = d.stations[station].paper
            word = f"{label}{_PAPER_WORDS[level]}{stale}"
            if level == PaperLevel.FULL:
                return Prefill(key, Value.OK, word)
            if level == PaperLevel.UNKNOWN:
                return Prefill(key, Value.UNKNOWN, word)
            return Prefill(key, Value.FAIL, word)
    return Prefill(key, Value.UNKNOWN, f"打印机未上报{label}状态{stale}")


_NOT_MECHANICAL = ("host.", "app.", "terminal.", "hall.", "inspection.")


def _is_mechanical(code: str) -> bool:
    """A fault of a device (not of the host, the app or the paper, which have items of their own)."""
    if code.startswith(_NOT_MECHANICAL):
        return False
    return not code.endswith((".paper_out", ".paper_near_end"))


# ---- input checks -------------------------------------------------------------------------------
def _window(text: str) -> tuple[time, time]:
    a, b = text.split("-")
    return time.fromisoformat(a), time.fromisoformat(b)


def _slot(value: str) -> Slot:
    try:
        return Slot(value)
    except ValueError:
        raise InspectionError(f"巡检时段应为上午（morning）或下午（afternoon），不是 {value!r}") from None


def _person(name: str) -> str:
    name = name.strip()
    if not name:
        raise InspectionError("签名需要巡检人")
    if len(name) > 100:
        raise InspectionError("巡检人名称过长")
    return name


def _note(text: str, what: str) -> str:
    text = (text or "").strip()
    if len(text) > NOTE_MAX:
        raise InspectionError(f"{what}不能超过 {NOTE_MAX} 字")
    return text


def _check_items(items: Mapping[str, ItemInput], prefill: Iterable[Prefill]) -> list[dict[str, Any]]:
    """Every item answered ok or fail; an answer against what telemetry says needs a note."""
    unknown = sorted(set(items) - set(ITEM_BY_KEY))
    if unknown:
        raise InspectionError(f"未知的检查项：{'、'.join(unknown)}")
    out = []
    problems = []
    for p in prefill:
        item = p.item
        given = items.get(item.key)
        if given is None or given.value not in (Value.OK, Value.FAIL):
            problems.append(f"{item.label}：请选择{item.ok_label}或{item.fail_label}")
            continue
        note = (given.note or "").strip()
        if len(note) > NOTE_MAX:
            problems.append(f"{item.label}：说明不能超过 {NOTE_MAX} 字")
            continue
        if p.value not in (Value.UNKNOWN, given.value) and not note:
            said = item.ok_label if p.value == Value.OK else item.fail_label
            problems.append(f"{item.label}：实时状态为{said}（{p.source}），改判需填写说明")
            continue
        out.append({"key": item.key, "prefill": p.value.value, "source": p.source, "value": given.value,
                    "note": note})
    if problems:
        raise InspectionError("；".join(problems))
    return out


def _result(items: Sequence[Mapping[str, Any]]) -> str:
    return "fail" if any(i["value"] == Value.FAIL for i in items) else "ok"


__all__ = [
    "ITEMS", "Inspection", "InspectionError", "InspectionMiss", "InspectionRecord", "InspectionWatch", "Inspections",
    "ItemInput", "Prefill", "Readiness", "ReadinessRecord", "Slot", "TerminalDay", "Value", "attach", "of",
    "readiness_today",
]
