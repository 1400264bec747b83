"""China's official working days: statutory holidays and the adjusted working weekends (调休).

The kiosk counts the promised deadline of a case (承诺办结时限, in working days) with it, and the hall
the deadlines of complaint work orders. The calendar is ``chinese_calendar``'s: each year's
arrangement is published by the State Council's General Office late in the year before, so the
package knows the years up to the last one published (:func:`known_years`).

A year outside that range raises :class:`CalendarUnknown`, never a guess: a deadline counted with
weekends only would be wrong by a week around the Spring Festival or National Day, and a citizen
would be told a false date. Callers show :attr:`CalendarUnknown.reason` instead of a date.

Counting convention (the one of 民法典 第二百零一条 and 行政许可法 第八十二条: the day a period starts
is not counted; administrative time limits are working days, statutory holidays excluded):

* ``add_workdays(start, n)`` for ``n >= 1`` is the n-th working day *after* ``start``, whether or
  not ``start`` is itself a working day: the deadline of a case accepted on ``start`` with a
  promised limit of ``n`` working days. A case accepted on Friday 2026-02-13 with 1 working day is
  due on Saturday 2026-02-14 (an adjusted working day); accepted on a Saturday that is a rest day,
  with 1 working day, it is due on Monday.
* ``add_workdays(start, 0)`` (即办, decided on the spot) is ``start`` itself if it is a working day,
  else the next working day.
* ``workdays_between(a, b)`` counts the working days ``d`` with ``a < d <= b`` (negative when
  ``b < a``), so ``add_workdays(a, workdays_between(a, b)) == b`` whenever ``b`` is a working day
  after ``a``: the working days used so far of a case accepted on ``a``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar

__all__ = ["CalendarUnknown", "add_workdays", "is_workday", "known_years", "workdays_between"]

_ONE_DAY = timedelta(days=1)


class CalendarUnknown(ValueError):
    """The official calendar of ``year`` is not known (not yet published, or before the data starts).

    ``reason`` is what the citizen or the clerk reads (Chinese); ``str(error)`` is for the log.
    """

    def __init__(self, year: int) -> None:
        years = known_years()
        if year > years[-1]:
            reason = f"尚无{year}年法定节假日安排，暂无法计算工作日"
        else:
            reason = f"无{year}年法定节假日数据，暂无法计算工作日"
        super().__init__(f"the official working-day calendar of {year} is not known "
                         f"(known: {years[0]}-{years[-1]}; update the chinesecalendar package once "
                         f"the State Council publishes it)")
        self.year = year
        self.reason = reason


def _known() -> range:
    holidays = chinese_calendar.holidays  # every statutory holiday the package knows, date → name
    first: date = min(holidays)
    last: date = max(holidays)
    return range(first.year, last.year + 1)


_KNOWN = _known()


def known_years() -> range:
    """The years whose official calendar is known: ``range(2004, 2027)`` with chinesecalendar 1.11."""
    return _KNOWN


def _day(d: date) -> date:
    """``d`` as a plain date (a :class:`datetime` counts as its calendar day), its year checked."""
    if isinstance(d, datetime):
        d = d.date()
    if d.year not in _KNOWN:
        raise CalendarUnknown(d.year)
    return d


def _is_workday(d: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(d))
    except NotImplementedError:  # the package's own range check, should it ever differ from ours
        raise CalendarUnknown(d.year) from None


def is_workday(d: date) -> bool:
    """Whether ``d`` is an official working day: Monday to Friday except statutory holidays, plus the
    adjusted working Saturdays and Sundays (调休). Raises :class:`CalendarUnknown` for an unknown year."""
    return _is_workday(_day(d))


def add_workdays(start: date, n: int) -> date:
    """The deadline of a case accepted on ``start`` with a limit of ``n`` working days.

    ``n >= 1``: the n-th working day after ``start`` (``start`` itself never counts); ``n == 0``:
    ``start`` if it is a working day, else the next one. Raises :class:`CalendarUnknown` when the
    count reaches a year whose calendar is not known (naming that year) and :class:`ValueError`
    for a negative ``n``.
    """
    if n < 0:
        raise ValueError(f"a number of working days cannot be negative: {n}")
    d = _day(start)
    if n == 0:
        while not _is_workday(d):
            d = _day(d + _ONE_DAY)
        return d
    left = n
    while left:
        d = _day(d + _ONE_DAY)
        if _is_workday(d):
            left -= 1
    return d


def workdays_between(a: date, b: date) -> int:
    """The working days ``d`` with ``a < d <= b``; ``-workdays_between(b, a)`` when ``b < a``; 0 when equal.

    Raises :class:`CalendarUnknown` when the span touches a year whose calendar is not known.
    """
    a, b = _day(a), _day(b)
    if b < a:
        return -workdays_between(b, a)
    count = 0
    d = a
    while d < b:
        d += _ONE_DAY
        count += _is_workday(d)
    return count
