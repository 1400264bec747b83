"""Ratings and complaints at the hall: stored once per kiosk id (whatever the sequence number),
acknowledged like events, bad reviews opening rectification cases, complaints as work orders due on
the official calendar, the phone sealed at rest and masked; an unknown kind of message ignored with a
count. Driven by contract payloads on a real database with a fake clock (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import func, select

from ground.clock import FakeClock
from hall_server.core import HallCore
from hall_server.db import Complaint, Rating, Rectification
from hall_server.domain.base import NotFound
from tests.hall.harness import make_core
from tests.hall.test_core import register
from wire.contract import ComplaintPayload, RatingPayload
from wire.feedback import SealError, make_keypair, new_id, seal_phone

CST = timezone(timedelta(hours=8))
PRIVATE, PUBLIC = make_keypair()
PHONE = "13955501234"


class Hall:
    def __init__(self, url: str, **settings: Any) -> None:
        self.url, self.settings, self.clock = url, settings, FakeClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
        self.acks: list[tuple[str, int, bool]] = []
        self.cores: list[HallCore] = []
        self.core = self.restart()

    def restart(self) -> HallCore:
        core = make_core(self.url, self.clock, [], [], **self.settings)

        def publish(acks: Sequence[tuple[str, int, bool]]) -> None:
            self.acks.extend(acks)

        core.publish_acks = publish
        self.cores.append(core)
        self.core = core
        return core

    def count(self, model: Any) -> int:
        with self.core.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def fb(db_url: str) -> Iterator[Hall]:
    h = Hall(db_url, private_key=PRIVATE, rectification=timedelta(days=7))
    register_all(h)
    yield h
    for c in h.cores:
        c.sessions.kw["bind"].dispose()


def register_all(h: Hall) -> None:
    register(h, "t01")  # type: ignore[arg-type]  # the harness helper needs .core only


def rating(seq: int, level: int = 5, rid: str | None = None, at: datetime | None = None) -> RatingPayload:
    return RatingPayload(terminal="t01", seq=seq, session=1, id=rid or new_id(), item_code="150100-001",
                         item_name="社保卡补换", level=level, tags=["办事快"], rated_at=at or datetime(
                             2026, 3, 2, 9, 30, tzinfo=CST))


def complaint(seq: int, cid: str | None = None, at: datetime | None = None, sealed: str | None = None,
              ) -> ComplaintPayload:
    return ComplaintPayload(terminal="t01", seq=seq, session=1, id=cid or new_id(), category="蜗牛办事",
                            matter="等了两个小时", phone_sealed=sealed or seal_phone(PUBLIC, PHONE),
                            filed_at=at or datetime(2026, 2, 13, 16, 0, tzinfo=CST))


def test_ratings_are_stored_once_per_id_and_acknowledged_like_events(fb: Hall) -> None:
    r1, r2 = rating(1), rating(2, level=4)
    assert [o for o, _ in fb.core.process([r1, r2])] == ["accepted", "accepted"]
    assert fb.acks[-1] == ("t01", 2, False)
    # the same message again (the broker or the agent sent it twice): a duplicate, still acknowledged
    assert fb.core.process([r1])[0][0] == "duplicate"
    # the same rating under a new number (the agent restarted before hearing accepted, the kiosk sent
    # it again): kept once, and its number counts as stored so the acknowledgement moves on
    again = rating(3, rid=r1.id)
    assert fb.core.process([again])[0][0] == "duplicate"
    assert fb.acks[-1] == ("t01", 3, False) and fb.count(Rating) == 2
    with fb.core.sessions() as s:
        row = s.get(Rating, r1.id)
        assert row is not None and (row.level, row.tags, row.terminal_id, row.seq) == (5, ["办事快"], "t01", 1)
        assert row.rated_at == datetime(2026, 3, 2, 1, 30, tzinfo=UTC) and row.utc_offset_min == 480


def test_a_bad_review_opens_a_rectification_case_due_after_the_configured_days(db_url: str) -> None:
    h = Hall(db_url, private_key=PRIVATE, rectification=timedelta(days=3))
    try:
        register_all(h)
        at = datetime(2026, 3, 2, 9, 30, tzinfo=CST)
        h.core.process([rating(1, level=1, at=at), rating(2, level=2, at=at), rating(3, level=3, at=at)])
        with h.core.sessions() as s:
            cases = list(s.scalars(select(Rectification).order_by(Rectification.id)))
            levels = {r.id: r.level for r in s.scalars(select(Rating))}
        assert [levels[c.rating_id] for c in cases] == [1, 2]  # 非常不满意 and 不满意, not 基本满意
        assert all(c.state == "待核实" and c.deadline == at + timedelta(days=3) for c in cases)
    finally:
        for c in h.cores:
            c.sessions.kw["bind"].dispose()


def test_a_complaint_is_a_work_order_due_on_the_official_calendar_with_its_phone_sealed(fb: Hall) -> None:
    c = complaint(1)  # filed Friday 13 February 2026, 16:00 local: due the adjusted working Saturday
    assert fb.core.process([c])[0][0] == "accepted"
    with fb.core.sessions() as s:
        row = s.get(Complaint, c.id)
    assert row is not None
    assert (row.state, row.category, row.due_basis) == ("已受理", "蜗牛办事", "official")
    assert row.due_at == datetime(2026, 2, 15, 0, 0, tzinfo=CST)  # the end of Saturday 14 February
    assert row.order_no.startswith("T01-20260213-")
    assert PHONE not in row.phone_sealed and row.phone_masked == "139****1234" and row.phone_problem is None
    with fb.core.sessions() as s:
        assert fb.core.feedback.reveal_phone(s, c.id) == PHONE
        with pytest.raises(NotFound):
            fb.core.feedback.reveal_phone(s, new_id())


def test_a_phone_the_hall_cannot_open_keeps_the_complaint_and_says_why(db_url: str) -> None:
    h = Hall(db_url)  # no private key configured
    try:
        register_all(h)
        c = complaint(1)
        other = complaint(2, sealed=seal_phone(make_keypair()[1], PHONE))  # sealed to another hall's key
        assert [o for o, _ in h.core.process([c, other])] == ["accepted", "accepted"]
        assert h.acks[-1] == ("t01", 2, False)  # stored: acknowledged, the agent forgets it
        with h.core.sessions() as s:
            rows = {r.id: r for r in s.scalars(select(Complaint))}
            with pytest.raises(SealError):
                h.core.feedback.reveal_phone(s, c.id)
        assert "no private key" in (rows[c.id].phone_problem or "") and rows[c.id].phone_masked == ""
        assert h.core.feedback.unreadable_phones == 2
        # the key configured and the hall restarted: what is ours opens now, the other stays as it was
        h.settings["private_key"] = PRIVATE
        h.restart()
        with h.core.sessions() as s:
            rows = {r.id: r for r in s.scalars(select(Complaint))}
        assert rows[c.id].phone_masked == "139****1234" and rows[c.id].phone_problem is None
        assert rows[other.id].phone_problem is not None and "cannot be opened" in rows[other.id].phone_problem
    finally:
        for core in h.cores:
            core.sessions.kw["bind"].dispose()


def test_an_unpublished_year_is_provisional_and_recomputed_when_the_calendar_knows_it(
        fb: Hall, monkeypatch: pytest.MonkeyPatch) -> None:
    from ground import workdays

    c = complaint(1, at=datetime(2026, 3, 6, 16, 0, tzinfo=CST))  # a Friday
    monkeypatch.setattr(workdays, "_KNOWN", range(2004, 2026))  # as if 2026 were not published yet
    fb.core.process([c])
    with fb.core.sessions() as s:
        row = s.get(Complaint, c.id)
        assert row is not None and row.due_basis == "provisional" and "2026" in row.due_note
        assert row.due_at == datetime(2026, 3, 10, 0, 0, tzinfo=CST)  # Monday 9 March, weekends only
    monkeypatch.undo()  # a newer chinesecalendar, the hall restarted
    fb.restart()
    with fb.core.sessions() as s:
        row = s.get(Complaint, c.id)
        assert row is not None and (row.due_basis, row.due_note) == ("official", "")
        assert row.due_at == datetime(2026, 3, 10, 0, 0, tzinfo=CST)


def test_the_hall_restarted_keeps_counting_numbers_stored_above_a_gap(fb: Hall) -> None:
    fb.core.process([rating(1), complaint(3)])  # 2 never came
    assert fb.acks[-1] == ("t01", 1, True)
    fb.restart()
    assert fb.core.terminals["t01"].above == {3}
    fb.core.process([rating(2)])
    assert fb.acks[-1] == ("t01", 3, False)
