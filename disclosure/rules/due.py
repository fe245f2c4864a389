"""Disclosure periods and due dates.

Standards of information disclosure by subjects of the wholesale and retail electricity markets
(Government decree No. 24 of 21.01.2004, "Decree 24"): a grid company publishes on its site, among
others (item 19), the free transformer capacity of substations below 35 kV by voltage level every
quarter, the results of control measurements every half-year, the stages of the connection
applications (item 19 "л", kept up to date), and
the service passports (Decree 630 of 2023, kept up to date). The yearly service-quality report is
asked for by the unified service-quality standards (Minenergo order No. 186 of 15.04.2014,
appendix 7). The number of days allowed after the period is each item's own editable setting
(``due_days``): the texts used here do not fix it for every item.

A period runs from ``start`` to ``end`` inclusive; its information is due ``due_days`` calendar
days after the end. An item published "on change" has no periods: it is due ``due_days`` days after
the change.
"""
import datetime
from dataclasses import dataclass

QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"
YEARLY = "yearly"
ON_CHANGE = "on_change"
MONTHS = {QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}


@dataclass(frozen=True)
class Period:
    frequency: str
    start: datetime.date
    end: datetime.date  # the last day, inclusive

    @property
    def year(self):
        return self.start.year

    @property
    def number(self):
        """The quarter (1–4) or half-year (1–2); 1 for a year."""
        return (self.start.month - 1) // MONTHS[self.frequency] + 1


def _first_of(year, month):
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1)


def period_containing(frequency, day):
    """The quarter, half-year or year that ``day`` falls in."""
    months = MONTHS[frequency]
    start = datetime.date(day.year, (day.month - 1) // months * months + 1, 1)
    end = _first_of(start.year, start.month + months) - datetime.timedelta(days=1)
    return Period(frequency, start, end)


def previous_period(period):
    return period_containing(period.frequency, period.start - datetime.timedelta(days=1))


def next_period(period):
    return period_containing(period.frequency, period.end + datetime.timedelta(days=1))


def due_date(period, due_days):
    """The day the period's information must be on the site: ``due_days`` calendar days after its
    last day (Q4 2026 with 30 days → 30.01.2027)."""
    return period.end + datetime.timedelta(days=due_days)


def due_after_change(changed_on, due_days):
    """An item published on change: due ``due_days`` calendar days after the change."""
    return changed_on + datetime.timedelta(days=due_days)


def period_to_publish(frequency, today):
    """The period whose information is being published now: the last one that has ended
    (on 15.01.2027 for a quarterly item: Q4 2026)."""
    return previous_period(period_containing(frequency, today))


def reminder_window(due, reminder_days):
    """The first and last day a reminder may go out: ``reminder_days`` before the due date, up to it."""
    return due - datetime.timedelta(days=reminder_days), due


OVERDUE, DUE, PUBLISHED, NOT_DUE = "overdue", "due", "published", "not_due"


def status(published, due, today):
    """published: the period's information is on the site; otherwise overdue after the due date,
    else due."""
    if published:
        return PUBLISHED
    if due is None:
        return NOT_DUE
    return OVERDUE if today > due else DUE


def reminders_due(frequency, due_days, reminder_days, today, published_starts, changed_on=None):
    """The (period start, due date) pairs an owner should be reminded of today: not yet
    published, and ``today`` on or after ``reminder_days`` before the due date (also after the due
    date, if no reminder went out in time). The caller sends each pair once.

    Periodic items look at the last ended period and the current one (the current one matters
    when fewer days are allowed after the period than the reminder runs ahead). An item published
    on change looks at its last recorded change."""
    published_starts = set(published_starts)
    if frequency == ON_CHANGE:
        if changed_on is None or any(start >= changed_on for start in published_starts):
            return []
        candidates = [(changed_on, due_after_change(changed_on, due_days))]
    else:
        current = period_containing(frequency, today)
        candidates = [(p.start, due_date(p, due_days)) for p in (previous_period(current), current)]
        candidates = [(start, due) for start, due in candidates if start not in published_starts]
    return [(start, due) for start, due in candidates
            if today >= reminder_window(due, reminder_days)[0]]
