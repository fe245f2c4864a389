"""Direct answers, the same whichever engine found the pages.

The query is read once (``search.query.QueryFacts``, with the engine's spelling suggestion), the
top hits' pages are asked for their answer (``direct_answer`` of ``search.knowledge``), and the
strongest one wins, the higher hit on a tie. No page model is named here: each page type knows
what it answers. Query-wide answers that are not about one page (current outages) come from
``SEARCH_QUERY_ANSWERS`` (dotted paths of ``function(facts, lang)``).
"""
import logging

from django.conf import settings
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from wagtail.models import Page

from search.query import QueryFacts

logger = logging.getLogger(__name__)

ANSWER_DEPTH = 6       # hits asked for an answer
TOPIC_PAGES_PER_TYPE = 10
RANK_PENALTY = 0.05    # a lower hit needs a clearly stronger answer
DEFAULT_QUERY_ANSWERS = ("outages.search_answers.outage_answer",)


def facts_for(results):
    return QueryFacts.parse(results.query, results.lang, suggestion=results.suggestion)


def answer_for(results, on_date=None, depth=ANSWER_DEPTH):
    """The best ``search.knowledge.Answer`` for these results on ``on_date`` (today), or None."""
    on_date = on_date or timezone.localdate()
    facts = facts_for(results)
    if facts.empty or not results.hits:
        return None
    hits = results.hits[:depth]
    pages = cached_pages([h.page_id for h in hits])
    asked = [(rank, pages.get(hit.page_id), hit.url) for rank, hit in enumerate(hits)]
    hit_ids = {h.page_id for h in hits}
    # Page types that answer for their topic even when the engine ranked them lower.
    asked += [(depth, page, "") for page in topic_pages(results.lang) if page.pk not in hit_ids]
    best, best_score = None, None
    with translation.override(results.lang):
        for rank, page, url in asked:
            answer_method = getattr(page, "direct_answer", None)
            if answer_method is None or not page.live:
                continue
            try:
                answer = answer_method(facts, on_date, results.lang)
            except Exception:  # noqa: BLE001 - one page's answer must never break a citizen's search
                logger.exception("direct answer failed for page %s", page.pk)
                continue
            if answer is None:
                continue
            answer.url = url or answer.url
            score = answer.strength - RANK_PENALTY * rank
            if best is None or score > best_score:
                best, best_score = answer, score
    return best


def answers_for(results, on_date=None):
    """(page answer, outage box) for the search page and the API: with an outage box, a page's
    answer is kept only when it clearly read the question (not a card about the town's prices)."""
    from search import vocabulary
    from search.knowledge import MATCHED
    with vocabulary.pinned(getattr(results, "generation", "")):  # the generation searched: one token read at most
        outages = outage_answer(results.query, results.lang, results.suggestion)
        answer = answer_for(results, on_date)
    if outages is not None and answer is not None and answer.strength < MATCHED and \
            outage_answer(answer.title, results.lang) is None:
        answer = None  # keep «Нет света — куда звонить?», drop the town's heat price
    return answer, outages


def topic_pages(lang):
    """Live public pages of the page types that say ``search_answers_topic = True`` (a few: the
    tariff, fee and benefit pages); their ``direct_answer`` returns None off their topic."""
    from search.knowledge import topic_classes

    def load():
        ids = []
        for model in topic_classes():
            ids += list(model.objects.live().public().order_by("path").values_list("pk", flat=True)
                        [:TOPIC_PAGES_PER_TYPE])
        return ids
    ids = memo("topic_page_ids", load)
    pages = cached_pages(ids)
    return [pages[i] for i in ids if i in pages]


# Per index generation: pages (and what their answers read from them) are kept in memory until
# anything is published, unpublished or rebuilt (``search.vocabulary``: every index write changes
# the generation token), so an answer costs no queries beyond the token's single-row read.
_store = {}


def _generation():
    from search import vocabulary
    return vocabulary.per_generation(_store, "answers", lambda _token: {"pages": {}, "memo": {}})


def memo(key, load):
    """``load()`` once per index generation and process (for page types' answer helpers too)."""
    cache = _generation()["memo"]
    if key not in cache:
        cache[key] = load()
    return cache[key]


def cached_pages(ids):
    """{id: specific live page} for these ids, from the generation's cache where possible."""
    cache = _generation()["pages"]
    missing = [i for i in ids if i not in cache]
    if missing:
        found = Page.objects.filter(pk__in=missing).specific().in_bulk()
        for i in missing:
            cache[i] = found.get(i)
    return {i: cache[i] for i in ids if cache.get(i) is not None}


def clear():
    _store.clear()


def query_answers(query_text, lang, suggestion=""):
    """{name: answer} from the query-wide answerers (e.g. ``outages``), each may give None."""
    facts = QueryFacts.parse(query_text, lang, suggestion=suggestion)
    found = {}
    if facts.empty:
        return found
    for path in getattr(settings, "SEARCH_QUERY_ANSWERS", DEFAULT_QUERY_ANSWERS):
        try:
            function = import_string(path)
        except ImportError:
            continue
        try:
            result = function(facts, lang)
        except Exception:  # noqa: BLE001 - another app's answer must never break a citizen's search
            logger.exception("query answer %s failed", path)
            continue
        if result is not None:
            found[path.rsplit(".", 2)[0]] = result
    return found


def outage_answer(query_text, lang, suggestion=""):
    """The outage box for questions about power, light or outages (None otherwise)."""
    return query_answers(query_text, lang, suggestion).get("outages")


def promoted_pages(query_text):
    """Editors' best bets (Wagtail search promotions) for this exact query, live pages only."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string
    normalised = normalise_query_string(query_text)
    if not normalised:
        return []
    promos = SearchPromotion.objects.filter(query__query_string=normalised).select_related("page").order_by("sort_order")
    return [p for p in promos if p.page_id and p.page.live]
