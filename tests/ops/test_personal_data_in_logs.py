"""No log line carries a citizen's name, e-mail, phone or access code.

A whole journey — a case filed through the public form, an officer's reply, a subscription to
outage notices confirmed and a notice sent — with everything captured: every logger at DEBUG
(caplog), the configured console handler's own output (with its filters and formatter), and
standard output and error (where the console e-mail backend would print). Then the filter itself,
on the handler the settings configure.
"""
import io
import logging
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from cases.models import Case, OutgoingEmail
from tests.cases.helpers import CONTACT, Journey
from tests.outages import factories as f

pytestmark = pytest.mark.django_db

NAME = "Кузнецова Ольга Игоревна"
EMAIL = "olga.kuznetsova@example.ru"
PHONE = "+7 (921) 555-12-34"
SUBSCRIBER = "olga.notices@example.ru"


@pytest.fixture
def console_output():
    """What the configured console handler writes, at DEBUG, for the duration of the test."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)
                   and any(type(flt).__name__ == "PersonalDataFilter" for flt in h.filters))
    buffer, level = io.StringIO(), handler.level
    old_stream = handler.setStream(buffer)
    handler.setLevel(logging.DEBUG)
    yield buffer
    handler.setStream(old_stream)
    handler.setLevel(level)


@pytest.fixture
def make_officer_for_logs(django_user_model):
    """A case officer of the unit supply-quality cases go to."""
    from django.contrib.auth.models import Group

    from cases.models import Unit
    unit = Unit.objects.get(code="customer_service")
    unit_group, _ = Group.objects.get_or_create(name="Unit customer_service")
    unit.officers = unit_group
    unit.save()
    user = django_user_model.objects.create_user(username="officer", password="pw-12345-long")
    user.groups.add(Group.objects.get(name="Сотрудники по обращениям"), unit_group)
    return user


def test_every_configured_handler_masks_personal_data():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "personal_data" in handler.get("filters", []), name


def test_a_whole_journey_logs_no_personal_data(client, caplog, capfd, console_output, make_officer_for_logs,
                                               django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    journey = Journey(client)
    with django_capture_on_commit_callbacks(execute=True):
        case = journey.run("supply_quality", {"site_address": "ул. Ленина, 7", "message": "Мигает свет"},
                           {**CONTACT, "applicant_name": NAME, "email": EMAIL, "phone": PHONE})
        client.post("/ru/requests/status/", {"reference": case.reference, "access_code": case.access_code})
        client.post("/ru/requests/status/", {"reference": case.reference, "access_code": "999999"})

    client.force_login(make_officer_for_logs)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/case_queue/edit/{case.pk}/", {
            "status": Case.ANSWERED, "unit": case.unit_id, "assigned_to": "", "due_date": case.due_date.isoformat(),
            "reply": f"Уважаемая {NAME}, напряжение восстановлено.", "new_note": ""})
    assert response.status_code == 302
    client.logout()
    call_command("send_pending_emails", stdout=io.StringIO())

    f.consent_text("2025-09")
    kotlas = f.settlement("Котлас", slug="kotlas", name_en="Kotlas")
    lenina = f.street(kotlas, "ул. Ленина", "Lenina St")
    client.post("/ru/outages/subscribe/", {"email": SUBSCRIBER, "settlement": "Котлас", "street": "улица Ленина",
                                           "consent": "on"})
    from outages.models import Subscription
    subscription = Subscription.objects.get(email=SUBSCRIBER)
    client.post(f"/ru/outages/subscribe/confirm/{subscription.token}/")
    client.get("/ru/outages/unsubscribe/not-a-real-token-1234567890abcdef/")  # a 404 logs its path
    f.outage([(kotlas, lenina, "")])
    call_command("send_outage_notifications", stdout=io.StringIO())

    # The data did flow: the mails carry it, so its absence from the logs means something.
    bodies = "\n".join(m.subject + m.body + " ".join(m.to) for m in mail.outbox)
    assert EMAIL in bodies and case.access_code in bodies and SUBSCRIBER in bodies
    assert OutgoingEmail.objects.filter(case=case, kind=OutgoingEmail.REPLY).exists()

    out, err = capfd.readouterr()
    logged = {"caplog": "\n".join(caplog.messages) + caplog.text, "console handler": console_output.getvalue(),
              "stdout/stderr": out + err}
    assert caplog.records, "nothing was captured: the capture is broken"
    secrets = {"name": NAME, "surname": "Кузнецова", "e-mail": EMAIL, "e-mail user": "olga.kuznetsova",
               "subscriber": SUBSCRIBER, "phone": PHONE, "phone digits": "5551234",
               "access code": case.access_code, "subscription token": subscription.token}
    for where, text in logged.items():
        digits = re.sub(r"\D", "", text)
        for what, value in secrets.items():
            haystack = digits if what == "phone digits" else text
            assert value not in haystack, f"{what} found in {where}"


def test_the_configured_handler_masks_what_a_careless_call_would_log(console_output):
    log = logging.getLogger("cases.careless")
    log.warning("could not send to %s (%s), code %s, link /ru/outages/unsubscribe/%s/",
                EMAIL, PHONE, "482913", "Zx9_a8B7c6D5e4F3g2H1i0J9k8L7m6N5")
    try:
        raise ValueError(f"refused recipient {EMAIL}")
    except ValueError:
        log.exception("mail failed for %s", "8 912 345-67-89")
    output = console_output.getvalue()
    for value in (EMAIL, "555-12-34", "482913", "Zx9_a8B7c6D5e4F3g2H1i0J9k8L7m6N5", "345-67-89"):
        assert value not in output
    assert output.count("***") >= 6
    assert "ValueError" in output and "could not send to" in output  # the rest of the line stays readable
