"""Unit isolation in every admin view of a case or of what hangs off it (issue 12).

An officer of customer service ("own") and one of metering ("other") each get a case of their
unit with an acknowledgement e-mail and an attachment. Every view is asked by both officers for
the metering case: the metering officer gets it, the customer-service officer gets 404 (or does
not find it in a listing or an export).
"""
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from cases import access, services
from cases.models import Case, CaseAttachment, CaseEvent, OutgoingEmail, private_storage

pytestmark = pytest.mark.django_db
CONSENT = {"at": timezone.now(), "version": "2026-01", "source": "test"}


def make_case(request_type, **answers):
    base = {"applicant_name": "Петрова Анна", "email": "anna@example.ru", "message": "Вопрос",
            "site_address": "ул. Мира, 1"}
    base.update(answers)
    case, _ = services.register_case(request_type=request_type, answers=base, consent=CONSENT)
    return case


@pytest.fixture
def world(make_officer, settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path
    metering = make_case("meter", applicant_name="Кузнецов Пётр", email="petr@example.ru")
    own = make_case("supply_quality")
    path = private_storage().save("uploads/test/file", ContentFile(b"%PDF-1.4 test %%EOF"))
    attachment = CaseAttachment.objects.create(case=metering, file=path, original_name="акт.pdf",
                                               content_type="application/pdf", size=20)
    return {
        "case": metering, "own_case": own, "attachment": attachment,
        "email": OutgoingEmail.objects.get(case=metering, kind=OutgoingEmail.ACK),
        "stranger": make_officer("customer_service", username="stranger"),
        "officer": make_officer("metering", username="metering_officer"),
    }


def case_urls(case, email, attachment):
    """Every officer URL that shows one case or something of it."""
    return {
        "edit": f"/admin/case_queue/edit/{case.pk}/",
        "history": f"/admin/case_queue/history/{case.pk}/",
        "history-results": f"/admin/case_queue/history-results/{case.pk}/",
        "outbox inspect": f"/admin/case_outbox/inspect/{email.pk}/",
        "outbox history": f"/admin/case_outbox/history/{email.pk}/",
        "outbox history-results": f"/admin/case_outbox/history-results/{email.pk}/",
        "attachment": f"/admin/cases/attachment/{attachment.pk}/",
    }


def status(client, url, method="get"):
    """The final status: a 404 under /admin/ is first redirected to the language prefix (/ru/...)."""
    return getattr(client, method)(url, follow=True).status_code


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def test_another_units_case_is_404_in_every_view(client, world):
    client.force_login(world["stranger"])
    for name, url in case_urls(world["case"], world["email"], world["attachment"]).items():
        response = client.get(url, follow=True)
        assert response.status_code == 404, (name, response.status_code)
        assert world["case"].applicant_name not in body(response), name
        assert status(client, url, "post") == 404, name


def test_own_units_case_opens_in_every_view(client, world):
    client.force_login(world["officer"])
    urls = case_urls(world["case"], world["email"], world["attachment"])
    # the outbox's history needs a change permission officers do not have (read-only messages)
    for name in ("outbox history", "outbox history-results"):
        assert client.get(urls.pop(name))["Location"] == "/admin/"
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
    assert "Кузнецов Пётр" in client.get(f"/admin/case_queue/edit/{world['case'].pk}/").content.decode()


def test_another_units_case_not_listed_nor_exported(client, world):
    case, own = world["case"], world["own_case"]
    client.force_login(world["stranger"])
    for url in ("/admin/case_queue/", "/admin/case_queue/results/", "/admin/case_queue/?q=Кузнецов",
                "/admin/case_queue/?export=csv", "/admin/case_queue/?export=xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        if "xlsx" not in url:
            assert case.reference not in body(response), url
    csv = body(client.get("/admin/case_queue/?export=csv"))
    assert own.reference in csv  # the export works, with the officer's own cases only
    for url in ("/admin/case_outbox/", "/admin/case_outbox/results/"):
        html = client.get(url).content.decode()
        assert case.reference not in html and "petr@example.ru" not in html, url
        assert own.reference in html, url


def test_own_unit_listed_and_exported(client, world):
    client.force_login(world["officer"])
    assert world["case"].reference in client.get("/admin/case_queue/").content.decode()
    assert world["case"].reference in body(client.get("/admin/case_queue/?export=csv"))
    assert world["own_case"].reference not in body(client.get("/admin/case_queue/?export=csv"))
    assert world["case"].reference in client.get("/admin/case_outbox/").content.decode()


@pytest.mark.parametrize("view", ["delete", "usage", "copy", "new"])
def test_case_views_without_use_are_gone(client, world, django_user_model, view):
    """Removed for everybody (the decision is in cases.admin_views' docstring), even a superuser."""
    root = django_user_model.objects.create_superuser("root", "root@example.ru", "pw-12345-long")
    pk = world["case"].pk
    url = f"/admin/case_queue/{view}/" if view == "new" else f"/admin/case_queue/{view}/{pk}/"
    for user in (world["stranger"], world["officer"], root):
        client.force_login(user)
        assert status(client, url) == 404, (user, url)
        assert status(client, url, "post") == 404, (user, url)
    assert Case.objects.filter(pk=pk).exists()
    client.force_login(root)
    page = client.get(f"/admin/case_queue/edit/{pk}/").content.decode()  # no links to removed views
    assert f"/admin/case_queue/delete/{pk}/" not in page and f"/admin/case_queue/usage/{pk}/" not in page


@pytest.mark.parametrize("view", ["new/", "edit/{pk}/", "copy/{pk}/", "usage/{pk}/"])
def test_outbox_is_read_only(client, world, django_user_model, view):
    root = django_user_model.objects.create_superuser("root", "root@example.ru", "pw-12345-long")
    client.force_login(root)
    assert status(client, "/admin/case_outbox/" + view.format(pk=world["email"].pk)) == 404


def test_outbox_delete_only_for_administrators_and_only_visible(client, world, django_user_model):
    email = world["email"]
    url = f"/admin/case_outbox/delete/{email.pk}/"
    client.force_login(world["stranger"])
    assert status(client, url, "post") == 404
    client.force_login(world["officer"])  # sees it, but has no delete permission
    assert client.post(url).status_code in (302, 403)
    assert OutgoingEmail.objects.filter(pk=email.pk).exists()


def test_outbox_never_shows_access_codes(client, world, django_user_model):
    case, email = world["case"], world["email"]
    assert case.access_code in email.body  # the applicant does get it
    root = django_user_model.objects.create_superuser("root", "root@example.ru", "pw-12345-long")
    for user in (world["officer"], root):
        client.force_login(user)
        for url in ("/admin/case_outbox/", f"/admin/case_outbox/inspect/{email.pk}/"):
            html = client.get(url).content.decode()
            assert case.access_code not in html, (user, url)
        inspect = client.get(f"/admin/case_outbox/inspect/{email.pk}/").content.decode()
        assert "«••••»" in inspect and case.reference in inspect


def test_outbox_mail_without_case_only_for_administrators(client, world, django_user_model):
    summary = OutgoingEmail.objects.create(kind=OutgoingEmail.OVERDUE, to="head@example.ru",
                                           subject="Просроченные обращения: 1", body="- ЕО-2026-AAAAA")
    client.force_login(world["officer"])
    assert "head@example.ru" not in client.get("/admin/case_outbox/").content.decode()
    assert status(client, f"/admin/case_outbox/inspect/{summary.pk}/") == 404
    admin = django_user_model.objects.create_user("chief", password="pw-12345-long")
    admin.groups.add(Group.objects.get(name="Администраторы"))
    client.force_login(admin)
    assert "head@example.ru" in client.get("/admin/case_outbox/").content.decode()
    assert client.get(f"/admin/case_outbox/inspect/{summary.pk}/").status_code == 200
    html = client.get("/admin/case_queue/").content.decode()  # Administrators see every unit's cases
    assert world["case"].reference in html and world["own_case"].reference in html


def test_redact_tokens_and_codes():
    text = ("Код доступа для проверки статуса: 482913.\nAccess code for checking the status: 482913.\n"
            "Подтвердить: https://portal.example.ru/ru/outages/subscribe/confirm/AbC_def-123456789xyz/\n"
            "Отписаться: https://portal.example.ru/ru/outages/unsubscribe/Zz9_8yY7-xX6wW5vV4/\n"
            "https://portal.example.ru/cancel/?token=s3cr3t-t0ken&lang=ru\nНомер: ЕО-2026-7K3Q9")
    redacted = access.redact(text)
    for secret in ("482913", "AbC_def-123456789xyz", "Zz9_8yY7-xX6wW5vV4", "s3cr3t-t0ken"):
        assert secret not in redacted
    assert redacted.count("«••••»") == 5
    assert "ЕО-2026-7K3Q9" in redacted and "&lang=ru" in redacted  # the rest stays readable


def test_moderators_do_not_get_the_queue(client, world, django_user_model):
    moderator = django_user_model.objects.create_user("moderator", password="pw-12345-long")
    moderator.groups.add(Group.objects.get(name="Модераторы"))
    client.force_login(moderator)
    response = client.get("/admin/case_queue/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    for url in case_urls(world["case"], world["email"], world["attachment"]).values():
        assert client.get(url).status_code in (302, 403, 404), url
    # even given the case permissions by hand, a moderator is no unit's officer: nothing to see
    assert not access.visible_cases(moderator).exists()
    assert not access.visible_emails(moderator).exists()


def test_migration_takes_case_permissions_from_content_groups():
    moderators, editors = Group.objects.get(name="Модераторы"), Group.objects.get(name="Редакторы")
    # the groups as they were named when that migration ran (editorial 0005 renamed them later)
    Group.objects.filter(pk=moderators.pk).update(name="Moderators")
    Group.objects.filter(pk=editors.pk).update(name="Editors")
    view_case = Permission.objects.get(content_type__app_label="cases", codename="view_case")
    moderators.permissions.add(view_case)
    editors.permissions.add(view_case)
    migration = importlib.import_module("cases.migrations.0008_moderators_see_no_cases")
    migration.revoke(apps, None)
    assert not moderators.permissions.filter(content_type__app_label="cases").exists()
    assert not editors.permissions.filter(content_type__app_label="cases").exists()
    officers = Group.objects.get(name="Сотрудники по обращениям")
    assert officers.permissions.filter(codename="view_case").exists()  # case groups keep theirs


# --- the assignee ---------------------------------------------------------------------------

def edit_data(case, **changes):
    data = {"status": case.status, "unit": case.unit_id, "assigned_to": "",
            "due_date": case.due_date.isoformat(), "reply": "", "new_note": ""}
    data.update(changes)
    return data


def test_assignee_choices_are_the_units_active_officers(client, world, django_user_model):
    case, officer = world["case"], world["officer"]
    colleague = django_user_model.objects.create_user("colleague", password="pw-12345-long")
    colleague.groups.add(*officer.groups.all())
    retired = django_user_model.objects.create_user("retired", password="pw-12345-long", is_active=False)
    retired.groups.add(*officer.groups.all())
    editor = django_user_model.objects.create_user("editor_x", password="pw-12345-long")
    client.force_login(officer)
    url = f"/admin/case_queue/edit/{case.pk}/"
    choices = client.get(url).context["form"].fields["assigned_to"].queryset
    assert set(choices) == {officer, colleague}
    for outsider in (world["stranger"], retired, editor):
        response = client.post(url, edit_data(case, assigned_to=outsider.pk))
        assert response.status_code == 200, outsider
        assert "Исполнителем можно назначить только действующего сотрудника подразделения" in \
            response.content.decode()
        case.refresh_from_db()
        assert case.assigned_to is None
    assert client.post(url, edit_data(case, assigned_to=colleague.pk)).status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == colleague
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.ASSIGNED, user=officer).exists()


def test_assignee_follows_a_case_moved_to_another_unit(client, world):
    case = world["case"]
    client.force_login(world["officer"])
    response = client.post(f"/admin/case_queue/edit/{case.pk}/",
                           edit_data(case, unit=world["own_case"].unit_id, assigned_to=world["stranger"].pk))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.unit == world["own_case"].unit and case.assigned_to == world["stranger"]


# --- linking an appeal by an officer --------------------------------------------------------

def test_officer_links_an_appeal_only_to_a_case_they_see(client, world, make_officer):
    appeal = make_case("appeal", earlier_reference=world["case"].reference)
    assert appeal.appeal_of is None and appeal.unit.code == "appeals"  # no access code: not linked
    appeals_officer = make_officer("appeals", username="appeals_officer")
    client.force_login(appeals_officer)
    url = f"/admin/case_queue/edit/{appeal.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "appeal_reference" in page.context["form"].fields
    refused = client.post(url, edit_data(appeal, appeal_reference=world["case"].reference))
    assert refused.status_code == 200
    assert "не найдено среди обращений, которые вы видите" in refused.content.decode()
    appeal.refresh_from_db()
    assert appeal.appeal_of is None
    # the metering officer also looks after appeals: now both cases are in sight
    world["officer"].groups.add(appeals_officer.groups.get(name="Unit appeals"))
    client.force_login(world["officer"])
    assert client.post(url, edit_data(appeal, appeal_reference=world["case"].reference.lower())).status_code == 302
    appeal.refresh_from_db()
    assert appeal.appeal_of == world["case"]
    assert CaseEvent.objects.filter(case=appeal, kind=CaseEvent.LINKED, user=world["officer"]).exists()
    # once linked, the appeals unit may read the decision under appeal
    client.force_login(appeals_officer)
    assert client.get(f"/admin/case_queue/edit/{world['case'].pk}/").status_code == 200
    assert "appeal_reference" not in client.get(url).context["form"].fields


def test_site_history_report_does_not_list_other_units_cases(client, world):
    case = world["case"]
    client.force_login(world["officer"])
    assert client.post(f"/admin/case_queue/edit/{case.pk}/",
                       edit_data(case, status=Case.IN_PROGRESS)).status_code == 302
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.STATUS, user=world["officer"]).exists()
    from django.test import Client
    stranger = Client()  # a browser of its own (the officer's "saved" message sits in a cookie)
    stranger.force_login(world["stranger"])
    report = stranger.get("/admin/reports/site-history/")
    assert report.status_code in (200, 302, 403)
    assert case.reference not in body(report)
