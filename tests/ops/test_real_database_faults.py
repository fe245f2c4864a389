"""Real database faults against a real server, not simulated errors: the SQLite file on a
file system remounted read-only, or PostgreSQL refusing every connection to the database.

Pages answer a clear 503 in the visitor's language, a form submission is shown back so nothing
typed is lost, liveness stays up while readiness says unavailable, and once the database is back
the same visitor finishes the request without restarting anything.
"""
import re
import subprocess
import tempfile
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest

from tests.server_process import ScratchDatabase, gunicorn, manage, on_postgresql, server_env

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MESSAGE = "Оборван провод у дома 5, искрит"


@contextmanager
def tmpfs():
    """A small file system of our own that can be made read-only even for root."""
    directory = Path(tempfile.mkdtemp(prefix="dbfault-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(directory)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], capture_output=True)
        directory.rmdir()


class SqliteReadOnly:
    def __init__(self, mount):
        self.mount = mount

    def break_it(self):
        # The kernel refuses a read-only remount while a file on it is open for writing ("busy"):
        # a worker may still be closing the connection of the last request, so try for a while.
        deadline = time.monotonic() + 15
        while True:
            result = subprocess.run(["mount", "-o", "remount,ro", str(self.mount)], capture_output=True, text=True)
            if result.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"could not remount {self.mount} read-only: {result.stderr.strip()}")
            time.sleep(0.2)

    def repair(self):
        subprocess.run(["mount", "-o", "remount,rw", str(self.mount)], check=True)


class PostgresRefusing:
    def __init__(self, database):
        self.database = database

    def break_it(self):
        name = self.database.pg_name
        self.database.admin_sql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false',
                                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")

    def repair(self):
        self.database.admin_sql(f'ALTER DATABASE "{self.database.pg_name}" WITH ALLOW_CONNECTIONS true')


@contextmanager
def running_site(tmp_path, workers=2, threads=2):
    with (tmpfs() if not on_postgresql() else nullcontext(tmp_path)) as directory:
        with ScratchDatabase(directory) as database:
            env = server_env(directory / "var", database)
            manage(env, "migrate", "--noinput", "-v", "0")
            fault = PostgresRefusing(database) if database.pg_name else SqliteReadOnly(directory)
            with gunicorn(env, workers=workers, threads=threads) as base:
                yield base, fault


def form_step(session, base, path, data):
    page = session.get(base + path, timeout=30)
    assert page.status_code == 200, (path, page.status_code)
    return session.post(base + path, data={**data, "csrfmiddlewaretoken": CSRF_RE.search(page.text).group(1)},
                        allow_redirects=False, timeout=30)


def test_database_fault_gives_503_keeps_typed_text_and_recovers(tmp_path):
    import requests

    with running_site(tmp_path) as (base, fault):
        visitor = requests.Session()
        assert visitor.get(base + "/en/requests/new/", timeout=30).status_code == 200
        chosen = form_step(visitor, base, "/ru/requests/new/", {"request_type": "supply_quality"})
        assert chosen.status_code == 302
        details_page = visitor.get(base + "/ru/requests/new/details/", timeout=30)
        csrf = CSRF_RE.search(details_page.text).group(1)

        fault.break_it()
        try:
            refused = visitor.post(base + "/ru/requests/new/details/", allow_redirects=False, timeout=30, data={
                "site_address": "ул. Ленина, 5", "message": MESSAGE, "csrfmiddlewaretoken": csrf})
            assert refused.status_code == 503
            assert "Сервис временно недоступен" in refused.text
            assert MESSAGE in refused.text and "ул. Ленина, 5" in refused.text  # shown back to copy
            assert "8-800-220-0-220" in refused.text
            assert refused.headers["Retry-After"]

            # A page the worker holds in memory (the route, the site, the menu: ops.render_cache's
            # memos) may still be shown; anything that must read the database answers the 503 page.
            for lang, title in (("ru", "Сервис временно недоступен"), ("en", 'lang="en"')):
                looker = requests.Session()
                form = looker.get(f"{base}/{lang}/requests/status/", timeout=30)
                assert form.status_code in (200, 503), (lang, form.status_code)  # never a bare 500
                if form.status_code == 503:
                    assert title in form.text
                    continue
                lookup = looker.post(f"{base}/{lang}/requests/status/", timeout=30, data={
                    "reference": "ЕО-2026-7K3Q9", "access_code": "ABCD-EFGH",
                    "csrfmiddlewaretoken": CSRF_RE.search(form.text).group(1)})
                assert lookup.status_code == 503 and title in lookup.text, (lang, lookup.status_code)
            assert requests.get(base + "/healthz", timeout=30).status_code == 200
            ready = requests.get(base + "/readyz", timeout=30)
            assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
        finally:
            fault.repair()

        # The database is back: the same visitor sends the same text and finishes the request.
        details = form_step(visitor, base, "/ru/requests/new/details/",
                            {"site_address": "ул. Ленина, 5", "message": MESSAGE})
        assert details.status_code == 302 and details.headers["Location"].endswith("/contact/")
        contact = form_step(visitor, base, "/ru/requests/new/contact/", {
            "applicant_name": "Анна Петрова", "email": "anna@example.ru", "phone": "", "postal_address": "",
            "consent": "on", "website": ""})
        assert contact.status_code == 302
        check = visitor.get(base + "/ru/requests/new/check/", timeout=30)
        assert MESSAGE in check.text
        token = re.search(r'name="token" value="([0-9a-f]+)"', check.text).group(1)
        sent = visitor.post(base + "/ru/requests/new/check/", allow_redirects=False, timeout=30, data={
            "token": token, "csrfmiddlewaretoken": CSRF_RE.search(check.text).group(1)})
        assert sent.status_code == 302
        done = visitor.get(base + "/ru/requests/new/done/", timeout=30)
        assert re.search(r"ЕО-\d{4}-[0-9A-Z]{5}", done.text)
        assert requests.get(base + "/readyz", timeout=30).status_code == 200


@pytest.mark.skipif(not on_postgresql(), reason="kept connections are PostgreSQL's (SQLite opens one per request)")
def test_the_first_request_after_a_database_restart_is_served(tmp_path):
    """A worker keeps its connection between requests (CONN_MAX_AGE). When PostgreSQL drops it (a
    restart, a failover) while the worker is idle, the next request must not fail on the dead
    connection: it is checked first (CONN_HEALTH_CHECKS) and opened again. One worker, one thread,
    so the request certainly lands on the connection that was dropped."""
    import requests

    with running_site(tmp_path, workers=1, threads=1) as (base, fault):
        assert requests.get(base + "/readyz", timeout=30).status_code == 200  # asks the database, keeps the connection
        fault.break_it()  # terminates every backend of the database, the worker's idle one too
        fault.repair()
        again = requests.get(base + "/readyz", timeout=30)
        assert again.status_code == 200, again.json()
