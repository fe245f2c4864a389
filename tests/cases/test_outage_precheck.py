"""An outage report checks the address against the outage registry before it is filed."""
import pytest
from django.core.management import call_command

from tests.cases.helpers import Journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    call_command("load_demo_outages", verbosity=0)


def test_known_outage_is_shown_before_filing_and_the_report_can_still_go_ahead(client, registry):
    journey = Journey(client)
    journey.choose("outage")
    answers = {"site_address": "Новодвинск, улица Советов, 12", "message": "Нет света с утра"}
    shown = journey.details(answers)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "По этому адресу уже известно об отключении" in html
    assert "Новодвинск, улица Советов, 12" in html  # what was typed stays in the form
    assert 'name="known_outages_seen"' in html

    carried_on = journey.details({**answers, "known_outages_seen": "1"})
    assert carried_on.status_code == 302
    assert carried_on["Location"].endswith("/requests/new/contact/")


def test_an_address_without_known_outages_goes_straight_on(client, registry):
    journey = Journey(client)
    journey.choose("outage")
    response = journey.details({"site_address": "Мирный, улица Неизвестная, 1", "message": "Нет света"})
    assert response.status_code == 302


def test_other_request_types_are_not_checked(client, registry):
    journey = Journey(client)
    journey.choose("supply_quality")
    response = journey.details({"site_address": "Новодвинск, улица Советов, 12", "message": "Мигает свет"})
    assert response.status_code == 302
