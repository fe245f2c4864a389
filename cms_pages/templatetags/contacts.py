"""``{% hotline as hotline %}``: the hotline from the site setting (``cms_pages.ContactSettings``).

``hotline.name``, ``hotline.number`` (as shown), ``hotline.href`` («tel:88002200220»); ``{{ hotline }}``
prints the number. Works without a request (e-mails: the default site's setting) and without a
database: the bare error pages (``ops/bare_page.html``) are shown when the database may be down,
so a failed read falls back to the last value this process read, else to the values the data
migration preloaded (``cms_pages.models.contacts.fallback``). It never raises.

``{% site_contacts as contacts %}``: every site-wide contact (``cms_pages.models.contacts.Contacts``):
``contacts.hotline``, ``contacts.email``, ``contacts.connection_phone`` (``.number``, ``.href``),
``contacts.connection_email``, ``contacts.privacy_email``; read and cached like the hotline (without
a database only the hotline is known: the others are then empty and not shown).
"""
import logging

from django import template
from django.db import DatabaseError
from django.utils import translation

from cms_pages.models import contacts
from ops.render_cache import memo  # a setting change starts a new generation

register = template.Library()
_last_read = {}  # language -> Contacts: what this process last read from the database


def _fallback(language):
    return _last_read.get(language) or contacts.Contacts(hotline=contacts.fallback(language))


def current_contacts(request=None):
    """Every site-wide contact in the active language, for ``request``'s site (or the default site)."""
    from wagtail.models import Site

    language = translation.get_language() or "ru"
    try:
        if request is not None and getattr(request, "get_host", None):
            setting = contacts.ContactSettings.for_request(request)
        else:
            site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
            if site is None:
                return contacts.Contacts(hotline=contacts.fallback(language))
            setting = contacts.ContactSettings.for_site(site)
        found = setting.contacts
    except DatabaseError as error:  # the database is down: the bare pages must still show the number
        logging.getLogger(__name__).warning("contacts setting unreadable, using the fallback: %s", error)
        return _fallback(language)
    except Exception:  # noqa: BLE001 - e.g. a request without a known site; the number must show
        logging.getLogger(__name__).exception("contacts setting unreadable")
        return _fallback(language)
    _last_read[language] = found
    return found


def current_hotline(request=None):
    """The hotline in the active language, for ``request``'s site (or the default site)."""
    return current_contacts(request).hotline


def _memo_contacts(context):
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None)  # set by the render cache for a public GET
    if site is None:
        return current_contacts(request)
    return memo(("contacts", site.pk, translation.get_language()), lambda: current_contacts(request))


@register.simple_tag(takes_context=True)
def hotline(context):
    return _memo_contacts(context).hotline


@register.simple_tag(takes_context=True)
def site_contacts(context):
    return _memo_contacts(context)
