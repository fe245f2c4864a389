"""The arithmetic of the service-quality report: suppression of small counts, shares, percentiles,
on time, and the change against the previous period.

Small counts are suppressed so that no person can be identified from the published figures
(152-FZ "On personal data", Art. 3 and 7: a count of one or two appeals of a kind from a small town
can point to a person). A count from 1 to ``THRESHOLD - 1`` is published as «менее 5»; zero is
published (it identifies nobody). In a breakdown with a published total, a single suppressed cell
could be found by subtraction, so the next smallest cell is suppressed as well (secondary
suppression). Shares and times are only computed from at least ``THRESHOLD`` cases.
"""
import datetime
import math
import statistics
from decimal import ROUND_HALF_UP, Decimal

THRESHOLD = 5


def is_small(count, threshold=THRESHOLD):
    """1–4 cases: too few to publish. Zero is not small."""
    return count is not None and 0 < count < threshold


def suppressed_keys(counts, threshold=THRESHOLD, total_published=True):
    """The keys of a breakdown (``{key: count}``) whose counts must not be published.

    Primary: every count from 1 to threshold − 1. Secondary: when exactly one cell is suppressed
    and the total is published, the smallest other positive cell is suppressed too, so the hidden
    cell cannot be worked out as total minus the rest.
    """
    hidden = {key for key, count in counts.items() if is_small(count, threshold)}
    if total_published and len(hidden) == 1:
        others = sorted((count, str(key), key) for key, count in counts.items()
                        if key not in hidden and count > 0)
        if others:
            hidden.add(others[0][2])
    return hidden


def percent(part, whole, threshold=THRESHOLD):
    """``part`` of ``whole`` in per cent, rounded half up to one decimal; None when ``whole`` is
    under the threshold (too few cases to publish a share)."""
    if whole is None or part is None or whole < max(threshold, 1):
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def median(values, threshold=THRESHOLD):
    """The usual median (the mean of the two middle values for an even count); None under the threshold."""
    if len(values) < max(threshold, 1):
        return None
    return Decimal(str(statistics.median(values))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percentile(values, p, threshold=THRESHOLD):
    """The nearest-rank percentile: the smallest value with at least ``p`` % of values at or below
    it (rank ⌈p/100 × n⌉ in the sorted list); None under the threshold."""
    if len(values) < max(threshold, 1):
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p * len(ordered) / 100))
    return ordered[rank - 1]


def days_to_answer(registered_on, answered_on):
    """Calendar days from registration to the answer (the same day = 0)."""
    return (answered_on - registered_on).days


def on_time(answered_on, due_date, today):
    """True: answered by the due date; False: answered after it, or still open past it;
    None: still open and not yet due (not counted either way).

    The due date is the case's legal deadline (59-FZ Art. 12 by analogy and the routing table:
    30 days, extended once with notice; a deadline on a day off moves to the next working day)."""
    if answered_on is not None:
        return answered_on <= due_date
    if today > due_date:
        return False
    return None


def change(current, previous):
    """current − previous, or None when either is not published."""
    if current is None or previous is None:
        return None
    return current - previous


def as_local_date(value, tz):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(tz).date()
    return value
