"""Subscriptions: double opt-in with consent, one notice per change, one-click unsubscribe."""
import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from outages import status as st
from outages.models import Notification, Subscription
from tests.outages import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    f.consent_text("2025-09")
    kotlas = f.settlement("Котлас", slug="kotlas", name_en="Kotlas")
    lenina = f.street(kotlas, "ул. Ленина", "Lenina St")
    return kotlas, lenina


def subscribe(client, lang="ru", **data):
    payload = {"email": "resident@example.ru", "settlement": "Котлас", "street": "улица Ленина", "consent": "on"}
    payload.update(data)
    return client.post(f"/{lang}/outages/subscribe/", payload)


def confirm_link(message):
    return next(line for line in message.body.splitlines() if "/subscribe/confirm/" in line).strip()


def test_consent_box_is_unticked_and_required(client, place):
    html = client.get("/ru/outages/subscribe/").content.decode()
    assert 'type="checkbox"' in html and "checked" not in html.split('name="consent"')[1].split(">")[0]
    response = subscribe(client, consent="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "дайте согласие" in html and 'value="resident@example.ru"' in html
    assert not Subscription.objects.exists() and not mail.outbox


def test_unknown_place_is_refused_plainly(client, place):
    response = subscribe(client, settlement="Котлос")
    assert response.status_code == 400 and "Населённый пункт «Котлос» не найден" in response.content.decode()
    response = subscribe(client, street="Несуществующая")
    assert "Улица «Несуществующая»" in response.content.decode()


def test_double_opt_in_and_consent_record(client, place):
    kotlas, lenina = place
    response = subscribe(client)
    assert response.status_code == 302
    sub = Subscription.objects.get()
    assert sub.street == lenina and sub.confirmed_at is None
    assert sub.consent_version == "2025-09" and sub.consent_given_at and sub.consent_source.startswith("web:")
    assert len(mail.outbox) == 1
    url = confirm_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    client.get("/" + url)  # a mail scanner opening the link does not confirm
    sub.refresh_from_db()
    assert sub.confirmed_at is None
    client.post("/" + url)
    sub.refresh_from_db()
    assert sub.confirmed_at is not None


def test_unconfirmed_subscription_gets_nothing(client, place):
    kotlas, lenina = place
    subscribe(client)
    mail.outbox.clear()
    f.outage([(kotlas, lenina, "")])
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert mail.outbox == []


def confirmed(client, place, lang="ru", **data):
    subscribe(client, lang=lang, **data)
    sub = Subscription.objects.latest("pk")
    client.post(f"/{lang}/outages/subscribe/confirm/{sub.token}/")
    mail.outbox.clear()
    return sub


def test_notify_once_then_again_only_on_change(client, place):
    kotlas, lenina = place
    sub = confirmed(client, place)
    outage = f.outage([(kotlas, lenina, "1-9")])
    other = f.settlement("Онега", slug="onega")
    f.outage([(other, None, "")])  # elsewhere: not for this subscriber
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["resident@example.ru"] and "Замена опор" in message.body
    assert f"/outages/unsubscribe/{sub.token}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1  # never twice
    outage.message_ru = "Бригада выехала"
    outage.save()  # a progress message alone is not a change worth an e-mail
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    outage.ends_at += datetime.timedelta(hours=2)
    outage.save()
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2 and "ИЗМЕНЕНИЕ" in mail.outbox[1].body
    outage.set_status(st.CANCELLED)
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 3 and "отменено" in mail.outbox[2].body
    assert Notification.objects.filter(subscription=sub).count() == 3


def test_notice_in_the_subscribers_language(client, place):
    kotlas, lenina = place
    confirmed(client, place, lang="en", street="Lenina St")
    f.outage([(kotlas, None, "")])
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert "Replacing poles" in mail.outbox[0].body and "/en/outages/" in mail.outbox[0].body


def test_failed_send_is_retried_not_lost(client, place, settings):
    kotlas, lenina = place
    confirmed(client, place)
    f.outage([(kotlas, lenina, "")])
    settings.EMAIL_BACKEND = "tests.outages.test_subscriptions.FailingBackend"
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert not Notification.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("SMTP down")


def test_one_click_unsubscribe(client, place):
    kotlas, lenina = place
    sub = confirmed(client, place)
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(f"/ru/outages/unsubscribe/{sub.token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None and sub.email == ""  # the address is erased
    f.outage([(kotlas, lenina, "")])
    call_command("send_outage_notifications", stdout=open("/dev/null", "w"))
    assert mail.outbox == []


def test_unsubscribe_link_shows_one_button_first(client, place):
    sub = confirmed(client, place)
    html = client.get(f"/ru/outages/unsubscribe/{sub.token}/").content.decode()
    assert "Отписаться" in html
    sub.refresh_from_db()
    assert sub.unsubscribed_at is None
    assert client.get("/ru/outages/unsubscribe/not-a-token/").status_code == 404


def test_repeated_form_does_not_flood_a_mailbox(client, place):
    subscribe(client)
    subscribe(client)
    subscribe(client)
    assert len(mail.outbox) == 1


def test_subscription_unavailable_without_a_consent_text(client):
    assert client.get("/ru/outages/subscribe/").status_code == 503
