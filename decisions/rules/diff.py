"""Which tariff prices a change makes, in words: «двухзонный, ночная зона, 1-й диапазон: 5,10 → 5,25 руб./кВт·ч».

Used for the import preview (the page's records before and after the decision) and for the
moderator's comparison (the live page against its latest revision). Only prices that change are
listed; the number of new records whose price equals their predecessor's is given as a count
(records both sets hold unchanged are not counted: they are not part of the change).

- A record the new set adds is compared with the record of the same key (group, town, rate type,
  zone, band, unit) in force the day before it starts in the old set (the period it succeeds,
  ``cms_pages.rules.tariff_periods``): a different price is a *change*, the same price is not
  listed, no predecessor is *new*.
- A record present in both (same key and dates) with another price was edited in place: a *change*.
- A record of the old set missing from the new one is *removed*; and so is a price in force before
  a new period of a group (and town) that the new period does not set again (*ends*).
"""
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms_pages.codes import (
    BAND_CHOICES, CONSUMER_GROUP_CHOICES, NO_BANDS, RATE_TYPE_CHOICES, SINGLE, UNIT_CHOICES, ZONE_CHOICES,
    choice_index,
)
from cms_pages.rules import tariff_periods
from cms_pages.rules.money import format_amount

NEW, CHANGED, REMOVED, ENDS = "new", "changed", "removed", "ends"
ONE_DAY = datetime.timedelta(days=1)


@dataclass
class PriceChange:
    kind: str
    record: object  # the new record (or the old one, when removed)
    old_price: object = None
    new_price: object = None
    start: datetime.date | None = None

    def group_heading(self):
        group = str(dict(CONSUMER_GROUP_CHOICES).get(self.record.consumer_group, self.record.consumer_group))
        return f"{group}, {self.record.town}" if self.record.town else group

    def words(self, language=None):
        """«двухзонный, ночная зона, 1-й диапазон: 5,10 → 5,25 руб./кВт·ч»"""
        unit = str(dict(UNIT_CHOICES).get(self.record.unit, ""))
        old = format_amount(self.old_price, language) if self.old_price is not None else ""
        new = format_amount(self.new_price, language) if self.new_price is not None else ""
        if self.kind in (CHANGED,):
            figures = f"{old} → {new} {unit}"
        elif self.kind == NEW:
            figures = _("новая цена %(price)s %(unit)s") % {"price": new, "unit": unit}
        elif self.kind == REMOVED:
            figures = _("цена %(price)s %(unit)s удалена") % {"price": old, "unit": unit}
        else:
            figures = _("в новом решении цены нет (была %(price)s %(unit)s)") % {"price": old, "unit": unit}
        return f"{describe_key(self.record)}: {figures}"


def _short(label):
    """«Двухзонный (день/ночь)» -> «двухзонный»: the label of ``cms_pages.codes`` without its gloss."""
    text = str(label).split(" (")[0]
    return text[:1].lower() + text[1:]


def describe_key(record):
    parts = [_short(dict(RATE_TYPE_CHOICES).get(record.rate_type, record.rate_type))]
    if record.rate_type != SINGLE:
        parts.append(_short(dict(ZONE_CHOICES).get(record.zone, record.zone)))
    if record.band != NO_BANDS:
        parts.append(_short(dict(BAND_CHOICES).get(record.band, record.band)))
    return ", ".join(parts)


def _identity(record):
    return (tariff_periods.tariff_key(record), record.effective_from, record.effective_to)


def _group(record):
    return (record.consumer_group, record.town or "")


def _order(change):
    r = change.record
    return (change.start or datetime.date.min, choice_index(CONSUMER_GROUP_CHOICES, r.consumer_group),
            r.town or "", choice_index(RATE_TYPE_CHOICES, r.rate_type), choice_index(ZONE_CHOICES, r.zone),
            r.band)


@dataclass
class Comparison:
    changes: list
    unchanged: int

    @property
    def counts(self):
        counts = {NEW: 0, CHANGED: 0, REMOVED: 0, ENDS: 0}
        for change in self.changes:
            counts[change.kind] += 1
        return counts

    def by_period_and_group(self):
        """[(start, [(group heading, [change, ...]), ...]), ...] for the templates."""
        periods = []
        for change in self.changes:
            if not periods or periods[-1][0] != change.start:
                periods.append((change.start, []))
            groups = periods[-1][1]
            heading = change.group_heading()
            if not groups or groups[-1][0] != heading:
                groups.append((heading, []))
            groups[-1][1].append(change)
        return periods


def compare(old_records, new_records):
    """The price changes from ``old_records`` to ``new_records`` (model instances or alike)."""
    old_records, new_records = list(old_records), list(new_records)
    old_by_id = {_identity(r): r for r in old_records}
    new_by_id = {_identity(r): r for r in new_records}
    changes, unchanged = [], 0
    added = [r for identity, r in new_by_id.items() if identity not in old_by_id]
    starts = {}
    for record in added:
        starts.setdefault(record.effective_from, set()).add(_group(record))
    predecessors = {}
    for start in starts:
        for record in tariff_periods.in_force(old_records, start - ONE_DAY, key=tariff_periods.tariff_key):
            predecessors[(start, tariff_periods.tariff_key(record))] = record
    for record in added:
        before = predecessors.get((record.effective_from, tariff_periods.tariff_key(record)))
        if before is None:
            changes.append(PriceChange(NEW, record, new_price=record.price, start=record.effective_from))
        elif before.price != record.price:
            changes.append(PriceChange(CHANGED, record, before.price, record.price, record.effective_from))
        else:
            unchanged += 1
    for identity, record in new_by_id.items():
        old = old_by_id.get(identity)
        if old is not None:
            if old.price != record.price:
                changes.append(PriceChange(CHANGED, record, old.price, record.price, record.effective_from))
    for identity, record in old_by_id.items():
        if identity not in new_by_id:
            changes.append(PriceChange(REMOVED, record, old_price=record.price, start=record.effective_from))
    new_keys = {(r.effective_from, tariff_periods.tariff_key(r)) for r in added}
    for (start, key), record in predecessors.items():
        if _group(record) in starts[start] and (start, key) not in new_keys and _identity(record) in new_by_id:
            changes.append(PriceChange(ENDS, record, old_price=record.price, start=start))
    changes.sort(key=_order)
    return Comparison(changes, unchanged)
