"""One interface for searching and indexing, whichever engine is configured.

``search()`` returns the same ``SearchResults`` from the embedded engine or Elasticsearch; if
Elasticsearch is configured but does not answer, the embedded engine answers and a warning is
logged. Index writes always go to the embedded index (it is the fallback) and to Elasticsearch
when it is reachable.
"""
import logging
import time
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search import knowledge
from search import vocabulary as vocabularies
from search.backends.embedded import EmbeddedEngine, TermCounter
from search.documents import build_documents, indexable_pages, languages
from search.ranking import analyse, highlight, make_idf, make_scorer, matched_stems
from search.results import Hit, SearchResults  # noqa: F401  (re-exported)

logger = logging.getLogger(__name__)

TYPE_GROUPS = [(key, label, ()) for key, label in knowledge.GROUPS]  # (key, label, unused) for templates
TYPE_GROUP_KEYS = knowledge.GROUP_KEYS


def type_group(page_type):
    return knowledge.group_of(page_type)


_embedded = EmbeddedEngine()


def embedded_engine():
    return _embedded


def elasticsearch_engine():
    """The Elasticsearch engine when ELASTICSEARCH_URL is set, else None."""
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return None
    from search.backends.elastic import get_engine
    return get_engine(settings.ELASTICSEARCH_URL)


def search(raw_query, lang="ru", types=None, snippets=True):
    """Search in ``lang``; ``types`` is a list of type group keys to keep (None keeps all)."""
    started = time.perf_counter()
    with vocabularies.pinned() as generation:  # one read of the index generation for the whole search
        results = _search(raw_query, lang, snippets)
    results.generation = generation or ""
    counts = {key: 0 for key in TYPE_GROUP_KEYS}
    for hit in results.hits:
        counts[hit.group] += 1
    results.counts = counts
    if types:
        results.hits = [hit for hit in results.hits if hit.group in types]
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


def _search(raw_query, lang, snippets):
    es = elasticsearch_engine()
    results = None
    if es is not None:
        try:
            if es.available():
                results = es.search(raw_query, lang)
        except Exception:  # any failure of the remote server must not reach the citizen
            logger.warning("Elasticsearch search failed; answering from the embedded engine", exc_info=True)
            results = None
        if results is None:
            logger.warning("Elasticsearch at %s is not answering; using the embedded engine",
                           es.safe_url)
    if results is None:
        results = embedded_search(raw_query, lang, snippets=snippets)
    return results


def autocomplete(typed, lang="ru"):
    """Titles to suggest while typing: Elasticsearch's completion suggester when it answers,
    else the embedded title matcher (search/autocomplete.py)."""
    from search import autocomplete as embedded_autocomplete

    es = elasticsearch_engine()
    if es is not None:
        try:
            if es.available():
                return es.autocomplete(typed, lang)
        except Exception:  # a failing remote server must not break typing in the search box
            logger.warning("Elasticsearch autocomplete failed; using the embedded titles", exc_info=True)
    return embedded_autocomplete.suggest(typed, lang)


def embedded_search(raw_query, lang="ru", snippets=True):
    """The database ranks and limits the candidates; they are re-ranked here by field weight, and
    snippets are made for the first page only (``add_snippets`` makes later pages' on demand)."""
    engine = _embedded
    vocabulary = engine.vocabulary(lang)  # one check of the index generation per search
    query = analyse(raw_query, lang, engine, vocabulary)
    results = SearchResults(query=query.text, lang=lang, backend=engine.name, suggestion=query.suggestion)
    if not query.concepts:
        return results
    candidates = engine.candidates(query.concepts, lang, vocabulary=vocabulary)
    if not candidates:
        return results
    entries = engine.entries([c[0] for c in candidates])
    score_entry = make_scorer(query, make_idf(query, engine, lang, vocabulary))
    db_scores = dict(candidates)
    scored = []
    for entry_id, entry in entries.items():
        score, matched = score_entry(entry)
        if matched:
            scored.append((score, db_scores.get(entry_id, 0.0), entry))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].page_id))
    stems = results.matched_stems = matched_stems(query)
    for score, _db, entry in scored:
        hit = Hit(page_id=entry.page_id, title=entry.title, url=entry.url, page_type=entry.page_type,
                  score=round(score, 4), section=entry.section)
        results.hits.append(hit)
    if snippets:
        _fill_snippets(results.hits[:SNIPPETS_EAGER], lang, stems)
    return results


SNIPPETS_EAGER = 10


def _fill_snippets(hits, lang, stems):
    """Snippets for these hits: one query for their texts (with the stored stems, so no word is
    stemmed again)."""
    from search.models import IndexEntry
    if not hits:
        return
    texts = {e.page_id: e for e in IndexEntry.objects.filter(lang=lang, page_id__in=[h.page_id for h in hits])
             .only("page_id", "summary", "body", "summary_stems", "body_stems")}
    for hit in hits:
        if hit.page_id in texts:
            hit.snippet = _snippet(texts[hit.page_id], stems)


def _snippet(entry, stems):
    summary = highlight(entry.summary, stems, text_stems=entry.summary_stems)
    if "<mark>" in summary or not entry.body:
        return summary or highlight(entry.body, stems, text_stems=entry.body_stems)
    body = highlight(entry.body, stems, text_stems=entry.body_stems)
    return body if "<mark>" in body else summary


def add_snippets(results, lang, start, end):
    """Snippets for a later page of results (the embedded engine makes the first ones eagerly)."""
    missing = [h for h in results.hits[start:end] if not h.snippet]
    if not missing or results.backend != "embedded":
        return
    _fill_snippets(missing, lang, results.matched_stems or matched_stems(analyse(results.query, lang, _embedded)))


# Index maintenance ---------------------------------------------------------------------------
def index_page(page):
    """Bring the page's documents in every language up to date (or remove them)."""
    docs = build_documents(page)
    if not docs:
        return remove_page(page.pk)
    _embedded.index_documents(docs)
    es = elasticsearch_engine()
    if es is not None:
        es.safe_call("index_documents", docs)
    return len(docs)


def remove_page(page_id):
    removed = _embedded.delete_page(page_id)
    es = elasticsearch_engine()
    if es is not None:
        es.safe_call("delete_page", page_id)
    return removed


def rebuild(progress=None):
    """Rebuild every index from the live pages; returns the counts."""
    pages = list(indexable_pages())
    es = elasticsearch_engine()
    _embedded.clear()
    counts = {lang: 0 for lang in languages()}
    terms = TermCounter()
    all_docs, batch = [], []
    for number, page in enumerate(pages, 1):
        docs = build_documents(page)
        batch.extend(docs)
        for doc in docs:
            counts[doc.lang] += 1
            terms.add_document(doc)
        if len(batch) >= 400 or number == len(pages):
            _embedded.index_documents(batch, update_terms=False, fresh=True)
            if es is not None:
                all_docs.extend(batch)
            batch = []
        if progress:
            progress(number, len(pages))
    terms = _embedded.save_terms(terms)
    es_done = es.safe_call("rebuild", all_docs) if es is not None else None
    return {"pages": len(pages), "documents": counts, "terms": terms, "elasticsearch": es_done}
