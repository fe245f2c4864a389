#!/usr/bin/env python
"""Reliability check: N cases from C concurrent clients against a running server.

Each client has its own cookies and walks the whole form (type → details → contact → check →
submit), like a person. Afterwards the database must hold exactly N new cases with N distinct
reference numbers, and no request may have failed.

    # terminal 1: a fresh SQLite database and a server with the rate limit lifted
    export VAR_DIR=/tmp/loadtest DJANGO_SETTINGS_MODULE=singlewindow.settings.dev DEBUG=0 \
           CASES_RATE_LIMIT=100000/60
    .venv/bin/python manage.py migrate --noinput
    cd site && ../.venv/bin/gunicorn singlewindow.wsgi -w 4 --threads 4 -b 127.0.0.1:8765
    # terminal 2 (same VAR_DIR / DATABASE_URL so the check reads the same database)
    .venv/bin/python tests/cases/load_intake.py --url http://127.0.0.1:8765 --cases 500 --clients 20
"""
import argparse
import os
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
TOKEN_RE = re.compile(r'name="token" value="([0-9a-f]+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def one_case(base, session, number):
    def post(path, data, expect):
        page = session.get(base + path, timeout=60)
        assert page.status_code == 200, (path, page.status_code)
        data = {**data, "csrfmiddlewaretoken": CSRF_RE.search(page.text).group(1)}
        response = session.post(base + path, data=data, allow_redirects=False, timeout=60)
        assert response.status_code == 302 and response.headers["Location"].startswith(expect), \
            (path, response.status_code, response.headers.get("Location"))
        return page

    post("/ru/requests/new/", {"request_type": "supply_quality"}, "/ru/requests/new/details/")
    post("/ru/requests/new/details/", {"site_address": f"ул. Нагрузочная, {number}",
                                       "message": f"Проверка надёжности {number}"}, "/ru/requests/new/contact/")
    post("/ru/requests/new/contact/", {"applicant_name": f"Клиент {number}", "email": f"c{number}@example.ru",
                                       "phone": "", "postal_address": "", "consent": "on", "website": ""},
         "/ru/requests/new/check/")
    page = session.get(base + "/ru/requests/new/check/", timeout=60)
    token = TOKEN_RE.search(page.text).group(1)
    csrf = CSRF_RE.search(page.text).group(1)
    response = session.post(base + "/ru/requests/new/check/", data={"token": token, "csrfmiddlewaretoken": csrf},
                            allow_redirects=False, timeout=60)
    assert response.status_code == 302 and response.headers["Location"] == "/ru/requests/new/done/", \
        ("submit", response.status_code)
    done = session.get(base + "/ru/requests/new/done/", timeout=60)
    return re.search(r"ЕО-\d{4}-[0-9A-Z]{5}", done.text).group(0), token


def submit_all(base, cases, clients):
    """Spread ``cases`` over ``clients`` threads, each a person with its own cookies.
    Returns ([(reference, token)], [error text]); failures are counted, not raised."""
    errors, results, lock = [], [], threading.Lock()
    shares = [cases // clients + (1 if i < cases % clients else 0) for i in range(clients)]

    def client(index):
        session = requests.Session()
        for k in range(shares[index]):
            try:
                outcome = one_case(base, session, index * 10000 + k)
                with lock:
                    results.append(outcome)
            except Exception as error:  # every failure is counted and shown, not raised in a thread
                with lock:
                    errors.append(repr(error)[:300])

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return results, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()

    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "singlewindow.settings.dev")
    import django
    django.setup()
    from cases.models import Case
    before = Case.objects.count()

    start = time.perf_counter()
    results, errors = submit_all(args.url, args.cases, args.clients)
    elapsed = time.perf_counter() - start

    tokens = [token for _ref, token in results]
    stored = Case.objects.filter(submission_key__in=tokens)
    refs = set(stored.values_list("reference", flat=True))
    print(f"submitted={len(results)} errors={len(errors)} new_cases={Case.objects.count() - before} "
          f"stored_for_tokens={stored.count()} distinct_references={len(refs)} "
          f"seconds={elapsed:.1f} cases_per_second={len(results) / elapsed:.1f}")
    for error in errors[:10]:
        print("error:", error)
    ok = (not errors and len(results) == args.cases and stored.count() == args.cases
          and len(refs) == args.cases and Case.objects.count() - before == args.cases)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
