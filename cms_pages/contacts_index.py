"""Keep the search index in step with the «Контакты» setting.

A page that says «звоните [[figure:hotline]]» is indexed with the number it shows
(``BasePage.search_parts`` renders live figures), so when editors change a contact in the setting,
the documents that hold the old value are built again after the commit: a search for the new
number finds the page, one for the old number no longer does. Indexing never stops an editor from
saving the setting: a failure is logged and fixed by ``rebuild_search_index``.
"""
import logging

from django.db import transaction
from django.db.models.signals import post_save, pre_save

logger = logging.getLogger(__name__)

FIELDS = ("hotline_number", "connection_number", "email")  # the values of the contact figures


def _old_values(sender, instance, **kwargs):
    old = sender.objects.filter(pk=instance.pk).values(*FIELDS).first() if instance.pk else None
    instance._contacts_before = old or {}


def _changed(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_contacts_before", {})
    stale = [before[name] for name in FIELDS if before.get(name) and before[name] != getattr(instance, name)]
    if stale:
        transaction.on_commit(lambda: reindex_showing(stale))


def reindex_showing(values):
    """Index again every page whose indexed text holds one of ``values``; returns how many."""
    from django.db.models import Q
    from wagtail.models import Page

    from search import engine
    from search.models import IndexEntry

    try:
        match = Q()
        for value in values:
            match |= Q(summary__contains=value) | Q(body__contains=value)
        ids = set(IndexEntry.objects.filter(match).values_list("page_id", flat=True))
        for page in Page.objects.filter(pk__in=ids).specific():
            engine.index_page(page)
        return len(ids)
    except Exception:  # noqa: BLE001 - the setting is saved; the index is fixed by a rebuild
        logger.exception("Search index update after a contacts change failed")
        return 0


def connect():
    from cms_pages.models.contacts import ContactSettings

    pre_save.connect(_old_values, sender=ContactSettings, dispatch_uid="cms_pages_contacts_before")
    post_save.connect(_changed, sender=ContactSettings, dispatch_uid="cms_pages_contacts_reindex")
