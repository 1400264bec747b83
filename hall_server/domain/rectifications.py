"""Rectification cases (差评整改): a bad review is verified, rectified, answered and closed, on time.

The rule (seed 002 第三十八条 (三)): a bad review (差评) is verified and rectified within 7 days; a
grievance found unreasonable or without a legal basis is explained (解释说明), so that every bad review
has its rectification and its feedback (件件有整改、有反馈). Here:

- Every rating of level 1 or 2 opens a case in state 待核实 (:mod:`.feedback`), due
  ``[feedback] rectification_days`` after the rating.
- A logged-in person (permission RECTIFY) takes it one step at a time, each with a note:

  ======================  ==============================  =============================================
  step                    from                            to, and what it records
  ======================  ==============================  =============================================
  核实 ``verify``         待核实                          已核实 — the finding; founded (属实) or not (不属实)
  整改 ``rectify``        已核实, founded                 已整改 — what was done
  反馈 ``feedback``       已整改; or 已核实, unfounded    已反馈 — how (:data:`CHANNELS`), to whom, what was said
  办结 ``close``          已反馈                          已办结 — the closing note
  ======================  ==============================  =============================================

  A review found unfounded is not rectified: its feedback is the explanation, and the case closes
  with the finding for its reason. Any other step is refused (:class:`StepRefused`, a 409 on the web)
  with words saying what the case is waiting for.
- Each step is a row of the append-only ``rectification_steps`` and an entry of the audit log, in the
  same transaction as the change of the case.
- A case not closed by its deadline is overdue. The tick notices it once (``overdue_alerted_at``, in
  the same transaction): one alert to the centre through the alert channels, sent after the commit, and
  an ``overdue`` row in the case's history by ``system`` — never again, whatever restarts follow.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_server import accounts
from hall_server.db import Alert, Rating, Rectification, RectificationStep
from hall_server.domain.base import CoreSettings, IncidentError, NotFound
from hall_server.domain.unit import Unit
from hall_server.faults import Role
from wire.feedback import LEVELS

log = logging.getLogger("zizhu.hall.rectifications")

TOPIC = "rectifications"  # the live pages' topic (also told by .feedback when a bad review opens a case)
SYSTEM = "system"
NOTE_MAX = 2000
RECIPIENT_MAX = 200
OVERDUE_ROLE = Role.CENTRE
ALERT_KIND = "overdue"
# How feedback was given (反馈方式); 其他 says how in the note.
CHANNELS: tuple[str, ...] = ("电话回访", "短信", "当面", "书面", "公示", "其他")


class CaseState(StrEnum):
    OPEN = "待核实"
    VERIFIED = "已核实"
    RECTIFIED = "已整改"
    FED_BACK = "已反馈"
    CLOSED = "已办结"


class Step(StrEnum):
    VERIFY = "verify"
    RECTIFY = "rectify"
    FEEDBACK = "feedback"
    CLOSE = "close"
    OVERDUE = "overdue"  # the hall's own: past the deadline, the centre alerted

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


STEP_LABELS: dict[Step, str] = {Step.VERIFY: "核实", Step.RECTIFY: "整改", Step.FEEDBACK: "反馈",
                                Step.CLOSE: "办结", Step.OVERDUE: "逾期"}
PERSON_STEPS: tuple[Step, ...] = (Step.VERIFY, Step.RECTIFY, Step.FEEDBACK, Step.CLOSE)
_TO: dict[Step, CaseState] = {Step.VERIFY: CaseState.VERIFIED, Step.RECTIFY: CaseState.RECTIFIED,
                              Step.FEEDBACK: CaseState.FED_BACK, Step.CLOSE: CaseState.CLOSED}
_ORDER: tuple[CaseState, ...] = tuple(CaseState)


class StepRefused(IncidentError):
    """A step the case is not waiting for (out of order, done already, the case closed): the words say why."""


class StepInvalid(ValueError):
    """A step whose input cannot be recorded (no note, no finding, an unknown channel): the words say what."""


def next_step(state: str, founded: bool | None) -> Step | None:
    """The one step a case in ``state`` (with the verifier's ``founded``) is waiting for; None once closed."""
    if state == CaseState.OPEN:
        return Step.VERIFY
    if state == CaseState.VERIFIED:
        return Step.FEEDBACK if founded is False else Step.RECTIFY
    if state == CaseState.RECTIFIED:
        return Step.FEEDBACK
    if state == CaseState.FED_BACK:
        return Step.CLOSE
    return None


def state_after(step: Step) -> CaseState:
    """Where a step leaves a case."""
    return _TO[step]


def is_overdue(case: Rectification, now: datetime) -> bool:
    """Not closed, and past its deadline."""
    return case.state != CaseState.CLOSED and case.deadline <= now


def closed_late(case: Rectification) -> bool:
    return case.closed_at is not None and case.closed_at > case.deadline


@dataclass(frozen=True)
class StepInput:
    """What a person gives for a step: a note always; the finding for 核实; how and to whom for 反馈."""

    step: str
    note: str
    founded: bool | None = None
    channel: str | None = None
    recipient: str | None = None


def _text(value: str | None, label: str, limit: int, *, required: bool = True) -> str:
    text = (value or "").strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise StepInvalid(f"{label}含有无法识别的字符") from None
    if "\x00" in text:
        raise StepInvalid(f"{label}含有无法识别的字符")
    if required and not text:
        raise StepInvalid(f"请填写{label}")
    if len(text) > limit:
        raise StepInvalid(f"{label}太长：最多 {limit} 个字（现有 {len(text)} 个）")
    return text


NOTE_LABELS: dict[Step, str] = {Step.VERIFY: "核实情况", Step.RECTIFY: "整改措施", Step.FEEDBACK: "反馈内容",
                                Step.CLOSE: "办结说明"}


def check_input(given: StepInput) -> tuple[Step, str, bool | None, str | None, str | None]:
    """The step and its fields as they are recorded, or :class:`StepInvalid` naming the first problem."""
    try:
        step = Step(given.step)
    except ValueError:
        raise StepInvalid(f"没有这个步骤：{str(given.step)[:20]!r}"
                          "（应为 verify、rectify、feedback 或 close）") from None
    if step not in PERSON_STEPS:
        raise StepInvalid("逾期由系统记录，不能手工提交")
    note = _text(given.note, NOTE_LABELS[step], NOTE_MAX)
    founded = channel = recipient = None
    if step == Step.VERIFY:
        if given.founded is None:
            raise StepInvalid("请选择核实结论：差评属实，或不属实")
        founded = bool(given.founded)
    if step == Step.FEEDBACK:
        channel = (given.channel or "").strip()
        if channel not in CHANNELS:
            raise StepInvalid(f"请选择反馈方式（{'、'.join(CHANNELS)}）")
        recipient = _text(given.recipient, "反馈对象", RECIPIENT_MAX)
    return step, note, founded, channel, recipient


class Rectifications:
    """The rectification cases of one hall, on the core's units of work (see the module's docstring)."""

    def __init__(self, settings: CoreSettings) -> None:
        self.settings = settings
        self.hall = settings.hall

    def get(self, u: Unit, case_id: int) -> Rectification:
        case = u.s.get(Rectification, case_id)
        if case is None or case.hall != self.hall:
            raise NotFound(f"没有整改案件 #{case_id}")
        return case

    # ---- a person's step ------------------------------------------------------------------------
    def step(self, u: Unit, case_id: int, given: StepInput, *, by: str) -> RectificationStep:
        """Take step ``given.step`` of case ``case_id`` as ``by`` (the logged-in user): the row recorded.

        :class:`NotFound`, :class:`StepRefused` (not the step the case waits for) or :class:`StepInvalid`.
        """
        by = by.strip()
        if not by:
            raise StepInvalid("每一步都需要办理人（登录用户）")
        case = self.get(u, case_id)
        wanted = next((s for s in PERSON_STEPS if s.value == given.step), None)
        if wanted is not None:  # out of order is said first; then what is missing of the input
            self._in_order(u, case, wanted)
        step, note, founded, channel, recipient = check_input(given)
        before = CaseState(case.state)
        after = _TO[step]
        case.state = after.value
        if step == Step.VERIFY:
            case.founded = founded
        if step == Step.CLOSE:
            case.closed_at = u.now
        row = RectificationStep(case_id=case.id, at=u.now, actor=by, step=step.value, from_state=before.value,
                                to_state=after.value, note=note, founded=founded, channel=channel,
                                recipient=recipient)
        u.s.add(row)
        accounts.audit(u.s, by, f"rectification.{step.value}", f"rectification:{case.id}",
                       _audit_detail(step, before, after, note, founded=founded, channel=channel,
                                     recipient=recipient), now=u.now)
        u.s.flush()
        u.changed.add(TOPIC)
        log.info("rectification #%d: %s by %s (%s → %s)", case.id, step.value, by, before.value, after.value)
        return row

    def _in_order(self, u: Unit, case: Rectification, step: Step) -> None:
        """:class:`StepRefused` unless ``step`` is the one ``case`` is waiting for, in words that say why."""
        wanted = next_step(case.state, case.founded)
        if step == wanted:
            return
        n = f"整改案件 #{case.id}"
        then = f"下一步是{wanted.label}" if wanted is not None else ""
        if wanted is None:
            raise StepRefused(f"{n} 已办结{self._by(u, case, Step.CLOSE)}，不能再{step.label}")
        if step == Step.RECTIFY and case.founded is False:
            raise StepRefused(f"{n} 经核实差评不属实{self._by(u, case, Step.VERIFY)}，无需整改；{then}"
                              "（向相关人员解释说明）")
        if _ORDER.index(CaseState(case.state)) >= _ORDER.index(_TO[step]):
            raise StepRefused(f"{n} 已{step.label}{self._by(u, case, step)}，不能再次{step.label}；{then}")
        missing = "、".join(s.label for s in self._missing(case, step))
        raise StepRefused(f"{n} 当前状态为「{case.state}」，尚未{missing}：请先{wanted.label}，再{step.label}")

    @staticmethod
    def _missing(case: Rectification, step: Step) -> list[Step]:
        """The steps still to take before ``step`` (an unfounded case skips 整改)."""
        path = [Step.VERIFY] + ([] if case.founded is False else [Step.RECTIFY]) + [Step.FEEDBACK, Step.CLOSE]
        reached = _ORDER.index(CaseState(case.state))
        return [s for s in path[:path.index(step)] if _ORDER.index(_TO[s]) > reached]

    def _by(self, u: Unit, case: Rectification, step: Step) -> str:
        row = u.s.scalars(select(RectificationStep).where(RectificationStep.case_id == case.id,
                                                          RectificationStep.step == step.value)
                          .order_by(RectificationStep.id.desc()).limit(1)).first()
        return f"（{row.actor}）" if row is not None else ""

    # ---- the clock ------------------------------------------------------------------------------
    def tick(self, u: Unit) -> None:
        """Cases past their deadline and not closed, not yet alerted: each alerted to the centre, once."""
        due = select(Rectification).where(
            Rectification.hall == self.hall, Rectification.state != CaseState.CLOSED.value,
            Rectification.deadline <= u.now, Rectification.overdue_alerted_at.is_(None)).order_by(Rectification.id)
        for case in u.s.scalars(due).all():
            rating = u.s.get(Rating, case.rating_id)
            alert = self._alert(u, case, rating)
            case.overdue_alerted_at = u.now
            note = f"超过整改期限，仍为「{case.state}」；已告警{OVERDUE_ROLE.label}（告警 #{alert.id}）"
            u.s.add(RectificationStep(case_id=case.id, at=u.now, actor=SYSTEM, step=Step.OVERDUE.value,
                                      from_state=case.state, to_state=case.state, note=note))
            u.changed.add(TOPIC)
            log.warning("rectification #%d of %s is overdue (deadline %s, %s): the centre is alerted",
                        case.id, case.terminal_id, case.deadline.isoformat(), case.state)

    def _alert(self, u: Unit, case: Rectification, rating: Rating | None) -> Alert:
        tz = timezone(timedelta(minutes=rating.utc_offset_min if rating is not None else 0))
        where = case.terminal_id
        item = rating.item_name if rating is not None else ""
        title = f"[差评整改逾期] {self.settings.hall_name or self.hall} {where}: {item}".rstrip(": ")
        what = (f"{LEVELS.get(rating.level, rating.level)}（{rating.level} 星）评价于 "
                f"{rating.rated_at.astimezone(tz):%m-%d %H:%M}，" if rating is not None else "")
        body = (f"终端 {where} 的差评{('「' + item + '」') if item else ''}：{what}整改案件 #{case.id} "
                f"应于 {case.deadline.astimezone(tz):%m-%d %H:%M} 前办结，现为「{case.state}」，已逾期。")
        a = Alert(incident_id=None, role=OVERDUE_ROLE.value, kind=ALERT_KIND, title=title[:300], body=body,
                  created_at=u.now, due_at=u.now, status="sending", attempts=0, error="")
        u.s.add(a)
        u.s.flush()
        u.alerts.append(a.id)  # handed to the sender after the commit
        return a


# ---- reading ------------------------------------------------------------------------------------
LIST_STATES: dict[str, str] = {"open": "未办结", **{st.value: st.value for st in CaseState}, "all": "全部"}


@dataclass(frozen=True)
class CaseFilter:
    """What the list of cases is narrowed to: ``state`` is ``open`` (not closed), ``all`` or a state."""

    state: str = "open"
    terminal_id: str | None = None
    overdue: bool | None = None  # true: only overdue ones; false: none of them
    limit: int = 200
    offset: int = 0


def case_public(case: Rectification, rating: Rating | None, now: datetime) -> dict[str, Any]:
    """A case as the pages and the API show it, with its rating and whether it is (or was closed) late."""
    offset = timedelta(minutes=rating.utc_offset_min) if rating is not None else timedelta(0)
    nxt = next_step(case.state, case.founded)
    return {
        "id": case.id, "rating_id": case.rating_id, "terminal_id": case.terminal_id, "state": case.state,
        "founded": case.founded, "opened_at": case.opened_at, "deadline": case.deadline, "closed_at": case.closed_at,
        "overdue": is_overdue(case, now), "closed_late": closed_late(case),
        "overdue_alerted_at": case.overdue_alerted_at, "next_step": nxt.value if nxt is not None else None,
        "item_code": rating.item_code if rating else "", "item_name": rating.item_name if rating else "",
        "level": rating.level if rating else 0, "tags": list(rating.tags or []) if rating else [],
        "case_no": rating.case_no if rating else None,
        "rated_at": (rating.rated_at if rating else case.opened_at).astimezone(timezone(offset)),
    }


def list_cases(s: Session, hall: str, now: datetime, f: CaseFilter = CaseFilter()) -> list[dict[str, Any]]:
    """Cases the filter lets through: not closed first, the nearest deadline first."""
    q = select(Rectification, Rating).outerjoin(Rating, Rating.id == Rectification.rating_id).where(
        Rectification.hall == hall)
    if f.state == "open":
        q = q.where(Rectification.state != CaseState.CLOSED.value)
    elif f.state != "all":
        q = q.where(Rectification.state == f.state)
    if f.terminal_id is not None:
        q = q.where(Rectification.terminal_id == f.terminal_id)
    if f.overdue is True:
        q = q.where(Rectification.state != CaseState.CLOSED.value, Rectification.deadline <= now)
    elif f.overdue is False:
        q = q.where((Rectification.state == CaseState.CLOSED.value) | (Rectification.deadline > now))
    q = q.order_by(Rectification.state == CaseState.CLOSED.value, Rectification.deadline, Rectification.id)
    return [case_public(c, r, now) for c, r in s.execute(q.limit(f.limit).offset(f.offset)).all()]


def open_counts(s: Session, hall: str, now: datetime) -> tuple[int, int]:
    """How many cases are not closed, and how many of them are overdue."""
    not_closed = (Rectification.hall == hall, Rectification.state != CaseState.CLOSED.value)
    n = s.scalar(select(func.count()).select_from(Rectification).where(*not_closed)) or 0
    late = s.scalar(select(func.count()).select_from(Rectification).where(*not_closed,
                                                                          Rectification.deadline <= now)) or 0
    return int(n), int(late)


def case_detail(s: Session, hall: str, case_id: int, now: datetime) -> dict[str, Any] | None:
    """One case with its rating and every step of its history, oldest first; None if there is none."""
    case = s.get(Rectification, case_id)
    if case is None or case.hall != hall:
        return None
    out = case_public(case, s.get(Rating, case.rating_id), now)
    out["steps"] = [{"id": r.id, "at": r.at, "actor": r.actor, "step": r.step, "from_state": r.from_state,
                     "to_state": r.to_state, "note": r.note, "founded": r.founded, "channel": r.channel,
                     "recipient": r.recipient}
                    for r in s.scalars(select(RectificationStep).where(RectificationStep.case_id == case_id)
                                       .order_by(RectificationStep.id))]
    return out


def _audit_detail(step: Step, before: CaseState, after: CaseState, note: str, *, founded: bool | None,
                  channel: str | None, recipient: str | None) -> str:
    parts = [f"{step.label}：{before.value} → {after.value}"]
    if founded is not None:
        parts.append("差评属实" if founded else "差评不属实")
    if channel:
        parts.append(f"{channel} → {recipient}")
    parts.append(note[:200])
    return "；".join(parts)


__all__ = [
    "CHANNELS", "LIST_STATES", "NOTE_LABELS", "PERSON_STEPS", "STEP_LABELS", "TOPIC", "CaseFilter", "CaseState",
    "Rectifications", "Step", "StepInput", "StepInvalid", "StepRefused", "case_detail", "case_public", "check_input",
    "closed_late", "is_overdue", "list_cases", "next_step", "open_counts", "state_after",
]
