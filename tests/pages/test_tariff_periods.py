"""Tariffs, connection rates and income ceilings in force are chosen by date (cms_pages.rules.tariff_periods)."""
import datetime
from types import SimpleNamespace

import pytest

from cms_pages.rules import tariff_periods as tp

D = datetime.date


def rec(name, start, end=None, **key):
    return SimpleNamespace(name=name, effective_from=start, effective_to=end, **key)


def names(records):
    return sorted(r.name for r in records)


H1 = rec("h1", D(2026, 1, 1), D(2026, 6, 30), k="gas")
H2 = rec("h2", D(2026, 7, 1), D(2026, 12, 31), k="gas")
OLD = rec("old", D(2025, 7, 1), D(2025, 12, 31), k="gas")
ALL = [OLD, H1, H2]


@pytest.mark.parametrize("on, expected", [
    (D(2026, 6, 30), ["h1"]),   # the day before the change
    (D(2026, 7, 1), ["h2"]),    # on the day of the change
    (D(2026, 7, 2), ["h2"]),    # the day after
    (D(2026, 1, 1), ["h1"]),    # the first day of a period
    (D(2025, 12, 31), ["old"]),  # the last day of a period
])
def test_in_force_at_the_boundaries(on, expected):
    assert names(tp.in_force(ALL, on)) == expected
    assert names(tp.select(ALL, on).in_force) == expected


def test_before_change_the_next_period_is_announced_with_its_start():
    selection = tp.select(ALL, D(2026, 6, 30))
    assert [p.start for p in selection.upcoming] == [D(2026, 7, 1)]
    assert names(selection.upcoming[0].records) == ["h2"]
    assert selection.next_change == D(2026, 7, 1)
    assert [(p.start, p.end) for p in selection.archive] == [(D(2025, 7, 1), D(2025, 12, 31))]


def test_after_change_earlier_periods_are_archived_newest_first():
    selection = tp.select(ALL, D(2026, 7, 1))
    assert selection.upcoming == []
    assert selection.next_change is None
    assert [p.start for p in selection.archive] == [D(2026, 1, 1), D(2025, 7, 1)]


def test_open_ended_record_stays_in_force_without_successor():
    open_ended = rec("open", D(2024, 1, 1), None, k="gas")
    assert names(tp.in_force([open_ended], D(2030, 1, 1))) == ["open"]
    assert names(tp.in_force([open_ended], D(2023, 12, 31))) == []


def test_open_ended_record_ends_the_day_before_its_successor_with_the_same_key():
    open_ended = rec("open", D(2024, 1, 1), None, k="gas")
    successor = rec("next", D(2026, 7, 1), None, k="gas")
    other_group = rec("other", D(2024, 1, 1), None, k="electric")
    records = [open_ended, successor, other_group]
    key = lambda r: r.k  # noqa: E731
    assert names(tp.in_force(records, D(2026, 6, 30), key)) == ["open", "other"]
    assert names(tp.in_force(records, D(2026, 7, 1), key)) == ["next", "other"]
    archived = tp.select(records, D(2026, 7, 1), key).archive
    assert [(p.start, p.end, names(p.records)) for p in archived] == [(D(2024, 1, 1), D(2026, 6, 30), ["open"])]


def test_without_key_overlapping_records_are_both_in_force():
    a = rec("a", D(2024, 1, 1), None, k="x")
    b = rec("b", D(2026, 7, 1), None, k="x")
    assert names(tp.in_force([a, b], D(2026, 7, 1))) == ["a", "b"]


def test_record_with_end_before_start_is_ignored():
    broken = rec("broken", D(2026, 7, 1), D(2026, 6, 1))
    selection = tp.select([broken], D(2026, 6, 15))
    assert selection.in_force == [] and selection.upcoming == [] and selection.archive == []


def test_upcoming_periods_with_the_same_start_are_merged():
    a = rec("a", D(2026, 7, 1), D(2026, 12, 31))
    b = rec("b", D(2026, 7, 1), None)
    c = rec("c", D(2027, 1, 1), None)
    selection = tp.select([a, b, c], D(2026, 1, 1))
    assert [(p.start, names(p.records)) for p in selection.upcoming] == [
        (D(2026, 7, 1), ["a", "b"]), (D(2027, 1, 1), ["c"])]


def test_tariff_key_tells_groups_rate_types_zones_and_bands_apart():
    base = dict(consumer_group="urban_gas", town="", rate_type="two_zone", zone="day", band=1, unit="kwh")
    day = SimpleNamespace(**base)
    night = SimpleNamespace(**{**base, "zone": "night"})
    band2 = SimpleNamespace(**{**base, "band": 2})
    assert len({tp.tariff_key(day), tp.tariff_key(night), tp.tariff_key(band2)}) == 3
