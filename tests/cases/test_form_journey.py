"""The public request form, step by step, through the test client."""
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cases.models import Case, CaseAttachment
from tests.cases.helpers import CONTACT, Journey

pytestmark = pytest.mark.django_db


def test_procedure_link_preselects_type(client):
    """ProcedurePage links to ?type=<code>: that answer is chosen already."""
    page = client.get("/ru/requests/new/?type=meter")
    assert page.status_code == 200
    radio = page.content.decode().split('value="meter"')[1].split(">")[0]
    assert "checked" in radio
    other = page.content.decode().split('value="bill"')[1].split(">")[0]
    assert "checked" not in other
    assert page.context["show_feedback"] is False


def test_index_redirects_to_start_keeping_type(client):
    response = client.get("/ru/requests/?type=bill")
    assert response.status_code == 302 and response["Location"] == "/ru/requests/new/?type=bill"


def test_start_shows_hotline_before_form(client):
    html = client.get("/ru/requests/new/").content.decode()
    assert html.index("urgent-panel") < html.index("<form method=\"post\"")


def test_outage_details_show_hotline_before_form(journey, client):
    journey.choose("outage")
    html = client.get("/ru/requests/new/details/").content.decode()
    assert "urgent-panel" in html
    assert html.index("8-800-220-0-220") < html.index('<form method="post"')


def test_full_journey_russian(journey, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = journey.run("supply_quality", {"site_address": "г. Архангельск, ул. Победы, д. 1",
                                              "account_number": "1234567", "message": "Мигает свет каждый вечер"})
    assert case.request_type == "supply_quality"
    assert case.unit.code == "customer_service"
    assert case.site_address == "г. Архангельск, ул. Победы, д. 1"
    assert case.account_number == "1234567"
    assert case.applicant_name == CONTACT["applicant_name"]
    assert case.language == "ru" and case.channel == Case.WEB
    assert case.consent_version == "2026-01" and case.consent_at is not None
    assert "/ru/requests/new/contact/" in case.consent_source
    assert case.due_date > timezone.localdate()
    assert case.events.filter(kind="created").exists()
    done = client.get("/ru/requests/new/done/")
    html = done.content.decode()
    assert case.reference in html and case.access_code in html
    assert "Служба по работе с клиентами" in html
    assert "8-800-220-0-220" in html
    assert f"{case.due_date.day} " in html
    assert done.context["show_feedback"] is False
    # acknowledgement in Russian
    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].subject and "зарегистрировано" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["maria@example.ru"]


def test_full_journey_english(client, django_capture_on_commit_callbacks):
    journey = Journey(client, lang="en")
    page = client.get("/en/requests/new/")
    assert "What is your request about?" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        case = journey.run("tariff", {"message": "Why did my tariff change?"})
    assert case.language == "en"
    html = client.get("/en/requests/new/done/").content.decode()
    assert "Your request has been registered" in html or "Request registered" in html
    assert case.reference in html
    assert "Customer service" in html
    assert "Request" in mail.outbox[0].subject and case.reference in mail.outbox[0].subject
    assert "Здравствуйте" not in mail.outbox[0].body


def test_english_error_title_and_summary(client):
    journey = Journey(client, lang="en")
    response = journey.choose("")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert 'href="#id_request_type_0"' in html


def test_errors_russian_summary_prefix_and_nothing_lost(journey, client):
    journey.choose("home_visit")
    response = journey.details({"site_address": "", "message": "Нужен специалист <b>в четверг</b>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Ошибка: " in html
    assert "Есть ошибки" in html
    assert html.index("error-summary") < html.index("<h1")
    assert 'href="#id_site_address"' in html
    assert "Введите адрес" in html
    assert 'aria-invalid="true"' in html
    # what was typed is still there, escaped
    assert "Нужен специалист &lt;b&gt;в четверг&lt;/b&gt;" in html


def test_contact_errors(journey):
    journey.choose("tariff")
    journey.details({"message": "Вопрос"})
    response = journey.contact({"email": "not-an-email", "phone": "abc", "consent": None,
                                "applicant_name": "Пётр"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Введите адрес электронной почты в виде name@example.ru" in html
    assert "Введите номер телефона" in html
    assert "дайте согласие на обработку персональных данных" in html
    assert 'value="Пётр"' in html
    assert 'value="not-an-email"' in html


def test_consent_checkbox_unticked_and_versioned(journey, client):
    journey.choose("tariff")
    journey.details({"message": "Вопрос"})
    html = client.get("/ru/requests/new/contact/").content.decode()
    checkbox = html.split('id="id_consent"')[0].rsplit("<input", 1)[1] + html.split('id="id_consent"')[1].split(">")[0]
    assert "checked" not in checkbox
    assert "Версия текста согласия: 2026-01" in html
    assert 'href="/ru/privacy/"' in html
    assert 'autocomplete="name"' in html and 'autocomplete="email"' in html and 'autocomplete="tel"' in html


def test_contact_needs_some_way_to_answer(journey):
    journey.choose("tariff")
    journey.details({"message": "Вопрос"})
    response = journey.contact({"email": "", "phone": "", "postal_address": ""})
    assert response.status_code == 400
    assert "чтобы мы могли ответить" in response.content.decode()


def test_change_links_keep_answers(journey, client):
    journey.choose("meter")
    journey.details({"site_address": "д. Луковецкий, ул. Новая, 5", "account_number": "998877",
                     "message": "Счётчик не работает"})
    journey.contact()
    check = journey.check_page()
    html = check.content.decode()
    assert "Счётчик не работает" in html and "Иванова Мария Петровна" in html
    assert '/ru/requests/new/details/?change=1#id_message' in html
    # follow a change link: everything typed is shown again
    page = client.get("/ru/requests/new/details/?change=1")
    page_html = page.content.decode()
    assert "Счётчик не работает" in page_html and 'value="998877"' in page_html
    response = journey.details({"site_address": "д. Луковецкий, ул. Новая, 5", "account_number": "998877",
                                "message": "Счётчик не работает с понедельника"}, change=True)
    assert response["Location"] == "/ru/requests/new/check/"
    html = journey.check_page().content.decode()
    assert "с понедельника" in html and "Иванова Мария Петровна" in html
    # change the contact too: the earlier answers stay
    page = client.get("/ru/requests/new/contact/?change=1").content.decode()
    assert 'value="maria@example.ru"' in page
    journey.contact({"phone": "+7 911 000-11-22"}, change=True)
    html = journey.check_page().content.decode()
    assert "+7 911 000-11-22" in html and "с понедельника" in html


def test_changing_type_keeps_shared_answers(journey, client):
    journey.choose("meter")
    journey.details({"site_address": "ул. Ленина, 3", "message": "Вопрос о счётчике"})
    journey.contact()
    response = client.post("/ru/requests/new/?change=1", {"request_type": "supply_quality"})
    assert response["Location"] == "/ru/requests/new/details/?change=1"
    page = client.get(response["Location"]).content.decode()
    assert "ул. Ленина, 3" in page and "Вопрос о счётчике" in page


def test_check_page_without_answers_goes_back(client):
    assert client.get("/ru/requests/new/check/")["Location"] == "/ru/requests/new/"
    assert client.get("/ru/requests/new/contact/")["Location"] == "/ru/requests/new/"


def test_appeal_needs_valid_reference_and_links(journey, client, django_capture_on_commit_callbacks):
    first = journey.run("supply_quality", {"site_address": "ул. Мира, 1", "message": "Жалоба"})
    journey.choose("appeal")
    response = journey.details({"earlier_reference": "12345", "message": "Не согласен"})
    assert response.status_code == 400
    assert "ЕО-2026-7K3Q9" in response.content.decode()
    appeal = journey.run("appeal", {"earlier_reference": first.reference.lower(),
                                    "earlier_access_code": first.access_code, "message": "Не согласен"})
    assert appeal.appeal_of == first  # linked: the citizen gave the earlier case's access code
    assert appeal.unit.code == "appeals"  # the higher unit of customer service


def test_personal_data_request_deadline_in_working_days(journey):
    case = journey.run("personal_data", {"pd_request": "deletion", "message": "Удалите мои данные"})
    assert case.unit.code == "dpo"
    assert case.details["pd_request"] == "deletion"
    from cases.models import CalendarDay
    from cases.rules.deadlines import add_working_days
    assert case.due_date == add_working_days(timezone.localdate(case.created_at), 10, CalendarDay.calendar())


def test_bill_forwarded_with_consent(journey, client, django_capture_on_commit_callbacks):
    journey.choose("bill")
    journey.details({"account_number": "55501", "message": "Прошу сделать перерасчёт"})
    page = client.get("/ru/requests/new/contact/").content.decode()
    assert "id_transfer_consent" in page and "ТГК-2 Энергосбыт" in page
    with django_capture_on_commit_callbacks(execute=True):
        journey.contact({"transfer_consent": "on"})
        response, token = journey.submit()
    case = Case.objects.get(submission_key=token)
    assert case.unit.code == "supplier" and case.unit.is_third_party
    assert case.status == Case.FORWARDED and case.forwarded_at and case.transfer_consent
    assert case.transfer_consent_version == "2026-01"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(["maria@example.ru", case.unit.email])
    forward = next(m for m in mail.outbox if m.to == [case.unit.email])
    assert "Прошу сделать перерасчёт" in forward.body and "55501" in forward.body
    html = client.get("/ru/requests/new/done/").content.decode()
    assert "Ваше обращение передано" in html and "ТГК-2 Энергосбыт" in html
    assert "гарантирующий поставщик" in html  # the citizen is told why


def test_subsidy_without_transfer_consent_not_forwarded(journey, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = journey.run("subsidy", {"message": "Как получить субсидию?"})
    assert case.unit.code == "social_protection"
    assert case.status == Case.RECEIVED and case.forwarded_at is None and not case.transfer_consent
    assert [m.to for m in mail.outbox] == [["maria@example.ru"]]
    assert "не дали согласие" in mail.outbox[0].body
    html = client.get("/ru/requests/new/done/").content.decode()
    assert "обратитесь туда напрямую" in html


def test_double_submit_makes_one_case(journey, client):
    journey.choose("tariff")
    journey.details({"message": "Вопрос"})
    journey.contact()
    token = journey.check_page().context["token"]
    first = client.post("/ru/requests/new/check/", {"token": token})
    second = client.post("/ru/requests/new/check/", {"token": token})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/ru/requests/new/done/"
    assert Case.objects.count() == 1


def test_honeypot_refused(journey):
    journey.choose("tariff")
    journey.details({"message": "Вопрос"})
    response = journey.contact({"website": "http://spam.example"})
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_rate_limit_keeps_answers(journey, client, settings):
    settings.CASES_RATE_LIMIT = "2/3600"
    journey.run("tariff", {"message": "Один"})
    journey.run("tariff", {"message": "Два"})
    journey.choose("tariff")
    journey.details({"message": "Три"})
    journey.contact()
    response, _token = journey.submit()
    assert response.status_code == 429
    assert Case.objects.count() == 2
    assert "Три" in journey.check_page().content.decode()


def test_html_and_script_shown_escaped(journey, client):
    nasty = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    case = journey.run("other", {"message": nasty}, {"applicant_name": nasty})
    assert case.message == nasty
    html = client.get("/ru/requests/new/done/").content.decode()
    assert "<script>alert(1)" not in html


def test_oversized_message_kept_and_explained(journey):
    journey.choose("other")
    text = "а" * 5001
    response = journey.details({"message": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Сократите текст до 5000 знаков" in html and text in html


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_attachments_kept_while_fixing_errors(journey, client, tmp_path, settings):
    settings.CASES_PRIVATE_ROOT = tmp_path
    journey.choose("surge_damage")
    response = journey.details({"site_address": "", "message": "Сгорел холодильник",
                                "attachments": [SimpleUploadedFile("photo.png", _png()),
                                                SimpleUploadedFile("virus.pdf", b"MZ\x90\x00rest")]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "должен быть в формате PDF, JPG или PNG" in html and "virus.pdf" in html
    assert "photo.png" in html  # the good file is kept
    journey.details({"site_address": "ул. Садовая, 2", "message": "Сгорел холодильник"})
    journey.contact()
    response, token = journey.submit()
    case = Case.objects.get(submission_key=token)
    attachment = CaseAttachment.objects.get(case=case)
    assert attachment.original_name == "photo.png" and attachment.content_type == "image/png"
    assert str(tmp_path) in attachment.file.path
    assert not str(attachment.file.path).startswith(str(settings.MEDIA_ROOT))


def test_at_most_five_files(journey, tmp_path, settings):
    settings.CASES_PRIVATE_ROOT = tmp_path
    journey.choose("other")
    files = [SimpleUploadedFile(f"p{i}.png", _png()) for i in range(6)]
    response = journey.details({"message": "Файлы", "attachments": files})
    assert response.status_code == 400
    assert "не больше 5 файлов" in response.content.decode()


def test_missing_csrf_token_is_4xx(journey):
    from django.test import Client
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/ru/requests/new/", {"request_type": "tariff"})
    assert response.status_code == 403


def test_status_page(journey, client, settings):
    settings.CASES_STATUS_LIMIT = "5/900"  # five wrong pairs per address in 15 minutes
    case = journey.run("tariff", {"message": "Вопрос"})
    right = client.post("/ru/requests/status/", {"reference": case.reference, "access_code": case.access_code})
    assert right.status_code == 200 and "в работе" not in right.content.decode()
    assert case.get_status_display() in right.content.decode()
    wrong = client.post("/ru/requests/status/", {"reference": case.reference, "access_code": "000001"
                                                 if case.access_code != "000001" else "000002"})
    unknown = client.post("/ru/requests/status/", {"reference": "ЕО-2026-XXXXX", "access_code": "123456"})
    assert wrong.status_code == unknown.status_code == 404
    def message(response):
        html = response.content.decode()
        return html[html.index("error-summary"):html.index("</h1>")]
    assert message(wrong) == message(unknown)
    assert "Не нашли обращение" in message(wrong)
    for _ in range(3):
        client.post("/ru/requests/status/", {"reference": "ЕО-2026-XXXXX", "access_code": "123456"})
    throttled = client.post("/ru/requests/status/", {"reference": case.reference, "access_code": case.access_code})
    assert throttled.status_code == 429


def test_rating_and_appeal_link_after_answer(journey, client):
    case = journey.run("tariff", {"message": "Вопрос"})
    pair = {"reference": case.reference, "access_code": case.access_code}
    assert "Оцените ответ" not in client.post("/ru/requests/status/", pair).content.decode()
    Case.objects.filter(pk=case.pk).update(status=Case.ANSWERED)
    page = client.post("/ru/requests/status/", pair).content.decode()
    from urllib.parse import quote
    assert "Оцените ответ" in page and f"?type=appeal&amp;ref={quote(case.reference)}" in page
    missing = client.post("/ru/requests/status/", {**pair, "action": "rate"})
    assert missing.status_code == 400 and "Выберите, довольны ли вы ответом" in missing.content.decode()
    done = client.post("/ru/requests/status/", {**pair, "action": "rate", "satisfied": "no",
                                                "comment": "Ответ неполный"})
    assert done.status_code == 200 and "Спасибо за оценку" in done.content.decode()
    case.refresh_from_db()
    assert case.rating_satisfied is False and case.rating_comment == "Ответ неполный"
    assert case.events.filter(kind="rated").count() == 1
    # the appeal link starts an appeal with the number filled in, linked to the case
    client.get(f"/ru/requests/new/?type=appeal&ref={quote(case.reference)}")
    journey.choose("appeal")
    page = client.get("/ru/requests/new/details/").content.decode()
    assert f'value="{case.reference}"' in page


def test_csrf_failure_view_is_friendly(rf):
    from cases.views import csrf_failure
    from django.contrib.sessions.backends.db import SessionStore
    request = rf.post("/ru/requests/new/contact/")
    request.session = SessionStore()
    response = csrf_failure(request)
    assert response.status_code == 403
    assert "Страница устарела" in response.content.decode()
