"""The production calendar: the statutory rule, the preloaded 2026 calendar and its upkeep."""
import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import CalendarDay
from cases.rules.deadlines import add_working_days, statutory_days_off, years_without_calendar

D = datetime.date


def test_statutory_days_off_2026_follow_article_112():
    days = {day: moved_from for day, _ru, _en, moved_from in statutory_days_off(2026)}
    assert set(days) == {D(2026, 1, n) for n in range(1, 9)} | {
        D(2026, 2, 23), D(2026, 3, 8), D(2026, 3, 9), D(2026, 5, 1), D(2026, 5, 9), D(2026, 5, 11),
        D(2026, 6, 12), D(2026, 11, 4)}
    assert days[D(2026, 3, 9)] == D(2026, 3, 8)   # Sunday holiday → Monday
    assert days[D(2026, 5, 11)] == D(2026, 5, 9)  # Saturday holiday → Monday, not Sunday


def test_statutory_days_off_2027_move_weekend_holidays_but_not_january_ones():
    days = {day: moved_from for day, _ru, _en, moved_from in statutory_days_off(2027)}
    assert days[D(2027, 5, 3)] == D(2027, 5, 1)
    assert days[D(2027, 5, 10)] == D(2027, 5, 9)
    assert days[D(2027, 6, 14)] == D(2027, 6, 12)
    assert D(2027, 1, 11) not in days  # 2 and 3 January (weekend) move only by the decree
    assert len(days) == 14 + 3


@pytest.mark.django_db
def test_preloaded_2026_calendar_has_the_decrees_247_working_days():
    calendar = CalendarDay.calendar()
    working = [D(2026, 1, 1) + datetime.timedelta(days=n) for n in range(365)]
    assert sum(calendar.is_working_day(day) for day in working) == 247
    assert not calendar.is_working_day(D(2026, 1, 9)) and not calendar.is_working_day(D(2026, 12, 31))
    # One working day after 30 December 2026: 31 December (decree) and 1–8 January 2027
    # (preloaded statutory days) are off, 9 and 10 January are a weekend.
    assert add_working_days(D(2026, 12, 30), 1, CalendarDay.calendar()) == D(2027, 1, 11)


@pytest.mark.django_db
def test_2027_statutory_days_are_preloaded_like_the_command_enters_them():
    preloaded = set(CalendarDay.objects.filter(date__year=2027).values_list("date", flat=True))
    assert preloaded == {day for day, *_rest in statutory_days_off(2027)}


@pytest.mark.django_db
def test_fill_production_calendar_is_idempotent_and_keeps_edited_entries():
    CalendarDay.objects.create(date=D(2028, 5, 1), kind=CalendarDay.HOLIDAY, name="Edited by hand")
    out = StringIO()
    call_command("fill_production_calendar", "2028", stdout=out)
    expected = len(statutory_days_off(2028))
    assert f"added={expected - 1}" in out.getvalue()
    assert CalendarDay.objects.get(date=D(2028, 5, 1)).name == "Edited by hand"
    again = StringIO()
    call_command("fill_production_calendar", "2028", stdout=again)
    assert f"added=0 already_present={expected}" in again.getvalue()
    assert CalendarDay.objects.filter(date__year=2028).count() == expected


def test_years_without_calendar_look_ahead_across_new_year():
    assert years_without_calendar(D(2026, 11, 27), {2026}) == [2027]
    assert years_without_calendar(D(2026, 6, 1), {2026}) == []
    assert years_without_calendar(D(2026, 11, 27), {2026, 2027}) == []


@pytest.mark.django_db
def test_escalate_overdue_warns_while_a_coming_year_is_missing():
    CalendarDay.objects.all().delete()
    err = StringIO()
    call_command("escalate_overdue", stdout=StringIO(), stderr=err)
    assert "fill_production_calendar" in err.getvalue()
    today = datetime.date.today()
    for year in (today.year, today.year + 1):
        call_command("fill_production_calendar", str(year), stdout=StringIO())
    quiet = StringIO()
    call_command("escalate_overdue", stdout=StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""
