"""Each publishing rule refuses, through the page editor, to publish or submit bad content;
the same content can still be saved as a draft."""
import factory
import pytest
import wagtail_factories
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from tests.editorial.conftest import edit_url, editor_form_data

HEADING = ("heading", {"text": "Тарифы", "level": "h2"})


def table(*headings):
    value = {"caption": "", "column-count": len(headings), "row-count": 1,
             "row-0-order": 0, "row-0-deleted": ""}
    for i, heading in enumerate(headings):
        value.update({f"column-{i}-type": "text", f"column-{i}-order": i, f"column-{i}-heading": heading,
                      f"column-{i}-deleted": "", f"cell-0-{i}": "6,59"})
    return ("table", {"caption": "Тарифы для населения", "table": value})


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def image(db, media):
    return wagtail_factories.ImageFactory(title="Опора")


@pytest.fixture
def pdf(db, media):
    return wagtail_factories.DocumentFactory(
        title="Приказ", file=factory.django.FileField(filename="prikaz.pdf", data=b"%PDF-1.4 " * 100))


def bad_bodies(image, pdf):
    """Rule name -> (blocks breaking it, words of the message the editor must see)."""
    return {
        "vague link": ([("paragraph", rich_text('<p>Тарифы смотрите <a href="https://example.org/t">здесь</a>.</p>'))],
                       "Текст ссылки «здесь» ничего не говорит"),
        "click here": ([("paragraph", rich_text('<p><a href="https://example.org/t">Click here</a></p>'))],
                       "Текст ссылки «Click here» ничего не говорит"),
        "skipped heading": ([HEADING, ("heading", {"text": "Ночная зона", "level": "h4"})],
                            "Заголовок уровня 4 идёт после уровня 2"),
        "table without header": ([table("Группа", "")], "нет строки заголовков"),
        "document link without size": (
            [("paragraph", rich_text(f'<p><a linktype="document" id="{pdf.pk}">Приказ о тарифах</a></p>'))],
            "не сообщает формат и размер"),
        # Wagtail's own ImageBlock refuses it too and marks the block; our message heads the page.
        "image without alt": ([("image", {"image": image.pk, "alt_text": ""})],
                              "У изображения нет альтернативного текста"),
    }


RULES = ["vague link", "click here", "skipped heading", "table without header", "document link without size",
         "image without alt"]


@pytest.mark.parametrize("rule", RULES)
def test_publishing_is_refused_with_the_rule_message(rule, login, moderator, draft_page, image, pdf):
    client = login(moderator)
    blocks, message = bad_bodies(image, pdf)[rule]
    data = editor_form_data(client, draft_page, body_ru=blocks, **{"action-publish": "action-publish"})
    response = client.post(edit_url(draft_page), data)
    assert response.status_code == 200  # the editor again, not a redirect
    html = response.content.decode()
    assert message in html
    draft_page.refresh_from_db()
    assert not draft_page.live
    assert draft_page.live_revision is None


@pytest.mark.parametrize("rule", RULES)
def test_the_same_content_can_be_saved_as_a_draft(rule, login, moderator, draft_page, image, pdf):
    client = login(moderator)
    blocks, _message = bad_bodies(image, pdf)[rule]
    revisions_before = draft_page.revisions.count()
    response = client.post(edit_url(draft_page), editor_form_data(client, draft_page, body_ru=blocks))
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.revisions.count() == revisions_before + 1
    assert not draft_page.live
    saved = draft_page.get_latest_revision_as_object()
    assert [block.block_type for block in saved.body_ru] == [name for name, _value in blocks]


def test_our_message_is_shown_in_the_summary_and_on_the_field(login, moderator, draft_page):
    client = login(moderator)
    data = editor_form_data(client, draft_page, body_en=[
        ("paragraph", rich_text('<p>Tariffs are <a href="https://example.org/t">here</a>.</p>'))],
        **{"action-publish": "action-publish"})
    html = client.post(edit_url(draft_page), data).content.decode()
    assert "Страница не опубликована и не отправлена на проверку" in html
    assert "Текст ссылки «here» ничего не говорит" in html
    assert "[en]" in html  # which language's field is at fault


def test_submitting_for_moderation_is_refused_too(login, editor, draft_page):
    client = login(editor)
    data = editor_form_data(client, draft_page, body_ru=[HEADING, ("heading", {"text": "Ночь", "level": "h4"})],
                            **{"action-submit": "action-submit"})
    response = client.post(edit_url(draft_page), data)
    assert response.status_code == 200
    assert "Заголовок уровня 4 идёт после уровня 2" in response.content.decode()
    assert not WorkflowState.objects.filter(object_id=str(draft_page.pk)).exists()


def test_good_content_is_published(login, moderator, draft_page, pdf):
    client = login(moderator)
    data = editor_form_data(client, draft_page, body_ru=[
        HEADING, ("heading", {"text": "Ночная зона", "level": "h3"}), table("Группа", "Цена, руб./кВт·ч"),
        ("paragraph", rich_text(f'<p><a linktype="document" id="{pdf.pk}">Приказ о тарифах (PDF, 1 КБ)</a> и '
                                '<a href="https://example.org/t">тарифы на 2026 год</a></p>')),
        ("document", {"document": pdf.pk, "title": "Приказ о тарифах"}),
    ], **{"action-publish": "action-publish"})
    response = client.post(edit_url(draft_page), data)
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.live


def test_the_message_is_in_the_editors_language(login, editor, draft_page):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language="en")
    client = login(editor)
    data = editor_form_data(client, draft_page, body_ru=[
        ("paragraph", rich_text('<p>Tariffs: <a href="https://example.org/t">подробнее</a></p>'))],
        **{"action-submit": "action-submit"})
    html = client.post(edit_url(draft_page), data).content.decode()
    assert "The link text “подробнее” does not say where the link goes" in html  # cms_pages catalogue
    assert "The page was not published or submitted for review" in html
