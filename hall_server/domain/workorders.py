"""Complaint work orders (办不成事 / 蜗牛办事 问题工单): their life after the terminal filed them (docs/workorders.md).

Seed 000, 《“办不成事”“蜗牛办事”反映窗口工作制度》: 受理 → 交办 → 反馈 → 回访, a closed loop. The departments
answer within 1 working day; a special case may be extended, by at most 2 working days, the new limit
told; after the answer the window calls the citizen back; a citizen not satisfied sends the matter back
to the department, to be handled within a limit again.

- **States**: 已受理 (filed at a terminal, :mod:`.feedback`) → 已交办 (assigned to a department of
  ``[feedback] departments``; any other is refused) → 已答复 (the department's answer recorded) →
  已回访 (the call-back: satisfied closes the work order; not satisfied sends it back, 已交办 again, in a
  new *round* with a new answer due).
- **The answer's due time** (:func:`hall_server.domain.feedback.order_due`): the end of the first working
  day after the day the round began — the filing day in round 1 (the promise printed on the citizen's
  slip: "answer within 1 working day"; handing the work order to a department does not move it), the day
  of the unsatisfied call-back in later rounds — plus the round's extensions. China's official calendar
  with its adjusted working weekends (调休); a year it does not know is a *provisional* due time (Monday to
  Friday) saying so, recomputed at start once the calendar knows the year.
- **Extensions**: while assigned and not yet overdue, 1 or 2 working days with a reason, at most
  :data:`MAX_EXTENSION_DAYS` in a round altogether; more is refused with words.
- **Overdue**: a work order whose answer is awaited (已受理, 已交办) past its due time. The hall's tick
  alerts the centre once per round (a row of ``complaint_overdue``, unique per work order and round:
  a restart never alerts it again), the alert sent after the commit.

Every step is a person's (the logged-in user, permission HANDLE_COMPLAINTS), in the audit log and in the
work order's append-only history (``complaint_steps``), in one unit of work with the change itself.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from ground.clock import Clock
from hall_server import accounts
from hall_server.db import Alert, Complaint, ComplaintOverdue, ComplaintStep
from hall_server.domain.base import IncidentError, NotFound
from hall_server.domain.feedback import ANSWER_PENDING, complaint_public, due_text, order_due, order_tz
from hall_server.domain.unit import Unit

log = logging.getLogger("zizhu.hall.workorders")

TOPIC = "complaints"
ACCEPTED, ASSIGNED, ANSWERED, CALLED_BACK = "已受理", "已交办", "已答复", "已回访"
STATES = (ACCEPTED, ASSIGNED, ANSWERED, CALLED_BACK)
MAX_EXTENSION_DAYS = 2  # seed 000: 延时办理最长不超过2个工作日
TEXT_MAX = 2000
ALERT_ROLE = "centre"
ACTION_WORDS = {"filed": "受理", "assigned": "交办", "extended": "延期", "answered": "答复", "called_back": "回访",
                "overdue": "超期告警", "recomputed": "重新计算期限"}


class WorkOrderError(IncidentError):
    """A step that does not fit the work order (its state, the department list, the extension limit): the
    message says why, in Chinese, for the person; ``status`` is 409 for what the state or the limit forbids,
    422 for input out of shape."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


class Core(Protocol):
    @property
    def hall(self) -> str: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def sessions(self) -> sessionmaker[Session]: ...

    def unit(self) -> AbstractContextManager[Unit]: ...
    def add_tick(self, fn: Any) -> None: ...


@dataclass(frozen=True)
class Filters:
    state: str | None = None
    category: str | None = None
    terminal_id: str | None = None
    overdue: bool | None = None
    limit: int = 200
    offset: int = 0


class WorkOrders:
    """The complaint work orders of one hall, on the core's units of work (see the module's docstring)."""

    def __init__(self, core: Core, departments: Sequence[str]) -> None:
        self.core = core
        self.hall = core.hall
        self.departments = tuple(departments)

    # ---- reading --------------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.core.clock.now()

    def rows(self, f: Filters) -> list[dict[str, Any]]:
        """Work orders, newest first, each with its state of the clock (the phone masked)."""
        now = self.now()
        q = select(Complaint).where(Complaint.hall == self.hall)
        if f.state is not None:
            q = q.where(Complaint.state == f.state)
        if f.category is not None:
            q = q.where(Complaint.category == f.category)
        if f.terminal_id is not None:
            q = q.where(Complaint.terminal_id == f.terminal_id)
        if f.overdue is True:
            q = q.where(Complaint.state.in_(ANSWER_PENDING), Complaint.due_at <= now)
        elif f.overdue is False:
            q = q.where(~and_(Complaint.state.in_(ANSWER_PENDING), Complaint.due_at <= now))
        with self.core.sessions() as s:
            rows = s.scalars(q.order_by(Complaint.filed_at.desc(), Complaint.id).limit(f.limit).offset(f.offset))
            return [order_public(c, now) for c in rows]

    def terminal_ids(self) -> list[str]:
        """The terminals work orders came from (the list's filter)."""
        with self.core.sessions() as s:
            q = select(Complaint.terminal_id).where(Complaint.hall == self.hall).distinct()
            return sorted(s.scalars(q))

    def counts(self) -> dict[str, int]:
        """How many work orders are in each state, and how many are overdue (the list's and the live hall's)."""
        now = self.now()
        out = dict.fromkeys(STATES, 0) | {"overdue": 0}
        with self.core.sessions() as s:
            q = select(Complaint.state, Complaint.due_at).where(Complaint.hall == self.hall)
            for state, due_at in s.execute(q):
                out[state] = out.get(state, 0) + 1
                out["overdue"] += state in ANSWER_PENDING and due_at <= now
        return out

    def get(self, complaint_id: str) -> dict[str, Any]:
        """One work order with its history, oldest step first; :class:`NotFound` if it is not this hall's."""
        with self.core.sessions() as s:
            c = s.get(Complaint, complaint_id)
            if c is None or c.hall != self.hall:
                raise NotFound(f"没有工单 {complaint_id[:36]}")
            steps = s.scalars(select(ComplaintStep).where(ComplaintStep.complaint_id == c.id)
                              .order_by(ComplaintStep.id)).all()
            out = order_public(c, self.now())
            out["steps"] = [step_public(st, c) for st in steps]
            return out

    # ---- the steps ------------------------------------------------------------------------------
    def assign(self, complaint_id: str, department: str, *, actor: str, note: str = "") -> dict[str, Any]:
        """已受理 → 已交办: handed to ``department`` (one of ``[feedback] departments``); the due time stays the
        slip's."""
        dept = self._department(department)
        with self.core.unit() as u:
            c = self._order(u, complaint_id)
            if c.state != ACCEPTED:
                raise WorkOrderError(f"工单{c.state}，只有“已受理”的工单可以交办")
            c.state, c.department = ASSIGNED, dept
            self._step(u, c, actor, "assigned", department=dept, text=note)
            self._audit(u, c, actor, "complaint.assign",
                        f"工单 {c.order_no} 交办 {dept}" + (f"：{note}" if note else ""))
            return order_public(c, u.now)

    def extend(self, complaint_id: str, days: int, reason: str, *, actor: str) -> dict[str, Any]:
        """More time for the department's answer: ``days`` working days with a ``reason``, at most
        :data:`MAX_EXTENSION_DAYS` in a round altogether, and only before the answer is overdue."""
        if not reason.strip():
            raise WorkOrderError("请填写延期原因", 422)
        if days not in range(1, MAX_EXTENSION_DAYS + 1):
            raise WorkOrderError(f"延期累计不能超过 {MAX_EXTENSION_DAYS} 个工作日："
                                 f"一次延期应为 1 至 {MAX_EXTENSION_DAYS} 个工作日")
        with self.core.unit() as u:
            c = self._order(u, complaint_id)
            if c.state != ASSIGNED:
                raise WorkOrderError(f"工单{c.state}，只有“已交办”待答复的工单可以延期")
            if c.due_at <= u.now:
                raise WorkOrderError("答复期限已过，不能再延期：请尽快答复")
            used = c.extended_days or 0
            if used + days > MAX_EXTENSION_DAYS:
                left = MAX_EXTENSION_DAYS - used
                more = f"最多还能延期 {left} 个工作日" if left else "不能再延期"
                raise WorkOrderError(
                    f"延期累计不能超过 {MAX_EXTENSION_DAYS} 个工作日（本轮已延期 {used} 个工作日，{more}）")
            c.extended_days = used + days
            c.due_at, c.due_basis, c.due_note = order_due(c)
            self._step(u, c, actor, "extended", department=c.department, days=days, text=reason.strip())
            self._audit(u, c, actor, "complaint.extend",
                        f"工单 {c.order_no} 延期 {days} 个工作日：{reason.strip()}")
            return order_public(c, u.now)

    def answer(self, complaint_id: str, text: str, *, actor: str) -> dict[str, Any]:
        """已交办 → 已答复: the department's answer (处理结果), recorded with whether it came in time."""
        if not text.strip():
            raise WorkOrderError("请填写部门的答复（处理结果）", 422)
        with self.core.unit() as u:
            c = self._order(u, complaint_id)
            if c.state != ASSIGNED:
                raise WorkOrderError(f"工单{c.state}，只有“已交办”的工单可以登记答复")
            late = u.now > c.due_at
            c.state = ANSWERED
            self._step(u, c, actor, "answered", department=c.department, text=text.strip())
            self._audit(u, c, actor, "complaint.answer",
                        f"工单 {c.order_no} {c.department} 已答复" + ("（逾期）" if late else ""))
            return order_public(c, u.now)

    def call_back(self, complaint_id: str, satisfied: bool, note: str, *, actor: str,
                  department: str | None = None) -> dict[str, Any]:
        """已答复 → 已回访 (satisfied: closed) or back to a department (not satisfied: 已交办, a new round due 1
        working day after today; ``note`` says why, and is required then)."""
        if not satisfied and not note.strip():
            raise WorkOrderError("当事人不满意时，请详细记录原因", 422)
        with self.core.unit() as u:
            c = self._order(u, complaint_id)
            if c.state != ANSWERED:
                raise WorkOrderError(f"工单{c.state}，只有“已答复”的工单可以登记回访结果")
            dept = self._department(department) if department else c.department
            if satisfied:
                c.state, c.closed_at = CALLED_BACK, u.now
                self._step(u, c, actor, "called_back", satisfied=True, text=note.strip())
                self._audit(u, c, actor, "complaint.call_back", f"工单 {c.order_no} 回访：满意，办结")
                return order_public(c, u.now)
            self._step(u, c, actor, "called_back", satisfied=False, text=note.strip())
            c.state, c.department, c.round, c.extended_days = ASSIGNED, dept, c.round + 1, 0
            c.due_from = u.now.astimezone(order_tz(c)).date()
            c.due_at, c.due_basis, c.due_note = order_due(c)
            self._step(u, c, actor, "assigned", department=dept, text="回访不满意，继续转部门限期处理")
            self._audit(u, c, actor, "complaint.call_back",
                        f"工单 {c.order_no} 回访：不满意（{note.strip()}），再次交办 {dept}")
            return order_public(c, u.now)

    # ---- the clock ------------------------------------------------------------------------------
    def tick(self, u: Unit) -> None:
        """Work orders whose answer is now overdue and not alerted in this round: the centre alerted, once."""
        late = select(Complaint).outerjoin(ComplaintOverdue, and_(ComplaintOverdue.complaint_id == Complaint.id,
                                                                   ComplaintOverdue.round == Complaint.round)).where(
            Complaint.hall == self.hall, Complaint.state.in_(ANSWER_PENDING), Complaint.due_at <= u.now,
            ComplaintOverdue.id.is_(None))
        for c in u.s.scalars(late).all():
            who = c.department or "尚未交办"
            title = f"【投诉超期】{c.order_no}（{c.category}）"
            body = (f"投诉工单 {c.order_no}（{c.category}，终端 {c.terminal_id}，{who}）未在期限 "
                    f"{due_text(c.due_at, c)} 前答复，请督办。")
            a = Alert(incident_id=None, role=ALERT_ROLE, kind="overdue", title=title[:300], body=body, created_at=u.now,
                      due_at=u.now, status="sending", attempts=0, error="")
            u.s.add(a)
            u.s.flush()
            u.s.add(ComplaintOverdue(complaint_id=c.id, round=c.round, due_at=c.due_at, noticed_at=u.now,
                                     alert_id=a.id))
            self._step(u, c, "system", "overdue", department=c.department,
                       text=f"超过答复期限，已告警中心（告警 #{a.id}）")
            u.alerts.append(a.id)
            log.warning("complaint %s (%s) overdue since %s: the centre alerted (#%d)", c.id, c.order_no,
                        c.due_at.isoformat(), a.id)

    # ---- helpers ----------------------------------------------------------------------------------
    def _department(self, department: str) -> str:
        d = department.strip()
        if d not in self.departments:
            raise WorkOrderError(f"“{d[:100]}”不在可交办的部门名单中（[feedback] departments）", 422)
        return d

    def _order(self, u: Unit, complaint_id: str) -> Complaint:
        c = u.s.get(Complaint, complaint_id, with_for_update=True)
        if c is None or c.hall != self.hall:
            raise NotFound(f"没有工单 {complaint_id[:36]}")
        return c

    def _step(self, u: Unit, c: Complaint, actor: str, action: str, *, department: str | None = None,
              days: int | None = None, satisfied: bool | None = None, text: str = "") -> None:
        pending = c.state in ANSWER_PENDING or action == "answered"  # an answer keeps the due it met (or missed)
        u.s.add(ComplaintStep(complaint_id=c.id, round=c.round, at=u.now, actor=actor[:100], action=action,
                              state=c.state, department=department, days=days, satisfied=satisfied,
                              text=text[:TEXT_MAX], due_at=c.due_at if pending else None,
                              due_basis=c.due_basis if pending else None))
        u.changed.add(TOPIC)

    def _audit(self, u: Unit, c: Complaint, actor: str, action: str, detail: str) -> None:
        accounts.audit(u.s, actor, action, f"complaint:{c.id}", detail[:TEXT_MAX], now=u.now)


def span(seconds: float) -> str:
    """A time left (or past) in the words of the list: ``2 天 7 小时``, ``7 小时 5 分钟``, ``5 分钟``."""
    days, rest = divmod(int(seconds // 60), 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} 天 {hours} 小时"
    return f"{hours} 小时 {minutes} 分钟" if hours else f"{minutes} 分钟"


def order_public(c: Complaint, now: datetime) -> dict[str, Any]:
    """A work order as the API and the pages show it: the complaint (phone masked) and where its life stands."""
    out = complaint_public(c)
    pending = c.state in ANSWER_PENDING
    used = c.extended_days or 0
    out.update({
        "department": c.department, "round": c.round, "extended_days": used,
        "extension_left": MAX_EXTENSION_DAYS - used if c.state == ASSIGNED else 0,
        "answer_pending": pending, "overdue": pending and c.due_at <= now,
        "seconds_left": int((c.due_at - now).total_seconds()) if pending else None,
        "left_text": span(abs((c.due_at - now).total_seconds())) if pending else "",
        "due_text": due_text(c.due_at, c), "calendar_unknown": c.due_basis == "provisional",
        "closed_at": c.closed_at,
    })
    return out


def step_public(st: ComplaintStep, c: Complaint) -> dict[str, Any]:
    return {"id": st.id, "round": st.round, "at": st.at, "actor": st.actor, "action": st.action,
            "action_label": ACTION_WORDS.get(st.action, st.action), "state": st.state, "department": st.department,
            "days": st.days, "satisfied": st.satisfied, "text": st.text, "due_at": st.due_at,
            "due_text": due_text(st.due_at, c) if st.due_at is not None else None, "due_basis": st.due_basis,
            "late": st.action == "answered" and st.due_at is not None and st.at > st.due_at}


_ORDERS: weakref.WeakKeyDictionary[Any, WorkOrders] = weakref.WeakKeyDictionary()


def attach(core: Any, departments: Sequence[str]) -> WorkOrders:
    """The work orders of ``core`` (a :class:`hall_server.core.HallCore`), made once: the overdue check runs in
    every tick of the core (``core.add_tick``)."""
    found = _ORDERS.get(core)
    if found is None:
        found = _ORDERS[core] = WorkOrders(core, departments)
        core.add_tick(found.tick)
    return found


def of(svc: Any) -> WorkOrders:
    """The work orders of a running hall server (anything with ``core`` and ``cfg``)."""
    return attach(svc.core, svc.cfg.feedback.departments)
