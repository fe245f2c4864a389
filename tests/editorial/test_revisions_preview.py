"""Revisions with compare, preview in both languages, and Wagtail's accessibility checker."""
import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile

from cms_pages.blocks import BodyBlock
from tests.editorial.conftest import edit_url, editor_form_data


@pytest.fixture
def page_with_two_revisions(draft_page):
    draft_page.body_ru = BodyBlock().to_python([{"type": "paragraph", "value": "<p>Старый текст</p>"}])
    first = draft_page.save_revision()
    draft_page.body_ru = BodyBlock().to_python([{"type": "paragraph", "value": "<p>Новый текст</p>"}])
    second = draft_page.save_revision()
    return draft_page, first, second


def test_revisions_history_and_compare(client, login, moderator, page_with_two_revisions):
    page, first, second = page_with_two_revisions
    login(moderator)
    assert client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))).status_code == 200
    compare = client.get(reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, second.pk)))
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Старый" in html and "Новый" in html
    assert client.get(reverse("wagtailadmin_pages:revisions_compare",
                              args=(page.pk, "earliest", "latest"))).status_code == 200


def preview(client, page, body_ru, body_en, **query):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = editor_form_data(client, page, body_ru=body_ru, body_en=body_en)
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    return client.get(url, query)


BODY_RU = [("paragraph", rich_text("<p>Плата за подключение до 15 кВт</p>"))]
BODY_EN = [("paragraph", rich_text("<p>Connection fee up to 15 kW</p>"))]


def test_preview_in_russian(client, login, editor, draft_page):
    login(editor)
    response = preview(client, draft_page, BODY_RU, BODY_EN, mode="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Плата за подключение до 15 кВт" in html and 'lang="ru"' in html


def test_preview_in_english_for_an_editor_working_in_english(client, login, editor, draft_page):
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(preferred_language="en")
    login(editor)
    response = preview(client, draft_page, BODY_RU, BODY_EN, mode="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Connection fee up to 15 kW" in html and 'lang="en"' in html


def test_preview_of_a_revision(client, login, moderator, page_with_two_revisions):
    page, first, _second = page_with_two_revisions
    login(moderator)
    response = client.get(reverse("wagtailadmin_pages:revisions_view", args=(page.pk, first.pk)))
    assert response.status_code == 200
    assert "Старый текст" in response.content.decode()


def test_accessibility_checker_is_in_the_preview(client, login, editor, draft_page):
    login(editor)
    response = preview(client, draft_page, BODY_RU, BODY_EN, mode="", in_preview_panel="true")
    assert 'id="checker-axe-configuration"' in response.content.decode()


def test_accessibility_checker_is_in_the_userbar_on_the_live_site(client, login, editor, home):
    login(editor)
    html = client.get("/ru/").content.decode()
    assert 'id="checker-axe-configuration"' in html


def test_the_editor_side_panel_has_the_checker(client, login, editor, draft_page):
    login(editor)
    assert 'id="checker-axe-configuration"' in client.get(edit_url(draft_page)).content.decode()
