"""Which dated prices of the same key overlap: two prices for the same thing on one day.

Basis (/work/shared/domain.md, "Household electricity tariffs"): the regional regulator sets
one price per consumer group, rate type, zone and consumption band for each half-year
(1 January – 30 June, 1 July – 31 December), so two records with the same key
(``cms_pages.rules.tariff_periods.tariff_key``) may not both apply on one day. A record with no
end date is not an overlap with a later one: it stays in force only until the next record of
its key starts (``tariff_periods.effective_ends``; Decree 861, p. 87, in
``cms_pages.models.dated.DatedRecord``).
"""
import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """One record's period: ``ref`` says which record (a form index, an archived record...)."""

    ref: object
    key: tuple
    start: datetime.date
    end: datetime.date | None


def spans_overlap(earlier, later):
    """``earlier`` starts no later than ``later``: do both apply on some day?"""
    if earlier.start == later.start:
        return True
    return earlier.end is not None and earlier.end >= later.start


def overlapping_pairs(spans):
    """Every pair ``(a, b)`` of spans with the same key whose periods meet (``a`` starts first).

    Spans that end before they start are left out: they get their own message.
    """
    by_key = {}
    for span in spans:
        if span.end is not None and span.end < span.start:
            continue
        by_key.setdefault(span.key, []).append(span)
    pairs = []
    for group in by_key.values():
        group.sort(key=lambda span: span.start)
        for index, earlier in enumerate(group):
            for later in group[index + 1:]:
                if spans_overlap(earlier, later):
                    pairs.append((earlier, later))
    return pairs
