"""The app's own render cache for public Wagtail pages, shared by every worker and server.

One rendered page per URL (path and query, so the language prefix too), scheme and host,
low-vision variant (``themes.low_vision.variant_key``, the same normalised string nginx keys on)
and local date (pages choose tariffs and rates by date), in Django's cache framework under the
``pages`` alias: Redis when ``REDIS_URL`` is set (shared by every server), otherwise a file cache
under ``VAR_DIR`` (shared by the workers of one server). See README, "Render cache".

What is stored: a 200 answer to a GET of a Wagtail page (marked by the ``before_serve_page`` hook
in ``ops/wagtail_hooks.py``) that has no view restriction on it or its ancestors, for a visitor
without a session cookie (signed-in editors, previews and anyone with a session are never served
from it nor stored), and that ``ops.middleware.is_publicly_cacheable`` would let nginx cache: no
cookie set, no CSRF token in the page (a form), not a never-cache path, and no Cache-Control of
its own.

Invalidation is a generation token, not a list of URLs: every key carries the current token, and
a change that can show on a page (publish, unpublish, move, delete, scheduled go-live, a view
restriction, an alert, a legal act, a responsible body, the site's contacts, an outage) writes a
new token after the commit. Every page of every language and variant is then a miss at once; the
stale entries are never read again and expire by RENDER_CACHE_MAX_AGE (or the backend's eviction).
This is coarser than purging the pages that show a snippet, on purpose: menus, listings, search
answer pages and the footer make "which pages show it" hard to know exactly, and a wrong guess
would show stale facts. Time alone also changes pages ("open now", an outage starting, an alert's
window): entries live RENDER_CACHE_MAX_AGE seconds (default PUBLIC_PAGE_MAX_AGE, as nginx).

If the cache backend fails (Redis down), pages are rendered as if there were no cache, one warning
is logged per RENDER_CACHE_RETRY_SECONDS per process, and the cache is not tried again until then,
so a dead Redis costs no time per request. A token write that fails is logged as an error.
"""
import copy
import hashlib
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from ops import frontend_cache
from ops.middleware import is_publicly_cacheable
from themes import low_vision

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "render:generation"
MAX_QUERY_LENGTH = 256  # longer query strings are rendered, not stored (no cache filling by junk URLs)
SESSION_COOKIES = ("sessionid", "messages")  # settings.SESSION_COOKIE_NAME is added at run time
STATUS_HEADER = "X-Render-Cache"  # HIT, MISS or BYPASS: for the benchmark and tests, says nothing private
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "X-Frame-Options",
                 "Vary", "Link", "X-Content-Type-Options")

_state = threading.local()
_lock = threading.Lock()
_down = {"until": 0.0}


def enabled():
    return getattr(settings, "RENDER_CACHE_ENABLED", True) and ALIAS in settings.CACHES


def max_age():
    return getattr(settings, "RENDER_CACHE_MAX_AGE", settings.PUBLIC_PAGE_MAX_AGE)


def _backend_failed(error, action):
    """Remember the failure for RENDER_CACHE_RETRY_SECONDS and warn once for that interval."""
    retry = getattr(settings, "RENDER_CACHE_RETRY_SECONDS", 30)
    with _lock:
        now = time.monotonic()
        first = now >= _down["until"]
        _down["until"] = now + retry
    if first:
        logger.warning("render cache unavailable (%s: %s); pages are rendered uncached, next try in %s s",
                       action, error.__class__.__name__, retry)


def _backend_up():
    return time.monotonic() >= _down["until"]


def reset_backend_state():
    """Forget a remembered failure (tests)."""
    _down["until"] = 0.0


def _cache():
    return caches[ALIAS]


def generation():
    """The current token; a missing one (first start, eviction, a flushed Redis) is created."""
    cache = _cache()
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex[:12]
        if not cache.add(GENERATION_KEY, token, None):
            token = cache.get(GENERATION_KEY) or token
    return token


def bump(reason=""):
    """A new token now: every stored page is a miss from here on."""
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex[:12], None)
    except Exception as error:  # noqa: BLE001 - never block publishing on the cache
        logger.error("render cache: could not invalidate after %s: %s", reason or "a change", error)


def bump_after_commit(reason=""):
    """Invalidate once the change is committed: before that, a request could store the old page
    under the new token. Registered before the nginx refresh, so nginx fetches the new page.
    nginx's own generation (ops.frontend_cache: every variant's copy) follows the same events."""
    if enabled():
        transaction.on_commit(lambda: bump(reason))
    frontend_cache.new_generation_after_commit(reason)


def _has_session(request):
    cookies = request.COOKIES
    session_cookie = getattr(settings, "SESSION_COOKIE_NAME", "sessionid")
    return session_cookie in cookies or any(name in cookies for name in SESSION_COOKIES)


def request_key(request):
    """The cache key of this request's page, or None when it must not come from the cache."""
    if request.method != "GET":
        return None
    cookies = request.COOKIES
    if _has_session(request):
        return None  # signed-in editors and anyone with a session or a pending message
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    path = request.path
    if path.startswith(settings.NEVER_CACHE_PREFIXES):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # let the normal path answer it
    url = f"{request.scheme}://{host}{path}?{query}"
    digest = hashlib.sha1(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{digest}:{low_vision.variant_key(cookies)}:{timezone.localdate().isoformat()}"


def request_generation(request):
    """The token for a public GET (None for the admin, previews, other methods, or no cache)."""
    if not enabled() or not _backend_up() or request.method not in ("GET", "HEAD"):
        return None
    if request.path.startswith(settings.NEVER_CACHE_PREFIXES):
        return None
    try:
        return generation()
    except Exception as error:  # noqa: BLE001 - Redis down: render the page instead
        _backend_failed(error, "get")
        return None


def current_generation():
    """The token of the request being served in this thread (set by RenderCacheMiddleware)."""
    return getattr(_state, "generation", None)


# Per-process memos of what a page render reads and only a publish or a watched change can alter
# (the route from a path to a page, the Site, a dated page's tables): valid for one generation, so
# every worker drops them as soon as the token changes. A miss still renders the whole page.
MEMO_MAX_ENTRIES = 2000
_memo = {"generation": None, "values": {}}


def _memo_values():
    token = current_generation()
    if token is None:
        return None
    if _memo["generation"] != token:
        _memo.update(generation=token, values={})
    return _memo["values"]


def memo(key, compute):
    """compute() once per generation and process; every time when there is no token."""
    values = _memo_values()
    if values is None:
        return compute()
    if key in values:
        return values[key]
    value = compute()
    if len(values) < MEMO_MAX_ENTRIES:
        values[key] = value
    return value


def memo_until(key, compute, boundaries):
    """Like ``memo`` for what also changes with the clock (an alert's window, an outage starting):
    compute() once per generation and process, and again once the clock reaches the first of
    ``boundaries()`` (the instants at which the answer can change: the windows' starts and ends)
    that lay after the time it was computed. Every time when there is no token."""
    values = _memo_values()
    if values is None:
        return compute()
    now = timezone.now()
    found = values.get(key)
    if found is not None and (found[1] is None or now < found[1]):
        return found[0]
    value = compute()
    later = [instant for instant in boundaries() if instant is not None and instant > now]
    if len(values) < MEMO_MAX_ENTRIES or key in values:
        values[key] = (value, min(later) if later else None)
    return value


def route_for_request(request, path, default):
    """Wagtail's Page.route_for_request, remembered per generation, site, language and path (set in
    OpsConfig.ready): the next request for the path gets a copy of the page found (no query)
    instead of loading every child of every level on the way (wagtail-modeltranslation's route
    compares each child's slug in Python). The page's row changes only by a publish, unpublish,
    move or delete (each a new generation), as the stored pages of the render cache itself. The
    page's own route still runs, so a routable page resolves its sub-path; 404s are not remembered."""
    values = _memo_values()
    if hasattr(request, "_wagtail_route_for_request") or values is None or getattr(request, "is_preview", False):
        return default(request, path)
    site = Site.find_for_request(request)
    if site is None:
        return default(request, path)
    components = [component for component in path.split("/") if component]
    if not components:
        return default(request, path)  # the home page: the remembered Site already holds it
    key = ("route", site.pk, translation.get_language(), tuple(components))
    found = values.get(key)
    if found is not None:
        if _has_session(request):  # signed-in editors see the row as it is (their userbar's state)
            page = type(found).objects.filter(pk=found.pk).first()
        else:
            page = copy.copy(found)  # this request's own instance: what a view sets on it stays there
        if page is None:
            return default(request, path)
        try:
            request._wagtail_route_for_request = page.route(request, components[page.depth - site.root_page.depth:])
        except Http404:
            request._wagtail_route_for_request = None
        return request._wagtail_route_for_request
    result = default(request, path)
    if result is not None and len(values) < MEMO_MAX_ENTRIES:
        values[key] = copy.copy(result[0])
    return result


def install_route_memo():
    """Wrap Page.route_for_request (the one entry wagtail.views.serve routes through)."""
    default = Page.route_for_request
    if getattr(default, "render_cache_memo", False):
        return

    def memoised(request, path):
        return route_for_request(request, path, default)

    memoised.render_cache_memo = True
    Page.route_for_request = staticmethod(memoised)


def _find_site(request):
    try:
        key = ("site", request.get_host(), request.get_port())
    except DisallowedHost:
        return
    if not hasattr(request, "_wagtail_site"):
        try:
            request._wagtail_site = memo(key, lambda: Site._find_for_request(request))
        except DatabaseError:
            # The database is down: leave the site to be found inside the view, where
            # ops.middleware.DatabaseUnavailableMiddleware turns the failure into the 503 page
            # (raised here, outside it, it was a bare 500).
            return


def lookup(request, token):
    """(full key, cached response or None); (None, None) if the cache is off, down or not for this."""
    if token is None:
        return None, None
    key = request_key(request)
    if key is None:
        return None, None
    try:
        full_key = f"page:{token}:{key}"
        stored = _cache().get(full_key)
    except Exception as error:  # noqa: BLE001 - Redis down: render the page instead
        _backend_failed(error, "get")
        return None, None
    if stored is None:
        return full_key, None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))  # CommonMiddleware, which sets it, is not run
    return full_key, response


def storable(request, response):
    page = getattr(request, "render_cache_page", None)
    if page is None or getattr(request, "is_preview", False):
        return False
    if response.status_code != 200 or response.has_header("Cache-Control") or response.streaming:
        return False
    if not is_publicly_cacheable(request, response):
        return False  # a cookie set, a CSRF token in the page, a signed-in user, a never-cache path
    return not getattr(request, "render_cache_restricted", True)


def store(full_key, response):
    if max_age() <= 0:
        return  # RENDER_CACHE_MAX_AGE=0: every page rendered (cold), the memos still work
    headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
    try:
        _cache().set(full_key, (response.status_code, headers, response.content), max_age())
    except Exception as error:  # noqa: BLE001
        _backend_failed(error, "set")


class RenderCacheMiddleware:
    """Serves stored pages before sessions, CSRF, auth and the view run; stores what qualifies.

    Sits inside PublicCacheMiddleware (which adds the proxy's Cache-Control to a hit as to any
    public page) and outside the session, locale, CSRF and auth middleware, so a hit costs two
    cache reads. A miss is stored only after the whole inner stack has answered, with the headers
    it set, when ``storable`` says so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _state.generation = request_generation(request)
        try:
            full_key, cached = lookup(request, token)
            if cached is not None:
                cached[STATUS_HEADER] = "HIT"
                return cached
            if token is not None:
                _find_site(request)
            response = self.get_response(request)
        finally:
            _state.generation = None
        if full_key is not None and storable(request, response):
            store(full_key, response)
            response[STATUS_HEADER] = "MISS"
        elif getattr(request, "render_cache_page", None) is not None:
            response[STATUS_HEADER] = "BYPASS"
        return response


def mark_page(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: this response is a Wagtail page; may it be stored?"""
    if not enabled():
        return  # no query for a cache that is off
    request.render_cache_page = page
    request.render_cache_restricted = restricted = memo(("restricted", page.pk),
                                                        lambda: page.get_view_restrictions().exists())
    if not restricted and current_generation() is not None and not getattr(request, "is_preview", False):
        # Wagtail's own check (the on_serve_page hook, run next) would ask again with two queries:
        # the page and its ancestors have no restriction in this generation (a restriction saved
        # or a page moved starts a new one), so it gets the empty answer for this request's page.
        page.get_view_restrictions = PageViewRestriction.objects.none


# Models whose rows show on public pages outside the page tree (snippets, site settings, outages).
WATCHED_MODELS = {
    "cms_pages.alertbanner", "cms_pages.legalact", "cms_pages.responsiblebody", "cases.routingrule",
    "wagtailcore.pageviewrestriction", "wagtailcore.site",
    "outages.outage", "outages.outagelocation", "outages.outageevent", "outages.networkdistrict",
    "outages.settlement", "outages.street",
    "outages.importbatch",  # a CSV import adds its new outages with bulk_create (no signal); its batch is saved
}


def _is_watched(instance):
    label = instance._meta.label_lower
    return label in WATCHED_MODELS or isinstance(instance, (BaseSiteSetting, BaseGenericSetting))


def on_model_changed(sender, instance, **kwargs):
    if _is_watched(instance):
        bump_after_commit(f"{instance._meta.label} changed")


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_after_commit("a page deleted")


def on_page_event(sender, instance, **kwargs):
    bump_after_commit("a page published, unpublished or moved")


def connect():
    """Called from OpsConfig.ready() before the nginx refresh handlers are connected."""
    install_route_memo()
    page_published.connect(on_page_event, dispatch_uid="ops_render_cache_published")
    page_unpublished.connect(on_page_event, dispatch_uid="ops_render_cache_unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="ops_render_cache_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="ops_render_cache_page_deleted")
    post_save.connect(on_model_changed, dispatch_uid="ops_render_cache_model_saved")
    post_delete.connect(on_model_changed, dispatch_uid="ops_render_cache_model_deleted")
