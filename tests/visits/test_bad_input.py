"""Bad input never fails: a time in the past, a holiday, a forged slot or day or service, an
unknown centre or token — each a clear page or a message next to the field, values kept."""
import datetime

import pytest
from django.urls import reverse

from tests.visits.conftest import MONDAY, TUESDAY
from tests.visits.helpers import book, time_url
from visits.models import Booking, VisitSlot

pytestmark = pytest.mark.django_db


def assert_no_booking():
    assert not Booking.objects.exists() and not VisitSlot.objects.filter(booked__gt=0).exists()


@pytest.mark.parametrize("slot, message", [
    ("2026-12-03T09:00", "Это время уже прошло"),            # today, before now
    ("2026-12-03T10:30", "Это время уже прошло"),            # today, under an hour's notice
    ("2026-12-07T13:00", "Такого времени приёма нет"),        # the break
    ("2026-12-07T11:10", "Такого времени приёма нет"),        # not a slot boundary
    ("2026-12-07T20:00", "Такого времени приёма нет"),        # after closing
    ("not-a-slot", "Такого времени приёма нет"),
    ("2026-12-07T11:00' OR '1'='1", "Такого времени приёма нет"),
    ("", "Выберите время приёма"),
])
def test_a_bad_slot_is_explained_next_to_the_field_and_the_values_kept(client, centre, visit_settings, slot, message):
    day = datetime.date.fromisoformat(slot[:10]) if slot[:4] == "2026" else MONDAY
    response = client.post(time_url(centre, day), {"slot": slot, "name": "Анна", "email": "anna@example.invalid",
                                                  "consent": "on"})
    html = response.content.decode()
    assert response.status_code == 400, slot
    assert message in html and 'class="error-summary"' in html and 'id="id_slot-error"' in html
    assert 'value="Анна"' in html and 'value="anna@example.invalid"' in html
    assert "<title>Ошибка: " in html
    assert_no_booking()


def test_a_slot_on_a_holiday(client, centre, visit_settings, holiday):
    response = book(client, centre, TUESDAY)  # the form's day itself is the holiday
    assert response.status_code == 400 and "праздничный или нерабочий день" in response.content.decode()
    other_day = client.post(time_url(centre, MONDAY), {"slot": f"{TUESDAY}T11:00", "name": "Анна",
                                                       "email": "a@example.invalid", "consent": "on"})
    assert other_day.status_code == 400 and "праздничный или нерабочий день" in other_day.content.decode()
    assert_no_booking()


def test_a_day_in_the_past_a_weekend_or_too_far(client, centre, visit_settings):
    cases = {"2026-12-01": "Этот день уже прошёл", "2026-12-05": "центр не принимает посетителей",
             "2027-02-01": "Так далеко вперёд", "2026-02-30": "Выберите день из списка", "": "Выберите день приёма"}
    for day, message in cases.items():
        response = client.get(reverse("visits:time", args=[centre.pk]) + f"?service=1&day={day}")
        html = response.content.decode()
        assert response.status_code == 400 and message in html, day
        assert 'name="service" value="1" id="id_service_1" required checked' in html  # the choice kept


def test_a_forged_service(client, centre, visit_settings):
    response = client.get(reverse("visits:time", args=[centre.pk]) + f"?service=99&day={MONDAY}")
    assert response.status_code == 400 and "Выберите услугу из списка" in response.content.decode()


def test_missing_contacts_consent_and_a_bad_phone(client, centre, visit_settings):
    response = client.post(time_url(centre, MONDAY), {"slot": f"{MONDAY}T11:00", "name": "", "phone": "12"})
    html = response.content.decode()
    assert response.status_code == 400
    for message in ("Напишите, как к вам обращаться", "Введите номер телефона из 10–15 цифр",
                    "дайте согласие на обработку персональных данных"):
        assert message in html
    assert f'name="slot" value="{MONDAY}T11:00" id="id_slot_4" required checked' in html  # the chosen time kept
    no_contact = client.post(time_url(centre, MONDAY), {"slot": f"{MONDAY}T11:00", "name": "А", "consent": "on"})
    assert "Укажите электронную почту или телефон" in no_contact.content.decode()
    assert_no_booking()


def test_unknown_centre_and_token_get_a_clear_page(client, centre):
    for url in (reverse("visits:start", args=[999999]), reverse("visits:time", args=[999999]),
                reverse("visits:manage", args=["forged-token-123456"]),
                reverse("visits:cancel", args=["forged-token-123456"]),
                reverse("visits:move", args=["forged-token-123456"])):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "не найдена" in response.content.decode() or "Такого центра обслуживания нет" in response.content.decode()
    english = client.get(reverse("visits:manage", args=["forged"]).replace("/ru/", "/en/"))
    assert english.status_code == 404 and "Booking not found" in english.content.decode()


def test_a_visit_that_has_started_cannot_be_cancelled(client, centre, visit_settings, time_machine):
    from django.utils import timezone
    from tests.visits.helpers import token_of
    token = token_of(book(client, centre, MONDAY, time="11:00"))
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 12, 7, 11, 5)), tick=False)
    response = client.post(reverse("visits:cancel", args=[token]))
    assert response.status_code == 409 and "уже наступило" in response.content.decode()
    assert Booking.objects.get().is_active


def test_bad_input_in_english(client, centre, visit_settings, holiday):
    response = client.post(time_url(centre, MONDAY, lang="en"), {"slot": "2026-12-03T09:00", "name": "Ann",
                                                                 "email": "a@example.invalid", "consent": "on"})
    html = response.content.decode()
    assert response.status_code == 400 and "This time has passed" in html and 'value="Ann"' in html
    holiday_day = client.get(time_url(centre, TUESDAY, lang="en"))
    assert holiday_day.status_code == 400 and "public holiday" in holiday_day.content.decode()
