"""Keep the index in step with publishing: both languages at once, inside the same transaction."""
import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import engine
from search.models import IndexEntry, SynonymGroup
from search.synonyms import clear_cache

logger = logging.getLogger(__name__)


def _safe(func, *args):
    """Indexing must never stop an editor from publishing; failures are logged and fixed by a rebuild."""
    try:
        with transaction.atomic():
            return func(*args)
    except Exception:
        logger.exception("Search index update failed for %s", args)
        return None


def _reindex_subtree(page):
    """The page and, when its URL changed, every indexed descendant (their URLs changed too)."""
    old_urls = set(IndexEntry.objects.filter(page_id=page.pk).values_list("url", flat=True))
    engine.index_page(page)
    new_urls = set(IndexEntry.objects.filter(page_id=page.pk).values_list("url", flat=True))
    if old_urls and old_urls != new_urls:
        for child in page.get_descendants().live().specific():
            engine.index_page(child)


def on_published(sender, instance, **kwargs):
    _safe(_reindex_subtree, instance)


def on_unpublished(sender, instance, **kwargs):
    def remove(page):
        engine.remove_page(page.pk)
        for child in page.get_descendants():
            engine.remove_page(child.pk)
    _safe(remove, instance)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _safe(engine.remove_page, instance.pk)


def on_moved(sender, instance, **kwargs):
    def reindex(page):
        page = Page.objects.get(pk=page.pk).specific  # fresh url_path in every language
        engine.index_page(page)
        for child in page.get_descendants().live().specific():
            engine.index_page(child)
    _safe(reindex, instance)


def connect():
    page_published.connect(on_published, dispatch_uid="portal_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal_search_unpublished")
    post_delete.connect(on_deleted, dispatch_uid="portal_search_deleted")
    post_page_move.connect(on_moved, dispatch_uid="portal_search_moved")
    post_save.connect(clear_cache, sender=SynonymGroup, dispatch_uid="portal_search_synonyms_saved")
    post_delete.connect(clear_cache, sender=SynonymGroup, dispatch_uid="portal_search_synonyms_deleted")
