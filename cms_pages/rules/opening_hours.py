"""Whether a service centre is open at a moment, in the site's time zone (settings.TIME_ZONE)."""
import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass
class OpenState:
    is_open: bool
    closes_at: datetime.time | None = None      # when open: end of this stretch (break or close)
    next_open: datetime.datetime | None = None  # when closed: the next opening, local time


def _intervals(row):
    """Open stretches of one opening-hours row, split by its break."""
    if row.break_start and row.break_end and row.opens <= row.break_start < row.break_end <= row.closes:
        return [(row.opens, row.break_start), (row.break_end, row.closes)]
    return [(row.opens, row.closes)]


def intervals_by_weekday(rows):
    days = {}
    for row in rows:
        if row.closes <= row.opens:
            continue  # a malformed row never makes a centre look open
        days.setdefault(row.weekday, []).extend(_intervals(row))
    for intervals in days.values():
        intervals.sort()
    return days


def status_at(rows, moment=None):
    """Open now or not, and until when / from when; ``moment`` defaults to now."""
    moment = timezone.localtime(moment or timezone.now())
    days = intervals_by_weekday(rows)
    now = moment.time().replace(tzinfo=None)
    for start, end in days.get(moment.weekday(), []):
        if start <= now < end:
            return OpenState(is_open=True, closes_at=end)
    for offset in range(0, 8):
        day = moment.date() + datetime.timedelta(days=offset)
        for start, _end in days.get(day.weekday(), []):
            if offset == 0 and start <= now:
                continue
            return OpenState(is_open=False, next_open=datetime.datetime.combine(day, start))
    return OpenState(is_open=False)


def weekly_table(rows):
    """Seven (weekday, rows) pairs, Monday first; an empty list means closed that day."""
    by_day = {day: [] for day in range(7)}
    for row in sorted(rows, key=lambda r: (r.weekday, r.opens)):
        by_day.setdefault(row.weekday, []).append(row)
    return sorted(by_day.items())
