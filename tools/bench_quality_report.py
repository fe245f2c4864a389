#!/usr/bin/env python
"""Server time of the public service-quality report with 100,000 cases; prints figures, asserts nothing.

    .venv/bin/python tools/bench_quality_report.py               # SQLite under /tmp/qualitybench
    .venv/bin/python tools/bench_quality_report.py --cases 20000 --reuse
    DATABASE_URL=postgres://... .venv/bin/python tools/bench_quality_report.py

Cases are spread over the two years before today (random channel, type, due date; about 70 %
answered by a reply event, a third of those rated), plus 20,000 page votes. Printed: the page
/ru/service-quality/ (the last complete quarter, then a year) through the test client with the
cache cleared before each request ("cold") and kept ("warm"), and the SQL queries of a cold request.
Aim (issue 19): under 300 ms cold. It never uses var/db.sqlite3 unless VAR_DIR says so.
"""
import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "singlewindow.settings.dev")
os.environ["DEBUG"] = "0"
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("VAR_DIR", "/tmp/qualitybench")
    Path(os.environ["VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
import logging  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


def fill(count):
    from cases.models import Case, CaseEvent, Unit
    from cases.request_types import REQUEST_TYPE_CHOICES
    from feedback.models import PageFeedback
    from wagtail.models import Page

    if Case.objects.count() >= count:
        return False
    CaseEvent.objects.all().delete()
    Case.objects.all().delete()
    PageFeedback.objects.all().delete()
    rnd = random.Random(19)
    unit = Unit.objects.first() or Unit.objects.create(code="bench", name="Bench")
    types = [code for code, _label in REQUEST_TYPE_CHOICES]
    channels = [Case.WEB] * 5 + [Case.PHONE] * 3 + [Case.VISIT] + [Case.LETTER]
    now = timezone.now()
    span = 730 * 24 * 3600
    batch, events = [], []
    started = time.monotonic()
    for i in range(count):
        created = now - datetime.timedelta(seconds=rnd.randrange(span))
        answered = rnd.random() < 0.7
        batch.append(Case(
            reference=f"B{i:09d}", access_code=f"{i:012d}", request_type=rnd.choice(types),
            channel=rnd.choice(channels), unit=unit, applicant_name="x", message="x",
            created_at=created, due_date=(created + datetime.timedelta(days=30)).date(),
            status=Case.ANSWERED if answered else Case.IN_PROGRESS,
            rating_satisfied=(rnd.random() < 0.75) if answered and rnd.random() < 0.33 else None,
            forwarded_at=created if rnd.random() < 0.1 else None))
        if len(batch) == 5000:
            _flush(batch, events, rnd, CaseEvent)
    _flush(batch, events, rnd, CaseEvent)
    page = Page.objects.filter(depth__gte=1).first()
    PageFeedback.objects.bulk_create([
        PageFeedback(page=page, useful=rnd.random() < 0.8,
                     created_on=(now - datetime.timedelta(days=rnd.randrange(730))).date()) for _i in range(20000)])
    print(f"filled {count} cases, their events and 20000 votes in {time.monotonic() - started:.1f} s")
    return True


def _flush(batch, events, rnd, CaseEvent):
    from cases.models import Case

    Case.objects.bulk_create(batch)
    saved = Case.objects.filter(reference__in=[c.reference for c in batch]).values_list("pk", "created_at", "status")
    for pk, created, status in saved:
        events.append(CaseEvent(case_id=pk, kind=CaseEvent.CREATED, created_at=created))
        if status == Case.ANSWERED:
            events.append(CaseEvent(case_id=pk, kind=CaseEvent.REPLY,
                                    created_at=created + datetime.timedelta(hours=rnd.randrange(1, 50 * 24))))
    CaseEvent.objects.bulk_create(events)
    batch.clear()
    events.clear()


CPU = []  # process CPU ms of each timed request: with SQLite (in process) it is the server's work,
# unaffected by other load on the machine; with PostgreSQL the database's share is not in it.


def timed(client, url, cold, runs):
    times = []
    del CPU[:]
    for _i in range(runs):
        if cold:
            cache.clear()
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep the cases of an earlier run of the same size")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    call_command("migrate", "--noinput", verbosity=0)
    from django.conf import settings
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    if not fill(args.cases) and not args.reuse:
        print("(cases already there: reused)")
    from cases.models import Case
    from quality.rules import periods
    print(f"cases in the database: {Case.objects.count()}")
    client = Client(HTTP_HOST="127.0.0.1")
    today = timezone.localdate()
    for label, period in (("last complete quarter", periods.last_complete(today)),
                          ("last complete year", periods.last_complete(today, periods.YEAR))):
        url = f"/ru/service-quality/?period={period.slug}"
        client.get(url)  # templates and URL resolver warmed; the figures' cache is what "cold" clears
        cold = timed(client, url, True, args.runs)
        cold_cpu = list(CPU)
        warm = timed(client, url, False, args.runs)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries.captured_queries)
        in_period = Case.objects.filter(created_at__date__gte=period.start, created_at__date__lt=period.end).count()
        print(f"{label} {period.slug} ({in_period} cases, plus the period before): cold median "
              f"{statistics.median(cold):.0f} ms (max {max(cold):.0f}; CPU median {statistics.median(cold_cpu):.0f} ms), warm median {statistics.median(warm):.0f} ms, "
              f"{count} SQL queries cold")
        for fmt in ("csv", "json"):
            t = timed(client, f"/ru/service-quality/data.{fmt}?period={period.slug}", True, 3)
            print(f"  data.{fmt} cold median {statistics.median(t):.0f} ms (CPU {statistics.median(CPU):.0f} ms)")
    reset_queries()
    print("aim: under 300 ms with the cache cold")


if __name__ == "__main__":
    main()
