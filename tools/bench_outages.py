#!/usr/bin/env python
"""Benchmark of the outage registry; prints figures.

    .venv/bin/python tools/bench_outages.py            # SQLite file in a temporary folder
    DATABASE_URL=postgres://... .venv/bin/python tools/bench_outages.py   # a real (empty, disposable) database

Measures: address lookup (outages_for_address, check_address, the search answer) over
5,000 streets and 2,000 outages, p50/p95 in ms; CSV import of 10,000 rows (preview + commit), s.
Targets from issue 8: lookup p95 < 30 ms, import < 30 s.
"""
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "singlewindow.settings.test")
if "DATABASE_URL" not in os.environ and "VAR_DIR" not in os.environ:
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench_outages_")  # set VAR_DIR to reuse a built database

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
import logging  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

SETTLEMENTS, STREETS, OUTAGES, LOOKUPS, CSV_ROWS = 50, 5000, 2000, 1000, 10_000
NAMES = ["Ленина", "Мира", "Советская", "Набережная", "Лесная", "Школьная", "Садовая", "Заречная", "Гагарина",
         "Пушкина", "Кирова", "Ломоносова", "Строителей", "Труда", "Победы", "Первомайская", "Северная", "Речная",
         "Полевая", "Молодёжная"]
TYPES = ["ул.", "пр-т", "пер.", "наб.", "ш."]
SPELL = {"ул.": ["улица", "ул", "УЛ."], "пр-т": ["проспект", "просп."], "пер.": ["переулок", "пер"],
         "наб.": ["набережная", "наб"], "ш.": ["шоссе", "ш"]}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def build_registry():
    from outages.models import NetworkDistrict, Outage, OutageLocation, Settlement, Street
    from outages import addresses

    if NetworkDistrict.objects.filter(code="bench").exists():  # a reused database: already built
        return list(Street.objects.select_related("settlement"))
    district = NetworkDistrict.objects.create(code="bench", name="РЭС", name_ru="РЭС", phone="0")
    settlements = []
    for i in range(SETTLEMENTS):
        s = Settlement(name=f"Посёлок{i}", name_ru=f"Посёлок{i}", slug=f"p{i}", network_district=district)
        s.save()
        settlements.append(s)
    streets = []
    per = STREETS // SETTLEMENTS
    for s in settlements:
        for j in range(per):
            name = f"{TYPES[j % len(TYPES)]} {NAMES[j % len(NAMES)]}{'' if j < len(NAMES) else j}"
            street_type, key = addresses.street_key(name)
            streets.append(Street(settlement=s, name=name, name_ru=name, street_type=street_type, key=key))
    Street.objects.bulk_create(streets, batch_size=1000)
    streets = list(Street.objects.select_related("settlement"))
    rnd = random.Random(8)
    now = timezone.now()
    outages = []
    for i in range(OUTAGES):
        start = now + datetime.timedelta(hours=rnd.randint(-48, 240))
        outages.append(Outage(kind="planned", status="announced", starts_at=start,
                              ends_at=start + datetime.timedelta(hours=rnd.randint(2, 10)),
                              reason="Работы", reason_ru="Работы", network_district=district, external_id=f"X{i}"))
    Outage.objects.bulk_create(outages, batch_size=500)
    locations = []
    for outage in Outage.objects.all():
        for k in range(rnd.randint(1, 3)):
            street = rnd.choice(streets)
            houses = rnd.choice(["", "1-15 нечётные", "2-30 чётные", "1-50"])
            locations.append(OutageLocation(outage=outage, settlement_id=street.settlement_id, street=street,
                                            houses=houses, sort_order=k))
    OutageLocation.objects.bulk_create(locations, batch_size=1000)
    return streets


def respell(street_name):
    street_type, rest = street_name.split(" ", 1)
    variant = random.choice(SPELL[street_type] + [street_type])
    return random.choice([f"{variant} {rest}", f"{rest} {variant}", rest.upper()]).replace("ё", "е")


def bench_lookup(streets):
    from outages import lookup

    rnd = random.Random(1)
    results = {}
    for name, call in [
        ("outages_for_address", lambda s: lookup.outages_for_address(f"г. {s.settlement.name}", respell(s.name),
                                                                     str(rnd.randint(1, 60)))),
        ("check_address (public page)", lambda s: lookup.check_address(s.settlement.name, respell(s.name),
                                                                       str(rnd.randint(1, 60)))),
        ("current_outages_matching (search)", lambda s: lookup.current_outages_matching(
            f"нет света {s.settlement.name} {respell(s.name)}", "ru")),
    ]:
        wall, cpu = [], []
        for _ in range(LOOKUPS):
            street = rnd.choice(streets)
            t0, c0 = time.perf_counter(), time.process_time()
            call(street)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        results[name] = (percentile(wall, 50), percentile(wall, 95), percentile(cpu, 95))
    return results


def bench_import(streets):
    from outages import importer
    from outages.models import ImportBatch

    from outages.models import Outage

    Outage.objects.filter(external_id__startswith="IMP-").delete()  # a reused database
    rnd = random.Random(2)
    day = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d.%m.%Y")
    lines = ["номер;населённый пункт;улица;дома;начало;окончание;вид;причина;рэс"]
    for i in range(CSV_ROWS):
        street = rnd.choice(streets)
        lines.append(f"IMP-{i // 2};г. {street.settlement.name};{respell(street.name)};"
                     f"{rnd.choice(['', '1-15 нечётные', '2-20 чётные'])};{day} 09:00;{day} 17:00;плановое;"
                     f"Замена опор;bench")
    data = ("\n".join(lines) + "\n").encode("cp1251")
    t0, c0 = time.perf_counter(), time.process_time()
    text, encoding = importer.decode(data)
    plan = importer.build_plan(text, encoding)
    preview_s = time.perf_counter() - t0
    assert plan.ok, plan.errors[:5]
    batch = ImportBatch.objects.create(filename="bench.csv", content=text, encoding=encoding, delimiter=";")
    t1 = time.perf_counter()
    plan = importer.commit(batch)
    commit_s = time.perf_counter() - t1
    return len(data), preview_s, commit_s, plan.count("new"), time.process_time() - c0


def main():
    logging.disable(logging.INFO)
    from django.db import connection

    t0 = time.perf_counter()
    call_command("migrate", "--noinput", verbosity=0)
    migrate_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    streets = build_registry()
    print(f"database: {connection.vendor}; migrate {migrate_s:.1f} s; registry of {len(streets)} streets, "
          f"{OUTAGES} outages built in {time.perf_counter() - t0:.1f} s")
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(wall time suffers when the machine is shared; CPU time is this process's own work)")
    for name, (p50, p95, cpu95) in bench_lookup(streets).items():
        verdict = "OK" if p95 < 30 else "OVER TARGET"
        print(f"lookup {name}: {LOOKUPS} queries, wall p50 {p50:.2f} ms, wall p95 {p95:.2f} ms "
              f"(target p95 < 30 ms: {verdict}); CPU p95 {cpu95:.2f} ms")
    size, preview_s, commit_s, created, cpu_s = bench_import(streets)
    total = preview_s + commit_s
    verdict = "OK" if total < 30 else "OVER TARGET"
    print(f"CSV import: {CSV_ROWS} rows, {size / 1024 / 1024:.1f} MB cp1251, {created} outages; preview {preview_s:.1f} s, "
          f"commit (re-check + write) {commit_s:.1f} s, total {total:.1f} s (target < 30 s: {verdict}); CPU {cpu_s:.1f} s")


if __name__ == "__main__":
    main()
