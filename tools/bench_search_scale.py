#!/usr/bin/env python
"""Speed of the embedded search at scale; prints figures, asserts nothing.

    .venv/bin/python tools/bench_search_scale.py                 # SQLite under /tmp/searchscale/bench
    VAR_DIR=/tmp/other .venv/bin/python tools/bench_search_scale.py --docs 5000
    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/scratch .venv/bin/python tools/bench_search_scale.py

The demo content (load_demo) is loaded once, then ``--docs`` generated documents (half per language,
``search.evaluation.evaluate.synthetic_documents``) are indexed next to it. Printed: documents count,
index build time (real pages + generated documents + vocabulary), the time to publish one page,
p50/p95 per query kind (search, snippets and the direct answer; wall and CPU time: this process's,
plus on PostgreSQL its server process's, read from /proc; the machine may be shared), suggestions
while typing, the gold
set's answered@3 and MRR at that scale, and the search page through the test client.
``--reuse`` keeps an index of the right size from an earlier run; ``--profile KIND`` prints cProfile's
top functions for one query kind. It never uses var/db.sqlite3 unless VAR_DIR says so.
Target (issue 14): p95 < 50 ms at 20,000 documents, on SQLite FTS5 and on PostgreSQL.
"""
import argparse
import cProfile
import io
import os
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "singlewindow.settings.dev")
os.environ["DEBUG"] = "0"  # no SQL logging, production-like caches
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("VAR_DIR", "/tmp/searchscale/bench")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

QUERIES = {
    "single word": [("ru", "тариф"), ("ru", "подключение"), ("ru", "счетчик"), ("ru", "льгота"),
                    ("ru", "отключение"), ("en", "tariff"), ("en", "meter"), ("en", "electricity")],
    "multi word": [("ru", "сколько стоит подключить дом 15 квт"), ("ru", "ночной тариф часы"),
                   ("ru", "документы на технологическое присоединение"), ("ru", "адрес центра обслуживания"),
                   ("en", "how to connect a house to the grid"), ("en", "night tariff hours")],
    "typo": [("ru", "тарив"), ("ru", "присоеденение"), ("ru", "комунальные услуги"), ("ru", "счотчик"),
             ("ru", "элекстричество"), ("en", "electrcity"), ("en", "tarrif"), ("en", "conection")],
    "no hits": [("ru", "ыварапролдж"), ("ru", "щшгнекуцй"), ("en", "qzxwvbnm"), ("en", "plmoknijb")],
}


def percentile(values, p):
    values = sorted(values)
    return values[max(0, int(round(p / 100 * len(values))) - 1)] if values else 0.0


def ensure_content():
    from wagtail.models import Page

    from search.models import IndexEntry
    if not Page.objects.filter(depth__gt=2).exists():
        print("loading the demo content (once)…", flush=True)
        call_command("load_demo", stdout=io.StringIO())
    return IndexEntry.objects.filter(page_id__lt=_base()).count()


def _base():
    from search.evaluation.evaluate import SYNTHETIC_ID_BASE
    return SYNTHETIC_ID_BASE


def build_index(n_docs, reuse):
    """(seconds, documents): rebuild from the pages, index the generated documents, count the vocabulary."""
    from search import engine
    from search.evaluation.evaluate import synthetic_documents
    from search.models import IndexEntry
    per_lang = n_docs // 2
    have = IndexEntry.objects.filter(page_id__gte=_base()).count()
    if reuse and have == per_lang * 2:
        print(f"reusing the index: {have} generated documents", flush=True)
        return None
    t0 = time.perf_counter()
    real = engine.rebuild()
    rebuild_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = synthetic_documents(per_lang)
    generate_s = time.perf_counter() - t0
    embedded = engine.embedded_engine()
    t0 = time.perf_counter()
    for start in range(0, len(docs), 500):
        embedded.index_documents(docs[start:start + 500], update_terms=False, fresh=True)
    index_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    terms = embedded.rebuild_terms()
    terms_s = time.perf_counter() - t0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = rebuild_s + index_s + terms_s
    print(f"index build: {total:.1f} s = rebuild of {sum(real['documents'].values())} real documents "
          f"{rebuild_s:.1f} s + {len(docs)} generated documents {index_s:.1f} s + vocabulary of {terms} stems "
          f"{terms_s:.1f} s (generating the text took {generate_s:.1f} s, not counted)", flush=True)
    return total


def _server_cpu_reader():
    """PostgreSQL: a function giving the CPU seconds used so far by the server process that serves
    this connection (``/proc/<pid>/schedstat``: nanoseconds on a CPU), else None. The server's
    work is not this process's CPU time, and wall time on a shared machine includes waiting."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        path = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")

    def read():
        try:
            return int(path.read_text().split()[0]) / 1e9
        except (OSError, ValueError, IndexError):
            return None
    return read if read() is not None else None


def time_calls(calls, repeat):
    """(wall ms, CPU ms) per call; on PostgreSQL the CPU is this process's plus its server process's."""
    wall, cpu = [], []
    server = _server_cpu_reader()
    for _ in range(repeat):
        for call in calls:
            s0 = server() if server else 0.0
            t0, c0 = time.perf_counter(), time.process_time()
            call()
            wall.append((time.perf_counter() - t0) * 1000)
            s1 = server() if server else 0.0
            cpu.append((time.process_time() - c0 + (s1 - s0)) * 1000)
    return wall, cpu


def search_call(lang, q):
    from search import engine

    from search.answers import answers_for

    def call():
        results = engine.search(q, lang)  # snippets for the first page, as the search page does
        engine.add_snippets(results, lang, 0, 10)
        answers_for(results)  # and the direct answer, as the search page and the API do
        return results
    return call


def suggest_call(lang, typed):
    from search import engine
    return lambda: engine.autocomplete(typed, lang)


SUGGESTIONS = [("ru", "ночн"), ("ru", "ночной"), ("ru", "ночной тариф"), ("ru", "ночнй тарив"), ("ru", "тарифы на"),
               ("ru", "подключение дома"), ("ru", "субсидия"), ("ru", "цок котлас"), ("ru", "счетчик"),
               ("en", "night"), ("en", "night tariff"), ("en", "conect house"), ("en", "electricity prices")]


def report(label, wall, cpu):
    print(f"  {label:<14} n={len(wall):4d}  wall p50 {statistics.median(wall):6.1f} ms  "
          f"p95 {percentile(wall, 95):6.1f} ms   CPU p50 {statistics.median(cpu):6.1f} ms  "
          f"p95 {percentile(cpu, 95):6.1f} ms", flush=True)


def profile(calls, repeat, top=35):
    profiler = cProfile.Profile()
    profiler.enable()
    time_calls(calls, repeat)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20_000, help="generated documents (half per language)")
    parser.add_argument("--repeat", type=int, default=5, help="times each query is run")
    parser.add_argument("--reuse", action="store_true", help="keep an index of the right size from an earlier run")
    parser.add_argument("--profile", metavar="KIND", help="cProfile one query kind (or 'all')")
    parser.add_argument("--no-view", action="store_true", help="skip the search page through the test client")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    from search import engine
    from search.evaluation import evaluate as ev

    call_command("migrate", "--noinput", verbosity=0)
    where = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} ({where}); machine load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs (wall times suffer on a shared machine; CPU time is this process's own work"
          + (" plus the PostgreSQL server process's)" if _server_cpu_reader() else ")"))
    ensure_content()
    build_index(args.docs, args.reuse)
    print(f"documents: {engine.embedded_engine().stats()}", flush=True)

    gold = ev.load_gold()
    kinds = dict(QUERIES)
    kinds["gold set"] = [(item["lang"], item["q"]) for item in gold]
    for lang, q in kinds["gold set"][:10]:  # warm the caches (stemmer, vocabulary, templates)
        search_call(lang, q)()

    if args.profile:
        chosen = [k for k in kinds if args.profile in ("all", k)]
        calls = [search_call(lang, q) for k in chosen for lang, q in kinds[k]]
        profile(calls, args.repeat)
        return

    print(f"engine.search + snippets of the first page, each query {args.repeat} times:")
    everything_wall, everything_cpu = [], []
    for kind, queries in kinds.items():
        wall, cpu = time_calls([search_call(lang, q) for lang, q in queries], args.repeat)
        everything_wall += wall
        everything_cpu += cpu
        report(kind, wall, cpu)
    report("all kinds", everything_wall, everything_cpu)
    for lang, typed in SUGGESTIONS[:3]:
        suggest_call(lang, typed)()  # the titles are loaded once per index generation
    wall, cpu = time_calls([suggest_call(lang, typed) for lang, typed in SUGGESTIONS], args.repeat)
    report("suggestions", wall, cpu)

    quality = ev.evaluate(gold, ev.ours)
    print(f"gold set at this scale: answered@3 {quality['all']['answered@3'] * 100:.1f} %, "
          f"MRR {quality['all']['mrr']:.3f}, p50 {quality['p50_ms']:.1f} ms, p95 {quality['p95_ms']:.1f} ms")

    if not args.no_view:
        from django.test import Client
        client = Client()
        pages = [(lang, q) for lang, q in kinds["gold set"]]

        def view_call(lang, q):
            def call():
                response = client.get(f"/{lang}/search/", {"q": q}, HTTP_HOST="localhost")
                assert response.status_code == 200, (q, response.status_code)
            return call
        wall, cpu = time_calls([view_call(lang, q) for lang, q in pages], 1)
        print("search page (/ru|en/search/?q=…, gold queries, whole request):")
        report("page", wall, cpu)

    from search.models import IndexEntry
    from wagtail.models import Page
    page_ids = list(IndexEntry.objects.filter(page_id__lt=_base(), page_type="questionpage")
                    .values_list("page_id", flat=True).distinct()[:5])
    pages = [Page.objects.get(pk=pk).specific for pk in page_ids]
    wall, cpu = time_calls([lambda p=p: engine.index_page(p) for p in pages], 2)
    print("publishing (engine.index_page of one page, both languages):")
    report("index_page", wall, cpu)
    after_wall, after_cpu = [], []
    for page in pages:
        engine.index_page(page)  # a new index generation: the next search reloads the vocabulary
        wall, cpu = time_calls([search_call("ru", "присоеденение")], 1)
        after_wall += wall
        after_cpu += cpu
    print("the first search after a publish (reloads the vocabulary of its language):")
    report("after publish", after_wall, after_cpu)
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
