"""Due dates: calendar days or working days (weekends and public holidays skipped).

The production calendar changes every year by government decree, so holidays and
transferred working days come from the ``CalendarDay`` table that administrators keep.
"""
import datetime
from dataclasses import dataclass, field

CALENDAR = "calendar"
WORKING = "working"


@dataclass(frozen=True)
class ProductionCalendar:
    holidays: frozenset = field(default_factory=frozenset)        # non-working dates
    working_weekends: frozenset = field(default_factory=frozenset)  # Saturdays/Sundays made working

    def is_working_day(self, day):
        if day in self.working_weekends:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def add_working_days(start, days, calendar):
    """The date ``days`` working days after ``start`` (the day of registration does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if calendar.is_working_day(current):
            remaining -= 1
    return current


def add_calendar_days(start, days, calendar):
    """Calendar-day deadlines ending on a non-working day move to the next working day
    (Civil Code art. 193)."""
    due = start + datetime.timedelta(days=days)
    while not calendar.is_working_day(due):
        due += datetime.timedelta(days=1)
    return due


def due_date(start, days, kind, calendar):
    if kind == WORKING:
        return add_working_days(start, days, calendar)
    return add_calendar_days(start, days, calendar)


def working_days_between(start, end, calendar):
    """How many working days after ``start`` up to and including ``end``."""
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if calendar.is_working_day(current):
            count += 1
    return count


def is_overdue(due, today, closed):
    return bool(due) and not closed and today > due
