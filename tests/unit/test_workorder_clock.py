"""The working-day clock of complaint work orders (docs/workorders.md) on the published calendars of 2025 and 2026
and on a year whose calendar is not published, with the dates of the State Council's arrangements
(国务院办公厅关于2025年/2026年部分节假日安排的通知) as chinesecalendar holds them.

A work order's answer is due at the end (24:00 local) of the first working day after the day its round began,
plus its extensions (:func:`order_due`); the day itself is not counted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from ground.workdays import is_workday, known_years
from hall_server.db import Complaint
from hall_server.domain.feedback import answer_deadline, due_text, due_time, order_due

CST = timezone(timedelta(hours=8))


def end_of(day: date) -> datetime:
    """24:00 of ``day`` in China: what a due time on that day is."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=CST)


def order(filed: datetime, extended: int = 0, due_from: date | None = None) -> Complaint:
    return Complaint(filed_at=filed.astimezone(UTC), utc_offset_min=480, extended_days=extended, due_from=due_from)


def test_the_venv_knows_2025_and_2026_and_not_2027() -> None:
    assert 2025 in known_years() and 2026 in known_years() and 2027 not in known_years()


def test_2025_spring_festival_adjusted_working_sunday_and_saturday() -> None:
    # 2025-01-26 (Sunday) and 2025-02-08 (Saturday) were worked; 01-28 … 02-04 off
    assert date(2025, 1, 26).weekday() == 6 and date(2025, 2, 8).weekday() == 5
    filed = datetime(2025, 1, 24, 17, 30, tzinfo=CST)  # Friday evening
    assert due_time(filed) == (end_of(date(2025, 1, 26)), "official", "")  # due on the working Sunday
    # filed on the working Sunday: due Monday 27th; an extension of 1 jumps the whole holiday to 5 February
    assert order_due(order(datetime(2025, 1, 26, 10, 0, tzinfo=CST)))[0] == end_of(date(2025, 1, 27))
    assert order_due(order(datetime(2025, 1, 26, 10, 0, tzinfo=CST), extended=1))[0] == end_of(date(2025, 2, 5))
    assert order_due(order(datetime(2025, 2, 7, 9, 0, tzinfo=CST)))[0] == end_of(date(2025, 2, 8))  # Saturday worked


def test_2025_national_day_off_with_its_working_weekend_days() -> None:
    assert not any(is_workday(date(2025, 10, d)) for d in range(1, 9))
    filed = datetime(2025, 9, 26, 16, 0, tzinfo=CST)  # Friday; Saturday 27th is a rest day, Sunday 28th worked
    assert due_time(filed)[0] == end_of(date(2025, 9, 28))
    assert order_due(order(filed, extended=1))[0] == end_of(date(2025, 9, 29))
    assert order_due(order(filed, extended=2))[0] == end_of(date(2025, 9, 30))
    # sent back on 30 September: the next working day is Thursday 9 October, after the holiday
    assert order_due(order(filed, due_from=date(2025, 9, 30)))[0] == end_of(date(2025, 10, 9))
    # and 11 October (Saturday) is worked: sent back on Friday 10th, due Saturday 11th
    assert order_due(order(filed, due_from=date(2025, 10, 10)))[0] == end_of(date(2025, 10, 11))


def test_2026_spring_festival_and_national_day() -> None:
    # 2026-02-14 (Saturday) worked, 02-15 … 02-23 off, 02-28 (Saturday) worked
    filed = datetime(2026, 2, 13, 16, 0, tzinfo=CST)
    assert due_time(filed)[0] == end_of(date(2026, 2, 14))
    assert order_due(order(filed, extended=2))[0] == end_of(date(2026, 2, 25))
    assert order_due(order(filed, due_from=date(2026, 2, 27)))[0] == end_of(date(2026, 2, 28))
    # 2026-09-20 (Sunday) worked; 10-01 … 10-07 off; 10-10 (Saturday) worked
    assert due_time(datetime(2026, 9, 19, 11, 0, tzinfo=CST))[0] == end_of(date(2026, 9, 20))
    assert due_time(datetime(2026, 9, 30, 11, 0, tzinfo=CST))[0] == end_of(date(2026, 10, 8))
    assert order_due(order(datetime(2026, 10, 9, 9, 0, tzinfo=CST)))[0] == end_of(date(2026, 10, 10))


def test_an_ordinary_week_counts_monday_to_friday() -> None:
    friday = datetime(2026, 3, 6, 12, 0, tzinfo=CST)
    assert due_time(friday)[0] == end_of(date(2026, 3, 9))
    assert order_due(order(friday, extended=2))[0] == end_of(date(2026, 3, 11))


def test_an_unknown_year_is_provisional_says_so_and_counts_monday_to_friday() -> None:
    at, basis, note = due_time(datetime(2027, 3, 5, 10, 0, tzinfo=CST))  # a Friday of 2027
    assert (at, basis) == (end_of(date(2027, 3, 8)), "provisional")
    assert "2027" in note and "暂按周一至周五计算" in note and "日历公布后重新计算" in note
    # extended by 2 in the unknown year: two weekdays more, still provisional
    assert order_due(order(datetime(2027, 3, 5, 10, 0, tzinfo=CST), extended=2))[:2] == (
        end_of(date(2027, 3, 10)), "provisional")
    # the count reaching into 2027 from the last day of 2026: provisional too, never a silent guess
    at, basis, note = answer_deadline(date(2026, 12, 31), 1, CST)
    assert (at, basis) == (end_of(date(2027, 1, 1)), "provisional") and "2027" in note


def test_a_due_time_reads_as_24_00_of_its_day() -> None:
    c = order(datetime(2025, 9, 26, 16, 0, tzinfo=CST))
    assert due_text(end_of(date(2025, 9, 28)).astimezone(UTC), c) == "2025-09-28 24:00"
    assert due_text(datetime(2025, 9, 28, 15, 30, tzinfo=CST), c) == "2025-09-28 15:30"
