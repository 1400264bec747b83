"""ground.workdays: China's official calendar with 调休, and no guessing for an unknown year.

The facts are the State Council's published arrangements (国务院办公厅关于2025年/2026年部分节假日安排的
通知), as chinesecalendar 1.11 has them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from ground.workdays import CalendarUnknown, add_workdays, is_workday, known_years, workdays_between


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def test_known_years_are_those_of_the_package() -> None:
    years = known_years()
    assert years.start == 2004
    assert 2025 in years and 2026 in years
    assert 2027 not in years  # the 2027 arrangement is not published yet


def test_national_day_2025_and_its_adjusted_working_weekend() -> None:
    assert not any(is_workday(d) for d in days(date(2025, 10, 1), date(2025, 10, 8)))
    assert is_workday(date(2025, 9, 28))  # a Sunday, worked
    assert is_workday(date(2025, 10, 11))  # a Saturday, worked
    assert date(2025, 9, 28).weekday() == 6 and date(2025, 10, 11).weekday() == 5
    assert not is_workday(date(2025, 10, 12))  # an ordinary Sunday
    assert is_workday(date(2025, 10, 9))  # back to work on Thursday


def test_spring_festival_2026() -> None:
    # 2月15日（腊月二十八）至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班
    assert not any(is_workday(d) for d in days(date(2026, 2, 15), date(2026, 2, 23)))
    assert is_workday(date(2026, 2, 14)) and date(2026, 2, 14).weekday() == 5
    assert is_workday(date(2026, 2, 28)) and date(2026, 2, 28).weekday() == 5
    assert is_workday(date(2026, 2, 24))


def test_mid_autumn_and_national_day_2026() -> None:
    # 中秋节 9月25日至27日；国庆节 10月1日至7日；9月20日（周日）、10月10日（周六）上班
    assert not any(is_workday(d) for d in days(date(2026, 9, 25), date(2026, 9, 27)))
    assert not any(is_workday(d) for d in days(date(2026, 10, 1), date(2026, 10, 7)))
    assert is_workday(date(2026, 9, 20)) and date(2026, 9, 20).weekday() == 6
    assert is_workday(date(2026, 10, 10)) and date(2026, 10, 10).weekday() == 5
    assert is_workday(date(2026, 10, 8)) and is_workday(date(2026, 10, 9))


def test_ordinary_weeks() -> None:
    assert is_workday(date(2026, 3, 2))  # Monday
    assert not is_workday(date(2026, 3, 7))  # Saturday
    assert not is_workday(date(2026, 3, 8))  # Sunday
    assert is_workday(datetime(2026, 3, 2, 23, 59))  # a datetime counts as its day


def test_add_workdays_does_not_count_the_start_day() -> None:
    monday = date(2026, 3, 2)
    assert add_workdays(monday, 1) == date(2026, 3, 3)
    assert add_workdays(monday, 5) == date(2026, 3, 9)  # over the weekend
    saturday = date(2026, 3, 7)
    assert add_workdays(saturday, 1) == date(2026, 3, 9)  # accepted on a rest day: Monday is the 1st


def test_add_workdays_zero_is_the_day_itself_or_the_next_working_day() -> None:
    assert add_workdays(date(2026, 3, 2), 0) == date(2026, 3, 2)
    assert add_workdays(date(2026, 3, 7), 0) == date(2026, 3, 9)
    assert add_workdays(date(2026, 10, 1), 0) == date(2026, 10, 8)


def test_add_workdays_over_the_holidays_and_their_adjusted_days() -> None:
    # Friday 13 Feb 2026: the next working day is the adjusted Saturday 14th, then nothing until the 24th.
    assert add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)
    # 2025 National Day: from Friday 26 Sep, Sunday 28th, Mon 29th, Tue 30th, then Thu 9 Oct, Sat 11 Oct.
    start = date(2025, 9, 26)
    assert [add_workdays(start, n) for n in range(1, 6)] == [
        date(2025, 9, 28), date(2025, 9, 29), date(2025, 9, 30), date(2025, 10, 9), date(2025, 10, 10)]
    assert add_workdays(start, 6) == date(2025, 10, 11)
    # 2026: accepted the day before National Day with 5 working days: 8, 9, 10 (Sat), 12, 13 October.
    assert add_workdays(date(2026, 9, 30), 5) == date(2026, 10, 13)


def test_add_workdays_rejects_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_workdays(date(2026, 3, 2), -1)


def test_workdays_between_is_the_inverse_of_add_workdays() -> None:
    assert workdays_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert workdays_between(date(2026, 3, 2), date(2026, 3, 9)) == 5
    assert workdays_between(date(2026, 3, 9), date(2026, 3, 2)) == -5
    assert workdays_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
    start = date(2026, 1, 30)
    for n in (1, 3, 10, 25, 60):
        assert workdays_between(start, add_workdays(start, n)) == n
    # a whole year: 365 days, of which the working ones
    assert workdays_between(date(2024, 12, 31), date(2025, 12, 31)) == sum(
        is_workday(d) for d in days(date(2025, 1, 1), date(2025, 12, 31)))


def test_crossing_into_2027_raises_calendar_unknown() -> None:
    with pytest.raises(CalendarUnknown) as info:
        add_workdays(date(2026, 12, 28), 10)
    assert info.value.year == 2027
    assert info.value.reason == "尚无2027年法定节假日安排，暂无法计算工作日"
    assert "2027" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_an_unknown_year_is_never_guessed() -> None:
    for call in (lambda: is_workday(date(2027, 1, 4)),  # a Monday: a guess would say True
                 lambda: workdays_between(date(2026, 12, 1), date(2027, 1, 15)),
                 lambda: add_workdays(date(2027, 3, 1), 0)):
        with pytest.raises(CalendarUnknown) as info:
            call()
        assert info.value.year == 2027
    with pytest.raises(CalendarUnknown) as info:
        is_workday(date(2003, 12, 31))
    assert info.value.year == 2003 and "2003" in info.value.reason


def test_the_last_days_of_2026_are_known() -> None:
    assert is_workday(date(2026, 12, 31))  # Thursday
    assert add_workdays(date(2026, 12, 30), 1) == date(2026, 12, 31)
    with pytest.raises(CalendarUnknown):
        add_workdays(date(2026, 12, 30), 2)  # 2027-01-01 (and after) is not known
