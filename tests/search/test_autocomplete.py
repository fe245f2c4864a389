"""Suggestions while typing: the title matcher's rules, the JSON endpoint, and its freshness."""
import pytest

from search import autocomplete, engine
from search.autocomplete import match_titles, prepare
from tests.search.factories import publish, question, tariff_page

ENTRIES = prepare([
    ("Тарифы на электроэнергию", "/ru/tarify/", "tariffpage"),
    ("Льготный тариф для многодетных", "/ru/lgota/", "subsidypage"),
    ("Как подключить дом к электросетям", "/ru/podklyuchenie/", "procedurepage"),
    ("Ёлочные гирлянды и счёт за свет", "/ru/yolka/", "questionpage"),
    ("Тарифы на электроэнергию", "/ru/tarify/", "tariffpage"),  # the same page twice: shown once
])


def titles(typed, limit=8):
    return [item["title"] for item in match_titles(ENTRIES, typed, limit)]


def test_every_typed_word_must_start_a_word_of_the_title():
    assert titles("тари") == ["Тарифы на электроэнергию", "Льготный тариф для многодетных"]
    assert titles("подкл дом") == ["Как подключить дом к электросетям"]
    assert titles("дом подкл") == ["Как подключить дом к электросетям"]  # in any order
    assert titles("ариф") == []  # the middle of a word does not count
    assert titles("тариф тариф") == []  # one title word answers one typed word


def test_titles_that_begin_with_the_text_come_first_and_case_and_yo_are_ignored():
    assert titles("ЛЬГОТ") == ["Льготный тариф для многодетных"]
    assert titles("елоч") == ["Ёлочные гирлянды и счёт за свет"]
    assert titles("счет") == ["Ёлочные гирлянды и счёт за свет"]
    assert titles("тарифы на") == ["Тарифы на электроэнергию"]


def test_too_short_or_empty_input_gives_nothing_and_the_limit_holds():
    assert titles("т") == [] and titles("") == [] and titles("  ,. ") == []
    assert titles("тари", limit=1) == ["Тарифы на электроэнергию"]


@pytest.fixture
def pages(home):
    autocomplete.clear()
    tariffs = tariff_page(home)
    question(home, "nochnoy", "В какие часы действует ночной тариф?", "С 23:00 до 07:00.",
             title_en="When does the night tariff apply?")
    engine.rebuild()
    return tariffs


def test_endpoint_answers_in_the_language_of_its_url(client, pages):
    ru = client.get("/ru/search/suggest/", {"q": "тари"})
    assert ru.status_code == 200 and ru["Content-Type"].startswith("application/json")
    assert [s["title"] for s in ru.json()["suggestions"]] == ["Тарифы на электроэнергию",
                                                             "В какие часы действует ночной тариф?"]
    assert ru.json()["suggestions"][0]["url"].startswith("/ru/")
    en = client.get("/en/search/suggest/", {"q": "night tar"})
    assert [s["title"] for s in en.json()["suggestions"]] == ["When does the night tariff apply?"]
    assert en.json()["suggestions"][0]["url"].startswith("/en/")


def test_endpoint_handles_bad_input_without_error(client, pages):
    assert client.get("/ru/search/suggest/").json() == {"query": "", "suggestions": []}
    assert client.get("/ru/search/suggest/", {"q": "<script>"}).status_code == 200
    too_long = client.get("/ru/search/suggest/", {"q": "т" * 501})
    assert too_long.status_code == 400 and "500" in too_long.json()["error"]
    assert client.post("/ru/search/suggest/", {"q": "тари"}).status_code == 405


def test_a_page_published_after_the_first_suggestion_is_suggested_at_once(client, pages, home):
    assert client.get("/ru/search/suggest/", {"q": "субсид"}).json()["suggestions"] == []
    page = question(home, "subsidiya", "Субсидия на оплату электроэнергии", "Да.", live=False)
    publish(page)
    found = client.get("/ru/search/suggest/", {"q": "субсид"}).json()["suggestions"]
    assert [s["title"] for s in found] == ["Субсидия на оплату электроэнергии"]


def test_search_answers_may_sit_in_the_proxy_only_briefly(client, pages):
    """Search results and suggestions are not purged on publish, so their public max-age is short."""
    for url in ("/ru/search/?q=тариф", "/ru/search/suggest/?q=тари", "/api/search?q=тариф&lang=ru"):
        response = client.get(url)
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert "public" in directives and "max-age=30" in directives, (url, response["Cache-Control"])
    page = client.get("/ru/")
    assert "max-age=300" in page["Cache-Control"]  # ordinary pages keep the longer time (purged on publish)


def test_a_signed_in_visitors_search_stays_private(client, pages, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw-12345-long"))
    response = client.get("/ru/search/?q=тариф")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_whole_words_phrases_other_forms_and_typos_in_both_languages():
    entries = prepare([
        ("В какие часы действует ночной тариф?", "/ru/nochnoy/", "questionpage"),
        ("Какие часы ночного тарифа?", "/ru/chasy/", "questionpage"),
        ("Night tariff hours", "/en/night/", "questionpage"),
        ("Connecting a house to the grid", "/en/connect/", "procedurepage"),
        ("Тарифы на электроэнергию", "/ru/tarify/", "tariffpage"),
    ])

    def found(typed):
        return [item["url"] for item in match_titles(entries, typed)]
    assert set(found("ночной")) == {"/ru/nochnoy/", "/ru/chasy/"}          # the whole word, other forms
    assert set(found("ночной тариф")) == {"/ru/nochnoy/", "/ru/chasy/"}    # a phrase
    assert set(found("ночнй тарив")) == {"/ru/nochnoy/", "/ru/chasy/"}     # typos
    assert "/ru/tarify/" in found("тарифов")
    assert found("night tariffs") == ["/en/night/"]
    assert found("conect house") == ["/en/connect/"]
    assert found("ночной гирлянда") == []
