"""The search page and the JSON API through the test client."""
import pytest

from search import engine
from search.models import QueryLogEntry
from tests.search.factories import TODAY, question, tariff, tariff_page


@pytest.fixture
def content(home):
    import datetime
    q = question(home, "nochnoy", "В какие часы ночной тариф?", "Ночная зона — с 23:00 до 07:00.",
                 title_en="Night tariff hours", answer_en="The night zone is 23:00 to 07:00.")
    page = tariff_page(home)
    tariff(page, "5.10", TODAY - datetime.timedelta(days=400), TODAY - datetime.timedelta(days=200))
    tariff(page, "6.59", TODAY - datetime.timedelta(days=30))
    tariff(page, "7.77", TODAY + datetime.timedelta(days=30))
    for n in range(14):
        question(home, f"vopros-{n}", f"Вопрос о счётчике номер {n}", "Ответ про счётчик.")
    engine.rebuild()
    return {"question": q, "tariff": page}


def test_page_keeps_query_counts_in_live_region_and_answers(client, content):
    response = client.get("/ru/search/", {"q": "ночной тариф часы"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="ночной тариф часы"' in html
    assert 'role="status"' in html
    assert "Короткий ответ" in html and "Ночная зона — с 23:00 до 07:00." in html
    assert html.count("<h1") == 1
    assert '<label class="label" for="search-q">' in html


def test_tariff_answer_shows_tariff_in_force_today(client, content):
    response = client.get("/ru/search/", {"q": "тарифы на электроэнергию"})
    html = response.content.decode()
    assert "answer-tariff" in html
    assert "6,59" in html
    assert "5,10" not in html and "7,77" not in html


def test_english_page(client, content):
    response = client.get("/en/search/", {"q": "night tariff"})
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in html
    assert "Night tariff hours" in html and "The night zone is 23:00 to 07:00." in html
    assert "Search this site" in html and "Short answer" in html and "pages found" in html


def test_filters_have_counts_and_filter(client, content):
    html = client.get("/ru/search/", {"q": "тариф"}).content.decode()
    assert 'type="checkbox"' in html and 'name="type" value="tariffs"' in html
    assert "Применить фильтры" in html
    filtered = client.get("/ru/search/", {"q": "тариф", "type": "tariffs"}).content.decode()
    assert "/ru/tarify/" in filtered and "/ru/nochnoy/" not in filtered


def test_pagination(client, content):
    first = client.get("/ru/search/", {"q": "счётчик"}).content.decode()
    assert "Страница 1 из 2" in first and "page=2" in first
    second = client.get("/ru/search/", {"q": "счётчик", "page": "2"})
    assert second.status_code == 200 and "Страница 2 из 2" in second.content.decode()
    assert client.get("/ru/search/", {"q": "счётчик", "page": "abc"}).status_code == 200
    assert client.get("/ru/search/", {"q": "счётчик", "page": "999"}).status_code == 200


def test_no_results_page_is_useful(client, content):
    html = client.get("/ru/search/", {"q": "крокодил"}).content.decode()
    assert "Ничего не нашлось" in html
    assert 'href="/ru/requests/new/"' in html
    en = client.get("/en/search/", {"q": "crocodile"}).content.decode()
    assert 'href="/en/requests/new/"' in en


def test_did_you_mean_link(client, content):
    html = client.get("/ru/search/", {"q": "ночьной тариф"}).content.decode()
    assert "Возможно, вы имели в виду" in html and "ночной тариф" in html


WEIRD = [
    "", "   ", "x" * 5000, "т" * 10_000, '"', "*", "NEAR(", 'NEAR("a" "b")', "AND OR NOT", "тариф AND",
    "'; DROP TABLE portal_search_indexentry; --", "тариф\x00\x01\x1f", "!!!???...", "title:тариф",
    "^тариф", "тариф*", "(((", "\u202e\u200b", "ё" * 600, "🙂🙂",
]


def test_weird_queries_never_fail(client, content):
    for query in WEIRD:
        for lang in ("ru", "en"):
            response = client.get(f"/{lang}/search/", {"q": query})
            assert response.status_code == 200, query
        assert client.get("/ru/search/", {"q": query, "type": ["tariffs", "bogus"]}).status_code == 200


def test_long_query_is_kept_and_explained(client, content):
    response = client.get("/ru/search/", {"q": "тариф " * 1000})
    assert "искали по первым 500 символам" in response.content.decode()


def test_query_log_counts_without_personal_data(client, content):
    client.get("/ru/search/", {"q": "Тариф"})
    client.get("/ru/search/", {"q": "тариф"})
    client.get("/ru/search/", {"q": "крокодил ivan@example.com 89211234567"})
    tariff_row = QueryLogEntry.objects.get(query="тариф")
    assert tariff_row.searches == 2 and tariff_row.no_results == 0
    missed = QueryLogEntry.objects.exclude(query="тариф").get()
    assert missed.no_results == 1
    assert "ivan" not in missed.query and "123" not in missed.query


# JSON API -------------------------------------------------------------------------------------
def test_api_contract(client, content):
    response = client.get("/ru/search/api/", {"q": "ночной тариф", "lang": "ru", "limit": "2"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "lang", "backend", "total", "answer", "outages", "results", "suggestion"}
    assert data["lang"] == "ru" and data["backend"] == "embedded" and data["total"] >= 2
    assert len(data["results"]) == 2
    assert set(data["results"][0]) == {"title", "url", "type", "snippet", "score"}
    assert data["results"][0]["type"] == "questionpage"
    assert set(data["answer"]) == {"kind", "title", "text", "url", "date", "figures", "items", "tool"}
    assert data["answer"]["kind"] in ("question", "tariff")
    en = client.get("/ru/search/api/", {"q": "night tariff", "lang": "en"}).json()
    assert en["results"][0]["url"].startswith("/en/")


def test_api_bad_parameters_give_400_json(client, content):
    for params in [{}, {"q": ""}, {"q": "   "}, {"q": "тариф", "lang": "de"}, {"q": "тариф", "limit": "x"},
                   {"q": "тариф", "limit": "0"}, {"q": "тариф", "limit": "1000"}, {"q": "x" * 10_000}]:
        response = client.get("/ru/search/api/", params)
        assert response.status_code == 400, params
        assert response.json()["error"]


def test_api_weird_queries(client, content):
    for query in ['"', "NEAR(", "*", "AND", "' OR 1=1 --", "\x00", "!!!"]:
        response = client.get("/ru/search/api/", {"q": query, "lang": "ru"})
        assert response.status_code in (200, 400), query
        assert response["Content-Type"].startswith("application/json")
