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


# Labour Code art. 112: the public holidays fixed by law. 1–6 and 8 January are the New Year
# holidays, 7 January is Christmas.
STATUTORY_HOLIDAYS = [
    ((1, 1), "Новогодние каникулы", "New Year holidays"),
    ((1, 2), "Новогодние каникулы", "New Year holidays"),
    ((1, 3), "Новогодние каникулы", "New Year holidays"),
    ((1, 4), "Новогодние каникулы", "New Year holidays"),
    ((1, 5), "Новогодние каникулы", "New Year holidays"),
    ((1, 6), "Новогодние каникулы", "New Year holidays"),
    ((1, 7), "Рождество Христово", "Orthodox Christmas"),
    ((1, 8), "Новогодние каникулы", "New Year holidays"),
    ((2, 23), "День защитника Отечества", "Defender of the Fatherland Day"),
    ((3, 8), "Международный женский день", "International Women's Day"),
    ((5, 1), "Праздник Весны и Труда", "Spring and Labour Day"),
    ((5, 9), "День Победы", "Victory Day"),
    ((6, 12), "День России", "Russia Day"),
    ((11, 4), "День народного единства", "Unity Day"),
]


def statutory_days_off(year):
    """What the law alone fixes for a year, before the government's decree: the holidays, and
    for a holiday on a Saturday or Sunday the next working day off (art. 112 part 2). January
    holidays are the exception: the decree moves those days, so they are left out here.

    Returns (date, name_ru, name_en, moved_from) tuples, moved_from None for the holiday itself.
    """
    holidays = [(datetime.date(year, month, day), ru, en) for (month, day), ru, en in STATUTORY_HOLIDAYS]
    taken = {day for day, _ru, _en in holidays}
    result = [(day, ru, en, None) for day, ru, en in holidays]
    for day, ru, en in holidays:
        if day.month == 1 or day.weekday() < 5:
            continue
        moved = day + datetime.timedelta(days=1)
        while moved.weekday() >= 5 or moved in taken:
            moved += datetime.timedelta(days=1)
        taken.add(moved)
        result.append((moved, f"Перенос выходного с {day.day} {MONTHS_GENITIVE_RU[day.month]}",
                       f"Day off moved from {day.day} {MONTHS_EN[day.month]}", day))
    return sorted(result)


MONTHS_GENITIVE_RU = {1: "января", 2: "февраля", 3: "марта", 5: "мая", 6: "июня", 11: "ноября"}
MONTHS_EN = {1: "January", 2: "February", 3: "March", 5: "May", 6: "June", 11: "November"}


def years_without_calendar(today, known_years, horizon_days=90):
    """Years that deadlines set today may reach (longest route about 60 calendar days, with a
    margin) but that have no entries in the calendar yet: the administrators must enter them."""
    last = today + datetime.timedelta(days=horizon_days)
    return [year for year in range(today.year, last.year + 1) if year not in known_years]


# --- working hours (the call centre's callback target) -----------------------------------------

HOURS = "hours"  # a routing rule's deadline counted in the call centre's working hours


def _at(day, moment, tzinfo):
    return datetime.datetime.combine(day, moment, tzinfo=tzinfo)


def next_working_moment(moment, opens, closes, calendar):
    """``moment`` if the call centre is open then, else the next opening time (the next working
    day of the production calendar if today is off or already closed)."""
    day = moment.date()
    tzinfo = moment.tzinfo
    if calendar.is_working_day(day):
        if moment < _at(day, opens, tzinfo):
            return _at(day, opens, tzinfo)
        if moment < _at(day, closes, tzinfo):
            return moment
    day += datetime.timedelta(days=1)
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return _at(day, opens, tzinfo)


def add_working_hours(start, hours, opens, closes, calendar):
    """The moment ``hours`` working hours after ``start``, counting only the time the call centre
    is open (``opens``–``closes`` on the working days of the production calendar).

    Minenergo order No. 186 of 15.04.2014 (unified service-quality standards): when staff cannot
    answer a caller at once, the company calls back within 4 hours; the hours are the call
    centre's working hours. Worked example: a request on Friday 16:00 with hours 9–18 leaves
    2 hours on Friday and 2 on Monday: due Monday 11:00. A target that ends exactly at closing
    time is due at closing, not at the next opening.
    """
    if hours < 0:
        raise ValueError("hours must not be negative")
    if opens >= closes:
        raise ValueError("the call centre must close after it opens")
    remaining = datetime.timedelta(hours=hours)
    current = next_working_moment(start, opens, closes, calendar)
    while True:
        closing = _at(current.date(), closes, current.tzinfo)
        left_today = closing - current
        if remaining <= left_today:
            return current + remaining
        remaining -= left_today
        current = next_working_moment(closing, opens, closes, calendar)
