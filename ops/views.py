"""Health endpoints for the load balancer and monitoring; they never reveal personal data."""
import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from ops import health

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


@never_cache
def readyz(request):
    """Readiness: database reachable, then every check the apps registered (ops/health.py): the
    search engine (or its fallback), the e-mail backlog, ..."""
    db_ok = _database_ok()
    checks, checks_ok = health.run_all(db_ok)
    body = {
        "status": "ok" if db_ok and checks_ok else "unavailable",
        "database": "ok" if db_ok else "unreachable",
        **checks,
        "debug": settings.DEBUG,
    }
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)


# --- bad requests: a clear page in the visitor's language, never a 500 or Django's bare 400 -----

def request_error_response(request, kind, status):
    """The page for a request the site cannot read: ``kind`` is "too_big", "broken" or "bad".

    It touches no database and reads nothing of the body (which may be what is wrong)."""
    from django.http import HttpResponse
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.http import url_has_allowed_host_and_scheme
    from django.utils.translation import gettext as _

    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        if kind == "too_big":
            title = _("Слишком большой запрос")
            message = _("Отправленные данные больше, чем принимает сайт, поэтому мы их не приняли.")
            advice = _("Текст обращения — не больше 5000 знаков; можно приложить до 5 файлов PDF, JPG или PNG, "
                       "каждый не больше 10 МБ. Ответы, сохранённые на прошлых шагах, не потеряны: вернитесь "
                       "к форме, сократите текст или уменьшите файлы и отправьте снова.")
        elif kind == "broken":
            title = _("Форма пришла повреждённой")
            message = _("Данные формы дошли не полностью или в неправильном виде, поэтому мы не смогли их прочитать.")
            advice = _("Ответы, сохранённые на прошлых шагах, не потеряны: вернитесь к форме и отправьте её ещё раз. "
                       "Если ошибка повторится, попробуйте другой браузер или позвоните нам.")
        else:
            title = _("Неправильный запрос")
            message = _("Адрес страницы или данные запроса содержат ошибку, поэтому мы не можем его выполнить.")
            advice = _("Проверьте адрес и попробуйте ещё раз.")
        back_url = request.path if url_has_allowed_host_and_scheme(request.path, allowed_hosts=None) else ""
        html = render_to_string("ops/request_error.html", {
            "LANGUAGE_CODE": language, "title": title, "message": message, "advice": advice,
            "back_url": back_url if request.method == "POST" else ""})
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def drain_unread_body(request, limit=None):
    """Read and discard what is left of a refused request's body (at most REQUEST_BODY_MAX_SIZE).

    Behind nginx, gunicorn closes the connection after the answer; closing it with the body still
    unread resets the socket, and nginx shows the visitor a bare 502 instead of our page (seen in CI
    for a 5 MB form). Django's LimitedStream stops at CONTENT_LENGTH, so this never blocks."""
    limit = limit if limit is not None else getattr(settings, "REQUEST_BODY_MAX_SIZE", 53 * 1024 * 1024)
    stream = getattr(request, "_stream", None)
    if stream is None:
        return
    read = 0
    try:
        while read < limit:
            chunk = stream.read(64 * 1024)
            if not chunk:
                break
            read += len(chunk)
    except OSError:  # the client went away: nothing left to drain
        pass


def bad_request(request, exception=None):
    """handler400: Django calls it for SuspiciousOperation and BadRequest, including a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (413 here) and a multipart body it cannot parse."""
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
    from django.http.multipartparser import MultiPartParserError

    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        drain_unread_body(request)
        return request_error_response(request, "too_big", 413)
    if isinstance(exception, MultiPartParserError) or isinstance(getattr(exception, "__cause__", None),
                                                                 MultiPartParserError):
        drain_unread_body(request)
        return request_error_response(request, "broken", 400)
    from django.views.defaults import bad_request as default_bad_request
    return default_bad_request(request, exception)  # the theme's 400.html
