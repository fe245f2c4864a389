"""Request ids for log lines, headers browsers enforce, and cache headers for public pages."""
import logging
import re
import threading
import uuid

from django.conf import settings
from django.db import DatabaseError, IntegrityError
from django.template.loader import render_to_string
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from themes import low_vision

_local = threading.local()
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id():
    return getattr(_local, "request_id", "-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id()
        return True


class RequestIdMiddleware:
    """Takes X-Request-ID from the proxy (if sane) or makes one, so a citizen's error can be traced."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        request.request_id = _local.request_id = request_id
        try:
            response = self.get_response(request)
        finally:
            _local.request_id = "-"
        response["X-Request-ID"] = request_id
        return response


# The Wagtail admin's own policy: the public one plus 'unsafe-inline' for scripts and styles.
# Wagtail 8 still writes inline <script> elements that the admin cannot work without:
# initDateChooser/initDateTimeChooser for every date field (the explorer's and the case queue's
# filters, the publishing schedule), SnippetChooser and InlinePanel set-up (tariffs, outages), and
# wagtail-modeltranslation's `wagtailModelTranslations` settings; its bundled libraries insert
# <style> elements. Their content varies per page (field ids), so hashes cannot list them, and a
# nonce would have to be stamped on every <script> of the rendered page by a middleware, which
# would bless an injected script just the same (upstream: wagtail/wagtail#1288, #12940).
# What stays strict in the admin: no 'unsafe-eval', scripts, styles, images, fonts and
# connections only from this origin, no plugins, no <base>, forms post only here, framing
# only by this site. Only signed-in users get it: the login and password-reset pages, the
# pages an attacker can reach, keep the public policy. tests/ops/test_csp_browser.py holds
# the admin to exactly this, and says when Wagtail no longer needs the exception.
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CSP_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


def admin_content_security_policy():
    from csp.utils import build_policy

    return build_policy(update=ADMIN_CSP_UPDATE)


class SecurityHeadersMiddleware:
    """Permissions-Policy (not in Django 5.2): the site needs no camera, microphone or location.

    Also swaps in the admin's Content-Security-Policy (above) for signed-in users of /admin/;
    django-csp (further in) has set the public one on every response by then.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if response.has_header("Content-Security-Policy") and _is_signed_in_admin(request):
            response["Content-Security-Policy"] = admin_content_security_policy()
        return response


def _is_signed_in_admin(request):
    user = getattr(request, "user", None)
    return request.path.startswith(ADMIN_PATH_PREFIX) and user is not None and user.is_authenticated


LOW_VISION_VARIANT_HEADER = "X-Low-Vision-Variant"


class PublicCacheMiddleware:
    """Anonymous GETs of public pages may be cached briefly by the proxy; nothing personal ever is.

    Pages vary by the low-vision cookies (the language is in the URL): Vary: Cookie for other
    caches, and X-Low-Vision-Variant (the normalised settings) for nginx, whose key carries them.
    A response that sets a cookie, carries a CSRF token (a page with a form), is for a logged-in
    user, or is not a 200 is private/no-store; a csrftoken cookie alone changes nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if is_publicly_cacheable(request, response):
            # A view may ask for less time (search results are not purged on publish).
            max_age = min(getattr(response, "public_max_age", settings.PUBLIC_PAGE_MAX_AGE),
                          settings.PUBLIC_PAGE_MAX_AGE)
            # The variant the page was rendered for (themes.low_vision.variant_key): nginx keys its
            # cache on the same string built from the cookies and stores a page only if both agree.
            variant = low_vision.variant_key(request.COOKIES)
            response[LOW_VISION_VARIANT_HEADER] = variant
            if variant != "off":  # a publish refreshes only the normal variant in nginx
                max_age = min(max_age, getattr(settings, "LOW_VISION_MAX_AGE", 30))
            patch_cache_control(response, public=True, max_age=max_age)
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


def is_publicly_cacheable(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    user = getattr(request, "user", None)
    if (user is not None and user.is_authenticated) or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds this visitor's CSRF token
    path = request.path
    if path.startswith(settings.NEVER_CACHE_PREFIXES):
        return False
    parts = path.split("/", 2)
    local_path = "/" + parts[2] if len(parts) > 2 else "/"
    return not local_path.startswith(settings.NEVER_CACHE_LANGUAGE_PATHS)


_NOT_ECHOED = {"csrfmiddlewaretoken", "password", "password1", "password2"}


class DatabaseUnavailableMiddleware:
    """A database outage (PostgreSQL down, SQLite file read-only) gives a clear 503, not a 500.

    On a form submission the page shows back what the citizen typed, so nothing is lost, and
    the 24/7 hotline. The page itself touches no database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError) or isinstance(exception, IntegrityError):
            return None
        logging.getLogger(__name__).error("database unavailable: %s", exception)
        submitted = []
        if request.method == "POST":
            try:
                submitted = [(k, v) for k, v in request.POST.items() if k not in _NOT_ECHOED and v.strip()]
            except Exception:  # noqa: BLE001 - the body may be unreadable; show the page anyway
                submitted = []
        html = render_to_string("ops/503.html", {"submitted": submitted,
                                                  "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", "ru")})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "120"
        response["Cache-Control"] = "no-store"
        return response


class RequestBodyLimitMiddleware:
    """A request body larger than REQUEST_BODY_MAX_SIZE (the public form's 5 files of 10 MB and its
    text; nginx's client_max_body_size is the same) gets a clear 413 page in the visitor's language
    before anything reads it, whether it came through nginx or straight to the app."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > getattr(settings, "REQUEST_BODY_MAX_SIZE", 53 * 1024 * 1024):
            from ops.views import request_error_response

            response = request_error_response(request, "too_big", 413)
            response["Connection"] = "close"  # the unread body must not be taken for the next request
            return response
        return self.get_response(request)
