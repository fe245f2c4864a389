"""Which dated records (tariffs, connection rates, income ceilings) are in force on a date.

Figures are never edited in place when the regulator changes them: editors add the next
period's records in advance, and the page picks what applies by date. A record whose
``effective_to`` is empty stays in force until a later record with the same key starts.
"""
import datetime
from dataclasses import dataclass, field
from itertools import groupby

ONE_DAY = datetime.timedelta(days=1)


@dataclass
class Period:
    """Records sharing the same start (and end) date: one regulator's decision, usually."""

    start: datetime.date
    end: datetime.date | None
    records: list = field(default_factory=list)


@dataclass
class Selection:
    on: datetime.date
    in_force: list
    upcoming: list  # of Period, soonest first
    archive: list   # of Period, newest first

    @property
    def next_change(self):
        return self.upcoming[0].start if self.upcoming else None


def effective_ends(records, key=None):
    """The last day each record applies (None = open-ended).

    With ``key``, an open-ended or overlapping record ends the day before the next
    record with the same key starts, so a forgotten ``effective_to`` cannot leave two
    prices in force at once.
    """
    ends = {}
    records = list(records)
    successors = {}
    if key is not None:
        by_key = {}
        for record in records:
            by_key.setdefault(key(record), []).append(record)
        for group in by_key.values():
            group.sort(key=lambda r: r.effective_from)
            for earlier, later in zip(group, group[1:]):
                if later.effective_from > earlier.effective_from:
                    successors[id(earlier)] = later.effective_from
    for record in records:
        end = record.effective_to
        successor_start = successors.get(id(record))
        if successor_start is not None:
            implied = successor_start - ONE_DAY
            end = implied if end is None else min(end, implied)
        ends[id(record)] = end
    return ends


def is_in_force(record, on, end=...):
    end = record.effective_to if end is ... else end
    return record.effective_from <= on and (end is None or on <= end)


def in_force(records, on, key=None):
    records = list(records)
    ends = effective_ends(records, key)
    return [r for r in records if is_in_force(r, on, ends[id(r)])]


def _periods(records, ends, newest_first):
    def period_key(record):
        end = ends[id(record)]
        return (record.effective_from, end or datetime.date.max)

    ordered = sorted(records, key=period_key, reverse=newest_first)
    periods = []
    for (start, end), group in groupby(ordered, key=period_key):
        periods.append(Period(start=start, end=None if end == datetime.date.max else end,
                              records=list(group)))
    return periods


def select(records, on, key=None):
    """Split records into those in force on ``on``, the next periods and the archive."""
    records = [r for r in records if r.effective_to is None or r.effective_to >= r.effective_from]
    ends = effective_ends(records, key)
    current, future, past = [], [], []
    for record in records:
        end = ends[id(record)]
        if record.effective_from > on:
            future.append(record)
        elif end is not None and end < on:
            past.append(record)
        else:
            current.append(record)
    upcoming = _periods(future, ends, newest_first=False)
    # Upcoming periods are grouped by start date only: that is the date citizens care about.
    merged = []
    for period in upcoming:
        if merged and merged[-1].start == period.start:
            merged[-1].records.extend(period.records)
            if merged[-1].end is not None and (period.end is None or period.end > merged[-1].end):
                merged[-1].end = period.end
        else:
            merged.append(period)
    return Selection(on=on, in_force=current, upcoming=merged,
                     archive=_periods(past, ends, newest_first=True))


def tariff_key(record):
    return (record.consumer_group, record.town, record.rate_type, record.zone, record.band, record.unit)


def standard_rate_key(record):
    return (record.code, record.voltage, record.area)


def preferential_rate_key(record):
    return (record.kind,)


def income_ceiling_key(record):
    return (record.family_size,)
