"""Officers register cases received by phone, at a personal visit or by letter in the Wagtail
admin: same reference, routing, deadline, history, consent and e-mail as a case from the site."""
import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import mail

from cases.models import Case, CaseEvent, OutgoingEmail
from cases.rules import reference

pytestmark = pytest.mark.django_db
MSK = zoneinfo.ZoneInfo("Europe/Moscow")
URL = "/admin/case_queue/register/"


def at(day, hour=11):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=MSK)


def payload(channel="phone", request_type="supply_quality", **overrides):
    data = {"channel": channel, "request_type": request_type, "token": "0123456789abcdef0123456789abcdef",
            "applicant_name": "Петрова Анна Сергеевна", "email": "anna@example.ru", "phone": "8 912 345-67-89",
            "postal_address": "", "language": "ru", "site_address": "г. Архангельск, ул. Мира, 5",
            "account_number": "", "message": "Мигает свет по вечерам.", "consent": "on"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def officer(client, make_officer):
    user = make_officer("customer_service")
    client.force_login(user)
    return user


def test_officer_registers_phone_case(client, officer, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(at(datetime.date(2026, 4, 10)), tick=False)  # a Friday
    choose = client.get(URL)
    assert choose.status_code == 200
    assert "Как получено обращение" in choose.content.decode()
    page = client.get(URL, {"channel": "phone", "request_type": "supply_quality"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="site_address"' in html and 'name="account_number"' in html
    assert 'name="received_on"' not in html  # only letters have a date of receipt
    assert 'name="application_number"' not in html and 'name="transfer_consent"' not in html
    assert re.search(r'name="token" value="[0-9a-f]{32}"', html)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, payload())

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/case_queue/edit/{case.pk}/"  # the officer's own unit
    assert case.channel == Case.PHONE and case.request_type == "supply_quality"
    assert case.received_on is None  # registered the day it came in
    assert case.unit.code == "customer_service"
    # 30 calendar days from 10 April is Sunday 10 May; 11 May is a holiday: due on 12 May.
    assert case.due_date == datetime.date(2026, 5, 12)
    assert reference.is_valid_reference(case.reference) and case.reference.startswith("ЕО-2026-")
    assert re.fullmatch(r"\d{6}", case.access_code)
    assert case.applicant_name == "Петрова Анна Сергеевна" and case.site_address == "г. Архангельск, ул. Мира, 5"
    assert case.routing_reason.startswith("Жалобу рассмотрит служба")
    assert case.consent_source == "phone" and case.consent_version == "2026-01" and case.consent_at
    assert case.status == Case.RECEIVED and not case.transfer_consent

    created = CaseEvent.objects.get(case=case, kind=CaseEvent.CREATED)
    assert created.user == officer
    assert "телефон" in created.text and case.unit.name in created.text

    ack = OutgoingEmail.objects.get(case=case)
    assert ack.kind == OutgoingEmail.ACK and ack.to == "anna@example.ru"
    assert [m.to for m in mail.outbox] == [["anna@example.ru"]]
    assert case.reference in mail.outbox[0].body and case.access_code in mail.outbox[0].body
    assert "12 мая 2026" in mail.outbox[0].body

    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(case.reference in m and case.access_code in m for m in shown)
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Петрова Анна Сергеевна" in page.content.decode()


@pytest.mark.parametrize("request_type, extra, received, expected", [
    # 10 working days after Thursday 30 April: 1 May, 9–11 May and the weekends are skipped.
    ("personal_data", {"pd_request": "access", "site_address": None}, "2026-04-30", datetime.date(2026, 5, 18)),
    # 30 calendar days after 9 April end on Saturday 9 May (a holiday); 10 May Sunday, 11 May holiday.
    ("supply_quality", {}, "09.04.2026", datetime.date(2026, 5, 12)),
])
def test_letter_deadline_counts_from_the_date_received(client, officer, time_machine, request_type, extra,
                                                       received, expected):
    time_machine.move_to(at(datetime.date(2026, 5, 14)), tick=False)
    page = client.get(URL, {"channel": "letter", "request_type": request_type})
    assert 'name="received_on"' in page.content.decode()
    response = client.post(URL, payload("letter", request_type, received_on=received, email="", **extra))
    assert response.status_code == 302, response.context and response.context["form"].error_list()
    case = Case.objects.get()
    assert case.channel == Case.LETTER and case.due_date == expected
    assert case.consent_source == "letter"
    assert f"{case.received_on:%d.%m.%Y}" == received or case.received_on.isoformat() == received
    officer.is_superuser = True
    officer.save()
    shown = client.get(f"/admin/case_queue/edit/{case.pk}/").content.decode()
    assert "Получено (срок считается от этой даты)" in shown and f"{case.received_on:%d.%m.%Y}" in shown
    event = CaseEvent.objects.get(case=case, kind=CaseEvent.CREATED)
    assert event.user == officer and "получено" in event.text and "письмо" in event.text
    assert not OutgoingEmail.objects.filter(case=case).exists()  # no e-mail given: nothing queued


def test_letter_received_in_the_future_is_refused(client, officer, time_machine):
    time_machine.move_to(at(datetime.date(2026, 5, 14)), tick=False)
    response = client.post(URL, payload("letter", received_on="2026-05-15", applicant_name="Сидоров Пётр"))
    assert response.status_code == 200
    assert not Case.objects.exists()
    html = response.content.decode()
    assert "Дата получения письма не может быть позже сегодняшнего дня (14.05.2026)" in html
    assert 'value="Сидоров Пётр"' in html and 'value="2026-05-15"' in html  # nothing typed is lost
    assert "Мигает свет по вечерам." in html

    missing = client.post(URL, payload("letter", received_on=""))
    assert missing.status_code == 200 and "Введите дату получения письма" in missing.content.decode()
    garbled = client.post(URL, payload("letter", received_on="тридцатое"))
    assert "Введите дату получения письма, например 2026-05-14" in garbled.content.decode()
    assert not Case.objects.exists()


def test_missing_fields_show_errors_and_keep_values(client, officer):
    data = payload(applicant_name="", message="", site_address="", consent=None, email="anna@example",
                   phone="", account_number="12345")
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not Case.objects.exists()
    errors = response.context["form"].error_list()
    messages = [str(e["message"]) for e in errors]
    assert "Введите имя заявителя" in messages
    assert "Введите текст обращения" in messages
    assert "Введите адрес" in messages  # the public form's own check for this request type
    assert any("Введите адрес электронной почты" in m for m in messages)
    assert any("согласия заявителя" in m for m in messages)
    html = response.content.decode()
    assert 'value="anna@example"' in html and 'value="12345"' in html
    assert 'href="#id_applicant_name"' in html  # the error summary links to the fields
    assert 'aria-invalid="true"' in html


def test_no_contact_at_all_is_refused(client, officer):
    response = client.post(URL, payload(email="", phone="", postal_address=""))
    assert response.status_code == 200 and not Case.objects.exists()
    assert "Укажите электронную почту, телефон или почтовый адрес" in response.content.decode()


def test_questions_follow_the_request_type(client, officer):
    appeal = client.get(URL, {"channel": "visit", "request_type": "appeal"}).content.decode()
    assert 'name="earlier_reference"' in appeal and 'name="site_address"' not in appeal
    bill = client.get(URL, {"channel": "visit", "request_type": "bill"}).content.decode()
    assert 'name="transfer_consent"' in bill and "ООО «ТГК-2 Энергосбыт»" in bill
    bad = client.get(URL, {"channel": "web", "request_type": "nonsense"})
    assert bad.status_code == 200
    assert "Выберите, как получено обращение" in bad.content.decode()
    assert "Выберите тип обращения" in bad.content.decode()


def test_transfer_consent_forwards_to_the_third_party(client, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, payload("visit", "bill", site_address=None, transfer_consent="on"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.unit.code == "supplier" and case.status == Case.FORWARDED and case.transfer_consent
    assert case.consent_source == "visit"
    assert set(case.emails.values_list("kind", flat=True)) == {OutgoingEmail.ACK, OutgoingEmail.FORWARD}
    # Another unit's case: back to the queue, with the reference and the unit named.
    assert response["Location"] == "/admin/case_queue/"
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert case.reference in shown and case.unit.name in shown


def test_without_transfer_consent_nothing_is_forwarded(client, officer):
    response = client.post(URL, payload("phone", "bill", site_address=None, token="f" * 32))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.status == Case.RECEIVED and not case.transfer_consent
    assert list(case.emails.values_list("kind", flat=True)) == [OutgoingEmail.ACK]


def test_other_units_case_redirects_to_queue_with_message(client, make_officer):
    client.force_login(make_officer("metering", username="meter-officer"))
    response = client.post(URL, payload(), follow=True)
    case = Case.objects.get()
    assert case.unit.code == "customer_service"
    assert response.redirect_chain[-1][0] == "/admin/case_queue/"
    html = response.content.decode()
    assert case.reference in html and case.unit.name in html


def test_double_submit_makes_one_case(client, officer):
    first = client.post(URL, payload())
    second = client.post(URL, payload())
    assert first.status_code == second.status_code == 302
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_english_speaking_applicant_gets_english_acknowledgement(client, officer,
                                                                 django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, payload(language="en"))
    case = Case.objects.get()
    assert case.language == "en"
    assert [m.to for m in mail.outbox] == [["anna@example.ru"]]
    assert f"Your request has been registered with the reference number {case.reference}." in mail.outbox[0].body


def test_user_without_case_permissions_cannot_register(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw-12345-long")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for response in (client.get(URL), client.get(URL, {"channel": "phone", "request_type": "other"}),
                     client.post(URL, payload())):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    assert not Case.objects.exists()
    client.logout()
    anonymous = client.post(URL, payload())
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert not Case.objects.exists()


def test_view_only_officer_cannot_register(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw-12345-long")
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_case",
                                                                         "change_case"]))
    client.force_login(viewer)
    assert client.get("/admin/case_queue/").status_code == 200
    assert URL not in client.get("/admin/case_queue/").content.decode()
    assert client.post(URL, payload()).status_code in (302, 403)
    assert not Case.objects.exists()


def test_register_button_and_menu_item_for_officers(client, officer):
    html = client.get("/admin/case_queue/").content.decode()
    assert f'href="{URL}"' in html
    assert "Зарегистрировать обращение" in html
    assert URL in client.get("/admin/").content.decode()  # the menu


def test_a_failure_while_saving_keeps_everything_typed(client, officer, monkeypatch):
    from cases import services

    def broken(**kwargs):
        raise RuntimeError("database is down")
    monkeypatch.setattr(services, "register_case", broken)
    response = client.post(URL, payload(applicant_name="Кузнецов Олег"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Не удалось зарегистрировать обращение" in html
    assert 'value="Кузнецов Олег"' in html and "Мигает свет по вечерам." in html
    assert not Case.objects.exists()


def test_change_link_returns_to_the_first_step_with_the_choice_kept(client, officer):
    page = client.get(URL, {"channel": "letter", "request_type": "meter"})
    assert page.context["change_url"] == f"{URL}?channel=letter&request_type=meter&change=1"
    back = client.get(page.context["change_url"]).content.decode()
    assert 'value="letter" required id="id_channel_2" checked' in back
    assert '<option value="meter" selected>' in back


def test_english_speaking_officer_gets_english_form(client, officer):
    from wagtail.users.models import UserProfile
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"
    profile.save()
    html = client.get(URL, {"channel": "letter", "request_type": "other"}).content.decode()
    assert "Date the letter was received" in html and "Applicant’s name" in html
    assert "Register a request" in html
    response = client.post(URL, payload("letter", "other", received_on="2999-01-01", applicant_name=""))
    html = response.content.decode()
    assert "The date the letter was received cannot be later than today" in html
    assert "Enter the applicant’s name" in html
