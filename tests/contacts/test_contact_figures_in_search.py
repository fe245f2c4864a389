"""The search index holds the number a page shows, not its ``[[figure:hotline]]`` placeholder, and
follows the «Контакты» setting when editors change it (``cms_pages.contacts_index``)."""
import json

import pytest
from wagtail.models import Site

from cms_pages.models import ContactSettings
from search import engine
from search.models import IndexEntry
from tests.factories import ContentPageFactory, ProcedurePageFactory

OLD, NEW = "8-800-220-0-220", "8 (800) 111-22-33"


def setting():
    return ContactSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def pages(home):
    step = {"type": "step", "value": {"title": "Позвоните", "what_to_do": "<p>Звоните [[figure:hotline]] круглосуточно.</p>",
                                      "documents": [], "responsible": "", "deadline": "", "cost": "", "connector": ""}}
    procedure = ProcedurePageFactory(parent=home, title="Сообщить об аварии на линии", slug="avariya",
                                     summary="Звоните бесплатно: [[figure:hotline]].", steps=json.dumps([step]))
    content = ContentPageFactory(parent=home, title="Заявление о доступности", slug="dostupnost",
                                 body=json.dumps([{"type": "paragraph",
                                                   "value": "<p>Сообщите о проблеме по телефону [[figure:hotline]].</p>"}]))
    engine.rebuild()
    return procedure, content


def indexed(page):
    return " ".join(f"{e.summary} {e.body}" for e in IndexEntry.objects.filter(page_id=page.pk, lang="ru"))


def found(client, query):
    return client.get("/ru/search/", {"q": query}).content.decode()


def test_the_index_holds_the_number_shown(pages):
    for page in pages:
        text = indexed(page)
        assert OLD in text and "[[figure:" not in text, page


def test_a_search_for_the_number_finds_the_pages(client, pages):
    html = found(client, OLD)
    assert all(page.url in html for page in pages) and "[[figure:" not in html


def test_a_changed_number_is_found_after_the_setting_is_saved(client, pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        contact = setting()
        contact.hotline_number = NEW
        contact.save()
    assert callbacks  # the reindex runs after the commit
    for page in pages:
        text = indexed(page)
        assert NEW in text and OLD not in text, page
    html = found(client, "800 111-22-33")
    assert all(page.url in html for page in pages)


def test_a_change_the_pages_do_not_show_reindexes_nothing(pages, django_capture_on_commit_callbacks):
    IndexEntry.objects.update(body=f"{OLD} written by the test")  # as a rebuild would not write it

    def untouched():
        return IndexEntry.objects.filter(body__endswith="written by the test").count()

    total = IndexEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        contact = setting()
        contact.email = "pishite@example.ru"  # was empty: no page was indexed with an old address
        contact.save()
    assert untouched() == total
    with django_capture_on_commit_callbacks(execute=True):
        contact.hotline_number = NEW
        contact.save()
    assert untouched() == 0  # every entry holding the old number was built again
