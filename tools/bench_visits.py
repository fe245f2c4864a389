#!/usr/bin/env python
"""Load run of visit booking over HTTP; prints figures.

    .venv/bin/python tools/bench_visits.py                 # SQLite file in a temporary folder
    DATABASE_URL=postgres://... .venv/bin/python tools/bench_visits.py   # a scratch database on that server

A centre with 50 slots of 4 places on one day (200 places); gunicorn (3 workers × 4 threads)
on a loopback port; 20 concurrent clients, each with its own cookies, load the time page
(CSRF token and the free times shown), pick a shown time at random and post a booking; a
client told the time was just taken takes another shown time. They stop when 200 bookings are
made or no free time is left.

Prints: booked, refused as full (lost races, retried), over-capacity slots (must be 0),
slot counters out of step with the bookings (must be 0), errors (must be 0), time and rate.
Issue 18's target: 200 booked only if capacity allows, none over capacity, no errors.
"""
import datetime
import os
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

CLIENTS, BOOKINGS, SLOTS, PLACES, SLOT_MINUTES = 20, 200, 50, 4, 10
DAY_FULL = "свободного времени не осталось"  # the day's last place was taken: the client stops


def main():
    from tests.server_process import ScratchDatabase, gunicorn, server_env

    work = Path(tempfile.mkdtemp(prefix="bench_visits_"))
    with ScratchDatabase(work) as database:
        # All 20 clients come from 127.0.0.1: the per-address booking limit is lifted for the run
        # (it is tested in tests/visits/test_booking.py); this measures the capacity guard.
        env = server_env(work, database, VISITS_RATE_LIMIT="1000000/3600")
        os.environ.update({key: env[key] for key in ("DATABASE_URL", "VAR_DIR")})
        os.environ["DJANGO_SETTINGS_MODULE"] = "singlewindow.settings.test"
        import django
        django.setup()
        from django.core.management import call_command
        call_command("migrate", "--noinput", verbosity=0)
        centre, day = build_centre()
        with gunicorn(env) as base:
            figures = run(base, centre, day)
        figures.update(check(centre))
        from django.db import connections
        connections.close_all()
    print_figures(figures)
    return 0 if figures["over_capacity"] == 0 and figures["errors"] == 0 and figures["out_of_step"] == 0 else 1


def build_centre():
    """A centre open every day 9:00 to 17:20: 50 ten-minute slots; the first day, two or more
    days ahead, that is neither a holiday nor shortened before one."""
    from cases.models import CalendarDay
    from tests import factories as f
    from visits.models import VisitSettings
    from visits.rules import slots as slot_rules

    home = f.make_site()
    index = f.ServiceCentreIndexPageFactory(parent=home)
    centre = f.ServiceCentrePageFactory(parent=index, services="Консультация")
    closes = (datetime.datetime(2000, 1, 1, 9) + datetime.timedelta(minutes=SLOTS * SLOT_MINUTES)).time()
    for weekday in range(7):
        f.OpeningHoursFactory(page=centre, weekday=weekday, opens=datetime.time(9), closes=closes)
    VisitSettings.objects.create(centre=centre, slot_minutes=SLOT_MINUTES, places_per_slot=PLACES,
                                 horizon_days=30, min_notice_minutes=0)
    calendar = CalendarDay.calendar()
    rows = list(centre.opening_hours.all())
    day = datetime.date.today() + datetime.timedelta(days=2)
    while len(slot_rules.day_slots(rows, day, calendar, SLOT_MINUTES)) != SLOTS:
        day += datetime.timedelta(days=1)
    return centre, day


def run(base, centre, day):
    import requests

    url = f"{base}/ru/visits/centre/{centre.pk}/time/?service=0&day={day.isoformat()}"
    lock = threading.Lock()
    state = {"booked": 0, "full": 0, "day_full": 0, "errors": 0, "requests": 0, "error_samples": []}

    def record(key, sample=None):
        with lock:
            state[key] += 1
            if sample and len(state["error_samples"]) < 5:
                state["error_samples"].append(sample)

    def free_times(html):
        return re.findall(r'name="slot" value="([^"]+)"', html)

    def client(number):
        session = requests.Session()
        rng = random.Random(number)
        html = None
        while True:
            with lock:
                if state["booked"] >= BOOKINGS:
                    return
            try:
                if html is None:
                    page = session.get(url, timeout=60)
                    record("requests")
                    if page.status_code == 400 and DAY_FULL in page.text:
                        record("day_full")
                        return
                    if page.status_code != 200:
                        record("errors", f"GET {page.status_code}")
                        return
                    html = page.text
                times = free_times(html)
                if not times:
                    return
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
                response = session.post(url, data={
                    "csrfmiddlewaretoken": token, "slot": rng.choice(times), "name": f"Клиент {number}",
                    "phone": "8 911 555-12-34", "email": f"client{number}@example.invalid", "consent": "on",
                }, allow_redirects=False, timeout=60)
                record("requests")
            except Exception as error:  # counted as an error, the run goes on
                record("errors", repr(error)[:200])
                html = None
                continue
            if response.status_code == 302:
                record("booked")
                html = None
            elif response.status_code == 400 and "только что заняли" in response.text:
                record("full")
                html = response.text  # the fresh list of free times
            elif response.status_code == 400 and DAY_FULL in response.text:
                record("day_full")  # the whole day was taken meanwhile
                return
            else:
                record("errors", f"POST {response.status_code} {_message(response.text)}")
                html = None

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state["seconds"] = time.perf_counter() - started
    return state


def _message(html):
    match = re.search(r'class="error-message"[^>]*>(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()[:120] if match else ""


def check(centre):
    from django.db.models import Count, Q

    from visits.models import Booking, VisitSlot
    slots = VisitSlot.objects.filter(centre=centre).annotate(
        active=Count("bookings", filter=Q(bookings__status=Booking.ACTIVE)))
    return {
        "slots_used": slots.count(),
        "db_booked": Booking.objects.filter(centre=centre, status=Booking.ACTIVE).count(),
        "over_capacity": sum(1 for s in slots if s.booked > PLACES or s.active > PLACES),
        "out_of_step": sum(1 for s in slots if s.booked != s.active),
    }


def print_figures(figures):
    from django.db import connection
    print(f"database: {connection.vendor}; {CLIENTS} concurrent clients, {SLOTS} slots x {PLACES} places, "
          f"target {BOOKINGS} bookings")
    print(f"booked (HTTP 302): {figures['booked']}")
    print(f"booked (in the database): {figures['db_booked']} in {figures['slots_used']} slots")
    print(f"refused as just taken (retried): {figures['full']}; clients stopped as the day filled: {figures['day_full']}")
    print(f"over-capacity slots: {figures['over_capacity']}")
    print(f"slot counters out of step with bookings: {figures['out_of_step']}")
    print(f"errors: {figures['errors']}" + (f" {figures['error_samples']}" if figures["error_samples"] else ""))
    print(f"requests: {figures['requests']}; time: {figures['seconds']:.1f} s; "
          f"{figures['booked'] / figures['seconds']:.1f} bookings/s")


if __name__ == "__main__":
    sys.exit(main())
