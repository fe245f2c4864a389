"""Which figures a change makes, in words: «двухзонный, ночная зона, 1-й диапазон: 5,10 → 5,25 руб./кВт·ч».

Used for the import preview (the page's records before and after the decision) and for the
moderator's comparison (the live page against its latest revision), for every record type: the
layout (``decisions.layouts``) says a record's key, its group, its values and their words. Only
values that change are listed; the number of new values equal to their predecessor's is given as
a count (records both sets hold unchanged are not counted: they are not part of the change).

- A record the new set adds is compared with the record of the same key in force the day before
  it starts in the old set (the period it succeeds, ``cms_pages.rules.tariff_periods``): a
  different value is a *change*, the same value is not listed, no predecessor is *new*.
- A record present in both (same key and dates) with another value was edited in place: a *change*.
- A record of the old set missing from the new one is *removed*; and so is a value in force before
  a new period of a group that the new period does not set again (*ends*).
- A record may hold several values (an income ceiling: heating and non-heating period): each is
  compared and worded on its own.
"""
import datetime
from dataclasses import dataclass

from cms_pages.rules import tariff_periods

NEW, CHANGED, REMOVED, ENDS = "new", "changed", "removed", "ends"
ONE_DAY = datetime.timedelta(days=1)


@dataclass
class PriceChange:
    kind: str
    record: object  # the new record (or the old one, when removed)
    layout: object
    field: str
    old_price: object = None
    new_price: object = None
    start: datetime.date | None = None

    def group_heading(self):
        return self.layout.group_heading(self.record)

    def words(self, language=None):
        """«двухзонный, ночная зона, 1-й диапазон: 5,10 → 5,25 руб./кВт·ч»"""
        unit = self.layout.unit(self.record, self.field)
        old = self.layout.format(self.old_price, language) if self.old_price is not None else ""
        new = self.layout.format(self.new_price, language) if self.new_price is not None else ""
        if self.kind == CHANGED:
            figures = f"{old} → {new} {unit}"
        elif self.kind == NEW:
            figures = str(self.layout.words.new) % {"price": new, "unit": unit}
        elif self.kind == REMOVED:
            figures = str(self.layout.words.removed) % {"price": old, "unit": unit}
        else:
            figures = str(self.layout.words.ends) % {"price": old, "unit": unit}
        return f"{self.layout.describe(self.record, self.field)}: {figures}"


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


def _day_before(date):
    return date - ONE_DAY if date > datetime.date.min else date


def compare(old_records, new_records, layout):
    """The changes from ``old_records`` to ``new_records`` (model instances or alike) of one layout."""
    key = layout.period_key

    def identity(record):
        return (key(record), record.effective_from, record.effective_to)

    def start_of(record):
        return record.effective_from if layout.dated else None

    changes, unchanged = [], 0

    def differences(before, after, start, count_unchanged=True):
        nonlocal unchanged
        old_values = dict(layout.values(before)) if before is not None else {}
        for field, value in layout.values(after):
            if old_values.get(field) is None:
                changes.append(PriceChange(NEW, after, layout, field, new_price=value, start=start))
            elif old_values[field] != value:
                changes.append(PriceChange(CHANGED, after, layout, field, old_values[field], value, start))
            elif count_unchanged:
                unchanged += 1

    def gone(kind, record, start):
        for field, value in layout.values(record):
            changes.append(PriceChange(kind, record, layout, field, old_price=value, start=start))

    old_records, new_records = list(old_records), list(new_records)
    old_by_id = {identity(r): r for r in old_records}
    new_by_id = {identity(r): r for r in new_records}
    added = [r for ident, r in new_by_id.items() if ident not in old_by_id]
    starts = {}
    for record in added:
        starts.setdefault(record.effective_from, set()).add(layout.group_key(record))
    predecessors = {}
    for start in starts:
        for record in tariff_periods.in_force(old_records, _day_before(start), key=key):
            predecessors[(start, key(record))] = record
    for record in added:
        differences(predecessors.get((record.effective_from, key(record))), record, start_of(record))
    for ident, record in new_by_id.items():
        old = old_by_id.get(ident)
        if old is not None:  # edited in place: only what differs
            differences(old, record, start_of(record), count_unchanged=False)
    for ident, record in old_by_id.items():
        if ident not in new_by_id:
            gone(REMOVED, record, start_of(record))
    new_keys = {(r.effective_from, key(r)) for r in added}
    for (start, record_key), record in predecessors.items():
        if (layout.group_key(record) in starts[start] and (start, record_key) not in new_keys
                and identity(record) in new_by_id):
            gone(ENDS, record, start if layout.dated else None)
    changes.sort(key=lambda c: (c.start or datetime.date.min, layout.order(c.record), layout.field_index(c.field)))
    return Comparison(changes, unchanged)
