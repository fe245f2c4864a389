"""Elasticsearch: generated mappings and queries as JSON; fallback; a live class when a server is set."""
import logging
import os
import socket

import pytest

from search import engine
from search.backends import elastic
from tests.search.factories import question


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again once the socket is released


def test_russian_index_mapping(db):
    body = elastic.build_index("portal-pages-ru-test", "ru").to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["char_filter"]["yo_fold"] == {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]}
    assert analysis["filter"]["ru_stemmer"] == {"type": "stemmer", "language": "russian"}
    assert analysis["filter"]["ru_stop"] == {"type": "stop", "stopwords": "_russian_"}
    synonyms = analysis["filter"]["ru_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert any("тп" in rule and "технологическое присоединение" in rule for rule in synonyms["synonyms"])
    index_an, search_an = analysis["analyzer"]["ru_index"], analysis["analyzer"]["ru_search"]
    assert index_an["char_filter"] == ["yo_fold"] and "ru_synonyms" not in index_an["filter"]
    assert search_an["filter"][:2] == ["lowercase", "ru_synonyms"]  # synonyms at search time only
    props = body["mappings"]["properties"]
    assert props["title"] == {"type": "text", "analyzer": "ru_index", "search_analyzer": "ru_search",
                              "copy_to": "spell"}
    assert props["suggest"]["type"] == "completion"
    assert props["page_type"] == {"type": "keyword"}


def test_english_index_mapping(db):
    analysis = elastic.build_index("portal-pages-en-test", "en").to_dict()["settings"]["analysis"]
    assert analysis["filter"]["en_stemmer"]["language"] == "english"
    assert any("grid connection" in rule for rule in analysis["filter"]["en_synonyms"]["synonyms"])


def test_search_query_json():
    body = elastic.build_search('тарив на свет "NEAR(', "ru").to_dict()
    should = body["query"]["bool"]["should"]
    fuzzy = should[0]["multi_match"]
    assert fuzzy["fuzziness"] == "AUTO" and fuzzy["fields"] == ["title^10", "phrasings^8", "summary^4", "body"]
    assert should[1]["multi_match"]["type"] == "phrase"
    assert body["highlight"]["fields"].keys() == {"summary", "body"}
    for field in body["highlight"]["fields"].values():
        assert field["pre_tags"] == ["<mark>"] and field["encoder"] == "html"
    assert body["suggest"]["did_you_mean"]["term"]["field"] == "spell"


def test_autocomplete_query_json():
    body = elastic.build_autocomplete("тари", "ru").to_dict()
    assert body["suggest"]["titles"] == {"prefix": "тари", "completion": {"field": "suggest", "size": 8,
                                                                          "skip_duplicates": True}}


def test_document_body(home):
    from search.documents import build_documents
    page = question(home, "q", "Ночной тариф", "С 23 до 7.", phrasings="Когда ночь")
    ru, en = build_documents(page)
    body = elastic.document_body(ru)
    assert body["lang"] == "ru" and body["page_type"] == "questionpage" and body["url"] == "/ru/q/"
    assert body["suggest"] == {"input": ["Ночной тариф", "Когда ночь"]}


def test_closed_port_falls_back_to_embedded(client, home, settings, caplog):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    elastic._engines.clear()
    question(home, "tarif", "Тарифы", "Цены.")  # indexing must not fail either
    engine.rebuild()
    with caplog.at_level(logging.WARNING, logger="search"):
        results = engine.search("тариф", "ru")
    assert results.backend == "embedded" and results.hits[0].url == "/ru/tarif/"
    assert any("not answering" in r.getMessage() for r in caplog.records)
    response = client.get("/ru/search/", {"q": "тариф"})
    assert response.status_code == 200 and "/ru/tarif/" in response.content.decode()
    api = client.get("/ru/search/api/", {"q": "тариф"}).json()
    assert api["backend"] == "embedded" and api["total"] == 1
    elastic._engines.clear()


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"),
                    reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against")
class TestRealElasticsearch:
    @pytest.fixture(autouse=True)
    def _es(self, settings, home):
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        elastic._engines.clear()
        question(home, "tarify", "Тарифы на электроэнергию", "Цены за киловатт-час.")
        question(home, "tp", "Технологическое присоединение", "Как подключить дом.")
        engine.rebuild()
        yield
        elastic._engines.clear()

    def test_inflections_synonyms_typos(self):
        for query, url in [("тариф", "/ru/tarify/"), ("тарифов", "/ru/tarify/"), ("ТП", "/ru/tp/"),
                           ("тарив", "/ru/tarify/")]:
            results = engine.search(query, "ru")
            assert results.backend == "elasticsearch"
            assert results.hits and results.hits[0].url == url, query


def test_elasticsearch_hits_get_the_same_direct_answer(home, monkeypatch, settings):
    """The answer layer is engine-independent: hits from Elasticsearch (a stand-in returning the
    embedded engine's hits as Elasticsearch would) give the same structured answer."""
    import datetime
    from decimal import Decimal

    from cms_pages import models as m
    from search import answers, engine
    from search.backends import elastic
    from search.results import SearchResults

    page = m.TariffPage(title="Тарифы на электроэнергию", title_en="Electricity tariffs", slug="tarify",
                        slug_en="tariffs", summary="Цены за 1 кВт·ч.")
    home.add_child(instance=page)
    m.TariffRecord.objects.create(page=page, consumer_group="urban_electric_rural", rate_type="single",
                                  zone="all_day", band=0, price=Decimal("5.95"),
                                  effective_from=datetime.date(2026, 1, 1))
    engine.rebuild()
    embedded = engine.search("тарифы на электроэнергию", "ru")
    expected = answers.answer_for(embedded).as_dict()

    class StandIn(elastic.ElasticsearchEngine):
        def available(self):
            return True

        def search(self, raw_query, lang):
            found = engine.embedded_search(raw_query, lang)
            return SearchResults(query=found.query, lang=lang, backend=self.name, hits=found.hits)

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    monkeypatch.setattr(elastic, "get_engine", lambda url: StandIn(url))
    results = engine.search("тарифы на электроэнергию", "ru")
    assert results.backend == "elasticsearch"
    assert answers.answer_for(results).as_dict() == expected
    assert expected["figures"][0]["display"] == "5,95\u00a0₽"
