"""Health checks that apps register with ``ops`` (``/readyz`` asks each of them; ops names no app).

An app registers in its ``AppConfig.ready()``::

    from ops import health
    health.register("search", search_status, needs_database=False)

A check returns a JSON-serialisable value. It is "not ready" when the value is a dict whose
``ok`` is false. Checks that need the database are skipped (reported as ``None``) while it is
unreachable, so a database outage gives one clear answer instead of a cascade of errors. A
check must never reveal personal data: counts and states only.
"""
import logging
from dataclasses import dataclass
from typing import Callable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[], object]
    needs_database: bool


_CHECKS: dict[str, Check] = {}


def register(name, run, needs_database=True):
    """Add (or replace, for the same name) a readiness check."""
    _CHECKS[name] = Check(name, run, needs_database)


def registered():
    return list(_CHECKS.values())


def run_all(database_ok):
    """{name: value} for every check, and whether all that ran are ok."""
    results, all_ok = {}, True
    for check in registered():
        if check.needs_database and not database_ok:
            results[check.name] = None
            continue
        try:
            value = check.run()
        except Exception:  # noqa: BLE001 - a failing check means "not ready", never a 500
            logger.exception("readyz: the %s check failed", check.name)
            value = {"ok": False, "error": "check failed"}
        if isinstance(value, dict) and value.get("ok") is False:
            all_ok = False
        results[check.name] = value
    return results, all_ok
