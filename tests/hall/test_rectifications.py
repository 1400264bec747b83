"""Rectification cases of bad reviews at the core: the steps in their order (核实 → 整改 → 反馈 → 办结),
an unfounded review explained instead of rectified, every step out of order refused with words and
nothing changed, each step in the append-only history and the audit log, and a case past its deadline
alerted to the centre once — after the commit, never again after a restart. On a real database with a
fake clock (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from hall_server import accounts
from hall_server.db import Alert, Rectification, RectificationStep
from hall_server.domain import rectifications as rect
from hall_server.domain.base import NotFound
from hall_server.domain.rectifications import CaseState, StepInput, StepInvalid, StepRefused
from tests.hall.harness import Harness
from tests.hall.test_core import register
from wire.contract import RatingPayload
from wire.feedback import new_id

CST = timezone(timedelta(hours=8))
ALL_STEPS = ("verify", "rectify", "feedback", "close")
GOOD = {"verify": StepInput("verify", "调阅录像，等候 40 分钟属实", founded=True),
        "rectify": StepInput("rectify", "高峰时段增开一个窗口"),
        "feedback": StepInput("feedback", "已电话告知整改情况", channel="电话回访", recipient="办件申请人"),
        "close": StepInput("close", "整改完成并已反馈，同意办结")}
UNFOUNDED = StepInput("verify", "录像显示等候 5 分钟，所述不实", founded=False)


def rate(h: Harness, level: int = 1, seq: int = 1, at: datetime | None = None, terminal: str = "t01") -> int:
    """A rating from ``terminal``; the id of its case (the last one opened)."""
    p = RatingPayload(terminal=terminal, seq=seq, session=1, id=new_id(), item_code="150100-001",
                      item_name="社保卡补换",
                      level=level, tags=["等待太久"], rated_at=at or h.clock.now().astimezone(CST))
    assert h.core.process([p])[0][0] == "accepted"
    with h.core.sessions() as s:
        return int(s.scalar(sa.select(sa.func.max(Rectification.id))) or 0)


def case(h: Harness, case_id: int) -> dict[str, object]:
    with h.core.sessions() as s:
        found = rect.case_detail(s, "h1", case_id, h.clock.now())
    assert found is not None
    return found


def steps(h: Harness, case_id: int) -> list[tuple[str, str, str, str]]:
    with h.core.sessions() as s:
        return [(r.step, r.actor, r.from_state, r.to_state) for r in s.scalars(
            sa.select(RectificationStep).where(RectificationStep.case_id == case_id).order_by(RectificationStep.id))]


def audit(h: Harness) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.target) for e in reversed(accounts.audit_entries(h.core.sessions))
            if e.action.startswith("rectification.")]


def test_a_founded_bad_review_is_verified_rectified_answered_and_closed_in_order(hall: Harness) -> None:
    register(hall, "t01")
    cid = rate(hall, level=1)
    assert case(hall, cid)["state"] == "待核实" and case(hall, cid)["next_step"] == "verify"
    for n, (name, who) in enumerate(zip(ALL_STEPS, ("zhaoli", "wangmin", "zhaoli", "zhaoli"), strict=True)):
        hall.clock.advance(minutes=30)
        hall.core.rectification_step(cid, GOOD[name], who)
        assert case(hall, cid)["state"] == list(CaseState)[n + 1]
    c = case(hall, cid)
    assert (c["state"], c["founded"], c["next_step"], c["closed_at"]) == ("已办结", True, None, hall.clock.now())
    assert not c["overdue"] and not c["closed_late"]
    assert steps(hall, cid) == [("verify", "zhaoli", "待核实", "已核实"), ("rectify", "wangmin", "已核实", "已整改"),
                                ("feedback", "zhaoli", "已整改", "已反馈"), ("close", "zhaoli", "已反馈", "已办结")]
    [fb] = [s for s in c["steps"] if s["step"] == "feedback"]  # type: ignore[attr-defined]
    assert (fb["channel"], fb["recipient"], fb["note"]) == ("电话回访", "办件申请人", "已电话告知整改情况")
    target = f"rectification:{cid}"
    assert audit(hall) == [("zhaoli", "rectification.verify", target), ("wangmin", "rectification.rectify", target),
                           ("zhaoli", "rectification.feedback", target), ("zhaoli", "rectification.close", target)]


def test_an_unfounded_review_is_explained_instead_of_rectified_and_closes_with_that_finding(hall: Harness) -> None:
    register(hall, "t01")
    cid = rate(hall, level=2)
    hall.core.rectification_step(cid, UNFOUNDED, "zhaoli")
    c = case(hall, cid)
    assert (c["state"], c["founded"], c["next_step"]) == ("已核实", False, "feedback")
    with pytest.raises(StepRefused, match="经核实差评不属实（zhaoli），无需整改；下一步是反馈"):
        hall.core.rectification_step(cid, GOOD["rectify"], "zhaoli")
    hall.core.rectification_step(cid, StepInput("feedback", "向窗口负责人说明核实情况", channel="当面",
                                                recipient="窗口负责人"), "zhaoli")
    hall.core.rectification_step(cid, StepInput("close", "差评不属实，已解释说明"), "zhaoli")
    assert [s[0] for s in steps(hall, cid)] == ["verify", "feedback", "close"]
    with hall.core.sessions() as s:
        [verify] = s.scalars(sa.select(RectificationStep).where(RectificationStep.step == "verify")).all()
    assert verify.founded is False and verify.note == "录像显示等候 5 分钟，所述不实"
    assert case(hall, cid)["state"] == "已办结" and case(hall, cid)["founded"] is False


# Every step against every state it is not waiting for: refused, with words, and nothing changes.
PATHS = {  # a case brought to each state by the steps before it
    "待核实": [], "已核实": ["verify"], "已整改": ["verify", "rectify"], "已反馈": ["verify", "rectify", "feedback"],
    "已办结": list(ALL_STEPS),
}
WORDS = {
    ("待核实", "rectify"): "当前状态为「待核实」，尚未核实：请先核实，再整改",
    ("待核实", "feedback"): "尚未核实、整改：请先核实，再反馈",
    ("待核实", "close"): "尚未核实、整改、反馈：请先核实，再办结",
    ("已核实", "verify"): "已核实（zhaoli），不能再次核实；下一步是整改",
    ("已核实", "feedback"): "尚未整改：请先整改，再反馈",
    ("已核实", "close"): "尚未整改、反馈：请先整改，再办结",
    ("已整改", "verify"): "已核实（zhaoli），不能再次核实；下一步是反馈",
    ("已整改", "rectify"): "已整改（zhaoli），不能再次整改；下一步是反馈",
    ("已整改", "close"): "尚未反馈：请先反馈，再办结",
    ("已反馈", "verify"): "不能再次核实；下一步是办结",
    ("已反馈", "rectify"): "不能再次整改；下一步是办结",
    ("已反馈", "feedback"): "已反馈（zhaoli），不能再次反馈；下一步是办结",
    **{("已办结", s): f"已办结（zhaoli），不能再{rect.Step(s).label}" for s in ALL_STEPS},
}


@pytest.mark.parametrize(("state", "step"), [(st, sp) for st, sp in itertools.product(PATHS, ALL_STEPS)
                                             if rect.next_step(st, True) != sp])
def test_a_step_out_of_order_is_refused_with_words_and_changes_nothing(hall: Harness, state: str, step: str) -> None:
    register(hall, "t01")
    cid = rate(hall)
    for done in PATHS[state]:
        hall.core.rectification_step(cid, GOOD[done], "zhaoli")
    before, logged = steps(hall, cid), audit(hall)
    with pytest.raises(StepRefused) as refused:
        hall.core.rectification_step(cid, GOOD[step], "wangmin")
    assert str(refused.value).startswith(f"整改案件 #{cid} ") and WORDS[(state, step)] in str(refused.value)
    assert case(hall, cid)["state"] == state and steps(hall, cid) == before and audit(hall) == logged


@pytest.mark.parametrize(("given", "words"), [
    (StepInput("verify", "查了"), "请选择核实结论"),
    (StepInput("verify", "   ", founded=True), "请填写核实情况"),
    (StepInput("verify", "x" * 2001, founded=True), "核实情况太长：最多 2000 个字（现有 2001 个）"),
    (StepInput("verify", "含\x00字符", founded=True), "核实情况含有无法识别的字符"),
    (StepInput("verify", "含\ud800字符", founded=True), "核实情况含有无法识别的字符"),
    (StepInput("approve", "x"), "没有这个步骤"),
    (StepInput("overdue", "x"), "逾期由系统记录，不能手工提交"),
])
def test_input_a_step_cannot_record_is_refused_with_words(hall: Harness, given: StepInput, words: str) -> None:
    register(hall, "t01")
    cid = rate(hall)
    with pytest.raises(StepInvalid, match=words):
        hall.core.rectification_step(cid, given, "zhaoli")
    assert steps(hall, cid) == [] and case(hall, cid)["state"] == "待核实"


def test_feedback_needs_how_and_to_whom_and_a_case_must_exist(hall: Harness) -> None:
    register(hall, "t01")
    cid = rate(hall)
    for done in ("verify", "rectify"):
        hall.core.rectification_step(cid, GOOD[done], "zhaoli")
    for given, words in ((StepInput("feedback", "已告知", recipient="申请人"), "请选择反馈方式"),
                         (StepInput("feedback", "已告知", channel="微信", recipient="申请人"), "请选择反馈方式"),
                         (StepInput("feedback", "已告知", channel="短信"), "请填写反馈对象"),
                         (StepInput("feedback", "已告知", channel="短信", recipient="人" * 201), "反馈对象太长")):
        with pytest.raises(StepInvalid, match=words):
            hall.core.rectification_step(cid, given, "zhaoli")
    with pytest.raises(StepInvalid, match="办理人"):
        hall.core.rectification_step(cid, GOOD["feedback"], "  ")
    with pytest.raises(NotFound, match="没有整改案件 #999"):
        hall.core.rectification_step(999, GOOD["verify"], "zhaoli")
    assert case(hall, cid)["state"] == "已整改"


def test_the_step_history_is_append_only(hall: Harness) -> None:
    register(hall, "t01")
    cid = rate(hall)
    hall.core.rectification_step(cid, GOOD["verify"], "zhaoli")
    for sql in ("UPDATE rectification_steps SET actor = 'someone else'", "UPDATE rectification_steps SET note = ''",
                "DELETE FROM rectification_steps"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), hall.core.sessions() as s, s.begin():
            s.execute(sa.text(sql))
    assert steps(hall, cid) == [("verify", "zhaoli", "待核实", "已核实")]


def overdue_alerts(h: Harness) -> list[Alert]:
    with h.core.sessions() as s:
        return list(s.scalars(sa.select(Alert).where(Alert.kind == "overdue").order_by(Alert.id)))


def test_a_case_past_its_deadline_is_alerted_to_the_centre_once_after_the_commit_and_not_after_a_restart(
        hall: Harness) -> None:
    register(hall, "t01")
    rated = hall.clock.now()
    cid = rate(hall, level=1)
    done = rate(hall, level=2, seq=2)
    for name in ALL_STEPS:  # the other one is closed in time: never overdue
        hall.core.rectification_step(done, GOOD[name], "zhaoli")
    hall.core.rectification_step(cid, GOOD["verify"], "zhaoli")
    hall.clock.advance(days=7, seconds=-1)
    hall.core.tick()
    assert overdue_alerts(hall) == [] and not case(hall, cid)["overdue"]

    sent: list[list[int]] = []

    def send(ids: list[int]) -> None:  # what the sender is handed: after the commit, the row is there
        with hall.core.sessions() as s:
            rows = s.scalars(sa.select(Alert).where(Alert.id.in_(ids))).all()
            assert [a.status for a in rows] == ["sending"] * len(ids)
            flagged = s.get(Rectification, cid)
            assert flagged is not None and flagged.overdue_alerted_at is not None  # committed together
        sent.append(list(ids))

    hall.core.send_alerts = send
    hall.clock.advance(seconds=2)
    hall.core.tick()
    [alert] = overdue_alerts(hall)
    assert sent == [[alert.id]]
    assert (alert.role, alert.incident_id, alert.kind) == ("centre", None, "overdue")
    assert alert.title == "[差评整改逾期] 测试大厅 t01: 社保卡补换"
    local = rated.astimezone(CST)
    assert alert.body == (f"终端 t01 的差评「社保卡补换」：非常不满意（1 星）评价于 {local:%m-%d %H:%M}，"
                          f"整改案件 #{cid} "
                          f"应于 {local + timedelta(days=7):%m-%d %H:%M} 前办结，现为「已核实」，已逾期。")
    c = case(hall, cid)
    assert c["overdue"] and c["overdue_alerted_at"] == hall.clock.now()
    assert steps(hall, cid)[-1] == ("overdue", "system", "已核实", "已核实")
    for _ in range(3):
        hall.clock.advance(hours=1)
        hall.core.tick()
    hall.restart()  # a new process on the same database: nothing alerted twice
    hall.core.send_alerts = send
    hall.clock.advance(hours=1)
    hall.core.tick()
    assert len(overdue_alerts(hall)) == 1 and sent == [[alert.id]]
    # closed late: no longer overdue, but it says it was closed late
    for name in ("rectify", "feedback", "close"):
        hall.core.rectification_step(cid, GOOD[name], "zhaoli")
    c = case(hall, cid)
    assert (c["overdue"], c["closed_late"]) == (False, True)
    with hall.core.sessions() as s:
        assert [r["id"] for r in rect.list_cases(s, "h1", hall.clock.now(), rect.CaseFilter(overdue=True))] == []


def test_many_overdue_cases_are_alerted_each_once_in_one_tick_and_a_refused_check_does_not_stop_the_tick(
        hall: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    register(hall, "t01", "t02")
    old = (hall.clock.now() - timedelta(days=10)).astimezone(CST)  # arrived late: past the deadline already
    ids = [rate(hall, level=1, seq=i + 1, at=old, terminal=t) for i, t in enumerate(("t01", "t02", "t01"))]
    real = hall.core.rectifications.tick

    def broken(u: object) -> None:
        raise RuntimeError("the database went away mid-check")

    monkeypatch.setattr(hall.core, "_ticks", [broken])
    hall.core.tick()  # logged and undone alone
    assert overdue_alerts(hall) == []
    monkeypatch.setattr(hall.core, "_ticks", [real])
    hall.core.tick()
    alerts = overdue_alerts(hall)
    assert len(alerts) == 3 and {a.role for a in alerts} == {"centre"}
    assert all(f"#{i} " in a.body for i, a in zip(ids, alerts, strict=True))
    assert hall.alerts[-3:] == [a.id for a in alerts]
    hall.core.tick()
    assert len(overdue_alerts(hall)) == 3


def test_the_list_filters_state_terminal_and_overdue_nearest_deadline_first(hall: Harness) -> None:
    register(hall, "t01", "t02")
    now = hall.clock.now()
    late = rate(hall, level=1, seq=1, at=(now - timedelta(days=8)).astimezone(CST))
    soon = rate(hall, level=2, seq=2, at=(now - timedelta(days=6)).astimezone(CST))
    other = rate(hall, level=1, seq=1, terminal="t02")
    closed = rate(hall, level=1, seq=3)
    for name in ALL_STEPS:
        hall.core.rectification_step(closed, GOOD[name], "zhaoli")

    def ids(**f: object) -> list[int]:
        with hall.core.sessions() as s:
            return [c["id"] for c in rect.list_cases(s, "h1", hall.clock.now(), rect.CaseFilter(**f))]  # type: ignore[arg-type]

    assert ids() == [late, soon, other]
    assert ids(state="all") == [late, soon, other, closed]
    assert ids(state="已办结") == [closed] and ids(state="待核实") == [late, soon, other]
    assert ids(terminal_id="t02") == [other]
    assert ids(overdue=True) == [late] and ids(overdue=False, state="all") == [soon, other, closed]
    assert ids(state="all", limit=2, offset=1) == [soon, other]
    with hall.core.sessions() as s:
        assert rect.open_counts(s, "h1", hall.clock.now()) == (3, 1)
