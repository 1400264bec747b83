"""A known hall history for the reports' tests: three days of three terminals, on a fake clock.

Everything reaches the hall as it would in service: contract messages (state, status, event, rating,
complaint) through ``core.process``, people's actions through the core and the inspection log, the
clock's tick after each step. Monday 2026-03-02 to Wednesday 2026-03-04 (hall time, Asia/Shanghai);
the history ends on Thursday 09:00. What each report must say of it is worked out by hand in
tests/hall/test_reports.py, next to the figures.

Times below are the hall's local time.

Mon  09:00 t01 t02 t03 registered and online · 09:05 t01 ready (li) · 09:06 t02 ready (wang)
     09:10 t01 morning round (li) · 09:15 t02 (wang) · 10:00 t01 receipt paper out, complaint c1 (办不成事),
     rating 1 (非常不满意, A01, 等待时间长) · 10:20 t01 new roll, paper back · 11:00 t02 paper out
     · 11:30 its deadline passes: escalated · 11:45 t02 new roll · 12:00 t03's morning round missed
     · 12:30 t03 morning round late (wang) · 14:10 t01 afternoon (li) · 14:15 t02 (li)
     · 15:00 rating 1's rectification case verified, rectified, answered and closed (wang)
     · 15:10 li corrects t01's afternoon record
     · 17:30 t03's afternoon round missed · 19:00 shutdown of t02 20:00–22:00 requested and approved
     · 20:00 t02 offline (approved) · 21:30 t02 back
Tue  00:00 t03 printer cutter error (24 h) · 08:00 t02 offline, not approved · 09:00 ratings 2 (不满意, t02,
     B02, 态度不好) and 3 (非常满意, t01)
     · 09:30 c1 assigned (wang) · 10:00 t02 back · 12:00 t03 offline, not approved · 13:00 t03 back
     · 16:00 c1 answered, in time · 22:20 t01 receipt paper near end · no rounds all day
Wed  00:00 t03's cutter error past 24 h: escalated · 09:00 ratings 4 (满意, t01) and 5 (非常满意, t02)
     · 09:30 t01 morning round (li), receipt paper 不足 · 10:00 complaint c2 (蜗牛办事, t02) · 10:20 t01 paper out
     · 10:40 t01 new roll · 23:00 t02 receipt paper near end
Thu  09:00 the end
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import select

from ground.clock import FakeClock
from hall_server.config import FeedbackConfig
from hall_server.core import HallCore
from hall_server.db import Rectification
from hall_server.domain import workorders
from hall_server.domain.rectifications import StepInput
from hall_server.inspections import ITEMS, Inspections, ItemInput
from hall_server.registry import RegistryEntry
from hall_server.simulate import healthy_status
from wire.contract import ComplaintPayload, EventPayload, RatingPayload, StatePayload, StatusPayload
from wire.feedback import make_keypair, seal_phone
from wire.status import PaperLevel, PrinterStatus, replace

MON, TUE, WED, THU = (date(2026, 3, d) for d in (2, 3, 4, 5))
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in the hall
CST = timezone(timedelta(hours=8))
TERMINALS = ("t01", "t02", "t03")
RATING_IDS = ("00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2",
              "00000000-0000-4000-8000-0000000000a3", "00000000-0000-4000-8000-0000000000a4",
              "00000000-0000-4000-8000-0000000000a5")
COMPLAINT_IDS = ("00000000-0000-4000-8000-0000000000c1", "00000000-0000-4000-8000-0000000000c2")


def workorders_departments(_core: HallCore) -> list[str]:
    return list(FeedbackConfig().departments)


def hall_time(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=CST).astimezone(UTC)


@dataclass
class History:
    core: HallCore
    clock: FakeClock
    inspections: Inspections
    tick: Callable[[], None] | None = None
    session: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TERMINALS, 1))
    seq: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TERMINALS, 0))
    paper: dict[str, PaperLevel] = field(default_factory=lambda: dict.fromkeys(TERMINALS, PaperLevel.FULL))
    cutter: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(TERMINALS, False))
    public_key: str = field(default_factory=lambda: make_keypair()[1])

    # ---- the clock ------------------------------------------------------------------------------
    def at(self, day: date, hh: int, mm: int = 0) -> None:
        target = hall_time(day, hh, mm)
        now = self.clock.now()
        assert target >= now, f"the history goes forward only: {target} < {now}"
        self.clock.advance((target - now).total_seconds())
        self.run_tick()

    def run_tick(self) -> None:
        (self.tick or self.core.tick)()

    # ---- what terminals send -----------------------------------------------------------------------
    def status(self, t: str) -> None:
        st = healthy_status(self.paper[t])
        if self.cutter[t]:
            printer = st.devices[0]
            assert isinstance(printer, PrinterStatus)
            st = replace(st, devices=[replace(printer, cutter_error=True)])
        self.core.process([StatusPayload(terminal=t, session=self.session[t], status=st, faults=st.faults(),
                                         ts=self.clock.now())])

    def online(self, t: str, new_session: bool = False) -> None:
        if new_session:
            self.session[t] += 1
        self.core.process([StatePayload(terminal=t, online=True, session=self.session[t])])
        self.status(t)

    def offline(self, t: str) -> None:
        self.core.process([StatePayload(terminal=t, online=False, session=self.session[t])])

    def set_paper(self, t: str, level: PaperLevel) -> None:
        self.paper[t] = level
        self.status(t)

    def _seq(self, t: str) -> int:
        self.seq[t] += 1
        return self.seq[t]

    def new_roll(self, t: str) -> None:
        """The technician confirms a new receipt roll on the kiosk; the paper is back."""
        self.core.process([EventPayload(terminal=t, seq=self._seq(t), session=self.session[t],
                                        fault="printer.receipt.roll_replaced", action="occurred",
                                        detail="technician T01", occurred_at=self.clock.now())])
        self.set_paper(t, PaperLevel.FULL)

    def rate(self, t: str, n: int, level: int, item: tuple[str, str], tags: list[str] | None = None) -> None:
        self.core.process([RatingPayload(terminal=t, seq=self._seq(t), session=self.session[t], id=RATING_IDS[n - 1],
                                         item_code=item[0], item_name=item[1], level=level, tags=tags or [],
                                         rated_at=self.clock.now().astimezone(CST))])

    def complain(self, t: str, n: int, category: str) -> None:
        self.core.process([ComplaintPayload(terminal=t, seq=self._seq(t), session=self.session[t],
                                            id=COMPLAINT_IDS[n - 1], category=category,  # type: ignore[arg-type]
                                            matter="窗口说材料不全，但没有一次告知", phone_sealed=seal_phone(
                                                self.public_key, "13812345678"),
                                            filed_at=self.clock.now().astimezone(CST))])

    # ---- what people do -----------------------------------------------------------------------------
    def sign(self, t: str, who: str, slot: str | None = None, fail: str = "") -> int:
        items = {i.key: ItemInput("fail" if i.key == fail else "ok") for i in ITEMS}
        return self.inspections.sign(t, items, inspector=who, slot=slot).id

    def close_rectification(self, rating_id: str) -> None:
        """The rating's rectification case carried to its end by the hall administrator, step by step."""
        with self.core.sessions() as s:
            case_id = s.scalars(select(Rectification.id).where(Rectification.rating_id == rating_id)).one()
        for step in (StepInput("verify", "排队等候超过半小时，属实", founded=True),
                     StepInput("rectify", "高峰时段增开一台自助终端的引导"),
                     StepInput("feedback", "在自助区公示整改情况", channel="公示", recipient="自助区办事群众"),
                     StepInput("close", "整改完成")):
            self.core.rectification_step(case_id, step, by="wang")

    # ---- the three days ---------------------------------------------------------------------------------
    def build(self) -> None:
        assert self.clock.now() == START
        core = self.core
        core.import_registry([RegistryEntry(id=t, name=f"{t[-1]}号自助终端", location="一楼24小时自助区")
                              for t in TERMINALS])
        for t in TERMINALS:
            self.online(t)
        self.run_tick()  # the inspection log begins now
        self.at(MON, 9, 5)
        self.inspections.confirm_readiness("t01", by="li")
        self.at(MON, 9, 6)
        self.inspections.confirm_readiness("t02", by="wang")
        self.at(MON, 9, 10)
        self.sign("t01", "li")
        self.at(MON, 9, 15)
        self.sign("t02", "wang")
        self.at(MON, 10)
        self.set_paper("t01", PaperLevel.OUT)
        self.complain("t01", 1, "办不成事")
        self.rate("t01", 1, 1, ("A01", "社保查询"), ["等待时间长"])
        self.at(MON, 10, 20)
        self.new_roll("t01")
        self.at(MON, 11)
        self.set_paper("t02", PaperLevel.OUT)
        self.at(MON, 11, 30)
        self.at(MON, 11, 45)
        self.new_roll("t02")
        self.at(MON, 12, 5)
        self.at(MON, 12, 30)
        self.sign("t03", "wang", slot="morning")
        self.at(MON, 14, 10)
        afternoon = self.sign("t01", "li")
        self.at(MON, 14, 15)
        self.sign("t02", "li")
        self.at(MON, 15)
        self.close_rectification(RATING_IDS[0])
        self.at(MON, 15, 10)
        self.inspections.correct(afternoon, {i.key: ItemInput("ok") for i in ITEMS}, inspector="li",
                                 note="补记：流水纸已换")
        self.at(MON, 17, 35)
        self.at(MON, 19)
        sd = core.request_shutdown("t02", "更换显示屏", hall_time(MON, 20), hall_time(MON, 22), by="wang")
        core.decide_shutdown(sd["id"], by="admin", approve=True, note="同意")
        self.at(MON, 20)
        self.offline("t02")
        self.at(MON, 21, 30)
        self.online("t02", new_session=True)

        self.at(TUE, 0)
        self.cutter["t03"] = True
        self.status("t03")
        self.at(TUE, 8)
        self.offline("t02")
        self.at(TUE, 9)
        self.rate("t02", 2, 2, ("B02", "不动产登记"), ["态度不好"])
        self.rate("t01", 3, 5, ("A01", "社保查询"))
        self.at(TUE, 9, 30)
        orders = workorders.attach(core, workorders_departments(core))
        orders.assign(COMPLAINT_IDS[0], workorders_departments(core)[0], actor="wang")
        self.at(TUE, 10)
        self.online("t02", new_session=True)
        self.at(TUE, 12)
        self.offline("t03")
        self.at(TUE, 12, 5)
        self.at(TUE, 13)
        self.online("t03", new_session=True)
        self.at(TUE, 16)
        orders.answer(COMPLAINT_IDS[0], "已一次性告知所需材料，当事人已补齐", actor="wang")
        self.at(TUE, 17, 35)
        self.at(TUE, 22, 20)
        self.set_paper("t01", PaperLevel.LOW)

        self.at(WED, 0, 1)
        self.at(WED, 9)
        self.rate("t01", 4, 4, ("A01", "社保查询"))
        self.rate("t02", 5, 5, ("A01", "社保查询"))
        self.at(WED, 9, 30)
        self.sign("t01", "li", fail="receipt_paper")  # near end since last night: found so
        self.at(WED, 10)
        self.complain("t02", 2, "蜗牛办事")
        self.at(WED, 10, 20)
        self.set_paper("t01", PaperLevel.OUT)
        self.at(WED, 10, 40)
        self.new_roll("t01")
        self.at(WED, 12, 5)
        self.at(WED, 17, 35)
        self.at(WED, 23)
        self.set_paper("t02", PaperLevel.LOW)
        self.at(THU, 9)
