"""The routing table and calendar preloaded by the data migration, and deadlines computed from them."""
import datetime

import pytest

from cases import services
from cases.models import CalendarDay, ConsentText, RoutingRule
from cases.request_types import REQUEST_TYPE_CHOICES
from cases.rules import deadlines

pytestmark = pytest.mark.django_db

# From the routing table in domain.md: type → (unit code, days, kind, third party, transfer consent)
EXPECTED = {
    "connection": ("connection", 6, "working", False, False),
    "supply_quality": ("customer_service", 30, "calendar", False, False),
    "outage": ("dispatch", 1, "calendar", False, False),
    "surge_damage": ("network_district", 30, "calendar", False, False),
    "meter": ("metering", 30, "calendar", False, False),
    "bill": ("supplier", 7, "calendar", True, True),
    "subsidy": ("social_protection", 10, "working", True, True),
    "tariff": ("customer_service", 30, "calendar", False, False),
    "appeal": ("appeals", 30, "calendar", False, False),
    "personal_data": ("dpo", 10, "working", False, False),
    "home_visit": ("service_centre", 5, "working", False, False),
    "accessibility": ("customer_service", 30, "calendar", False, False),
    "other": ("customer_service", 30, "calendar", False, False),
}


def test_every_request_type_has_a_rule():
    assert set(RoutingRule.objects.values_list("request_type", flat=True)) == {c for c, _ in REQUEST_TYPE_CHOICES}


@pytest.mark.parametrize("request_type", sorted(EXPECTED))
def test_rule(request_type):
    unit, days, kind, third_party, consent = EXPECTED[request_type]
    route = services.route_for(request_type)
    rule = RoutingRule.objects.get(request_type=request_type)
    assert (rule.unit.code, route.deadline_days, route.deadline_kind, route.is_third_party,
            route.transfer_consent_required) == (unit, days, kind, third_party, consent)
    assert rule.reason_ru and rule.reason_en and rule.basis_ru and rule.basis_en


def test_rule_edits_take_effect():
    RoutingRule.objects.filter(request_type="tariff").update(deadline_days=15, deadline_kind="working")
    route = services.route_for("tariff")
    assert (route.deadline_days, route.deadline_kind) == (15, "working")


def test_calendar_2026_preloaded():
    calendar = CalendarDay.calendar()
    for day in ("2026-01-01", "2026-01-07", "2026-01-09", "2026-02-23", "2026-03-09", "2026-05-01",
                "2026-05-11", "2026-06-12", "2026-11-04", "2026-12-31"):
        assert not calendar.is_working_day(datetime.date.fromisoformat(day)), day
    assert calendar.is_working_day(datetime.date(2026, 1, 12))
    assert CalendarDay.objects.get(date="2026-06-12").name_en == "Russia Day"


def test_due_date_across_weekend_and_new_year_holidays():
    route = services.route_for("personal_data")  # 10 working days
    # Registered Wednesday 31 Dec 2025: 1–11 Jan are days off → 12,13,14,15,16,19,20,21,22,23 Jan
    assert services.compute_due_date(route, datetime.date(2025, 12, 31)) == datetime.date(2026, 1, 23)


def test_due_date_across_may_holidays():
    route = services.route_for("connection")  # 6 working days
    # Thursday 30 April 2026: 1 May (Fri) holiday, weekend, 4–8 May, weekend, 11 May moved day off → 12 May
    assert services.compute_due_date(route, datetime.date(2026, 4, 30)) == datetime.date(2026, 5, 12)


def test_administrator_added_working_saturday_counts():
    CalendarDay.objects.create(date=datetime.date(2026, 5, 16), kind=CalendarDay.WORKING, name="Перенос")
    route = services.route_for("connection")
    # Friday 15 May + 6 working days with Saturday 16 May working: 16,18,19,20,21,22
    assert services.compute_due_date(route, datetime.date(2026, 5, 15)) == datetime.date(2026, 5, 22)
    assert deadlines.add_working_days(datetime.date(2026, 5, 15), 1, CalendarDay.calendar()) == datetime.date(2026, 5, 16)


def test_consent_texts_versioned_in_both_languages():
    text = ConsentText.current(ConsentText.PERSONAL_DATA)
    assert text.version == "2026-01" and text.text_ru and text.text_en
    assert ConsentText.current(ConsentText.TRANSFER).version == "2026-01"
