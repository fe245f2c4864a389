"""Reliability of case intake under load: 500 cases from 20 concurrent clients against a real
gunicorn server, on the database the suite runs on (SQLite by default, PostgreSQL when
DATABASE_URL is set), in a database of its own so nothing else in the suite interferes.

Each client walks the whole public form with its own cookies (tests/cases/load_intake.py). The
server must store exactly one case per submission, each with its own reference, and queue one
acknowledgement e-mail per case. The throughput is reported in the suite's closing summary.
"""
import json
import os
import subprocess
import time

from tests.cases.load_intake import submit_all
from tests.server_process import PYTHON, ROOT, ScratchDatabase, gunicorn, manage, server_env

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


def test_500_cases_from_20_concurrent_clients_are_all_stored_once(tmp_path, record_property):
    with ScratchDatabase(tmp_path) as database:
        # one address sends everything here, so the per-address limit is lifted
        env = server_env(tmp_path / "var", database, CASES_RATE_LIMIT="100000/60")
        manage(env, "migrate", "--noinput", "-v", "0")
        with gunicorn(env) as base:
            start = time.perf_counter()
            results, errors = submit_all(base, CASES, CLIENTS)
            elapsed = time.perf_counter() - start
        tokens = [token for _reference, token in results]
        counted = subprocess.run([PYTHON, "-c", COUNT_SCRIPT], cwd=ROOT, env=env, input=json.dumps(tokens),
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
