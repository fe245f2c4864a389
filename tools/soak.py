#!/usr/bin/env python
"""Mixed soak of the production stack (issue 7): pages, search and form submissions at 1 per second
for 5 minutes; zero 5xx, zero lost cases, worker memory after the soak within 20% of before.

Run: .venv/bin/python tools/soak.py [--duration 300] [--warmup 30]   (a quick check: --duration 30)

It loads the demo content into a fresh temporary SQLite database (VAR_DIR), serves it with gunicorn
and the production settings (3 workers, as in the README's production run mode) behind a loopback
nginx with the page cache (deploy/nginx.conf.template), warms up, records the RSS of every gunicorn
worker, and then for --duration seconds runs, from a few client threads, all to 127.0.0.1:

- anonymous page views through nginx: home, tariff, directory, news and procedure pages, both
  languages, found in the sitemap;
- searches with the Russian and English queries of search/gold_set.json, every other one straight
  to the app (uncached), the others through nginx;
- exactly one submission per second through nginx of the whole public request form (type → details
  → contact → check → submit → done; tests/cases/load_intake.py's one_case), each a new visitor
  with cookies and a unique marker in the message. CASES_RATE_LIMIT lifts the per-IP limit.

Afterwards it reads the database (same VAR_DIR) for the markers and submission tokens, prints
requests, p50/p99 latency and 5xx per kind, submissions sent / stored / lost, per-worker RSS before
and after, and PASS or FAIL per criterion. Exit status 1 on any FAIL. Needs Debian's nginx.
"""
import argparse
import collections
import datetime
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.cases.load_intake import one_case  # noqa: E402
from tools import nginx_conf  # noqa: E402
from tools.production_stack import ProductionStack, django_output  # noqa: E402

WORKERS = 3  # README "Production run mode" and docs/deployment.md: gunicorn --workers 3
MEMORY_GROWTH_LIMIT = 20.0  # per cent
TIMEOUT = 30  # seconds per request (gunicorn's own worker timeout is 30 s too)
PAGE_KINDS = {
    "HomePage": "home", "TariffPage": "tariff", "ServiceCentreIndexPage": "directory",
    "ServiceCentrePage": "directory", "NewsIndexPage": "news", "NewsPage": "news", "ProcedurePage": "procedure",
}
ENV_EXTRA = {
    "CASES_RATE_LIMIT": "100000/60",  # lifts the per-IP limit: every submission comes from 127.0.0.1
    # Confirmation e-mails are built and "sent" to nowhere: no SMTP server here, and the console
    # backend would print each one, the in-memory one would grow the workers.
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
}
MARKER_RE = re.compile(r"soak-[0-9a-f]{8}-[a-z]+-\d{5}")


# --- HTTP clients ---------------------------------------------------------------------------------

class Recorder:
    """Status and latency of every response, by kind (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.samples = collections.defaultdict(list)  # kind -> [(status, seconds)]; status 0: no response
        self.errors = collections.Counter()  # (kind, description) -> count, for non-2xx/3xx and exceptions

    def add(self, kind, status, seconds, error=None):
        with self.lock:
            self.samples[kind].append((status, seconds))
            if error or not 200 <= status < 400:
                self.errors[(kind, error or f"HTTP {status}")] += 1


class Client(requests.Session):
    """A session that records every request. With ``cookies`` it keeps them like a browser (the
    production cookies are Secure; over plain-HTTP loopback they are kept as if TLS ended in front);
    without, it stays an anonymous visitor whose pages nginx may cache."""

    def __init__(self, recorder, kind, cookies=False):
        super().__init__()
        self.recorder, self.kind, self.keep_cookies = recorder, kind, cookies

    def request(self, method, url, *args, kind=None, **kwargs):
        assert url.startswith("http://127.0.0.1:"), url  # loopback only
        kwargs.setdefault("timeout", TIMEOUT)
        start = time.perf_counter()
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.RequestException as error:
            self.recorder.add(kind or self.kind, 0, time.perf_counter() - start, type(error).__name__)
            raise
        self.recorder.add(kind or self.kind, response.status_code, time.perf_counter() - start)
        if self.keep_cookies:
            for cookie in self.cookies:
                cookie.secure = False
        else:
            self.cookies.clear()
        return response


# --- the stack: URLs, memory, database ------------------------------------------------------------

def discover_pages(stack):
    """Sitemap paths by kind (home, tariff, directory, news, procedure), types from the database."""
    sitemap = requests.get(f"{stack.app_url}/sitemap.xml", timeout=TIMEOUT)
    sitemap.raise_for_status()
    paths = {urllib.parse.urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.text)}
    code = ("from django.utils import translation\nfrom wagtail.models import Page\n"
            "for lang in ('ru', 'en'):\n    with translation.override(lang):\n"
            "        for page in Page.objects.live().specific():\n            parts = page.get_url_parts()\n"
            "            print(type(page).__name__, parts[2] if parts else '')\n")
    types = {}
    for line in django_output(stack.env, code).splitlines():
        name, _, path = line.partition(" ")
        types[path] = name
    pages = collections.defaultdict(list)
    for path in sorted(paths):
        kind = PAGE_KINDS.get(types.get(path))
        if kind:
            pages[kind].append(path)
    missing = sorted(set(PAGE_KINDS.values()) - set(pages))
    if missing:
        raise RuntimeError(f"no sitemap URLs for {missing} ({len(paths)} in the sitemap)")
    return dict(pages)


def search_queries():
    gold = json.loads((ROOT / "search" / "gold_set.json").read_text())
    return [(item["lang"], item["q"]) for item in gold["queries"]]


def worker_rss(master_pid):
    """{pid: VmRSS in kB} of the gunicorn master's children, from /proc."""
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) != master_pid:
                continue
            for line in Path(f"/proc/{entry}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[int(entry)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return rss


CHECK_CODE = """
import json, re, sys
from cases.models import Case
data = json.load(open(sys.argv[1]))
rows = Case.objects.filter(message__contains=data["prefix"]).values_list("message", "reference", "submission_key")
cases = {}
for message, reference, key in rows:
    for marker in re.findall(data["pattern"], message):
        cases.setdefault(marker, []).append([reference, key])
print(json.dumps({"total": Case.objects.count(), "cases": cases,
                  "by_token": Case.objects.filter(submission_key__in=data["tokens"]).count()}))
"""


def stored_cases(stack, prefix, tokens):
    query = stack.work / "check.json"
    query.write_text(json.dumps({"prefix": prefix, "pattern": MARKER_RE.pattern, "tokens": tokens}))
    env = {**stack.env, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"}
    out = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", "import django;django.setup()\n" + CHECK_CODE,
                          str(query)], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def count_cases(stack):
    return int(django_output(stack.env, "from cases.models import Case;print(Case.objects.count())"))


# --- the load -------------------------------------------------------------------------------------

def paced(stop, end, rate, work, max_count):
    """Call work(n) ``rate`` times a second until ``end`` (monotonic), bounded by max_count."""
    interval, next_at, n = 1.0 / rate, time.monotonic(), 0
    while n < max_count and not stop.is_set():
        now = time.monotonic()
        if now >= end:
            break
        if next_at > now:
            stop.wait(min(next_at, end) - now)
            continue
        try:
            work(n)
        except Exception:  # recorded by the client; the load goes on
            pass
        n += 1
        next_at += interval
        next_at = max(next_at, time.monotonic() - 1.0)  # after a stall, catch up at most one second
    return n


class Load:
    """One phase of mixed load (warm-up or soak) with its own recorder and submissions."""

    def __init__(self, stack, pages, queries, run_id, phase, args):
        self.stack, self.pages, self.queries, self.args = stack, pages, queries, args
        self.recorder, self.stop = Recorder(), threading.Event()
        self.prefix = f"soak-{run_id}-{phase}-"
        self.submissions = []  # dicts: marker, ok, reference, token, error, lag, seconds
        self.lock = threading.Lock()
        self.elapsed = 0.0

    def page_views(self, seed):
        rng, client = random.Random(seed), Client(self.recorder, "page")
        kinds = sorted(self.pages)

        def view(_n):
            kind = rng.choice(kinds)
            client.get(self.stack.nginx.url + rng.choice(self.pages[kind]), kind=f"page {kind} (nginx)")
        return client, view

    def searches(self, seed):
        rng, client = random.Random(seed), Client(self.recorder, "search")

        def search(n):
            lang, query = rng.choice(self.queries)
            base, via = (self.stack.app_url, "app") if n % 2 == 0 else (self.stack.nginx.url, "nginx")
            client.get(f"{base}/{lang}/search/?q={urllib.parse.quote_plus(query)}", kind=f"search ({via})")
        return client, search

    def submit(self, k, scheduled):
        marker = f"{self.prefix}{k:05d}"
        lag = time.monotonic() - scheduled
        client = Client(self.recorder, "form step (nginx)", cookies=True)
        outcome = {"marker": marker, "ok": False, "reference": None, "token": None, "error": None, "lag": lag}
        start = time.perf_counter()
        try:
            outcome["reference"], outcome["token"] = one_case(self.stack.nginx.url, client, marker)
            outcome["ok"] = True
        except Exception as error:  # counted and reported
            outcome["error"] = repr(error)[:300]
        finally:
            client.close()
        outcome["seconds"] = time.perf_counter() - start
        with self.lock:
            self.submissions.append(outcome)

    def run(self, duration):
        args = self.args
        start = time.monotonic()
        end = start + duration
        threads = []
        for i in range(args.page_threads):
            client, view = self.page_views(i)
            threads.append((paced, (self.stop, end, args.page_rate / args.page_threads, view, 10 ** 6)))
        for i in range(args.search_threads):
            client, search = self.searches(100 + i)
            threads.append((paced, (self.stop, end, args.search_rate / args.search_threads, search, 10 ** 6)))
        pool = ThreadPoolExecutor(args.form_threads, thread_name_prefix="form")

        def schedule():
            for k in range(int(duration)):  # exactly one a second
                at = start + k
                while not self.stop.is_set() and time.monotonic() < at:
                    self.stop.wait(at - time.monotonic())
                if self.stop.is_set():
                    return
                pool.submit(self.submit, k, at)

        running = [threading.Thread(target=fn, args=fn_args, daemon=True) for fn, fn_args in threads]
        running.append(threading.Thread(target=schedule, daemon=True))
        try:
            for thread in running:
                thread.start()
            for thread in running:
                while thread.is_alive():
                    thread.join(timeout=0.5)
            pool.shutdown(wait=True)  # the last walks: each request is bounded by TIMEOUT
        finally:
            self.stop.set()
            pool.shutdown(wait=False, cancel_futures=True)
        self.elapsed = time.monotonic() - start


def prime(stack, pages, queries, workers):
    """Every page straight from the app (a few times, so each worker renders it) and through nginx
    (filling its cache), and every search query once."""
    recorder = Recorder()
    paths = [path for kind in sorted(pages) for path in pages[kind]]
    jobs = [stack.app_url + path for path in paths for _ in range(workers)] + [stack.nginx.url + p for p in paths]
    jobs += [f"{stack.app_url}/{lang}/search/?q={urllib.parse.quote_plus(q)}" for lang, q in queries]
    local = threading.local()

    def fetch(url):
        if not hasattr(local, "client"):
            local.client = Client(recorder, "prime")
        try:
            local.client.get(url)
        except requests.RequestException:
            pass
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(fetch, jobs))
    return recorder


# --- the report -----------------------------------------------------------------------------------

def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]  # nearest rank


def kind_rows(recorder, elapsed):
    rows = []
    for kind in sorted(recorder.samples):
        samples = recorder.samples[kind]
        latencies = [seconds * 1000 for _status, seconds in samples]
        rows.append((kind, len(samples), len(samples) / elapsed, percentile(latencies, 50), percentile(latencies, 99),
                     sum(1 for status, _ in samples if status >= 500),
                     sum(1 for status, _ in samples if not 200 <= status < 400 and status < 500)))
    return rows


def print_table(rows, walks, elapsed):
    print(f"{'kind':28} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'5xx':>5} {'other err':>9}")
    for kind, count, rate, p50, p99, server_errors, other in rows:
        print(f"{kind:28} {count:>8} {rate:>7.2f} {p50:>8.1f} {p99:>8.1f} {server_errors:>5} {other:>9}")
    total = sum(row[1] for row in rows)
    print(f"{'all requests':28} {total:>8} {total / elapsed:>7.2f} {'':>8} {'':>8} "
          f"{sum(row[5] for row in rows):>5} {sum(row[6] for row in rows):>9}")
    seconds = [w["seconds"] * 1000 for w in walks]
    print(f"{'submission (whole walk)':28} {len(walks):>8} {len(walks) / elapsed:>7.2f} {percentile(seconds, 50):>8.1f} "
          f"{percentile(seconds, 99):>8.1f} {'-':>5} {sum(1 for w in walks if not w['ok']):>9}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=300, help="seconds of soak (default 300)")
    parser.add_argument("--warmup", type=int, default=30, help="seconds of the same mixed load first (default 30)")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds before each RSS reading (default 5)")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"gunicorn workers (default {WORKERS})")
    parser.add_argument("--max-requests", type=int, default=0,
                        help="gunicorn --max-requests (default 0: no recycling, so growth shows)")
    parser.add_argument("--page-rate", type=float, default=20.0, help="page views a second through nginx")
    parser.add_argument("--search-rate", type=float, default=4.0, help="searches a second")
    parser.add_argument("--page-threads", type=int, default=2)
    parser.add_argument("--search-threads", type=int, default=2)
    parser.add_argument("--form-threads", type=int, default=6, help="concurrent form walks at most")
    args = parser.parse_args()
    if not nginx_conf.available():
        sys.exit("needs Debian's nginx: apt-get install nginx")
    if not 1 <= args.duration <= 3600 or not 0 <= args.warmup <= 600:
        sys.exit("--duration 1..3600, --warmup 0..600")

    def terminate(signum, frame):  # kill <pid>: the same clean-up as Ctrl-C
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, also when started in the background

    run_id = uuid.uuid4().hex[:8]
    started = datetime.datetime.now(datetime.timezone.utc)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    gunicorn_args = ["--max-requests", str(args.max_requests)] if args.max_requests else []
    print(f"soak {run_id}: {started:%Y-%m-%d %H:%M} UTC, commit {commit}; setting up (migrate, load_demo, "
          "collectstatic)…", flush=True)
    try:
        with ProductionStack(workers=args.workers, nginx_workers=2, temp_db=True, gunicorn_args=gunicorn_args,
                             env_extra=ENV_EXTRA, prefix="soak-") as stack:
            pages = discover_pages(stack)
            queries = search_queries()
            print("pages: " + ", ".join(f"{kind} {len(paths)}" for kind, paths in sorted(pages.items()))
                  + f"; search queries: {len(queries)} (ru {sum(1 for q in queries if q[0] == 'ru')}, "
                  f"en {sum(1 for q in queries if q[0] == 'en')})", flush=True)
            primed = prime(stack, pages, queries, args.workers)
            warm = Load(stack, pages, queries, run_id, "warm", args)
            if args.warmup:
                print(f"warming up: {sum(len(s) for s in primed.samples.values())} priming requests, "
                      f"then {args.warmup} s of the mixed load…", flush=True)
                warm.run(args.warmup)
            time.sleep(args.settle)
            master = stack.gunicorn.pid
            rss_before = worker_rss(master)
            cases_before = count_cases(stack)

            soak = Load(stack, pages, queries, run_id, "soak", args)
            print(f"soak: {args.duration} s; pages {args.page_rate:g}/s through nginx, searches "
                  f"{args.search_rate:g}/s (half app, half nginx), 1 form submission/s through nginx…", flush=True)
            soak.run(args.duration)
            time.sleep(args.settle)
            rss_after = worker_rss(master)
            walks = sorted(soak.submissions, key=lambda w: w["marker"])
            db = stored_cases(stack, soak.prefix, [w["token"] for w in walks if w["token"]])
            nginx_log = stack.nginx.prefix / "error.log"
            upstream_errors = sum(1 for line in nginx_log.read_text(errors="replace").splitlines()
                                  if "upstream" in line) if nginx_log.exists() else 0
            ok = report(args, soak, walks, db, cases_before, rss_before, rss_after, upstream_errors, warm, primed)
    except KeyboardInterrupt:
        print("interrupted: processes stopped, temporary files removed", file=sys.stderr)
        sys.exit(130)
    sys.exit(0 if ok else 1)


def report(args, soak, walks, db, cases_before, rss_before, rss_after, upstream_errors, warm, primed):
    print()
    print(f"== soak: {args.duration} s (+{soak.elapsed - args.duration:.0f} s for the last walks to finish), "
          f"gunicorn {args.workers} workers (production settings) behind nginx (page cache), "
          "SQLite (temporary, demo content) ==")
    rows = kind_rows(soak.recorder, args.duration)  # rates over the soak's duration
    print_table(rows, walks, args.duration)
    server_errors = sum(row[5] for row in rows)
    if soak.recorder.errors:
        print("errors (kind, what, count):")
        for (kind, what), count in soak.recorder.errors.most_common(10):
            print(f"  {kind:28} {what:30} {count}")
    for w in [w for w in walks if w["error"]][:5]:
        print(f"  failed submission {w['marker']}: {w['error']}")
    warm_5xx = sum(1 for samples in list(warm.recorder.samples.values()) + list(primed.samples.values())
                   for status, _ in samples if status >= 500)
    print(f"warm-up: 5xx {warm_5xx}; nginx error.log lines about the upstream: {upstream_errors}")

    cases = db["cases"]
    started = len(walks)
    completed = sum(1 for w in walks if w["ok"])
    stored = sum(1 for w in walks if w["marker"] in cases)
    duplicates = sum(1 for w in walks if len(cases.get(w["marker"], [])) > 1)
    lost = sum(1 for w in walks if w["ok"] and w["marker"] not in cases)
    wrong_ref = sum(1 for w in walks if w["ok"] and w["marker"] in cases
                    and [w["reference"], w["token"]] not in cases[w["marker"]])
    new_cases = db["total"] - cases_before
    max_lag = max((w["lag"] for w in walks), default=0.0)
    print()
    print(f"submissions (1/s): scheduled {int(args.duration)}, started {started}, completed {completed}, "
          f"failed {started - completed}, stored {stored} (by token {db['by_token']}), lost {lost}, "
          f"duplicates {duplicates}, reference mismatches {wrong_ref}; new cases in the database {new_cases}; "
          f"latest start {max_lag * 1000:.0f} ms behind schedule")

    print()
    print(f"{'worker pid':>10} {'RSS before MiB':>15} {'RSS after MiB':>14} {'growth':>8}")
    growths = []
    for pid in sorted(set(rss_before) | set(rss_after)):
        before, after = rss_before.get(pid), rss_after.get(pid)
        if before and after:
            growth = (after - before) / before * 100
            growths.append(growth)
            print(f"{pid:>10} {before / 1024:>15.1f} {after / 1024:>14.1f} {growth:>+7.1f}%")
        else:
            print(f"{pid:>10} {before / 1024 if before else float('nan'):>15.1f} "
                  f"{after / 1024 if after else float('nan'):>14.1f} {'replaced':>8}")
    total_before, total_after = sum(rss_before.values()), sum(rss_after.values())
    if total_before:
        print(f"{'all':>10} {total_before / 1024:>15.1f} {total_after / 1024:>14.1f} "
              f"{(total_after - total_before) / total_before * 100:>+7.1f}%")
    replaced = len(set(rss_before) ^ set(rss_after))

    criteria = [
        (f"zero 5xx ({server_errors} in {sum(row[1] for row in rows)} requests)", server_errors == 0),
        (f"zero lost cases ({started} sent, {completed} completed, {stored} stored once, {lost} lost)",
         started == int(args.duration) and completed == started == stored == new_cases
         and lost == 0 and duplicates == 0 and wrong_ref == 0),
        (f"worker RSS within {MEMORY_GROWTH_LIMIT:.0f}% of before (max {max(growths, default=float('nan')):+.1f}%"
         + (f", {replaced // 2 or replaced} worker(s) replaced" if replaced else "") + ")",
         bool(growths) and max(growths) <= MEMORY_GROWTH_LIMIT and (not replaced or args.max_requests > 0)),
    ]
    print()
    for label, passed in criteria:
        print(f"{'PASS' if passed else 'FAIL'}  {label}")
    ok = all(passed for _label, passed in criteria)
    print(f"soak {'PASSED' if ok else 'FAILED'}")
    return ok


if __name__ == "__main__":
    main()
