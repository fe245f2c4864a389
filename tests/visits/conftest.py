import datetime

import pytest
from django.utils import timezone

from tests import factories as f

# Thursday 3 December 2026, 10:00 Moscow time: the tests' "now". Monday 7 December is a normal
# working day; Tuesday 8 December is made a holiday in the calendar by the tests that need one.
NOW = datetime.datetime(2026, 12, 3, 10, 0)
MONDAY = datetime.date(2026, 12, 7)
TUESDAY = datetime.date(2026, 12, 8)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(timezone.make_aware(NOW), tick=False)
    return NOW


@pytest.fixture
def centre(home, now):
    """A centre open Monday to Friday 9:00–18:00 with a break 13:00–14:00; two services."""
    index = f.ServiceCentreIndexPageFactory(parent=home)
    page = f.ServiceCentrePageFactory(parent=index, services="Технологическое присоединение\nПоверка и замена счётчика",
                                      services_en="Grid connection\nMeter check and replacement")
    for weekday in range(5):
        f.OpeningHoursFactory(page=page, weekday=weekday, opens=datetime.time(9), closes=datetime.time(18),
                              break_start=datetime.time(13), break_end=datetime.time(14))
    return page


@pytest.fixture
def visit_settings(centre):
    from visits.models import VisitSettings
    return VisitSettings.objects.create(centre=centre, slot_minutes=30, places_per_slot=2, horizon_days=14,
                                        min_notice_minutes=60)


@pytest.fixture
def holiday():
    from cases.models import CalendarDay
    return CalendarDay.objects.create(date=TUESDAY, kind=CalendarDay.HOLIDAY, name="Тестовый праздник")
