"""Measure search against the gold set: answered@1, answered@3, MRR, latency; optionally at scale."""
import itertools
import json
import random
import resource
import statistics
import time
from pathlib import Path

from django.utils import translation
from wagtail.models import Page

from search import engine
from search.documents import SearchDocument

GOLD_SET = Path(__file__).resolve().parent.parent / "gold_set.json"
SYNTHETIC_ID_BASE = 50_000_000


def load_gold(path=GOLD_SET):
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def slug_map():
    """page id -> {slugs in every language}"""
    ids = {}
    for pk, ru, en in Page.objects.values_list("pk", "slug_ru", "slug_en"):
        ids[pk] = {s for s in (ru, en) if s}
    return ids


def _rank(result_ids, expected, slugs):
    for position, pk in enumerate(result_ids[:10], 1):
        if slugs.get(pk, set()) & expected:
            return position
    return None


def ours(query, lang):
    results = engine.search(query, lang, snippets=False)
    return [h.page_id for h in results.hits[:10]]


def wagtail_default(query, lang):
    with translation.override(lang):
        return [p.pk for p in Page.objects.live().search(query)[:10]]


def ours_with_answer(query, lang):
    """(result ids, answer card): the search and its direct answer, as the search page makes them."""
    from search.answers import answers_for
    results = engine.search(query, lang, snippets=False)
    answer, _outages = answers_for(results)
    return [h.page_id for h in results.hits[:10]], answer


def evaluate(gold, search_function, slugs=None, with_answers=False):
    """answered@1/@3, MRR and latency; ``with_answers`` (our search only) also checks each item's
    fact in the direct answer (answered-with-figure), timing search and answer together."""
    from search.evaluation.facts import answer_has_fact
    slugs = slugs or slug_map()
    rows, latencies = [], []
    for item in gold:
        expected = set(item["expected"])
        answer = None
        started = time.perf_counter()
        try:
            if with_answers:
                ids, answer = ours_with_answer(item["q"], item["lang"])
            else:
                ids = search_function(item["q"], item["lang"])
        except Exception as error:  # the default backend may choke on some input; count it as a miss
            ids = []
            item = {**item, "error": repr(error)}
        latencies.append((time.perf_counter() - started) * 1000)
        row = {**item, "rank": _rank(ids, expected, slugs)}
        if with_answers and item.get("fact"):
            row["fact_text"], row["has_fact"] = answer_has_fact(answer, item["fact"], item["lang"])
            row["answer_kind"] = answer.kind if answer else None
        rows.append(row)
    return summarise(rows, latencies)


def summarise(rows, latencies):
    def metrics(subset):
        n = len(subset) or 1
        with_fact = [r for r in subset if "has_fact" in r]
        return {
            "n": len(subset),
            "with_fact": len(with_fact),
            "answered_with_figure": (sum(1 for r in with_fact if r["has_fact"]) / len(with_fact)) if with_fact else None,
            "answered@1": sum(1 for r in subset if r["rank"] == 1) / n,
            "answered@3": sum(1 for r in subset if r["rank"] and r["rank"] <= 3) / n,
            "mrr": sum(1 / r["rank"] for r in subset if r["rank"]) / n,
        }
    by_lang = {lang: metrics([r for r in rows if r["lang"] == lang]) for lang in sorted({r["lang"] for r in rows})}
    ordered = sorted(latencies)
    return {
        "all": metrics(rows), "by_lang": by_lang, "rows": rows,
        "p50_ms": statistics.median(ordered) if ordered else 0.0,
        "p95_ms": ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else 0.0,
    }


def synthetic_documents(n, seed=4, real_share=0.15):
    """Generated pages: a Zipf-distributed vocabulary of made-up words, with a share of the site's
    real words mixed in so that the real queries meet competition (as on a large real site)."""
    from search.models import IndexEntry
    rng = random.Random(seed)
    real = {}
    for entry in IndexEntry.objects.all():
        real.setdefault(entry.lang, []).extend((entry.title + " " + entry.summary + " " + entry.body).split())
    letters = {"ru": "абвгдежзиклмнопрстуфхцчшэюя", "en": "abcdefghijklmnopqrstuvwxyz"}
    made_up = {lang: ["".join(rng.choice(letters[lang]) for _ in range(rng.randint(4, 11))) for _ in range(30_000)]
               for lang in real}
    # Cumulative weights once (the same draws as weights=, without summing 30,000 weights per call).
    cum_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(30_000)))
    types = ["contentpage", "newspage", "questionpage", "procedurepage"]
    docs = []
    for i in range(n):
        for lang, words in real.items():
            if not words:
                continue

            def text(k):
                fake = rng.choices(made_up[lang], cum_weights=cum_weights, k=k)
                return " ".join(rng.choice(words) if rng.random() < real_share else w for w in fake)
            docs.append(SearchDocument(page_id=SYNTHETIC_ID_BASE + i, lang=lang, page_type=rng.choice(types),
                                       url=f"/{lang}/generated/{i}/", title=text(6), summary=text(25),
                                       body=text(300), phrasings=[text(6)] if i % 4 == 0 else []))
    return docs


def _remove_synthetic(embedded):
    from search.models import IndexEntry
    embedded.delete_pages(
        IndexEntry.objects.filter(page_id__gte=SYNTHETIC_ID_BASE).values_list("page_id", flat=True).distinct())


def scale_benchmark(gold, n):
    """Index n generated pages (both languages) next to the real ones, time it, query, clean up."""
    embedded = engine.embedded_engine()
    _remove_synthetic(embedded)  # left over from an interrupted run
    docs = synthetic_documents(n)
    started = time.perf_counter()
    for start in range(0, len(docs), 500):
        embedded.index_documents(docs[start:start + 500], update_terms=False, fresh=True)
    embedded.rebuild_terms()  # counts every stored document, like a full rebuild
    build_seconds = time.perf_counter() - started
    try:
        result = evaluate(gold, ours)
    finally:
        _remove_synthetic(embedded)
        embedded.rebuild_terms()
    result["build_seconds"] = build_seconds
    result["documents"] = len(docs)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result
