"""The site's other contacts are fields of the «Контакты» setting too (issue 13, item 5): the e-mail for
written requests and the personal data officer's e-mail (footer), the connection department's number
and e-mail (connection fee pages). Templates read them; the demo fills them; editors change them.
"""
import pytest
from wagtail.models import Site

from cms_pages.models import ContactSettings
from demo.content import contacts as demo_contacts
from tests.factories import ConnectionFeePageFactory

HOTLINE = {"hotline_name_ru": "Светлая линия", "hotline_name_en": "Svetlaya Liniya", "hotline_number": "8-800-220-0-220"}
VALUES = {"email": "pishite@example.ru", "connection_number": "+7 (8182) 11-22-33",
          "connection_email": "prisoedinenie@example.ru", "privacy_email": "dannye@example.ru"}


def setting():
    return ContactSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def filled(home):
    contact = setting()
    for name, value in VALUES.items():
        setattr(contact, name, value)
    contact.save()
    return contact


@pytest.mark.parametrize("lang, email_label, privacy_label", [
    ("ru", "Электронная почта для обращений:", "Вопросы о персональных данных:"),
    ("en", "E-mail for written requests:", "Questions about personal data:")])
def test_the_footer_shows_the_addresses_editors_set(client, filled, lang, email_label, privacy_label):
    html = client.get(f"/{lang}/").content.decode()
    assert f'{email_label} <a href="mailto:pishite@example.ru">pishite@example.ru</a>' in html
    assert f'{privacy_label} <a href="mailto:dannye@example.ru">dannye@example.ru</a>' in html


def test_an_empty_address_is_not_shown(client, home):
    assert not setting().email and not setting().privacy_email
    html = client.get("/ru/").content.decode()
    assert "Электронная почта для обращений" not in html and "mailto:" not in html


@pytest.mark.parametrize("lang, heading", [("ru", "Отдел технологического присоединения"),
                                           ("en", "Grid connection department")])
def test_the_fee_page_shows_the_connection_department(client, filled, lang, heading):
    page = ConnectionFeePageFactory(parent=filled.site.root_page)
    from django.utils import translation
    with translation.override(lang):
        url = page.url
    html = client.get(url).content.decode()
    assert heading in html
    assert '<a href="tel:+78182112233">+7 (8182) 11-22-33</a>' in html
    assert '<a href="mailto:prisoedinenie@example.ru">prisoedinenie@example.ru</a>' in html


def test_without_a_connection_number_the_fee_page_has_no_department_box(client, home):
    page = ConnectionFeePageFactory(parent=home)
    assert "connection-contacts" not in client.get(page.url).content.decode()


def test_editors_set_them_in_settings_and_a_bad_number_is_refused_with_the_values_kept(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/cms_pages/contactsettings/{site.pk}/"
    response = admin_client.post(url, {**HOTLINE, **VALUES, "connection_number": "спросите в офисе"})
    html = response.content.decode()
    assert response.status_code == 200 and "В номере должно быть от 5 до 15 цифр, например 8 (8182) 00-06-06" in html
    assert 'value="prisoedinenie@example.ru"' in html and 'value="спросите в офисе"' in html
    response = admin_client.post(url, {**HOTLINE, **VALUES, "privacy_email": "не адрес"})
    assert response.status_code == 200 and ContactSettings.objects.get(site=site).privacy_email == ""
    response = admin_client.post(url, {**HOTLINE, **VALUES})
    assert response.status_code == 302
    saved = ContactSettings.objects.get(site=site)
    assert {name: getattr(saved, name) for name in VALUES} == VALUES


def test_the_demo_fills_the_empty_contacts_and_keeps_what_editors_typed(home):
    contact = setting()
    contact.privacy_email = "redaktor@example.ru"
    contact.save()
    demo_contacts.load(contact.site)
    loaded = setting()
    assert loaded.privacy_email == "redaktor@example.ru"
    assert (loaded.email, loaded.connection_number, loaded.connection_email) == (
        demo_contacts.CONTACTS["email"], demo_contacts.CONTACTS["connection_number"],
        demo_contacts.CONTACTS["connection_email"])
    assert loaded.clean() is None  # the demo's number passes the setting's own check


@pytest.mark.parametrize("lang, answer, expected", [
    ("ru", "Звоните [[figure:hotline]] или пишите на [[figure:contact_email]].",
     "Звоните +7 (8182) 99-88-77 или пишите на pishite@example.ru."),
    ("en", "Call [[figure:hotline]] or write to [[figure:contact_email]].",
     "Call +7 (8182) 99-88-77 or write to pishite@example.ru.")])
def test_a_question_page_names_the_numbers_of_the_setting_not_typed_ones(client, filled, lang, answer, expected):
    from django.utils import translation
    from tests.factories import QuestionPageFactory
    page = QuestionPageFactory(parent=filled.site.root_page, short_answer=answer,
                               short_answer_en=answer)
    filled.hotline_number = "+7 (8182) 99-88-77"
    filled.save()
    with translation.override(lang):
        url = page.url
    html = client.get(url).content.decode()
    translation.activate("ru")
    assert expected in html and "[[figure:" not in html and "8-800-220-0-220</p>" not in html


def test_the_demo_questions_read_the_hotline_from_the_setting():
    from demo.content import questions
    import inspect
    source = inspect.getsource(questions)
    assert "8-800-220-0-220" not in source and "[[figure:hotline]]" in source
