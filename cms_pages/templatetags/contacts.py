"""``{% hotline as hotline %}``: the hotline from the site setting (``cms_pages.ContactSettings``).

``hotline.name``, ``hotline.number`` (as shown), ``hotline.href`` («tel:88002200220»); ``{{ hotline }}``
prints the number. Works without a request (e-mails: the default site's setting) and without a
database: the bare error pages (``ops/bare_page.html``) are shown when the database may be down,
so a failed read falls back to the last value this process read, else to the values the data
migration preloaded (``cms_pages.models.contacts.fallback``). It never raises.
"""
import logging

from django import template
from django.db import DatabaseError
from django.utils import translation

from cms_pages.models import contacts
from ops.render_cache import memo  # a setting change starts a new generation

register = template.Library()
_last_read = {}  # language -> Hotline: what this process last read from the database


def current_hotline(request=None):
    """The hotline in the active language, for ``request``'s site (or the default site)."""
    from wagtail.models import Site

    language = translation.get_language() or "ru"
    try:
        if request is not None and getattr(request, "get_host", None):
            setting = contacts.ContactSettings.for_request(request)
        else:
            site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
            if site is None:
                return contacts.fallback(language)
            setting = contacts.ContactSettings.for_site(site)
        hotline = setting.hotline
    except DatabaseError as error:  # the database is down: the bare pages must still show the number
        logging.getLogger(__name__).warning("hotline setting unreadable, using the fallback: %s", error)
        return _last_read.get(language) or contacts.fallback(language)
    except Exception:  # noqa: BLE001 - e.g. a request without a known site; the number must show
        logging.getLogger(__name__).exception("hotline setting unreadable")
        return _last_read.get(language) or contacts.fallback(language)
    _last_read[language] = hotline
    return hotline


@register.simple_tag(takes_context=True)
def hotline(context):
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None)  # set by the render cache for a public GET
    if site is None:
        return current_hotline(request)
    return memo(("hotline", site.pk, translation.get_language()), lambda: current_hotline(request))
