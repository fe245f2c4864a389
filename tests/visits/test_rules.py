"""visits.rules: slots from opening hours, breaks, holidays and short days; availability; changes.
Each docstring's worked example is tested here."""
import datetime
from types import SimpleNamespace as Row

from cases.rules.deadlines import ProductionCalendar
from visits.rules import availability, slots

T = datetime.time
WEEK = ProductionCalendar()


def hours(weekday, opens, closes, break_start=None, break_end=None):
    return Row(weekday=weekday, opens=opens, closes=closes, break_start=break_start, break_end=break_end)


def starts(rows, day, calendar=WEEK, minutes=30):
    return [s.start.strftime("%H:%M") for s in slots.day_slots(rows, day, calendar, minutes)]


MONDAY = datetime.date(2026, 12, 7)


def test_a_break_splits_the_day_and_no_slot_overlaps_it():
    rows = [hours(0, T(9), T(18), T(13), T(14))]
    result = starts(rows, MONDAY)
    assert len(result) == 16
    assert result[:2] == ["09:00", "09:30"] and "12:30" in result and "13:00" not in result
    assert "13:30" not in result and result[8] == "14:00" and result[-1] == "17:30"


def test_a_slot_never_runs_past_the_end_of_an_open_stretch():
    assert starts([hours(0, T(9), T(10, 45))], MONDAY) == ["09:00", "09:30", "10:00"]
    assert starts([hours(0, T(9), T(10, 45))], MONDAY, minutes=45) == ["09:00", "09:45"]


def test_slot_length_is_configurable():
    assert starts([hours(0, T(9), T(12))], MONDAY, minutes=60) == ["09:00", "10:00", "11:00"]
    assert starts([hours(0, T(9), T(12))], MONDAY, minutes=20)[:3] == ["09:00", "09:20", "09:40"]


def test_no_slots_on_a_weekday_without_hours_or_on_a_holiday():
    rows = [hours(0, T(9), T(18))]
    assert starts(rows, MONDAY + datetime.timedelta(days=1)) == []
    assert slots.day_kind(rows, MONDAY + datetime.timedelta(days=1), WEEK) == slots.CLOSED
    holiday = ProductionCalendar(holidays=frozenset({MONDAY}))
    assert starts(rows, MONDAY, holiday) == []
    assert slots.day_kind(rows, MONDAY, holiday) == slots.HOLIDAY


def test_the_day_before_a_public_holiday_is_an_hour_shorter():
    """Art. 95: Tuesday 3 November 2026 (4 November is Unity Day), 9:00–17:00 → last slot 15:30."""
    tuesday = datetime.date(2026, 11, 3)
    rows = [hours(1, T(9), T(17))]
    assert slots.is_pre_holiday(tuesday, WEEK)
    assert starts(rows, tuesday)[-1] == "15:30"
    assert starts(rows, tuesday - datetime.timedelta(days=7))[-1] == "16:30"  # an ordinary Tuesday


def test_a_short_day_can_swallow_the_afternoon_stretch():
    tuesday = datetime.date(2026, 11, 3)
    rows = [hours(1, T(9), T(17), T(16, 15), T(16, 30))]  # after the cut at 16:00 only the morning is left
    assert starts(rows, tuesday)[-1] == "15:30" and "16:30" not in starts(rows, tuesday)


def test_slot_keys_round_trip_and_forged_keys_are_refused():
    slot = slots.day_slots([hours(0, T(9), T(10))], MONDAY, WEEK)[0]
    assert slot.key == "2026-12-07T09:00"
    assert slots.parse_key(slot.key) == (MONDAY, T(9))
    for forged in ("", None, "9999", "2026-12-07", "2026-13-07T09:00", "2026-12-07T09:00'; drop", "../../"):
        assert slots.parse_key(forged) is None


def test_free_places_worked_example():
    assert availability.free_places(4, 3) == 1
    assert availability.free_places(4, 4) == 0
    assert availability.free_places(2, 5) == 0


def check(key, now, rows=None, calendar=WEEK, **kwargs):
    options = {"slot_minutes": 30, "min_notice_minutes": 60, "horizon_days": 14, "booked": 0, "capacity": 2}
    options.update(kwargs)
    return availability.check_slot(key, rows or [hours(0, T(9), T(18))], calendar, now, **options)[1]


def test_check_slot_reasons():
    now = datetime.datetime(2026, 12, 7, 10, 0)
    assert check("2026-12-07T11:00", now) is None
    assert check("2026-12-07T10:30", now) == availability.PAST  # under an hour's notice
    assert check("2026-12-07T09:00", now) == availability.PAST
    assert check("2026-12-04T11:00", now) == availability.PAST  # an earlier day
    assert check("2026-12-07T11:15", now) == availability.UNKNOWN  # not a slot boundary
    assert check("2026-12-07T19:00", now) == availability.UNKNOWN  # after closing
    assert check("garbage", now) == availability.UNKNOWN
    assert check("2026-12-08T11:00", now) == availability.CLOSED  # no Tuesday hours
    assert check("2026-12-14T11:00", now, calendar=ProductionCalendar(holidays=frozenset({datetime.date(2026, 12, 14)}))) \
        == availability.HOLIDAY
    assert check("2026-12-28T11:00", now) == availability.TOO_FAR  # 21 days ahead
    assert check("2026-12-07T11:00", now, booked=2) == availability.FULL
    assert check("2026-12-07T11:00", now, booked=1) is None


def test_changes_allowed_only_while_active_and_before_the_visit():
    start = datetime.datetime(2026, 12, 7, 11, 0)
    assert availability.can_change(True, start, start - datetime.timedelta(minutes=1)) is None
    assert availability.can_change(True, start, start) == availability.STARTED
    assert availability.can_change(False, start, start - datetime.timedelta(days=1)) == availability.CANCELLED
    later = start + datetime.timedelta(hours=1)
    assert availability.check_move(True, start, later, start - datetime.timedelta(days=1)) is None
    assert availability.check_move(True, start, start, start - datetime.timedelta(days=1)) == availability.SAME_SLOT
    assert availability.check_move(False, start, later, start - datetime.timedelta(days=1)) == availability.CANCELLED


def test_booking_days_cover_the_horizon():
    days = availability.booking_days(MONDAY, 14)
    assert days[0] == MONDAY and days[-1] == MONDAY + datetime.timedelta(days=14) and len(days) == 15


def test_retention_worked_example():
    from visits.rules import retention
    visit = datetime.date(2026, 12, 7)
    assert not visit < retention.anonymise_before(datetime.date(2027, 2, 5))
    assert visit < retention.anonymise_before(datetime.date(2027, 2, 6))
