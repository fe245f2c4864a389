"""The search engine's readiness check, registered with ops (ops/health.py) in SearchConfig.ready()."""
from search.engine import elasticsearch_engine


def search_status():
    """The embedded engine always answers; Elasticsearch, when configured, may be down (fallback)."""
    es = elasticsearch_engine()
    if es is None:
        return {"engine": "embedded", "ok": True}
    if es.available():
        return {"engine": "elasticsearch", "ok": True}
    return {"engine": "embedded", "ok": True, "fallback": True, "elasticsearch": "unreachable"}
