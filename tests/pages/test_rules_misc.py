"""Opening hours ("open now"), date input and the directory filters as plain functions."""
import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from django.test import override_settings

from cms_pages.rules import directory, opening_hours
from cms_pages.rules.dates import DateInputError, parse_date

MSK = zoneinfo.ZoneInfo("Europe/Moscow")
T = datetime.time


def hours(weekday, opens, closes, break_start=None, break_end=None):
    return SimpleNamespace(weekday=weekday, opens=opens, closes=closes,
                           break_start=break_start, break_end=break_end)


WEEKDAYS = [hours(day, T(9), T(17), T(13), T(14)) for day in range(5)]  # Mon–Fri, lunch 13–14


def at(y, m, d, hh, mm=0, tz=MSK):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=tz)


# 2026-07-06 is a Monday.
@pytest.mark.parametrize("moment, is_open", [
    (at(2026, 7, 6, 8, 59), False),
    (at(2026, 7, 6, 9, 0), True),
    (at(2026, 7, 6, 12, 59), True),
    (at(2026, 7, 6, 13, 0), False),   # lunch break
    (at(2026, 7, 6, 14, 0), True),
    (at(2026, 7, 6, 16, 59), True),
    (at(2026, 7, 6, 17, 0), False),
    (at(2026, 7, 11, 12, 0), False),  # Saturday
])
def test_open_now(moment, is_open):
    assert opening_hours.status_at(WEEKDAYS, moment).is_open is is_open


@override_settings(TIME_ZONE="Europe/Moscow")
def test_open_now_is_computed_in_the_site_time_zone():
    # 06:30 UTC is 09:30 in Moscow: open, although it is before 09:00 in UTC.
    moment = datetime.datetime(2026, 7, 6, 6, 30, tzinfo=datetime.timezone.utc)
    state = opening_hours.status_at(WEEKDAYS, moment)
    assert state.is_open and state.closes_at == T(13)
    # 14:30 UTC is 17:30 in Moscow: closed, although 14:30 is within opening hours.
    assert not opening_hours.status_at(WEEKDAYS, datetime.datetime(2026, 7, 6, 14, 30, tzinfo=datetime.timezone.utc)).is_open


def test_closed_state_tells_next_opening():
    friday_evening = at(2026, 7, 10, 18, 0)
    state = opening_hours.status_at(WEEKDAYS, friday_evening)
    assert not state.is_open
    assert state.next_open == datetime.datetime(2026, 7, 13, 9, 0)  # Monday
    lunch = opening_hours.status_at(WEEKDAYS, at(2026, 7, 6, 13, 30))
    assert lunch.next_open == datetime.datetime(2026, 7, 6, 14, 0)


def test_no_hours_means_closed_with_no_next_opening():
    state = opening_hours.status_at([], at(2026, 7, 6, 10))
    assert not state.is_open and state.next_open is None


def test_malformed_row_never_opens_a_centre():
    assert not opening_hours.status_at([hours(0, T(17), T(9))], at(2026, 7, 6, 10)).is_open


def test_weekly_table_has_seven_days_with_closed_days_empty():
    week = opening_hours.weekly_table(WEEKDAYS)
    assert [day for day, _rows in week] == list(range(7))
    assert week[5][1] == [] and week[6][1] == [] and len(week[0][1]) == 1


@pytest.mark.parametrize("value, expected", [
    ("2026-07-01", datetime.date(2026, 7, 1)),
    ("01.07.2026", datetime.date(2026, 7, 1)),
    (" 1.7.2026 ", datetime.date(2026, 7, 1)),
])
def test_parse_date_accepts_iso_and_russian_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, words", [
    ("2026-02-30", "Такой даты нет"),
    ("31.04.2026", "Такой даты нет"),
    ("завтра", "ДД.ММ.ГГГГ"),
    ("2026-07-01'--", "ДД.ММ.ГГГГ"),
    ("", "ДД.ММ.ГГГГ"),
])
def test_parse_date_refuses_with_a_specific_reason(value, words):
    with pytest.raises(DateInputError) as error:
        parse_date(value)
    assert words in str(error.value.message)


def centre(name, town, **features):
    base = {code: False for code, _label in FEATURES}
    return SimpleNamespace(name=name, town=town, **{**base, **features})


FEATURES = [("has_ramp", "Пандус"), ("has_hearing_loop", "Петля")]
CENTRES = [
    centre("a", "Архангельск", has_ramp=True, has_hearing_loop=True),
    centre("b", "Архангельск"),
    centre("c", "Котлас", has_ramp=True),
]


def test_directory_filters_by_town_and_all_features():
    def found(towns, features):
        return [c.name for c in directory.filter_centres(CENTRES, towns, features, FEATURES).centres]

    assert found([], []) == ["a", "b", "c"]
    assert found(["Архангельск"], []) == ["a", "b"]
    assert found([], ["has_ramp"]) == ["a", "c"]
    assert found([], ["has_ramp", "has_hearing_loop"]) == ["a"]
    assert found(["Котлас"], ["has_hearing_loop"]) == []
    assert found(["Архангельск", "Котлас"], ["has_ramp"]) == ["a", "c"]
    assert found([], ["no_such_feature"]) == ["a", "b", "c"]


def test_directory_counts_say_what_ticking_would_show():
    result = directory.filter_centres(CENTRES, ["Архангельск"], [], FEATURES)
    assert result.towns == [("Архангельск", 2, True), ("Котлас", 1, False)]
    assert result.features == [("has_ramp", "Пандус", 1, False), ("has_hearing_loop", "Петля", 1, False)]


def test_phone_links():
    assert directory.phone_links("8 (8182) 63-60-60, 8-800-220-0-220; +7 911 000-00-00") == [
        ("8 (8182) 63-60-60", "88182636060"), ("8-800-220-0-220", "88002200220"),
        ("+7 911 000-00-00", "+79110000000")]
    assert directory.phone_links("") == []
