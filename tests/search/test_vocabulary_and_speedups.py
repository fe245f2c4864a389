"""The in-memory vocabulary (kept per process until the index changes) and the faster ranking paths:
they must find, correct, score and highlight exactly as before."""
import random

import pytest
from django.db import connection, transaction

from search import engine, vocabulary
from search.models import IndexEntry, IndexGeneration, IndexTerm
from search.ranking import (
    FIELD_WEIGHTS, LISTING_PRIOR, PREFIX_MIN, PREFIX_QUALITY, TYPO_QUALITY, AnalysedQuery, _token_stems, analyse,
    highlight, make_scorer, typo_distance,
)
from search.knowledge import listing_types
from search.text import stem_text
from tests.search.factories import publish, question


@pytest.fixture
def pages(home):
    created = {
        "tariffs": question(home, "tarify", "Тарифы на электроэнергию", "Цены за киловатт-час для населения."),
        "meter": question(home, "schetchik", "Замена счётчика", "Меняем приборы в частных домах."),
    }
    engine.rebuild()
    return created


# The vocabulary cache -------------------------------------------------------------------------
def test_vocabulary_is_kept_between_searches_and_reloaded_after_a_write(pages):
    first = vocabulary.get("ru")
    assert vocabulary.get("ru") is first  # no write: the same object, nothing read but the token
    assert "тариф" in first.doc_counts and first.documents == 2
    engine.index_page(pages["meter"])
    second = vocabulary.get("ru")
    assert second is not first and second.token != first.token


def test_a_published_word_is_correctable_at_once(pages, home):
    assert engine.search("тарифы", "ru").hits  # the vocabulary is now cached
    assert engine.search("геотермальный", "ru").hits == []
    publish(question(home, "geo", "Геотермальный тепловой насос", "Отопление дома.", live=False))
    results = engine.search("геотирмальный насос", "ru")  # a typo of the new word
    assert results.suggestion == "геотермальный насос"
    assert results.hits[0].url == "/ru/geo/"


def test_a_removed_page_leaves_the_vocabulary_counts(pages):
    assert vocabulary.get("ru").documents == 2
    pages["meter"].unpublish()
    assert vocabulary.get("ru").documents == 1


def test_a_write_from_another_process_is_seen(pages):
    """Another process writes the index and its transaction changes the token: this one reloads."""
    assert "фотовольтаик" not in vocabulary.get("ru").doc_counts
    IndexTerm.objects.create(lang="ru", term="фотовольтаик", word="фотовольтаика", length=12)
    assert "фотовольтаик" not in vocabulary.get("ru").doc_counts  # cached: the token did not change
    with connection.cursor() as cursor:
        cursor.execute("UPDATE portal_search_indexgeneration SET token = 'from-another-process'")
    assert "фотовольтаик" in vocabulary.get("ru").doc_counts


def test_a_rolled_back_write_does_not_leave_its_words_cached(pages, home):
    page = question(home, "geo", "Геотермальный насос", "Отопление.", live=False)
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(page)
        assert "геотермальн" in vocabulary.get("ru").doc_counts  # cached inside the transaction
        raise RuntimeError("roll back")
    assert "геотермальн" not in vocabulary.get("ru").doc_counts


def test_without_the_generation_row_nothing_is_cached(pages):
    IndexGeneration.objects.all().delete()  # e.g. a flushed test database
    assert vocabulary.get("ru") is not vocabulary.get("ru")
    assert engine.search("тарив", "ru").hits  # typo correction still works
    engine.index_page(pages["meter"])  # a write creates the row again
    assert IndexGeneration.objects.count() == 1
    assert vocabulary.get("ru") is vocabulary.get("ru")


def test_typo_correction_still_works_from_the_cache(pages):
    vocabulary.clear()
    for typo, url in [("тарив", "/ru/tarify/"), ("счотчик", "/ru/schetchik/"), ("зомена счетчика", "/ru/schetchik/")]:
        results = engine.search(typo, "ru")
        assert results.hits and results.hits[0].url == url, typo
    assert engine.search("счотчик", "ru").suggestion == "счетчик"


def test_candidates_prefilter_never_drops_a_real_match():
    """Letters missing from the word are a lower bound of the edit distance, so the filter is safe."""
    rng = random.Random(3)
    letters = "абвгдеклмнопрст"
    terms = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(3000)})
    vocab = vocabulary.Vocabulary("ru", "t", [(t, 1) for t in terms], 10)
    for _ in range(300):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(4, 10)))
        limit = 1 if len(word) <= 6 else 2
        kept = {t for t, _n in vocab.candidates(word, 4, len(word) + limit, limit)}
        for term in terms:
            if term[0] == word[0] and 4 <= len(term) <= len(word) + limit \
                    and typo_distance(word, word[:4], term, limit) <= limit:
                assert term in kept, (word, term)


def _levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_typo_distance_is_the_best_prefix_distance():
    rng = random.Random(5)
    for _ in range(3000):
        word = "".join(rng.choice("абвгд") for _ in range(rng.randint(1, 10)))
        term = "".join(rng.choice("абвгд") for _ in range(rng.randint(1, 10)))
        word_stem = word[:rng.randint(1, len(word))]
        limit = rng.randint(1, 2)
        first = max(1, min(len(word_stem), len(term) - limit))
        expected = min([_levenshtein(word[:k], term) for k in range(first, len(word) + 1)], default=limit + 1)
        got = typo_distance(word, word_stem, term, limit)
        assert (got <= limit) == (expected <= limit) and (got > limit or got == expected), (word, term)


# The candidate query ---------------------------------------------------------------------------
def test_language_codes_in_a_query_do_not_match_every_document(pages):
    """The language is an indexed full-text column now; query words must only match the text."""
    assert engine.search("ru", "ru").hits == []
    assert engine.search("en", "en").hits == []
    assert [h.url for h in engine.search("тарифы", "en").hits] == ["/en/tarify/"]


def test_candidates_are_limited_in_sql(home):
    for n in range(5):
        question(home, f"q{n}", f"Тариф номер {n}", "Ответ про тариф.")
    engine.rebuild()
    embedded = engine.embedded_engine()
    concepts = [{"positions": {0}, "alternatives": {("тариф",)}}]
    assert len(embedded.candidates(concepts, "ru", limit=3)) == 3
    assert len(embedded.candidates(concepts, "ru")) == 5


# Scoring and snippets: the same as the reference (token-by-token) implementation ----------------
def _reference_quality(alt, tokens, token_set, corrected):
    if len(alt) == 1:
        s = alt[0]
        if s in token_set:
            return TYPO_QUALITY if s in corrected else 1.0
        if len(s) >= PREFIX_MIN and any(t.startswith(s) for t in token_set):
            return PREFIX_QUALITY
        return 0.0
    return 1.0 if any(tuple(tokens[i:i + len(alt)]) == alt for i in range(len(tokens) - len(alt) + 1)) else 0.0


def _reference_score(entry, query, idf):
    fields = {name: (getattr(entry, f"{name}_stems").split(), set(getattr(entry, f"{name}_stems").split()))
              for name, _w in FIELD_WEIGHTS}
    total, matched = 0.0, 0
    for concept in query.concepts:
        best, extra = 0.0, 0.0
        for name, weight in FIELD_WEIGHTS:
            tokens, token_set = fields[name]
            value = weight * max(_reference_quality(a, tokens, token_set, query.corrected_stems)
                                 for a in concept["alternatives"])
            if value > best:
                extra += best
                best = value
            else:
                extra += value
        if best:
            matched += 1
            total += idf(concept) * (best + 0.1 * extra)
    if not matched:
        return 0.0, 0
    title_tokens = fields["title"][1]
    if title_tokens:
        in_title = sum(1 for t in title_tokens if any(
            _reference_quality(a, [t], {t}, ()) for c in query.concepts for a in c["alternatives"] if len(a) == 1))
        total *= 1 + 0.5 * in_title / len(title_tokens)
    total *= LISTING_PRIOR if entry.page_type in listing_types() else 1.0
    return total * (0.25 + 0.75 * (matched / len(query.concepts)) ** 2), matched


class _Entry:
    def __init__(self, rng, vocab, page_type):
        self.page_type = page_type
        for name, n in (("title", 5), ("phrasings", 8), ("summary", 20), ("body", 120)):
            setattr(self, f"{name}_stems", " ".join(rng.choice(vocab) for _ in range(rng.randint(0, n))))


def test_scorer_matches_the_reference_ranking():
    rng = random.Random(7)
    vocab = ["тариф", "тарифн", "подключен", "подключ", "счетчик", "дом", "квт", "ночн", "зон", "присоединен", "15"]
    idf = lambda concept: 1.0 + len(concept["alternatives"])  # noqa: E731
    for _ in range(400):
        concepts = []
        for position in range(rng.randint(1, 4)):
            alternatives = {(rng.choice(vocab),) for _ in range(rng.randint(1, 2))}
            if rng.random() < 0.3:
                alternatives.add((rng.choice(vocab), rng.choice(vocab)))
            concepts.append({"positions": {position}, "alternatives": alternatives})
        query = AnalysedQuery(text="", concepts=concepts,
                              corrected_stems={rng.choice(vocab)} if rng.random() < 0.3 else set())
        entry = _Entry(rng, vocab, rng.choice(["questionpage", "sectionpage"]))
        assert make_scorer(query, idf)(entry) == _reference_score(entry, query, idf)


@pytest.mark.parametrize("text", [
    "Тариф для мощности 5 < 15 кВт & выше действует, а тарифы на свет — с 1 января.",
    "Счётчик (прибор учёта) меняют бесплатно; «счетчики» и СЧЁТЧИКИ тоже, и это не всё: тариф-план.",
    " ".join(["слово"] * 40 + ["тариф"] + ["и", "в", "на"] * 10 + ["тарифов", "подключение"]),
    "ﬁle ＴＰ тп — и/или т.п. 15кВт 15 кВт",
])
def test_snippets_from_stored_stems_are_the_same(text):
    for matched in ({"тариф"}, {"счетчик", "тариф"}, {"подключен"}, {"тп", "15"}, {"нет"}):
        expected = highlight(text, matched)  # every word stemmed
        assert highlight(text, matched, text_stems=stem_text(text)) == expected


def test_snippet_falls_back_when_stored_stems_do_not_line_up():
    text = "Тариф на электроэнергию с 1 января"
    assert highlight(text, {"тариф"}, text_stems="тариф") == highlight(text, {"тариф"})
    assert "<mark>Тариф</mark>" in highlight(text, {"тариф"}, text_stems="совсем другие")
    assert _token_stems("(Счётчика),") == ("счетчик",)


def test_search_reads_little_from_the_database(pages, django_assert_max_num_queries):
    """Index generation token, synonyms (from the cache, a dummy one in tests), candidates (a savepoint
    around one query), entries, snippet texts: no vocabulary query and nothing per result."""
    engine.search("тарифы", "ru")
    with django_assert_max_num_queries(7):
        results = engine.search("тарифы счётчик", "ru")
    assert {h.url for h in results.hits} == {"/ru/tarify/", "/ru/schetchik/"}
    assert IndexEntry.objects.count() == 4


# Candidates without ranking every match (issue 14: p95 < 50 ms at 20,000 documents) ------------
def _document(pk, title, summary="", body=""):
    from search.documents import SearchDocument
    return SearchDocument(page_id=pk, lang="ru", page_type="questionpage", url=f"/ru/d{pk}/", title=title,
                          summary=summary, body=body)


@pytest.fixture
def tiered(db):
    embedded = engine.embedded_engine()
    embedded.index_documents([
        _document(1, "Тариф на электроэнергию"),
        _document(2, "Справка", body="Ночной тариф действует с 23 до 7 часов."),
        _document(3, "Режим работы", body="Ночной режим приёма заявок."),
        _document(4, "Замена счётчика"), _document(5, "Льготы ветеранам"), _document(6, "Адреса центров"),
        _document(7, "Новости сетевой компании"),
    ])
    return embedded


def _page_ids(candidates):
    by_id = dict(IndexEntry.objects.values_list("pk", "page_id"))
    return [by_id[entry_id] for entry_id, _score in candidates]


def test_documents_with_every_concept_come_first_then_title_and_summary_matches(tiered):
    """Only ranked selections decide who is in when the limit is tight: the body-only document
    with both words (2) first, then the title match (1); a body-only match of one word (3) is out."""
    concepts = analyse("ночной тариф", "ru", tiered).concepts
    assert _page_ids(tiered.candidates(concepts, "ru", limit=2)) == [2, 1]


def test_body_only_matches_fill_the_limit(tiered):
    concepts = analyse("ночной тариф", "ru", tiered).concepts
    assert _page_ids(tiered.candidates(concepts, "ru", limit=10)) == [2, 1, 3]
    assert [h.page_id for h in engine.search("ночной режим", "ru").hits][0] == 3  # found by its body alone


def test_a_phrase_synonym_needs_its_words_together(db):
    """The database matches a phrase's words anywhere (cheap and exact in its index); the ranking
    counts only the phrase, so words apart do not make a synonym match."""
    embedded = engine.embedded_engine()
    embedded.index_documents([
        _document(1, "Как подать заявку", body="Технологическое присоединение за 15 дней."),
        _document(2, "Сроки", body="Присоединение к сети, осмотр технологическое оборудование."),
        _document(3, "Прочее", body="Ничего общего."),
    ])
    assert [h.page_id for h in engine.search("ТП", "ru").hits] == [1]


def test_a_search_and_its_answer_read_the_index_generation_once(pages):
    from django.test.utils import CaptureQueriesContext

    from search.answers import answers_for
    answers_for(engine.search("тарифы", "ru"))  # caches warm
    with CaptureQueriesContext(connection) as queries:
        answers_for(engine.search("тарифы счётчик", "ru"))
    assert sum("portal_search_indexgeneration" in q["sql"] for q in queries.captured_queries) == 1
