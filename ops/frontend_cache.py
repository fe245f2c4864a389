"""Keep nginx's page cache (deploy/nginx.conf.template) in step with the content, for every visitor.

**A generation nginx can see.** nginx keys every page on ``$realpath_root``: the ``root`` of its
``location /`` is a symbolic link (``FRONTEND_CACHE_GENERATION_LINK``, by default
``VAR_DIR/nginx-generation/current``) that points to an empty folder ``g-<time>-<random>``. After the
commit of anything that can change a page, the same events that start a new generation of the
app's render cache (``ops.render_cache.bump_after_commit``: publish, unpublish, move, delete,
scheduled go-live, a view restriction, a watched snippet or setting), ``new_generation`` points
the link to a new folder with one atomic ``rename``. From the next request on, every key is new:
the anonymous visitor, every low-vision variant, the csrftoken visitor (who shares the anonymous
key), every language, search and the other views behind ``location /``: all are fetched from the
app once and cached again. The old copies are never read again and leave nginx's cache after its
``inactive`` time (or when ``max_size`` needs the room). nginx resolves the link on every request
(``open_file_cache`` stays off there): a ``realpath()``, a few ``lstat`` calls, no module beyond
Debian's stock nginx (not even ``auth_request``), no reload and no signal to nginx's master.

Why not refresh each cached variant: nginx cannot list what it holds, stock nginx cannot purge
(``proxy_cache_purge`` is a third-party module), and only a GET with the variant's cookies can
replace a variant's copy. Recording in the app which of the thousands of cookie combinations were
rendered for each path, then sending one loopback GET per recorded variant, per language and per
sub-route on every publish, costs a render per GET (hundreds of them for a popular page, after
the commit, in the publishing request or the ``publish_scheduled`` run) and still leaves a watched
snippet: an alert or the contacts show on every page, and "which paths show it" is the question
the render cache refuses to guess (see its docstring). A generation covers every page, variant and
event at the price of being coarse: after a change each cached copy costs one render (one per key
at a time, ``proxy_cache_lock``), exactly as the render cache behind it does already. Copies still
expire after their ``max-age`` for what time alone changes («открыто сейчас», an outage starting).

If the link is missing nginx logs ``realpath() ... failed`` at ``crit`` and keys on an empty
generation (pages are still served and cached, a publish then shows only after ``max-age``); the
app makes the link when it starts (``ensure_generation_link``, from ``OpsConfig.ready``). A link
that cannot be changed (permissions, a full disk) is logged as an error and never blocks or fails
publishing. The folder must be writable by the app's user (the gunicorn workers and the
``publish_scheduled`` cron job) and searchable by nginx's workers.

**A warm-up after publishing.** ``NginxRefreshBackend`` then fetches the changed page, its
sub-routes and its parent's listing in every language for the anonymous visitor (a loopback GET
with ``X-Cache-Refresh: 1``, which only loopback may send): they are hits again under the new
generation before the first visitor asks. Wagtail's own handler purges a page's URL in the active
language only; with wagtail-modeltranslation each page has one URL per language, hence
``urls_to_purge``.
"""
import logging
import os
import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch

logger = logging.getLogger(__name__)

# g-<nanoseconds, 16 hex digits>-<random>: sorted by name in the order they were made (file times
# are coarser than a burst of changes), never the same twice. Other names in the folder are left.
GENERATION_NAME = re.compile(r"^g-[0-9a-f]{16}-[0-9a-f]{8}$")
# Folders kept besides the newest: a worker that read the link just before it moved still finds
# its target. Older ones are removed.
KEPT_GENERATIONS = 8


def generation_link():
    """The link nginx's ``location /`` has as its root, or None when nginx is not in front."""
    link = getattr(settings, "FRONTEND_CACHE_GENERATION_LINK", "")
    return Path(link) if link else None


def write_generation(link):
    """Point ``link`` to a new, never used, empty folder beside it, atomically; the folder's name.

    The temporary link has a name of its own, so two processes changing generations at once
    never meet: the last rename wins, and either way the generation is new."""
    link = Path(link)
    folder = link.parent
    folder.mkdir(parents=True, exist_ok=True)
    name = f"g-{time.time_ns():016x}-{uuid.uuid4().hex[:8]}"
    target = folder / name
    target.mkdir()
    temporary = folder / f".{link.name}.{name}"
    os.symlink(target.name, temporary)  # relative: the folder can be moved or bind-mounted
    os.replace(temporary, link)
    _remove_old_generations(folder, keep=name)
    return name


def _remove_old_generations(folder, keep):
    older = sorted((entry.name for entry in os.scandir(folder)
                    if GENERATION_NAME.match(entry.name) and entry.name != keep), reverse=True)
    for name in older[KEPT_GENERATIONS:]:
        try:
            os.rmdir(folder / name)
        except OSError:
            pass  # removed by another process already, or not an empty folder: not ours


def current_generation():
    """The folder the link points to now (None without a link): for tests and diagnostics."""
    link = generation_link()
    if link is None or not link.is_symlink():
        return None
    return os.readlink(link)


def ensure_generation_link():
    """Make the link if it is missing or broken (at start-up); an existing one is left alone."""
    link = generation_link()
    if link is None or link.exists():
        return
    try:
        write_generation(link)
    except OSError as error:
        logger.error("nginx cache: could not make the generation link %s: %s", link, error)


def new_generation(reason=""):
    """Every page nginx holds is a miss from now on, for every variant; never raises."""
    link = generation_link()
    if link is None:
        return
    try:
        write_generation(link)
    except Exception as error:  # noqa: BLE001 - never block or fail publishing on the proxy cache
        logger.error("nginx cache: could not start a new generation after %s (%s: %s); cached pages "
                     "stay until they expire", reason or "a change", error.__class__.__name__, error)


def new_generation_after_commit(reason=""):
    """After the commit (before it, a request could cache the old page under the new key), and
    after the render cache's new token, which is registered first: nginx then fetches new pages."""
    if generation_link() is None:
        return
    transaction.on_commit(lambda: new_generation(reason))


class NginxRefreshBackend(HTTPBackend):
    """Refreshes a page in nginx's proxy_cache (deploy/nginx.conf.template) instead of PURGE.

    Stock nginx cannot purge; a loopback GET with ``X-Cache-Refresh: 1`` bypasses the cached copy
    and stores the freshly rendered page in its place, so the next visitor gets a hit at once.
    This covers the anonymous visitor only: every other variant is made new by the generation
    (above), which is changed before this runs.
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
