"""Cancel and move by the link in the e-mail; the reminder the day before, sent once."""
import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.visits.conftest import MONDAY
from tests.visits.helpers import book, slot_values, token_of
from visits.models import Booking, VisitSlot

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(client, centre, visit_settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = book(client, centre, MONDAY, time="11:00")
    mail.outbox.clear()
    return Booking.objects.get(token=token_of(response))


def test_cancel_by_the_link_frees_the_place_and_says_so_by_email(client, booked, django_capture_on_commit_callbacks):
    url = reverse("visits:cancel", args=[booked.token])
    page = client.get(url).content.decode()
    assert "Отменить запись?" in page and booked.reference in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200 and "Запись отменена" in response.content.decode()
    booked.refresh_from_db()
    assert booked.status == Booking.CANCELLED and booked.cancelled_at
    assert VisitSlot.objects.get().booked == 0
    assert len(mail.outbox) == 1 and booked.reference in mail.outbox[0].subject and "отменена" in mail.outbox[0].subject


def test_a_cancelled_bookings_link_used_twice_gets_a_clear_page(client, booked):
    url = reverse("visits:cancel", args=[booked.token])
    assert client.post(url).status_code == 200
    for method in (client.get, client.post):
        response = method(url)
        html = response.content.decode()
        assert response.status_code == 410 and "Эта запись уже отменена" in html
    assert VisitSlot.objects.get().booked == 0  # released once, not twice
    move = client.post(reverse("visits:move", args=[booked.token]) + f"?day={MONDAY}", {"slot": f"{MONDAY}T12:00"})
    assert move.status_code == 410 and "уже отменена" in move.content.decode()
    manage = client.get(reverse("visits:manage", args=[booked.token])).content.decode()
    assert "отменена" in manage and reverse("visits:cancel", args=[booked.token]) not in manage


def test_move_takes_the_new_place_and_frees_the_old(client, booked, django_capture_on_commit_callbacks):
    url = reverse("visits:move", args=[booked.token])
    days = client.get(url).content.decode()
    assert 'name="day"' in days and "<legend" in days
    friday = datetime.date(2026, 12, 4)
    times = slot_values(client.get(url + f"?day={friday}").content.decode())
    assert f"{friday}T09:30" in times
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + f"?day={friday}", {"slot": f"{friday}T09:30"})
    assert response.status_code == 302 and "moved=1" in response["Location"]
    booked.refresh_from_db()
    assert booked.moved_at and booked.status == Booking.ACTIVE
    counts = dict(VisitSlot.objects.values_list("starts_at__day", "booked"))
    assert counts == {7: 0, 4: 1}
    assert len(mail.outbox) == 1 and "перенесена" in mail.outbox[0].subject and "4 декабря 2026, 09:30" in mail.outbox[0].body
    assert "Запись перенесена" in client.get(response["Location"]).content.decode()


def test_move_to_the_same_time_or_a_full_time_is_refused_with_the_values_kept(client, booked, visit_settings):
    url = reverse("visits:move", args=[booked.token]) + f"?day={MONDAY}"
    same = client.post(url, {"slot": f"{MONDAY}T11:00"})
    assert same.status_code == 400 and "Вы уже записаны на это время" in same.content.decode()
    visit_settings.places_per_slot = 1
    visit_settings.save()
    from django.test import Client
    book(Client(), booked.centre, MONDAY, time="12:00", name="Другой")
    full = client.post(url, {"slot": f"{MONDAY}T12:00"})
    assert full.status_code == 400 and "Это время только что заняли" in full.content.decode()
    booked.refresh_from_db()
    assert booked.slot.starts_at.hour == 8  # 11:00 Moscow time, unchanged
    assert VisitSlot.objects.get(starts_at=booked.slot.starts_at).booked == 1


def test_a_move_resets_the_reminder(client, booked):
    call_command("send_visit_reminders")  # nothing due on Thursday for Monday
    booked.refresh_from_db()
    assert booked.reminder_sent_at is None
    Booking.objects.filter(pk=booked.pk).update(reminder_sent_at=booked.created_at)
    client.post(reverse("visits:move", args=[booked.token]) + "?day=2026-12-04", {"slot": "2026-12-04T09:30"})
    booked.refresh_from_db()
    assert booked.reminder_sent_at is None


def test_the_reminder_goes_the_day_before_and_only_once(client, booked, time_machine, django_capture_on_commit_callbacks):
    from django.utils import timezone
    from io import StringIO
    cancelled = Booking.objects.create(reference="ЗП-XXXXXX", centre=booked.centre, slot=booked.slot,
                                       service="x", name="Отменивший", email="gone@example.invalid",
                                       status=Booking.CANCELLED)
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 12, 5, 10, 0)), tick=False)  # Saturday
    out = StringIO()
    call_command("send_visit_reminders", stdout=out)
    assert "reminders=0" in out.getvalue()  # Monday is two days away
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 12, 6, 10, 0)), tick=False)  # Sunday
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_visit_reminders", stdout=out)
        call_command("send_visit_reminders", stdout=out)
    assert "reminders=1" in out.getvalue() and out.getvalue().count("reminders=0") == 2
    assert [m.to for m in mail.outbox] == [[booked.email]]
    message = mail.outbox[0]
    assert "Напоминание" in message.subject and "7 декабря" in message.subject and "11:00" in message.subject
    assert f"/visits/booking/token/{booked.token}/" in message.body
    booked.refresh_from_db()
    cancelled.refresh_from_db()
    assert booked.reminder_sent_at and cancelled.reminder_sent_at is None


def test_no_email_for_a_booking_without_an_address(client, centre, visit_settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = book(client, centre, MONDAY, email="")
    assert response.status_code == 302 and mail.outbox == []
    page = client.get(response["Location"]).content.decode()
    assert "Сохраните номер записи" in page


def test_personal_data_is_erased_after_the_retention_period(client, booked, time_machine):
    from io import StringIO
    from django.utils import timezone
    out = StringIO()
    time_machine.move_to(timezone.make_aware(datetime.datetime(2027, 2, 5, 3, 0)), tick=False)
    call_command("purge_visit_data", stdout=out)
    booked.refresh_from_db()
    assert "anonymised=0" in out.getvalue() and booked.name == "Анна Петрова"
    time_machine.move_to(timezone.make_aware(datetime.datetime(2027, 2, 6, 3, 0)), tick=False)
    call_command("purge_visit_data", stdout=out)
    call_command("purge_visit_data", stdout=out)
    booked.refresh_from_db()
    assert "anonymised=1" in out.getvalue() and out.getvalue().count("anonymised=0") == 2
    assert (booked.name, booked.phone, booked.email, booked.other_needs) == ("", "", "", "")
    assert booked.reference and booked.service and booked.anonymised_at
