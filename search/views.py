"""The search page (GOV.UK pattern, works without JavaScript) and the JSON API."""
import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import engine, querylog
from search.answers import answers_for, promoted_pages
from search.text import MAX_QUERY_CHARS, clean_query

logger = logging.getLogger(__name__)
PER_PAGE = 10
API_MAX_LIMIT = 100


def _page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@require_GET
def search_view(request):
    lang = translation.get_language() or "ru"
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    selected = [t for t in request.GET.getlist("type") if t in engine.TYPE_GROUP_KEYS]
    context = {
        "raw_query": raw, "query": query, "selected_types": selected,
        "too_long": len(raw) > MAX_QUERY_CHARS, "max_chars": MAX_QUERY_CHARS,
    }
    if query:
        results = engine.search(query, lang, types=selected or None)
        paginator = Paginator(results.hits, PER_PAGE)
        page_obj = paginator.get_page(_page_number(request.GET.get("page")))
        engine.add_snippets(results, lang, page_obj.start_index() - 1, page_obj.end_index())
        filters = [{"key": key, "label": label, "count": results.counts.get(key, 0),
                    "checked": key in selected}
                   for key, label, _types in engine.TYPE_GROUPS if results.counts.get(key) or key in selected]
        promoted = promoted_pages(query) if page_obj.number == 1 else []
        answer, outages = answers_for(results) if page_obj.number == 1 else (None, None)
        if selected:
            answer = None
        promoted_ids = {p.page_id for p in promoted}
        context.update(
            results=results, page_obj=page_obj, filters=filters, promoted=promoted,
            hits=[h for h in page_obj.object_list if h.page_id not in promoted_ids],
            answer=answer, outages=outages,
            querystring_base=_querystring(query, selected),
        )
        try:
            querylog.record(query, lang, bool(results.counts and sum(results.counts.values())))
        except Exception:  # the log is for editors; it must never break a citizen's search
            logger.exception("Could not record the search query")
    return _briefly_cached(render(request, "search/search.html", context))


def _briefly_cached(response):
    """Ask the public cache middleware for SEARCH_MAX_AGE instead of the page time; it still
    decides whether the response may be public at all (anonymous, no cookies, a 200)."""
    response.public_max_age = settings.SEARCH_MAX_AGE
    return response


def _querystring(query, selected):
    from urllib.parse import urlencode
    return urlencode([("q", query), *[("type", t) for t in selected]])


def _error(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request):
    """GET ?q=&lang=ru|en&limit=N -> results as JSON; bad parameters give 400 with {"error": ...}."""
    raw = request.GET.get("q")
    lang = request.GET.get("lang") or translation.get_language() or "ru"
    if raw is None or not clean_query(raw):
        return _error(_("Параметр q обязателен и не может быть пустым."))
    if len(raw) > MAX_QUERY_CHARS:
        return _error(_("Запрос длиннее %(max)s символов.") % {"max": MAX_QUERY_CHARS})
    if lang not in ("ru", "en"):
        return _error(_("Параметр lang может быть только ru или en."))
    try:
        limit = int(request.GET.get("limit", 10))
    except ValueError:
        return _error(_("Параметр limit должен быть целым числом."))
    if not 1 <= limit <= API_MAX_LIMIT:
        return _error(_("Параметр limit должен быть от 1 до %(max)s.") % {"max": API_MAX_LIMIT})
    with translation.override(lang):
        results = engine.search(raw, lang)
        answer, outages = answers_for(results)
        payload = {
            "query": results.query, "lang": lang, "backend": results.backend, "total": results.total,
            "answer": answer.as_dict() if answer else None,
            "outages": _outages_json(outages),
            "results": [{"title": h.title, "url": h.url, "type": h.page_type, "snippet": str(h.snippet),
                         "score": h.score} for h in results.hits[:limit]],
            "suggestion": results.suggestion or None,
        }
    return _briefly_cached(JsonResponse(payload, json_dumps_params={"ensure_ascii": False}))


def _outages_json(outages):
    if outages is None:
        return None
    keys = ("title", "url", "status", "status_label", "starts_at", "ends_at")
    items = [{k: (v.isoformat() if hasattr(v, "isoformat") else (str(v) if v is not None else None))
              for k, v in item.items() if k in keys} for item in outages["items"]]
    return {"items": items, "report_url": outages["report_url"], "check_url": outages["check_url"]}


@require_GET
def suggest(request):
    """GET ?q= -> {"query", "suggestions": [{"title", "url", "type"}]} in the URL's language, for the
    search box's autocomplete. Fewer than two letters give no suggestions; a query over the
    length limit is a 400 with {"error": ...}."""
    raw = request.GET.get("q", "")
    if len(raw) > MAX_QUERY_CHARS:
        return _error(_("Запрос длиннее %(max)s символов.") % {"max": MAX_QUERY_CHARS})
    lang = translation.get_language() or "ru"
    typed = clean_query(raw)
    suggestions = engine.autocomplete(typed, lang) if typed else []
    return _briefly_cached(JsonResponse({"query": typed, "suggestions": suggestions},
                                        json_dumps_params={"ensure_ascii": False}))
