"""Issue 18 item 1: the status page (reference + access code) shows the officer's replies in full,
their date and documents (downloaded only by the browser that gave the code), the history in plain
words and the deadline; the reply e-mail links to the status page."""
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases import services
from cases.models import Case, CaseAttachment

pytestmark = pytest.mark.django_db
CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REPLY = "Напряжение восстановлено 12 марта.\nПовторная проверка показала норму."


@pytest.fixture(autouse=True)
def private_root(tmp_path, settings):
    settings.CASES_PRIVATE_ROOT = tmp_path


def make_case(language="ru", **answers):
    base = {"applicant_name": "Сидоров Иван", "email": "ivan@example.ru", "message": "Низкое напряжение",
            "site_address": "ул. Мира, 1", **answers}
    case, _ = services.register_case(request_type="supply_quality", answers=base, consent=CONSENT,
                                     language=language)
    return case


def edit_url(case):
    return f"/admin/case_queue/edit/{case.pk}/"


def answer(client, case, reply=REPLY, document=None, **extra):
    data = {"status": Case.ANSWERED, "unit": case.unit_id, "assigned_to": "", "reply": reply,
            "new_note": "Внутреннее: звонил мастер Петров", **extra}
    if document is not None:
        data["reply_document"] = document
    return client.post(edit_url(case), data)


def look_up(client, case, code=None, lang="ru"):
    return client.post(f"/{lang}/requests/status/", {"reference": case.reference,
                                                   "access_code": case.access_code if code is None else code})


@pytest.fixture
def answered(client, make_officer, django_capture_on_commit_callbacks):
    case = make_case()
    client.force_login(make_officer("customer_service"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, case, document=SimpleUploadedFile("акт проверки.pdf", PDF, "application/pdf"))
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    case.refresh_from_db()
    return case


def test_reply_and_document_shown_with_the_code(client, answered):
    page = look_up(client, answered)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Напряжение восстановлено 12 марта." in html and "Повторная проверка показала норму." in html
    reply = answered.replies.get()
    assert f"Ответ от {timezone.localtime(reply.created_at):%-d}" in html
    document = CaseAttachment.objects.get(case=answered, reply=reply)
    link = f"/ru/requests/status/document/{document.pk}/"
    assert link in html and "акт проверки.pdf" in html
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]


def test_history_in_plain_words_without_internal_notes(client, answered):
    html = look_up(client, answered).content.decode()
    assert "История обращения" in html
    assert "Обращение зарегистрировано." in html
    assert "Статус изменён: «дан ответ»." in html
    assert "Дан ответ" in html
    assert "Петров" not in html  # internal note
    assert "просмотр персональных данных" not in html
    english = look_up(client, answered, lang="en").content.decode()
    assert "Status changed: “answered”." in english or "Status changed: «answered»." in english
    assert "Voltage" not in english and "Напряжение восстановлено 12 марта." in english  # the reply as written


def test_nowhere_without_the_code(client, answered):
    document = CaseAttachment.objects.get(case=answered, reply__isnull=False)
    link = f"/ru/requests/status/document/{document.pk}/"
    assert client.get(link).status_code == 404  # no lookup in this browser
    assert REPLY.splitlines()[0] not in client.get("/ru/requests/status/").content.decode()
    wrong = look_up(client, answered, code="000000" if answered.access_code != "000000" else "111111")
    assert wrong.status_code == 404
    assert REPLY.splitlines()[0] not in wrong.content.decode() and "акт проверки" not in wrong.content.decode()
    assert client.get(link).status_code == 404  # a wrong code grants nothing
    assert REPLY.splitlines()[0] not in client.get("/ru/requests/new/done/", follow=True).content.decode()


def test_a_grant_for_one_case_opens_no_other_case(client, answered, make_officer, django_capture_on_commit_callbacks):
    other = make_case(email="other@example.ru")
    officer_client = client.__class__()
    officer_client.force_login(make_officer("customer_service", username="second"))
    with django_capture_on_commit_callbacks(execute=True):
        answer(officer_client, other, reply="Другой ответ",
               document=SimpleUploadedFile("чужой.pdf", PDF, "application/pdf"))
    theirs = CaseAttachment.objects.get(case=other, reply__isnull=False)
    assert look_up(client, answered).status_code == 200
    assert client.get(f"/ru/requests/status/document/{theirs.pk}/").status_code == 404
    assert "Другой ответ" not in look_up(client, answered).content.decode()


def test_applicants_own_uploads_not_served_on_the_status_page(client, answered):
    from cases.models import private_storage
    path = private_storage().save("uploads/own", SimpleUploadedFile("моё.pdf", PDF))
    own = CaseAttachment.objects.create(case=answered, file=path, original_name="моё.pdf",
                                        content_type="application/pdf", size=len(PDF))
    assert look_up(client, answered).status_code == 200
    assert client.get(f"/ru/requests/status/document/{own.pk}/").status_code == 404
    assert client.get("/ru/requests/status/document/999999/").status_code == 404


def test_reply_email_links_to_the_status_page(answered):
    message = mail.outbox[-1]
    assert message.to == ["ivan@example.ru"]
    assert f"/ru/requests/status/?reference={quote(answered.reference)}" in message.body
    assert "акт проверки.pdf" in message.body
    assert answered.access_code not in message.body  # the code is only in the acknowledgement


def test_reply_email_in_english_for_an_english_applicant(client, make_officer, django_capture_on_commit_callbacks):
    case = make_case(language="en")
    client.force_login(make_officer("customer_service"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, case, reply="The voltage is back to normal.")
    body = mail.outbox[-1].body
    assert "The voltage is back to normal." in body
    assert "/en/requests/status/?reference=" in body and "status page" in body


def test_status_link_prefills_the_reference(client, answered):
    html = client.get(f"/ru/requests/status/?reference={answered.reference}").content.decode()
    assert f'value="{answered.reference}"' in html
    assert REPLY.splitlines()[0] not in html


def test_a_document_without_a_reply_text_is_refused_next_to_the_field(client, make_officer):
    case = make_case()
    client.force_login(make_officer("customer_service"))
    response = answer(client, case, reply="", document=SimpleUploadedFile("акт.pdf", PDF, "application/pdf"))
    assert response.status_code == 200
    assert "Документ отправляется вместе с ответом" in response.content.decode()
    assert not CaseAttachment.objects.filter(case=case).exists()
    bad = answer(client, case, document=[SimpleUploadedFile("вирус.exe", b"MZ\x90\x00", "application/pdf"),
                                         SimpleUploadedFile("акт.pdf", PDF, "application/pdf")])
    assert bad.status_code == 200 and "«вирус.exe» должен быть в формате PDF, JPG или PNG" in bad.content.decode()
    assert not case.replies.exists() and not CaseAttachment.objects.filter(case=case).exists()
    many = answer(client, case, document=[SimpleUploadedFile(f"{n}.pdf", PDF, "application/pdf") for n in range(6)])
    assert many.status_code == 200 and "не больше 5 файлов" in many.content.decode()
    assert not case.replies.exists()


def test_two_documents_with_one_reply(client, make_officer):
    case = make_case()
    client.force_login(make_officer("customer_service"))
    response = answer(client, case, document=[SimpleUploadedFile("акт.pdf", PDF, "application/pdf"),
                                              SimpleUploadedFile("схема.pdf", PDF, "application/pdf")])
    assert response.status_code == 302
    client.logout()
    html = look_up(client, case).content.decode()
    assert "акт.pdf" in html and "схема.pdf" in html
    for item in CaseAttachment.objects.filter(case=case, reply__isnull=False):
        assert client.get(f"/ru/requests/status/document/{item.pk}/").status_code == 200


def test_deadline_shown(client, answered):
    html = look_up(client, answered).content.decode()
    from django.utils.formats import date_format
    assert date_format(answered.due_date, "j E Y") in html


def test_after_anonymisation_no_reply_or_document(client, answered):
    import datetime
    from django.core.management import call_command
    document = CaseAttachment.objects.get(case=answered, reply__isnull=False)
    assert look_up(client, answered).status_code == 200
    Case.objects.filter(pk=answered.pk).update(status=Case.CLOSED,
                                               closed_at=timezone.now() - datetime.timedelta(days=4000))
    call_command("purge_personal_data", stdout=__import__("io").StringIO())
    html = look_up(client, answered).content.decode()
    assert REPLY.splitlines()[0] not in html and "акт проверки" not in html
    assert client.get(f"/ru/requests/status/document/{document.pk}/").status_code == 404
