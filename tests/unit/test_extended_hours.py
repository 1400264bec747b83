"""The Saturday extended-hours rule (ground/extended_hours.py) on the real 2025/2026 calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ground.extended_hours import can_cancel, closes_at, next_saturdays, saturday
from ground.workdays import CalendarUnknown


def test_an_ordinary_saturday_is_open_until_friday_noon() -> None:
    day = date(2026, 3, 7)
    assert closes_at(day) == datetime(2026, 3, 6, 12, 0)
    assert saturday(day, datetime(2026, 3, 6, 11, 59)).bookable
    late = saturday(day, datetime(2026, 3, 6, 12, 0))
    assert (late.status, late.bookable) == ("closed", False)
    assert "12:00" in late.reason


def test_a_saturday_inside_national_day_is_a_holiday() -> None:
    s = saturday(date(2026, 10, 3), datetime(2026, 9, 28, 9, 0))
    assert (s.status, s.holiday) == ("holiday", "国庆节")
    assert s.reason == "国庆节法定节假日，不提供延时服务"
    assert saturday(date(2025, 10, 4), datetime(2025, 9, 29, 9, 0)).status == "holiday"
    assert saturday(date(2026, 9, 26), datetime(2026, 9, 21, 9, 0)).holiday == "中秋节"


def test_an_adjusted_working_saturday_is_an_ordinary_working_day() -> None:
    # 2026-02-14 and 2026-10-10 are 调休 working Saturdays: the windows are open as on a weekday.
    for day in (date(2026, 2, 14), date(2026, 10, 10), date(2025, 2, 8)):
        s = saturday(day, datetime(day.year, day.month, 1, 8, 0))
        assert (s.status, s.bookable) == ("workday", False), day
        assert "调休" in s.reason


def test_next_saturdays_skip_the_closed_one_and_show_the_holidays() -> None:
    # Monday 2026-09-21: 26 Sep is 中秋节, 3 Oct 国庆节, 10 Oct a 调休 working day, 17 Oct open.
    got = next_saturdays(datetime(2026, 9, 21, 10, 0), 4)
    assert [(s.day, s.status) for s in got] == [
        (date(2026, 9, 26), "holiday"), (date(2026, 10, 3), "holiday"), (date(2026, 10, 10), "workday"),
        (date(2026, 10, 17), "open")]
    # Friday 12:00 and later: this week's Saturday is gone from the list, next week's first.
    assert next_saturdays(datetime(2026, 3, 6, 12, 0), 1)[0].day == date(2026, 3, 14)
    assert next_saturdays(datetime(2026, 3, 6, 11, 0), 1)[0].day == date(2026, 3, 7)
    # On a Saturday itself, the next one.
    assert next_saturdays(datetime(2026, 3, 7, 8, 0), 1)[0].day == date(2026, 3, 14)


def test_an_unpublished_year_is_refused_in_words_never_guessed() -> None:
    got = next_saturdays(datetime(2026, 12, 21, 9, 0), 3)
    assert [(s.day, s.status) for s in got] == [
        (date(2026, 12, 26), "open"), (date(2027, 1, 2), "unknown"), (date(2027, 1, 9), "unknown")]
    assert got[1].reason == "尚无2027年法定节假日安排，暂无法计算工作日"
    with pytest.raises(CalendarUnknown):
        saturday(date(2027, 1, 2), datetime(2026, 12, 28, 9, 0))


def test_cancel_up_to_the_day_before() -> None:
    day = date(2026, 3, 7)
    assert can_cancel(day, datetime(2026, 3, 6, 23, 59))
    assert not can_cancel(day, datetime(2026, 3, 7, 0, 0))
    assert not can_cancel(day, datetime(2026, 3, 8, 9, 0))


def test_not_a_saturday_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a Saturday"):
        saturday(date(2026, 3, 8), datetime(2026, 3, 1, 9, 0))
