"""Reliability of case intake under load: 500 cases from 20 concurrent clients against a real
gunicorn server, on the database the suite runs on (SQLite by default, PostgreSQL when
DATABASE_URL is set), in a database of its own so nothing else in the suite interferes.

Each client walks the whole public form with its own cookies (tests/cases/load_intake.py). The
server must store exactly one case per submission, each with its own reference, and queue one
acknowledgement e-mail per case. The throughput is reported in the suite's closing summary.
"""
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.cases.load_intake import one_case

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("INTAKE_LOAD_CASES", "500"))
CLIENTS = int(os.environ.get("INTAKE_LOAD_CLIENTS", "20"))

COUNT_SCRIPT = """
import json, sys, django
django.setup()
from cases.models import Case, OutgoingEmail
tokens = json.loads(sys.stdin.read())
stored = Case.objects.filter(submission_key__in=tokens)
print(json.dumps({
    "cases": Case.objects.count(),
    "stored_for_tokens": stored.count(),
    "distinct_references": len(set(stored.values_list("reference", flat=True))),
    "without_unit": stored.filter(unit__isnull=True).count(),
    "without_due_date": stored.filter(due_date__isnull=True).count(),
    "acknowledgements": OutgoingEmail.objects.filter(case__in=stored, kind="ack").count(),
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ScratchDatabase:
    """A database only this test uses: a SQLite file in tmp, or a new PostgreSQL database."""

    def __init__(self, tmp_path):
        self.url = os.environ.get("DATABASE_URL", "")
        self.tmp_path = tmp_path
        self.pg_name = None

    def __enter__(self):
        if self.url.startswith(("postgres://", "postgresql://")):
            import dj_database_url
            import psycopg
            config = dj_database_url.parse(self.url)
            self.pg_name = f"intake_load_{uuid.uuid4().hex[:10]}"
            self.admin = dict(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
                              user=config["USER"], password=config["PASSWORD"], dbname="postgres",
                              autocommit=True)
            with psycopg.connect(**self.admin) as conn:
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            self.env = {"DATABASE_URL": self.url.rsplit("/", 1)[0] + "/" + self.pg_name}
        else:
            self.env = {"DATABASE_URL": f"sqlite:///{self.tmp_path / 'load.sqlite3'}"}
        return self

    def __exit__(self, *exc):
        if self.pg_name:
            import psycopg
            with psycopg.connect(**self.admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def server_env(tmp_path, database):
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(database.env)
    env.update({
        # dev settings with DEBUG off: production's Secure cookies would not travel over plain http
        "DJANGO_SETTINGS_MODULE": "singlewindow.settings.dev", "DEBUG": "0",
        "VAR_DIR": str(tmp_path / "var"), "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        "CASES_RATE_LIMIT": "100000/60",  # one address sends everything here
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    })
    return env


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def submit_all(base, cases, clients):
    import requests
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


def test_500_cases_from_20_concurrent_clients_are_all_stored_once(tmp_path, record_property):
    python = str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else sys.executable
    with ScratchDatabase(tmp_path) as database:
        env = server_env(tmp_path, database)
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        port = free_port()
        gunicorn = subprocess.Popen(
            [python, "-m", "gunicorn", "singlewindow.wsgi", "-w", "3", "--threads", "4",
             "-b", f"127.0.0.1:{port}", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/healthz", gunicorn)
            start = time.perf_counter()
            results, errors = submit_all(base, CASES, CLIENTS)
            elapsed = time.perf_counter() - start
        finally:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        tokens = [token for _reference, token in results]
        counted = subprocess.run([python, "-c", COUNT_SCRIPT], cwd=ROOT, env=env, input=json.dumps(tokens),
                                 capture_output=True, text=True, check=True)
        counts = json.loads(counted.stdout.strip().splitlines()[-1])

    engine = "PostgreSQL" if database.pg_name else "SQLite"
    rate = len(results) / elapsed
    record_property("figure", f"case intake on {engine}: {len(results)} cases from {CLIENTS} clients "
                              f"in {elapsed:.1f} s = {rate:.1f} cases/s, {len(errors)} errors")
    assert errors == [], errors[:5]
    assert len(results) == CASES
    references_seen = {reference for reference, _token in results}
    assert len(references_seen) == CASES  # each confirmation page showed a reference of its own
    assert counts == {"cases": CASES, "stored_for_tokens": CASES, "distinct_references": CASES,
                      "without_unit": 0, "without_due_date": 0, "acknowledgements": CASES}
