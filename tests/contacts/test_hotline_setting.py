"""The hotline has one home: the «Контакты» site setting; every page, e-mail and error page reads it."""
import re

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from wagtail.models import Site

from cms_pages.models import ContactSettings
from cms_pages.models.contacts import tel_target
from cms_pages.templatetags import contacts as contact_tags
from tests.factories import SectionPageFactory

NEW_NAME, NEW_NAME_EN, NEW_NUMBER = "Линия света", "Light Line", "8 (800) 111-22-33"


@pytest.fixture
def changed(home):
    setting = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    setting.hotline_name_ru, setting.hotline_name_en, setting.hotline_number = NEW_NAME, NEW_NAME_EN, NEW_NUMBER
    setting.save()
    return setting


def test_the_data_migration_preloaded_the_hotline(home):
    setting = ContactSettings.objects.get(site__is_default_site=True)
    assert (setting.hotline_name_ru, setting.hotline_name_en, setting.hotline_number) == (
        "Светлая линия", "Svetlaya Liniya", "8-800-220-0-220")
    assert setting.hotline.href == "tel:88002200220"


@pytest.mark.parametrize("number, target", [
    ("8-800-220-0-220", "88002200220"), ("+7 (8182) 63-60-60", "+78182636060"), ("8 800 111 22 33", "88001112233")])
def test_the_call_link_is_derived_from_the_number_as_shown(number, target):
    assert tel_target(number) == target


@pytest.mark.parametrize("path", ["/ru/", "/en/", "/ru/no-such-page/", "/ru/search/?q=нет+света", "/ru/outages/",
                                  "/ru/requests/new/"])
def test_pages_show_the_number_editors_set(client, changed, path):
    html = client.get(path).content.decode()
    assert NEW_NUMBER in html and 'href="tel:88001112233"' in html, path
    assert "8-800-220-0-220" not in html and "88002200220" not in html, path


def test_the_name_is_shown_in_the_page_language(client, changed):
    assert f"«{NEW_NAME}»" in client.get("/ru/").content.decode()
    english = client.get("/en/").content.decode()
    assert NEW_NAME_EN in english and NEW_NAME not in english


def test_the_service_centre_list_without_results_shows_the_setting(client, changed):
    from tests.factories import ServiceCentreIndexPageFactory
    index = ServiceCentreIndexPageFactory(parent=changed.site.root_page)
    html = client.get(index.url + "?feature=no_such_feature&town=Нигде").content.decode()
    assert "8-800-220-0-220" not in html


def test_the_503_page_falls_back_to_the_last_number_read_when_the_database_is_down(client, changed):
    contact_tags._last_read.clear()
    client.get("/ru/")  # reads the setting once

    def fail(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(fail):
        response = client.get("/ru/")
    assert response.status_code == 503
    assert NEW_NUMBER in response.content.decode() and 'href="tel:88001112233"' in response.content.decode()


def test_the_503_page_shows_the_preloaded_number_when_nothing_was_read(client, home):
    contact_tags._last_read.clear()

    def fail(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(fail):
        response = client.get("/ru/")
    assert response.status_code == 503 and 'href="tel:88002200220">8-800-220-0-220' in response.content.decode()


def test_the_command_writes_the_setting_into_nginx_error_pages(changed, tmp_path, settings):
    from pathlib import Path
    for name in ("413.ru.html", "413.en.html"):
        (tmp_path / name).write_text((Path(settings.BASE_DIR) / "deploy" / "errors" / name).read_text("utf-8"), "utf-8")
    call_command("write_error_pages", dir=str(tmp_path))
    ru, en = ((tmp_path / n).read_text("utf-8") for n in ("413.ru.html", "413.en.html"))
    assert f'«{NEW_NAME}»: <a href="tel:88001112233">{NEW_NUMBER}</a>' in ru
    assert NEW_NAME_EN in en and 'href="tel:88001112233"' in en
    assert "88002200220" not in ru + en
    assert "Слишком большой запрос" in ru  # the rest of the page is kept


def test_the_shipped_error_pages_match_the_preloaded_setting(home, tmp_path, settings):
    from pathlib import Path
    shipped = Path(settings.BASE_DIR) / "deploy" / "errors"
    for name in ("413.ru.html", "413.en.html"):
        (tmp_path / name).write_text((shipped / name).read_text("utf-8"), "utf-8")
    call_command("write_error_pages", dir=str(tmp_path))
    for name in ("413.ru.html", "413.en.html"):
        assert (tmp_path / name).read_text("utf-8") == (shipped / name).read_text("utf-8"), name


def test_editors_change_it_in_settings_and_a_bad_number_is_refused(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/cms_pages/contactsettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"hotline_name_ru": "Светлая линия", "hotline_name_en": "Svetlaya Liniya",
                                       "hotline_number": "звоните нам"})
    assert response.status_code == 200
    assert "В номере должно быть от 5 до 15 цифр" in response.content.decode()
    response = admin_client.post(url, {"hotline_name_ru": "Светлая линия", "hotline_name_en": "Svetlaya Liniya",
                                       "hotline_number": NEW_NUMBER})
    assert response.status_code == 302
    assert ContactSettings.objects.get(site=site).hotline_number == NEW_NUMBER


# A Russian phone number as people type it («8-800-220-0-220», «8 (8182) 00-06-06», «+7 81837 0-30-30»)
# and an e-mail address: templates read every site-wide contact from the setting (cms_pages.ContactSettings).
TYPED_PHONE = re.compile(r"(?<![\w.-])(?:\+7|8)[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]?\d{1,2}[\s-]?\d{2}(?:[\s-]?\d{1,3})?(?!\d)")
TYPED_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.mark.parametrize("typed", ["8-800-220-0-220", "88002200220", "8 (8182) 00-06-06", "+7 (81837) 0-30-30",
                                   "8 800 220 02 20", "tp@example.ru"])
def test_the_template_check_recognises_typed_contacts(typed):
    assert TYPED_PHONE.search(f"<p>Звоните: {typed}</p>") or TYPED_EMAIL.search(typed)


def test_no_template_types_a_contact(settings):
    """No template of any app types the hotline or another contact number or address."""
    from pathlib import Path
    root = Path(settings.BASE_DIR)
    typed = [f"{p.relative_to(root)}: {found.group()}" for p in root.rglob("*")
             if p.suffix in {".html", ".txt"} and "templates" in p.parts
             and not {"locale", "node_modules", ".venv", "tests"} & set(p.parts)
             for pattern in (TYPED_PHONE, TYPED_EMAIL) for found in pattern.finditer(p.read_text("utf-8"))]
    assert typed == []


@pytest.mark.parametrize("group, allowed", [("Модераторы", True), ("Администраторы", True), ("Редакторы", False),
                                            ("Сотрудники по обращениям", False)])
def test_who_may_change_the_hotline(client, home, group, allowed):
    """The one admin URL this setting adds: /admin/settings/cms_pages/contactsettings/<site id>/."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    user = get_user_model().objects.create_user(username=f"u-{group}", password="not-used-here-1")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/cms_pages/contactsettings/{site.pk}/"
    response = client.get(url)
    assert (response.status_code == 200) is allowed, response.status_code
    response = client.post(url, {"hotline_name_ru": "Светлая линия", "hotline_name_en": "Svetlaya Liniya",
                                 "hotline_number": NEW_NUMBER})
    assert (ContactSettings.objects.get(site=site).hotline_number == NEW_NUMBER) is allowed


def test_anonymous_visitors_are_sent_to_the_login(client, home):
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/cms_pages/contactsettings/{site.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
