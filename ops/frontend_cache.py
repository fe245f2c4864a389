"""Purge the proxy cache for exactly the pages a publish changes, in every language.

Wagtail's own handler purges a page's URL in the active language only; with
wagtail-modeltranslation each page has one URL per language, and the parent's listing and the
page's own sub-routes (e.g. a tariff page's data.csv) change with it.
"""
import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch

logger = logging.getLogger(__name__)


class NginxRefreshBackend(HTTPBackend):
    """Refreshes a page in nginx's proxy_cache (deploy/nginx.conf.template) instead of PURGE.

    Stock nginx cannot purge; a loopback GET with ``X-Cache-Refresh: 1`` bypasses the cached copy
    and stores the freshly rendered page in its place, so the next visitor gets a hit at once.
    """

    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, ""])
        request = Request(target, headers={"Host": host, "X-Cache-Refresh": "1",
                                           "User-Agent": "portal-cache-refresh"})
        try:
            with urlopen(request, timeout=5) as response:  # noqa: S310 - LOCATION comes from settings
                response.read()
        except (URLError, OSError) as error:
            logger.error("Could not refresh %s in the proxy cache: %s", url, error)


def urls_to_purge(page):
    urls = []
    page = page.specific
    parent = page.get_parent()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for target in (page, parent.specific if parent and parent.depth > 1 else None):
                if target is None:
                    continue
                root_url = target.get_url_parts()
                if not root_url:
                    continue
                _site_id, site_root, page_path = root_url
                base = (site_root or "") + page_path
                for sub in target.get_cached_paths():
                    urls.append(base + sub.lstrip("/"))
    return list(dict.fromkeys(urls))


def purge_page(page):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    batch.add_urls(urls_to_purge(page))
    batch.purge()


def on_page_changed(sender, instance, **kwargs):
    """Purge after commit, or a request in between could cache the old version again."""

    def purge():
        try:
            purge_page(instance)
        except Exception:  # noqa: BLE001 - a cache purge must never block publishing
            logger.exception("frontend cache purge failed for page %s", instance.pk)

    transaction.on_commit(purge)
