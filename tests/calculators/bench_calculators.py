"""Benchmark (not collected by default): run with
   .venv/bin/pytest tests/calculators/bench_calculators.py -q -s -p no:logging
Prints the server time of each calculation (rules alone, and the whole request) and writes the
rendered pages to /tmp/calculators-html/ for the HTML checker and axe."""
import pathlib
import statistics
import time
from urllib.parse import urlencode

import pytest
from django.utils import translation

from calculators import data
from calculators.rules import bill, connection_fee, eligibility
from tests.calculators.test_views import BENEFITS, BILL, FEE

pytestmark = pytest.mark.django_db
OUT = pathlib.Path("/tmp/calculators-html")


def timed(fn, runs=200):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def test_benchmark(client, fee_page, tariff_page, subsidy_page):
    import datetime
    from decimal import Decimal as D
    on = datetime.date(2026, 3, 1)
    _page, categories, standard, preferential, _deadlines = data.connection_source()
    _pages, records, _shares = data.tariff_source()
    benefits = data.benefits()
    request = connection_fee.ConnectionRequest("household", D(15), "0.4", D(300), "town")
    consumption = bill.Consumption.from_three_zones(D(100), D(200), D(100))
    household = eligibility.Household(1, D(20000), D(5000), True)
    rules = {
        "connection fee rule": lambda: connection_fee.calculate_connection_fee(
            request, categories, standard, preferential, on=on),
        "bill rule": lambda: bill.estimate_bill("urban_gas", consumption, records, on=on),
        "eligibility rule": lambda: eligibility.check_eligibility(household, benefits, on=on),
        "fee data load (3 queries)": data.connection_source,
        "tariff data load": data.tariff_source,
        "benefit data load": data.benefits,
    }
    print()
    for name, fn in rules.items():
        median, p95 = timed(fn)
        print(f"{name:34s} median {median:6.2f} ms   p95 {p95:6.2f} ms")
    OUT.mkdir(exist_ok=True)
    pages = {"fee": ("connection-fee", FEE), "bill": ("bill", BILL), "benefits": ("benefits", BENEFITS)}
    for lang in ("ru", "en"):
        for name, (path, params) in pages.items():
            url = f"/{lang}/calculators/{path}/?{urlencode(params)}"
            durations, calc = [], []
            for _ in range(30):
                start = time.perf_counter()
                response = client.get(url)
                durations.append((time.perf_counter() - start) * 1000)
                calc.append(float(response["Server-Timing"].split("dur=")[1]))
            translation.activate("ru")
            durations.sort()
            calc.sort()
            print(f"{lang} {name:9s} whole request median {statistics.median(durations):6.2f} ms, "
                  f"calculation median {statistics.median(calc):5.2f} ms (max {calc[-1]:5.2f})")
            (OUT / f"{name}-{lang}.html").write_bytes(response.content)
            errors = client.get(f"/{lang}/calculators/{path}/?calculate=1&date=31.02.2026")
            translation.activate("ru")
            (OUT / f"{name}-{lang}-errors.html").write_bytes(errors.content)
        (OUT / f"index-{lang}.html").write_bytes(client.get(f"/{lang}/calculators/").content)
        translation.activate("ru")
