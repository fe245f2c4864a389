"""Booking through the public pages: choose a service, a day and a time; confirmation with a
reference and an e-mail; the slot's count in the database."""
import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.visits.conftest import MONDAY, TUESDAY
from tests.visits.helpers import CONTACTS, book, slot_values, time_url, token_of
from visits.models import Booking, VisitSlot

pytestmark = pytest.mark.django_db


def test_start_page_offers_the_centres_services_and_open_days_as_radios(client, centre, visit_settings, holiday):
    response = client.get(reverse("visits:start", args=[centre.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<legend" in html and "Услуга" in html and "День приёма" in html
    assert "Технологическое присоединение" in html and 'type="radio"' in html
    days = re.findall(r'name="day" value="([^"]+)"', html)
    assert "2026-12-03" in days and MONDAY.isoformat() in days
    assert TUESDAY.isoformat() not in days  # the holiday
    assert "2026-12-05" not in days and "2026-12-06" not in days  # the weekend


def test_time_page_lists_slots_from_hours_and_breaks(client, centre, visit_settings):
    html = client.get(time_url(centre, MONDAY)).content.decode()
    slots = slot_values(html)
    assert len(slots) == 16
    assert slots[0] == "2026-12-07T09:00" and slots[-1] == "2026-12-07T17:30"
    assert "2026-12-07T13:00" not in slots and "2026-12-07T13:30" not in slots
    assert "<legend" in html and "Время приёма" in html
    today = slot_values(client.get(time_url(centre, datetime.date(2026, 12, 3))).content.decode())
    assert today[0] == "2026-12-03T11:00"  # now is 10:00, an hour's notice


def test_booking_confirms_with_a_reference_and_an_email(client, centre, visit_settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = book(client, centre, MONDAY, needs=["wheelchair", "sign_language"], other_needs="Плохо слышу")
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.token == token_of(response)
    assert booking.service == "Технологическое присоединение"
    assert booking.needs_wheelchair and booking.needs_sign_language and not booking.has_companion
    assert VisitSlot.objects.get().booked == 1
    page = client.get(response["Location"]).content.decode()
    assert "Вы записаны на приём" in page and booking.reference in page
    assert "11:00" in page and "7 декабря 2026" in page
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [CONTACTS["email"]] and booking.reference in message.subject
    assert f"/ru/visits/booking/token/{booking.token}/" in message.body
    assert "на кресле-коляске" in message.body and "7 декабря 2026, 11:00" in message.body


def test_booking_in_english(client, centre, visit_settings, django_capture_on_commit_callbacks):
    html = client.get(time_url(centre, MONDAY, lang="en")).content.decode()
    assert "Time of the visit" in html and "Grid connection" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = book(client, centre, MONDAY, lang="en")
    booking = Booking.objects.get()
    assert booking.language == "en" and booking.service == "Grid connection"
    assert response["Location"].startswith("/en/")
    page = client.get(response["Location"]).content.decode()
    assert "You are booked" in page
    assert "booked" in mail.outbox[0].subject.lower() and "/en/visits/booking/token/" in mail.outbox[0].body


def test_the_centre_page_links_to_booking(client, centre, visit_settings):
    html = client.get(centre.url).content.decode()
    assert reverse("visits:start", args=[centre.pk]) in html


def test_places_per_slot_are_offered_until_full(client, centre, visit_settings):
    for name in ("Первый", "Второй"):
        assert book(client, centre, MONDAY, name=name).status_code == 302
    assert "2026-12-07T11:00" not in slot_values(client.get(time_url(centre, MONDAY)).content.decode())
    assert VisitSlot.objects.get().booked == 2


def test_the_last_place_taken_by_two_clients_one_after_the_other(client, django_user_model, centre, visit_settings):
    """Both saw the slot free; the second to submit is told, keeps what they typed, and sees
    the other free times (the sequential race; the threaded one runs on PostgreSQL)."""
    from django.test import Client
    visit_settings.places_per_slot = 1
    visit_settings.save()
    first, second = Client(), Client()
    for each in (first, second):
        assert "2026-12-07T11:00" in slot_values(each.get(time_url(centre, MONDAY)).content.decode())
    assert book(first, centre, MONDAY).status_code == 302
    response = book(second, centre, MONDAY, name="Борис Сидоров")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Это время только что заняли" in html and 'value="Борис Сидоров"' in html
    assert "2026-12-07T11:00" not in slot_values(html) and "2026-12-07T11:30" in slot_values(html)
    assert Booking.objects.count() == 1 and VisitSlot.objects.get().booked == 1


def test_the_database_refuses_a_place_over_capacity_even_past_the_form_check(centre, visit_settings):
    """The guard itself: the conditional UPDATE, not the form's look at the counts."""
    from visits import services
    from visits.rules.slots import Slot
    slot = Slot(MONDAY, datetime.time(11), datetime.time(11, 30))
    services.take_place(centre, slot, capacity=1)
    with pytest.raises(services.SlotFull):
        services.take_place(centre, slot, capacity=1)
    assert VisitSlot.objects.get().booked == 1


def test_a_centre_with_booking_switched_off(client, centre, visit_settings):
    visit_settings.enabled = False
    visit_settings.save()
    response = client.get(reverse("visits:start", args=[centre.pk]))
    assert response.status_code == 200 and "нельзя записаться заранее" in response.content.decode()
    assert book(client, centre, MONDAY).status_code == 200 and not Booking.objects.exists()


def test_the_days_last_place_going_while_the_form_is_filled_in_keeps_the_values(client, centre, visit_settings):
    from django.test import Client
    from django.utils import timezone
    from visits.rules.slots import day_slots
    from cases.models import CalendarDay
    visit_settings.places_per_slot = 1
    visit_settings.save()
    for slot in day_slots(list(centre.opening_hours.all()), MONDAY, CalendarDay.calendar(), 30):
        assert book(Client(), centre, MONDAY, time=f"{slot.start:%H:%M}").status_code == 302
    response = book(client, centre, MONDAY, time="11:00", name="Борис Сидоров")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Это время только что заняли" in html and 'value="Борис Сидоров"' in html
    assert "На этот день свободного времени не осталось" in html and slot_values(html) == []
    assert Booking.objects.count() == 16
    assert timezone.localtime(Booking.objects.last().slot.starts_at).hour == 17


def test_bookings_per_client_address_are_limited_but_not_for_officers(client, centre, visit_settings, settings,
                                                                     django_user_model):
    from django.contrib.auth.models import Permission
    settings.VISITS_RATE_LIMIT = "3/3600"
    for time in ("09:00", "09:30", "10:00"):
        assert book(client, centre, MONDAY, time=time).status_code == 302
    limited = book(client, centre, MONDAY, time="10:30")
    assert limited.status_code == 429 and "Слишком много записей" in limited.content.decode()
    assert Booking.objects.count() == 3
    other_address = book(client, centre, MONDAY, time="10:30", REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 302
    officer = django_user_model.objects.create_user("officer-v", password="pw-12345-long")
    officer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(officer)
    for time in ("11:00", "11:30"):
        assert book(client, centre, MONDAY, time=time).status_code == 302
