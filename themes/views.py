"""The low-vision settings: an ordinary form (GET or POST with CSRF) that sets cookies and goes back."""
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from themes import low_vision


def safe_next(request, candidate):
    """The page to return to, only if it is on this site; otherwise None."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


@never_cache
def settings_page(request):
    return render(request, "themes/settings.html", {
        "next_url": safe_next(request, request.GET.get("next")) or "",
        "groups": low_vision.from_cookies(request.COOKIES).groups(),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def set_settings(request):
    params = request.POST if request.method == "POST" else request.GET
    switch, values = low_vision.changes_from_params(params)
    panel = low_vision.panel_from_params(params, switch, values)
    target = safe_next(request, params.get("next")) or reverse("themes:settings")
    response = redirect(target)
    response.status_code = 303
    return low_vision.apply_to_response(response, switch, values, secure=request.is_secure(), panel=panel)


def favicon(request):
    """/favicon.ico for browsers that ignore <link rel="icon">; resolved per request because the
    hashed static name exists only after collectstatic."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
