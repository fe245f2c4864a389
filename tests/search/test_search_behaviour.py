"""Behaviour of the embedded engine through the public search() interface."""
import pytest
from wagtail.models import Page

from search import engine
from search.models import SynonymGroup
from tests.search.factories import publish, question


def urls(query, lang="ru"):
    return [hit.url for hit in engine.search(query, lang).hits]


@pytest.fixture
def pages(home):
    created = {
        "tariffs": question(home, "tarify", "Тарифы на электроэнергию", "Цены за киловатт-час для населения."),
        "connection": question(home, "prisoedinenie", "Технологическое присоединение",
                               "Порядок присоединения домов к сетям."),
        "centre": question(home, "ofis", "Центр обслуживания клиентов в Котласе", "Адрес и часы работы офиса."),
        "meter": question(home, "schetchik", "Замена счётчика", "Меняем приборы в частных домах."),
        "utilities": question(home, "zhku", "Субсидия на коммунальные услуги", "Помощь в оплате услуг."),
    }
    engine.rebuild()
    return created


@pytest.mark.parametrize("query", ["тариф", "тарифы", "тарифов", "ТАРИФАМ"])
def test_inflections_find_each_other(pages, query):
    assert urls(query)[0] == "/ru/tarify/"


@pytest.mark.parametrize("query", ["присоединение", "присоединения", "присоединением"])
def test_connection_inflections(pages, query):
    assert "/ru/prisoedinenie/" in urls(query)[:1]


@pytest.mark.parametrize("query, expected", [
    ("ТП", "/ru/prisoedinenie/"),
    ("техприсоединение", "/ru/prisoedinenie/"),
    ("ЦОК", "/ru/ofis/"),
    ("свет", "/ru/tarify/"),
    ("электричество", "/ru/tarify/"),
    ("прибор учета", "/ru/schetchik/"),
    ("ЖКУ", "/ru/zhku/"),
])
def test_synonyms_find_the_page(pages, query, expected):
    assert expected in urls(query)[:2]


def test_synonyms_work_both_ways(home):
    question(home, "abbr", "Что такое ТП", "Коротко о ТП.")
    question(home, "full", "Центр обслуживания клиентов", "Приходите в центр.")
    engine.rebuild()
    assert "/ru/abbr/" in urls("технологическое присоединение")
    assert "/ru/full/" in urls("ЦОК")


def test_editors_can_add_a_synonym(pages):
    assert urls("коммуналка") == [] or "/ru/zhku/" in urls("коммуналка")
    SynonymGroup.objects.create(lang="ru", terms="квартплата, коммунальные услуги")
    assert urls("квартплата")[0] == "/ru/zhku/"


def test_yo_folds_to_ye(pages):
    assert urls("счетчик")[0] == "/ru/schetchik/"
    assert urls("счётчика")[0] == "/ru/schetchik/"


@pytest.mark.parametrize("typo", ["тарив", "тарфы", "присоеденение", "комунальные", "счотчик"])
def test_one_letter_typo_still_finds_the_page(pages, typo):
    results = engine.search(typo, "ru")
    assert results.hits, typo


def test_did_you_mean(pages):
    results = engine.search("комунальные услуги", "ru")
    assert results.suggestion == "коммунальные услуги"
    assert results.hits[0].url == "/ru/zhku/"
    assert engine.search("коммунальные услуги", "ru").suggestion == ""


def test_title_outranks_body(home):
    question(home, "in-body", "Прочее", "Здесь упоминается отключение мимоходом.")
    question(home, "in-title", "Отключение электроэнергии", "Что делать.")
    engine.rebuild()
    assert urls("отключение")[:2] == ["/ru/in-title/", "/ru/in-body/"]


def test_phrasings_count(home):
    question(home, "q1", "Ночная зона", "С 23 до 7.", phrasings="Когда дешевле стирать")
    question(home, "q2", "Другое", "Ничего.")
    engine.rebuild()
    assert urls("когда дешевле стирать")[0] == "/ru/q1/"


def test_snippet_highlights_terms(pages):
    hit = engine.search("тарифы", "ru").hits[0]
    assert "<mark>" in str(hit.snippet) or "<mark>" in str(engine.search("киловатт", "ru").hits[0].snippet)


def test_snippet_escapes_html(home):
    question(home, "x", "Про тариф", "Тариф для мощности 5 < 15 кВт & выше действует.")
    engine.rebuild()
    snippet = str(engine.search("тариф", "ru").hits[0].snippet)
    assert "&lt; 15" in snippet and "&amp;" in snippet and "<mark>Тариф</mark>" in snippet


def test_english_index_uses_english_fields(home):
    question(home, "night", "Ночной тариф", "С 23:00 до 07:00.", title_en="Night tariff",
             answer_en="From 23:00 to 07:00.")
    engine.rebuild()
    hits = engine.search("tariffs", "en").hits
    assert hits[0].url == "/en/night/" and hits[0].title == "Night tariff"


def test_draft_is_not_found_and_published_is_found_at_once(home):
    draft = question(home, "draft", "Секретный тариф", "Черновик.", live=False)
    engine.rebuild()
    assert urls("секретный") == []
    publish(draft)
    assert urls("секретный") == ["/ru/draft/"]
    assert [h.url for h in engine.search("секретный", "en").hits] == ["/en/draft/"]


def test_unpublished_page_disappears(pages):
    pages["meter"].unpublish()
    assert "/ru/schetchik/" not in urls("счетчик")
    assert "/en/schetchik/" not in urls("счетчик", "en")


def test_deleted_page_disappears(pages):
    Page.objects.get(pk=pages["meter"].pk).delete()
    assert urls("счетчик") == []


def test_edits_are_indexed_on_publish(pages):
    page = pages["meter"]
    page.title = "Поверка прибора"
    publish(page)
    assert urls("поверка") == ["/ru/schetchik/"]


def test_moved_page_gets_new_url(pages, home):
    from tests.factories import SectionPageFactory
    section = SectionPageFactory(parent=home, slug="razdel", slug_en="section")
    Page.objects.get(pk=pages["meter"].pk).move(section, pos="last-child")
    assert urls("замена счетчика")[0] == "/ru/razdel/schetchik/"


def test_scheduled_go_live_is_indexed(home, time_machine):
    """A revision scheduled for later is published by publish_scheduled, which fires page_published."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Revision
    page = question(home, "later", "Отложенная новость о тарифах", "Позже.", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled, not live yet
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is not None
    call_command("publish_scheduled")
    assert urls("отложенная") == []
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=2))
    call_command("publish_scheduled")
    assert urls("отложенная") == ["/ru/later/"]


def test_private_pages_are_not_indexed(pages):
    from wagtail.models import PageViewRestriction
    PageViewRestriction.objects.create(page=pages["meter"], restriction_type="password", password="x")
    engine.rebuild()
    assert "/ru/schetchik/" not in urls("счетчик")
