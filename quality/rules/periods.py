"""Reporting periods of the service-quality report: quarters and years, each with the one before.

The unified service-quality standards for grid companies (Minenergo order No. 186 of 15.04.2014,
appendix 7, form 4.1) ask for a yearly report "with the change against the previous year"; the
portal also publishes quarters, compared with the quarter before. A period holds the cases
*registered* in it (local dates of the site's time zone), from ``start`` inclusive to ``end``
exclusive.
"""
import datetime
import re
from dataclasses import dataclass

QUARTER = "quarter"
YEAR = "year"

_SLUG = re.compile(r"^(?P<year>\d{4})(?:-q(?P<quarter>[1-4]))?$")
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int = 1  # the quarter (1–4); 1 for a year

    @property
    def start(self):
        if self.kind == YEAR:
            return datetime.date(self.year, 1, 1)
        return datetime.date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def end(self):
        """The first day after the period."""
        if self.kind == YEAR or self.number == 4:
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year, 3 * self.number + 1, 1)

    @property
    def last_day(self):
        return self.end - datetime.timedelta(days=1)

    def previous(self):
        """The period compared with: the year before, or the quarter before (Q1 → Q4 of the year before)."""
        if self.kind == YEAR:
            return Period(YEAR, self.year - 1)
        if self.number == 1:
            return Period(QUARTER, self.year - 1, 4)
        return Period(QUARTER, self.year, self.number - 1)

    @property
    def slug(self):
        return str(self.year) if self.kind == YEAR else f"{self.year}-q{self.number}"

    def contains(self, day):
        return self.start <= day < self.end


def parse(text):
    """``"2026"`` → the year 2026, ``"2026-q3"`` → its third quarter; anything else → None."""
    match = _SLUG.match((text or "").strip().lower())
    if not match:
        return None
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if match["quarter"]:
        return Period(QUARTER, year, int(match["quarter"]))
    return Period(YEAR, year)


def containing(day, kind=QUARTER):
    if kind == YEAR:
        return Period(YEAR, day.year)
    return Period(QUARTER, day.year, (day.month - 1) // 3 + 1)


def last_complete(today, kind=QUARTER):
    """The latest period that has ended before ``today``: on 15.01.2027 the 4th quarter of 2026."""
    return containing(today, kind).previous()


def recent(today, quarters=8, years=3):
    """The periods offered to choose from, newest first: the current quarter so far, the quarters
    before it, then the current year so far and the years before."""
    out, period = [], containing(today, QUARTER)
    for _i in range(quarters):
        out.append(period)
        period = period.previous()
    period = containing(today, YEAR)
    for _i in range(years):
        out.append(period)
        period = period.previous()
    return out
