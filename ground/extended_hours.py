"""The Saturday extended-hours service (非工作日延时服务, seed 000 《延时服务制度》): which Saturdays can be
booked, and until when. One home for the rule: the kiosk's screens, the demo platform and the hall
all ask here. Pure functions of a date or a local time; no clock is read.

The seed's rule, and how it is read here:

* 三、"非工作日周六上午9:00—12:00，提供预约延时服务（法定节假日除外）": a Saturday that is a **rest day**
  (公休日) on China's official calendar (:mod:`ground.workdays`, the State Council's arrangement) and
  not a statutory holiday. So:

  - a Saturday inside a statutory holiday (2026-10-03, 国庆节) is not bookable: ``holiday``;
  - an adjusted working Saturday (调休上班, 2026-02-14 before the Spring Festival) is not a 非工作日 at
    all: the hall works its ordinary weekday hours that day, and a citizen comes then without booking.
    It is not bookable as extended hours: ``workday`` (the screen says the windows are open as usual);
  - any other Saturday is bookable, 09:00–12:00.
* 四、"预约时间为周一至周五12:00之前": a Saturday's bookings close on the Friday before it at 12:00
  local time (:func:`closes_at`); from then on it is ``closed``.
* 六、"需提前一天取消预约": a booking may be cancelled up to the day before the Saturday
  (:func:`can_cancel`); on the day itself, no longer.
* 五(三): the citizen is contacted when not there 30 minutes after the start (:data:`CONTACT_AFTER`),
  and has given the service up when not there after one hour (:data:`NO_SHOW_AFTER`).

A Saturday of a year whose calendar is not yet published is never guessed:
:class:`ground.workdays.CalendarUnknown` is raised by :func:`saturday`, and :func:`next_saturdays`
lists it as ``unknown`` with the calendar's words (:attr:`Saturday.reason`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import chinese_calendar

from ground.workdays import CalendarUnknown, is_workday

__all__ = ["CONTACT_AFTER", "END", "NO_SHOW_AFTER", "START", "Saturday", "can_cancel", "closes_at",
           "next_saturdays", "saturday"]

START = time(9, 0)
END = time(12, 0)
CLOSING = time(12, 0)  # on the Friday before
CONTACT_AFTER = timedelta(minutes=30)
NO_SHOW_AFTER = timedelta(minutes=60)
HOURS = "09:00—12:00"

# chinese_calendar's holiday names (English) as the citizen reads them.
HOLIDAY_NAMES: dict[str, str] = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# status → what the screen and the refusal say (Chinese; the kiosk's own words are in its Texts).
REASONS: dict[str, str] = {
    "open": "",
    "holiday": "{holiday}法定节假日，不提供延时服务",
    "workday": "调休工作日，窗口正常上班，无需预约",
    "closed": "预约已截止（截至前一天周五12:00）",
    "unknown": "",  # CalendarUnknown.reason
}


@dataclass(frozen=True)
class Saturday:
    """One Saturday as the booking screen shows it. ``status``: ``open`` (bookable), ``holiday``,
    ``workday`` (调休), ``closed`` (past Friday 12:00), ``unknown`` (the year's calendar)."""

    day: date
    status: str
    closes: datetime  # naive local time: the Friday before, 12:00
    holiday: str = ""  # 国庆节 …, for ``holiday``
    reason: str = ""  # Chinese; "" when open

    @property
    def bookable(self) -> bool:
        return self.status == "open"


def closes_at(day: date) -> datetime:
    """When bookings for Saturday ``day`` close: the Friday before at 12:00 (local, naive)."""
    _check_saturday(day)
    return datetime.combine(day - timedelta(days=1), CLOSING)


def saturday(day: date, now: datetime) -> Saturday:
    """What Saturday ``day`` is for a booking made at local time ``now`` (naive or aware: its wall
    clock counts). Raises :class:`CalendarUnknown` for a year not published, ``ValueError`` for
    a day that is not a Saturday."""
    closes = closes_at(day)
    workday = is_workday(day)  # raises CalendarUnknown
    _on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if workday:
        return Saturday(day, "workday", closes, reason=REASONS["workday"])
    if name is not None:
        holiday = HOLIDAY_NAMES.get(str(name), str(name))
        return Saturday(day, "holiday", closes, holiday, REASONS["holiday"].format(holiday=holiday))
    if _wall(now) >= closes:
        return Saturday(day, "closed", closes, reason=REASONS["closed"])
    return Saturday(day, "open", closes)


def next_saturdays(now: datetime, count: int = 4) -> list[Saturday]:
    """The next ``count`` Saturdays whose bookings have not closed at ``now``, each with its status
    (the screen shows the ones not bookable greyed, with the reason). A Saturday of a year whose
    calendar is unknown is listed ``unknown`` with the calendar's words, never guessed."""
    wall = _wall(now)
    d = wall.date() + timedelta(days=(5 - wall.weekday()) % 7)
    if wall >= datetime.combine(d - timedelta(days=1), CLOSING):
        d += timedelta(days=7)
    out: list[Saturday] = []
    while len(out) < count:
        try:
            out.append(saturday(d, wall))
        except CalendarUnknown as exc:
            out.append(Saturday(d, "unknown", closes_at(d), reason=exc.reason))
        d += timedelta(days=7)
    return out


def can_cancel(day: date, now: datetime) -> bool:
    """Whether a booking for ``day`` may still be cancelled at ``now``: up to the day before."""
    return _wall(now).date() < day


def _wall(t: datetime) -> datetime:
    return t.replace(tzinfo=None)


def _check_saturday(day: date) -> None:
    if isinstance(day, datetime) or day.weekday() != 5:
        raise ValueError(f"{day} is not a Saturday: the extended hours are on Saturdays only")
