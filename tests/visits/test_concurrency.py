"""The last place taken by many clients at once, in real threads against a real database.

PostgreSQL (DATABASE_URL set, as in .ci/run): each thread has its own connection and
transaction; the conditional UPDATE makes all but one wait on the row lock and then find the
slot full. SQLite's test database is in memory and shared-cache, where threads fail with
"table is locked" rather than wait, so there the race is run one after the other
(test_booking.py) and under load by tools/bench_visits.py against a file database.
"""
import threading

import pytest
from django.db import connection
from django.test import Client

from tests.server_process import on_postgresql
from tests.visits.conftest import MONDAY
from tests.visits.helpers import book
from visits.models import Booking, VisitSlot

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not on_postgresql(), reason="threads need PostgreSQL (DATABASE_URL)")]
CLIENTS = 8


def run_at_once(work):
    barrier = threading.Barrier(CLIENTS)
    results, errors = [None] * CLIENTS, []

    def worker(index):
        from django.db import connections
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # recorded, the test fails on it below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results, errors


def test_the_last_place_through_the_pages(centre, visit_settings):
    assert connection.vendor == "postgresql"
    visit_settings.places_per_slot = 1
    visit_settings.save()

    def work(index):
        response = book(Client(), centre, MONDAY, time="11:00", name=f"Клиент {index}")
        return response.status_code, response.content.decode()

    results, errors = run_at_once(work)
    assert errors == []
    statuses = sorted(status for status, _html in results)
    assert statuses == [302] + [400] * (CLIENTS - 1)
    for status, html in results:
        if status == 400:
            assert "Это время только что заняли" in html
    assert Booking.objects.count() == 1 and VisitSlot.objects.get().booked == 1


def test_the_database_guard_past_the_form_check(centre, visit_settings):
    """Every thread calls the booking service itself at once, for 3 places: exactly 3 win."""
    from visits import services
    visit_settings.places_per_slot = 3
    visit_settings.save()

    def work(index):
        try:
            services.book(centre, f"{MONDAY}T12:00", service="Консультация", name=f"Клиент {index}",
                          email=f"c{index}@example.invalid")
        except services.SlotFull:
            return "full"
        return "booked"

    results, errors = run_at_once(work)
    assert errors == []
    assert results.count("booked") == 3 and results.count("full") == CLIENTS - 3
    assert VisitSlot.objects.get().booked == 3 == Booking.objects.count()


def test_moves_in_opposite_directions_at_once_neither_deadlock_nor_lose_a_place(centre, visit_settings):
    """Half the threads move their booking from 11:00 to 12:00, the other half from 12:00 to
    11:00, all at once: the slot rows are locked in one order, so none fails."""
    from visits import services
    visit_settings.places_per_slot = CLIENTS
    visit_settings.save()
    times = ["11:00" if i % 2 == 0 else "12:00" for i in range(CLIENTS)]
    bookings = [services.book(centre, f"{MONDAY}T{t}", service="Консультация", name=f"Клиент {i}")
                for i, t in enumerate(times)]

    def work(index):
        target = "12:00" if times[index] == "11:00" else "11:00"
        services.move(bookings[index], f"{MONDAY}T{target}")
        return "moved"

    results, errors = run_at_once(work)
    assert errors == [] and results == ["moved"] * CLIENTS
    counts = {slot.starts_at: slot.booked for slot in VisitSlot.objects.all()}
    assert sorted(counts.values()) == [CLIENTS // 2, CLIENTS // 2]
    for slot in VisitSlot.objects.all():
        assert slot.booked == slot.bookings.filter(status=Booking.ACTIVE).count()
