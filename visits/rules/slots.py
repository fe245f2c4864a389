"""Visit slots of a service centre on a day: its opening hours, breaks, holidays and short days.

Plain functions on plain data: ``rows`` are opening-hours rows (anything with ``weekday``,
``opens``, ``closes``, ``break_start``, ``break_end``, like ``cms_pages.OpeningHours``), the
calendar is ``cases.rules.deadlines.ProductionCalendar`` (``CalendarDay.calendar()``).

- Non-working holidays and days off moved by the government's decree (the production calendar,
  Labour Code art. 112): no slots at all.
- The working day right before a non-working public holiday is one hour shorter (Labour Code
  art. 95 part 1): the centre closes an hour earlier, so the last hour's slots are not offered.
  Worked example: a centre open 9:00–17:00 on Tuesday 3 November 2026 (4 November is Unity Day)
  closes at 16:00, so with 30-minute slots the last one starts at 15:30, not at 16:30.
- A break splits the day (``cms_pages.rules.opening_hours``): 9:00–18:00 with a break 13:00–14:00
  gives 30-minute slots 9:00 … 12:30 and 14:00 … 17:30, 16 in all; no slot overlaps the break.
- A slot never runs past the end of an open stretch: 9:00–10:45 with 30-minute slots gives 9:00,
  9:30 and 10:00 (10:30 would end at 11:00).
"""
import datetime
from dataclasses import dataclass

from cases.rules.deadlines import STATUTORY_HOLIDAYS
from cms_pages.rules.opening_hours import intervals_by_weekday

DEFAULT_SLOT_MINUTES = 30  # a visitor waits at most 30 minutes in the office (Minenergo order 186)
SHORT_DAY_HOURS = 1  # Labour Code art. 95: one hour shorter before a non-working holiday

STATUTORY_DATES = frozenset(month_day for month_day, _ru, _en in STATUTORY_HOLIDAYS)

CLOSED, HOLIDAY, OPEN = "closed", "holiday", "open"


@dataclass(frozen=True)
class Slot:
    day: datetime.date
    start: datetime.time
    end: datetime.time

    @property
    def key(self):
        """The slot's identifier in forms: ``2026-12-07T09:30``."""
        return f"{self.day.isoformat()}T{self.start:%H:%M}"


def is_pre_holiday(day, calendar):
    """A working day followed by a non-working public holiday of art. 112 (art. 95)."""
    following = day + datetime.timedelta(days=1)
    return calendar.is_working_day(day) and (following.month, following.day) in STATUTORY_DATES


def day_kind(rows, day, calendar):
    """``HOLIDAY`` on a holiday or moved day off, ``CLOSED`` when the centre has no hours that
    weekday, else ``OPEN``."""
    if day in calendar.holidays and day not in calendar.working_weekends:
        return HOLIDAY
    return OPEN if intervals_by_weekday(rows).get(day.weekday()) else CLOSED


def open_intervals(rows, day, calendar):
    """The open stretches of ``day`` after holidays and the short pre-holiday day."""
    if day_kind(rows, day, calendar) != OPEN:
        return []
    intervals = list(intervals_by_weekday(rows)[day.weekday()])
    if is_pre_holiday(day, calendar):
        cut = _minutes(intervals[-1][1]) - SHORT_DAY_HOURS * 60
        shortened = []
        for start, end in intervals:
            if _minutes(start) >= cut:
                continue
            shortened.append((start, end if _minutes(end) <= cut else _time(cut)))
        intervals = shortened
    return intervals


def day_slots(rows, day, calendar, slot_minutes=DEFAULT_SLOT_MINUTES):
    """Every slot of ``day`` in order, each wholly inside an open stretch."""
    if slot_minutes <= 0:
        raise ValueError("slot_minutes must be positive")
    slots = []
    for start, end in open_intervals(rows, day, calendar):
        current, last = _minutes(start), _minutes(end)
        while current + slot_minutes <= last:
            slots.append(Slot(day, _time(current), _time(current + slot_minutes)))
            current += slot_minutes
    return slots


def parse_key(text):
    """(date, time) from a slot key, or None for anything else (a forged or broken value)."""
    try:
        value = datetime.datetime.strptime((text or "").strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    return value.date(), value.time()


def _minutes(value):
    return value.hour * 60 + value.minute


def _time(minutes):
    return datetime.time(minutes // 60, minutes % 60)
