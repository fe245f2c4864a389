#!/usr/bin/env python
"""Server-side speed and memory of key pages: p50/p95 over N requests and SQL queries per page.

Run: .venv/bin/python tools/benchmark.py [--requests 200]
It uses the SQLite database under var/ (or DATABASE_URL), loading the demo content first if the
site has none. Figures are printed, not asserted: targets are <=25 queries and p95 < 100 ms.
"""
import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "singlewindow.settings.dev")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402


def target_urls():
    from cms_pages.models import HomePage, ServiceCentreIndexPage, TariffPage

    urls = {}
    for label, model in (("home", HomePage), ("tariff page", TariffPage), ("directory", ServiceCentreIndexPage)):
        page = model.objects.live().first()
        if page:
            for lang in ("ru", "en"):
                with translation.override(lang):
                    urls[f"{label} ({lang})"] = page.url
    urls["search (ru)"] = "/ru/search/?q=ночной+тариф"
    urls["request form (ru)"] = "/ru/requests/new/"
    urls["connection calculator (ru)"] = "/ru/calculators/"
    return urls


def measure(client, url, n):
    client.get(url)  # warm caches and templates
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(url)
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return response.status_code, len(queries), statistics.median(timings), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    call_command("migrate", "--noinput", verbosity=0)
    from cms_pages.models import HomePage

    if not HomePage.objects.live().exists():
        call_command("load_demo", verbosity=0)

    client = Client(HTTP_HOST="localhost")
    print(f"{'page':32} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for label, url in target_urls().items():
        status, queries, p50, p95 = measure(client, url, args.requests)
        print(f"{label:32} {status:>6} {queries:>7} {p50:>8.1f} {p95:>8.1f}")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss_mb:.0f} MB ({args.requests} requests per page)")


if __name__ == "__main__":
    main()
