"""Health endpoints for the load balancer and monitoring; they never reveal personal data."""
import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Liveness: the process answers. No database access, so a DB outage does not restart workers."""
    return JsonResponse({"status": "ok"})


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        logger.exception("readyz: database check failed")
        return False


def _search_status():
    """The embedded engine always answers; Elasticsearch, when configured, may be down (fallback)."""
    from search.engine import elasticsearch_engine

    es = elasticsearch_engine()
    if es is None:
        return {"engine": "embedded", "ok": True}
    if es.available():
        return {"engine": "elasticsearch", "ok": True}
    return {"engine": "embedded", "ok": True, "fallback": True, "elasticsearch": "unreachable"}


def _pending_emails():
    from cases.models import OutgoingEmail

    return OutgoingEmail.objects.exclude(status=OutgoingEmail.SENT).count()


@never_cache
def readyz(request):
    """Readiness: database reachable, search engine (or its fallback) usable, e-mail backlog size."""
    db_ok = _database_ok()
    search = _search_status()
    body = {
        "status": "ok" if db_ok and search.get("ok", False) else "unavailable",
        "database": "ok" if db_ok else "unreachable",
        "search": search,
        "pending_emails": _pending_emails() if db_ok else None,
        "debug": settings.DEBUG,
    }
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
