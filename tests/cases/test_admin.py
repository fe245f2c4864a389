"""Case officers in the Wagtail admin: the queue, the case page, history and permissions."""
import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from cases import services
from cases.models import Case, CaseAttachment, CaseEvent, CaseNote, CaseReply, OutgoingEmail, private_storage

pytestmark = pytest.mark.django_db
CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}


def make_case(request_type="supply_quality", **answers):
    base = {"applicant_name": "Сидоров Иван", "email": "ivan@example.ru", "message": "Жалоба <b>жирно</b>",
            "site_address": "ул. Мира, 1"}
    base.update(answers)
    case, _ = services.register_case(request_type=request_type, answers=base, consent=CONSENT)
    return case


def edit_url(case):
    return f"/admin/case_queue/edit/{case.pk}/"


def form_data(case, **changes):
    data = {"status": case.status, "unit": case.unit_id, "assigned_to": "",
            "due_date": case.due_date.isoformat(), "reply": "", "new_note": ""}
    data.update(changes)
    return data


def test_anonymous_cannot_see_cases(client):
    case = make_case()
    for url in ("/admin/case_queue/", edit_url(case)):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert case.applicant_name not in client.get("/ru/requests/new/done/").content.decode()


def test_admin_user_without_case_permissions_forbidden(client, django_user_model):
    case = make_case()
    editor = django_user_model.objects.create_user("editor", password="pw-12345-long")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in ("/admin/case_queue/", edit_url(case)):
        response = client.get(url)
        # Wagtail sends users without the permission back to the dashboard
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert case.reference not in client.get(url, follow=True).content.decode()


def test_officer_queue_shows_only_own_unit(client, make_officer):
    own = make_case("supply_quality")
    other = make_case("connection", application_number="77")
    client.force_login(make_officer("customer_service"))
    page = client.get("/admin/case_queue/")
    assert page.status_code == 200
    html = page.content.decode()
    assert own.reference in html and other.reference not in html
    assert client.get(edit_url(other), follow=True).status_code == 404


def test_overdue_highlighted_and_filtered(client, make_officer):
    late = make_case()
    Case.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=2))
    on_time = make_case()
    client.force_login(make_officer("customer_service"))
    html = client.get("/admin/case_queue/").content.decode()
    assert "просрочено" in html
    filtered = client.get("/admin/case_queue/?overdue=true").content.decode()
    assert late.reference in filtered and on_time.reference not in filtered
    by_status = client.get("/admin/case_queue/?status=answered").content.decode()
    assert late.reference not in by_status


def test_officer_edits_case_with_history(client, make_officer, django_capture_on_commit_callbacks):
    case = make_case(language="en")
    Case.objects.filter(pk=case.pk).update(language="en")
    case.refresh_from_db()
    officer = make_officer("customer_service")
    client.force_login(officer)
    page = client.get(edit_url(case))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Сидоров Иван" in html and "ivan@example.ru" in html
    assert "Жалоба &lt;b&gt;жирно&lt;/b&gt;" in html  # shown escaped to officers
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.VIEWED, user=officer).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(case), form_data(
            case, status=Case.ANSWERED, new_note="Проверить линию", reply="The voltage is back to normal."))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    case.refresh_from_db()
    assert case.status == Case.ANSWERED
    status_event = CaseEvent.objects.get(case=case, kind=CaseEvent.STATUS)
    assert status_event.user == officer
    assert status_event.old_value == "зарегистрировано" and status_event.new_value == "дан ответ"
    assert CaseNote.objects.get(case=case).text == "Проверить линию"
    reply = CaseReply.objects.get(case=case)
    assert reply.author == officer and reply.outbox.kind == OutgoingEmail.REPLY
    assert [m.to for m in mail.outbox] == [["ivan@example.ru"]]
    assert "Answer to request" in mail.outbox[0].subject  # the applicant's language
    assert "The voltage is back to normal." in mail.outbox[0].body
    assert "Проверить линию" not in mail.outbox[0].body  # internal notes stay internal


def test_officer_moves_case_to_another_unit(client, make_officer):
    case = make_case()
    officer = make_officer("customer_service")
    client.force_login(officer)
    from cases.models import Unit
    network = Unit.objects.get(code="network_district")
    response = client.post(edit_url(case), form_data(case, unit=network.pk))
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=case, kind=CaseEvent.UNIT)
    assert event.user == officer and event.new_value == network.name
    # the case left the officer's unit: now out of reach
    assert client.get(edit_url(case), follow=True).status_code == 404


def test_closing_sets_closed_at(client, make_officer):
    case = make_case()
    client.force_login(make_officer("customer_service"))
    client.post(edit_url(case), form_data(case, status=Case.CLOSED))
    case.refresh_from_db()
    assert case.closed_at is not None


def test_superuser_sees_all(client, django_user_model):
    cases = [make_case("supply_quality"), make_case("meter")]
    admin = django_user_model.objects.create_superuser("root", "root@example.ru", "pw-12345-long")
    client.force_login(admin)
    html = client.get("/admin/case_queue/").content.decode()
    assert all(c.reference in html for c in cases)


def test_attachment_served_only_to_officers_of_the_unit(client, make_officer, settings, tmp_path,
                                                        django_user_model):
    settings.CASES_PRIVATE_ROOT = tmp_path
    case = make_case()
    path = private_storage().save("uploads/test/file", ContentFile(b"%PDF-1.4 test %%EOF"))
    item = CaseAttachment.objects.create(case=case, file=path, original_name="акт.pdf",
                                         content_type="application/pdf", size=20)
    url = f"/admin/cases/attachment/{item.pk}/"
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(make_officer("metering", username="other"))
    assert client.get(url, follow=True).status_code == 404
    client.force_login(make_officer("customer_service", username="own"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.VIEWED, text__contains="акт.pdf").exists()


def test_officers_group_has_case_permissions():
    group = Group.objects.get(name="Сотрудники по обращениям")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_case", "change_case", "access_admin"} <= codenames
    assert "delete_case" not in codenames


def test_routing_rules_editable_in_admin(client, django_user_model):
    from cases.models import RoutingRule
    admin = django_user_model.objects.create_superuser("root", "root@example.ru", "pw-12345-long")
    client.force_login(admin)
    rule = RoutingRule.objects.get(request_type="tariff")
    page = client.get(f"/admin/case_routing_rules/edit/{rule.pk}/")
    assert page.status_code == 200
    assert client.get("/admin/case_calendar/").status_code == 200
    assert client.get("/admin/case_units/").status_code == 200
    assert client.get("/admin/case_outbox/").status_code == 200


def test_no_empty_cases_from_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.ru", "pw-12345-long")
    client.force_login(admin)
    assert "/admin/case_queue/add/" not in client.get("/admin/case_queue/").content.decode()
    assert client.get("/admin/case_queue/add/", follow=True).status_code == 404
